/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- support code for tests and benchmarks: runs on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// A lib/http Transport over Node 20's global fetch, for benchmarks (scripts/bench-sync.js) and tests (never shipped).
// Resolves for every HTTP status; rejects only with NetworkError or TimeoutError (the Transport contract).
import { NetworkError, TimeoutError } from '../../lib/http/errors';
import type { HttpRequest, HttpResponse, Transport } from '../../lib/http/types';

export interface FetchTransportOptions {
	/** Sent with every request (request headers win on a clash). */
	headers?: Record<string, string>;
	/** Called before each request; when it yields a token, `Authorization: <authScheme> <token>` is added. */
	getToken?: () => string | undefined | Promise<string | undefined>;
	/** Default 'Bearer' (Zoho also accepts 'Zoho-oauthtoken'). */
	authScheme?: string;
	/** Default timeout when the request has no timeoutMs. Default 10 000 ms. */
	timeoutMs?: number;
	/**
	 * Called once when a response is 401 (e.g. to refresh an OAuth token); the request is then sent again once,
	 * with a fresh getToken(). This is how n8n's OAuth2 helper behaves.
	 */
	onUnauthorized?: () => unknown | Promise<unknown>;
	/** Observes every request actually sent (after auth headers are added). */
	onRequest?: (request: HttpRequest & { headers: Record<string, string> }) => void;
}

export function buildUrl(url: string, qs: HttpRequest['qs']): string {
	if (!qs) return url;
	const u = new URL(url);
	for (const [k, v] of Object.entries(qs)) if (v !== undefined) u.searchParams.append(k, String(v));
	return u.toString();
}

function encodeBody(body: unknown, headers: Record<string, string>): string | undefined {
	if (body === undefined) return undefined;
	const typeKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
	const type = typeKey ? headers[typeKey] : undefined;
	if (typeof body === 'string') return body;
	if (type && /x-www-form-urlencoded/i.test(type)) {
		const form = new URLSearchParams();
		for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (v !== undefined) form.append(k, String(v));
		return form.toString();
	}
	if (!typeKey) headers['content-type'] = 'application/json';
	return JSON.stringify(body);
}

async function decodeBody(res: Response): Promise<unknown> {
	const text = await res.text();
	if (text === '') return undefined;
	if (/json/i.test(res.headers.get('content-type') ?? '')) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

function errorCode(error: unknown): string | undefined {
	const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
	return typeof cause?.code === 'string' ? cause.code : undefined;
}

export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
	const sendOnce = async (request: HttpRequest): Promise<HttpResponse> => {
		const headers: Record<string, string> = { ...(options.headers ?? {}), ...(request.headers ?? {}) };
		const token = options.getToken ? await options.getToken() : undefined;
		if (token) headers.authorization = `${options.authScheme ?? 'Bearer'} ${token}`;
		const body = encodeBody(request.body, headers);
		const url = buildUrl(request.url, request.qs);
		const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? 10_000;
		options.onRequest?.({ ...request, url, headers });
		const controller = new AbortController();
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			controller.abort();
		}, timeoutMs);
		try {
			const res = await fetch(url, { method: request.method, headers, body, signal: controller.signal });
			const parsed = await decodeBody(res);
			const outHeaders: Record<string, string> = {};
			res.headers.forEach((v, k) => (outHeaders[k] = v));
			return { statusCode: res.status, headers: outHeaders, body: parsed };
		} catch (error) {
			if (timedOut) throw new TimeoutError(request.method, request.url, timeoutMs);
			throw new NetworkError(request.method, request.url, errorCode(error) ?? (error as Error)?.name);
		} finally {
			clearTimeout(timer);
		}
	};
	return async (request) => {
		const res = await sendOnce(request);
		if (res.statusCode !== 401 || !options.onUnauthorized) return res;
		await options.onUnauthorized();
		return sendOnce(request);
	};
}
