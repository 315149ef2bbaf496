import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

type Context = IHookFunctions | IWebhookFunctions;

export interface HubspotTriggerConfig {
	authentication: string;
	events: string[];
	properties: string[];
	management: 'manual' | 'automatic';
	dedupeWindow: number;
	dropOwnChanges: boolean;
	maxAgeMinutes: number;
	ownAppId: string;
	ownSourceIds: string[];
	publicWebhookUrl: string;
}

const list = (v: unknown): string[] =>
	String(v ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);

export function readConfig(ctx: Context): HubspotTriggerConfig {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		authentication: ctx.getNodeParameter('authentication', 'hubspotSyncPrivateAppApi') as string,
		events: ctx.getNodeParameter('events', []) as string[],
		properties: list(ctx.getNodeParameter('properties', '')),
		management: ctx.getNodeParameter('subscriptionManagement', 'manual') === 'automatic' ? 'automatic' : 'manual',
		dedupeWindow: Number(options.dedupeWindow ?? 5000) || 5000,
		dropOwnChanges: options.dropOwnChanges === true,
		maxAgeMinutes: Number(options.maxAgeMinutes ?? 5) || 5,
		ownAppId: String(options.ownAppId ?? '').trim(),
		ownSourceIds: list(options.ownSourceIds),
		publicWebhookUrl: String(options.publicWebhookUrl ?? '').trim(),
	};
}

/** The URL HubSpot is told to call and signs against: the override, else n8n's production URL for this node. */
export function targetUrl(ctx: Context, config: HubspotTriggerConfig): string {
	return config.publicWebhookUrl || (ctx.getNodeWebhookUrl('default') ?? '');
}

/** Reads the base URL (the sandbox in tests) and client secret from the chosen credential. */
export async function readCredentialSettings(ctx: Context, authentication: string): Promise<{ baseUrl: string; clientSecret: string }> {
	const c = await ctx.getCredentials(authentication);
	return {
		baseUrl: String(c.baseUrl ?? '').trim() || 'https://api.hubapi.com',
		clientSecret: String(c.clientSecret ?? ''),
	};
}
