import { ConfigError } from '../../lib/http';
import { causeOf, parseJsonText } from './parse';

export type ResponseFormat = 'auto' | 'json' | 'text' | 'file';

/** What a response body becomes: parsed JSON, decoded text, or bytes for an n8n binary property. */
export type Decoded = { kind: 'json'; value: unknown } | { kind: 'text'; value: string } | { kind: 'file'; value: Buffer } | { kind: 'empty' };

const JSON_TYPE = /[/+]json\b/i;
const TEXT_TYPE = /^text\/|[/+](json|xml|javascript|x-www-form-urlencoded|html|csv|yaml)\b/i;

/** The charset parameter of a Content-Type (RFC 9110 §8.3.1), lower-cased; undefined when absent. */
export function charsetOf(contentType: string): string | undefined {
	const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
	return m ? m[2].toLowerCase() : undefined;
}

/**
 * Bytes to text by the Content-Type charset (WHATWG Encoding labels: iso-8859-1, windows-1252, shift_jis, ...).
 * Without a charset, or with one TextDecoder does not know, UTF-8 (RFC 8259 §8.1 for JSON; the common default).
 */
export function decodeText(bytes: Buffer, contentType: string): string {
	const charset = charsetOf(contentType) ?? 'utf-8';
	let decoder: InstanceType<typeof TextDecoder> | undefined;
	try {
		decoder = new TextDecoder(charset);
	} catch {
		// RangeError for a label TextDecoder does not know
		decoder = undefined;
	}
	return (decoder ?? new TextDecoder('utf-8')).decode(bytes);
}

function looksLikeText(bytes: Buffer): boolean {
	const sample = bytes.subarray(0, 512);
	return !sample.includes(0) && !sample.toString('utf8').includes('\uFFFD');
}

/**
 * Applies the node's Response Format. Auto: JSON when the Content-Type says so (text if it does not parse), text
 * for textual types, a file otherwise. JSON: parse whatever came (fails naming the URL if it is not JSON). Text:
 * always text. File: always binary data. `body` is what the transport gave: raw bytes, or already-decoded data.
 */
export function decodeResponse(body: unknown, contentType: string, format: ResponseFormat, url: string): Decoded {
	if (body === undefined || body === null) return { kind: 'empty' };
	if (!Buffer.isBuffer(body)) {
		if (format === 'text') return { kind: 'text', value: typeof body === 'string' ? body : JSON.stringify(body) };
		if (format === 'file') return { kind: 'file', value: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8') };
		return typeof body === 'string' && format !== 'json' ? { kind: 'text', value: body } : { kind: 'json', value: typeof body === 'string' ? parseJson(body, url) : body };
	}
	if (format === 'file') return { kind: 'file', value: body };
	if (format === 'text') return { kind: 'text', value: decodeText(body, contentType) };
	if (format === 'json') return { kind: 'json', value: parseJson(decodeText(body, contentType), url) };
	if (JSON_TYPE.test(contentType)) {
		const text = decodeText(body, contentType);
		const parsed = parseJsonText(text);
		return parsed.ok ? { kind: 'json', value: parsed.value } : { kind: 'text', value: text };
	}
	if (TEXT_TYPE.test(contentType) || (contentType === '' && looksLikeText(body))) return { kind: 'text', value: decodeText(body, contentType) };
	return { kind: 'file', value: body };
}

function parseJson(text: string, url: string): unknown {
	const parsed = parseJsonText(text);
	if (!parsed.ok) throw new ConfigError(`Response Format is JSON but the response of ${url.split('?')[0]} is not valid JSON`, 'options.responseFormat', causeOf(parsed));
	return parsed.value;
}

export interface AgentTrim {
	/** Dot paths kept in each object (the body, or each element when it is a list); empty keeps all. */
	fields: string[];
	/** Longest text kept (the text body, or each string inside JSON); 0 = no limit. */
	maxChars: number;
}

/**
 * "Optimise Response for AI Agents": keeps only the listed fields and truncates long text, so a tool call does not
 * flood an agent's context. A list nested under a path (e.g. data) keeps the path and trims its elements.
 */
export function trimForAgent(value: unknown, trim: AgentTrim): unknown {
	const picked = trim.fields.length ? pickFields(value, trim.fields) : value;
	return trim.maxChars > 0 ? truncateStrings(picked, trim.maxChars) : picked;
}

function pickFields(value: unknown, fields: string[]): unknown {
	if (Array.isArray(value)) return value.map((v) => pickFields(v, fields));
	if (!isObject(value)) return value;
	const byHead = new Map<string, string[] | 'all'>();
	for (const field of fields) {
		const [head, ...rest] = field.split('.');
		const seen = byHead.get(head);
		if (rest.length === 0 || seen === 'all') byHead.set(head, 'all');
		else byHead.set(head, [...(seen ?? []), rest.join('.')]);
	}
	const out: Record<string, unknown> = {};
	for (const [head, sub] of byHead) {
		if (head in value) out[head] = sub === 'all' ? value[head] : pickFields(value[head], sub);
	}
	return out;
}

export function truncateText(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}… [truncated ${text.length - max} characters]` : text;
}

function truncateStrings(value: unknown, max: number): unknown {
	if (typeof value === 'string') return truncateText(value, max);
	if (Array.isArray(value)) return value.map((v) => truncateStrings(v, max));
	if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, truncateStrings(v, max)]));
	return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}
