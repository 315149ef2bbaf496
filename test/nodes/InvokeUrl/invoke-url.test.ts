/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';
import type { HarnessNode, StoredCredential } from '../../support/n8n-harness';

const API = 'https://api.test';
const TYPE = `${PACKAGE_NAME}.invokeUrl`;

const CREDS: Record<string, StoredCredential> = {
	basic: { type: 'customServiceBasicApi', name: 'Acme Basic', data: { user: 'alice', password: 'pa55-w0rd-secret', baseUrl: `${API}/v1/` } },
	keyHeader: { type: 'customServiceApiKeyApi', name: 'Key H', data: { baseUrl: API, location: 'header', keyName: 'X-API-Key', apiKey: 'key-in-header-123' } },
	keyQuery: { type: 'customServiceApiKeyApi', name: 'Key Q', data: { baseUrl: API, location: 'query', keyName: 'api_key', apiKey: 'key-in-query-456' } },
	oauth2: {
		type: 'customServiceOAuth2Api',
		name: 'Acme OAuth2',
		data: {
			baseUrl: API, grantType: 'authorizationCode', authUrl: 'https://auth.test/authorize', accessTokenUrl: 'https://auth.test/token',
			clientId: 'client-1', clientSecret: 'client-secret-xyz', scope: 'read', authentication: 'body',
			oauthTokenData: { access_token: 'expired-token', refresh_token: 'refresh-1', token_type: 'Bearer' },
		},
	},
	oauth1: {
		type: 'customServiceOAuth1Api',
		name: 'Acme OAuth1',
		data: {
			baseUrl: API, requestTokenUrl: 'https://auth.test/request', authUrl: 'https://auth.test/authorize', accessTokenUrl: 'https://auth.test/access',
			consumerKey: 'consumer-1', consumerSecret: 'consumer-secret-abc', signatureMethod: 'HMAC-SHA1',
			oauthTokenData: { oauth_token: 'tok-1', oauth_token_secret: 'tok-secret-def' },
		},
	},
};

function node(parameters: IDataObject, extra: Partial<HarnessNode> = {}): HarnessNode {
	const auth = parameters.authentication as string | undefined;
	const credId = extra.credentials ? undefined : (parameters._cred as string | undefined);
	const { _cred, ...params } = parameters;
	void _cred;
	return {
		name: 'Invoke',
		type: TYPE,
		parameters: { options: { retries: 0 }, ...params },
		...(auth && credId ? { credentials: { [auth]: { id: credId, name: CREDS[credId].name ?? '' } } } : {}),
		...extra,
	};
}

async function run(parameters: IDataObject, items?: INodeExecutionData[], extra: Partial<HarnessNode> = {}) {
	const h = createHarness({ credentials: CREDS });
	const result = await h.runWorkflow({ nodes: [node(parameters, extra)], items });
	return { h, result, out: result.output('Invoke') };
}

const errorText = (r: { error?: { message: string; description?: string | null } }) =>
	`${r.error?.message ?? ''} ${r.error?.description ?? ''}`;

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
});

describe('Invoke URL: request shapes', () => {
	it('sends parameters as the query string for GET and parses a JSON response', async () => {
		const scope = nock(API).get('/items').query({ q: 'a b', page: '2' }).reply(200, { items: [1] }, { 'X-Req': 'r1' });
		const { out, result } = await run({
			method: 'GET', url: `${API}/items`,
			parameters: { parameter: [{ name: 'q', value: 'a b' }, { name: 'page', value: '2' }] },
			headers: { header: [{ name: 'X-Trace', value: 't-1' }] },
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ statusCode: 200, body: { items: [1] } });
		expect((out[0].json.headers as IDataObject)['x-req']).toBe('r1');
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends parameters as a JSON body for POST', async () => {
		let seen: unknown;
		let contentType: string | undefined;
		nock(API).post('/items').reply(function (_uri, body) {
			seen = body;
			contentType = this.req.headers['content-type'] as string;
			return [201, { id: 7 }];
		});
		const { out } = await run({
			method: 'POST', url: `${API}/items`, contentType: 'json',
			parameters: { parameter: [{ name: 'name', value: 'Ada' }] },
		});
		expect(seen).toEqual({ name: 'Ada' });
		expect(contentType).toMatch(/^application\/json/);
		expect(out[0].json).toMatchObject({ statusCode: 201, body: { id: 7 } });
	});

	it('merges parameters into a JSON text body', async () => {
		let seen: unknown;
		nock(API).put('/items/1').reply(200, (_u, body) => {
			seen = body;
			return {};
		});
		await run({
			method: 'PUT', url: `${API}/items/1`, contentType: 'json', rawBody: '{"a":{"b":1},"name":"old"}',
			parameters: { parameter: [{ name: 'name', value: 'new' }] },
		});
		expect(seen).toEqual({ a: { b: 1 }, name: 'new' });
	});

	it('fails the item on a JSON body that does not parse, without a request', async () => {
		const scope = nock(API).post('/x').reply(200, {});
		const { result } = await run({ method: 'POST', url: `${API}/x`, contentType: 'json', rawBody: '{nope' });
		expect(result.error?.message).toMatch(/not valid JSON/);
		expect(scope.isDone()).toBe(false);
	});

	it('sends form-urlencoded parameters', async () => {
		let raw = '';
		let contentType = '';
		nock(API).post('/form').reply(function (_uri, body) {
			raw = typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString();
			contentType = this.req.headers['content-type'] as string;
			return [200, 'ok', { 'Content-Type': 'text/plain' }];
		});
		const { out } = await run({
			method: 'POST', url: `${API}/form`, contentType: 'form',
			parameters: { parameter: [{ name: 'first name', value: 'Ada & co' }, { name: 'x', value: '1' }] },
		});
		expect(contentType).toBe('application/x-www-form-urlencoded');
		expect(raw).toBe('first+name=Ada+%26+co&x=1');
		expect(out[0].json.body).toBe('ok');
	});

	it('uploads the item binary as a multipart file with the parameters as fields', async () => {
		let raw = '';
		let contentType = '';
		nock(API).post('/upload').reply(function (_uri, body) {
			raw = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : Buffer.from(body as never, 'hex').toString();
			contentType = this.req.headers['content-type'] as string;
			return [200, { uploaded: true }];
		});
		const items: INodeExecutionData[] = [{
			json: {},
			binary: { data: { data: Buffer.from('hello file').toString('base64'), mimeType: 'text/plain', fileName: 'hello.txt' } },
		}];
		const { out, result } = await run({
			method: 'POST', url: `${API}/upload`, contentType: 'multipart', binaryPropertyName: 'data', binaryFieldName: 'attachment',
			parameters: { parameter: [{ name: 'title', value: 'Greeting' }] },
		}, items);
		expect(result.error).toBeUndefined();
		const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
		expect(boundary).toBeTruthy();
		expect(raw).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nGreeting\r\n`);
		expect(raw).toContain('name="attachment"; filename="hello.txt"\r\nContent-Type: text/plain\r\n\r\nhello file\r\n');
		expect(raw.endsWith(`--${boundary}--\r\n`)).toBe(true);
		expect(out[0].json.body).toEqual({ uploaded: true });
	});

	it('fails the item when the multipart binary property is missing', async () => {
		const { result } = await run({ method: 'POST', url: `${API}/upload`, contentType: 'multipart', binaryPropertyName: 'nope' });
		expect(result.error?.message).toMatch(/nope/);
	});

	it('sends a raw body with the Content-Type header given', async () => {
		let raw = '';
		let contentType = '';
		nock(API).patch('/raw').reply(function (_uri, body) {
			raw = String(body);
			contentType = this.req.headers['content-type'] as string;
			return [204];
		});
		const { out } = await run({
			method: 'PATCH', url: `${API}/raw`, contentType: 'raw', rawBody: '<a>1</a>',
			headers: { header: [{ name: 'Content-Type', value: 'application/xml' }] },
		});
		expect(raw).toBe('<a>1</a>');
		expect(contentType).toBe('application/xml');
		expect(out[0].json).toMatchObject({ statusCode: 204, body: null });
	});

	it('returns a binary response as n8n binary data', async () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff]);
		nock(API).get('/img/logo.png').reply(200, png, { 'Content-Type': 'image/png' });
		const { out } = await run({ method: 'GET', url: `${API}/img/logo.png` });
		expect(out[0].json.statusCode).toBe(200);
		expect(out[0].json.body).toBeUndefined();
		const bin = out[0].binary?.data;
		expect(bin?.mimeType).toBe('image/png');
		expect(bin?.fileName).toBe('logo.png');
		expect(Buffer.from(bin?.data ?? '', 'base64').equals(png)).toBe(true);
	});

	it('resolves a relative URL against the credential base URL', async () => {
		const scope = nock(API).get('/v1/contacts').reply(200, {});
		const { result } = await run({ authentication: 'customServiceBasicApi', _cred: 'basic', method: 'GET', url: '/contacts' });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('rejects a relative URL without a base URL', async () => {
		const { result } = await run({ method: 'GET', url: 'contacts' });
		expect(result.error?.message).toMatch(/^Invalid URL "contacts": it is not absolute/);
	});

	it('returns a redirect as is when Follow Redirects is off', async () => {
		nock(API).get('/old').reply(302, '', { Location: `${API}/new` });
		const { out } = await run({ method: 'GET', url: `${API}/old`, options: { retries: 0, followRedirects: false } });
		expect(out[0].json).toMatchObject({ statusCode: 302 });
		expect((out[0].json.headers as IDataObject).location).toBe(`${API}/new`);
	});

	it('follows redirects by default', async () => {
		nock(API).get('/old').reply(301, '', { Location: `${API}/new` });
		nock(API).get('/new').reply(200, { moved: true });
		const { out } = await run({ method: 'GET', url: `${API}/old` });
		expect(out[0].json).toMatchObject({ statusCode: 200, body: { moved: true } });
	});
});

describe('Invoke URL: retries and HTTP errors', () => {
	it('retries a 429 after its Retry-After and returns the success', async () => {
		const scope = nock(API)
			.get('/busy').reply(429, { message: 'slow down' }, { 'Retry-After': '0' })
			.get('/busy').reply(503, 'down', { 'Retry-After': '0' })
			.get('/busy').reply(200, { ok: true });
		const { out, result } = await run({ method: 'GET', url: `${API}/busy`, options: { retries: 3 } });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(out[0].json).toMatchObject({ statusCode: 200, body: { ok: true } });
	});

	it('stops at the retry limit and fails with the last status', async () => {
		let calls = 0;
		nock(API).get('/busy').times(5).reply(() => {
			calls++;
			return [429, { message: 'slow down' }, { 'Retry-After': '0' }];
		});
		const { result } = await run({ method: 'GET', url: `${API}/busy`, options: { retries: 2 } });
		expect(calls).toBe(3);
		expect(result.error?.message).toMatch(/status 429/);
		expect(result.error?.description).toBe('slow down');
	});

	it('does not retry when Retry-After is beyond the wait limit', async () => {
		let calls = 0;
		nock(API).get('/busy').times(3).reply(() => {
			calls++;
			return [429, {}, { 'Retry-After': '3600' }];
		});
		const { result } = await run({ method: 'GET', url: `${API}/busy`, options: { retries: 3 } });
		expect(calls).toBe(1);
		expect(result.error?.message).toMatch(/Retry-After exceeds/);
	});

	it('never retries a 400', async () => {
		let calls = 0;
		nock(API).post('/bad').times(3).reply(() => {
			calls++;
			return [400, { message: 'email is invalid' }];
		});
		const { result } = await run({ method: 'POST', url: `${API}/bad`, options: { retries: 3 } });
		expect(calls).toBe(1);
		expect(result.error?.message).toMatch(/status 400/);
	});

	it('retries a connection error and then succeeds', async () => {
		nock(API).get('/flaky').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		nock(API).get('/flaky').reply(200, { ok: 1 });
		const { out, result } = await run({ method: 'GET', url: `${API}/flaky`, options: { retries: 1 } });
		expect(result.error).toBeUndefined();
		expect(out[0].json.body).toEqual({ ok: 1 });
	});

	it('reports a connection error as a network error once retries are spent', async () => {
		nock(API).get('/down').replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
		const { result } = await run({ method: 'GET', url: `${API}/down`, options: { retries: 0 } });
		expect(result.error?.description).toMatch(/Network error \(ECONNREFUSED\): GET https:\/\/api\.test\/down/);
	});

	it('reports a timeout as a timeout', async () => {
		nock(API).get('/slow').delay(300).reply(200, {});
		const { result } = await run({ method: 'GET', url: `${API}/slow`, options: { retries: 0, timeout: 50 } });
		expect(result.error?.message).toMatch(/timed out after 50 ms/);
	});

	it('returns the status as data when Fail on HTTP Error is off', async () => {
		nock(API).get('/missing').reply(404, { message: 'no such thing' });
		const { out, result } = await run({ method: 'GET', url: `${API}/missing`, options: { retries: 0, failOnHttpError: false } });
		expect(result.error).toBeUndefined();
		expect(out[0].json).toMatchObject({ statusCode: 404, body: { message: 'no such thing' } });
	});
});

describe('Invoke URL: per-item errors', () => {
	const items = [{ json: { path: 'ok' } }, { json: { path: 'boom' } }, { json: { path: 'ok' } }];
	const params = { method: 'GET', url: `={{ "${API}/" + $json.path }}` };

	it('sends a failing item to the error output while the others pass', async () => {
		nock(API).get('/ok').times(2).reply(200, { fine: true });
		nock(API).get('/boom').reply(500, { message: 'exploded' });
		const h = createHarness({ credentials: CREDS });
		const r = await h.runWorkflow({
			nodes: [node(params, { onError: 'continueErrorOutput' }), { name: 'Ok', type: 'test.collect' }, { name: 'Failed', type: 'test.collect' }],
			connections: {
				Invoke: { main: [[{ node: 'Ok', type: 'main', index: 0 }], [{ node: 'Failed', type: 'main', index: 0 }]] },
			},
			items,
		});
		expect(r.error).toBeUndefined();
		expect(r.output('Ok').map((i) => i.json.statusCode)).toEqual([200, 200]);
		expect(r.output('Failed')).toHaveLength(1);
		const failed = r.output('Invoke', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toMatch(/status 500/);
		expect(failed[0].json.details).toEqual({ statusCode: 500, description: 'exploded' });
		expect(failed[0].pairedItem).toEqual({ item: 1 });
	});

	it('keeps the failing item in the main output with continueOnFail', async () => {
		nock(API).get('/ok').times(2).reply(200, { fine: true });
		nock(API).get('/boom').reply(500, { message: 'exploded' });
		const { out, result } = await run(params, items, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		expect(out).toHaveLength(3);
		expect(out[1].json.details).toEqual({ statusCode: 500, description: 'exploded' });
		expect(out[1].json.error).toMatch(/status 500/);
	});

	it('stops the workflow on the first failing item by default', async () => {
		nock(API).get('/ok').reply(200, {});
		nock(API).get('/boom').reply(500, {});
		const { result } = await run(params, items);
		expect(result.error?.message).toMatch(/status 500/);
	});
});

describe('Invoke URL: credentials', () => {
	it('applies Basic auth', async () => {
		const expected = `Basic ${Buffer.from('alice:pa55-w0rd-secret').toString('base64')}`;
		const scope = nock(API).get('/me').matchHeader('authorization', expected).reply(200, {});
		const { result } = await run({ authentication: 'customServiceBasicApi', _cred: 'basic', method: 'GET', url: `${API}/me` });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('applies an API key in a header', async () => {
		const scope = nock(API).get('/me').matchHeader('x-api-key', 'key-in-header-123').reply(200, {});
		const { result } = await run({ authentication: 'customServiceApiKeyApi', _cred: 'keyHeader', method: 'GET', url: `${API}/me` });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('applies an API key in the query string', async () => {
		const scope = nock(API).get('/me').query({ api_key: 'key-in-query-456', x: '1' }).reply(200, {});
		const { result } = await run({
			authentication: 'customServiceApiKeyApi', _cred: 'keyQuery', method: 'GET', url: `${API}/me`,
			parameters: { parameter: [{ name: 'x', value: '1' }] },
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('signs with OAuth 1.0a', async () => {
		let auth = '';
		nock(API).get('/me').reply(function () {
			auth = this.req.headers.authorization as string;
			return [200, {}];
		});
		const { result } = await run({ authentication: 'customServiceOAuth1Api', _cred: 'oauth1', method: 'GET', url: `${API}/me` });
		expect(result.error).toBeUndefined();
		expect(auth).toMatch(/^OAuth /);
		expect(auth).toContain('oauth_consumer_key="consumer-1"');
		expect(auth).toContain('oauth_token="tok-1"');
		expect(auth).toContain('oauth_signature_method="HMAC-SHA1"');
		expect(auth).toMatch(/oauth_signature="[^"]+"/);
	});

	it('sends the OAuth2 token and refreshes it once after a 401', async () => {
		nock(API).get('/me').matchHeader('authorization', 'Bearer expired-token').reply(401, { message: 'expired' });
		const token = nock('https://auth.test').post('/token', (b) => b.grant_type === 'refresh_token' && b.refresh_token === 'refresh-1')
			.reply(200, { access_token: 'fresh-token', refresh_token: 'refresh-2', token_type: 'Bearer', expires_in: 3600 });
		nock(API).get('/me').matchHeader('authorization', 'Bearer fresh-token').reply(200, { me: 'ok' });
		const { out, result, h } = await run({ authentication: 'customServiceOAuth2Api', _cred: 'oauth2', method: 'GET', url: `${API}/me` });
		expect(result.error).toBeUndefined();
		expect(token.isDone()).toBe(true);
		expect(out[0].json.body).toEqual({ me: 'ok' });
		expect(h.tokenUpdates).toHaveLength(1);
		expect((h.tokenUpdates[0].data.oauthTokenData as IDataObject).access_token).toBe('fresh-token');
	});

	it('names the credential when it is rejected, without leaking any secret', async () => {
		// n8n re-sends a request once after a 401 (preAuthentication retry), so the API answers twice.
		nock(API).get('/me').query(true).times(2).reply(401, { message: 'bad key key-in-query-456', access_token: 'leaky' });
		const { result } = await run({ authentication: 'customServiceApiKeyApi', _cred: 'keyQuery', method: 'GET', url: `${API}/me` });
		const text = errorText(result);
		expect(result.error?.message).toMatch(/Custom Service API Key credential "Key Q" was rejected \(401 Unauthorized\)/);
		expect(text).not.toContain('key-in-query-456');
		expect(text).not.toContain('leaky');
	});

	it('keeps the Basic password out of a 401 error', async () => {
		nock(API).get('/me').times(2).reply(401, 'Authorization: Basic YWxpY2U6cGE1NS13MHJkLXNlY3JldA== rejected', { 'Content-Type': 'text/plain' });
		const { result } = await run({ authentication: 'customServiceBasicApi', _cred: 'basic', method: 'GET', url: `${API}/me` });
		const text = errorText(result);
		expect(result.error?.message).toContain('Custom Service Basic Auth credential "Acme Basic"');
		expect(text).not.toContain('pa55-w0rd-secret');
		expect(text).not.toContain('YWxpY2U6cGE1NS13MHJkLXNlY3JldA');
	});

	it('keeps OAuth2 secrets out of the error when the refresh fails', async () => {
		nock(API).get('/me').reply(401, {});
		nock('https://auth.test').post('/token').reply(400, { error: 'invalid_grant', client_secret: 'client-secret-xyz' });
		const { result } = await run({ authentication: 'customServiceOAuth2Api', _cred: 'oauth2', method: 'GET', url: `${API}/me` });
		const text = errorText(result);
		expect(result.error).toBeDefined();
		expect(text).not.toContain('client-secret-xyz');
		expect(text).not.toContain('refresh-1');
		expect(text).not.toContain('expired-token');
	});
});
