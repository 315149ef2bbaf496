/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// The generic Custom Service provider (sandbox/provider/) over real HTTP on an ephemeral port, and the
// OAuth 1.0a signature code (sandbox/provider/oauth1-signature.js) against the RFC 5849 examples.
import * as crypto from 'node:crypto';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oauth1 = require('../../sandbox/provider/oauth1-signature.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEFAULTS } = require('../../sandbox/provider');

type Json = Record<string, any>;

const PROVIDER = {
	clientId: 'test-client',
	clientSecret: 'test-client-secret',
	users: [{ username: 'alice', password: 'alice-pass' }],
	apiKey: 'test-api-key-1',
	oauth1: { consumerKey: 'test-consumer', consumerSecret: 'test-consumer-secret' },
	tokenTtlSeconds: 60,
};
const REDIRECT = 'http://127.0.0.1:9/rest/oauth2-credential/callback';

let sb: any;
let clock = Date.UTC(2025, 0, 10, 12, 0, 0);

beforeAll(async () => {
	sb = await startSandbox({ provider: PROVIDER, now: () => clock });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.provider.reset();
	sb.core.resetLog();
	clock = Date.UTC(2025, 0, 10, 12, 0, 0);
});

async function req(method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer | Uint8Array } = {}) {
	const res = await fetch(`${sb.url}${path}`, { method, headers: init.headers, body: init.body as any, redirect: 'manual' });
	const text = method === 'HEAD' ? '' : await res.text();
	let body: any = text;
	try {
		body = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.status, headers: res.headers, text, body };
}
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('OAuth 1.0a signatures (RFC 5849)', () => {
	test('reproduces the §3.4.1.1 signature base string example', () => {
		const base = oauth1.signatureBaseString('POST', 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', [
			['oauth_consumer_key', '9djdj82h48djs9d2'],
			['oauth_token', 'kkk9d7dh3k39sjv7'],
			['oauth_signature_method', 'HMAC-SHA1'],
			['oauth_timestamp', '137131201'],
			['oauth_nonce', '7d8f3e4a'],
			...oauth1.parsePairs('c2&a3=2+q'),
		]);
		expect(base).toBe(
			'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
		);
	});

	const photos = { consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44' };
	test('§1.2 temporary-credentials request signs to 74KNZJeDHnMBp0EMJ9ZHt/XKycU=', () => {
		const p = oauth1.signRequest({ ...photos, method: 'POST', url: 'https://photos.example.net/initiate', nonce: 'wIjqoS', timestamp: 137131200, version: false, extra: { oauth_callback: 'http://printer.example.com/ready' } });
		expect(p.oauth_signature).toBe('74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
	});
	test('§1.2 token request signs to gKgrFCywp7rO0OXSjdot/IHF7IU=', () => {
		const p = oauth1.signRequest({
			...photos,
			method: 'POST',
			url: 'https://photos.example.net/token',
			token: 'hh5s93j4hdidpola',
			tokenSecret: 'hdhd0244k9j7ao03',
			nonce: 'walatlh',
			timestamp: 137131201,
			version: false,
			extra: { oauth_verifier: 'hfdp7dh39dks9884' },
		});
		expect(p.oauth_signature).toBe('gKgrFCywp7rO0OXSjdot/IHF7IU=');
	});
	test('§1.2 protected-resource request signs to MdpQcU8iPSUjWoN/UDMsK2sui9I=', () => {
		const p = oauth1.signRequest({
			...photos,
			method: 'GET',
			url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
			token: 'nnch734d00sl2jdk',
			tokenSecret: 'pfkkdhi9sl3r4s00',
			nonce: 'chapoH',
			timestamp: 137131202,
			version: false,
		});
		expect(p.oauth_signature).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
	});
	test('percent-encodes per §3.6 (RFC 3986 unreserved only, upper-case hex)', () => {
		expect(oauth1.percentEncode("a b!*'()~-._/+é")).toBe('a%20b%21%2A%27%28%29~-._%2F%2B%C3%A9');
	});
	test('base string URI drops default ports and lower-cases scheme and host (§3.4.1.2)', () => {
		expect(oauth1.baseStringUri('HTTP://EXAMPLE.COM:80/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
		expect(oauth1.baseStringUri('https://www.example.net:8080/?q=1')).toBe('https://www.example.net:8080/');
	});
	test('parses an Authorization header and ignores realm in the base string', () => {
		const h = oauth1.parseAuthorizationHeader('OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"');
		expect(h).toEqual({ realm: 'Photos', oauth_consumer_key: 'dpf43f3p2l4k3l03', oauth_signature: 'MdpQcU8iPSUjWoN/UDMsK2sui9I=' });
		expect(oauth1.parseAuthorizationHeader('Bearer x')).toBeNull();
	});
});

describe('OAuth 1.0a three-legged flow', () => {
	const { consumerKey, consumerSecret } = PROVIDER.oauth1;
	const sign = (method: string, path: string, o: Json = {}) =>
		oauth1.authorizationHeader(oauth1.signRequest({ consumerKey, consumerSecret, method, url: `${sb.url}${path}`, timestamp: Math.floor(clock / 1000), ...o }));

	async function tokens(signatureMethod = 'HMAC-SHA1') {
		const rt = await req('POST', '/provider/oauth1/request_token', {
			headers: { authorization: sign('POST', '/provider/oauth1/request_token', { signatureMethod, extra: { oauth_callback: 'http://127.0.0.1:9/cb' } }) },
		});
		expect(rt.status).toBe(200);
		const t = new URLSearchParams(rt.text);
		expect(t.get('oauth_callback_confirmed')).toBe('true');
		const auth = await req('GET', `/provider/oauth1/authorize?oauth_token=${encodeURIComponent(t.get('oauth_token')!)}&auto=1`);
		expect(auth.status).toBe(302);
		const loc = new URL(auth.headers.get('location')!);
		expect(loc.origin + loc.pathname).toBe('http://127.0.0.1:9/cb');
		expect(loc.searchParams.get('oauth_token')).toBe(t.get('oauth_token'));
		const at = await req('POST', '/provider/oauth1/access_token', {
			headers: {
				authorization: sign('POST', '/provider/oauth1/access_token', {
					signatureMethod,
					token: t.get('oauth_token'),
					tokenSecret: t.get('oauth_token_secret'),
					extra: { oauth_verifier: loc.searchParams.get('oauth_verifier') },
				}),
			},
		});
		expect(at.status).toBe(200);
		const a = new URLSearchParams(at.text);
		return { token: a.get('oauth_token')!, tokenSecret: a.get('oauth_token_secret')! };
	}

	test.each(['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512'])('obtains tokens and calls the signed resource with %s', async (method) => {
		const t = await tokens(method);
		const path = '/provider/oauth1/resource?who=alice&x=a%20b';
		const res = await req('GET', path, { headers: { authorization: sign('GET', path, { signatureMethod: method, ...t }) } });
		expect(res.status).toBe(200);
		expect(res.body.auth).toMatchObject({ type: 'oauth1', user: 'alice', consumerKey, signatureMethod: method });
		expect(res.body.query).toEqual({ who: 'alice', x: 'a b' });
	});

	test('accepts protocol parameters in the query string and signed form-body parameters', async () => {
		const t = await tokens();
		const params = oauth1.signRequest({ consumerKey, consumerSecret, method: 'POST', url: `${sb.url}/provider/oauth1/resource?q=1`, timestamp: Math.floor(clock / 1000), ...t, bodyParams: [['name', 'Zoë & co']] });
		const qs = new URLSearchParams({ q: '1', ...params }).toString();
		const res = await req('POST', `/provider/oauth1/resource?${qs}`, { headers: FORM, body: form({ name: 'Zoë & co' }) });
		expect(res.status).toBe(200);
		expect(res.body.body).toEqual({ name: 'Zoë & co' });
		expect(res.body.query).toEqual({ q: '1' });
	});

	test('rejects a signature over the fields of a JSON body: RFC 5849 signs only form-urlencoded bodies', async () => {
		const body = { oauth_callback: 'http://127.0.0.1:9/rest/oauth1-credential/callback?state=abc' };
		const p = oauth1.signRequest({ consumerKey, consumerSecret, method: 'POST', url: `${sb.url}/provider/oauth1/request_token`, timestamp: Math.floor(clock / 1000), bodyParams: Object.entries(body) });
		const res = await req('POST', '/provider/oauth1/request_token', { headers: { authorization: oauth1.authorizationHeader(p), 'content-type': 'application/json' }, body: JSON.stringify(body) });
		expect(res.status).toBe(401);
		expect(res.text).toContain('signature_invalid');
	});

	test('refuses a protocol parameter sent twice (oauth_verifier in the header and in the body)', async () => {
		const rt = await req('POST', '/provider/oauth1/request_token', { headers: { authorization: sign('POST', '/provider/oauth1/request_token', { extra: { oauth_callback: 'http://127.0.0.1:9/cb' } }) } });
		const t = new URLSearchParams(rt.text);
		const auth = await req('GET', `/provider/oauth1/authorize?oauth_token=${t.get('oauth_token')}&auto=1`);
		const verifier = new URL(auth.headers.get('location')!).searchParams.get('oauth_verifier')!;
		const header = sign('POST', '/provider/oauth1/access_token', {
			token: t.get('oauth_token')!, tokenSecret: t.get('oauth_token_secret')!, extra: { oauth_verifier: verifier }, bodyParams: [['oauth_verifier', verifier]],
		});
		const res = await req('POST', '/provider/oauth1/access_token', { headers: { ...FORM, authorization: header }, body: form({ oauth_verifier: verifier }) });
		expect(res.status).toBe(400);
		expect(res.text).toContain('parameter_rejected');
	});

	test('names the parameters it signed: query and form fields, not those of a JSON body', async () => {
		const t = sb.provider.issueOAuth1Tokens();
		const tok = { token: t.oauth_token, tokenSecret: t.oauth_token_secret };
		const signedForm = sign('POST', '/provider/oauth1/resource?q=1', { ...tok, bodyParams: [['name', 'Ada']] });
		const f = await req('POST', '/provider/oauth1/resource?q=1', { headers: { ...FORM, authorization: signedForm }, body: form({ name: 'Ada' }) });
		expect(f.status).toBe(200);
		expect(f.body.auth.signedParameters).toEqual(['q', 'name']);
		const j = await req('POST', '/provider/oauth1/resource', { headers: { 'content-type': 'application/json', authorization: sign('POST', '/provider/oauth1/resource', tok) }, body: '{"name":"Ada"}' });
		expect(j.status).toBe(200);
		expect(j.body.auth.signedParameters).toEqual([]);
	});

	test("exchanges the verifier without a signature as n8n's callback does, but only with the right verifier", async () => {
		const rt = await req('POST', '/provider/oauth1/request_token', { headers: { authorization: sign('POST', '/provider/oauth1/request_token', { extra: { oauth_callback: 'http://127.0.0.1:9/cb' } }) } });
		const token = new URLSearchParams(rt.text).get('oauth_token')!;
		const auth = await req('GET', `/provider/oauth1/authorize?oauth_token=${token}&auto=1`);
		const verifier = new URL(auth.headers.get('location')!).searchParams.get('oauth_verifier')!;
		const wrong = await req('POST', `/provider/oauth1/access_token?oauth_token=${token}&oauth_verifier=nope`);
		expect(wrong.status).toBe(401);
		expect(wrong.text).toContain('verifier_invalid');
		const ok = await req('POST', `/provider/oauth1/access_token?oauth_token=${token}&oauth_verifier=${encodeURIComponent(verifier)}`);
		expect(ok.status).toBe(200);
		expect(new URLSearchParams(ok.text).get('oauth_token_secret')).toBeTruthy();
		const again = await req('POST', `/provider/oauth1/access_token?oauth_token=${token}&oauth_verifier=${encodeURIComponent(verifier)}`);
		expect(again.status).toBe(401); // temporary credentials are single use
	});

	test('the authorize page shows an Authorize link that redirects with token and verifier', async () => {
		const rt = await req('POST', '/provider/oauth1/request_token', { headers: { authorization: sign('POST', '/provider/oauth1/request_token', { extra: { oauth_callback: 'http://127.0.0.1:9/cb' } }) } });
		const token = new URLSearchParams(rt.text).get('oauth_token')!;
		const page = await req('GET', `/provider/oauth1/authorize?oauth_token=${token}`);
		expect(page.status).toBe(200);
		const href = /id="authorize"[^>]*href="([^"]+)"/.exec(page.text)![1].replace(/&amp;/g, '&');
		const go = await req('GET', href);
		expect(go.status).toBe(302);
		expect(new URL(go.headers.get('location')!).searchParams.get('oauth_verifier')).toBeTruthy();
		expect((await req('GET', '/provider/oauth1/authorize?oauth_token=unknown')).status).toBe(400);
	});

	describe('the resource rejects', () => {
		let t: { token: string; tokenSecret: string };
		beforeEach(async () => {
			t = await tokens();
		});
		const call = (authorization: string, path = '/provider/oauth1/resource') => req('GET', path, { headers: { authorization } });

		test('a bad signature', async () => {
			const res = await call(sign('GET', '/provider/oauth1/resource', { ...t, tokenSecret: 'wrong' }));
			expect(res.status).toBe(401);
			expect(res.body.oauth_problem).toBe('signature_invalid');
			expect(res.headers.get('www-authenticate')).toMatch(/^OAuth /);
		});
		test('a request whose query was changed after signing', async () => {
			const res = await call(sign('GET', '/provider/oauth1/resource?amount=1', t), '/provider/oauth1/resource?amount=1000');
			expect(res.body.oauth_problem).toBe('signature_invalid');
		});
		test('a replayed nonce', async () => {
			const h = sign('GET', '/provider/oauth1/resource', { ...t, nonce: 'same-nonce' });
			expect((await call(h)).status).toBe(200);
			const again = await call(h);
			expect(again.status).toBe(401);
			expect(again.body.oauth_problem).toBe('nonce_used');
		});
		test('a stale timestamp', async () => {
			const res = await call(sign('GET', '/provider/oauth1/resource', { ...t, timestamp: Math.floor(clock / 1000) - 301 }));
			expect(res.body.oauth_problem).toBe('timestamp_refused');
		});
		test('an unknown token', async () => {
			const res = await call(sign('GET', '/provider/oauth1/resource', { token: 'forged', tokenSecret: t.tokenSecret }));
			expect(res.body.oauth_problem).toBe('token_rejected');
		});
		test('an unknown consumer key', async () => {
			const h = oauth1.authorizationHeader(oauth1.signRequest({ consumerKey: 'other', consumerSecret, method: 'GET', url: `${sb.url}/provider/oauth1/resource`, timestamp: Math.floor(clock / 1000), ...t }));
			expect((await call(h)).body.oauth_problem).toBe('consumer_key_unknown');
		});
		test('an unsupported signature method', async () => {
			const res = await call(sign('GET', '/provider/oauth1/resource', { ...t, signatureMethod: 'PLAINTEXT' }));
			expect(res.status).toBe(400);
			expect(res.body.oauth_problem).toBe('signature_method_rejected');
		});
		test('a request with no OAuth parameters', async () => {
			expect((await req('GET', '/provider/oauth1/resource')).body.oauth_problem).toBe('parameter_absent');
		});
	});
});

describe('OAuth 2.0', () => {
	async function authorizeCode(extra: Record<string, string> = {}) {
		const q = new URLSearchParams({ response_type: 'code', client_id: PROVIDER.clientId, redirect_uri: REDIRECT, state: 'st-1', scope: 'read write', auto: '1', ...extra });
		const res = await req('GET', `/provider/oauth2/authorize?${q}`);
		expect(res.status).toBe(302);
		const loc = new URL(res.headers.get('location')!);
		expect(loc.searchParams.get('state')).toBe('st-1');
		return loc.searchParams.get('code')!;
	}
	const token = (fields: Record<string, string>, headers: Record<string, string> = {}) => req('POST', '/provider/oauth2/token', { headers: { ...FORM, ...headers }, body: form(fields) });
	const resource = (accessToken: string) => req('GET', '/provider/oauth2/resource?x=1', { headers: { authorization: `Bearer ${accessToken}` } });

	test('authorization code grant with client auth in the Basic header, then the resource echoes the caller', async () => {
		const code = await authorizeCode();
		const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, { authorization: basic(PROVIDER.clientId, PROVIDER.clientSecret) });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 60, scope: 'read write' });
		expect(res.body.refresh_token).toBeTruthy();
		const r = await resource(res.body.access_token);
		expect(r.status).toBe(200);
		expect(r.body.auth).toMatchObject({ type: 'oauth2', clientId: PROVIDER.clientId, user: 'alice', scope: 'read write' });
		expect(r.body.headers.authorization).toBeUndefined();
	});

	test('authorization code grant with client credentials in the body (JSON body too)', async () => {
		const code = await authorizeCode();
		const res = await req('POST', '/provider/oauth2/token', {
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: PROVIDER.clientId, client_secret: PROVIDER.clientSecret }),
		});
		expect(res.status).toBe(200);
		expect(res.body.access_token).toBeTruthy();
	});

	test('a code is single use and bound to its redirect_uri', async () => {
		const code = await authorizeCode();
		const creds = { client_id: PROVIDER.clientId, client_secret: PROVIDER.clientSecret };
		const wrongUri = await token({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9/other', ...creds });
		expect(wrongUri.status).toBe(400);
		expect(wrongUri.body.error).toBe('invalid_grant');
		const reused = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...creds });
		expect(reused.body.error).toBe('invalid_grant');
	});

	test('an expired access token gets 401 with WWW-Authenticate, and the refresh grant issues a working one', async () => {
		const code = await authorizeCode();
		const first = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, { authorization: basic(PROVIDER.clientId, PROVIDER.clientSecret) });
		clock += 61_000;
		const expired = await resource(first.body.access_token);
		expect(expired.status).toBe(401);
		expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
		const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token, client_id: PROVIDER.clientId, client_secret: PROVIDER.clientSecret });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).toBe(first.body.refresh_token);
		expect((await resource(refreshed.body.access_token)).status).toBe(200);
	});

	test('expireTokens() ends every live access token at once', async () => {
		const t = sb.provider.issueOAuth2Tokens();
		expect((await resource(t.access_token)).status).toBe(200);
		sb.provider.expireTokens();
		expect((await resource(t.access_token)).status).toBe(401);
	});

	test('client_credentials grant issues a token without a refresh token', async () => {
		const res = await token({ grant_type: 'client_credentials', scope: 'read' }, { authorization: basic(PROVIDER.clientId, PROVIDER.clientSecret) });
		expect(res.status).toBe(200);
		expect(res.body.refresh_token).toBeUndefined();
		expect((await resource(res.body.access_token)).body.auth).toMatchObject({ type: 'oauth2', user: null });
	});

	test('a wrong client secret gets 401 invalid_client, a Basic one with a Basic challenge', async () => {
		const viaHeader = await token({ grant_type: 'client_credentials' }, { authorization: basic(PROVIDER.clientId, 'nope') });
		expect(viaHeader.status).toBe(401);
		expect(viaHeader.body.error).toBe('invalid_client');
		expect(viaHeader.headers.get('www-authenticate')).toMatch(/^Basic/);
		expect(viaHeader.text).not.toContain(PROVIDER.clientSecret);
		const viaBody = await token({ grant_type: 'client_credentials', client_id: PROVIDER.clientId, client_secret: 'nope' });
		expect(viaBody.status).toBe(401);
	});

	test('unknown grant types are refused', async () => {
		const res = await token({ grant_type: 'password', username: 'alice', password: 'alice-pass' }, { authorization: basic(PROVIDER.clientId, PROVIDER.clientSecret) });
		expect(res.status).toBe(400);
		expect(res.body.error).toBe('unsupported_grant_type');
	});

	test('PKCE (S256): the token request must carry the matching code_verifier', async () => {
		const verifier = 'a-long-random-code-verifier-0123456789-abcdefghijklmnop';
		const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
		const creds = { client_id: PROVIDER.clientId, client_secret: PROVIDER.clientSecret, redirect_uri: REDIRECT, grant_type: 'authorization_code' };
		const bad = await token({ ...creds, code: await authorizeCode({ code_challenge: challenge, code_challenge_method: 'S256' }), code_verifier: 'wrong' });
		expect(bad.body.error).toBe('invalid_grant');
		const good = await token({ ...creds, code: await authorizeCode({ code_challenge: challenge, code_challenge_method: 'S256' }), code_verifier: verifier });
		expect(good.status).toBe(200);
	});

	test('the authorize page has an Approve button whose form redirects back with code and state; Deny gives access_denied', async () => {
		const q = new URLSearchParams({ response_type: 'code', client_id: PROVIDER.clientId, redirect_uri: REDIRECT, state: 'st-2', scope: 'read', access_type: 'offline' });
		const page = await req('GET', `/provider/oauth2/authorize?${q}`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('id="approve"');
		expect(page.text).toContain('access_type=offline');
		const fields: Record<string, string> = {};
		for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&');
		const approve = await req('POST', '/provider/oauth2/authorize', { headers: FORM, body: form({ ...fields, decision: 'approve' }) });
		const loc = new URL(approve.headers.get('location')!);
		expect(loc.searchParams.get('code')).toBeTruthy();
		expect(loc.searchParams.get('state')).toBe('st-2');
		const deny = await req('POST', '/provider/oauth2/authorize', { headers: FORM, body: form({ ...fields, decision: 'deny' }) });
		expect(new URL(deny.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
	});

	test('an unknown client_id or a bad redirect_uri is shown as an error page, never redirected to', async () => {
		const unknown = await req('GET', `/provider/oauth2/authorize?${new URLSearchParams({ client_id: 'evil', redirect_uri: REDIRECT, auto: '1' })}`);
		expect(unknown.status).toBe(400);
		expect(unknown.headers.get('location')).toBeNull();
		const badUri = await req('GET', `/provider/oauth2/authorize?${new URLSearchParams({ client_id: PROVIDER.clientId, redirect_uri: 'javascript:alert(1)', auto: '1' })}`);
		expect(badUri.status).toBe(400);
		expect(badUri.headers.get('location')).toBeNull();
	});

	test('the resource without a token or with an unknown one answers 401', async () => {
		expect((await req('GET', '/provider/oauth2/resource')).status).toBe(401);
		expect((await resource('made-up')).status).toBe(401);
	});
});

describe('Basic / API key echo', () => {
	test('Basic auth: echoes method, query, parsed JSON body and the user, never the Authorization header', async () => {
		const res = await req('POST', '/provider/echo?a=1', { headers: { authorization: basic('alice', 'alice-pass'), 'content-type': 'application/json', 'x-case': 'one' }, body: JSON.stringify({ who: 'alice' }) });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ method: 'POST', query: { a: '1' }, body: { who: 'alice' }, auth: { type: 'basic', user: 'alice' } });
		expect(res.body.headers['x-case']).toBe('one');
		expect(res.text).not.toContain('alice-pass');
		expect(res.text).not.toContain(Buffer.from('alice:alice-pass').toString('base64'));
	});

	test('API key in the X-API-Key header or the api_key query parameter, redacted in the echo', async () => {
		const h = await req('GET', '/provider/echo?who=k', { headers: { 'x-api-key': PROVIDER.apiKey } });
		expect(h.status).toBe(200);
		expect(h.body.auth.type).toBe('apiKey');
		const q = await req('DELETE', `/provider/echo?api_key=${PROVIDER.apiKey}&who=k`);
		expect(q.status).toBe(200);
		expect(q.body.query).toEqual({ api_key: '[redacted]', who: 'k' });
		expect(h.text + q.text).not.toContain(PROVIDER.apiKey);
	});

	test.each([
		['a wrong password', { authorization: basic('alice', 'wrong') }],
		['a wrong API key', { 'x-api-key': 'wrong' }],
		['no credentials', {}],
	])('rejects %s with 401 and a Basic challenge', async (_name, headers) => {
		const res = await req('PUT', '/provider/echo', { headers: headers as Record<string, string> });
		expect(res.status).toBe(401);
		expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
	});

	test('HEAD and PATCH are served; the public echo needs no credentials', async () => {
		expect((await req('HEAD', '/provider/echo', { headers: { authorization: basic('alice', 'alice-pass') } })).status).toBe(200);
		const p = await req('PATCH', '/provider/public/echo', { headers: FORM, body: form({ a: 'x y', b: '2' }) });
		expect(p.status).toBe(200);
		expect(p.body).toMatchObject({ method: 'PATCH', body: { a: 'x y', b: '2' }, rawBody: 'a=x+y&b=2', auth: { type: 'none' } });
	});

	test('describes multipart parts: fields by name, files by name, size and content type', async () => {
		const fd = new FormData();
		fd.append('title', 'report');
		fd.append('file', new Blob([Buffer.alloc(300, 7)], { type: 'application/pdf' }), 'report.pdf');
		const res = await fetch(`${sb.url}/provider/public/echo`, { method: 'POST', body: fd });
		const body = (await res.json()) as Json;
		expect(body.body).toEqual({ title: 'report' });
		expect(body.parts).toEqual([
			expect.objectContaining({ name: 'title', filename: null, size: 6, value: 'report' }),
			expect.objectContaining({ name: 'file', filename: 'report.pdf', contentType: 'application/pdf', size: 300 }),
		]);
	});

	test('GET /provider/binary returns a PNG', async () => {
		const res = await fetch(`${sb.url}/provider/binary`);
		expect(res.headers.get('content-type')).toBe('image/png');
		const buf = Buffer.from(await res.arrayBuffer());
		expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
	});
});

describe('rate limits and flaky endpoints', () => {
	test('rate-limited answers 429 with Retry-After for the first N calls of a key, then 200', async () => {
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let i = 0; i < 3; i++) {
			const r = await req('GET', '/provider/rate-limited?key=k1&times=2&retryAfter=7');
			statuses.push(r.status);
			if (r.status === 429) retryAfter = r.headers.get('retry-after');
		}
		expect(statuses).toEqual([429, 429, 200]);
		expect(retryAfter).toBe('7');
		expect((await req('GET', '/provider/rate-limited?key=k2&times=1')).status).toBe(429); // keys are independent
	});

	test('rate-limited can send Retry-After as an HTTP-date', async () => {
		const r = await req('GET', '/provider/rate-limited?key=d&retryAfter=30&format=date');
		expect(Date.parse(r.headers.get('retry-after')!)).toBe(clock + 30_000);
	});

	test('flaky fails N times with the given status, then succeeds; calls are counted per route', async () => {
		const seen = [];
		for (let i = 0; i < 3; i++) seen.push((await req('POST', '/provider/flaky?key=f&fail=2&status=502')).status);
		expect(seen).toEqual([502, 502, 200]);
		expect(sb.core.countsFor('/provider/flaky')).toEqual({ 'POST /provider/flaky': 3 });
	});
});

test('DEFAULTS are exported for callers that do not pass options.provider', () => {
	expect(DEFAULTS).toMatchObject({ clientId: expect.any(String), clientSecret: expect.any(String), apiKey: expect.any(String), oauth1: { consumerKey: expect.any(String) } });
	expect(DEFAULTS.users[0]).toMatchObject({ username: expect.any(String), password: expect.any(String) });
});

describe('redirects and slow writes', () => {
	test('redirect answers the status and Location it is given', async () => {
		const res = await req('GET', `/provider/redirect?status=307&to=${encodeURIComponent('http://127.0.0.1:9/x')}`);
		expect(res.status).toBe(307);
		expect(res.headers.get('location')).toBe('http://127.0.0.1:9/x');
		expect((await req('GET', '/provider/redirect')).status).toBe(400);
	});

	test('slow answers 201 after the delay and counts every attempt, answered or not', async () => {
		const started = Date.now();
		const res = await req('POST', '/provider/slow?key=s1&delayMs=150');
		expect(res.status).toBe(201);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		const ctl = new AbortController();
		const cut = fetch(`${sb.url}/provider/slow?key=s1&delayMs=400`, { method: 'POST', signal: ctl.signal }).catch(() => undefined);
		await new Promise((r) => setTimeout(r, 50));
		ctl.abort();
		await cut;
		expect((await req('GET', '/provider/attempts?kind=slow&key=s1')).body.count).toBe(2);
	});
});
