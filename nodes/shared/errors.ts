import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';
import { describeUrl, isConfigError, isCrmRecordError, isHttpError, isNetworkError, isTimeoutError } from '../../lib/http';

// Each pattern keeps its label and replaces the secret that follows it.
const SECRET_PATTERNS: Array<[RegExp, string]> = [
	[/\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)[^"',\n}]+/gi, '$1$2[redacted]'],
	[/\b(bearer|basic|zoho-oauthtoken|oauth)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
	[
		/\b(access_token|refresh_token|id_token|client_secret|consumer_secret|oauth_token_secret|oauth_signature|password|passwd|api[_-]?key|apikey|token|secret|hapikey|signature)(["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
		'$1$2[redacted]',
	],
	[/(https?:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1[redacted]@'],
];

/** Removes credentials from a text: auth headers, bearer tokens, token/secret/password fields, URL userinfo, and any `extra` literal. */
export function redactSecrets(text: string, extra: Array<string | undefined> = []): string {
	let out = text;
	for (const literal of extra) {
		if (literal && literal.length >= 4) out = out.split(literal).join('[redacted]');
	}
	for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

const SECRET_KEY = /(password|secret|token|apikey|api_key|signature)$/i;

/**
 * Literal secret values of decrypted credential data (passwords, API keys, client/consumer secrets,
 * OAuth tokens inside oauthTokenData), to pass as `secrets` so an API echoing them is scrubbed too.
 */
export function secretsOf(data: unknown, depth = 0): string[] {
	if (!data || typeof data !== 'object' || depth > 3) return [];
	const out: string[] = [];
	for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
		if (typeof value === 'string' && SECRET_KEY.test(key) && value.length >= 4) out.push(value);
		else if (typeof value === 'object') out.push(...secretsOf(value, depth + 1));
	}
	return out;
}

/** A short, redacted summary of an error body (API message fields first), for error descriptions. */
export function summariseBody(body: unknown, max = 300): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	let text: string;
	if (typeof body === 'string') text = body;
	else if (Buffer.isBuffer(body)) return `${body.length} bytes of binary data`;
	else text = pickMessage(body as Record<string, unknown>) ?? JSON.stringify(body);
	text = redactSecrets(text);
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

function pickMessage(body: Record<string, unknown>): string | undefined {
	const err = body.error;
	const candidates: unknown[] = [
		body.message,
		typeof err === 'object' && err !== null ? (err as Record<string, unknown>).message : undefined,
		body.error_description,
		typeof err === 'string' ? err : undefined,
		Array.isArray(body.errors) ? (body.errors[0] as Record<string, unknown> | undefined)?.message : undefined,
		Array.isArray(body.data) ? (body.data[0] as Record<string, unknown> | undefined)?.message : undefined,
	];
	const found = candidates.find((c) => typeof c === 'string' && c !== '');
	return found as string | undefined;
}

export interface ErrorContext {
	itemIndex?: number;
	/** Literal secrets of the current call to scrub as well (e.g. an API key value). */
	secrets?: Array<string | undefined>;
	/** e.g. 'Custom Service OAuth2 credential "My API"': named in 401/403 messages. */
	credentialLabel?: string;
}

/**
 * The one mapping from lib/ errors (and anything n8n's helpers throw) to n8n errors.
 * Always builds a fresh error from redacted plain data, so no request config, header
 * or raw response travels into the UI or the error output.
 */
export function toNodeError(node: INode, error: unknown, context: ErrorContext = {}): NodeApiError | NodeOperationError {
	const { itemIndex, secrets = [] } = context;
	const clean = (s: string | undefined) => (s === undefined ? undefined : redactSecrets(s, secrets));
	if (isHttpError(error)) {
		const httpCode = String(error.statusCode);
		let message = clean(error.message) as string;
		if ((error.statusCode === 401 || error.statusCode === 403) && context.credentialLabel) {
			const why = error.statusCode === 401 ? 'was rejected (401 Unauthorized)' : 'lacks permission (403 Forbidden)';
			message = `${context.credentialLabel} ${why}: ${error.method} ${describeUrl(error.url)}`;
		}
		const description = clean(summariseBody(error.body));
		const payload: JsonObject = { message, httpCode };
		if (description !== undefined) payload.description = description;
		return new NodeApiError(node, payload, { message, description, httpCode, itemIndex });
	}
	if (isTimeoutError(error) || isNetworkError(error)) {
		// n8n swaps messages naming ECONNREFUSED & co. for friendly text: keep ours (with the URL) as description.
		const message = clean(error.message) as string;
		// (a description equal to the message would be dropped, hence the class-name prefix).
		return new NodeApiError(node, { message }, { message, description: `${error.name}: ${message}`, itemIndex });
	}
	if (isConfigError(error)) {
		return new NodeOperationError(node, clean(error.message) as string, {
			itemIndex,
			description: error.field ? `Check the "${error.field}" parameter` : undefined,
		});
	}
	if (isCrmRecordError(error)) {
		const where = [error.system, error.recordId && `record ${error.recordId}`, error.field && `field ${error.field}`]
			.filter(Boolean)
			.join(', ');
		return new NodeOperationError(node, clean(`${error.message} (${error.code})`) as string, {
			itemIndex,
			description: where,
		});
	}
	const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as {
		message?: unknown;
		description?: unknown;
		httpCode?: unknown;
		name?: unknown;
	};
	const message = clean(typeof e.message === 'string' && e.message ? e.message : 'Unknown error') as string;
	const description = clean(typeof e.description === 'string' ? e.description : undefined);
	if (e.httpCode !== undefined && e.httpCode !== null) {
		const httpCode = String(e.httpCode);
		return new NodeApiError(node, { message, httpCode }, { message, description, httpCode, itemIndex });
	}
	return new NodeOperationError(node, message, { itemIndex, description });
}

/**
 * The JSON of a failed item for continueOnFail / the error output: `{ error, details? }`.
 * Only these keys (plus `message`) let n8n's engine route the item to the error output
 * (WorkflowExecute.handleNodeErrorOutput); setting `item.error` instead would make the engine
 * replace the JSON with `{ error }` and drop the status.
 */
export function toErrorJson(error: NodeApiError | NodeOperationError): JsonObject {
	const details: JsonObject = {};
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode && /^\d{3}$/.test(httpCode)) details.statusCode = Number(httpCode);
	if (error.description) details.description = error.description;
	return Object.keys(details).length ? { error: error.message, details } : { error: error.message };
}
