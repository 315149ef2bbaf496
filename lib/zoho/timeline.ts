// A record's timeline: GET /{Module}/{id}/__timeline, per-field change history with who, when and through what
// (https://www.zoho.com/crm/developer/docs/api/v8/timeline-of-a-record.html). One call per record: there is no batch.
import type { ZohoRequester } from './client-core';
import type { ZohoModule } from './types';

export interface ZohoTimelineEntry {
	audited_time: string;
	/** "added" (created), "updated", … */
	action?: string | null;
	/** "crm_api", "bulkapi", "crm_ui", "workflow", … */
	source?: string;
	done_by?: { id?: string; name?: string } | null;
	field_history?: Array<{ api_name?: string; _value?: { new?: unknown; old?: unknown } | null }> | null;
	[key: string]: unknown;
}

export interface ZohoTimeline {
	entries: ZohoTimelineEntry[];
	/** false when more pages exist than were read. */
	complete: boolean;
}

interface TimelinePage {
	__timeline?: ZohoTimelineEntry[];
	info?: { next_page_token?: string | null; more_records?: boolean };
}

/** Newest first (sort_by=audited_time, desc), following next_page_token up to `maxPages` pages; 204 = no entries. */
export async function getTimeline(http: ZohoRequester, module: ZohoModule, id: string, maxPages = 2): Promise<ZohoTimeline> {
	const entries: ZohoTimelineEntry[] = [];
	let pageToken: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const qs = pageToken ? { page_token: pageToken } : { sort_by: 'audited_time', sort_order: 'desc' };
		const { response } = await http.call<TimelinePage>('GET', `/${encodeURIComponent(module)}/${encodeURIComponent(id)}/__timeline`, { qs });
		if (response.statusCode === 204) return { entries, complete: true };
		entries.push(...(response.body?.__timeline ?? []));
		const next = response.body?.info?.next_page_token;
		if (!response.body?.info?.more_records || !next) return { entries, complete: true };
		pageToken = next;
	}
	return { entries, complete: false };
}
