// The one place the nodes build HubSpot and Zoho clients from their credentials. All HTTP goes through
// httpRequestWithAuthentication (./transport), so n8n signs requests and refreshes OAuth2 tokens. Clients for sync
// runs ('run' mode) share the credential's per-process limits (see `shared` below); the editor's field lists and the
// trigger's channel calls use plain clients with their own limits.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { HubspotClientOptions, HubspotLimiters } from '../../lib/hubspot/types';
import { HubspotClient } from '../../lib/hubspot/client';
import { createRequester, type HubspotRequester } from '../../lib/hubspot/request';
import { createCoalescer, type Coalescer } from '../../lib/http/coalesce';
import { createConcurrencyLimiter, createWindowLimiter, type ConcurrencyLimiter } from '../../lib/http/limiter';
import { createRateBudget } from '../../lib/http/rate-budget';
import { resolveZohoApiDomain } from '../../lib/zoho/data-centres';
import { ZohoClient } from '../../lib/zoho/client';
import type { ZohoClientOptions } from '../../lib/zoho/types';
import { createN8nTransport, now, sleep, type N8nHttpContext } from './transport';

export const ZOHO_CREDENTIAL = 'zohoCrmSyncOAuth2Api';
export const HUBSPOT_DEFAULT_CREDENTIAL = 'hubspotSyncPrivateAppApi';

type Retry = HubspotClientOptions['retry'] & ZohoClientOptions['retry'];

/**
 * Reads of a sync run. Many executions share one CRM rate limit (HubSpot's per-app window, Zoho's per-org
 * concurrency): a 429 is retried up to 8 times with growing, jittered waits (about 90 s in all) so a burst delays
 * records instead of failing them. Reads are safe to repeat; writes are not (see NO_RETRY). A read with no answer
 * after 4 s is sent once more and the first answer wins (hedged read): a call hanging until the 30 s timeout would
 * otherwise hold its execution, and under a shared limit every execution behind it.
 */
export const RUN_RETRY: Retry = { random: Math.random, rateLimitRetries: 8, rateLimitBackoff: true, hedgeAfterMs: 4_000 };
/** Writers never retry by themselves: runSync re-reads and re-plans a failed write (its retry rounds). */
export const NO_RETRY: Retry = { retries: 0 };

/**
 * Zoho counts concurrent calls per org and app (https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html): one
 * cap per credential in this process, shared by every execution and by readers and writers. The default 5 is the Free
 * edition's whole limit and half of Standard's 10 (the lowest paid edition), so two processes fit inside it.
 */
export const ZOHO_DEFAULT_CONCURRENCY = 5;

/**
 * What every execution of one credential shares in this process, one bundle per credential (type and id). HubSpot's
 * limit is per app, shared by every process (queue-mode workers) and every other tool using the app: one budget per
 * credential follows HubSpot's X-HubSpot-RateLimit-* headers, so the processes pace themselves by what HubSpot says is
 * left without talking to each other (lib/http/rate-budget.ts); the credential's API Limit Share (default 90%) is the
 * most of the app's limit our calls take its usage to. Search has no such headers: each process keeps to half of its
 * per-second limit (searchPerSecond). Limits are kept per setting value, so an edited credential setting takes effect
 * at the next execution.
 */
export interface CredentialBundle {
	/** API Limit Share (0-1] -> HubSpot limiters. */
	hubspot: Map<number, HubspotLimiters>;
	/** Max Concurrent Requests -> Zoho cap. */
	zoho: Map<number, ConcurrencyLimiter>;
	/**
	 * Batch reads shared by the executions running at the same moment (lib/http/coalesce.ts). A merged call goes out
	 * through the n8n context (and OAuth token refresh) of the first execution in it: sound, as the bundle is per
	 * credential, so every execution in the call would have used the same credential.
	 */
	reads: Coalescer;
}
const bundles = new Map<string, CredentialBundle>();

/** The credential's bundle, or undefined for a node without a saved credential (each execution then has its own). */
export function sharedFor(ctx: N8nHttpContext, credentialType: string): CredentialBundle | undefined {
	const id = ctx.getNode().credentials?.[credentialType]?.id ?? '';
	if (!id) return undefined;
	const key = `${credentialType}:${id}`;
	let bundle = bundles.get(key);
	if (!bundle) {
		bundle = { hubspot: new Map(), zoho: new Map(), reads: createCoalescer({ now, settle: () => sleep(0) }) };
		bundles.set(key, bundle);
	}
	return bundle;
}

function numberSetting(value: unknown, fallback: number): number {
	const n = Number(value);
	return value === undefined || value === '' || !Number.isFinite(n) || n <= 0 ? fallback : n;
}

/**
 * What sync runs read from a credential (base URL or API domain, limits; never a secret) is kept per credential for
 * SETTINGS_TTL_MS: the executions of a burst then do not each read and decrypt the credential, which n8n does with a
 * database read and an evaluation of the credential's computed fields (the Zoho and HubSpot OAuth URLs) in its
 * expression engine. An edited setting reaches sync runs within that time; tokens are n8n's, read by every call.
 */
const SETTINGS_TTL_MS = 10_000;
const settingsCache = new Map<string, { at: number; value: unknown }>();

async function settingsOf<T>(ctx: N8nHttpContext, credentialType: string, mode: ClientMode['mode'], read: (credentials: ICredentialDataDecryptedObject) => T): Promise<T> {
	const id = ctx.getNode().credentials?.[credentialType]?.id;
	const key = mode === 'run' && id ? `${credentialType}:${id}` : undefined;
	const hit = key ? settingsCache.get(key) : undefined;
	if (hit && now() - hit.at < SETTINGS_TTL_MS) return hit.value as T;
	const value = read(await ctx.getCredentials(credentialType));
	if (key) settingsCache.set(key, { at: now(), value });
	return value;
}

/**
 * HubSpot's search endpoints take 5 requests a second per token (https://developers.hubspot.com/docs/api/crm/search)
 * and their answers carry no rate-limit headers, so processes sharing the token (queue-mode workers) cannot see each
 * other's searches: each process keeps to half of the share, as the ten-second budget keeps at most half of what it
 * sees free in flight. Two workers at the default 90% then send at most 4 a second together (2 each; the load test
 * drew a 429 with 4 each). The window is counted by when calls arrive, ours by when they leave: a quarter of a second
 * more covers calls that leave together and arrive apart (a first connection's setup). Sync runs search rarely (a
 * record not found by id or email), so this costs little.
 */
const searchPerSecond = (share: number): number => Math.max(1, Math.floor((5 * share) / 2));
const SEARCH_WINDOW_MS = 1_250;

/** 'run': a sync run's client (shared per-credential limits, Zoho's credit warning); 'plain': its own limits. */
export interface ClientMode {
	mode: 'run' | 'plain';
	retry?: Retry;
}

export async function hubspotClientOptions(ctx: N8nHttpContext, credentialType: string, { mode, retry }: ClientMode): Promise<HubspotClientOptions> {
	const { baseUrl, share } = await settingsOf(ctx, credentialType, mode, (credentials) => ({
		baseUrl: String(credentials.baseUrl || 'https://api.hubapi.com').replace(/\/+$/, ''),
		share: Math.min(100, Math.max(1, numberSetting(credentials.apiLimitShare, 90))) / 100,
	}));
	const options: HubspotClientOptions = { transport: createN8nTransport(ctx, credentialType), baseUrl, sleep, now, ...(retry ? { retry } : {}) };
	const bundle = mode === 'run' ? sharedFor(ctx, credentialType) : undefined;
	if (!bundle) return options;
	let limiters = bundle.hubspot.get(share);
	if (!limiters) {
		limiters = { tenSecond: createRateBudget({ share, now, sleep }), search: createWindowLimiter(searchPerSecond(share), SEARCH_WINDOW_MS, now, sleep) };
		bundle.hubspot.set(share, limiters);
	}
	return { ...options, limiters, coalesce: bundle.reads };
}

/** Zoho's remaining daily credits (X-API-CREDITS-REMAINING, sent once half are used) go to n8n's log once per client. */
function creditsLogger(ctx: N8nHttpContext): (remaining: number) => void {
	let logged: number | undefined;
	return (remaining) => {
		if (logged !== undefined && remaining > logged / 2) return;
		logged = remaining;
		ctx.logger.warn(`Zoho CRM API credits: ${remaining} left in the rolling 24 hours (Zoho reports them once half are used)`, { node: ctx.getNode().name });
	};
}

export async function zohoClientOptions(ctx: N8nHttpContext, { mode, retry }: ClientMode): Promise<ZohoClientOptions> {
	const { apiDomain, max } = await settingsOf(ctx, ZOHO_CREDENTIAL, mode, (credentials) => ({
		apiDomain: resolveZohoApiDomain(credentials),
		max: Math.floor(numberSetting(credentials.maxConcurrentRequests, ZOHO_DEFAULT_CONCURRENCY)),
	}));
	const options: ZohoClientOptions = { transport: createN8nTransport(ctx, ZOHO_CREDENTIAL), apiDomain, sleep, now, ...(retry ? { retry } : {}) };
	if (mode !== 'run') return options;
	const bundle = sharedFor(ctx, ZOHO_CREDENTIAL);
	let limiter = bundle?.zoho.get(max);
	if (bundle && !limiter) {
		limiter = createConcurrencyLimiter(max, { sleep });
		bundle.zoho.set(max, limiter);
	}
	return { ...options, maxInFlight: max, ...(limiter ? { limiter } : {}), ...(bundle ? { coalesce: bundle.reads } : {}), onApiCredits: creditsLogger(ctx) };
}

export async function createHubspotClient(ctx: N8nHttpContext, credentialType: string, mode: ClientMode): Promise<HubspotClient> {
	return new HubspotClient(await hubspotClientOptions(ctx, credentialType, mode));
}

export async function createZohoClient(ctx: N8nHttpContext, mode: ClientMode = { mode: 'run', retry: RUN_RETRY }): Promise<ZohoClient> {
	return new ZohoClient(await zohoClientOptions(ctx, mode));
}

/** The clients of one sync run: readers retry a 429 (RUN_RETRY), writers never retry by themselves (NO_RETRY). */
export interface SyncClients {
	hubspot: HubspotClient;
	hubspotWriter: HubspotClient;
	/** For the v4 association batch read HubspotClient lacks. */
	hubspotRequester: HubspotRequester;
	zoho: ZohoClient;
	zohoWriter: ZohoClient;
}

export async function createSyncClients(ctx: N8nHttpContext, hubspotCredential: string): Promise<SyncClients> {
	const [hubspot, zoho] = await Promise.all([hubspotClientOptions(ctx, hubspotCredential, { mode: 'run', retry: RUN_RETRY }), zohoClientOptions(ctx, { mode: 'run' })]);
	return {
		hubspot: new HubspotClient(hubspot),
		hubspotWriter: new HubspotClient({ ...hubspot, retry: NO_RETRY }),
		hubspotRequester: createRequester(hubspot),
		zoho: new ZohoClient({ ...zoho, retry: RUN_RETRY }),
		zohoWriter: new ZohoClient({ ...zoho, retry: NO_RETRY }),
	};
}
