/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Issue 16: what Deluge's invokeUrl, Zoho Connections and n8n's HTTP Request offer, in the Invoke URL node.
// In-process n8n (real n8n-core helpers) against the sandbox's generic provider on loopback, nock for other hosts.
import * as crypto from 'node:crypto';
// n8n-core's own copy of @n8n/backend-network (the one its helpers call)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OutboundHttp } = require('n8n-core/node_modules/@n8n/backend-network') as typeof import('@n8n/backend-network');
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { StoredCredential } from '../../support/n8n-harness';
import { runInvokeUrl } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

const KEY = 'features-api-key-1';
const ACCOUNT = 'acct-secret-7788';

let sb: { url: string; close: () => void; provider: { reset: () => void } };
let creds: Record<string, StoredCredential>;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, provider: { apiKey: KEY } });
	const base = `${sb.url}/provider`;
	creds = {
		key: { type: 'customServiceApiKeyApi', name: 'Sandbox Key', data: { baseUrl: base, location: 'header', keyName: 'X-API-Key', apiKey: KEY } },
		multi: {
			type: 'customServiceApiKeyApi',
			name: 'Sandbox Multi',
			data: {
				baseUrl: base, location: 'header', keyName: 'X-API-Key', apiKey: KEY,
				additionalParameters: { parameter: [{ location: 'header', name: 'X-Account-Id', value: ACCOUNT }, { location: 'query', name: 'org', value: 'org-42' }] },
			},
		},
		shop: {
			type: 'customServiceApiKeyApi',
			name: 'Shop',
			data: { baseUrl: 'https://{shop}.shop.test/api', connectionParameters: 'shop=acme\nversion=v2', location: 'header', keyName: 'X-API-Key', apiKey: KEY },
		},
		echoing: {
			type: 'customServiceApiKeyApi',
			name: 'Echoing',
			data: { baseUrl: 'https://api.test', location: 'header', keyName: 'X-API-Key', apiKey: KEY, additionalParameters: { parameter: [{ location: 'header', name: 'X-Account-Id', value: ACCOUNT }] } },
		},
	};
});
afterAll(() => sb.close());
beforeEach(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
	sb.provider.reset();
});
afterEach(() => nock.cleanAll());

async function run(parameters: IDataObject, opts: { cred?: string; items?: INodeExecutionData[] } = {}) {
	return await runInvokeUrl(creds, { ...parameters, options: { retries: 0, ...((parameters.options as IDataObject) ?? {}) } }, opts);
}

const body = (item: INodeExecutionData) => item.json.body as IDataObject;
const ids = (item: INodeExecutionData) => (body(item).data as IDataObject[]).map((r) => r.id);
const bin = (data: string, mimeType: string, fileName: string) => ({ data: Buffer.from(data).toString('base64'), mimeType, fileName });

describe('pagination', () => {
	it('follows the next URL in the body and outputs one item per page', async () => {
		const { result, out } = await run({ url: 'paged?style=next&total=25&size=10', paginationMode: 'nextUrl', nextUrlPath: 'body.next' }, { cred: 'key' });
		expect(result.error).toBeUndefined();
		expect(out.map((o) => (body(o).data as unknown[]).length)).toEqual([10, 10, 5]);
		expect(ids(out[2])).toEqual(['rec-21', 'rec-22', 'rec-23', 'rec-24', 'rec-25']);
		expect(out.every((o) => JSON.stringify(o.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
	});

	it("merges every page's list into one item", async () => {
		const { out } = await run(
			{ url: 'paged?style=link&total=25&size=10', paginationMode: 'linkHeader', itemsPath: 'body.data', paginationOutput: 'merged' },
			{ cred: 'key' },
		);
		expect(out).toHaveLength(1);
		expect(out[0].json.pages).toBe(3);
		expect((out[0].json.body as IDataObject[]).map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, n) => `rec-${n + 1}`));
	});

	it('counts a page parameter up until a page is empty', async () => {
		const { out } = await run(
			{ url: 'paged', parameters: { parameter: [{ name: 'style', value: 'page' }, { name: 'total', value: '25' }, { name: 'size', value: '10' }] }, paginationMode: 'pageParameter', pageParameterName: 'page', pageStart: 1, pageIncrement: 1, itemsPath: 'body.data' },
			{ cred: 'key' },
		);
		expect(out.map((o) => (body(o).data as unknown[]).length)).toEqual([10, 10, 5, 0]);
	});

	it('counts an offset up and stops when a field has a value', async () => {
		const { out } = await run(
			{
				url: 'paged?style=offset&total=25&size=10', paginationMode: 'pageParameter', pageParameterName: 'offset', pageStart: 0, pageIncrement: 10,
				paginationStopWhen: 'fieldEquals', stopFieldPath: 'body.info.more_records', stopFieldValue: 'false',
			},
			{ cred: 'key' },
		);
		expect(out.map((o) => ids(o)[0])).toEqual(['rec-1', 'rec-11', 'rec-21']);
	});

	it('stops at Max Pages', async () => {
		const { out } = await run({ url: 'paged?style=next&total=100&size=5', paginationMode: 'nextUrl', maxPages: 2 }, { cred: 'key' });
		expect(out).toHaveLength(2);
	});

	it('refuses a next URL on a host the credential is not for, before requesting it', async () => {
		const stolen = nock('https://evil.test').get(/.*/).reply(200, {});
		nock('https://api.test').get('/list').reply(200, { data: [1], next: 'https://evil.test/steal' });
		const { result } = await run({ url: 'list', paginationMode: 'nextUrl' }, { cred: 'echoing' });
		expect(result.error?.message).toMatch(/not sent to evil\.test/);
		expect(stolen.isDone()).toBe(false);
	});
});

describe('files and binary bodies', () => {
	const items = [
		{
			json: {},
			binary: { a: bin('first file', 'text/plain', 'a.txt'), b: bin('second, longer file', 'text/csv', 'b.csv'), c: bin('%PDF-1.4 x', 'application/pdf', 'c.pdf') },
		},
	];

	it('uploads several files in one multipart request, each under its field name', async () => {
		const { result, out } = await run(
			{
				method: 'POST', url: 'echo', contentType: 'multipart', binaryPropertyName: 'a, b', binaryFieldName: 'files',
				files: { file: [{ binaryPropertyName: 'c', fieldName: 'attachment' }] }, parameters: { parameter: [{ name: 'title', value: 'T' }] },
			},
			{ cred: 'key', items },
		);
		expect(result.error).toBeUndefined();
		const parts = (body(out[0]).parts as IDataObject[]).map((p) => ({ name: p.name, filename: p.filename, size: p.size, contentType: p.contentType }));
		expect(parts).toEqual([
			{ name: 'title', filename: null, size: 1, contentType: null },
			{ name: 'files', filename: 'a.txt', size: 10, contentType: 'text/plain' },
			{ name: 'files', filename: 'b.csv', size: 19, contentType: 'text/csv' },
			{ name: 'attachment', filename: 'c.pdf', size: 10, contentType: 'application/pdf' },
		]);
	});

	it('sends binary data as the raw body with its mime type, parameters in the query', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const { result, out } = await run(
			{ method: 'PUT', url: 'echo', contentType: 'binary', binaryPropertyName: 'img', parameters: { parameter: [{ name: 'name', value: 'logo' }] } },
			{ cred: 'key', items: [{ json: {}, binary: { img: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'logo.png' } } }] },
		);
		expect(result.error).toBeUndefined();
		expect(body(out[0])).toMatchObject({
			contentType: 'image/png',
			bodySize: png.length,
			bodySha256: crypto.createHash('sha256').update(png).digest('hex'),
			query: { name: 'logo' },
		});
	});

	it('keeps a Content-Type header the user set for a binary body', async () => {
		const { out } = await run(
			{ method: 'POST', url: 'echo', contentType: 'binary', binaryPropertyName: 'a', headers: { header: [{ name: 'Content-Type', value: 'application/octet-stream' }] } },
			{ cred: 'key', items },
		);
		expect(body(out[0]).contentType).toBe('application/octet-stream');
	});
});

describe('credentials with several parameters', () => {
	it('sends the key, every extra header and every extra query parameter', async () => {
		const { result, out } = await run({ url: 'account/echo' }, { cred: 'multi' });
		expect(result.error).toBeUndefined();
		expect(body(out[0])).toMatchObject({ account: ACCOUNT, query: { org: 'org-42' }, auth: { type: 'apiKey' } });
	});

	it('is refused by the sandbox without the account header (the key alone is not enough)', async () => {
		const { result } = await run({ url: 'account/echo' }, { cred: 'key' });
		expect(result.error?.message).toMatch(/status 400/);
	});

	it('never puts an extra parameter value in an error, even when the API echoes it', async () => {
		nock('https://api.test').get('/x').reply(function () {
			return [400, { message: `bad account ${String(this.req.headers['x-account-id'])}` }];
		});
		const { result } = await run({ url: 'x' }, { cred: 'echoing' });
		expect(result.error?.message).toMatch(/status 400/);
		expect(JSON.stringify(result.error)).not.toContain(ACCOUNT);
	});
});

describe('response format and charset', () => {
	it('decodes text by the Content-Type charset (ISO-8859-1)', async () => {
		const { out } = await run({ url: 'latin1' }, { cred: 'key' });
		expect(out[0].json.body).toBe('Grüße aus Köln, café à 5 francs');
	});

	it('returns JSON as text, or as a file, when asked, under the chosen field', async () => {
		const text = await run({ url: 'echo', options: { responseFormat: 'text', outputField: 'raw' } }, { cred: 'key' });
		expect(typeof text.out[0].json.raw).toBe('string');
		expect(JSON.parse(text.out[0].json.raw as string).ok).toBe(true);
		const file = await run({ url: 'echo', options: { responseFormat: 'file', outputField: 'download' } }, { cred: 'key' });
		expect(file.out[0].binary?.download.mimeType).toBe('application/json');
	});

	it('parses JSON sent as text/plain when the format is JSON, and fails naming the URL when it is not JSON', async () => {
		nock('https://api.test').get('/j').reply(200, '{"a":1}', { 'Content-Type': 'text/plain' });
		const ok = await run({ url: 'j', options: { responseFormat: 'json' } }, { cred: 'echoing' });
		expect(ok.out[0].json.body).toEqual({ a: 1 });
		const bad = await run({ url: 'latin1', options: { responseFormat: 'json' } }, { cred: 'key' });
		expect(bad.result.error?.message).toMatch(/not valid JSON/);
	});
});

describe('methods, redirects, query arrays, batching', () => {
	it('sends OPTIONS with the parameters in the query', async () => {
		const { result, out } = await run({ method: 'OPTIONS', url: 'echo', parameters: { parameter: [{ name: 'a', value: '1' }] } }, { cred: 'key' });
		expect(result.error).toBeUndefined();
		expect(body(out[0])).toMatchObject({ method: 'OPTIONS', query: { a: '1' } });
	});

	it('fails after Max Redirects redirects', async () => {
		const target = `${sb.url}/provider/redirect?to=${encodeURIComponent(`${sb.url}/provider/public/echo`)}`;
		const two = `${sb.url}/provider/redirect?to=${encodeURIComponent(target)}`;
		const ok = await run({ url: two, options: { maxRedirects: 2 } });
		expect(ok.result.error).toBeUndefined();
		const refused = await run({ url: two, options: { maxRedirects: 1 } });
		expect(refused.result.error?.message).toMatch(/more than 1 redirects/);
	});

	it.each([
		['repeat', '/q?a=1&a=2&b=x'],
		['brackets', '/q?a[]=1&a[]=2&b=x'],
		['comma', '/q?a=1,2&b=x'],
	])('sends a repeated query parameter in the %s format', async (arrayFormat, expected) => {
		let path = '';
		nock('https://api.test')
			.get(/^\/q/)
			.reply(function (p) {
				path = decodeURIComponent(p);
				return [200, {}];
			});
		const parameters = { parameter: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }, { name: 'b', value: 'x' }] };
		const { result } = await run({ url: 'https://api.test/q', parameters, options: { arrayFormat } });
		expect(result.error).toBeUndefined();
		expect(path).toBe(expected);
	});

	it('pauses between batches of items', async () => {
		const items = [{ json: {} }, { json: {} }, { json: {} }];
		const started = Date.now();
		const { out } = await run({ url: `${sb.url}/provider/public/echo`, options: { batching: { batch: { batchSize: 1, batchInterval: 300 } } } }, { items });
		expect(out).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(600);
	});
});

describe('connection parameters', () => {
	it('expands {name} placeholders in the Base URL and the URL, then checks the host', async () => {
		const scope = nock('https://acme.shop.test').get('/api/v2/orders').reply(200, { ok: true });
		const { result } = await run({ url: '{version}/orders' }, { cred: 'shop' });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const other = await run({ url: 'https://{shop}.evil.test/x' }, { cred: 'shop' });
		expect(other.result.error?.message).toMatch(/not sent to acme\.evil\.test/);
	});

	it('fails naming a placeholder the credential does not set', async () => {
		const { result } = await run({ url: '{region}/orders' }, { cred: 'shop' });
		expect(result.error?.message).toMatch(/uses \{region\} but the credential's Connection Parameters do not set region/);
	});
});

describe('AI agent trimming', () => {
	it('keeps only the listed fields and truncates long text', async () => {
		const { out } = await run(
			{ url: 'paged?style=next&total=3&size=3', options: { agentTrim: { trim: { fields: 'data.id, data.notes, info.more_records', maxChars: 12 } } } },
			{ cred: 'key' },
		);
		const b = body(out[0]);
		expect(Object.keys(b)).toEqual(['data', 'info']);
		expect(b.info).toEqual({ more_records: false });
		expect((b.data as IDataObject[])[0]).toEqual({ id: 'rec-1', notes: expect.stringMatching(/^Notes of rec… \[truncated \d+ characters\]$/) });
	});
});

describe('proxy', () => {
	// nock's interceptor cannot hand a request to a proxy agent's socket (and another test file's nock may still be
	// patched in this worker), so here the options n8n's outbound HTTP receives are checked; the request is then sent
	// without the proxy to nock. test/e2e/invoke-url-features.e2e.js sends one through a real proxy in a real n8n.
	it("hands n8n's httpRequest the Proxy option, with its credentials, on every hop", async () => {
		const seen: unknown[] = [];
		const original = OutboundHttp.prototype.requests;
		const spy = jest.spyOn(OutboundHttp.prototype, 'requests').mockImplementation(function (this: InstanceType<typeof OutboundHttp>, options) {
			const inner = original.call(this, options);
			return {
				...inner,
				request: async (requestOptions: { proxy?: unknown }) => {
					const { proxy, ...rest } = requestOptions;
					seen.push(proxy);
					return await inner.request(rest as never);
				},
			} as ReturnType<typeof original>;
		});
		nock('https://api.test').get('/start').reply(302, '', { Location: 'https://api.test/items?x=1' });
		nock('https://api.test').get('/items').query({ x: '1' }).reply(200, { ok: true });
		try {
			const { result, out } = await run({ url: 'https://api.test/start', options: { proxy: 'http://pu:p%40ss@proxy.test:3128' } });
			expect(result.error).toBeUndefined();
			expect(out[0].json.body).toEqual({ ok: true });
		} finally {
			spy.mockRestore();
		}
		const expected = { protocol: 'http', host: 'proxy.test', port: 3128, auth: { username: 'pu', password: 'p@ss' } };
		expect(seen).toEqual([expected, expected]);
	});
});
