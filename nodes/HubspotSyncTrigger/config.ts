import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

type Context = IHookFunctions | IWebhookFunctions;

export interface HubspotTriggerConfig {
	authentication: string;
	events: string[];
	properties: string[];
	management: 'manual' | 'automatic';
	dedupeWindow: number;
	/** v1/v2 signatures accepted when a request has no v3 headers. Off unless set: a missing option means v3 only. */
	acceptLegacySignatures: boolean;
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
		acceptLegacySignatures: options.acceptLegacySignatures === true,
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

/**
 * Client secrets by credential id, so a webhook call does not decrypt the credential every time: in n8n 2.41 each
 * getCredentials() runs the credential's defaults through the expression engine (an isolated-vm isolate), which
 * under load was most of the webhook process's CPU. A secret is reused for at most SECRET_TTL_MS; when a signature
 * does not verify with a cached secret, the caller asks again with `fresh` (rotation), at most once per
 * SECRET_REFRESH_MS per credential so forged calls cannot make every request decrypt.
 */
const SECRET_TTL_MS = 60_000;
const SECRET_REFRESH_MS = 5_000;
const secrets = new Map<string, { secret: string; at: number }>();

export async function readClientSecret(ctx: IWebhookFunctions, authentication: string, fresh = false): Promise<{ clientSecret: string; cached: boolean }> {
	const id = ctx.getNode().credentials?.[authentication]?.id ?? '';
	const key = `${authentication}:${id}`;
	const hit = id ? secrets.get(key) : undefined;
	const now = Date.now();
	if (hit && now - hit.at < (fresh ? SECRET_REFRESH_MS : SECRET_TTL_MS)) return { clientSecret: hit.secret, cached: true };
	const { clientSecret } = await readCredentialSettings(ctx, authentication);
	if (id) {
		secrets.set(key, { secret: clientSecret, at: now });
		if (secrets.size > 100) secrets.delete(secrets.keys().next().value as string);
	}
	return { clientSecret, cached: false };
}
