// SyncPorts over HubspotClient: batch reads (by id, by email), one search for company domains/names, batch writes.
import { chunk } from '../hubspot/objects';
import { MAX_BATCH } from '../hubspot/fields';
import type { HubspotObject, HubspotObjectType, PropertyInput, SearchFilter } from '../hubspot';
import {
	MODIFIED_FIELDS,
	hubspotToRecord,
	propertiesToRead,
	resolveMappings,
	scopeFields,
	type MatchKeys,
	type ObjectKind,
	type RecordWrite,
	type SyncRecord,
	type WriteOutcome,
} from '../sync';
import { readHubspotHistory, type CanonicalHistory } from './field-history';
import { failedOutcome } from './outcomes';
import { cacheKey, type AdapterConfig, type RecordCache } from './types';

export const HUBSPOT_TYPE: Record<ObjectKind, HubspotObjectType> = { contact: 'contacts', company: 'companies' };
const IN_VALUES = 100;
/** History sourceType values of writes made through the API by an app or integration (not a person). */
const API_SOURCES = new Set(['API', 'INTEGRATION']);

export function createHubspotPort(config: AdapterConfig, cache: RecordCache) {
	const mappingsOf = (kind: ObjectKind) => resolveMappings(kind, config.mappings?.[kind]);
	const props = (kind: ObjectKind) => [...new Set([...propertiesToRead('hubspot', kind, mappingsOf(kind), config.xref?.hubspotField), ...scopeFields(config.scope, 'hubspot', kind)])];
	const toRecords = (kind: ObjectKind, objects: HubspotObject[]): SyncRecord[] =>
		objects.map((o) => {
			cache.hubspot.set(cacheKey(kind, String(o.id)), o);
			return hubspotToRecord(o, kind, { mappings: mappingsOf(kind), xrefField: config.xref?.hubspotField });
		});
	const read = async (kind: ObjectKind, ids: string[], idProperty?: string): Promise<HubspotObject[]> => {
		if (ids.length === 0) return [];
		const res = await config.hubspot.batchRead(HUBSPOT_TYPE[kind], ids, { properties: props(kind), ...(idProperty ? { idProperty } : {}) });
		return res.results;
	};
	/**
	 * One search, OR-ing a filter group per property (max 5 groups, §1.6). IN takes lowercase strings; the engine
	 * re-checks every hit exactly.
	 */
	const searchIn = async (kind: ObjectKind, byProperty: Array<[string, string[]]>): Promise<HubspotObject[]> => {
		const out: HubspotObject[] = [];
		const groups: Array<{ filters: SearchFilter[] }> = [];
		for (const [propertyName, values] of byProperty)
			for (const part of chunk(values.map((v) => v.toLowerCase()), IN_VALUES)) groups.push({ filters: [{ propertyName, operator: 'IN', values: part }] });
		for (const part of chunk(groups, 5)) {
			const res = await config.hubspot.searchAll(HUBSPOT_TYPE[kind], { filterGroups: part, properties: props(kind) });
			out.push(...res.results);
		}
		return out;
	};

	return {
		/**
		 * Records whose newest change among the mapped properties came through the API (history sourceType API or
		 * INTEGRATION, docs/crm-api-notes.md §1.8), one batch read with history per 50 records.
		 */
		async apiWrittenIds(kind: ObjectKind, ids: readonly string[]): Promise<Set<string>> {
			const history = props(kind).filter((p) => p !== MODIFIED_FIELDS[kind].hubspot);
			const res = await config.hubspot.batchRead(HUBSPOT_TYPE[kind], [...ids], { properties: [MODIFIED_FIELDS[kind].hubspot], propertiesWithHistory: history });
			const out = new Set<string>();
			for (const o of res.results) {
				let newest: { at: number; sourceType: string } | undefined;
				for (const entries of Object.values(o.propertiesWithHistory ?? {})) {
					for (const e of entries ?? []) {
						const at = Date.parse(e.timestamp);
						if (Number.isFinite(at) && (!newest || at > newest.at)) newest = { at, sourceType: String(e.sourceType ?? '') };
					}
				}
				if (newest && API_SOURCES.has(newest.sourceType)) out.add(String(o.id));
			}
			return out;
		},

		/** Property history of the mapped properties, per canonical field (batch read with history, 50 a call). */
		fieldHistory(kind: ObjectKind, ids: readonly string[]): Promise<Map<string, CanonicalHistory>> {
			return readHubspotHistory(config.hubspot, HUBSPOT_TYPE[kind], kind, mappingsOf(kind), props(kind), ids);
		},

		async readRecords(kind: ObjectKind, ids: readonly string[]): Promise<SyncRecord[]> {
			return toRecords(kind, await read(kind, [...ids]));
		},

		/**
		 * Ids and emails by batch read (no search-index lag, §1.6); xref values, company domains and names by search,
		 * the only way HubSpot offers (eventually consistent: a company created seconds ago may be missed).
		 */
		async findTargets(kind: ObjectKind, keys: MatchKeys): Promise<SyncRecord[]> {
			const found = [...(await read(kind, keys.ids))];
			if (kind === 'contact') found.push(...(await read(kind, keys.emails, 'email')));
			const searches: Array<[string, string[]]> = [];
			const xref = config.xref?.hubspotField;
			if (xref && keys.xrefIds.length) searches.push([xref, keys.xrefIds]);
			if (kind === 'company') {
				if (keys.domains.length) searches.push(['domain', keys.domains]);
				if (keys.names.length) searches.push(['name', keys.names]);
			}
			if (searches.length) found.push(...(await searchIn(kind, searches)));
			const byId = new Map(found.map((o) => [String(o.id), o]));
			return toRecords(kind, [...byId.values()]);
		},

		/**
		 * Batch upserts on the plan's key (email, or the unique-value cross-reference property holding the Zoho id: a
		 * concurrent or lagging second create then updates the first, crm/v3 batch/upsert with idProperty); without one,
		 * contacts upsert on their email and companies on a configured unique property, else plain create.
		 */
		async createMany(kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> {
			const type = HUBSPOT_TYPE[kind];
			const fallbackProp = kind === 'contact' ? 'email' : config.hubspotCompanyUniqueProperty;
			const keyOf = (w: RecordWrite): { idProperty: string; id: string } | undefined => {
				if (w.upsertKey && w.upsertKey.value.trim() !== '') return { idProperty: w.upsertKey.field, id: w.upsertKey.value.trim() };
				const v = fallbackProp ? w.fields[fallbackProp] : undefined;
				const id = typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
				return fallbackProp && id !== undefined ? { idProperty: fallbackProp, id } : undefined;
			};
			const outcomes: WriteOutcome[] = [];
			const keyed = writes.map((w, i) => ({ w, i, key: keyOf(w) }));
			const creates = keyed.filter((x) => x.key === undefined);
			// One batch call per idProperty (HubSpot takes one per input, but keep calls predictable).
			const byProperty = new Map<string, typeof keyed>();
			for (const x of keyed) if (x.key) byProperty.set(x.key.idProperty, [...(byProperty.get(x.key.idProperty) ?? []), x]);
			for (const [idProperty, upserts] of byProperty) {
				const res = await (config.hubspotWriter ?? config.hubspot).batchUpsert(
					type,
					upserts.map(({ w, key }) => ({ id: key?.id ?? '', idProperty, properties: w.fields as PropertyInput })),
				);
				upserts.forEach(({ i }, n) => (outcomes[i] = toOutcome(res.outcomes[n])));
			}
			if (creates.length) {
				const res = await (config.hubspotWriter ?? config.hubspot).batchCreate(type, creates.map(({ w }) => ({ properties: w.fields as PropertyInput })));
				creates.forEach(({ i }, n) => (outcomes[i] = toOutcome(res.outcomes[n], true)));
			}
			return outcomes;
		},

		/** One call per 100 records of each write type (an upsert and a create batch may add one more, which waits as usual). */
		async prepare(_kind: ObjectKind, counts: { creates: number; updates: number }): Promise<void> {
			const calls = Math.ceil(counts.creates / MAX_BATCH) + Math.ceil(counts.updates / MAX_BATCH);
			if (calls > 0) await (config.hubspotWriter ?? config.hubspot).reserveCalls(calls);
		},

		async updateMany(kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> {
			const inputs = writes.map((w) => ({ id: w.id ?? '', properties: w.fields as PropertyInput }));
			const res = await (config.hubspotWriter ?? config.hubspot).batchUpdate(HUBSPOT_TYPE[kind], inputs);
			return res.outcomes.map((o) => toOutcome(o));
		},
	};
}

type BatchOutcome = Awaited<ReturnType<AdapterConfig['hubspot']['batchUpdate']>>['outcomes'][number] | undefined;

function toOutcome(o: BatchOutcome, created?: boolean): WriteOutcome {
	if (!o) return { ok: false, code: 'NO_RESULT', message: 'HubSpot returned no result for this record', retriable: true };
	if (!o.ok) return failedOutcome(o.error);
	const isNew = o.created ?? created;
	return { ok: true, id: String(o.record.id), ...(isNew !== undefined ? { created: isNew } : {}) };
}
