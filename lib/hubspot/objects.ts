// Contacts and companies over CRM v3: get, batch read, create, update, batch create/update/upsert (docs/crm-api-notes.md §1.6).
import type { CrmRecordError } from '../http/errors';
import { toRecordError } from './errors';
import { MAX_BATCH, MAX_BATCH_WITH_HISTORY } from './fields';
import type { HubspotRequester } from './request';
import type {
	BatchReadResult, CreateInput, HubspotObject, HubspotObjectType, PropertyInput, ReadOptions, UpdateInput, UpsertInput,
} from './types';

export type BatchItemOutcome =
	| { index: number; ok: true; record: HubspotObject; created?: boolean }
	| { index: number; ok: false; error: CrmRecordError };

export interface BatchWriteResult {
	/** One outcome per input, in input order. */
	outcomes: BatchItemOutcome[];
	records: HubspotObject[];
	errors: CrmRecordError[];
}

interface BatchEnvelope {
	results?: Array<HubspotObject & { objectWriteTraceId?: string }>;
	errors?: Array<{ context?: { objectWriteTraceId?: string[]; ids?: string[] } }>;
}

const base = (type: HubspotObjectType) => `/crm/v3/objects/${type}`;
const csv = (list?: string[]) => (list && list.length ? list.join(',') : undefined);
const enc = encodeURIComponent;

export function chunk<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** HubSpot stores every value as a string; '' clears (docs/crm-api-notes.md §1.6). */
export function toWireProperties(properties: PropertyInput): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(properties)) out[k] = v === null ? '' : String(v);
	return out;
}

export async function getObject(http: HubspotRequester, type: HubspotObjectType, id: string, options: ReadOptions = {}): Promise<HubspotObject | undefined> {
	const res = await http.call<HubspotObject>('GET', `${base(type)}/${enc(id)}`, {
		qs: {
			properties: csv(options.properties),
			propertiesWithHistory: csv(options.propertiesWithHistory),
			associations: csv(options.associations),
			idProperty: options.idProperty,
		},
		allow: [404],
	});
	return res.statusCode === 404 ? undefined : res.body;
}

/** Reads up to 100 per call (50 with history); missing ids come back in `missing`, not as errors. */
export async function batchRead(http: HubspotRequester, type: HubspotObjectType, ids: string[], options: Omit<ReadOptions, 'associations'> = {}): Promise<BatchReadResult> {
	const unique = [...new Set(ids.map(String))];
	const size = options.propertiesWithHistory?.length ? MAX_BATCH_WITH_HISTORY : MAX_BATCH;
	const results: HubspotObject[] = [];
	const missing: string[] = [];
	for (const part of chunk(unique, size)) {
		const res = await http.call<BatchEnvelope>('POST', `${base(type)}/batch/read`, {
			body: {
				inputs: part.map((id) => ({ id })),
				properties: options.properties ?? [],
				propertiesWithHistory: options.propertiesWithHistory ?? [],
				...(options.idProperty ? { idProperty: options.idProperty } : {}),
			},
		});
		results.push(...(res.body?.results ?? []));
		for (const e of res.body?.errors ?? []) missing.push(...(e.context?.ids ?? []));
	}
	return { results, missing };
}

export async function createObject(http: HubspotRequester, type: HubspotObjectType, input: CreateInput): Promise<HubspotObject> {
	const res = await http.call<HubspotObject>('POST', base(type), { body: createBody(type, input) });
	return res.body;
}

export async function updateObject(http: HubspotRequester, type: HubspotObjectType, id: string, properties: PropertyInput, idProperty?: string): Promise<HubspotObject> {
	const res = await http.call<HubspotObject>('PATCH', `${base(type)}/${enc(id)}`, {
		qs: { idProperty },
		body: { properties: toWireProperties(properties) },
	});
	return res.body;
}

function createBody(type: HubspotObjectType, input: CreateInput) {
	const body: Record<string, unknown> = { properties: toWireProperties(input.properties) };
	if (type === 'contacts' && input.companyIds?.length) {
		body.associations = input.companyIds.map((id) => ({
			to: { id },
			types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
		}));
	}
	return body;
}

/**
 * Sends inputs in chunks of 100, each tagged with objectWriteTraceId = its index so HubSpot answers 207 with
 * per-input errors instead of failing the whole batch; a whole-chunk 400/404/409 fails each input of that chunk.
 */
async function batchWrite(
	http: HubspotRequester,
	path: string,
	wireInputs: Array<Record<string, unknown>>,
	recordIdOf: (index: number) => string | undefined,
): Promise<BatchWriteResult> {
	const outcomes: BatchItemOutcome[] = [];
	const indexed = wireInputs.map((input, index) => ({ input, index }));
	for (const part of chunk(indexed, MAX_BATCH)) {
		const res = await http.call<BatchEnvelope>('POST', path, {
			body: { inputs: part.map(({ input, index }) => ({ ...input, objectWriteTraceId: String(index) })) },
			allow: [400, 404, 409],
		});
		if (res.statusCode >= 400) {
			for (const { index } of part) outcomes[index] = { index, ok: false, error: toRecordError(res.body, recordIdOf(index)) };
			continue;
		}
		const results = res.body?.results ?? [];
		const errors = res.body?.errors ?? [];
		for (const r of results) {
			const index = Number(r.objectWriteTraceId);
			if (!Number.isInteger(index)) continue;
			const record: HubspotObject & { objectWriteTraceId?: string } = { ...r };
			delete record.objectWriteTraceId;
			outcomes[index] = { index, ok: true, record, ...(typeof r.new === 'boolean' ? { created: r.new } : {}) };
		}
		for (const e of errors) {
			const index = Number(e.context?.objectWriteTraceId?.[0]);
			if (Number.isInteger(index)) outcomes[index] = { index, ok: false, error: toRecordError(e, recordIdOf(index)) };
		}
		// A server that does not echo trace ids: map by order when the counts allow it.
		const untraced = part.filter(({ index }) => !outcomes[index]);
		if (untraced.length && results.length === part.length && !errors.length) {
			untraced.forEach(({ index }, i) => (outcomes[index] = { index, ok: true, record: results[i], ...(typeof results[i].new === 'boolean' ? { created: results[i].new } : {}) }));
		}
		for (const { index } of part.filter(({ index: i }) => !outcomes[i])) {
			outcomes[index] = { index, ok: false, error: toRecordError({ message: 'HubSpot returned no result for this input', category: 'UNKNOWN_OUTCOME' }, recordIdOf(index)) };
		}
	}
	return {
		outcomes,
		records: outcomes.flatMap((o) => (o.ok ? [o.record] : [])),
		errors: outcomes.flatMap((o) => (o.ok ? [] : [o.error])),
	};
}

export function batchCreate(http: HubspotRequester, type: HubspotObjectType, inputs: CreateInput[]): Promise<BatchWriteResult> {
	return batchWrite(http, `${base(type)}/batch/create`, inputs.map((i) => createBody(type, i)), () => undefined);
}

export function batchUpdate(http: HubspotRequester, type: HubspotObjectType, inputs: UpdateInput[]): Promise<BatchWriteResult> {
	const wire = inputs.map((i) => ({ id: i.id, ...(i.idProperty ? { idProperty: i.idProperty } : {}), properties: toWireProperties(i.properties) }));
	return batchWrite(http, `${base(type)}/batch/update`, wire, (index) => inputs[index].id);
}

/** Contacts upsert by email by default; companies need a unique-value custom property (domain is not unique). */
export function batchUpsert(http: HubspotRequester, type: HubspotObjectType, inputs: UpsertInput[]): Promise<BatchWriteResult> {
	const wire = inputs.map((i) => ({ id: i.id, idProperty: i.idProperty ?? (type === 'contacts' ? 'email' : 'hs_object_id'), properties: toWireProperties(i.properties) }));
	return batchWrite(http, `${base(type)}/batch/upsert`, wire, (index) => inputs[index].id);
}
