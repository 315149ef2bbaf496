import { ConfigError } from '../http';
import type { ZohoRequester } from './client-core';
import { chunk } from './records';
import type { CoqlResult, ZohoModule, ZohoRecord } from './types';

export const COQL_IN_LIMIT = 50; // values per `in (…)` (docs/crm-api-notes.md §2.5)
/**
 * Values per lookup call: two `in (…)` criteria joined by `or` (COQL allows 25 criteria, 50 values each), so a batch of
 * 100 records, the size of every other batch call here, is looked up in one call.
 */
export const COQL_VALUES_PER_CALL = 2 * COQL_IN_LIMIT;
export const COQL_MAX_LIMIT = 2000; // rows per call
const COQL_MAX_OFFSET = 100_000;

/** Quotes a COQL string literal (backslash-escapes quotes and backslashes). */
export function coqlString(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** POST /coql. 204 (nothing matched) gives an empty result. COQL reads have no indexing lag, unlike search. */
export async function coql(http: ZohoRequester, query: string): Promise<CoqlResult> {
	const { response } = await http.call<{ data?: ZohoRecord[]; info?: { more_records?: boolean } }>('POST', '/coql', {
		body: { select_query: query },
		headers: { 'content-type': 'application/json' },
	});
	if (response.statusCode === 204 || !response.body) return { data: [], moreRecords: false };
	return { data: response.body.data ?? [], moreRecords: Boolean(response.body.info?.more_records) };
}

/**
 * Pages a query (given without limit/offset) with `limit N offset M` until more_records is false.
 * COQL reaches at most 100,000 rows by offset; maxRecords caps earlier.
 */
export async function coqlAll(http: ZohoRequester, query: string, options: { pageSize?: number; maxRecords?: number } = {}): Promise<ZohoRecord[]> {
	if (/\blimit\b|\boffset\b/i.test(query.replace(/'(?:[^'\\]|\\.)*'/g, ''))) {
		throw new ConfigError('coqlAll adds limit/offset itself: pass the query without them', 'query');
	}
	const pageSize = Math.min(COQL_MAX_LIMIT, Math.max(1, options.pageSize ?? COQL_MAX_LIMIT));
	const max = Math.min(options.maxRecords ?? COQL_MAX_OFFSET, COQL_MAX_OFFSET);
	const out: ZohoRecord[] = [];
	for (let offset = 0; offset < max; offset += pageSize) {
		const page = await coql(http, `${query} limit ${Math.min(pageSize, max - offset)} offset ${offset}`);
		out.push(...page.data);
		if (!page.moreRecords || page.data.length === 0) break;
	}
	return out;
}

/** `field in (…)` for up to COQL_VALUES_PER_CALL values: one criterion per 50, two joined as `(a or b)`. */
export function coqlInWhere(field: string, values: string[]): string {
	if (values.length > COQL_VALUES_PER_CALL) throw new ConfigError(`At most ${COQL_VALUES_PER_CALL} values per COQL lookup, got ${values.length}`, field);
	const criteria = chunk(values, COQL_IN_LIMIT).map((part) => `${field} in (${part.map(coqlString).join(', ')})`);
	return criteria.length === 1 ? criteria[0] : `(${criteria.join(' or ')})`;
}

/** Rows whose `field` is one of `values` by COQL `in (…)`, 100 values a call; callers re-check the matches. */
export async function findInDirect(http: ZohoRequester, module: ZohoModule, field: string, values: string[], fields: string[]): Promise<ZohoRecord[]> {
	const select = [...new Set([field, ...fields])].join(', ');
	const out: ZohoRecord[] = [];
	for (const batch of chunk(values, COQL_VALUES_PER_CALL)) {
		out.push(...(await coqlAll(http, `select ${select} from ${module} where ${coqlInWhere(field, batch)}`)));
	}
	return out;
}

/** "https://www.Acme.com/about" -> "acme.com". */
export function websiteDomain(value: string): string {
	return value.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^www\./, '').split(/[/?#:]/)[0];
}

/**
 * Accounts whose Website's host is one of `domains`. Websites are stored in many shapes (with scheme, www, path), so
 * COQL `like '%domain%'` narrows (10 domains a call, bracketed in pairs as COQL requires) and the host is re-checked.
 */
export async function findAccountsByWebsites(http: ZohoRequester, domains: string[], fields: string[] = []): Promise<ZohoRecord[]> {
	const wanted = [...new Set(domains.map(websiteDomain).filter(Boolean))];
	const select = [...new Set(['Account_Name', 'Website', 'Modified_Time', ...fields])].join(', ');
	const out: ZohoRecord[] = [];
	for (const batch of chunk(wanted, 10)) {
		const where = batch.map((d) => `Website like ${coqlString(`%${d}%`)}`).reduce((acc, c) => `(${acc} or ${c})`);
		const rows = await coqlAll(http, `select ${select} from Accounts where ${where}`);
		out.push(...rows.filter((r) => typeof r.Website === 'string' && batch.includes(websiteDomain(r.Website))));
	}
	return out;
}
