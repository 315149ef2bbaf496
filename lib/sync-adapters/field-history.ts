// Per-field change histories for the per-field merge (lib/sync/field-merge.ts), read only for the records runSync asks
// about: HubSpot property history through batch read (50 records a call), Zoho's record timeline (one call a record).
import type { HubspotClient, HubspotObjectType } from '../hubspot';
import type { ZohoClient, ZohoModule, ZohoRecord, ZohoTimelineEntry } from '../zoho';
import {
	MODIFIED_FIELDS,
	hubspotToRecord,
	toEpochMs,
	toFieldValue,
	type FieldEdit,
	type FieldMapping,
	type ObjectKind,
} from '../sync';

/**
 * Timeline sources of writes made through the API (this sync among them): a copy, not a person's edit
 * (https://www.zoho.com/crm/developer/docs/api/v8/timeline-of-a-record.html, filter values of `source`).
 */
const ZOHO_API_SOURCES = new Set(['crm_api', 'bulkapi']);

export type CanonicalHistory = Record<string, FieldEdit[]>;

/** One batch read with propertiesWithHistory per 50 records (HubSpot's limit for history reads). */
export async function readHubspotHistory(
	hubspot: HubspotClient,
	type: HubspotObjectType,
	kind: ObjectKind,
	mappings: readonly FieldMapping[],
	properties: string[],
	ids: readonly string[],
): Promise<Map<string, CanonicalHistory>> {
	const out = new Map<string, CanonicalHistory>();
	if (ids.length === 0) return out;
	const history = properties.filter((p) => p !== MODIFIED_FIELDS[kind].hubspot);
	const res = await hubspot.batchRead(type, [...ids], { properties, propertiesWithHistory: history });
	for (const o of res.results) out.set(String(o.id), hubspotToRecord(o, kind, { mappings }).fieldHistory ?? {});
	return out;
}

/**
 * A timeline as FieldEdits per native field, newest first. A field the whole timeline never shows changing still holds
 * the value it was created with: it gets one edit dated at the creation entry (by whoever created the record).
 */
export function zohoTimelineEdits(
	entries: readonly ZohoTimelineEntry[],
	complete: boolean,
	record: ZohoRecord | undefined,
	fields: readonly string[],
): Record<string, FieldEdit[]> {
	const out: Record<string, FieldEdit[]> = {};
	const sorted = [...entries].sort((a, b) => toEpochMs(b.audited_time) - toEpochMs(a.audited_time));
	for (const e of sorted) {
		const at = toEpochMs(e.audited_time);
		const byApi = ZOHO_API_SOURCES.has(String(e.source ?? ''));
		for (const f of e.field_history ?? []) {
			if (!f.api_name) continue;
			const edit: FieldEdit = { value: toFieldValue(f._value?.new), previous: toFieldValue(f._value?.old), at, byApi };
			(out[f.api_name] = out[f.api_name] ?? []).push(edit);
		}
	}
	const created = sorted.find((e) => e.action === 'added' && !e.field_history?.length);
	if (complete && created && record) {
		for (const f of fields) {
			if (out[f]) continue;
			const value = toFieldValue(record[f]);
			if (value !== null) out[f] = [{ value, at: toEpochMs(created.audited_time), byApi: ZOHO_API_SOURCES.has(String(created.source ?? '')) }];
		}
	}
	return out;
}

/** One timeline call per record (Zoho has no batch form), in order; a record whose call fails is left out. */
export async function readZohoHistory(
	zoho: ZohoClient,
	module: ZohoModule,
	mappings: readonly FieldMapping[],
	ids: readonly string[],
	recordOf: (id: string) => ZohoRecord | undefined,
): Promise<Map<string, CanonicalHistory>> {
	const out = new Map<string, CanonicalHistory>();
	const fields = mappings.map((m) => m.zoho);
	for (const id of ids) {
		const timeline = await zoho.getTimeline(module, id);
		const native = zohoTimelineEdits(timeline.entries, timeline.complete, recordOf(id), fields);
		const canonical: CanonicalHistory = {};
		for (const m of mappings) if (native[m.zoho]?.length) canonical[m.field] = native[m.zoho];
		out.set(id, canonical);
	}
	return out;
}
