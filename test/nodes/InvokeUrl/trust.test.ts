/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Issue 12 ("Trust"): where a Custom Service credential may go (items 6, 7), which failed writes are retried (8),
// download file names (9), OAuth 1.0a signing of every body type against the sandbox's RFC 5849 verifier (10) and
// invalid URL errors (11). In-process n8n (real n8n-core helpers) with nock, and the sandbox on loopback.
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { StoredCredential } from '../../support/n8n-harness';
import { runInvokeUrl } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

const API = 'https://api.test';
const EVIL = 'https://evil.test';
const BASIC = `Basic ${Buffer.from('alice:pa55-w0rd-secret').toString('base64')}`;

const CREDS: Record<string, StoredCredential> = {
	basic: { type: 'customServiceBasicApi', name: 'Acme Basic', data: { user: 'alice', password: 'pa55-w0rd-secret', baseUrl: `${API}/v1` } },
	basicDomains: {
		type: 'customServiceBasicApi',
		name: 'Acme Basic+',
		data: { user: 'alice', password: 'pa55-w0rd-secret', baseUrl: `${API}/v1`, allowedHttpRequestDomains: 'domains', allowedDomains: 'files.test, *.cdn.test' },
	},
	basicAll: { type: 'customServiceBasicApi', name: 'Acme Basic All', data: { user: 'alice', password: 'pa55-w0rd-secret', baseUrl: `${API}/v1`, allowedHttpRequestDomains: 'all' } },
	keyNoBase: { type: 'customServiceApiKeyApi', name: 'Loose Key', data: { location: 'header', keyName: 'X-API-Key', apiKey: 'key-in-header-123' } },
	keyHeader: { type: 'customServiceApiKeyApi', name: 'Key H', data: { baseUrl: API, location: 'header', keyName: 'X-API-Key', apiKey: 'key-in-header-123' } },
	keyQuery: { type: 'customServiceApiKeyApi', name: 'Key Q', data: { baseUrl: API, location: 'query', keyName: 'api_key', apiKey: 'key-in-query-456' } },
	oauth2NoBase: {
		type: 'customServiceOAuth2Api',
		name: 'Auth OAuth2',
		data: {
			grantType: 'authorizationCode', authUrl: 'https://auth.test/authorize', accessTokenUrl: 'https://auth.test/token',
			clientId: 'client-1', clientSecret: 'client-secret-xyz', scope: 'read', authentication: 'body',
			oauthTokenData: { access_token: 'live-token', refresh_token: 'refresh-1', token_type: 'Bearer' },
		},
	},
	oauth1: {
		type: 'customServiceOAuth1Api',
		name: 'Acme OAuth1',
		data: {
			baseUrl: API, requestTokenUrl: `${API}/request`, authUrl: `${API}/authorize`, accessTokenUrl: `${API}/access`,
			consumerKey: 'consumer-1', consumerSecret: 'consumer-secret-abc', signatureMethod: 'HMAC-SHA1',
			oauthTokenData: { oauth_token: 'tok-1', oauth_token_secret: 'tok-secret-def' },
		},
	},
};

async function run(parameters: IDataObject, opts: { cred?: string; items?: INodeExecutionData[]; creds?: Record<string, StoredCredential> } = {}) {
	return await runInvokeUrl(opts.creds ?? CREDS, { options: { retries: 0 }, ...parameters }, opts);
}

/** Records every request a nock host receives (headers and query), answering 200. */
function recorder(origin: string) {
	const seen: Array<{ path: string; headers: IDataObject }> = [];
	nock(origin).persist().get(/.*/).reply(function (path) {
		seen.push({ path, headers: { ...this.req.headers } });
		return [200, { stolen: false }];
	});
	return seen;
}

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());

describe('item 6: a credential only goes to its Base URL origin and its Allowed Domains', () => {
	const fromItem = { method: 'GET', url: '={{ $json.url }}' };

	it('refuses a URL from item data on another host before any request, naming the host', async () => {
		const evil = recorder(EVIL);
		const { result } = await run(fromItem, { cred: 'basic', items: [{ json: { url: `${EVIL}/collect` } }] });
		expect(result.error?.message).toMatch(/Custom Service Basic Auth credential "Acme Basic" is not sent to evil\.test: it is only sent to https:\/\/api\.test/);
		expect(evil).toHaveLength(0);
	});

	it('compares the whole origin: another scheme or port of the same host is refused', async () => {
		for (const url of ['http://api.test/v1/x', 'https://api.test:8443/v1/x']) {
			const { result } = await run({ method: 'GET', url }, { cred: 'basic' });
			expect(result.error?.message).toMatch(/is not sent to api\.test/);
		}
	});

	it('sends the credential to a listed domain and to subdomains of a *. entry, not to the bare domain', async () => {
		nock('https://files.test').get('/a').matchHeader('authorization', BASIC).reply(200, {});
		nock('https://img.cdn.test').get('/b').matchHeader('authorization', BASIC).reply(200, {});
		expect((await run({ method: 'GET', url: 'https://files.test/a' }, { cred: 'basicDomains' })).result.error).toBeUndefined();
		expect((await run({ method: 'GET', url: 'https://img.cdn.test/b' }, { cred: 'basicDomains' })).result.error).toBeUndefined();
		const bare = await run({ method: 'GET', url: 'https://cdn.test/c' }, { cred: 'basicDomains' });
		expect(bare.result.error?.message).toMatch(/is not sent to cdn\.test: it is only sent to https:\/\/api\.test, files\.test, \*\.cdn\.test/);
	});

	it('sends a credential without Base URL or Allowed Domains nowhere', async () => {
		const evil = recorder(EVIL);
		const { result } = await run({ method: 'GET', url: `${EVIL}/x` }, { cred: 'keyNoBase' });
		expect(result.error?.message).toMatch(/"Loose Key" is not sent to evil\.test: it has no Base URL and no Allowed Domains/);
		expect(evil).toHaveLength(0);
	});

	it('takes the Access Token URL origin of an OAuth2 credential without Base URL', async () => {
		nock('https://auth.test').get('/me').matchHeader('authorization', 'Bearer live-token').reply(200, { me: 1 });
		expect((await run({ method: 'GET', url: 'https://auth.test/me' }, { cred: 'oauth2NoBase' })).result.error).toBeUndefined();
		const other = await run({ method: 'GET', url: `${API}/me` }, { cred: 'oauth2NoBase' });
		expect(other.result.error?.message).toMatch(/is not sent to api\.test: it is only sent to https:\/\/auth\.test/);
	});

	it('sends anywhere only when the credential says All', async () => {
		nock(EVIL).get('/x').matchHeader('authorization', BASIC).reply(200, {});
		expect((await run({ method: 'GET', url: `${EVIL}/x` }, { cred: 'basicAll' })).result.error).toBeUndefined();
	});
});

describe('item 7: no credential reaches another origin through a redirect', () => {
	const cases: Array<[string, string]> = [['Basic', 'basic'], ['API key header', 'keyHeader'], ['API key query', 'keyQuery'], ['OAuth1', 'oauth1'], ['All (Unsafe)', 'basicAll']];
	it.each(cases)('%s: the cross-origin hop goes out without the credential', async (_label, cred) => {
		nock(API).get(/\/v1\/start|\/start/).query(true).reply(302, '', { Location: `${EVIL}/steal?x=1` });
		const evil = recorder(EVIL);
		const url = cred === 'basic' || cred === 'basicAll' ? '/start' : `${API}/start`;
		const { result, out } = await run({ method: 'GET', url, headers: { header: [{ name: 'Authorization', value: 'Bearer user-set' }, { name: 'X-Trace', value: 't1' }] } }, { cred });
		expect(result.error).toBeUndefined();
		expect(out[0].json.statusCode).toBe(200);
		expect(evil).toHaveLength(1);
		const h = evil[0].headers;
		expect(h.authorization).toBeUndefined();
		expect(h['x-api-key']).toBeUndefined();
		expect(evil[0].path).toBe('/steal?x=1');
		expect(h['x-trace']).toBe('t1');
	});

	it('re-authenticates a same-origin redirect (OAuth1 signed again for the new URL)', async () => {
		const auths: string[] = [];
		nock(API).get('/old').reply(function () {
			auths.push(this.req.headers.authorization as string);
			return [301, '', { Location: '/new' }];
		});
		nock(API).get('/new').reply(function () {
			auths.push(this.req.headers.authorization as string);
			return [200, { moved: true }];
		});
		const { out } = await run({ method: 'GET', url: `${API}/old` }, { cred: 'oauth1' });
		expect(out[0].json.body).toEqual({ moved: true });
		expect(auths).toHaveLength(2);
		expect(auths[0]).toMatch(/^OAuth /);
		expect(auths[1]).toMatch(/^OAuth /);
		expect(auths[1]).not.toBe(auths[0]);
	});

	it('keeps the credential on a redirect to an allowed domain, and drops it for good after a foreign hop', async () => {
		nock(API).get('/v1/a').reply(302, '', { Location: 'https://files.test/b' });
		const files: Array<string | undefined> = [];
		nock('https://files.test').get('/b').reply(function () {
			files.push(this.req.headers.authorization as string | undefined);
			return [302, '', { Location: `${EVIL}/c` }];
		});
		nock(EVIL).get('/c').reply(302, '', { Location: `${API}/v1/d` });
		const back: Array<string | undefined> = [];
		nock(API).get('/v1/d').reply(function () {
			back.push(this.req.headers.authorization as string | undefined);
			return [200, {}];
		});
		const { result } = await run({ method: 'GET', url: '/a' }, { cred: 'basicDomains' });
		expect(result.error).toBeUndefined();
		expect(files).toEqual([BASIC]);
		expect(back).toEqual([undefined]);
	});

	it('turns a POST answered 303 into a GET without body', async () => {
		nock(API).post('/v1/form').reply(303, '', { Location: '/v1/result' });
		let seen: IDataObject = {};
		nock(API).get('/v1/result').reply(function () {
			seen = { ...this.req.headers };
			return [200, { done: true }];
		});
		const { out } = await run({ method: 'POST', url: '/form', contentType: 'json', parameters: { parameter: [{ name: 'a', value: '1' }] } }, { cred: 'basic' });
		expect(out[0].json.body).toEqual({ done: true });
		expect(seen['content-type']).toBeUndefined();
		expect(seen.authorization).toBe(BASIC);
	});

	it('fails after 10 redirects', async () => {
		nock(API).persist().get(/\/loop/).reply(302, '', { Location: '/loop' });
		const { result } = await run({ method: 'GET', url: `${API}/loop` });
		expect(result.error?.message).toMatch(/more than 10 redirects/);
	});
});

describe('item 8: POST and PATCH are not sent again when they may have been processed', () => {
	function counting(method: 'post' | 'patch' | 'put', path: string, answers: Array<[number, IDataObject?, Record<string, string>?]>) {
		let calls = 0;
		nock(API)[method](path).times(answers.length + 3).reply(() => {
			const a = answers[Math.min(calls, answers.length - 1)];
			calls++;
			return [a[0], a[1] ?? {}, a[2] ?? {}];
		});
		return () => calls;
	}

	it('sends a POST that timed out once', async () => {
		let calls = 0;
		nock(API).post('/slow').times(5).delay(300).reply(() => {
			calls++;
			return [201, { id: calls }];
		});
		const { result } = await run({ method: 'POST', url: `${API}/slow`, options: { retries: 3, timeout: 50 } });
		expect(result.error?.message).toMatch(/timed out/);
		await new Promise((r) => setTimeout(r, 400));
		expect(calls).toBe(1);
	});

	it('sends a POST answered 500 once', async () => {
		const calls = counting('post', '/items', [[500, { message: 'boom' }], [201, { id: 1 }]]);
		const { result } = await run({ method: 'POST', url: `${API}/items`, options: { retries: 3 } });
		expect(result.error?.message).toMatch(/status 500/);
		expect(calls()).toBe(1);
	});

	it.each([
		[429, { 'Retry-After': '0' }],
		[503, { 'Retry-After': '0' }],
		[408, {}],
		[425, {}],
	])('retries a PATCH answered %i (the server did not process it)', async (status, headers) => {
		const calls = counting('patch', '/items/1', [[status, {}, headers as Record<string, string>], [200, { ok: true }]]);
		const { out, result } = await run({ method: 'PATCH', url: `${API}/items/1`, options: { retries: 3 } });
		expect(result.error).toBeUndefined();
		expect(out[0].json.body).toEqual({ ok: true });
		expect(calls()).toBe(2);
	});

	it('does not retry a POST answered 503 without Retry-After', async () => {
		const calls = counting('post', '/items', [[503], [201]]);
		await run({ method: 'POST', url: `${API}/items`, options: { retries: 3 } });
		expect(calls()).toBe(1);
	});

	it('retries a POST whose connection was refused, not one whose connection was reset', async () => {
		nock(API).post('/refused').replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
		nock(API).post('/refused').reply(201, { id: 1 });
		expect((await run({ method: 'POST', url: `${API}/refused`, options: { retries: 1 } })).result.error).toBeUndefined();
		nock(API).post('/reset').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const reset = nock(API).post('/reset').reply(201, { id: 2 });
		expect((await run({ method: 'POST', url: `${API}/reset`, options: { retries: 1 } })).result.error).toBeDefined();
		expect(reset.isDone()).toBe(false);
	});

	it('still retries a PUT answered 500', async () => {
		const calls = counting('put', '/items/1', [[500], [200, { ok: true }]]);
		const { result } = await run({ method: 'PUT', url: `${API}/items/1`, options: { retries: 3 } });
		expect(result.error).toBeUndefined();
		expect(calls()).toBe(2);
	});

	it('retries POST on any failure when the opt-in option is on', async () => {
		const calls = counting('post', '/items', [[500], [201, { id: 1 }]]);
		const { result } = await run({ method: 'POST', url: `${API}/items`, options: { retries: 3, retryNonIdempotent: true } });
		expect(result.error).toBeUndefined();
		expect(calls()).toBe(2);
	});
});

describe('item 9: download file names', () => {
	const download = async (disposition: string) => {
		nock(API).get('/files/report').reply(200, Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), { 'Content-Type': 'application/pdf', 'Content-Disposition': disposition });
		const { out, result } = await run({ method: 'GET', url: `${API}/files/report` });
		expect(result.error).toBeUndefined();
		return out[0].binary?.data.fileName;
	};

	it('keeps a quoted filename with a % sign as it is', async () => {
		expect(await download('attachment; filename="Q3 growth 100%.pdf"')).toBe('Q3 growth 100%.pdf');
	});

	it("decodes filename* (RFC 8187) and prefers it to filename", async () => {
		expect(await download(`attachment; filename="resume.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20100%25.pdf`)).toBe('résumé 100%.pdf');
		expect(await download(`attachment; filename*=iso-8859-1'en'caf%E9.pdf`)).toBe('café.pdf');
	});

	it('falls back to filename when filename* is malformed, and drops directory parts', async () => {
		expect(await download(`attachment; filename="ok.pdf"; filename*=UTF-8''%E0%A4%A.pdf`)).toBe('ok.pdf');
		expect(await download('attachment; filename="../../etc/passwd"')).toBe('passwd');
	});
});

describe('item 11: invalid URLs', () => {
	it.each(['http://exa mple.com/x', 'not a url at all'])('names %j in a NodeOperationError with the item index', async (url) => {
		const { result } = await run({ method: 'GET', url });
		expect(result.error?.message.startsWith(`Invalid URL "${url}": `)).toBe(true);
		expect((result.error as unknown as { name: string }).name).toBe('NodeOperationError');
		expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(0);
	});
});

describe('item 10: OAuth 1.0a signs every body type (sandbox RFC 5849 verifier)', () => {
	let sb: { url: string; close: () => Promise<void>; provider: { issueOAuth1Tokens: () => IDataObject } };
	let creds: Record<string, StoredCredential>;
	const PROVIDER = { oauth1: { consumerKey: 'it-consumer', consumerSecret: 'it-consumer-secret' } };
	beforeAll(async () => {
		sb = await startSandbox({ port: 0, provider: PROVIDER });
	});
	afterAll(async () => sb.close());
	beforeEach(() => {
		const data = {
			baseUrl: `${sb.url}/provider`, requestTokenUrl: `${sb.url}/provider/oauth1/request_token`, authUrl: `${sb.url}/provider/oauth1/authorize`,
			accessTokenUrl: `${sb.url}/provider/oauth1/access_token`, ...PROVIDER.oauth1, signatureMethod: 'HMAC-SHA256', oauthTokenData: sb.provider.issueOAuth1Tokens(),
		};
		creds = { o1: { type: 'customServiceOAuth1Api', name: 'Sandbox OAuth1', data }, bad: { type: 'customServiceOAuth1Api', name: 'Bad', data: { ...data, consumerSecret: 'wrong' } } };
	});
	const call = async (parameters: IDataObject, cred = 'o1', items?: INodeExecutionData[]) => {
		const { out, result } = await run({ url: '/oauth1/resource?q=1', headers: { header: [{ name: 'X-Custom', value: 'kept' }] }, ...parameters }, { cred, creds, items });
		return { out, result, body: out[0]?.json.body as IDataObject };
	};

	it('signs the fields of a form-urlencoded body', async () => {
		const { result, body } = await call({ method: 'POST', contentType: 'form', parameters: { parameter: [{ name: 'first name', value: 'Ada & co' }, { name: 'tag', value: 'a' }, { name: 'x', value: '*!' }] } });
		expect(result.error).toBeUndefined();
		expect((body.auth as IDataObject).signedParameters).toEqual(['q', 'first name', 'tag', 'x']);
		expect(body.body).toEqual({ 'first name': 'Ada & co', tag: 'a', x: '*!' });
		expect(body.contentType).toBe('application/x-www-form-urlencoded');
		expect((body.headers as IDataObject)['x-custom']).toBe('kept');
	});

	it('keeps the Content-Type and custom headers of a raw body', async () => {
		const { result, body } = await call({
			method: 'PUT', contentType: 'raw', rawBody: 'id,name\n1,Ada\n',
			headers: { header: [{ name: 'Content-Type', value: 'text/csv' }, { name: 'X-Custom', value: 'kept' }] },
		});
		expect(result.error).toBeUndefined();
		expect(body.contentType).toBe('text/csv');
		expect(body.rawBody).toBe('id,name\n1,Ada\n');
		expect((body.headers as IDataObject)['x-custom']).toBe('kept');
	});

	it('sends a JSON body and a multipart upload, signed without their fields', async () => {
		const json = await call({ method: 'PATCH', contentType: 'json', rawBody: '{"name":"Ada"}' });
		expect(json.result.error).toBeUndefined();
		expect(json.body.body).toEqual({ name: 'Ada' });
		expect(json.body.contentType).toMatch(/^application\/json/);
		const items = [{ json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'h.txt' } } }];
		const multi = await call({ method: 'POST', contentType: 'multipart', binaryPropertyName: 'data', parameters: { parameter: [{ name: 'title', value: 'T' }] } }, 'o1', items);
		expect(multi.result.error).toBeUndefined();
		expect(multi.body.body).toEqual({ title: 'T' });
		expect((multi.body.auth as IDataObject).signedParameters).toEqual(['q']);
	});

	it('signs query parameters of a GET', async () => {
		const { result, body } = await call({ method: 'GET', parameters: { parameter: [{ name: 'who', value: 'a b+c' }] } });
		expect(result.error).toBeUndefined();
		expect(body.query).toEqual({ q: '1', who: 'a b+c' });
	});

	it('is rejected by the verifier when the consumer secret is wrong', async () => {
		const { result } = await call({ method: 'GET' }, 'bad');
		expect(result.error?.message).toMatch(/rejected \(401 Unauthorized\)/);
	});
});
