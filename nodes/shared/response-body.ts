// How n8n's HTTP helpers' responses become lib/http's HttpResponse: headers lower-cased, bodies decoded by content
// type (JSON parsed, text as a string, binary kept as bytes when asked for), or kept as raw bytes for Invoke URL.
import type { HttpResponse } from '../../lib/http';

export function isBuffer(v: unknown): v is Buffer {
	return typeof v === 'object' && v !== null && Buffer.isBuffer(v);
}

interface FullResponse {
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
}

export function toHttpResponse(raw: unknown, binaryResponses: boolean): HttpResponse {
	const full = raw as FullResponse;
	const headers = normaliseHeaders(full.headers);
	return { statusCode: full.statusCode, headers, body: decodeBody(full.body, headers['content-type'], binaryResponses) };
}

export function normaliseHeaders(headers: unknown): HttpResponse['headers'] {
	const out: HttpResponse['headers'] = {};
	if (!headers || typeof headers !== 'object') return out;
	const source = typeof (headers as { toJSON?: unknown }).toJSON === 'function'
		? (headers as { toJSON: () => object }).toJSON()
		: headers;
	for (const [k, v] of Object.entries(source)) {
		if (v === undefined || v === null) continue;
		out[k.toLowerCase()] = Array.isArray(v) ? v.map(String) : String(v);
	}
	return out;
}

/** The response with its body as bytes, undecoded (undefined when empty). */
export function toRawResponse(raw: unknown): HttpResponse {
	const full = raw as FullResponse;
	const body = full.body;
	let bytes: Buffer | undefined;
	if (isBuffer(body)) bytes = body;
	else if (body instanceof ArrayBuffer) bytes = Buffer.from(body);
	else if (typeof body === 'string') bytes = Buffer.from(body, 'utf8');
	else if (body !== undefined && body !== null) return { statusCode: full.statusCode, headers: normaliseHeaders(full.headers), body };
	return { statusCode: full.statusCode, headers: normaliseHeaders(full.headers), body: bytes && bytes.length ? bytes : undefined };
}

const TEXT_TYPE = /^text\/|[/+](json|xml|javascript|x-www-form-urlencoded|html|csv|yaml)\b/i;

export function decodeBody(body: unknown, contentType: string | string[] | undefined, binaryResponses: boolean): unknown {
	if (body === undefined || body === null) return undefined;
	let bytes: Buffer;
	if (isBuffer(body)) bytes = body;
	else if (body instanceof ArrayBuffer) bytes = Buffer.from(body);
	else if (typeof body === 'string') bytes = Buffer.from(body, 'utf8');
	else return body; // already parsed by the HTTP layer
	if (bytes.length === 0) return undefined;
	const type = (Array.isArray(contentType) ? contentType[0] : contentType) ?? '';
	if (/[/+]json\b/i.test(type)) {
		const text = bytes.toString('utf8');
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	if (TEXT_TYPE.test(type) || !binaryResponses) return bytes.toString('utf8');
	if (type === '' && looksLikeText(bytes)) return bytes.toString('utf8');
	return bytes;
}

function looksLikeText(bytes: Buffer): boolean {
	const sample = bytes.subarray(0, 512);
	if (sample.includes(0)) return false;
	return !sample.toString('utf8').includes('\uFFFD');
}
