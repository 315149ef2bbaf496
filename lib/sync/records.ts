import { MODIFIED_FIELDS } from './field-maps';
import { isEmpty, toFieldValue } from './normalise';
import { toEpochMs } from './time';
import type { FieldEdit, FieldMapping, FieldValue, ObjectKind, SyncRecord, SystemName } from './types';

/**
 * HubSpot property-history sourceType values of writes made through the API by an app or integration, not a person
 * (https://developers.hubspot.com/docs/api/crm/properties: propertiesWithHistory, sourceType).
 */
export const HUBSPOT_API_SOURCES: ReadonlySet<string> = new Set(['API', 'INTEGRATION']);

/** The part of HubSpot's SimplePublicObject the engine reads (docs/crm-api-notes.md §1.6, §1.8). */
export interface HubspotObjectLike {
	id: string;
	properties: Record<string, unknown>;
	updatedAt?: string;
	/** Newest first (§1.8). */
	propertiesWithHistory?: Record<string, ReadonlyArray<{ value?: unknown; timestamp?: string; sourceType?: string }>>;
}

/** A Zoho record as returned in `data[]` (§2.3): flat fields, lookups as {name,id}, Modified_Time with an offset. */
export interface ZohoRecordLike {
	id: string;
	Modified_Time?: string;
	[field: string]: unknown;
}

export interface RecordOptions {
	mappings: readonly FieldMapping[];
	/** Native field on THIS system that holds the other system's id. */
	xrefField?: string;
	/** Native field name -> last change instant, e.g. read from Zoho's __timeline. */
	fieldTimes?: Record<string, unknown>;
	/** Native field name -> its changes, newest first (Zoho: from the record timeline). Sets `fieldHistory`. */
	fieldHistory?: Record<string, FieldEdit[]>;
}

/** HubSpot's propertiesWithHistory (newest first) as FieldEdits per native property. */
export function hubspotFieldEdits(history: NonNullable<HubspotObjectLike['propertiesWithHistory']>): Record<string, FieldEdit[]> {
	const out: Record<string, FieldEdit[]> = {};
	for (const [name, entries] of Object.entries(history)) {
		const list = [...(entries ?? [])];
		out[name] = list.map((e, i) => ({
			value: toFieldValue(e.value),
			...(i + 1 < list.length ? { previous: toFieldValue(list[i + 1].value) } : {}),
			at: toEpochMs(e.timestamp),
			byApi: HUBSPOT_API_SOURCES.has(String(e.sourceType ?? '')),
		}));
	}
	return out;
}

/** Native-keyed edits -> canonical-keyed, for the mapped fields (empty object when read but nothing is known). */
function canonicalHistory(
	mappings: readonly FieldMapping[],
	pick: (m: FieldMapping) => string,
	native: Record<string, FieldEdit[]>,
): Record<string, FieldEdit[]> {
	const out: Record<string, FieldEdit[]> = {};
	for (const m of mappings) {
		const edits = native[pick(m)];
		if (edits && edits.length > 0) out[m.field] = edits;
	}
	return out;
}

function readFields(
	get: (name: string) => unknown,
	mappings: readonly FieldMapping[],
	pick: (m: FieldMapping) => string,
	fallback?: (m: FieldMapping) => string | undefined,
): Record<string, FieldValue> {
	const fields: Record<string, FieldValue> = {};
	for (const m of mappings) {
		let value = toFieldValue(get(pick(m)));
		const alt = fallback?.(m);
		if (isEmpty(value) && alt) value = toFieldValue(get(alt));
		fields[m.field] = value;
	}
	return fields;
}

function fieldTimesByCanonical(
	mappings: readonly FieldMapping[],
	pick: (m: FieldMapping) => string,
	timeOf: (native: string) => unknown,
): Record<string, number> | undefined {
	const out: Record<string, number> = {};
	for (const m of mappings) {
		const ms = toEpochMs(timeOf(pick(m)));
		if (ms > 0) out[m.field] = ms;
	}
	return Object.keys(out).length > 0 ? out : undefined;
}

/** The parts of a SyncRecord both converters read; optional parts are left out when absent. */
interface RecordParts {
	fields: Record<string, FieldValue>;
	modifiedAt: number;
	fieldModifiedAt?: Record<string, number>;
	fieldHistory?: Record<string, FieldEdit[]>;
	xref: FieldValue;
}

function toRecord(system: SystemName, objectKind: ObjectKind, native: { id: string }, parts: RecordParts): SyncRecord {
	const { fields, modifiedAt, fieldModifiedAt, fieldHistory, xref } = parts;
	return {
		system,
		objectKind,
		id: String(native.id),
		fields,
		modifiedAt,
		...(fieldModifiedAt ? { fieldModifiedAt } : {}),
		...(fieldHistory ? { fieldHistory } : {}),
		...(xref ? { xrefId: xref } : {}),
		raw: native,
	};
}

export function hubspotToRecord(obj: HubspotObjectLike, objectKind: ObjectKind, options: RecordOptions): SyncRecord {
	const props = obj.properties ?? {};
	const history = obj.propertiesWithHistory;
	const hubspot = (m: FieldMapping) => m.hubspot;
	return toRecord('hubspot', objectKind, obj, {
		fields: readFields((p) => props[p], options.mappings, hubspot, (m) => m.hubspotFallback),
		modifiedAt: toEpochMs(obj.updatedAt ?? props[MODIFIED_FIELDS[objectKind].hubspot]),
		fieldModifiedAt: fieldTimesByCanonical(options.mappings, hubspot, (p) => options.fieldTimes?.[p] ?? history?.[p]?.[0]?.timestamp),
		fieldHistory: history ? canonicalHistory(options.mappings, hubspot, hubspotFieldEdits(history)) : undefined,
		xref: options.xrefField ? toFieldValue(props[options.xrefField]) : null,
	});
}

export function zohoToRecord(rec: ZohoRecordLike, objectKind: ObjectKind, options: RecordOptions): SyncRecord {
	const zoho = (m: FieldMapping) => m.zoho;
	const times = options.fieldTimes;
	return toRecord('zoho', objectKind, rec, {
		fields: readFields((f) => rec[f], options.mappings, zoho),
		modifiedAt: toEpochMs(rec.Modified_Time),
		fieldModifiedAt: times ? fieldTimesByCanonical(options.mappings, zoho, (f) => times[f]) : undefined,
		fieldHistory: options.fieldHistory ? canonicalHistory(options.mappings, zoho, options.fieldHistory) : undefined,
		xref: options.xrefField ? toFieldValue(rec[options.xrefField]) : null,
	});
}
