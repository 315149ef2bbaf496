// The HubSpot request pipeline: client-side limits, retry (429 + Retry-After, 5xx), then error mapping.
import type { Coalescer } from '../http/coalesce';
import { createWindowLimiter, type WindowLimiter } from '../http/limiter';
import { createRateBudget, type RateBudget, type RateSlot } from '../http/rate-budget';
import { DEFAULT_RETRY, sendWithRetry, type RetryOptions } from '../http/retry';
import type { HttpMethod, HttpRequest, HttpResponse, QueryValue } from '../http/types';
import { toHttpError } from './errors';
import type { HubspotClientOptions } from './types';

export interface CallOptions {
	qs?: Record<string, QueryValue>;
	body?: unknown;
	/** Search endpoints have their own 5/s budget on top of the 10-second one. */
	search?: boolean;
	/** Statuses returned instead of thrown (e.g. 207 is 2xx already; 404 for "not found is not an error"). */
	allow?: number[];
}

export interface HubspotRequester {
	call<T>(method: HttpMethod, path: string, options?: CallOptions): Promise<HttpResponse<T>>;
	/**
	 * Takes `calls` slots of the ten-second budget now (waiting for them as a call would); the next calls made within
	 * RESERVATION_MS use them and go out without waiting. A caller that must check something right before a write
	 * (runSync's freshness re-read) reserves first, so no limiter wait falls between its check and its write.
	 */
	reserve(calls: number): Promise<void>;
	/** Shares batch reads with the other executions of this process using the same credential (shared-reads.ts). */
	readonly coalesce?: Coalescer;
}

/** Requests HubSpot answers the same however often they are sent: GETs, batch reads and searches (POSTs). */
export const isHubspotRead = (request: HttpRequest): boolean =>
	request.method === 'GET' || (request.method === 'POST' && /\/(batch\/read|search)$/.test(request.url.split('?')[0]));

/** A reserved slot was counted when it was taken: used much later it would undercount the window, so it lapses. */
const RESERVATION_MS = 2000;

export function createRequester(options: HubspotClientOptions): HubspotRequester {
	const baseUrl = (options.baseUrl ?? 'https://api.hubapi.com').replace(/\/+$/, '');
	const retry: RetryOptions = { ...DEFAULT_RETRY, isRead: isHubspotRead, ...options.retry, sleep: options.sleep, now: options.now };
	const tenSecond: RateBudget =
		options.limiters?.tenSecond ?? createRateBudget({ limit: options.tenSecondLimit ?? 100, share: 1, now: options.now, sleep: options.sleep });
	const search: WindowLimiter = options.limiters?.search ?? createWindowLimiter(options.searchPerSecond ?? 5, 1_000, options.now, options.sleep);

	let reserved: Array<{ at: number; slot: RateSlot }> = [];
	const takeReserved = (): RateSlot | undefined => {
		const t = options.now();
		reserved = reserved.filter((r) => t - r.at < RESERVATION_MS);
		return reserved.shift()?.slot;
	};

	return {
		...(options.coalesce ? { coalesce: options.coalesce } : {}),
		async reserve(calls: number): Promise<void> {
			for (let i = 0; i < calls; i++) {
				const slot = await tenSecond.acquire({ holdMs: RESERVATION_MS });
				reserved.push({ at: options.now(), slot });
			}
		},
		async call<T>(method: HttpMethod, path: string, call: CallOptions = {}): Promise<HttpResponse<T>> {
			const request: HttpRequest = { method, url: `${baseUrl}${path}`, qs: call.qs, body: call.body };
			if (call.body !== undefined) request.headers = { 'content-type': 'application/json' };
			// Every attempt (retries included) spends budget, so limits are taken inside the retry loop; each answer's
			// X-HubSpot-RateLimit-* headers go back to the budget.
			const limited = async (req: HttpRequest) => {
				if (call.search) await search.acquire();
				let slot = takeReserved();
				if (slot) slot.start();
				else slot = await tenSecond.acquire();
				let response: HttpResponse | undefined;
				try {
					response = await options.transport(req);
					return response;
				} finally {
					slot.finish(response);
				}
			};
			const response = await sendWithRetry(limited, request, retry);
			const ok = response.statusCode >= 200 && response.statusCode < 300;
			if (ok || call.allow?.includes(response.statusCode)) return response as HttpResponse<T>;
			throw toHttpError(request, response, options.now);
		},
	};
}
