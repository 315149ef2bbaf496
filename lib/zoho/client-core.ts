import { DEFAULT_RETRY, createConcurrencyLimiter, expectOk, headerValue, sendWithRetry } from '../http';
import type { ConcurrencyLimiter, HttpMethod, HttpRequest, HttpResponse, QueryValue, RetryOptions } from '../http';
import type { Coalescer } from '../http/coalesce';
import { describeZohoError } from './record-errors';
import type { ZohoClientOptions } from './types';

export interface ZohoCallOptions {
	qs?: Record<string, QueryValue>;
	body?: unknown;
	headers?: Record<string, string>;
	/** Statuses returned to the caller instead of thrown (e.g. 400 with per-record data, 412). */
	accept?: number[];
}

export interface ZohoRequester {
	readonly apiDomain: string;
	readonly now: () => number;
	/** Shares reads and creates with the other executions of this process using the same credential (shared-reads.ts, shared-writes.ts). */
	readonly coalesce?: Coalescer;
	call<T = unknown>(method: HttpMethod, path: string, options?: ZohoCallOptions): Promise<{ request: HttpRequest; response: HttpResponse<T> }>;
}

/** Requests Zoho answers the same however often they are sent: GETs and COQL queries (POST /coql). */
export const isZohoRead = (request: HttpRequest): boolean =>
	request.method === 'GET' || (request.method === 'POST' && /\/coql$/.test(request.url.split('?')[0]));

/**
 * The one place Zoho requests are sent: base URL, a concurrency cap around every attempt, retries of 429 and 5xx with
 * exponential backoff (Zoho's 429 has no Retry-After, docs/crm-api-notes.md §2.8), and HttpErrors naming Zoho's error code.
 * 401 is not handled here: the transport (n8n's OAuth2 helper) refreshes the token and retries once.
 */
export function createZohoRequester(options: ZohoClientOptions): ZohoRequester {
	const apiDomain = options.apiDomain.replace(/\/+$/, '');
	const limiter: ConcurrencyLimiter = options.limiter ?? createConcurrencyLimiter(Math.max(1, options.maxInFlight ?? 5));
	const retry: RetryOptions = { ...DEFAULT_RETRY, isRead: isZohoRead, ...(options.retry ?? {}), sleep: options.sleep, now: options.now };
	const transport = async (request: HttpRequest) => {
		const response = await limiter.run(() => options.transport(request), (r) => r.statusCode === 429);
		const credits = headerValue(response.headers, 'x-api-credits-remaining');
		if (credits !== undefined && /^\d+$/.test(credits.trim())) options.onApiCredits?.(Number(credits.trim()));
		return response;
	};
	return {
		apiDomain,
		now: options.now,
		...(options.coalesce ? { coalesce: options.coalesce } : {}),
		async call<T>(method: HttpMethod, path: string, call: ZohoCallOptions = {}) {
			const request: HttpRequest = {
				method,
				url: `${apiDomain}/crm/v8${path}`,
				qs: call.qs,
				headers: { accept: 'application/json', ...(call.headers ?? {}) },
				body: call.body,
			};
			const response = (await sendWithRetry(transport, request, retry)) as HttpResponse<T>;
			if (call.accept?.includes(response.statusCode)) return { request, response };
			expectOk(request, response, options.now, describeZohoError(response.body));
			return { request, response };
		},
	};
}
