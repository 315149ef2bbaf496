// Pure helpers behind the issue 16 features: RFC 8288 Link parsing, dot paths, charsets, query array formats,
// connection-parameter placeholders, AI-agent trimming and the proxy option.
import { expandPlaceholders, parseConnectionParameters } from '../../../nodes/InvokeUrl/connection-parameters';
import { proxyOption } from '../../../nodes/InvokeUrl/send-request';
import { HARD_MAX_PAGES, nextFromLinkHeader, paginate, valueAtPath } from '../../../nodes/InvokeUrl/pagination';
import type { PaginationSpec } from '../../../nodes/InvokeUrl/pagination';
import { withQuery } from '../../../nodes/InvokeUrl/request-body';
import { charsetOf, decodeResponse, trimForAgent } from '../../../nodes/InvokeUrl/response-format';

describe('pagination helpers', () => {
	it('reads rel="next" from a Link header with several links', () => {
		expect(nextFromLinkHeader('<https://a.test/p1>; rel="prev", <https://a.test/p3>; rel="next"')).toBe('https://a.test/p3');
		expect(nextFromLinkHeader('<https://a.test/p3>; rel="next last"')).toBe('https://a.test/p3');
		expect(nextFromLinkHeader('<https://a.test/p1>; rel="prev"')).toBeUndefined();
		expect(nextFromLinkHeader(undefined)).toBeUndefined();
	});

	it('follows dot and index paths', () => {
		expect(valueAtPath({ body: { paging: { next: { link: 'x' } } } }, 'body.paging.next.link')).toBe('x');
		expect(valueAtPath({ body: { data: [{ id: 1 }] } }, 'body.data[0].id')).toBe(1);
		expect(valueAtPath({ body: null }, 'body.a')).toBeUndefined();
	});

	it(`never requests more than ${HARD_MAX_PAGES} pages, whatever Max Pages says`, async () => {
		let sent = 0;
		const spec: PaginationSpec = {
			mode: 'pageParameter', nextUrlPath: '', parameterName: 'page', start: 1, increment: 1, itemsPath: '',
			stopWhen: 'fieldEquals', stopFieldPath: 'body.never', stopFieldValue: 'x', maxPages: 1_000_000,
		};
		const pages = await paginate(spec, { method: 'GET', url: 'https://a.test/' }, (n) => ({ method: 'GET', url: `https://a.test/?page=${n}` }), async () => {
			sent++;
			return { statusCode: 200, headers: {}, body: { data: [1] } };
		}, () => undefined);
		expect(pages).toHaveLength(HARD_MAX_PAGES);
		expect(sent).toBe(HARD_MAX_PAGES);
	});
});

describe('charsets and formats', () => {
	it('reads the charset parameter, quoted or not', () => {
		expect(charsetOf('text/plain; charset="ISO-8859-1"')).toBe('iso-8859-1');
		expect(charsetOf('application/json')).toBeUndefined();
	});

	it('decodes ISO-8859-2 and Shift_JIS text, and falls back to UTF-8 for an unknown label', () => {
		expect(decodeResponse(Buffer.from([0xb1, 0xe6]), 'text/csv; charset=iso-8859-2', 'auto', 'u')).toEqual({ kind: 'text', value: 'ąć' });
		expect(decodeResponse(Buffer.from([0x93, 0xfa, 0x96, 0x7b]), 'text/plain; charset=shift_jis', 'auto', 'u')).toEqual({ kind: 'text', value: '日本' });
		expect(decodeResponse(Buffer.from('ü', 'utf8'), 'text/plain; charset=x-unknown', 'auto', 'u')).toEqual({ kind: 'text', value: 'ü' });
	});
});

describe('query array formats', () => {
	const params = [{ name: 'a', value: '1' }, { name: 'a', value: '2 3' }, { name: 'b', value: 'x' }];
	it('keeps unique names in qs', () => {
		expect(withQuery('https://a.test/p', [{ name: 'q', value: '1' }], 'comma')).toEqual({ url: 'https://a.test/p', qs: { q: '1' } });
	});
	it.each([
		['repeat', 'https://a.test/p?z=0&a=1&a=2%203&b=x'],
		['brackets', 'https://a.test/p?z=0&a[]=1&a[]=2%203&b=x'],
		['comma', 'https://a.test/p?z=0&a=1,2%203&b=x'],
	] as const)('writes repeated names in the %s format', (format, url) => {
		expect(withQuery('https://a.test/p?z=0', params, format)).toEqual({ url });
	});
});

describe('connection parameters', () => {
	it('parses lines and & pairs, and encodes values into the URL', () => {
		const p = parseConnectionParameters('shop=acme\nregion=eu north&x=1');
		expect(expandPlaceholders('https://{shop}.x.test/{region}', p, 'URL')).toBe('https://acme.x.test/eu%20north');
	});
	it('leaves braces alone when the credential has no connection parameters', () => {
		expect(expandPlaceholders('https://x.test/{id}', new Map(), 'URL')).toBe('https://x.test/{id}');
	});
});

describe('AI agent trimming', () => {
	it('keeps nested fields of every list element and truncates text', () => {
		const body = { data: [{ id: 1, name: 'Ada Lovelace', secret: 's', owner: { id: 7, email: 'e' } }], info: { more: true, count: 1 } };
		expect(trimForAgent(body, { fields: ['data.id', 'data.name', 'data.owner.id', 'info.more'], maxChars: 3 })).toEqual({
			data: [{ id: 1, name: 'Ada… [truncated 9 characters]', owner: { id: 7 } }],
			info: { more: true },
		});
	});
});

describe('proxy option', () => {
	it("becomes n8n's proxy object, with its credentials", () => {
		expect(proxyOption('http://u%40x:p@proxy.test:3128')).toEqual({ protocol: 'http', host: 'proxy.test', port: 3128, auth: { username: 'u@x', password: 'p' } });
		expect(proxyOption('proxy.test')).toEqual({ protocol: 'http', host: 'proxy.test', port: 80 });
		expect(proxyOption('')).toBeUndefined();
		expect(() => proxyOption('socks5://proxy.test:1080')).toThrow(/not an http/);
	});
});
