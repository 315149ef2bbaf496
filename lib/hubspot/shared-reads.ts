// HubSpot reads shared across concurrent executions (lib/http/coalesce.ts): object batch reads and the contact ->
// company association batch read, up to 100 ids a call (docs/crm-api-notes.md §1.6, §1.7). Without a coalescer on
// the requester every function here is the plain per-call read.
import { unionOf, withoutOthers, type MergeSpec } from '../http/coalesce';
import { readContactCompanyIds as readLinksDirect } from './associations';
import { LAST_MODIFIED_PROPERTY, MAX_BATCH } from './fields';
import { batchRead as batchReadDirect, chunk } from './objects';
import type { HubspotRequester } from './request';
import type { BatchReadResult, HubspotObject, HubspotObjectType, ReadOptions } from './types';

type ReadOnly = Omit<ReadOptions, 'associations'>;

interface ObjectRead {
	type: HubspotObjectType;
	ids: string[];
	properties: string[];
	idProperty?: string;
}

const lower = (v: unknown) => String(v ?? '').toLowerCase();

/**
 * Gives each request its own records: by id, or by the idProperty value (compared in lower case, as HubSpot stores
 * emails). A record that matches no request's value (HubSpot answers a merged-away id with the surviving record) goes
 * to the requests that have an id neither answered nor reported missing.
 */
function splitObjects(requests: ObjectRead[], all: string[], res: BatchReadResult): BatchReadResult[] {
	const keyOf = (o: HubspotObject, r: ObjectRead) => (r.idProperty ? lower(o.properties?.[r.idProperty]) : String(o.id));
	const norm = (r: ObjectRead, id: string) => (r.idProperty ? lower(id) : id);
	const missing = new Set(res.missing.map(lower));
	const claimed = new Set<HubspotObject>();
	const own = requests.map((r) => {
		const wanted = new Set(r.ids.map((id) => norm(r, id)));
		const results = res.results.filter((o) => wanted.has(keyOf(o, r)));
		results.forEach((o) => claimed.add(o));
		return { wanted, results };
	});
	const stray = res.results.filter((o) => !claimed.has(o));
	return requests.map((r, i) => {
		const { wanted, results } = own[i];
		const answered = new Set(results.map((o) => keyOf(o, r)));
		const open = [...wanted].some((id) => !answered.has(id) && !missing.has(lower(id)));
		const mine = open ? [...results, ...stray] : results;
		// HubSpot answers these with every read, asked for or not.
		const always = ['hs_object_id', 'createdate', LAST_MODIFIED_PROPERTY[r.type]];
		return {
			results: mine.map((o) => ({ ...o, properties: withoutOthers(o.properties ?? {}, r.properties, all, always) })),
			missing: res.missing.filter((id) => wanted.has(norm(r, id))),
		};
	});
}

function objectSpec(http: HubspotRequester): MergeSpec<ObjectRead, BatchReadResult> {
	return {
		limit: MAX_BATCH,
		keys: (r) => (r.idProperty ? r.ids.map(lower) : r.ids),
		async send(requests) {
			const first = requests[0];
			// Values read by a property (emails) are one value whatever their case: sent once.
			const seen = new Map<string, string>();
			for (const id of requests.flatMap((r) => r.ids)) if (!seen.has(first.idProperty ? lower(id) : id)) seen.set(first.idProperty ? lower(id) : id, id);
			const ids = [...seen.values()];
			// The value read by must come back so each record can be given to the request that asked for it.
			const properties = unionOf([...requests.map((r) => r.properties), first.idProperty ? [first.idProperty] : []]);
			const res = await batchReadDirect(http, first.type, ids, { properties, ...(first.idProperty ? { idProperty: first.idProperty } : {}) });
			return requests.length === 1 && properties.length === first.properties.length ? [res] : splitObjects(requests, properties, res);
		},
	};
}

/**
 * Batch read of objects. Reads with property history (50 a call, used rarely, for ties) are not shared. A request for
 * no listed properties (HubSpot then answers its default set) is never merged with one that lists some.
 */
export async function readObjects(http: HubspotRequester, type: HubspotObjectType, ids: string[], options: ReadOnly = {}): Promise<BatchReadResult> {
	const coalesce = http.coalesce;
	if (!coalesce || options.propertiesWithHistory?.length || ids.length === 0) return batchReadDirect(http, type, ids, options);
	const properties = options.properties ?? [];
	const lane = `hubspot:batch-read:${type}:${options.idProperty ?? 'id'}:${properties.length ? 'listed' : 'default'}`;
	const spec = objectSpec(http);
	const out: BatchReadResult = { results: [], missing: [] };
	for (const part of chunk([...new Set(ids.map(String))], MAX_BATCH)) {
		const res = await coalesce.run(lane, { type, ids: part, properties, idProperty: options.idProperty }, spec);
		out.results.push(...res.results);
		out.missing.push(...res.missing);
	}
	return out;
}

function linksSpec(http: HubspotRequester): MergeSpec<string[], Map<string, string[]>> {
	return {
		limit: MAX_BATCH,
		keys: (ids) => ids,
		async send(requests) {
			const all = await readLinksDirect(http, unionOf(requests));
			return requests.map((ids) => new Map(ids.flatMap((id) => (all.has(id) ? [[id, all.get(id) as string[]] as const] : []))));
		},
	};
}

/** Contact id -> company ids, primary first (see associations.ts), shared like readObjects. */
export async function readContactCompanyIds(http: HubspotRequester, contactIds: readonly string[]): Promise<Map<string, string[]>> {
	const coalesce = http.coalesce;
	if (!coalesce || contactIds.length === 0) return readLinksDirect(http, contactIds);
	const spec = linksSpec(http);
	const out = new Map<string, string[]>();
	for (const part of chunk([...new Set(contactIds.map(String))], MAX_BATCH)) {
		for (const [k, v] of await coalesce.run('hubspot:contact-company-links', part, spec)) out.set(k, v);
	}
	return out;
}
