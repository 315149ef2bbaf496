/**
 * Parsers that return their failure instead of throwing it, so the caller can throw its own error (one that names
 * the field, outside any catch as n8n's lint wants) with the parser's error kept as its `cause`.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function parseJsonText(text: string): Parsed<unknown> {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return { ok: false, error };
	}
}

/** `new URL(text, base)`; a failure keeps Node's error but not its `input` (the text may hold a password or key). */
export function parseUrl(text: string, base?: string): Parsed<URL> {
	try {
		return { ok: true, value: new URL(text, base) };
	} catch (error) {
		if (typeof error === 'object' && error !== null && 'input' in error) delete (error as { input?: unknown }).input;
		return { ok: false, error };
	}
}

/** The `{ cause }` option for an error thrown because of `parsed`, if it failed. */
export function causeOf(parsed: Parsed<unknown>): ErrorOptions | undefined {
	return parsed.ok ? undefined : { cause: parsed.error };
}
