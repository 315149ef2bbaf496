import {
	DEFAULT_RETRY,
	HttpError,
	NetworkError,
	TimeoutError,
	backoffDelayMs,
	expectOk,
	isHttpError,
	parseRetryAfter,
	sendWithRetry,
} from '../../../lib/http';
import type { HttpRequest, HttpResponse, RetryOptions } from '../../../lib/http';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const req: HttpRequest = { method: 'GET', url: 'https://api.test/x?access_token=secret' };
const res = (statusCode: number, headers: HttpResponse['headers'] = {}, body: unknown = {}): HttpResponse => ({ statusCode, headers, body });

/** A transport replaying a script of responses/errors, counting calls. */
function scripted(steps: Array<HttpResponse | Error>) {
	let calls = 0;
	const transport = async () => {
		const step = steps[Math.min(calls++, steps.length - 1)];
		if (step instanceof Error) throw step;
		return step;
	};
	return { transport, calls: () => calls };
}

function opts(extra: Partial<RetryOptions> = {}) {
	const sleeps: number[] = [];
	const options: RetryOptions = { ...DEFAULT_RETRY, sleep: async (ms) => void sleeps.push(ms), now: () => NOW, ...extra };
	return { options, sleeps };
}

describe('parseRetryAfter', () => {
	it('reads delay-seconds', () => expect(parseRetryAfter('7', NOW)).toBe(7000));
	it('reads an HTTP-date relative to now', () => expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', NOW)).toBe(30_000));
	it('clamps a date in the past to zero', () => expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', NOW)).toBe(0));
	it('ignores garbage and absence', () => {
		expect(parseRetryAfter('soon', NOW)).toBeUndefined();
		expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
	});
});

describe('sendWithRetry', () => {
	it('waits the Retry-After seconds a 429 asks for, then returns the success', async () => {
		const t = scripted([res(429, { 'Retry-After': '3' }), res(200, {}, { ok: true })]);
		const { options, sleeps } = opts();
		const out = await sendWithRetry(t.transport, req, options);
		expect(out.statusCode).toBe(200);
		expect(sleeps).toEqual([3000]);
		expect(t.calls()).toBe(2);
	});

	it('waits until an HTTP-date Retry-After', async () => {
		const t = scripted([res(503, { 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }), res(200)]);
		const { options, sleeps } = opts();
		await sendWithRetry(t.transport, req, options);
		expect(sleeps).toEqual([10_000]);
	});

	it('stops at the retry limit and returns the last response', async () => {
		const t = scripted([res(500)]);
		const { options, sleeps } = opts({ retries: 2 });
		const out = await sendWithRetry(t.transport, req, options);
		expect(out.statusCode).toBe(500);
		expect(t.calls()).toBe(3);
		expect(sleeps).toHaveLength(2);
	});

	it('does not retry at all with retries 0', async () => {
		const t = scripted([res(429, { 'retry-after': '1' })]);
		const { options, sleeps } = opts({ retries: 0 });
		expect((await sendWithRetry(t.transport, req, options)).statusCode).toBe(429);
		expect(t.calls()).toBe(1);
		expect(sleeps).toEqual([]);
	});

	it('keeps retrying 429 on its own budget after the 5xx budget is spent', async () => {
		const t = scripted([res(503), res(503), res(503), res(429), res(429), res(429), res(429), res(429), res(200)]);
		const { options } = opts({ rateLimitRetries: 5 });
		expect((await sendWithRetry(t.transport, req, options)).statusCode).toBe(200);
		expect(t.calls()).toBe(9);
	});

	it('gives up on 429 after rateLimitRetries and returns the 429', async () => {
		const t = scripted([res(429, { 'retry-after': '1' })]);
		const { options, sleeps } = opts({ rateLimitRetries: 8 });
		expect((await sendWithRetry(t.transport, req, options)).statusCode).toBe(429);
		expect(t.calls()).toBe(9);
		expect(sleeps).toEqual(Array(8).fill(1000));
	});

	it('with rateLimitBackoff waits the growing backoff when Retry-After asks for less', async () => {
		const t = scripted([res(429, { 'retry-after': '1' })]);
		const { options, sleeps } = opts({ rateLimitRetries: 6, rateLimitBackoff: true });
		await sendWithRetry(t.transport, req, options);
		expect(sleeps).toEqual([1000, 1000, 2000, 4000, 8000, 16000]);
	});

	it('spreads Retry-After waits by up to one second when given randomness', async () => {
		const t = scripted([res(429, { 'retry-after': '1' }), res(429, { 'retry-after': '1' }), res(200)]);
		const rolls = [0, 0.5];
		const { options, sleeps } = opts({ random: () => rolls.shift() ?? 0 });
		await sendWithRetry(t.transport, req, options);
		expect(sleeps).toEqual([1000, 1500]);
	});

	it.each([400, 401, 403, 404, 409, 422])('never retries a %i', async (status) => {
		const t = scripted([res(status), res(200)]);
		const { options } = opts();
		expect((await sendWithRetry(t.transport, req, options)).statusCode).toBe(status);
		expect(t.calls()).toBe(1);
	});

	it('backs off 500, 1000, 2000 ms without Retry-After', async () => {
		const t = scripted([res(502), res(502), res(502), res(200)]);
		const { options, sleeps } = opts();
		await sendWithRetry(t.transport, req, options);
		expect(sleeps).toEqual([500, 1000, 2000]);
	});

	it('caps the backoff at maxDelayMs', () => {
		expect(backoffDelayMs(10, { minDelayMs: 500, maxDelayMs: 4000 })).toBe(4000);
	});

	it('keeps jittered delays between half and the full step', () => {
		expect(backoffDelayMs(2, { minDelayMs: 500, maxDelayMs: 30_000, random: () => 0 })).toBe(500);
		expect(backoffDelayMs(2, { minDelayMs: 500, maxDelayMs: 30_000, random: () => 1 })).toBe(1000);
	});

	it('surfaces an HttpError when Retry-After is longer than the wait limit', async () => {
		const t = scripted([res(429, { 'retry-after': '600' })]);
		const { options, sleeps } = opts({ maxRetryAfterMs: 60_000 });
		const err = await sendWithRetry(t.transport, req, options).catch((e) => e);
		expect(isHttpError(err)).toBe(true);
		expect((err as HttpError).retryAfterMs).toBe(600_000);
		expect(sleeps).toEqual([]);
	});

	it('retries network errors and timeouts, then succeeds', async () => {
		const t = scripted([new NetworkError('GET', req.url, 'ECONNRESET'), new TimeoutError('GET', req.url, 100), res(200)]);
		const { options } = opts();
		expect((await sendWithRetry(t.transport, req, options)).statusCode).toBe(200);
		expect(t.calls()).toBe(3);
	});

	it('rethrows the network error when network retries are off', async () => {
		const t = scripted([new NetworkError('GET', req.url, 'ECONNRESET'), res(200)]);
		const { options } = opts({ retryNetworkErrors: false });
		await expect(sendWithRetry(t.transport, req, options)).rejects.toMatchObject({ kind: 'NetworkError' });
		expect(t.calls()).toBe(1);
	});

	it('never retries an unknown error', async () => {
		const t = scripted([new Error('boom'), res(200)]);
		const { options } = opts();
		await expect(sendWithRetry(t.transport, req, options)).rejects.toThrow('boom');
		expect(t.calls()).toBe(1);
	});

	it('reports each retry through onRetry', async () => {
		const t = scripted([res(429, { 'retry-after': '2' }), res(200)]);
		const seen: unknown[] = [];
		const { options } = opts({ onRetry: (i) => seen.push(i) });
		await sendWithRetry(t.transport, req, options);
		expect(seen).toEqual([{ attempt: 1, delayMs: 2000, reason: 'status 429' }]);
	});
});

describe('expectOk', () => {
	it('passes 2xx through', () => expect(expectOk(req, res(204), () => NOW).statusCode).toBe(204));
	it('throws an HttpError without the query string (which may hold a token)', () => {
		const err = (() => {
			try {
				expectOk(req, res(429, { 'retry-after': '5' }), () => NOW);
			} catch (e) {
				return e as HttpError;
			}
			return undefined;
		})();
		expect(err?.statusCode).toBe(429);
		expect(err?.retryAfterMs).toBe(5000);
		expect(err?.message).not.toContain('secret');
		expect(err?.message).toContain('GET https://api.test/x');
	});
});
