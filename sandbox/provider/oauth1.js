'use strict';
// OAuth 1.0a (RFC 5849) of the sandbox provider: POST oauth1/request_token, GET oauth1/authorize,
// POST oauth1/access_token, * oauth1/resource. Signatures: ./oauth1-signature.js.
const sig = require('./oauth1-signature');
const { randomToken, safeEqual, describeRequest } = require('./request');
const { escapeHtml, layout } = require('../page');

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const CHALLENGE = { 'WWW-Authenticate': 'OAuth realm="sandbox provider"' };
const isForm = (ctx) => /application\/x-www-form-urlencoded/i.test(ctx.headers['content-type'] || '');
const formReply = (ctx, status, obj) => ctx.send(status, new URLSearchParams(obj).toString(), FORM);

/** OAuth Problem Reporting extension style; as form for token endpoints, JSON for the resource. */
function problem(ctx, name, status = 401) {
	if (ctx.path.endsWith('/resource')) return ctx.send(status, { ok: false, error: 'oauth_problem', oauth_problem: name }, CHALLENGE);
	return ctx.send(status, new URLSearchParams({ oauth_problem: name }).toString(), { ...FORM, ...CHALLENGE });
}

/** The URL the client signed: scheme + Host header + the original request target. */
const requestUrl = (ctx) => `${ctx.headers['x-forwarded-proto'] || 'http'}://${ctx.headers.host}${ctx.req.url}`;

/** The parameters of a request by where they were sent; `protocol` is every oauth_* one, refused when sent twice. */
function requestPairs(ctx) {
	const formPairs = isForm(ctx) ? sig.parsePairs(ctx.rawBody.toString('utf8')) : [];
	const queryPairs = sig.parsePairs(new URL(requestUrl(ctx)).search.slice(1));
	const header = sig.parseAuthorizationHeader(ctx.headers.authorization);
	let headerPairs = [];
	if (header) {
		const { realm: _realm, ...rest } = header;
		headerPairs = Object.entries(rest);
	}
	// A protocol parameter sent twice (say oauth_verifier in the header and the body) is ambiguous.
	const oauthPairs = [...headerPairs, ...queryPairs, ...formPairs].filter(([k]) => k.startsWith('oauth_'));
	const ambiguous = new Set(oauthPairs.map(([k]) => k)).size !== oauthPairs.length;
	return { formPairs, queryPairs, headerPairs, protocol: Object.fromEntries(oauthPairs), ambiguous };
}

function createOAuth1({ opts, nowMs, nowSec }) {
	const state = { temp: new Map(), access: new Map(), nonces: new Map() };

	/** The first protocol check a request fails, as [problem, status], or null when consumer, method, version and time pass. */
	function protocolProblem(protocol) {
		for (const p of ['oauth_consumer_key', 'oauth_signature_method', 'oauth_signature', 'oauth_timestamp', 'oauth_nonce']) {
			if (!protocol[p]) return ['parameter_absent', 400];
		}
		if (!safeEqual(protocol.oauth_consumer_key, opts.oauth1.consumerKey)) return ['consumer_key_unknown', 401];
		if (!sig.HASHES[protocol.oauth_signature_method]) return ['signature_method_rejected', 400];
		if (protocol.oauth_version && protocol.oauth_version !== '1.0') return ['version_rejected', 400];
		const ts = Number(protocol.oauth_timestamp);
		if (!Number.isInteger(ts) || Math.abs(nowSec() - ts) > opts.timestampSkewSeconds) return ['timestamp_refused', 401];
		return null;
	}

	/** Replay check, after the signature so an attacker cannot burn nonces with unsigned junk. */
	function nonceSeen(protocol) {
		const ts = Number(protocol.oauth_timestamp);
		const key = `${protocol.oauth_consumer_key}|${protocol.oauth_token || ''}|${ts}|${protocol.oauth_nonce}`;
		const cutoff = nowSec() - 2 * opts.timestampSkewSeconds;
		for (const [k, at] of state.nonces) if (at < cutoff) state.nonces.delete(k);
		if (state.nonces.has(key)) return true;
		state.nonces.set(key, ts);
		return false;
	}

	/**
	 * Reads the protocol parameters (header §3.5.1, form body §3.5.2 or query §3.5.3) and checks consumer,
	 * signature method, timestamp window, signature and nonce. `tokenLookup(token)` returns {secret, ...} or null.
	 * The base string holds every parameter once, from where it was sent (§3.4.1.3.1): the Authorization header,
	 * the query and a form-urlencoded body; nothing else (a JSON or multipart body is not signed).
	 * Returns { params, token, signed } or sends the problem and returns null.
	 */
	function verify(ctx, { tokenLookup, tokenRequired }) {
		const { formPairs, queryPairs, headerPairs, protocol, ambiguous } = requestPairs(ctx);
		if (ambiguous) return (problem(ctx, 'parameter_rejected', 400), null);
		const bad = protocolProblem(protocol);
		if (bad) return (problem(ctx, ...bad), null);
		let token = null;
		if (protocol.oauth_token) {
			token = tokenLookup(protocol.oauth_token);
			if (!token) return (problem(ctx, 'token_rejected'), null);
		} else if (tokenRequired) {
			return (problem(ctx, 'parameter_absent', 400), null);
		}
		// signatureBaseString adds the query of the URL itself.
		const base = sig.signatureBaseString(ctx.method, requestUrl(ctx), [...headerPairs, ...formPairs]);
		const expected = sig.sign(protocol.oauth_signature_method, base, opts.oauth1.consumerSecret, token ? token.secret : '');
		if (!sig.safeEqual(expected, protocol.oauth_signature)) return (problem(ctx, 'signature_invalid'), null);
		if (nonceSeen(protocol)) return (problem(ctx, 'nonce_used'), null);
		const signed = [...queryPairs, ...formPairs].map(([k]) => k).filter((k) => !k.startsWith('oauth_'));
		const params = Object.fromEntries([...queryPairs, ...formPairs, ...Object.entries(protocol)]);
		return { params, token, signed };
	}

	function issueAccess(user) {
		const access = randomToken('at_');
		const secret = randomToken('ats_');
		state.access.set(access, { secret, user, createdAt: nowMs() });
		return { oauth_token: access, oauth_token_secret: secret };
	}

	function authorizeRedirect(ctx, token, temp) {
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

	function requestToken(ctx) {
		const v = verify(ctx, { tokenLookup: () => null, tokenRequired: false });
		if (!v) return undefined;
		const callback = v.params.oauth_callback;
		if (!callback) return problem(ctx, 'parameter_absent', 400);
		if (callback !== 'oob' && !/^https?:\/\//i.test(callback)) return problem(ctx, 'parameter_rejected', 400);
		const token = randomToken('rt_');
		const secret = randomToken('rts_');
		state.temp.set(token, { secret, callback, createdAt: nowMs(), verifier: null, authorizedBy: null });
		return formReply(ctx, 200, { oauth_token: token, oauth_token_secret: secret, oauth_callback_confirmed: 'true' });
	}

	function authorizePage(ctx) {
		const token = ctx.query.oauth_token;
		const temp = token && state.temp.get(token);
		if (!temp) return ctx.send(400, layout('Unknown request token', '<p>The request token is missing, unknown or already used.</p>'), { 'content-type': 'text/html; charset=utf-8' });
		if (ctx.query.auto === '1' || ctx.query.approve === '1') return authorizeRedirect(ctx, token, temp);
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
	}

	function accessToken(ctx) {
		const header = sig.parseAuthorizationHeader(ctx.headers.authorization) || {};
		const loose = { ...ctx.query, ...(isForm(ctx) && ctx.body && typeof ctx.body === 'object' ? ctx.body : {}), ...header };
		let params = loose;
		let token = loose.oauth_token;
		if (loose.oauth_signature) {
			const v = verify(ctx, { tokenLookup: (t) => state.temp.get(t) || null, tokenRequired: true });
			if (!v) return undefined;
			params = v.params;
			token = params.oauth_token;
		}
		// n8n's OAuth1 callback exchanges the verifier without a signature (oauth_token + oauth_verifier in the
		// query, like Twitter); the verifier, only ever handed to the registered callback, is the proof then.
		const temp = token && state.temp.get(token);
		if (!temp) return problem(ctx, 'token_rejected');
		if (!temp.verifier || !params.oauth_verifier || !safeEqual(params.oauth_verifier, temp.verifier)) return problem(ctx, 'verifier_invalid');
		state.temp.delete(token);
		return formReply(ctx, 200, issueAccess(temp.authorizedBy));
	}

	function resource(ctx) {
		const v = verify(ctx, { tokenLookup: (t) => state.access.get(t) || null, tokenRequired: true });
		if (!v) return undefined;
		const query = Object.fromEntries(Object.entries(ctx.query).filter(([k]) => !k.startsWith('oauth_')));
		const auth = { type: 'oauth1', user: v.token.user, consumerKey: opts.oauth1.consumerKey, signatureMethod: v.params.oauth_signature_method, signedParameters: v.signed };
		return ctx.send(200, describeRequest({ ...ctx, query }, { auth }));
	}

	return { state, issueAccess, requestToken, authorizePage, accessToken, resource };
}

function mountOAuth1(p) {
	const o1 = createOAuth1(p);
	p.route('POST', '/oauth1/request_token', o1.requestToken);
	p.route('GET', '/oauth1/authorize', o1.authorizePage);
	p.route('POST', '/oauth1/access_token', o1.accessToken);
	p.routeAny('/oauth1/resource', o1.resource);
	return {
		reset: () => Object.values(o1.state).forEach((m) => m.clear()),
		accessTokens: () => o1.state.access.size,
		/** Issues OAuth 1.0a token credentials directly (tests that skip the three-legged flow). */
		issueTokens: () => o1.issueAccess(p.opts.users[0].username),
	};
}

module.exports = { mountOAuth1 };
