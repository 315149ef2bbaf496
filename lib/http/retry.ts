import { failureFacts, isRetriableKind, isRetriableStatus } from '../retriable';
import { HttpError } from './errors';
import { headerValue, parseRetryAfter } from './retry-after';
import type { HttpRequest, HttpResponse, Now, Sleep, Transport } from './types';

export interface RetryOptions {
	/** Retries after the first attempt for 5xx, 408/425, network errors and timeouts. Default 3. */
	retries: number;
	/**
	 * Retries for 429 (rate limited), counted on their own. A 429 says "slow down", not "broken": under a shared
	 * rate limit (HubSpot's per-app 10-second window, Zoho's concurrency cap) giving up early loses work. When unset,
	 * `retries` applies; `retries: 0` turns every retry off. Not raised by default: a sync write retried long after
	 * its read can land after a newer edit (scripts/load-test.js measures this), so callers that raise it must
	 * re-check freshness before writing.
	 */
	rateLimitRetries?: number;
	/**
	 * Wait at least the exponential backoff after a 429, even when Retry-After asks for less. HubSpot answers its
	 * 10-second window with Retry-After: 1; many callers sharing that window need the growing wait to get through.
	 */
	rateLimitBackoff?: boolean;
	/** First backoff delay; doubles each attempt. Default 500 ms. */
	minDelayMs: number;
	/** Backoff ceiling. Default 30 s. */
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited out: the error surfaces instead. Default 120 s. */
	maxRetryAfterMs: number;
	/** Retry network errors and timeouts. Default true (CRM writes here are idempotent upserts). */
	retryNetworkErrors: boolean;
	sleep: Sleep;
	now: Now;
	/** 0..1; full jitter is off by default so tests are deterministic. */
	random?: () => number;
	onRetry?: (info: RetryInfo) => void;
	/**
	 * A veto on a retry the ladder would make: false returns the response (or throws the error) as it is. Invoke URL
	 * uses it so a POST that may already have been processed is not sent again.
	 */
	mayRetry?: (request: HttpRequest, outcome: { response?: HttpResponse; error?: unknown }) => boolean;
	/**
	 * Hedged reads: a read (`isRead`) with no answer after this long is sent a second time and the first answer wins.
	 * A call that hangs until its timeout then costs this long instead of the whole timeout. Reads only: a write sent
	 * twice could be applied twice. Default off.
	 */
	hedgeAfterMs?: number;
	/** Which requests are reads that may be hedged (the CRM clients set their own). */
	isRead?: (request: HttpRequest) => boolean;
}

export interface RetryInfo {
	attempt: number;
	delayMs: number;
	reason: string;
}

export const DEFAULT_RETRY: Omit<RetryOptions, 'sleep' | 'now'> = {
	retries: 3,
	minDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
	retryNetworkErrors: true,
};

export { isRetriableStatus };

export function backoffDelayMs(attempt: number, options: Pick<RetryOptions, 'minDelayMs' | 'maxDelayMs' | 'random'>): number {
	const base = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** (attempt - 1));
	return options.random ? Math.round(base / 2 + (base / 2) * options.random()) : base;
}

/**
 * Sends a request, retrying 429, 5xx, and (optionally) network errors and timeouts.
 * Resolves with the last response whatever its status; rejects only when the last attempt
 * threw or when a Retry-After asks for longer than maxRetryAfterMs.
 */
export async function sendWithRetry(
	transport: Transport,
	request: HttpRequest,
	options: RetryOptions,
): Promise<HttpResponse> {
	let otherRetries = 0;
	let rateLimitRetries = 0;
	for (let attempt = 1; ; attempt++) {
		let response: HttpResponse | undefined;
		let failure: unknown;
		try {
			response = await sendOnce(transport, request, options);
		} catch (error) {
			failure = error;
		}
		if (failure !== undefined) {
			const transient = isRetriableKind(failureFacts(failure).kind);
			if (otherRetries >= options.retries || !transient || !options.retryNetworkErrors) throw failure;
			if (options.mayRetry && !options.mayRetry(request, { error: failure })) throw failure;
			otherRetries++;
			const delayMs = backoffDelayMs(otherRetries, options);
			options.onRetry?.({ attempt, delayMs, reason: (failure as Error).message });
			await options.sleep(delayMs);
			continue;
		}
		const res = response as HttpResponse;
		if (!isRetriableStatus(res.statusCode)) return res;
		if (options.mayRetry && !options.mayRetry(request, { response: res })) return res;
		const rateLimited = res.statusCode === 429;
		const used = rateLimited ? rateLimitRetries : otherRetries;
		// retries 0 turns retrying off altogether
		const budget = rateLimited && options.retries > 0 ? (options.rateLimitRetries ?? options.retries) : options.retries;
		if (used >= budget) return res;
		if (rateLimited) rateLimitRetries++;
		else otherRetries++;
		const retryAfterMs = parseRetryAfter(headerValue(res.headers, 'retry-after'), options.now());
		if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs) {
			throw new HttpError(res.statusCode, request.method, request.url, res.body, retryAfterMs, 'Retry-After exceeds the wait limit');
		}
		// Retry-After wins over our own backoff when the server gives one. With `random`, up to one more second is
		// added so that many callers told "retry in 1 s" do not all come back in the same instant.
		const delayMs =
			retryAfterMs !== undefined
				? Math.max(
						retryAfterMs + (options.random ? Math.round(Math.min(1000, Math.max(250, retryAfterMs)) * options.random()) : 0),
						rateLimited && options.rateLimitBackoff ? backoffDelayMs(used + 1, options) : 0,
					)
				: backoffDelayMs(used + 1, options);
		options.onRetry?.({ attempt, delayMs, reason: `status ${res.statusCode}` });
		await options.sleep(delayMs);
	}
}

/** One attempt; a read still unanswered after hedgeAfterMs gets a second copy, and the first answer is taken. */
async function sendOnce(transport: Transport, request: HttpRequest, options: RetryOptions): Promise<HttpResponse> {
	const after = options.hedgeAfterMs;
	if (!after || !options.isRead?.(request)) return transport(request);
	const first = settle(transport(request));
	const hedge = await Promise.race([first, options.sleep(after).then(() => undefined)]);
	if (hedge !== undefined) return unwrap(hedge);
	options.onRetry?.({ attempt: 0, delayMs: after, reason: `no answer after ${after} ms: the read is sent again` });
	const second = settle(transport(request));
	const winner = await Promise.race([first, second]);
	if (winner.ok) return winner.response;
	// the first to settle failed: the other one may still answer
	const [a, b] = await Promise.all([first, second]);
	return unwrap(a.ok ? a : b.ok ? b : winner);
}

type Settled = { ok: true; response: HttpResponse } | { ok: false; error: unknown };
const settle = (p: Promise<HttpResponse>): Promise<Settled> =>
	p.then((response) => ({ ok: true as const, response }), (error: unknown) => ({ ok: false as const, error }));
const unwrap = (s: Settled): HttpResponse => {
	if (s.ok) return s.response;
	throw s.error;
};

/** Throws HttpError for a non-2xx response; returns it otherwise. */
export function expectOk<T>(request: HttpRequest, response: HttpResponse<T>, now: Now, detail?: string): HttpResponse<T> {
	if (response.statusCode >= 200 && response.statusCode < 300) return response;
	const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'), now());
	throw new HttpError(response.statusCode, request.method, request.url, response.body, retryAfterMs, detail);
}
