// Pages of source record ids for a bulk reconcile, one page at a time, so memory stays flat however many records a
// CRM holds: the caller syncs a page before the next one is fetched and keeps nothing of it but counters.
import { MAX_SEARCH_PAGE } from '../hubspot/fields';
import type { HubspotClient, SearchFilter } from '../hubspot';
import { MODIFIED_FIELDS, type ObjectKind } from '../sync';
import { COQL_MAX_LIMIT, type ZohoClient } from '../zoho';
import { formatZohoTime } from '../zoho/time';
import { HUBSPOT_TYPE } from './hubspot-port';
import { ZOHO_MODULE } from './zoho-port';

/** COQL reaches 100,000 rows by LIMIT/OFFSET (docs/crm-api-notes.md §2.5); past that the query restarts after the last id. */
const COQL_OFFSET_REACH = 100_000;

export interface SourcePageOptions {
	/** Only records modified at or after this instant (epoch ms); all records when absent. */
	since?: number;
	/** Ids per page (HubSpot at most 200 per search, Zoho at most 2,000 per COQL call). */
	pageSize?: number;
	/** Zoho: rows COQL reaches by OFFSET before the query restarts after the last id (100,000; lower only in tests). */
	offsetReach?: number;
}

const byNumber = (a: string, b: string): number => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);
const maxId = (ids: string[]): string => ids.reduce((m, id) => (byNumber(id, m) > 0 ? id : m));

/**
 * HubSpot ids by keyset: every page is a new search for `hs_object_id > last id seen`, sorted by id. A search query
 * stops at 10,000 results (docs/crm-api-notes.md §1.6); a fresh query per page never reaches that, so any number of records is
 * covered, and records created while the reconcile runs are picked up at the end rather than shifting the pages.
 */
export async function* hubspotIdPages(hubspot: HubspotClient, kind: ObjectKind, options: SourcePageOptions = {}): AsyncGenerator<string[]> {
	const limit = Math.min(MAX_SEARCH_PAGE, Math.max(1, options.pageSize ?? MAX_SEARCH_PAGE));
	const modified = MODIFIED_FIELDS[kind].hubspot;
	let last = '0';
	for (;;) {
		const filters: SearchFilter[] = [{ propertyName: 'hs_object_id', operator: 'GT', value: last }];
		if (options.since !== undefined) filters.push({ propertyName: modified, operator: 'GTE', value: String(options.since) });
		const page = await hubspot.search(HUBSPOT_TYPE[kind], {
			filterGroups: [{ filters }],
			properties: ['hs_object_id'],
			sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
			limit,
		});
		const ids = page.results.map((o) => String(o.id)).filter((id) => byNumber(id, last) > 0);
		if (ids.length === 0) return;
		yield ids;
		last = maxId(ids);
		if (page.results.length < limit && !page.after) return;
	}
}

/**
 * Zoho ids with COQL, sorted by id: LIMIT/OFFSET pages up to the 100,000 rows COQL reaches, then the query restarts
 * with `id > last id seen`. Zoho ids are numeric strings of one length, so they sort as numbers.
 */
export async function* zohoIdPages(zoho: ZohoClient, kind: ObjectKind, options: SourcePageOptions = {}): AsyncGenerator<string[]> {
	const limit = Math.min(COQL_MAX_LIMIT, Math.max(1, options.pageSize ?? COQL_MAX_LIMIT));
	const reach = options.offsetReach ?? COQL_OFFSET_REACH;
	const base = options.since !== undefined ? `Modified_Time >= '${formatZohoTime(options.since)}'` : 'id is not null';
	let after: string | undefined;
	let offset = 0;
	for (;;) {
		const where = after ? `(${base}) and id > '${after}'` : base;
		const page = await zoho.coql(`select id from ${ZOHO_MODULE[kind]} where ${where} order by id asc limit ${limit} offset ${offset}`);
		const ids = page.data.map((r) => String(r.id));
		if (ids.length === 0) return;
		yield ids;
		if (!page.moreRecords) return;
		offset += ids.length;
		if (offset + limit > reach) {
			after = maxId(ids);
			offset = 0;
		}
	}
}
