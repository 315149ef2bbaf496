import { sleep as n8nSleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NetworkError, TimeoutError, isRetriableStatus } from '../../lib/http';
import type { HttpRequest, HttpResponse, Now, Sleep, Transport } from '../../lib/http';
import { decodeBody, isBuffer, normaliseHeaders, toHttpResponse, toRawResponse } from './response-body';

export type N8nHttpContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions;

export interface N8nTransportOptions {
	/** Used when a request carries no timeoutMs. Default 30 000 ms. */
	defaultTimeoutMs?: number;
	/** Default true. False returns 3xx responses as they are. */
	followRedirects?: boolean;
	/**
	 * Default false: bodies are JSON-parsed when JSON, else decoded as text.
	 * True: non-text, non-JSON bodies come back as a Buffer (Invoke URL's binary output).
	 */
	binaryResponses?: boolean;
	/** Default false. True: every non-empty body comes back as the raw Buffer (Invoke URL decodes by charset itself). */
	rawResponses?: boolean;
	/** Last changes to n8n's request options before each send (Invoke URL: OAuth 1.0a body signing, allowed hosts). */
	prepare?: (options: IHttpRequestOptions, request: HttpRequest) => void;
}

/** The sanctioned delay (n8n lint forbids setTimeout in community nodes). */
export const sleep: Sleep = async (ms) => await n8nSleep(ms);
export const now: Now = () => Date.now();

/**
 * n8n applies our timeout to the request itself, but an OAuth2 token refresh it makes on a 401 is its own request
 * without it: a token endpoint that never answers would hold the execution for ever. The watchdog gives up after 2.5
 * timeouts (the request, a refresh and the retried request), 75 s by default.
 */
const HUNG = Symbol('hung');
const watchdogMs = (timeoutMs: number): number => Math.round(2.5 * timeoutMs);

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const NETWORK_CODES = new Set([
	'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT', 'ERR_NETWORK', 'UND_ERR_SOCKET',
]);

/** Chooses helpers.httpRequest or httpRequestWithAuthentication; `credentialType` 'none'/'' means no credential. */
export function createN8nTransport(
	ctx: N8nHttpContext,
	credentialType?: string,
	options: N8nTransportOptions = {},
): Transport {
	const useCredential = credentialType !== undefined && credentialType !== '' && credentialType !== 'none';
	return async (request) => {
		const opts = toN8nOptions(request, options);
		options.prepare?.(opts, request);
		let raw: unknown;
		let failure: unknown;
		const timeoutMs = opts.timeout as number;
		const watchdog = new AbortController();
		try {
			const call = useCredential
				? ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType as string, opts)
				: ctx.helpers.httpRequest(opts);
			raw = await Promise.race([call, n8nSleep(watchdogMs(timeoutMs), watchdog.signal).then(() => HUNG, () => undefined)]);
		} catch (error) {
			failure = error;
		} finally {
			// the call settled (or hung): stop the timer so no request leaves one behind
			watchdog.abort();
		}
		if (raw === HUNG) throw new TimeoutError(request.method, request.url, watchdogMs(timeoutMs));
		// Classified outside the catch: n8n's lint only allows NodeApiError/NodeOperationError thrown inside one.
		if (failure === undefined) return options.rawResponses ? toRawResponse(raw) : toHttpResponse(raw, options.binaryResponses === true);
		const outcome = classifyFailure(failure, request, opts.timeout as number);
		if ('statusCode' in outcome) return outcome;
		throw outcome;
	};
}

export function toN8nOptions(request: HttpRequest, options: N8nTransportOptions = {}): IHttpRequestOptions {
	const qs: IDataObject = {};
	for (const [k, v] of Object.entries(request.qs ?? {})) if (v !== undefined) qs[k] = v;
	const opts: IHttpRequestOptions = {
		// OPTIONS is missing from n8n-workflow's IHttpRequestMethods (2.41) but axios sends any method it is given.
		method: request.method as IHttpRequestOptions['method'],
		url: request.url,
		headers: { ...(request.headers ?? {}) },
		qs,
		returnFullResponse: true,
		// 401 still throws, so n8n refreshes an OAuth2 token and retries once (docs/n8n-runtime-notes.md §6).
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		timeout: request.timeoutMs ?? options.defaultTimeoutMs ?? 30_000,
		// Raw bytes: we decide JSON / text / binary from the content type ourselves.
		encoding: 'arraybuffer',
	};
	if (options.followRedirects === false) opts.disableFollowRedirect = true;
	if (request.body !== undefined) {
		opts.body = request.body as IHttpRequestOptions['body'];
		const isPlainObject = typeof request.body === 'object' && request.body !== null && !isBuffer(request.body);
		if (isPlainObject && !hasHeader(request.headers, 'content-type')) {
			(opts.headers as IDataObject)['Content-Type'] = 'application/json';
		}
	}
	return opts;
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
	return Object.keys(headers ?? {}).some((k) => k.toLowerCase() === name);
}

interface ErrorLike {
	code?: unknown;
	message?: unknown;
	httpCode?: unknown;
	status?: unknown;
	cause?: unknown;
	response?: { status?: unknown; headers?: unknown; data?: unknown; body?: unknown };
	context?: { data?: unknown };
}

/** NodeApiError's httpCode, an axios error's response status, @n8n/client-oauth2's ResponseError status. */
function statusOf(e: ErrorLike): number | undefined {
	const n = Number(e.httpCode ?? e.response?.status ?? e.status);
	return Number.isInteger(n) && n > 0 ? n : undefined;
}

function chainOf(error: unknown): ErrorLike[] {
	const out: ErrorLike[] = [];
	let cur: unknown = error;
	for (let depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
		out.push(cur as ErrorLike);
		cur = (cur as ErrorLike).cause;
	}
	return out;
}

/**
 * Maps what n8n's HTTP helpers throw onto the Transport contract: a 401 (left after n8n's
 * refresh attempt) becomes a response, timeouts a TimeoutError, connection failures a
 * NetworkError. Anything else (a missing credential, a failed OAuth refresh) passes through
 * unchanged: lib/ never retries unknown errors, and nodes/shared/errors.ts maps it once.
 */
export function classifyFailure(error: unknown, request: HttpRequest, timeoutMs: number): HttpResponse | Error {
	const chain = chainOf(error);
	// NodeApiError carries httpCode; the axios error in its cause chain carries the response itself.
	const withResponse = chain.find((e) => Number(e.response?.status) === 401);
	if (withResponse || chain.some((e) => String(e.httpCode) === '401')) {
		const headers = normaliseHeaders(withResponse?.response?.headers);
		const body = decodeBody(withResponse?.response?.data ?? withResponse?.response?.body, headers['content-type'], false);
		return { statusCode: 401, headers, body };
	}
	const codes = chain.map((e) => (typeof e.code === 'string' ? e.code : '')).filter(Boolean);
	const messages = chain.map((e) => (typeof e.message === 'string' ? e.message : '')).join(' ');
	if (codes.some((c) => TIMEOUT_CODES.has(c)) || /timeout of \d+ms exceeded|timed out/i.test(messages)) {
		return new TimeoutError(request.method, request.url, timeoutMs, { cause: error });
	}
	const code = codes.find((c) => NETWORK_CODES.has(c));
	if (code !== undefined) return new NetworkError(request.method, request.url, code, { cause: error });
	// The API's own answers come back as responses (ignoreHttpStatusErrors above), so a thrown 429/5xx is the token
	// endpoint's answer to n8n's OAuth2 refresh after a 401: the request was refused, not processed, and the endpoint
	// said "later". Passed through, it failed the sync's records at once; as a NetworkError it is retried like one.
	const refused = chain.map(statusOf).find((s) => s !== undefined && isRetriableStatus(s));
	if (refused !== undefined) return new NetworkError(request.method, request.url, `TOKEN_REFRESH_HTTP_${refused}`, { cause: error });
	return error instanceof Error ? error : new NetworkError(request.method, request.url, undefined, { cause: error });
}
