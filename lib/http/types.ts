export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL. */
	url: string;
	headers?: Record<string, string>;
	qs?: Record<string, QueryValue>;
	/** Objects are sent as JSON unless a content-type header says otherwise. */
	body?: unknown;
	timeoutMs?: number;
}

export interface HttpResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON when the response is JSON, otherwise a string; undefined when empty (e.g. 204). */
	body: T;
}

/**
 * The one I/O seam of lib/. It resolves for every HTTP status (the caller classifies),
 * and rejects only with NetworkError or TimeoutError. Authentication is the transport's job:
 * inside n8n it is httpRequestWithAuthentication, in tests a fetch wrapper.
 */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** Injected so lib/ never touches timers or the clock (n8n's lint forbids setTimeout). */
export type Sleep = (ms: number) => Promise<void>;
export type Now = () => number;
