import { headerValue, isNetworkError } from '../../lib/http';
import type { HttpRequest, HttpResponse } from '../../lib/http';

// RFC 9110 §9.2.2: repeating these has the effect of sending them once, so any failure may be retried.
const IDEMPOTENT = new Set<string>(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
// The connection was never made, so nothing reached the server.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Which failures of a POST or PATCH may be retried. Such a request may have been processed even when its answer
 * was a 5xx or never came (a timeout after the server created the record), and sending it again can create a
 * duplicate. By default they are retried only when the server said it did not process the request: 429 Too Many
 * Requests, 408 Request Timeout, 425 Too Early, 503 with Retry-After (RFC 9110 §15.6.4), or when no connection
 * was made. `retryAll` (the node's opt-in option) retries them like the idempotent methods.
 */
export function mayRetryFor(retryAll: boolean) {
	return (request: HttpRequest, outcome: { response?: HttpResponse; error?: unknown }): boolean => {
		if (retryAll || IDEMPOTENT.has(request.method)) return true;
		const { response, error } = outcome;
		if (response) {
			const status = response.statusCode;
			if (status === 429 || status === 408 || status === 425) return true;
			return status === 503 && (headerValue(response.headers, 'retry-after') ?? '').trim() !== '';
		}
		return isNetworkError(error) && error.code !== undefined && NOT_SENT.has(error.code);
	};
}
