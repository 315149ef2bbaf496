/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// A fake Express request/response pair, enough for n8n's WebhookContext and `res.status(x).send(y)`.
import { EventEmitter } from 'node:events';

export interface FakeRequest {
	headers?: Record<string, string>;
	body?: unknown;
	rawBody?: Buffer | string;
	query?: Record<string, string | string[]>;
	method?: string;
	url?: string;
	params?: Record<string, string>;
}

export interface CapturedResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, string>;
	ended: boolean;
}

/** A fake express request/response good enough for WebhookContext and `res.status(x).send(y)`. */
export function fakeExpress(req: FakeRequest) {
	const raw = req.rawBody ?? (req.body === undefined ? '' : JSON.stringify(req.body));
	const rawBody = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
	const request = {
		headers,
		body: req.body ?? (rawBody.length ? safeJson(rawBody.toString('utf8')) : {}),
		rawBody,
		readRawBody: async () => undefined,
		query: req.query ?? {},
		params: req.params ?? {},
		method: req.method ?? 'POST',
		url: req.url ?? '/',
		get: (name: string) => headers[name.toLowerCase()],
		header: (name: string) => headers[name.toLowerCase()],
	};
	const captured: CapturedResponse = { statusCode: 200, body: undefined, headers: {}, ended: false };
	// An EventEmitter like Express's response: 'finish' then 'close' once an answer was sent.
	const finish = () => {
		if (captured.ended) return;
		captured.ended = true;
		response.emit('finish');
		response.emit('close');
	};
	const response = Object.assign(new EventEmitter(), {
		status(code: number) {
			captured.statusCode = code;
			return response;
		},
		setHeader(name: string, value: string) {
			captured.headers[name.toLowerCase()] = value;
			return response;
		},
		header(name: string, value: string) {
			return response.setHeader(name, value);
		},
		set(name: string, value: string) {
			return response.setHeader(name, value);
		},
		send(body?: unknown) {
			captured.body = body;
			finish();
			return response;
		},
		json(body?: unknown) {
			return response.send(body);
		},
		end(body?: unknown) {
			if (body !== undefined) captured.body = body;
			finish();
			return response;
		},
	});
	Object.defineProperty(response, 'headersSent', { get: () => captured.ended });
	Object.defineProperty(response, 'statusCode', { get: () => captured.statusCode });
	return { request, response, captured };
}

function safeJson(s: string): unknown {
	try {
		return JSON.parse(s);
	} catch {
		return {};
	}
}
