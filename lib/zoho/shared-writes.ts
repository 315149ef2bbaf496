// Zoho creates shared across concurrent executions (lib/http/coalesce.ts): inserts and upserts of one module with the
// same duplicate_check_fields and trigger go out as one call of up to 100 records (Zoho's per-call write limit), each
// execution getting back its own per-record outcomes, indexed from its own first record, as if it had called alone.
// Zoho answers data[i] for the i-th record sent (docs/crm-api-notes.md §2.3). Two requests that would upsert one key
// value never share a call (coalesce `exclusive`): what Zoho does with one key twice in one call is not documented.
// Updates are never shared: their If-Unmodified-Since header belongs to one execution's read.
import type { MergeSpec } from '../http/coalesce';
import type { ZohoRequester } from './client-core';
import type { ZohoResultItem } from './record-errors';
import { WRITE_BATCH, chunk, toOutcome, toWriteResult, writeCall, writeRecords, type WriteKind } from './records';
import type { WriteOptions, WriteResult, ZohoModule } from './types';

type Input = Record<string, unknown>;
export type CreateKind = Exclude<WriteKind, 'update'>;

interface CreateRequest {
	kind: CreateKind;
	module: ZohoModule;
	records: Input[];
	options: WriteOptions;
	/** What this request's records would collide on (see createKeys). */
	keys: string[];
}

let sequence = 0;
const norm = (v: unknown) => String(v).trim().toLowerCase();

/**
 * Per record, the values Zoho's duplicate check compares (case-insensitively, to be safe), as `field:value`; a record
 * with no such value, or whose value another record of the same request already has, also gets a token no other record
 * has. Every record thus adds at least one key of its own, so a merged call's distinct keys bound its records by the
 * coalescer's limit (100); tokens never overlap, so inserts never wait for each other.
 */
function createKeys(records: Input[], fields: readonly string[]): string[] {
	const keys: string[] = [];
	const seen = new Set<string>();
	for (const record of records) {
		const own = fields.filter((f) => record[f] !== undefined && record[f] !== null && norm(record[f]) !== '').map((f) => `${f}:${norm(record[f])}`);
		if (!own.length || seen.has(own[0])) keys.push(`#${(sequence += 1)}`);
		for (const k of own) {
			seen.add(k);
			keys.push(k);
		}
	}
	return keys;
}

function createSpec(http: ZohoRequester): MergeSpec<CreateRequest, WriteResult> {
	return {
		limit: WRITE_BATCH,
		exclusive: true,
		keys: (r) => r.keys,
		async send(requests) {
			const { kind, module, options } = requests[0];
			const items: Array<ZohoResultItem | undefined> = [];
			// One call unless a single request holds more than 100 records (it then goes alone and is split here).
			for (const part of chunk(requests.flatMap((r) => r.records), WRITE_BATCH)) {
				const answered = await writeCall(http, kind, module, part, options);
				part.forEach((_, i) => items.push(answered[i]));
			}
			let offset = 0;
			return requests.map((r) => {
				const start = offset;
				offset += r.records.length;
				return toWriteResult(r.records.map((input, i) => toOutcome(items[start + i], i, kind, input)));
			});
		},
	};
}

/**
 * POST /{Module} or /{Module}/upsert, merged with other executions' creates of the same kind. Sent alone (the plain
 * writeRecords) without a coalescer, with If-Unmodified-Since, or for an upsert without explicit duplicate_check_fields
 * (Zoho then checks every unique field of the module, which we cannot tell apart here).
 */
export async function createRecords(http: ZohoRequester, kind: CreateKind, module: ZohoModule, records: Input[], options: WriteOptions = {}): Promise<WriteResult> {
	const coalesce = http.coalesce;
	const fields = kind === 'upsert' ? options.duplicateCheckFields ?? [] : [];
	if (!coalesce || !records.length || options.ifUnmodifiedSince !== undefined || (kind === 'upsert' && !fields.length)) {
		return writeRecords(http, kind, module, records, options);
	}
	const lane = `zoho:create:${module}:${kind}:${JSON.stringify(fields)}:${JSON.stringify(options.trigger ?? [])}`;
	return coalesce.run(lane, { kind, module, records, options, keys: createKeys(records, fields) }, createSpec(http));
}
