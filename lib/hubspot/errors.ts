// Maps HubSpot error bodies (docs/crm-api-notes.md §1.10) onto lib/http's typed errors. Every field is optional.
import { CrmRecordError, HttpError } from '../http/errors';
import { headerValue, parseRetryAfter } from '../http/retry-after';
import type { HttpRequest, HttpResponse, Now } from '../http/types';

export interface HubspotErrorBody {
	status?: string;
	message?: string;
	category?: string;
	subCategory?: string;
	policyName?: string;
	context?: Record<string, unknown>;
	errors?: Array<{ message?: string; code?: string; context?: Record<string, unknown> }>;
}

export interface HubspotErrorInfo {
	message: string;
	category?: string;
	/** The most specific code known: an item's error (INVALID_OPTION…), subCategory, policyName or category. */
	code?: string;
	/** The first property named by the error, when HubSpot names one. */
	propertyName?: string;
}

const MAX_DETAIL = 300;

/** Error messages must never carry credentials; HubSpot echoes little, but be safe. */
export function redact(text: string): string {
	return text.replace(/\b(Bearer\s+)\S+/gi, '$1[redacted]').replace(/\bpat-[\w-]+/g, 'pat-[redacted]').replace(/(hapikey|access_token)=[^&\s"]+/gi, '$1=[redacted]');
}

function asBody(body: unknown): HubspotErrorBody {
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as HubspotErrorBody) : {};
}

/** "Property values were not valid: [{…,"error":"INVALID_OPTION","name":"industry"}]" -> its first item. */
function embeddedValidation(message: string): { error?: string; name?: string } {
	const start = message.indexOf('[{');
	if (start === -1) return {};
	try {
		const items = JSON.parse(message.slice(start)) as Array<{ error?: string; name?: string }>;
		return items[0] ?? {};
	} catch {
		const code = /"error":"([A-Z_]+)"/.exec(message)?.[1];
		const name = /"name":"([^"]+)"/.exec(message)?.[1];
		return { error: code, name };
	}
}

function firstString(v: unknown): string | undefined {
	if (typeof v === 'string') return v;
	if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
	return undefined;
}

export function readHubspotError(body: unknown): HubspotErrorInfo {
	const b = asBody(body);
	const message = typeof b.message === 'string' ? b.message : typeof body === 'string' ? body : '';
	const embedded = embeddedValidation(message);
	const item = b.errors?.[0];
	const propertyName =
		embedded.name ??
		firstString(b.context?.propertyName) ??
		firstString(b.context?.invalidPropertyName) ??
		firstString(item?.context?.propertyName);
	const code = embedded.error ?? item?.code ?? b.subCategory ?? b.policyName ?? b.category;
	return { message, category: b.category, code, propertyName };
}

/** "Contact already exists. Existing ID: 551" -> "551" (undocumented but stable, docs/crm-api-notes.md §1.6). */
export function parseExistingId(message: string | undefined): string | undefined {
	return message ? /Existing ID:\s*(\d+)/i.exec(message)?.[1] : undefined;
}

export function errorDetail(body: unknown): string | undefined {
	const info = readHubspotError(body);
	if (!info.message && !info.category) return undefined;
	// Lead with the specific code and property: HubSpot's validation messages are long lists of allowed options.
	const specific = info.code && info.code !== info.category ? ` (${info.code}${info.propertyName ? ` on ${info.propertyName}` : ''})` : '';
	const text = [`${info.category ?? 'error'}${specific}`, info.message].filter(Boolean).join(': ');
	const clipped = text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
	return redact(clipped);
}

/** A 409 CONFLICT on create: the record exists; existingId says which one. Still an HttpError (isHttpError). */
export class HubspotConflictError extends HttpError {
	readonly existingId: string | undefined;
	constructor(request: HttpRequest, response: HttpResponse) {
		super(response.statusCode, request.method, request.url, response.body, undefined, errorDetail(response.body));
		this.existingId = parseExistingId(readHubspotError(response.body).message);
	}
}

export const isHubspotConflictError = (e: unknown): e is HubspotConflictError =>
	typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'HttpError' && (e as { statusCode?: unknown }).statusCode === 409 && 'existingId' in e;

/** The one place HubSpot non-2xx answers become errors. */
export function toHttpError(request: HttpRequest, response: HttpResponse, now: Now): HttpError {
	if (response.statusCode === 409) return new HubspotConflictError(request, response);
	const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'), now());
	return new HttpError(response.statusCode, request.method, request.url, response.body, retryAfterMs, errorDetail(response.body));
}

/** One failed input of a batch (a 207 errors[] item, or a whole-chunk 4xx applied to each of its inputs). */
export function toRecordError(body: unknown, recordId: string | undefined): CrmRecordError {
	const info = readHubspotError(body);
	const b = asBody(body);
	const code = info.code ?? 'UNKNOWN';
	const existingId = parseExistingId(info.message);
	const id = recordId ?? existingId;
	const what = info.propertyName ? `${info.propertyName}: ${code}` : code;
	const message = redact(`HubSpot rejected record${id ? ` ${id}` : ''} (${what})${info.message ? `: ${info.message.slice(0, MAX_DETAIL)}` : ''}`);
	return new CrmRecordError('hubspot', code, message, id, info.propertyName, {
		category: info.category,
		...(existingId ? { existingId } : {}),
		...(b.context ? { context: b.context } : {}),
	});
}
