/** A thrown port error (whole batch lost) -> code and retriability, by duck typing (lib/sync imports no HTTP). */
export function describeError(e: unknown): { code: string; message: string; retriable: boolean } {
	const err = (e ?? {}) as { kind?: string; statusCode?: number; code?: unknown; message?: unknown };
	const status = typeof err.statusCode === 'number' ? err.statusCode : undefined;
	const code = typeof err.code === 'string' ? err.code : status ? `HTTP_${status}` : (err.kind ?? 'ERROR');
	const retriable =
		err.kind === 'NetworkError' ||
		err.kind === 'TimeoutError' ||
		status === 429 ||
		(status !== undefined && status >= 500);
	return { code, message: typeof err.message === 'string' ? err.message : 'Unknown error', retriable };
}
