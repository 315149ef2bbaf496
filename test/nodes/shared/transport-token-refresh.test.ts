import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';
import { sendWithRetry } from '../../../lib/http';
import type { HttpRequest } from '../../../lib/http';
import { classifyFailure } from '../../../nodes/shared/transport';

// After a 401, n8n refreshes the OAuth2 token itself; when the token endpoint answers 429 or 5xx, n8n throws that
// (wrapped in a NodeApiError) from httpRequestWithAuthentication. The API request was refused, not processed: it must
// be retried like a connection failure, not fail the sync's records at once (the load test's --faults showed them
// reported as "Service unavailable" / "too many requests").
const node: INode = { id: '1', name: 'Sync Records', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const req: HttpRequest = { method: 'POST', url: 'https://www.zohoapis.com/crm/v8/coql' };

/** NodeApiError reads the status of an error whose class is named AxiosError. */
class AxiosError extends Error {
	readonly code = 'ERR_BAD_RESPONSE';
	constructor(readonly response: { status: number; data: string }) {
		super(`Request failed with status code ${response.status}`);
	}
}
const axiosLike = (status: number) => new AxiosError({ status, data: '{}' });

class ResponseError extends Error {
	constructor(readonly status: number) {
		super(`HTTP status ${status}`);
	}
}

describe('a token refresh refused with 429 or 5xx', () => {
	it('is a retriable NetworkError, whether n8n wraps a 503 or client-oauth2 throws a 429', () => {
		for (const [thrown, status] of [
			[new NodeApiError(node, axiosLike(503) as never), 503],
			[new NodeApiError(node, new ResponseError(429) as never), 429],
		] as const) {
			const e = classifyFailure(thrown, req, 30_000) as Error & { kind?: string; code?: string; cause?: unknown };
			expect([e.kind, e.code]).toEqual(['NetworkError', `TOKEN_REFRESH_HTTP_${status}`]);
			expect(e.cause).toBe(thrown);
			expect(e.message).toBe(`Network error (TOKEN_REFRESH_HTTP_${status}): POST https://www.zohoapis.com/crm/v8/coql`);
		}
	});

	it('is retried by sendWithRetry and the read then succeeds', async () => {
		let calls = 0;
		const transport = async () => {
			calls++;
			if (calls === 1) throw classifyFailure(new NodeApiError(node, axiosLike(503) as never), req, 30_000);
			return { statusCode: 200, headers: {}, body: { data: [] } };
		};
		const res = await sendWithRetry(transport, req, { retries: 3, minDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1000, retryNetworkErrors: true, sleep: async () => undefined, now: () => 0 });
		expect([res.statusCode, calls]).toEqual([200, 2]);
	});

	it('leaves a refresh refused for good (400 invalid_grant) and other errors as they are', () => {
		const grant = new NodeApiError(node, new ResponseError(400) as never);
		expect(classifyFailure(grant, req, 5)).toBe(grant);
		const other = new Error('Credentials not found');
		expect(classifyFailure(other, req, 5)).toBe(other);
	});
});
