import { HttpError, headerValue } from '../../lib/http';
import type { HttpRequest, HttpResponse, Transport } from '../../lib/http';
import { causeOf, parseUrl } from './parse';

export interface RedirectPolicy {
	/** The node's Follow Redirects option: false returns a 3xx as it is. */
	follow: boolean;
	/** Hops after the first request; one more redirect fails the item. */
	maxRedirects: number;
	/** Whether the credential may be sent to a redirect target of another origin (its Base URL or Allowed Domains). */
	mayAuthenticate: (url: string) => boolean;
}

export const MAX_REDIRECTS = 10;

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
// Never carried to another origin, whether the credential or the user set them (as browsers do, Fetch §4.4).
const ORIGIN_BOUND_HEADERS = /^(authorization|proxy-authorization|cookie)$/i;

/**
 * Follows redirects itself instead of letting n8n do it: n8n re-adds Authorization on a cross-origin redirect unless
 * told otherwise and keeps an API-key header on every hop. Here each hop is a new request, authenticated (so OAuth 1.0a
 * is signed again for the new URL) only while it stays on the first request's origin or goes to a host the credential
 * allows; once a hop went out without the credential, later hops stay without it. 303 (and 301/302 after a POST)
 * become a GET without body, as RFC 9110 §15.4 describes clients doing.
 */
export function followRedirects(authenticated: Transport, plain: Transport, policy: RedirectPolicy): Transport {
	return async (first) => {
		const origin = new URL(first.url).origin;
		let request = first;
		let withCredential = true;
		for (let hop = 0; ; hop++) {
			const response = await (withCredential ? authenticated : plain)(request);
			const location = headerValue(response.headers, 'location');
			if (!policy.follow || !REDIRECT_STATUS.has(response.statusCode) || !location) return response;
			if (hop >= policy.maxRedirects) {
				throw new HttpError(response.statusCode, first.method, first.url, undefined, undefined, `more than ${policy.maxRedirects} redirects`);
			}
			const next = redirectTarget(location, request, response);
			const sameOrigin = new URL(next.url).origin === origin;
			withCredential = withCredential && (sameOrigin || policy.mayAuthenticate(next.url));
			request = sameOrigin ? next : { ...next, headers: dropHeaders(next.headers, ORIGIN_BOUND_HEADERS) };
		}
	};
}

function redirectTarget(location: string, request: HttpRequest, response: HttpResponse): HttpRequest {
	const parsed = parseUrl(location, request.url);
	if (!parsed.ok || !/^https?:$/.test(parsed.value.protocol)) {
		const detail = 'the redirect Location is not an http(s) URL';
		throw new HttpError(response.statusCode, request.method, request.url, undefined, undefined, detail, causeOf(parsed));
	}
	const url = parsed.value;
	const status = response.statusCode;
	const toGet = (status === 303 && request.method !== 'GET' && request.method !== 'HEAD') || ((status === 301 || status === 302) && request.method === 'POST');
	// The query of the first request is part of the URL the server redirected from; the Location replaces it.
	const next: HttpRequest = { ...request, url: url.href, qs: undefined };
	if (toGet) {
		next.method = 'GET';
		next.body = undefined;
		next.headers = dropHeaders(request.headers, /^content-/i);
	}
	return next;
}

function dropHeaders(headers: Record<string, string> | undefined, pattern: RegExp): Record<string, string> {
	return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !pattern.test(name)));
}
