import { CrmRecordError, HttpError, isHttpError } from '../http';
import type { HttpMethod } from '../http';

/** One item of Zoho's per-record answer: {code, details, message, status}. */
export interface ZohoResultItem {
	code?: string;
	status?: string;
	message?: string;
	action?: string;
	duplicate_field?: string | null;
	details?: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Zoho answers writes with 2xx while single records failed: data[i].status = "error" (docs/crm-api-notes.md §2.4).
 * The error carries the record's input index, its id when known, the field's api_name and Zoho's code.
 * DUPLICATE_DATA names the existing record in details.duplicate_record.id, exposed as details.existingId.
 */
export function toRecordError(item: ZohoResultItem, index: number, recordId: string | undefined): CrmRecordError {
	const details = item.details ?? {};
	const code = str(item.code) ?? 'UNKNOWN_ERROR';
	const field = str(details.api_name);
	const duplicate = details.duplicate_record as { id?: unknown } | undefined;
	const existingId = duplicate && str(duplicate.id);
	const parts = [`Zoho rejected record ${index}${recordId ? ` (id ${recordId})` : ''}: ${code}`];
	if (field) parts.push(`field ${field}`);
	if (str(details.expected_data_type)) parts.push(`expected ${String(details.expected_data_type)}`);
	if (existingId) parts.push(`existing record ${existingId}`);
	if (str(item.message)) parts.push(String(item.message));
	return new CrmRecordError('zoho', code, parts.join(', '), recordId, field, {
		index,
		...(existingId ? { existingId } : {}),
		...(str(details.expected_data_type) ? { expectedDataType: details.expected_data_type } : {}),
		...(str(details.json_path) ? { jsonPath: details.json_path } : {}),
	});
}

/**
 * 412 ALREADY_MODIFIED: the record changed after If-Unmodified-Since, nothing was written (docs/crm-api-notes.md §2.3).
 * An HttpError (status 412) so generic error mapping still works; `code` and `recordId` say what happened.
 */
export class ZohoAlreadyModifiedError extends HttpError {
	readonly code = 'ALREADY_MODIFIED';
	constructor(method: HttpMethod, url: string, body: unknown, readonly recordId: string | undefined) {
		super(412, method, url, body, undefined, `ALREADY_MODIFIED${recordId ? ` (record ${recordId} changed after If-Unmodified-Since)` : ''}`);
	}
}

export function isAlreadyModifiedError(e: unknown): e is ZohoAlreadyModifiedError {
	return isHttpError(e) && e.statusCode === 412 && (e as { code?: unknown }).code === 'ALREADY_MODIFIED';
}

/** "CODE: message" from a Zoho error body, for HttpError messages (Zoho error bodies carry no secrets). */
export function describeZohoError(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const b = body as { code?: unknown; message?: unknown };
	const code = str(b.code);
	if (!code) return undefined;
	return str(b.message) ? `${code}: ${String(b.message).slice(0, 200)}` : code;
}
