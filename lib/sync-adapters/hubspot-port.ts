// SyncPorts over HubspotClient: batch reads (by id, by email), one search for company domains/names, batch writes.
import { chunk } from '../hubspot/objects';
import { MAX_BATCH } from '../hubspot/fields';
import type { BatchItemOutcome, HubspotClient, HubspotObject, HubspotObjectType, PropertyInput, SearchFilter } from '../hubspot';
import {
	HUBSPOT_API_SOURCES,
	MODIFIED_FIELDS,
	hubspotToRecord,
	type MatchKeys,
	type ObjectKind,
	type RecordWrite,
	type SyncRecord,
	type WriteOutcome,
} from '../sync';
import { readHubspotHistory, type CanonicalHistory } from './field-history';
import { failedOutcome } from './outcomes';
import { fieldsToRead, mappingsOf } from './port-fields';
import { cacheKey, type AdapterConfig, type PortSide, type RecordCache } from './types';

export const HUBSPOT_TYPE: Record<ObjectKind, HubspotObjectType> = { contact: 'contacts', company: 'companies' };
const IN_VALUES = 100;

type HubspotSide = PortSide<HubspotClient>;

export function createHubspotPort(config: AdapterConfig, cache: RecordCache) {
	const side: HubspotSide = { config, cache, writer: config.hubspotWriter ?? config.hubspot };
	return {
		apiWrittenIds: (kind: ObjectKind, ids: readonly string[]): Promise<Set<string>> => apiWrittenIds(side, kind, ids),

		/** Property history of the mapped properties, per canonical field (batch read with history, 50 a call). */
		fieldHistory: (kind: ObjectKind, ids: readonly string[]): Promise<Map<string, CanonicalHistory>> =>
			readHubspotHistory(config.hubspot, HUBSPOT_TYPE[kind], kind, mappingsOf(config, kind), fieldsToRead(config, 'hubspot', kind), ids),

		readRecords: async (kind: ObjectKind, ids: readonly string[]): Promise<SyncRecord[]> => toRecords(side, kind, await read(side, kind, [...ids])),

		findTargets: (kind: ObjectKind, keys: MatchKeys): Promise<SyncRecord[]> => findTargets(side, kind, keys),

		createMany: (kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> => createMany(side, kind, writes),

		/** One call per 100 records of each write type (an upsert and a create batch may add one more, which waits as usual). */
		async prepare(_kind: ObjectKind, counts: { creates: number; updates: number }): Promise<void> {
			const calls = Math.ceil(counts.creates / MAX_BATCH) + Math.ceil(counts.updates / MAX_BATCH);
			if (calls > 0) await side.writer.reserveCalls(calls);
		},

		async updateMany(kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> {
			const inputs = writes.map((w) => ({ id: w.id ?? '', properties: w.fields as PropertyInput }));
			const res = await side.writer.batchUpdate(HUBSPOT_TYPE[kind], inputs);
			return res.outcomes.map((o) => toOutcome(o));
		},
	};
}

function toRecords(side: HubspotSide, kind: ObjectKind, objects: HubspotObject[]): SyncRecord[] {
	const options = { mappings: mappingsOf(side.config, kind), xrefField: side.config.xref?.hubspotField };
	return objects.map((o) => {
		side.cache.hubspot.set(cacheKey(kind, String(o.id)), o);
		return hubspotToRecord(o, kind, options);
	});
}

async function read(side: HubspotSide, kind: ObjectKind, ids: string[], idProperty?: string): Promise<HubspotObject[]> {
	if (ids.length === 0) return [];
	const properties = fieldsToRead(side.config, 'hubspot', kind);
	const res = await side.config.hubspot.batchRead(HUBSPOT_TYPE[kind], ids, { properties, ...(idProperty ? { idProperty } : {}) });
	return res.results;
}

/**
 * One search, OR-ing a filter group per property (max 5 groups, §1.6). IN takes lowercase strings; the engine
 * re-checks every hit exactly.
 */
async function searchIn(side: HubspotSide, kind: ObjectKind, byProperty: Array<[string, string[]]>): Promise<HubspotObject[]> {
	const out: HubspotObject[] = [];
	const groups: Array<{ filters: SearchFilter[] }> = [];
	for (const [propertyName, values] of byProperty)
		for (const part of chunk(values.map((v) => v.toLowerCase()), IN_VALUES)) groups.push({ filters: [{ propertyName, operator: 'IN', values: part }] });
	for (const part of chunk(groups, 5)) {
		const res = await side.config.hubspot.searchAll(HUBSPOT_TYPE[kind], { filterGroups: part, properties: fieldsToRead(side.config, 'hubspot', kind) });
		out.push(...res.results);
	}
	return out;
}

/**
 * Ids and emails by batch read (no search-index lag, §1.6); xref values, company domains and names by search,
 * the only way HubSpot offers (eventually consistent: a company created seconds ago may be missed).
 */
async function findTargets(side: HubspotSide, kind: ObjectKind, keys: MatchKeys): Promise<SyncRecord[]> {
	const searches: Array<[string, string[]]> = [];
	const xref = side.config.xref?.hubspotField;
	if (xref && keys.xrefIds.length) searches.push([xref, keys.xrefIds]);
	if (kind === 'company') {
		if (keys.domains.length) searches.push(['domain', keys.domains]);
		if (keys.names.length) searches.push(['name', keys.names]);
	}
	// independent calls: at once, not one after another
	const found = await Promise.all([
		read(side, kind, keys.ids),
		kind === 'contact' ? read(side, kind, keys.emails, 'email') : [],
		searches.length ? searchIn(side, kind, searches) : [],
	]);
	const byId = new Map(found.flat().map((o) => [String(o.id), o]));
	return toRecords(side, kind, [...byId.values()]);
}

/**
 * Records whose newest change among the mapped properties came through the API (history sourceType API or
 * INTEGRATION, docs/crm-api-notes.md §1.8), one batch read with history per 50 records.
 */
async function apiWrittenIds(side: HubspotSide, kind: ObjectKind, ids: readonly string[]): Promise<Set<string>> {
	const modified = MODIFIED_FIELDS[kind].hubspot;
	const history = fieldsToRead(side.config, 'hubspot', kind).filter((p) => p !== modified);
	const res = await side.config.hubspot.batchRead(HUBSPOT_TYPE[kind], [...ids], { properties: [modified], propertiesWithHistory: history });
	const out = new Set<string>();
	for (const o of res.results) {
		let newest: { at: number; sourceType: string } | undefined;
		for (const entries of Object.values(o.propertiesWithHistory ?? {})) {
			for (const e of entries ?? []) {
				const at = Date.parse(e.timestamp);
				if (Number.isFinite(at) && (!newest || at > newest.at)) newest = { at, sourceType: String(e.sourceType ?? '') };
			}
		}
		if (newest && HUBSPOT_API_SOURCES.has(newest.sourceType)) out.add(String(o.id));
	}
	return out;
}

/** The key a create upserts on: the plan's (email, or the unique cross-reference property), else a contact's email. */
function upsertKeyOf(kind: ObjectKind, w: RecordWrite): { idProperty: string; id: string } | undefined {
	if (w.upsertKey && w.upsertKey.value.trim() !== '') return { idProperty: w.upsertKey.field, id: w.upsertKey.value.trim() };
	const v = kind === 'contact' ? w.fields.email : undefined;
	const id = typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
	return id !== undefined ? { idProperty: 'email', id } : undefined;
}

/**
 * Batch upserts on the plan's key (email, or the unique-value cross-reference property holding the Zoho id: a
 * concurrent or lagging second create then updates the first, crm/v3 batch/upsert with idProperty); without one,
 * contacts upsert on their email; the rest are plain creates.
 */
async function createMany(side: HubspotSide, kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> {
	const type = HUBSPOT_TYPE[kind];
	const outcomes: WriteOutcome[] = [];
	const keyed = writes.map((w, i) => ({ w, i, key: upsertKeyOf(kind, w) }));
	const creates = keyed.filter((x) => x.key === undefined);
	// One batch call per idProperty (HubSpot takes one per input, but keep calls predictable).
	const byProperty = new Map<string, typeof keyed>();
	for (const x of keyed) if (x.key) byProperty.set(x.key.idProperty, [...(byProperty.get(x.key.idProperty) ?? []), x]);
	for (const [idProperty, upserts] of byProperty) {
		const res = await side.writer.batchUpsert(type, upserts.map(({ w, key }) => ({ id: key?.id ?? '', idProperty, properties: w.fields as PropertyInput })));
		upserts.forEach(({ i }, n) => (outcomes[i] = toOutcome(res.outcomes[n])));
	}
	if (creates.length) {
		const res = await side.writer.batchCreate(type, creates.map(({ w }) => ({ properties: w.fields as PropertyInput })));
		creates.forEach(({ i }, n) => (outcomes[i] = toOutcome(res.outcomes[n], true)));
	}
	return outcomes;
}

function toOutcome(o: BatchItemOutcome | undefined, created?: boolean): WriteOutcome {
	if (!o) return { ok: false, code: 'NO_RESULT', message: 'HubSpot returned no result for this record', retriable: true };
	if (!o.ok) return failedOutcome(o.error);
	const isNew = o.created ?? created;
	return { ok: true, id: String(o.record.id), ...(isNew !== undefined ? { created: isNew } : {}) };
}
