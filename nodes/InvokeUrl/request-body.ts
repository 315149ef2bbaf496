import { randomBytes } from 'node:crypto';
import { ConfigError } from '../../lib/http';
import type { HttpMethod, HttpRequest } from '../../lib/http';
import { causeOf, parseJsonText, parseUrl } from './parse';

export type ContentType = 'json' | 'form' | 'multipart' | 'raw' | 'binary';
export type ArrayFormat = 'repeat' | 'brackets' | 'comma';
export interface NameValue {
	name: string;
	value: string;
}
export interface FilePart {
	fieldName: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

export interface RequestSpec {
	method: HttpMethod;
	url: string;
	headers: NameValue[];
	parameters: NameValue[];
	contentType: ContentType;
	rawBody: string;
	/** Multipart file parts, in order (Deluge's `files` list). */
	files?: FilePart[];
	/** Binary content type: the bytes sent as the whole body, their mime type as Content-Type unless one is set. */
	binary?: { data: Buffer; mimeType: string };
	/** How a query parameter name given more than once is sent (default repeat: a=1&a=2). */
	arrayFormat?: ArrayFormat;
	timeoutMs: number;
}

// Deluge invokeUrl: parameters go to the query string for these, to the body otherwise.
const QUERY_METHODS = new Set<HttpMethod>(['GET', 'DELETE', 'HEAD', 'OPTIONS']);

export function hasBody(method: HttpMethod): boolean {
	return !QUERY_METHODS.has(method);
}

/** Turns the node's parameters into one lib HttpRequest (pure: no I/O). */
export function buildRequest(spec: RequestSpec): HttpRequest {
	const headers: Record<string, string> = {};
	for (const h of spec.headers) if (h.name) headers[h.name] = h.value;
	const params = spec.parameters.filter((p) => p.name !== '');
	const request: HttpRequest = { method: spec.method, url: spec.url, headers, timeoutMs: spec.timeoutMs };
	if (!hasBody(spec.method)) {
		Object.assign(request, withQuery(spec.url, params, spec.arrayFormat ?? 'repeat'));
		return request;
	}
	const setType = (value: string) => {
		if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = value;
	};
	switch (spec.contentType) {
		case 'json': {
			const parsed = parseJsonBody(spec.rawBody);
			const fields = Object.fromEntries(params.map((p) => [p.name, p.value]));
			const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
			if (parsed === undefined) request.body = fields;
			else request.body = isObject && params.length ? { ...(parsed as object), ...fields } : parsed;
			setType('application/json');
			// Objects go through n8n as JSON; arrays and scalars are serialised here so the type is kept.
			if (!isObject && parsed !== undefined) request.body = JSON.stringify(parsed);
			break;
		}
		case 'form':
			request.body = encodeForm(params);
			setType('application/x-www-form-urlencoded');
			break;
		case 'multipart': {
			const { body, boundary } = encodeMultipart(params, spec.files ?? []);
			request.body = body;
			setType(`multipart/form-data; boundary=${boundary}`);
			break;
		}
		case 'raw':
			request.body = spec.rawBody;
			setType('text/plain');
			break;
		case 'binary':
			if (!spec.binary) throw new ConfigError('Content Type is Binary but no Input Binary Field is given', 'binaryPropertyName');
			request.body = spec.binary.data;
			setType(spec.binary.mimeType || 'application/octet-stream');
			// Parameters cannot share a binary body: they go to the query string.
			Object.assign(request, withQuery(spec.url, params, spec.arrayFormat ?? 'repeat'));
			break;
	}
	return request;
}

function parseJsonBody(text: string): unknown {
	if (text.trim() === '') return undefined;
	const parsed = parseJsonText(text);
	if (!parsed.ok) throw new ConfigError('Body is not valid JSON', 'rawBody', causeOf(parsed));
	return parsed.value;
}

/** application/x-www-form-urlencoded (WHATWG): spaces as '+'. */
export function encodeForm(params: NameValue[]): string {
	const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
	return params.map((p) => `${enc(p.name)}=${enc(p.value)}`).join('&');
}

const quote = (s: string) => s.replace(/"/g, '%22').replace(/\r|\n/g, ' ');

/** multipart/form-data (RFC 7578) as one Buffer, so a retry can send it again unchanged. */
export function encodeMultipart(params: NameValue[], files: FilePart[]): { body: Buffer; boundary: string } {
	const boundary = `----n8nInvokeUrl${randomBytes(12).toString('hex')}`;
	const parts: Buffer[] = [];
	for (const p of params) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(p.name)}"\r\n\r\n${p.value}\r\n`, 'utf8'),
		);
	}
	for (const file of files) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.fieldName)}"; filename="${quote(file.fileName)}"\r\n` +
					`Content-Type: ${file.mimeType}\r\n\r\n`,
				'utf8',
			),
			file.data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), boundary };
}

/**
 * Query parameters: names given once stay in `qs` (n8n encodes them, OAuth 1.0a signs them); when a name is given
 * more than once the whole query is written into the URL in the chosen array format, since `qs` holds one value a
 * name: repeat `a=1&a=2`, brackets `a[]=1&a[]=2`, comma `a=1,2` (the forms n8n's HTTP Request node offers).
 */
export function withQuery(url: string, params: NameValue[], format: ArrayFormat): Pick<HttpRequest, 'url' | 'qs'> {
	if (!params.length) return { url };
	const grouped = new Map<string, string[]>();
	for (const p of params) grouped.set(p.name, [...(grouped.get(p.name) ?? []), p.value]);
	if ([...grouped.values()].every((v) => v.length === 1)) return { url, qs: Object.fromEntries(params.map((p) => [p.name, p.value])) };
	const enc = encodeURIComponent;
	const pairs: string[] = [];
	for (const [name, values] of grouped) {
		if (values.length === 1) pairs.push(`${enc(name)}=${enc(values[0])}`);
		else if (format === 'comma') pairs.push(`${enc(name)}=${values.map(enc).join(',')}`);
		else for (const v of values) pairs.push(`${enc(name)}${format === 'brackets' ? '[]' : ''}=${enc(v)}`);
	}
	return { url: `${url}${url.includes('?') ? '&' : '?'}${pairs.join('&')}` };
}

/**
 * Joins a relative URL onto a credential's base URL; absolute URLs pass through. The result must parse as an
 * http(s) URL: an invalid one fails here, named as the user gave it, before any request.
 */
export function resolveUrl(url: string, baseUrl: string | undefined): string {
	const trimmed = url.trim();
	const invalid = (why: string, options?: ErrorOptions) => new ConfigError(`Invalid URL "${trimmed}": ${why}`, 'url', options);
	let resolved: string;
	if (/^https?:\/\//i.test(trimmed)) resolved = trimmed;
	else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) throw invalid('only http:// and https:// URLs are supported');
	else if (!baseUrl) {
		throw invalid('it is not absolute (http:// or https://) and the credential has no Base URL to resolve it against');
	} else if (trimmed === '') resolved = baseUrl;
	else resolved = `${baseUrl.replace(/\/+$/, '')}/${trimmed.replace(/^\/+/, '')}`;
	const parsed = parseUrl(resolved);
	if (!parsed.ok || !/^https?:$/.test(parsed.value.protocol) || parsed.value.hostname === '') {
		const why = resolved === trimmed ? 'it does not parse as a URL (a space or an invalid character in the host?)' : `it resolves to "${resolved}", which does not parse as a URL`;
		throw invalid(why, causeOf(parsed));
	}
	return resolved;
}
