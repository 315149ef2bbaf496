// CRM search (docs/crm-api-notes.md §1.6): <=200 per page, 10,000 results per query, 5 requests/s per token.
// The index is eventually consistent: never treat "not found" here as proof of absence; read by idProperty instead.
import { MAX_SEARCH_PAGE, MAX_SEARCH_RESULTS } from './fields';
import type { HubspotRequester } from './request';
import type { HubspotObject, HubspotObjectType, SearchAllResult, SearchBody, SearchPage } from './types';

interface SearchResponse {
	total?: number;
	results?: HubspotObject[];
	paging?: { next?: { after?: string } };
}

export async function search(http: HubspotRequester, type: HubspotObjectType, body: SearchBody): Promise<SearchPage> {
	const limit = Math.min(body.limit ?? MAX_SEARCH_PAGE, MAX_SEARCH_PAGE);
	const res = await http.call<SearchResponse>('POST', `/crm/v3/objects/${type}/search`, { body: { ...body, limit }, search: true });
	return { total: res.body?.total ?? 0, results: res.body?.results ?? [], after: res.body?.paging?.next?.after };
}

export async function searchAll(http: HubspotRequester, type: HubspotObjectType, body: SearchBody, options: { maxPages?: number } = {}): Promise<SearchAllResult> {
	const maxPages = options.maxPages ?? Math.ceil(MAX_SEARCH_RESULTS / MAX_SEARCH_PAGE);
	const results: HubspotObject[] = [];
	let after = body.after;
	let total = 0;
	for (let page = 0; page < maxPages; page++) {
		const remaining = MAX_SEARCH_RESULTS - Number(after ?? 0);
		if (remaining <= 0) return { total, results, truncated: true };
		const p = await search(http, type, { ...body, limit: Math.min(MAX_SEARCH_PAGE, remaining), after });
		total = p.total;
		results.push(...p.results);
		if (!p.after) return { total, results, truncated: false };
		after = p.after;
	}
	return { total, results, truncated: true };
}
