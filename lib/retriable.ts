// The one retriability table: whether a failure may succeed when the same request is made again later. Pure and
// import-free, so the bottom HTTP layer (lib/http/retry.ts: retry now), the sync core (lib/sync/port-errors.ts:
// re-plan in a later round) and the adapters (per-record codes) all ask the same table.

/**
 * HTTP statuses that say "later", not "wrong": 408 Request Timeout, 425 Too Early, 429 Too Many Requests, and the
 * transient server errors 500, 502, 503, 504 (RFC 9110 §15.5-15.6; 501 and 505 never change on a retry).
 */
const STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/** lib/http error kinds that carry no answer at all: the request may not have arrived. */
const KINDS: ReadonlySet<string> = new Set(['NetworkError', 'TimeoutError']);

/**
 * Per-record codes inside a 2xx batch answer that mean "try again later", not "this record is wrong": HubSpot's
 * RATE_LIMIT(S) category and UNKNOWN_OUTCOME (no result for an input), Zoho's TOO_MANY_REQUESTS and INTERNAL_ERROR,
 * ALREADY_MODIFIED (Zoho 412: re-read and re-plan), NO_RESULT (the writer returned nothing for the record).
 */
const RECORD_CODES: ReadonlySet<string> = new Set([
	'RATE_LIMIT',
	'RATE_LIMITS',
	'TOO_MANY_REQUESTS',
	'INTERNAL_ERROR',
	'UNKNOWN_OUTCOME',
	'NO_RESULT',
	'ALREADY_MODIFIED',
]);

/** What is known about a failure, read off the error object (never from its message). */
export interface FailureFacts {
	/** lib/http's error kind: 'HttpError', 'NetworkError', 'TimeoutError', … */
	kind?: string;
	/** The HTTP status of the answer, when there was one. */
	statusCode?: number;
}

/** Reads the facts off any thrown value by duck typing: lib/http's errors carry `kind` and `statusCode`. */
export function failureFacts(e: unknown): FailureFacts {
	const err = (typeof e === 'object' && e !== null ? e : {}) as { kind?: unknown; statusCode?: unknown };
	return {
		...(typeof err.kind === 'string' ? { kind: err.kind } : {}),
		...(typeof err.statusCode === 'number' ? { statusCode: err.statusCode } : {}),
	};
}

export const isRetriableStatus = (status: number): boolean => STATUSES.has(status);

export const isRetriableKind = (kind: string | undefined): boolean => kind !== undefined && KINDS.has(kind);

/** A thrown error, by its kind and status. */
export const isRetriableFailure = (facts: FailureFacts): boolean =>
	isRetriableKind(facts.kind) || (facts.statusCode !== undefined && isRetriableStatus(facts.statusCode));

/** A per-record code: the table above, or `HTTP_<status>` for a record that failed with a whole answer's status. */
export function isRetriableRecordCode(code: string): boolean {
	if (RECORD_CODES.has(code)) return true;
	const status = code.startsWith('HTTP_') ? Number(code.slice(5)) : NaN;
	return Number.isInteger(status) && isRetriableStatus(status);
}
