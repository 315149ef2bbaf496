'use strict';
// Generic "Custom Service" provider under /provider, for the Custom Service credentials and the Invoke URL node:
//   OAuth 1.0a (RFC 5849)   POST oauth1/request_token, GET oauth1/authorize, POST oauth1/access_token, * oauth1/resource
//   OAuth 2.0 (RFC 6749)    GET|POST oauth2/authorize, POST oauth2/token (code, refresh, client_credentials; PKCE), * oauth2/resource
//   Basic / API key         * echo (protected), * public/echo, GET binary (PNG)
//   Rate limits and faults  * rate-limited?key&times&retryAfter, * flaky?key&fail&status, * slow?key&delayMs (answers
//                           201 after the delay, whether the client still waits or not), GET attempts?kind&key
//   Redirects               * redirect?to&status (to: absolute or relative URL; status 301/302/303/307/308)
//   Invoke URL features     GET paged?style=next|link|page|offset&total&size (protected list of records, 4 paging
//                           styles), * account/echo (API key + X-Account-Id header required), GET latin1 (text in
//                           ISO-8859-1); echo answers describe multipart parts (field, file name, type, size,
//                           sha256) and any body's content type, size and sha256
// Secrets given in options.provider (see DEFAULTS); none of them is ever echoed back.
const crypto = require('node:crypto');
const oauth1 = require('./oauth1');
const { escapeHtml, layout } = require('./page');

const DEFAULTS = Object.freeze({
	clientId: 'sandbox-client',
	clientSecret: 'sandbox-client-secret',
	users: Object.freeze([Object.freeze({ username: 'demo', password: 'demo-password' })]),
	apiKey: 'sandbox-api-key',
	oauth1: Object.freeze({ consumerKey: 'sandbox-consumer', consumerSecret: 'sandbox-consumer-secret' }),
	/** null = any absolute http(s) redirect URI is accepted; otherwise the exact list. */
	redirectUris: null,
	tokenTtlSeconds: 3600,
	codeTtlSeconds: 600,
	/** OAuth 1.0a: accepted clock difference for oauth_timestamp, and how long nonces are remembered. */
	timestampSkewSeconds: 300,
});

/** A 1x1 transparent PNG (70 bytes). */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);

const REDACT_HEADERS = ['authorization', 'x-api-key', 'cookie', 'proxy-authorization'];
const REDACT_QUERY = ['api_key', 'access_token', 'client_secret', 'oauth_signature'];

function normaliseOptions(env) {
	const given = (env.options && env.options.provider) || {};
	return {
		...DEFAULTS,
		tokenTtlSeconds: given.tokenTtlSeconds || (env.options && env.options.tokenTtlSeconds) || DEFAULTS.tokenTtlSeconds,
		...given,
		users: given.users || DEFAULTS.users,
		oauth1: { ...DEFAULTS.oauth1, ...(given.oauth1 || {}) },
	};
}

const randomToken = (prefix) => `${prefix}${crypto.randomBytes(18).toString('base64url')}`;
const safeEqual = (a, b) => oauth1.safeEqual(a ?? '', b ?? '');

/** Echoed headers: never the credentials themselves. */
function visibleHeaders(headers) {
	const out = {};
	for (const [k, v] of Object.entries(headers)) {
		if (k === 'authorization' || k === 'proxy-authorization') continue;
		out[k] = REDACT_HEADERS.includes(k) ? '[redacted]' : v;
	}
	return out;
}
function visibleQuery(query) {
	const out = {};
	for (const [k, v] of Object.entries(query)) out[k] = REDACT_QUERY.includes(k) ? '[redacted]' : v;
	return out;
}

/** Minimal multipart/form-data reader: fields by name, file parts described (name, filename, type, size). */
function parseMultipart(raw, contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	if (!m) return null;
	const boundary = Buffer.from(`--${m[1] || m[2]}`);
	const fields = {};
	const parts = [];
	let pos = raw.indexOf(boundary);
	while (pos >= 0) {
		const start = pos + boundary.length;
		if (raw.slice(start, start + 2).toString() === '--') break;
		const next = raw.indexOf(boundary, start);
		if (next < 0) break;
		const chunk = raw.slice(start + 2, next - 2); // skip CRLF after the boundary and before the next one
		const headEnd = chunk.indexOf('\r\n\r\n');
		const head = chunk.slice(0, headEnd < 0 ? 0 : headEnd).toString('utf8');
		const data = headEnd < 0 ? Buffer.alloc(0) : chunk.slice(headEnd + 4);
		const disp = /content-disposition:[^\r\n]*/i.exec(head);
		const name = disp && /\bname="([^"]*)"/i.exec(disp[0]);
		const filename = disp && /\bfilename="([^"]*)"/i.exec(disp[0]);
		const type = /content-type:\s*([^\r\n]+)/i.exec(head);
		const part = { name: name ? name[1] : null, filename: filename ? filename[1] : null, contentType: type ? type[1].trim() : null, size: data.length };
		if (!part.filename && part.name !== null) {
			part.value = data.toString('utf8');
			fields[part.name] = part.value;
		} else {
			part.sha256 = crypto.createHash('sha256').update(data).digest('hex');
		}
		parts.push(part);
		pos = next;
	}
	return { fields, parts };
}

/** What every echo-style resource answers: the request as the server saw it, secrets removed. */
function describeRequest(ctx, extra = {}) {
	const ct = ctx.headers['content-type'] || '';
	const multipart = /multipart\/form-data/i.test(ct) ? parseMultipart(ctx.rawBody, ct) : null;
	let body = ctx.body;
	if (multipart) body = multipart.fields;
	else if (body && typeof body === 'object' && !Array.isArray(body)) body = visibleQuery(body);
	const isText = !/^(image|audio|video)\/|octet-stream/i.test(ct);
	return {
		ok: true,
		method: ctx.method,
		path: ctx.path,
		query: visibleQuery(ctx.query),
		headers: visibleHeaders(ctx.headers),
		contentType: ct || null,
		body: body === undefined ? null : body,
		parts: multipart ? multipart.parts : undefined,
		rawBody: isText ? ctx.rawBody.toString('utf8').slice(0, 65536) : undefined,
		bodySize: ctx.rawBody.length,
		bodySha256: ctx.rawBody.length ? crypto.createHash('sha256').update(ctx.rawBody).digest('hex') : null,
		...extra,
	};
}

function mount(core, env) {
	const opts = normaliseOptions(env);
	const nowMs = () => core.now();
	const nowSec = () => Math.floor(nowMs() / 1000);

	// ---------------------------------------------------------------- state
	const o1 = { temp: new Map(), access: new Map(), nonces: new Map() };
	const o2 = { codes: new Map(), access: new Map(), refresh: new Map() };
	const counters = new Map(); // rate-limited / flaky keys -> calls seen

	function reset() {
		for (const m of [o1.temp, o1.access, o1.nonces, o2.codes, o2.access, o2.refresh, counters]) m.clear();
	}
	/** Every OAuth 2.0 access token expires now (refresh tokens stay valid), as if an hour had passed. */
	function expireTokens() {
		const t = nowMs() - 1;
		for (const tok of o2.access.values()) tok.expiresAt = Math.min(tok.expiresAt, t);
		return o2.access.size;
	}

	const route = (method, path, handler) => core.route(method, `/provider${path}`, handler, { system: 'provider' });
	const ANY = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
	const routeAny = (path, handler) => ANY.forEach((m) => route(m, path, handler));

	// ---------------------------------------------------------------- Basic / API key echo
	function basicOrApiKey(ctx) {
		const header = ctx.headers.authorization || '';
		const m = /^Basic\s+(.+)$/i.exec(header);
		if (m) {
			const decoded = Buffer.from(m[1], 'base64').toString('utf8');
			const i = decoded.indexOf(':');
			const username = i < 0 ? decoded : decoded.slice(0, i);
			const password = i < 0 ? '' : decoded.slice(i + 1);
			const user = opts.users.find((u) => safeEqual(u.username, username) && safeEqual(u.password, password));
			return user ? { type: 'basic', user: user.username } : { error: 'invalid username or password' };
		}
		const key = ctx.headers['x-api-key'] ?? ctx.query.api_key;
		if (key !== undefined) return safeEqual(key, opts.apiKey) ? { type: 'apiKey', user: 'api-key-client' } : { error: 'invalid API key' };
		return { error: 'Basic credentials or an API key (X-API-Key header or api_key query parameter) are required' };
	}
	routeAny('/echo', (ctx) => {
		const auth = basicOrApiKey(ctx);
		if (auth.error) {
			return ctx.send(401, { ok: false, error: 'unauthorized', message: auth.error }, { 'WWW-Authenticate': 'Basic realm="sandbox provider", charset="UTF-8"' });
		}
		return ctx.send(200, describeRequest(ctx, { auth }));
	});
	routeAny('/public/echo', (ctx) => ctx.send(200, describeRequest(ctx, { auth: { type: 'none' } })));
	route('GET', '/binary', (ctx) =>
		ctx.send(200, PNG, { 'content-type': 'image/png', 'content-length': String(PNG.length), 'content-disposition': 'inline; filename="sandbox.png"' }),
	);

	// ---------------------------------------------------------------- Invoke URL features
	const unauthorized = (ctx, message) =>
		ctx.send(401, { ok: false, error: 'unauthorized', message }, { 'WWW-Authenticate': 'Basic realm="sandbox provider", charset="UTF-8"' });
	// A list of `total` records in pages of `size`, paged by a next URL in the body (style=next, cursor), an RFC 8288
	// Link header (style=link), a page number (style=page, 1-based) or an offset (style=offset, 0-based).
	route('GET', '/paged', (ctx) => {
		const auth = basicOrApiKey(ctx);
		if (auth.error) return unauthorized(ctx, auth.error);
		const total = Math.min(int(ctx.query.total, 25), 10_000);
		const size = Math.max(1, Math.min(int(ctx.query.size, 10), 200));
		const style = ['next', 'link', 'page', 'offset'].includes(ctx.query.style) ? ctx.query.style : 'next';
		let from = 0;
		if (style === 'page') from = (Math.max(1, int(ctx.query.page, 1)) - 1) * size;
		else if (style === 'offset') from = int(ctx.query.offset, 0);
		else from = int(ctx.query.cursor, 0);
		const data = [];
		for (let n = from; n < Math.min(total, from + size); n++) data.push({ id: `rec-${n + 1}`, name: `Record ${n + 1}`, notes: `Notes of record ${n + 1} `.repeat(20) });
		const more = from + size < total;
		const nextUrl = new URL(`${ctx.path}?style=${style}&total=${total}&size=${size}&cursor=${from + size}`, `http://${ctx.headers.host}`).href;
		const headers = style === 'link' && more ? { Link: `<${nextUrl}>; rel="next"` } : {};
		const body = { data, info: { count: data.length, more_records: more, page: Math.floor(from / size) + 1 } };
		if (style === 'next') body.next = more ? nextUrl : null;
		return ctx.send(200, body, headers);
	});
	// Like a Zoho Connection with several parameters: the API key and an account id header are both required.
	routeAny('/account/echo', (ctx) => {
		const auth = basicOrApiKey(ctx);
		if (auth.error || auth.type !== 'apiKey') return unauthorized(ctx, auth.error || 'an API key is required');
		const account = ctx.headers['x-account-id'];
		if (!account) return ctx.send(400, { ok: false, error: 'missing_account', message: 'The X-Account-Id header is required' });
		return ctx.send(200, describeRequest(ctx, { auth, account }));
	});
	route('GET', '/latin1', (ctx) => ctx.send(200, Buffer.from('Grüße aus Köln, café à 5 francs', 'latin1'), { 'content-type': 'text/plain; charset=ISO-8859-1' }));

	// ---------------------------------------------------------------- 429 / flaky
	const bump = (prefix, key) => {
		const k = `${prefix}:${key || 'default'}`;
		const n = (counters.get(k) || 0) + 1;
		counters.set(k, n);
		return n;
	};
	const int = (v, dflt) => (v === undefined || v === '' || Number.isNaN(Number(v)) ? dflt : Math.max(0, Math.floor(Number(v))));
	routeAny('/rate-limited', (ctx) => {
		const times = int(ctx.query.times, 1);
		const retryAfter = int(ctx.query.retryAfter, 1);
		const n = bump('rate', ctx.query.key);
		if (n <= times) {
			// Retry-After as delay-seconds (default) or as an HTTP-date (?format=date), RFC 9110 §10.2.3.
			const value = ctx.query.format === 'date' ? new Date(nowMs() + retryAfter * 1000).toUTCString() : String(retryAfter);
			return ctx.send(429, { ok: false, error: 'rate_limited', message: `Too many requests, retry after ${retryAfter}s`, attempt: n }, { 'Retry-After': value });
		}
		return ctx.send(200, { ok: true, attempt: n, key: ctx.query.key || 'default' });
	});
	routeAny('/flaky', (ctx) => {
		const fail = int(ctx.query.fail, 1);
		const status = int(ctx.query.status, 503) || 503;
		const n = bump('flaky', ctx.query.key);
		if (n <= fail) return ctx.send(status, { ok: false, error: 'flaky', message: `Injected failure ${n} of ${fail}`, attempt: n });
		return ctx.send(200, { ok: true, attempt: n, key: ctx.query.key || 'default' });
	});

	routeAny('/slow', async (ctx) => {
		const n = bump('slow', ctx.query.key);
		await new Promise((resolve) => setTimeout(resolve, Math.min(int(ctx.query.delayMs, 1000), 30_000)));
		return ctx.send(201, { ok: true, created: true, attempt: n, key: ctx.query.key || 'default' });
	});
	route('GET', '/attempts', (ctx) => ctx.send(200, { kind: ctx.query.kind, key: ctx.query.key || 'default', count: counters.get(`${ctx.query.kind}:${ctx.query.key || 'default'}`) || 0 }));
	routeAny('/redirect', (ctx) => {
		const status = [301, 302, 303, 307, 308].includes(int(ctx.query.status, 302)) ? int(ctx.query.status, 302) : 302;
		if (!ctx.query.to) return ctx.send(400, { ok: false, error: 'to is required' });
		return ctx.send(status, undefined, { Location: ctx.query.to });
	});

	// ---------------------------------------------------------------- OAuth 1.0a
	const formReply = (ctx, status, obj) =>
		ctx.send(status, new URLSearchParams(obj).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
	const o1Problem = (ctx, problem, status = 401) => {
		// OAuth Problem Reporting extension style; as form for token endpoints, JSON for the resource.
		if (ctx.path.endsWith('/resource')) {
			return ctx.send(status, { ok: false, error: 'oauth_problem', oauth_problem: problem }, { 'WWW-Authenticate': 'OAuth realm="sandbox provider"' });
		}
		return ctx.send(status, new URLSearchParams({ oauth_problem: problem }).toString(), {
			'content-type': 'application/x-www-form-urlencoded',
			'WWW-Authenticate': 'OAuth realm="sandbox provider"',
		});
	};

	/** The URL the client signed: scheme + Host header + the original request target. */
	const requestUrl = (ctx) => `${ctx.headers['x-forwarded-proto'] || 'http'}://${ctx.headers.host}${ctx.req.url}`;

	/**
	 * Reads the protocol parameters (header §3.5.1, form body §3.5.2 or query §3.5.3) and checks consumer,
	 * signature method, timestamp window, signature and nonce. `tokenLookup(token)` returns {secret, ...} or null.
	 * The base string holds every parameter once, from where it was sent (§3.4.1.3.1): the Authorization header,
	 * the query and a form-urlencoded body; nothing else (a JSON or multipart body is not signed).
	 * Returns { params, token, signed } or sends the problem and returns null.
	 */
	function verifyOAuth1(ctx, { tokenLookup, tokenRequired }) {
		const isForm = /application\/x-www-form-urlencoded/i.test(ctx.headers['content-type'] || '');
		const formPairs = isForm ? oauth1.parsePairs(ctx.rawBody.toString('utf8')) : [];
		const queryPairs = oauth1.parsePairs(new URL(requestUrl(ctx)).search.slice(1));
		const header = oauth1.parseAuthorizationHeader(ctx.headers.authorization);
		let headerPairs = [];
		if (header) {
			const { realm: _realm, ...rest } = header;
			headerPairs = Object.entries(rest);
		}
		// A protocol parameter sent twice (say oauth_verifier in the header and the body) is ambiguous: refused.
		const oauthPairs = [...headerPairs, ...queryPairs, ...formPairs].filter(([k]) => k.startsWith('oauth_'));
		if (new Set(oauthPairs.map(([k]) => k)).size !== oauthPairs.length) return (o1Problem(ctx, 'parameter_rejected', 400), null);
		const protocol = Object.fromEntries(oauthPairs);
		for (const p of ['oauth_consumer_key', 'oauth_signature_method', 'oauth_signature', 'oauth_timestamp', 'oauth_nonce']) {
			if (!protocol[p]) return (o1Problem(ctx, 'parameter_absent', 400), null);
		}
		if (!safeEqual(protocol.oauth_consumer_key, opts.oauth1.consumerKey)) return (o1Problem(ctx, 'consumer_key_unknown'), null);
		if (!oauth1.HASHES[protocol.oauth_signature_method]) return (o1Problem(ctx, 'signature_method_rejected', 400), null);
		if (protocol.oauth_version && protocol.oauth_version !== '1.0') return (o1Problem(ctx, 'version_rejected', 400), null);
		const ts = Number(protocol.oauth_timestamp);
		if (!Number.isInteger(ts) || Math.abs(nowSec() - ts) > opts.timestampSkewSeconds) return (o1Problem(ctx, 'timestamp_refused'), null);
		let token = null;
		if (protocol.oauth_token) {
			token = tokenLookup(protocol.oauth_token);
			if (!token) return (o1Problem(ctx, 'token_rejected'), null);
		} else if (tokenRequired) {
			return (o1Problem(ctx, 'parameter_absent', 400), null);
		}
		const url = requestUrl(ctx);
		const method = protocol.oauth_signature_method;
		// signatureBaseString adds the query of `url` itself.
		const base = oauth1.signatureBaseString(ctx.method, url, [...headerPairs, ...formPairs]);
		const expected = oauth1.sign(method, base, opts.oauth1.consumerSecret, token ? token.secret : '');
		if (!oauth1.safeEqual(expected, protocol.oauth_signature)) return (o1Problem(ctx, 'signature_invalid'), null);
		// Replay check after the signature: an attacker cannot burn nonces with unsigned junk.
		const nonceKey = `${protocol.oauth_consumer_key}|${protocol.oauth_token || ''}|${ts}|${protocol.oauth_nonce}`;
		const cutoff = nowSec() - 2 * opts.timestampSkewSeconds;
		for (const [k, at] of o1.nonces) if (at < cutoff) o1.nonces.delete(k);
		if (o1.nonces.has(nonceKey)) return (o1Problem(ctx, 'nonce_used'), null);
		o1.nonces.set(nonceKey, ts);
		const signed = [...queryPairs, ...formPairs].map(([k]) => k).filter((k) => !k.startsWith('oauth_'));
		const params = Object.fromEntries([...queryPairs, ...formPairs, ...Object.entries(protocol)]);
		return { params, token, signed };
	}

	route('POST', '/oauth1/request_token', (ctx) => {
		const v = verifyOAuth1(ctx, { tokenLookup: () => null, tokenRequired: false });
		if (!v) return undefined;
		const callback = v.params.oauth_callback;
		if (!callback) return o1Problem(ctx, 'parameter_absent', 400);
		if (callback !== 'oob' && !/^https?:\/\//i.test(callback)) return o1Problem(ctx, 'parameter_rejected', 400);
		const token = randomToken('rt_');
		const secret = randomToken('rts_');
		o1.temp.set(token, { secret, callback, createdAt: nowMs(), verifier: null, authorizedBy: null });
		return formReply(ctx, 200, { oauth_token: token, oauth_token_secret: secret, oauth_callback_confirmed: 'true' });
	});

	function oauth1Redirect(ctx, token, temp) {
		temp.verifier = randomToken('v_');
		temp.authorizedBy = opts.users[0].username;
		if (temp.callback === 'oob') {
			return ctx.send(200, layout('Authorized', `<p>Enter this verifier in the application:</p><p><code id="verifier">${escapeHtml(temp.verifier)}</code></p>`), { 'content-type': 'text/html; charset=utf-8' });
		}
		const target = new URL(temp.callback);
		target.searchParams.set('oauth_token', token);
		target.searchParams.set('oauth_verifier', temp.verifier);
		return ctx.send(302, undefined, { Location: target.toString() });
	}
	route('GET', '/oauth1/authorize', (ctx) => {
		const token = ctx.query.oauth_token;
		const temp = token && o1.temp.get(token);
		if (!temp) return ctx.send(400, layout('Unknown request token', '<p>The request token is missing, unknown or already used.</p>'), { 'content-type': 'text/html; charset=utf-8' });
		if (ctx.query.auto === '1' || ctx.query.approve === '1') return oauth1Redirect(ctx, token, temp);
		const approve = `/provider/oauth1/authorize?oauth_token=${encodeURIComponent(token)}&approve=1`;
		return ctx.send(
			200,
			layout(
				'Authorize application',
				`<p>An application (consumer <code>${escapeHtml(opts.oauth1.consumerKey)}</code>) asks to access your sandbox account
				<b>${escapeHtml(opts.users[0].username)}</b>.</p>
				<p><a id="authorize" class="button" href="${escapeHtml(approve)}">Authorize</a></p>`,
			),
			{ 'content-type': 'text/html; charset=utf-8' },
		);
	});
	route('POST', '/oauth1/access_token', (ctx) => {
		const header = oauth1.parseAuthorizationHeader(ctx.headers.authorization) || {};
		const isForm = /application\/x-www-form-urlencoded/i.test(ctx.headers['content-type'] || '');
		const loose = { ...ctx.query, ...(isForm && ctx.body && typeof ctx.body === 'object' ? ctx.body : {}), ...header };
		let params = loose;
		let token = loose.oauth_token;
		if (loose.oauth_signature) {
			const v = verifyOAuth1(ctx, { tokenLookup: (t) => o1.temp.get(t) || null, tokenRequired: true });
			if (!v) return undefined;
			params = v.params;
			token = params.oauth_token;
		}
		// n8n's OAuth1 callback exchanges the verifier without a signature (oauth_token + oauth_verifier in the
		// query, like Twitter); the verifier, only ever handed to the registered callback, is the proof then.
		const temp = token && o1.temp.get(token);
		if (!temp) return o1Problem(ctx, 'token_rejected');
		if (!temp.verifier || !params.oauth_verifier || !safeEqual(params.oauth_verifier, temp.verifier)) return o1Problem(ctx, 'verifier_invalid');
		o1.temp.delete(token);
		const access = randomToken('at_');
		const secret = randomToken('ats_');
		o1.access.set(access, { secret, user: temp.authorizedBy, createdAt: nowMs() });
		return formReply(ctx, 200, { oauth_token: access, oauth_token_secret: secret });
	});
	routeAny('/oauth1/resource', (ctx) => {
		const v = verifyOAuth1(ctx, { tokenLookup: (t) => o1.access.get(t) || null, tokenRequired: true });
		if (!v) return undefined;
		const query = Object.fromEntries(Object.entries(ctx.query).filter(([k]) => !k.startsWith('oauth_')));
		return ctx.send(
			200,
			describeRequest({ ...ctx, query }, { auth: { type: 'oauth1', user: v.token.user, consumerKey: opts.oauth1.consumerKey, signatureMethod: v.params.oauth_signature_method, signedParameters: v.signed } }),
		);
	});

	// ---------------------------------------------------------------- OAuth 2.0
	const html = (ctx, status, title, body) => ctx.send(status, layout(title, body), { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
	const redirectAllowed = (uri) => {
		let u;
		try {
			u = new URL(uri);
		} catch {
			return false;
		}
		if (!/^https?:$/.test(u.protocol) || u.hash) return false;
		return !opts.redirectUris || opts.redirectUris.includes(uri);
	};
	/** Checks an authorization request; errors that make the redirect unsafe are shown, not redirected (RFC 6749 §4.1.2.1). */
	function checkAuthorizeRequest(ctx, q) {
		if (!q.client_id || !safeEqual(q.client_id, opts.clientId)) return (html(ctx, 400, 'Unknown client', '<p>The <code>client_id</code> is missing or unknown.</p>'), null);
		if (!q.redirect_uri || !redirectAllowed(q.redirect_uri)) {
			return (html(ctx, 400, 'Invalid redirect URI', '<p>The <code>redirect_uri</code> is missing, not an absolute http(s) URL, or not registered.</p>'), null);
		}
		const back = (params) => {
			const target = new URL(q.redirect_uri);
			for (const [k, v] of Object.entries(params)) if (v !== undefined) target.searchParams.set(k, v);
			if (q.state !== undefined) target.searchParams.set('state', q.state);
			return ctx.send(302, undefined, { Location: target.toString(), 'cache-control': 'no-store' });
		};
		if ((q.response_type || 'code') !== 'code') return (back({ error: 'unsupported_response_type' }), null);
		if (q.code_challenge_method && !['S256', 'plain'].includes(q.code_challenge_method)) {
			return (back({ error: 'invalid_request', error_description: 'unsupported code_challenge_method' }), null);
		}
		return { back };
	}
	function issueCode(q) {
		const code = randomToken('c_');
		o2.codes.set(code, {
			clientId: q.client_id,
			redirectUri: q.redirect_uri,
			scope: q.scope || '',
			user: opts.users[0].username,
			challenge: q.code_challenge || null,
			challengeMethod: q.code_challenge_method || (q.code_challenge ? 'plain' : null),
			expiresAt: nowMs() + opts.codeTtlSeconds * 1000,
		});
		return code;
	}
	const AUTH_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'];
	route('GET', '/oauth2/authorize', (ctx) => {
		const q = ctx.query;
		const ok = checkAuthorizeRequest(ctx, q);
		if (!ok) return undefined;
		if (q.auto === '1') return ok.back({ code: issueCode(q) });
		const hidden = AUTH_FIELDS.filter((k) => q[k] !== undefined)
			.map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q[k])}">`)
			.join('');
		const extra = Object.entries(q)
			.filter(([k]) => !AUTH_FIELDS.includes(k) && k !== 'auto')
			.map(([k, v]) => `<li><code>${escapeHtml(k)}=${escapeHtml(v)}</code></li>`)
			.join('');
		return html(
			ctx,
			200,
			'Authorize application',
			`<p>The application <code>${escapeHtml(q.client_id)}</code> asks to access your sandbox account <b>${escapeHtml(opts.users[0].username)}</b>.</p>
			<p>Scopes: <code>${escapeHtml(q.scope || '(none)')}</code></p>
			${extra ? `<p>Extra parameters:</p><ul>${extra}</ul>` : ''}
			<form method="POST" action="/provider/oauth2/authorize">${hidden}
			<button id="approve" type="submit" name="decision" value="approve">Approve</button>
			<button id="deny" type="submit" name="decision" value="deny">Deny</button></form>`,
		);
	});
	route('POST', '/oauth2/authorize', (ctx) => {
		const q = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const ok = checkAuthorizeRequest(ctx, q);
		if (!ok) return undefined;
		if (q.decision !== 'approve') return ok.back({ error: 'access_denied', error_description: 'The user denied the request' });
		return ok.back({ code: issueCode(q) });
	});

	const tokenError = (ctx, status, error, description, headers = {}) =>
		ctx.send(status, { error, error_description: description }, { 'cache-control': 'no-store', pragma: 'no-cache', ...headers });

	/** Client authentication by Basic header (RFC 6749 §2.3.1, form-encoded id/secret) or body fields. */
	function clientAuth(ctx, body) {
		const m = /^Basic\s+(.+)$/i.exec(ctx.headers.authorization || '');
		if (m) {
			const decoded = Buffer.from(m[1], 'base64').toString('utf8');
			const i = decoded.indexOf(':');
			const dec = (s) => oauth1.percentDecode(s);
			return { via: 'basic', id: dec(i < 0 ? decoded : decoded.slice(0, i)), secret: dec(i < 0 ? '' : decoded.slice(i + 1)) };
		}
		return { via: 'body', id: body.client_id, secret: body.client_secret };
	}
	function issueAccess(clientId, scope, user, withRefresh, refreshToken) {
		const accessToken = randomToken('sat_');
		o2.access.set(accessToken, { clientId, scope, user, expiresAt: nowMs() + opts.tokenTtlSeconds * 1000 });
		const out = { access_token: accessToken, token_type: 'Bearer', expires_in: opts.tokenTtlSeconds, scope };
		if (withRefresh) {
			const rt = refreshToken || randomToken('srt_');
			o2.refresh.set(rt, { clientId, scope, user });
			out.refresh_token = rt;
		}
		return out;
	}
	route('POST', '/oauth2/token', (ctx) => {
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const client = clientAuth(ctx, body);
		if (!client.id) return tokenError(ctx, 401, 'invalid_client', 'Client authentication is required (Basic header or client_id/client_secret in the body)');
		if (!safeEqual(client.id, opts.clientId) || !safeEqual(client.secret, opts.clientSecret)) {
			const headers = client.via === 'basic' ? { 'WWW-Authenticate': 'Basic realm="sandbox provider"' } : {};
			return tokenError(ctx, 401, 'invalid_client', 'Client authentication failed', headers);
		}
		const grant = body.grant_type;
		if (grant === 'authorization_code') {
			const c = body.code && o2.codes.get(body.code);
			if (!c) return tokenError(ctx, 400, 'invalid_grant', 'The authorization code is invalid or was already used');
			o2.codes.delete(body.code); // single use (RFC 6749 §4.1.2)
			if (c.expiresAt < nowMs()) return tokenError(ctx, 400, 'invalid_grant', 'The authorization code expired');
			if (c.clientId !== client.id) return tokenError(ctx, 400, 'invalid_grant', 'The authorization code was issued to another client');
			if (c.redirectUri !== body.redirect_uri) return tokenError(ctx, 400, 'invalid_grant', 'redirect_uri does not match the authorization request');
			if (c.challenge) {
				const verifier = body.code_verifier || '';
				const expected = c.challengeMethod === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
				if (!verifier || !safeEqual(expected, c.challenge)) return tokenError(ctx, 400, 'invalid_grant', 'PKCE code_verifier does not match');
			}
			return ctx.send(200, issueAccess(client.id, c.scope, c.user, true), { 'cache-control': 'no-store' });
		}
		if (grant === 'refresh_token') {
			const r = body.refresh_token && o2.refresh.get(body.refresh_token);
			if (!r || r.clientId !== client.id) return tokenError(ctx, 400, 'invalid_grant', 'The refresh token is invalid');
			// The refresh token stays valid and is returned again, so a client that stores the new response keeps it.
			return ctx.send(200, issueAccess(client.id, r.scope, r.user, true, body.refresh_token), { 'cache-control': 'no-store' });
		}
		if (grant === 'client_credentials') {
			return ctx.send(200, issueAccess(client.id, body.scope || '', null, false), { 'cache-control': 'no-store' });
		}
		return tokenError(ctx, 400, grant ? 'unsupported_grant_type' : 'invalid_request', grant ? `grant_type ${grant} is not supported` : 'grant_type is required');
	});
	routeAny('/oauth2/resource', (ctx) => {
		const m = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization || '');
		const token = m ? m[1] : ctx.query.access_token;
		const challenge = (error, description) =>
			ctx.send(
				401,
				{ ok: false, error, error_description: description },
				{ 'WWW-Authenticate': `Bearer realm="sandbox provider"${error ? `, error="${error}", error_description="${description}"` : ''}` },
			);
		if (!token) return challenge('invalid_request', 'No access token');
		const t = o2.access.get(token);
		if (!t) return challenge('invalid_token', 'The access token is unknown');
		if (t.expiresAt <= nowMs()) return challenge('invalid_token', 'The access token expired');
		return ctx.send(200, describeRequest(ctx, { auth: { type: 'oauth2', clientId: t.clientId, user: t.user, scope: t.scope, expiresAt: new Date(t.expiresAt).toISOString() } }));
	});

	return {
		options: opts,
		expireTokens,
		reset,
		/** Counts for tests: live tokens and codes. */
		stats: () => ({ oauth1AccessTokens: o1.access.size, oauth2AccessTokens: o2.access.size, oauth2RefreshTokens: o2.refresh.size, pendingCodes: o2.codes.size }),
		/** Issues an OAuth 2.0 token pair directly (tests that skip the authorize page). */
		issueOAuth2Tokens: (scope = 'read') => issueAccess(opts.clientId, scope, opts.users[0].username, true),
		/** Issues OAuth 1.0a token credentials directly (tests that skip the three-legged flow). */
		issueOAuth1Tokens: () => {
			const access = randomToken('at_');
			const secret = randomToken('ats_');
			o1.access.set(access, { secret, user: opts.users[0].username, createdAt: nowMs() });
			return { oauth_token: access, oauth_token_secret: secret };
		},
	};
}

module.exports = { mount, DEFAULTS, DEFAULT_PROVIDER: DEFAULTS, PNG, parseMultipart };
