// Builds the two CRM clients and lib/sync's ports from the node's credentials. All HTTP goes through
// httpRequestWithAuthentication (nodes/shared/transport), so n8n refreshes OAuth2 tokens.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { HubspotClient } from '../../lib/hubspot';
import { createRequester } from '../../lib/hubspot/request';
import type { HubspotLimiters } from '../../lib/hubspot/types';
import { createConcurrencyLimiter, createWindowLimiter, type ConcurrencyLimiter } from '../../lib/http/limiter';
import { createRateBudget } from '../../lib/http/rate-budget';
import type { MappingOptions, XrefFields } from '../../lib/sync';
import { createSyncAdapters, type AdapterConfig, type SyncAdapters } from '../../lib/sync-adapters';
import { ZohoClient, resolveZohoApiDomain } from '../../lib/zoho';
import { createN8nTransport, now, sleep } from '../shared/transport';

export const ZOHO_CREDENTIAL = 'zohoCrmSyncOAuth2Api';

/**
 * Reads. Many executions share one CRM rate limit (HubSpot's per-app window, Zoho's per-org concurrency): a 429 is
 * retried up to 8 times with growing, jittered waits (about 90 s in all) so a burst delays records instead of failing
 * them. Reads are safe to repeat; writes are not (see NO_RETRY).
 */
const RETRY = { random: Math.random, rateLimitRetries: 8, rateLimitBackoff: true };
/**
 * HubSpot's limit is per app, shared by every process (queue-mode workers) and every other tool using the app. One
 * budget per credential in this process follows HubSpot's X-HubSpot-RateLimit-* headers, so the processes pace
 * themselves by what HubSpot says is left without talking to each other (lib/http/rate-budget.ts); the credential's
 * API Limit Share (default 90%) is the most of the app's limit our calls take its usage to. Search has no such headers:
 * its per-second limit is kept per process.
 */
const hubspotLimiters = new Map<string, HubspotLimiters>();
function limitersFor(key: string, sharePercent: number): HubspotLimiters {
	const share = Math.min(100, Math.max(1, sharePercent)) / 100;
	const id = `${key}:${share}`;
	let l = hubspotLimiters.get(id);
	if (!l) {
		l = {
			tenSecond: createRateBudget({ share, now, sleep }),
			search: createWindowLimiter(Math.max(1, Math.floor(5 * share)), 1_000, now, sleep),
		};
		hubspotLimiters.set(id, l);
	}
	return l;
}

/**
 * Zoho counts concurrent calls per org and app (https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html): one
 * cap per credential in this process, shared by every execution and by readers and writers. The default 5 is the Free
 * edition's whole limit and half of Standard's 10 (the lowest paid edition), so two processes fit inside it.
 */
export const ZOHO_DEFAULT_CONCURRENCY = 5;
const zohoLimiters = new Map<string, ConcurrencyLimiter>();
function zohoLimiterFor(key: string, max: number): ConcurrencyLimiter {
	const id = `${key}:${max}`;
	let l = zohoLimiters.get(id);
	if (!l) {
		l = createConcurrencyLimiter(max, { sleep });
		zohoLimiters.set(id, l);
	}
	return l;
}

function numberSetting(value: unknown, fallback: number): number {
	const n = Number(value);
	return value === undefined || value === '' || !Number.isFinite(n) || n <= 0 ? fallback : n;
}

/** Writers never retry by themselves: runSync re-reads and re-plans a failed write (RETRY_ROUNDS in execute.ts). */
const NO_RETRY = { retries: 0 };

/** Zoho's remaining daily credits (X-API-CREDITS-REMAINING, sent once half are used) go to n8n's log once per client. */
function zohoOptions(ctx: IExecuteFunctions, credentials: IDataObject) {
	const credentialId = ctx.getNode().credentials?.[ZOHO_CREDENTIAL]?.id ?? '';
	const max = Math.floor(numberSetting(credentials.maxConcurrentRequests, ZOHO_DEFAULT_CONCURRENCY));
	let logged: number | undefined;
	const onApiCredits = (remaining: number) => {
		if (logged !== undefined && remaining > logged / 2) return;
		logged = remaining;
		ctx.logger.warn(`Zoho CRM API credits: ${remaining} left in the rolling 24 hours (Zoho reports them once half are used)`, { node: ctx.getNode().name });
	};
	return {
		transport: createN8nTransport(ctx, ZOHO_CREDENTIAL),
		apiDomain: resolveZohoApiDomain(credentials),
		sleep,
		now,
		maxInFlight: max,
		...(credentialId ? { limiter: zohoLimiterFor(`${ZOHO_CREDENTIAL}:${credentialId}`, max) } : {}),
		onApiCredits,
	};
}

export async function createZohoClient(ctx: IExecuteFunctions): Promise<ZohoClient> {
	const credentials = await ctx.getCredentials(ZOHO_CREDENTIAL);
	return new ZohoClient({ ...zohoOptions(ctx, credentials), retry: RETRY });
}

export async function createAdapters(
	ctx: IExecuteFunctions,
	hubspotCredential: string,
	settings: { mappings: MappingOptions; xref?: XrefFields; perField: boolean },
)
: Promise<SyncAdapters> {
	const hubspotCredentials = await ctx.getCredentials(hubspotCredential);
	const baseUrl = String(hubspotCredentials.baseUrl || 'https://api.hubapi.com').replace(/\/+$/, '');
	const credentialId = ctx.getNode().credentials?.[hubspotCredential]?.id ?? '';
	const share = numberSetting(hubspotCredentials.apiLimitShare, 90);
	const limiters = credentialId ? limitersFor(`${hubspotCredential}:${credentialId}`, share) : undefined;
	const hubspotOptions = { transport: createN8nTransport(ctx, hubspotCredential), baseUrl, sleep, now, retry: RETRY, ...(limiters ? { limiters } : {}) };
	const zohoCredentials = await ctx.getCredentials(ZOHO_CREDENTIAL);
	const zohoShared = zohoOptions(ctx, zohoCredentials);
	const zoho = new ZohoClient({ ...zohoShared, retry: RETRY });
	const config: AdapterConfig = {
		hubspot: new HubspotClient(hubspotOptions),
		hubspotWriter: new HubspotClient({ ...hubspotOptions, retry: NO_RETRY }),
		hubspotRequester: createRequester(hubspotOptions),
		zoho,
		zohoWriter: new ZohoClient({ ...zohoShared, retry: NO_RETRY }),
		mappings: { contact: settings.mappings, company: settings.mappings },
		xref: settings.xref,
		perField: settings.perField,
	};
	return createSyncAdapters(config);
}
