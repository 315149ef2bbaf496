import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

type Headers = Record<string, unknown>;

/**
 * Shapes a request for n8n's OAuth 1.0a helper (n8n-core requestOAuth1, checked against n8n 2.41), which
 * 1. signs `qs` and `form` only (it sets `data = { ...qs, ...form }` for the oauth-1.0a library) but sends `body`:
 *    a form-urlencoded body is therefore also given as `form`, so its parameters enter the signature base string as
 *    RFC 5849 §3.4.1.3.1 requires, while the encoded body is what is sent;
 * 2. replaces the whole header set with `{ Authorization }` (`requestOptions.headers = oauth.toHeader(...)`), which
 *    drops Content-Type and every custom header: `headers` becomes an accessor whose setter merges what n8n sets
 *    over the request's own headers, so the signature header wins and the others are kept. Should n8n stop replacing
 *    the headers, the merge changes nothing.
 */
export function prepareOAuth1Request(options: IHttpRequestOptions): void {
	const own = { ...((options.headers as Headers | undefined) ?? {}) };
	const type = Object.entries(own).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
	if (typeof options.body === 'string' && /application\/x-www-form-urlencoded/i.test(String(type ?? ''))) {
		(options as IHttpRequestOptions & { form?: IDataObject }).form = formFields(options.body);
	}
	let current: Headers = own;
	Object.defineProperty(options, 'headers', {
		configurable: true,
		enumerable: true,
		get: () => current,
		set: (next: Headers | undefined) => {
			const names = new Set(Object.keys(next ?? {}).map((k) => k.toLowerCase()));
			const kept = Object.entries(own).filter(([k]) => !names.has(k.toLowerCase()));
			current = { ...Object.fromEntries(kept), ...(next ?? {}) };
		},
	});
}

/** Decoded form fields; a repeated name becomes an array, which the oauth-1.0a library signs value by value. */
export function formFields(body: string): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of new URLSearchParams(body)) {
		const seen = out[name];
		if (seen === undefined) out[name] = value;
		else out[name] = Array.isArray(seen) ? [...(seen as string[]), value] : [seen as string, value];
	}
	return out;
}
