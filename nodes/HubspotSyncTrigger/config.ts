import type { IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';
import { SecretCache, type CachedSecret } from '../../lib/webhooks/secret-cache';
import { parameterOf } from '../shared/trigger';

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

/** Read on every webhook call: parameters without an expression are taken as stored (see parameterOf). */
export function readConfig(ctx: Context): HubspotTriggerConfig {
	const options = parameterOf<IDataObject>(ctx, 'options', {});
	return {
		authentication: parameterOf(ctx, 'authentication', 'hubspotSyncPrivateAppApi'),
		events: parameterOf<string[]>(ctx, 'events', []),
		properties: list(parameterOf(ctx, 'properties', '')),
		management: parameterOf<string>(ctx, 'subscriptionManagement', 'manual') === 'automatic' ? 'automatic' : 'manual',
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

const secrets = new SecretCache({ now: () => Date.now() });

/**
 * The credential's client secret, from a per-process cache keyed by credential type and id (lib/webhooks/secret-cache.ts):
 * `fresh` after a signature failed with a cached secret, in case it was rotated.
 */
export async function readClientSecret(ctx: IWebhookFunctions, node: INode, authentication: string, fresh = false): Promise<CachedSecret> {
	const id = node.credentials?.[authentication]?.id ?? '';
	const read = async () => (await readCredentialSettings(ctx, authentication)).clientSecret;
	if (!id) return { secret: await read(), cached: false };
	return await secrets.get(`${authentication}:${id}`, read, fresh);
}
