// Zoho reads shared across concurrent executions (lib/http/coalesce.ts): records by id (GET /{Module}?ids=, 100 a
// call) and COQL `field in (…)` lookups (COQL_VALUES_PER_CALL values a call, docs/crm-api-notes.md §2.5). Without a
// coalescer on the requester every function here is the plain per-call read.
import { unionOf, withoutOthers, type MergeSpec } from '../http/coalesce';
import type { ZohoRequester } from './client-core';
import { COQL_VALUES_PER_CALL, findInDirect } from './coql';
import { READ_BATCH, chunk, getRecords as getRecordsDirect } from './records';
import type { ZohoModule, ZohoRecord } from './types';

interface IdRead {
	module: ZohoModule;
	ids: string[];
	fields: string[];
}

interface ValueLookup {
	module: ZohoModule;
	field: string;
	values: string[];
	fields: string[];
}

const norm = (v: unknown) => String(v ?? '').trim().toLowerCase();
/** Each caller sees the fields it asked for (and `id`, which Zoho always returns), not the other callers'. */
const trim = (row: ZohoRecord, own: string[], all: string[]): ZohoRecord => withoutOthers(row, own, all, ['id']) as ZohoRecord;

function idSpec(http: ZohoRequester): MergeSpec<IdRead, ZohoRecord[]> {
	return {
		limit: READ_BATCH,
		keys: (r) => r.ids,
		async send(requests) {
			const first = requests[0];
			const fields = unionOf(requests.map((r) => r.fields));
			const rows = await getRecordsDirect(http, first.module, unionOf(requests.map((r) => r.ids)), fields);
			if (requests.length === 1) return [rows];
			return requests.map((r) => {
				const wanted = new Set(r.ids);
				return rows.filter((row) => wanted.has(String(row.id))).map((row) => trim(row, r.fields, fields));
			});
		},
	};
}

/** GET /{Module}?ids=…&fields=…: records by id, merged with other executions' reads of the same module. */
export async function getRecords(http: ZohoRequester, module: ZohoModule, ids: string[], fields: string[]): Promise<ZohoRecord[]> {
	const coalesce = http.coalesce;
	if (!coalesce || !fields.length || !ids.length) return getRecordsDirect(http, module, ids, fields);
	const spec = idSpec(http);
	const out: ZohoRecord[] = [];
	for (const part of chunk([...new Set(ids)], READ_BATCH)) out.push(...(await coalesce.run(`zoho:get-records:${module}`, { module, ids: part, fields }, spec)));
	return out;
}

function lookupSpec(http: ZohoRequester): MergeSpec<ValueLookup, ZohoRecord[]> {
	return {
		limit: COQL_VALUES_PER_CALL,
		keys: (r) => r.values.map(norm),
		async send(requests) {
			const first = requests[0];
			const byNorm = new Map<string, string>();
			for (const r of requests) for (const v of r.values) if (!byNorm.has(norm(v))) byNorm.set(norm(v), v);
			const fields = unionOf(requests.map((r) => r.fields));
			const rows = await findInDirect(http, first.module, first.field, [...byNorm.values()], fields);
			if (requests.length === 1) return [rows];
			const all = [first.field, ...fields];
			return requests.map((r) => {
				const wanted = new Set(r.values.map(norm));
				return rows.filter((row) => wanted.has(norm(row[r.field]))).map((row) => trim(row, [r.field, ...r.fields], all));
			});
		},
	};
}

/**
 * Rows whose `field` is one of `values` (COQL `in`, case-insensitive in Zoho), merged with other executions' lookups
 * on the same module and field. Callers re-check the matches exactly, as they do without sharing.
 */
export async function findIn(http: ZohoRequester, module: ZohoModule, field: string, values: string[], fields: string[]): Promise<ZohoRecord[]> {
	const coalesce = http.coalesce;
	if (!coalesce || !values.length) return findInDirect(http, module, field, values, fields);
	const spec = lookupSpec(http);
	const out: ZohoRecord[] = [];
	for (const part of chunk(values, COQL_VALUES_PER_CALL)) {
		out.push(...(await coalesce.run(`zoho:coql-in:${module}:${field}`, { module, field, values: part, fields }, spec)));
	}
	return out;
}
