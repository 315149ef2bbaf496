import { failureFacts, isRetriableFailure } from '../retriable';

/** A thrown port error (whole batch lost) -> code and retriability, by duck typing (lib/sync imports no HTTP). */
export function describeError(e: unknown): { code: string; message: string; retriable: boolean } {
	const err = (e ?? {}) as { code?: unknown; message?: unknown };
	const facts = failureFacts(e);
	const code = typeof err.code === 'string' ? err.code : facts.statusCode ? `HTTP_${facts.statusCode}` : (facts.kind ?? 'ERROR');
	const retriable = isRetriableFailure(facts);
	return { code, message: typeof err.message === 'string' ? err.message : 'Unknown error', retriable };
}

/** Retry-After carried by a thrown HTTP error (duck-typed: lib/sync imports no HTTP), if any. */
export function retryAfterOf(e: unknown): number | undefined {
	const v = (e as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
	return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
