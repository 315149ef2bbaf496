// Errors the Invoke URL node throws because a parse failed keep the parser's error as `cause` (issue 15 item 4);
// their messages stay free of the values that failed where those can hold a secret.
import { isConfigError, isHttpError } from '../../../lib/http';
import type { HttpRequest, Transport } from '../../../lib/http';
import { paginate } from '../../../nodes/InvokeUrl/pagination';
import type { PaginationSpec } from '../../../nodes/InvokeUrl/pagination';
import { followRedirects } from '../../../nodes/InvokeUrl/redirects';
import { buildRequest, resolveUrl } from '../../../nodes/InvokeUrl/request-body';
import { decodeResponse } from '../../../nodes/InvokeUrl/response-format';
import { proxyOption } from '../../../nodes/InvokeUrl/send-request';

function thrown(run: () => unknown): Error & { cause?: unknown } {
	try {
		run();
	} catch (error) {
		return error as Error & { cause?: unknown };
	}
	throw new Error('expected a throw');
}

async function rejected(run: () => Promise<unknown>): Promise<Error & { cause?: unknown }> {
	return await run().then(
		() => {
			throw new Error('expected a rejection');
		},
		(error: unknown) => error as Error & { cause?: unknown },
	);
}

const invalidUrl = expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_URL' });

describe('Invoke URL errors keep their cause', () => {
	it('an unparsable Proxy option: the URL parse error, without the proxy password in the message or the cause', () => {
		const error = thrown(() => proxyOption('http://user:s3cret-pass@prox y.test:8080'));
		expect(isConfigError(error)).toBe(true);
		expect(error.cause).toEqual(invalidUrl);
		expect(JSON.stringify({ message: error.message, cause: { ...(error.cause as object) } })).not.toContain('s3cret-pass');
	});

	it('a JSON body that does not parse: the SyntaxError', () => {
		const error = thrown(() =>
			buildRequest({ method: 'POST', url: 'https://a.test/', headers: [], parameters: [], contentType: 'json', rawBody: '{"a":', timeoutMs: 1000 }),
		);
		expect(isConfigError(error)).toBe(true);
		expect(error.message).toBe('Body is not valid JSON');
		expect(error.cause).toBeInstanceOf(SyntaxError);
	});

	it('a URL that does not parse: the URL parse error', () => {
		const error = thrown(() => resolveUrl('https://exa mple.test/x', undefined));
		expect(isConfigError(error)).toBe(true);
		expect(error.cause).toEqual(invalidUrl);
	});

	it('a response that is not JSON under Response Format = JSON: the SyntaxError', () => {
		const error = thrown(() => decodeResponse(Buffer.from('<html>'), 'text/html', 'json', 'https://a.test/x?k=1'));
		expect(isConfigError(error)).toBe(true);
		expect(error.cause).toBeInstanceOf(SyntaxError);
	});

	it('a next-page URL that does not parse: the URL parse error', async () => {
		const spec: PaginationSpec = {
			mode: 'nextUrl', nextUrlPath: 'body.next', parameterName: 'page', start: 1, increment: 1, itemsPath: '',
			stopWhen: 'noNextUrl', stopFieldPath: '', stopFieldValue: '', maxPages: 5,
		};
		const first: HttpRequest = { method: 'GET', url: 'https://a.test/p1' };
		const error = await rejected(() =>
			paginate(spec, first, () => first, async () => ({ statusCode: 200, headers: {}, body: { next: 'http://[::1' } }), () => undefined),
		);
		expect(isConfigError(error)).toBe(true);
		expect(error.cause).toEqual(invalidUrl);
	});

	it('a redirect Location that does not parse: the URL parse error; one that is not http(s) has no cause', async () => {
		const redirectTo = (location: string): Transport => async () => ({ statusCode: 302, headers: { location }, body: undefined });
		const policy = { follow: true, maxRedirects: 3, mayAuthenticate: () => false };
		const request: HttpRequest = { method: 'GET', url: 'https://a.test/old' };
		const broken = await rejected(() => followRedirects(redirectTo('http://[::1'), redirectTo('http://[::1'), policy)(request));
		expect(isHttpError(broken)).toBe(true);
		expect(broken.cause).toEqual(invalidUrl);
		const ftp = await rejected(() => followRedirects(redirectTo('ftp://a.test/f'), redirectTo('ftp://a.test/f'), policy)(request));
		expect(isHttpError(ftp)).toBe(true);
		expect(ftp.cause).toBeUndefined();
	});
});
