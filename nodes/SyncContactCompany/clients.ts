// Builds the two CRM clients and lib/sync's ports from the node's credentials. All HTTP goes through
// httpRequestWithAuthentication (nodes/shared/transport), so n8n refreshes OAuth2 tokens.
import type { IExecuteFunctions } from 'n8n-workflow';
import { HubspotClient } from '../../lib/hubspot';
import { createRequester } from '../../lib/hubspot/request';
import type { HubspotLimiters } from '../../lib/hubspot/types';
import { createWindowLimiter } from '../../lib/http/limiter';
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
 * HubSpot's limits are per app token, shared by every execution in this process (a worker runs many at once): one
 * pair of limiters per credential makes them queue here instead of drawing 429s from HubSpot. 90 per 10 s leaves a
 * little room for the other callers of the same app.
 */
const hubspotLimiters = new Map<string, HubspotLimiters>();
function limitersFor(key: string): HubspotLimiters {
	let l = hubspotLimiters.get(key);
	if (!l) {
		l = { tenSecond: createWindowLimiter(90, 10_000, now, sleep), search: createWindowLimiter(4, 1_000, now, sleep) };
		hubspotLimiters.set(key, l);
	}
	return l;
}

/** Writers never retry by themselves: runSync re-reads and re-plans a failed write (RETRY_ROUNDS in execute.ts). */
const NO_RETRY = { retries: 0 };

export async function createZohoClient(ctx: IExecuteFunctions): Promise<ZohoClient> {
	const credentials = await ctx.getCredentials(ZOHO_CREDENTIAL);
	return new ZohoClient({ transport: createN8nTransport(ctx, ZOHO_CREDENTIAL), apiDomain: resolveZohoApiDomain(credentials), sleep, now, retry: RETRY });
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
	const limiters = credentialId ? limitersFor(`${hubspotCredential}:${credentialId}`) : undefined;
	const hubspotOptions = { transport: createN8nTransport(ctx, hubspotCredential), baseUrl, sleep, now, retry: RETRY, ...(limiters ? { limiters } : {}) };
	const zoho = await createZohoClient(ctx);
	const zohoCredentials = await ctx.getCredentials(ZOHO_CREDENTIAL);
	const config: AdapterConfig = {
		hubspot: new HubspotClient(hubspotOptions),
		hubspotWriter: new HubspotClient({ ...hubspotOptions, retry: NO_RETRY }),
		hubspotRequester: createRequester(hubspotOptions),
		zoho,
		zohoWriter: new ZohoClient({ transport: createN8nTransport(ctx, ZOHO_CREDENTIAL), apiDomain: resolveZohoApiDomain(zohoCredentials), sleep, now, retry: NO_RETRY }),
		mappings: { contact: settings.mappings, company: settings.mappings },
		xref: settings.xref,
		perField: settings.perField,
	};
	return createSyncAdapters(config);
}
