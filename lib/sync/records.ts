import { MODIFIED_FIELDS } from './field-maps';
import { isEmpty, toFieldValue } from './normalise';
import { toEpochMs } from './time';
import type { FieldMapping, FieldValue, ObjectKind, SyncRecord } from './types';

/** The part of HubSpot's SimplePublicObject the engine reads (docs/crm-api-notes.md §1.6, §1.8). */
export interface HubspotObjectLike {
	id: string;
	properties: Record<string, unknown>;
	updatedAt?: string;
	/** Newest first (§1.8). */
	propertiesWithHistory?: Record<string, ReadonlyArray<{ value?: unknown; timestamp?: string }>>;
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

export function hubspotToRecord(obj: HubspotObjectLike, objectKind: ObjectKind, options: RecordOptions): SyncRecord {
	const props = obj.properties ?? {};
	const history = obj.propertiesWithHistory;
	const modified = obj.updatedAt ?? props[MODIFIED_FIELDS[objectKind].hubspot];
	const xref = options.xrefField ? toFieldValue(props[options.xrefField]) : null;
	const fieldModifiedAt = fieldTimesByCanonical(
		options.mappings,
		(m) => m.hubspot,
		(p) => options.fieldTimes?.[p] ?? history?.[p]?.[0]?.timestamp,
	);
	return {
		system: 'hubspot',
		objectKind,
		id: String(obj.id),
		fields: readFields(
			(p) => props[p],
			options.mappings,
			(m) => m.hubspot,
			(m) => m.hubspotFallback,
		),
		modifiedAt: toEpochMs(modified),
		...(fieldModifiedAt ? { fieldModifiedAt } : {}),
		...(xref ? { xrefId: xref } : {}),
		raw: obj,
	};
}

export function zohoToRecord(rec: ZohoRecordLike, objectKind: ObjectKind, options: RecordOptions): SyncRecord {
	const xref = options.xrefField ? toFieldValue(rec[options.xrefField]) : null;
	const fieldModifiedAt = options.fieldTimes
		? fieldTimesByCanonical(
				options.mappings,
				(m) => m.zoho,
				(f) => options.fieldTimes?.[f],
			)
		: undefined;
	return {
		system: 'zoho',
		objectKind,
		id: String(rec.id),
		fields: readFields(
			(f) => rec[f],
			options.mappings,
			(m) => m.zoho,
		),
		modifiedAt: toEpochMs(rec.Modified_Time),
		...(fieldModifiedAt ? { fieldModifiedAt } : {}),
		...(xref ? { xrefId: xref } : {}),
		raw: rec,
	};
}
