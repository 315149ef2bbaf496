import { ConfigError } from '../../lib/http';
import type { HttpRequest } from '../../lib/http';
import { causeOf, parseUrl } from './parse';

export type PaginationMode = 'off' | 'nextUrl' | 'linkHeader' | 'pageParameter';
export type StopWhen = 'noNextUrl' | 'emptyResponse' | 'fieldEquals';

export interface PaginationSpec {
	mode: PaginationMode;
	/** nextUrl mode: dot path into { body, headers } of each response, e.g. body.paging.next.link. */
	nextUrlPath: string;
	/** pageParameter mode. */
	parameterName: string;
	start: number;
	increment: number;
	/** Dot path to the page's list (body.data); used by Stop When = Response Is Empty and by merged output. */
	itemsPath: string;
	stopWhen: StopWhen;
	stopFieldPath: string;
	stopFieldValue: string;
	maxPages: number;
}

/** A page as the node sees it: decoded body (JSON, text or undefined) and headers. */
export interface Page {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export const DEFAULT_MAX_PAGES = 100;
/** No option lets one item make more requests than this. */
export const HARD_MAX_PAGES = 1000;

/** `a.b[0].c` or `a.b.0.c` in an object; undefined when any step is missing. */
export function valueAtPath(root: unknown, path: string): unknown {
	const steps = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
	let cur: unknown = root;
	for (const step of steps) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[step];
	}
	return cur;
}

/** RFC 8288 Link header: the target of rel="next", if any. */
export function nextFromLinkHeader(value: string | string[] | undefined): string | undefined {
	const text = Array.isArray(value) ? value.join(', ') : value ?? '';
	for (const part of text.split(/,(?=\s*<)/)) {
		const m = /^\s*<([^>]*)>(.*)$/.exec(part);
		if (m && /;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(m[2])) return m[1];
	}
	return undefined;
}

function isEmpty(v: unknown): boolean {
	if (v === undefined || v === null || v === '') return true;
	if (Array.isArray(v)) return v.length === 0;
	if (typeof v === 'object') return Object.keys(v as object).length === 0;
	return false;
}

/** The next page's URL (absolute, resolved against the current one), or undefined when there is none. */
function nextUrlOf(spec: PaginationSpec, page: Page, current: string): string | undefined {
	const raw = spec.mode === 'linkHeader' ? nextFromLinkHeader(page.headers.link) : valueAtPath({ body: page.body, headers: page.headers }, spec.nextUrlPath);
	if (typeof raw !== 'string' || raw.trim() === '') return undefined;
	const next = parseUrl(raw.trim(), current);
	if (!next.ok) throw new ConfigError(`Pagination: the next URL "${raw}" of ${current.split('?')[0]} does not parse as a URL`, 'nextUrlPath', causeOf(next));
	return next.value.href;
}

export function shouldStop(spec: PaginationSpec, page: Page): boolean {
	// With a page parameter there is no next URL to miss: an empty page ends the run.
	const stopWhen = spec.mode === 'pageParameter' && spec.stopWhen === 'noNextUrl' ? 'emptyResponse' : spec.stopWhen;
	if (stopWhen === 'emptyResponse') return isEmpty(spec.itemsPath ? valueAtPath({ body: page.body }, spec.itemsPath) : page.body);
	if (stopWhen === 'fieldEquals') {
		const v = valueAtPath({ body: page.body, headers: page.headers }, spec.stopFieldPath);
		return String(v ?? '') === spec.stopFieldValue;
	}
	return false;
}

/**
 * Requests page after page (n8n HTTP Request's pagination, sequentially): the next URL taken from each response
 * (a body field or the Link header), or a page/offset parameter counted up. It stops when there is no next URL,
 * when the Stop When condition holds, on an error status (that page is returned and the caller decides), or after
 * maxPages (bounded by HARD_MAX_PAGES). `check` runs on every next URL before it is requested (the credential host
 * check). `build(pageValue)` makes the request of a page in parameter mode.
 */
export async function paginate(
	spec: PaginationSpec,
	first: HttpRequest,
	build: (pageValue: number) => HttpRequest,
	send: (request: HttpRequest) => Promise<Page>,
	check: (url: string) => void,
): Promise<Page[]> {
	const maxPages = Math.min(Math.max(1, Math.floor(spec.maxPages || DEFAULT_MAX_PAGES)), HARD_MAX_PAGES);
	const pages: Page[] = [];
	let request = spec.mode === 'pageParameter' ? build(spec.start) : first;
	for (let n = 1; ; n++) {
		const page = await send(request);
		pages.push(page);
		if (page.statusCode >= 300 || n >= maxPages || shouldStop(spec, page)) return pages;
		if (spec.mode === 'pageParameter') {
			request = build(spec.start + n * spec.increment);
			continue;
		}
		const next = nextUrlOf(spec, page, request.url);
		if (next === undefined || next === request.url) return pages;
		check(next);
		// The next URL carries its own query; the body and headers of the first request are kept.
		request = { ...request, url: next, qs: undefined };
	}
}
