/* eslint-disable @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n */
// The sandbox provider routes the Invoke URL features use (issue 16): paged lists, the two-parameter account echo,
// ISO-8859-1 text, and what echo reports about bodies.
import * as crypto from 'node:crypto';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');

const KEY = 'provider-features-key';
let sb: any;
beforeAll(async () => {
	sb = await startSandbox({ provider: { apiKey: KEY } });
});
afterAll(() => sb.close());

const get = async (path: string, headers: Record<string, string> = { 'x-api-key': KEY }, method = 'GET', body?: Buffer) => {
	const res = await fetch(`${sb.url}/provider${path}`, { method, headers, body: body as any });
	const bytes = Buffer.from(await res.arrayBuffer());
	let json: any;
	try {
		json = JSON.parse(bytes.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, bytes, json };
};

describe('paged', () => {
	it('needs a credential', async () => {
		expect((await get('/paged', {})).status).toBe(401);
	});

	it('gives a next URL in the body until the last page', async () => {
		const first = await get('/paged?style=next&total=5&size=2');
		expect(first.json.data.map((r: any) => r.id)).toEqual(['rec-1', 'rec-2']);
		const next = new URL(first.json.next);
		expect(next.searchParams.get('cursor')).toBe('2');
		const last = await get(`${next.pathname.replace('/provider', '')}?style=next&total=5&size=2&cursor=4`);
		expect(last.json).toMatchObject({ next: null, info: { more_records: false, count: 1 } });
	});

	it('gives an RFC 8288 Link header with style=link, and none on the last page', async () => {
		expect((await get('/paged?style=link&total=5&size=2')).headers.get('link')).toMatch(/^<http:\/\/[^>]+cursor=2>; rel="next"$/);
		expect((await get('/paged?style=link&total=5&size=2&cursor=4')).headers.get('link')).toBeNull();
	});

	it('pages by page number and by offset, empty past the end', async () => {
		expect((await get('/paged?style=page&page=3&total=5&size=2')).json.data.map((r: any) => r.id)).toEqual(['rec-5']);
		expect((await get('/paged?style=page&page=4&total=5&size=2')).json.data).toEqual([]);
		expect((await get('/paged?style=offset&offset=1&total=5&size=2')).json.data.map((r: any) => r.id)).toEqual(['rec-2', 'rec-3']);
	});
});

describe('account/echo', () => {
	it('requires the API key and the X-Account-Id header', async () => {
		expect((await get('/account/echo', { 'x-account-id': 'a' })).status).toBe(401);
		expect((await get('/account/echo')).status).toBe(400);
		const ok = await get('/account/echo?org=o', { 'x-api-key': KEY, 'x-account-id': 'a-1' });
		expect(ok.json).toMatchObject({ account: 'a-1', query: { org: 'o' } });
	});
});

describe('bodies and charsets', () => {
	it('serves ISO-8859-1 text with its charset', async () => {
		const res = await get('/latin1', {});
		expect(res.headers.get('content-type')).toBe('text/plain; charset=ISO-8859-1');
		expect(res.bytes.toString('latin1')).toBe('Grüße aus Köln, café à 5 francs');
	});

	it('echo reports the content type, size and sha256 of a binary body, and answers OPTIONS', async () => {
		const png = Buffer.from('89504e470d0a1a0a', 'hex');
		const res = await get('/public/echo', { 'content-type': 'image/png' }, 'POST', png);
		expect(res.json).toMatchObject({ contentType: 'image/png', bodySize: 8, bodySha256: crypto.createHash('sha256').update(png).digest('hex') });
		expect((await get('/public/echo', {}, 'OPTIONS')).json.method).toBe('OPTIONS');
	});
});
