import type { HttpMethod } from './types';

/** Strips query strings that may carry tokens (e.g. access_token=) from URLs used in messages. */
export function describeUrl(url: string): string {
	const q = url.indexOf('?');
	return q === -1 ? url : `${url.slice(0, q)}?…`;
}

/**
 * Every error here takes Error's own `{ cause }` option: the original failure (a socket error, a parse error) stays
 * reachable for debugging while the message says only what failed where. A cause is never put into a message.
 */
export class HttpError extends Error {
	readonly kind = 'HttpError';
	constructor(
		readonly statusCode: number,
		readonly method: HttpMethod,
		readonly url: string,
		readonly body: unknown,
		readonly retryAfterMs: number | undefined,
		detail?: string,
		options?: ErrorOptions,
	) {
		super(`Request failed with status ${statusCode}${detail ? `: ${detail}` : ''}: ${method} ${describeUrl(url)}`, options);
		this.name = 'HttpError';
	}
}

/** A request that got no HTTP answer at all: "<what>: <method> <url without query>". */
abstract class UnansweredError extends Error {
	constructor(
		readonly method: HttpMethod,
		readonly url: string,
		what: string,
		options?: ErrorOptions,
	) {
		super(`${what}: ${method} ${describeUrl(url)}`, options);
	}
}

export class NetworkError extends UnansweredError {
	readonly kind = 'NetworkError';
	constructor(method: HttpMethod, url: string, readonly code: string | undefined, options?: ErrorOptions) {
		super(method, url, `Network error${code ? ` (${code})` : ''}`, options);
		this.name = 'NetworkError';
	}
}

export class TimeoutError extends UnansweredError {
	readonly kind = 'TimeoutError';
	constructor(method: HttpMethod, url: string, readonly timeoutMs: number, options?: ErrorOptions) {
		super(method, url, `Request timed out after ${timeoutMs} ms`, options);
		this.name = 'TimeoutError';
	}
}

/** A single record failed inside a 2xx batch answer (Zoho data[i].status = "error", HubSpot 207 errors[]). */
export class CrmRecordError extends Error {
	readonly kind = 'CrmRecordError';
	constructor(
		readonly system: 'hubspot' | 'zoho',
		readonly code: string,
		message: string,
		readonly recordId: string | undefined,
		readonly field: string | undefined,
		readonly details: Record<string, unknown> = {},
		options?: ErrorOptions,
	) {
		super(message, options);
		this.name = 'CrmRecordError';
	}
}

/** Bad input or configuration: never retried. */
export class ConfigError extends Error {
	readonly kind = 'ConfigError';
	constructor(message: string, readonly field?: string, options?: ErrorOptions) {
		super(message, options);
		this.name = 'ConfigError';
	}
}

// Guards compare `kind` rather than instanceof: the package may run against n8n's or its own module copies.
const hasKind = (e: unknown, kind: string): boolean =>
	typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === kind;
export const isHttpError = (e: unknown): e is HttpError => hasKind(e, 'HttpError');
export const isNetworkError = (e: unknown): e is NetworkError => hasKind(e, 'NetworkError');
export const isTimeoutError = (e: unknown): e is TimeoutError => hasKind(e, 'TimeoutError');
export const isCrmRecordError = (e: unknown): e is CrmRecordError => hasKind(e, 'CrmRecordError');
export const isConfigError = (e: unknown): e is ConfigError => hasKind(e, 'ConfigError');
