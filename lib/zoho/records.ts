import { ConfigError, expectOk } from '../http';
import type { ZohoRequester } from './client-core';
import { ZohoAlreadyModifiedError, describeZohoError, toRecordError, type ZohoResultItem } from './record-errors';
import { formatZohoTime } from './time';
import type { WriteOptions, WriteOutcome, WriteResult, ZohoModule, ZohoRecord } from './types';

export const WRITE_BATCH = 100; // Zoho's per-call record limit for insert, update and upsert
export const READ_BATCH = 100;

export function chunk<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

const path = (module: ZohoModule) => `/${encodeURIComponent(module)}`;

/** GET /{Module}/{id}: Zoho always wraps the record in data[]; 204 (no such record) gives undefined. */
export async function getRecord(http: ZohoRequester, module: ZohoModule, id: string, fields?: string[]): Promise<ZohoRecord | undefined> {
	const { response } = await http.call<{ data?: ZohoRecord[] }>('GET', `${path(module)}/${encodeURIComponent(id)}`, {
		qs: fields?.length ? { fields: fields.join(',') } : undefined,
	});
	return response.statusCode === 204 ? undefined : response.body?.data?.[0];
}

/** GET /{Module}?ids=…&fields=… in batches of 100 (fields are mandatory since v3). Missing ids are simply absent. */
export async function getRecords(http: ZohoRequester, module: ZohoModule, ids: string[], fields: string[]): Promise<ZohoRecord[]> {
	if (!fields.length) throw new ConfigError('getRecords needs at least one field: Zoho requires `fields`', 'fields');
	const unique = [...new Set(ids)];
	const out: ZohoRecord[] = [];
	for (const batch of chunk(unique, READ_BATCH)) {
		const { response } = await http.call<{ data?: ZohoRecord[] }>('GET', path(module), { qs: { ids: batch.join(','), fields: fields.join(',') } });
		if (response.statusCode !== 204) out.push(...(response.body?.data ?? []));
	}
	return out;
}

export type WriteKind = 'insert' | 'update' | 'upsert';

/** Zoho's answer for one record (data[i]) as the outcome of the caller's record `index`. */
export function toOutcome(item: ZohoResultItem | undefined, index: number, kind: WriteKind, input: Record<string, unknown>): WriteOutcome {
	const inputId = typeof input.id === 'string' ? input.id : undefined;
	if (!item || item.status !== 'success') {
		return { ok: false, index, error: toRecordError(item ?? { code: 'NO_RESULT', message: 'no result for this record' }, index, inputId) };
	}
	const details = item.details ?? {};
	const id = typeof details.id === 'string' ? details.id : inputId ?? '';
	const action = item.action === 'insert' || item.action === 'update' ? item.action : kind === 'insert' ? 'insert' : 'update';
	return {
		ok: true,
		index,
		id,
		action,
		modifiedTime: typeof details.Modified_Time === 'string' ? details.Modified_Time : undefined,
		...(kind === 'upsert' ? { duplicateField: item.duplicate_field ?? null } : {}),
	};
}

/**
 * One insert, update or upsert call of at most 100 records; items[i] is Zoho's answer for batch[i]. Zoho reports each
 * record inside a 2xx (or a 400 when all failed). A 412 (If-Unmodified-Since) throws ZohoAlreadyModifiedError: nothing in
 * that call was written; a 400 without per-record data throws an HttpError.
 */
export async function writeCall(
	http: ZohoRequester,
	kind: WriteKind,
	module: ZohoModule,
	batch: Array<Record<string, unknown>>,
	options: WriteOptions = {},
): Promise<Array<ZohoResultItem | undefined>> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (options.ifUnmodifiedSince !== undefined) {
		headers['If-Unmodified-Since'] = typeof options.ifUnmodifiedSince === 'number' ? formatZohoTime(options.ifUnmodifiedSince) : options.ifUnmodifiedSince;
	}
	// trigger: [] by default so Zoho workflows do not react to (and echo) our own writes.
	const body: Record<string, unknown> = { data: batch, trigger: options.trigger ?? [] };
	if (kind === 'upsert' && options.duplicateCheckFields?.length) body.duplicate_check_fields = options.duplicateCheckFields;
	const method = kind === 'update' ? 'PUT' : 'POST';
	const { request, response } = await http.call<{ data?: ZohoResultItem[]; code?: string; details?: { id?: string } }>(
		method,
		kind === 'upsert' ? `${path(module)}/upsert` : path(module),
		{ body, headers, accept: [400, 412] },
	);
	if (response.statusCode === 412) {
		const recordId = typeof response.body?.details?.id === 'string' ? response.body.details.id : undefined;
		throw new ZohoAlreadyModifiedError(request.method, request.url, response.body, recordId);
	}
	const items = response.body?.data;
	if (response.statusCode === 400 && !Array.isArray(items)) {
		// An envelope error (bad JSON, too many records…), not per-record results: surface it as an HttpError.
		expectOk(request, { ...response, statusCode: 400 }, http.now, describeZohoError(response.body));
	}
	if (!Array.isArray(items)) throw new ConfigError(`Zoho answered ${response.statusCode} without per-record results`, 'data');
	return items;
}

export function toWriteResult(outcomes: WriteOutcome[]): WriteResult {
	const succeeded = outcomes.filter((o): o is Extract<WriteOutcome, { ok: true }> => o.ok);
	const failed = outcomes.filter((o): o is Extract<WriteOutcome, { ok: false }> => !o.ok);
	return { outcomes, succeeded, failed };
}

/**
 * Insert, update or upsert in calls of 100 (writeCall): every data[i] becomes an outcome; failures are CrmRecordErrors
 * carrying index, id, field and code.
 */
export async function writeRecords(
	http: ZohoRequester,
	kind: WriteKind,
	module: ZohoModule,
	records: Array<Record<string, unknown>>,
	options: WriteOptions = {},
): Promise<WriteResult> {
	if (kind === 'update' && records.some((r) => typeof r.id !== 'string' || r.id === '')) {
		throw new ConfigError('Every record to update needs its Zoho id', 'id');
	}
	const outcomes: WriteOutcome[] = [];
	let offset = 0;
	for (const batch of chunk(records, WRITE_BATCH)) {
		const items = await writeCall(http, kind, module, batch, options);
		batch.forEach((input, i) => outcomes.push(toOutcome(items[i], offset + i, kind, input)));
		offset += batch.length;
	}
	return toWriteResult(outcomes);
}
