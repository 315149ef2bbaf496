'use strict';
// OAuth 2.0 (RFC 6749) of the sandbox provider: GET|POST oauth2/authorize, POST oauth2/token (authorization code with
// optional PKCE, refresh token, client credentials), * oauth2/resource (Bearer header or access_token query).
const crypto = require('node:crypto');
const { percentDecode } = require('./oauth1-signature');
const { randomToken, safeEqual, describeRequest } = require('./request');
const { escapeHtml, layout } = require('../page');

const NO_STORE = { 'cache-control': 'no-store' };
const AUTH_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'];
const html = (ctx, status, title, body) => ctx.send(status, layout(title, body), { 'content-type': 'text/html; charset=utf-8', ...NO_STORE });
const tokenError = (ctx, status, error, description, headers = {}) =>
	ctx.send(status, { error, error_description: description }, { ...NO_STORE, pragma: 'no-cache', ...headers });

/** Client authentication by Basic header (RFC 6749 §2.3.1, form-encoded id/secret) or body fields. */
function clientAuth(ctx, body) {
	const m = /^Basic\s+(.+)$/i.exec(ctx.headers.authorization || '');
	if (m) {
		const decoded = Buffer.from(m[1], 'base64').toString('utf8');
		const i = decoded.indexOf(':');
		return { via: 'basic', id: percentDecode(i < 0 ? decoded : decoded.slice(0, i)), secret: percentDecode(i < 0 ? '' : decoded.slice(i + 1)) };
	}
	return { via: 'body', id: body.client_id, secret: body.client_secret };
}

function approvalPage(ctx, q, user) {
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
		`<p>The application <code>${escapeHtml(q.client_id)}</code> asks to access your sandbox account <b>${escapeHtml(user)}</b>.</p>
			<p>Scopes: <code>${escapeHtml(q.scope || '(none)')}</code></p>
			${extra ? `<p>Extra parameters:</p><ul>${extra}</ul>` : ''}
			<form method="POST" action="/provider/oauth2/authorize">${hidden}
			<button id="approve" type="submit" name="decision" value="approve">Approve</button>
			<button id="deny" type="submit" name="decision" value="deny">Deny</button></form>`,
	);
}

function createOAuth2({ opts, nowMs }) {
	const state = { codes: new Map(), access: new Map(), refresh: new Map() };

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
			return ctx.send(302, undefined, { Location: target.toString(), ...NO_STORE });
		};
		if ((q.response_type || 'code') !== 'code') return (back({ error: 'unsupported_response_type' }), null);
		if (q.code_challenge_method && !['S256', 'plain'].includes(q.code_challenge_method)) {
			return (back({ error: 'invalid_request', error_description: 'unsupported code_challenge_method' }), null);
		}
		return { back };
	}

	function issueCode(q) {
		const code = randomToken('c_');
		state.codes.set(code, {
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

	function issueAccess(clientId, scope, user, withRefresh, refreshToken) {
		const accessToken = randomToken('sat_');
		state.access.set(accessToken, { clientId, scope, user, expiresAt: nowMs() + opts.tokenTtlSeconds * 1000 });
		const out = { access_token: accessToken, token_type: 'Bearer', expires_in: opts.tokenTtlSeconds, scope };
		if (withRefresh) {
			const rt = refreshToken || randomToken('srt_');
			state.refresh.set(rt, { clientId, scope, user });
			out.refresh_token = rt;
		}
		return out;
	}

	function codeGrant(ctx, client, body) {
		const c = body.code && state.codes.get(body.code);
		if (!c) return tokenError(ctx, 400, 'invalid_grant', 'The authorization code is invalid or was already used');
		state.codes.delete(body.code); // single use (RFC 6749 §4.1.2)
		if (c.expiresAt < nowMs()) return tokenError(ctx, 400, 'invalid_grant', 'The authorization code expired');
		if (c.clientId !== client.id) return tokenError(ctx, 400, 'invalid_grant', 'The authorization code was issued to another client');
		if (c.redirectUri !== body.redirect_uri) return tokenError(ctx, 400, 'invalid_grant', 'redirect_uri does not match the authorization request');
		if (c.challenge) {
			const verifier = body.code_verifier || '';
			const expected = c.challengeMethod === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
			if (!verifier || !safeEqual(expected, c.challenge)) return tokenError(ctx, 400, 'invalid_grant', 'PKCE code_verifier does not match');
		}
		return ctx.send(200, issueAccess(client.id, c.scope, c.user, true), NO_STORE);
	}

	function token(ctx) {
		const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const client = clientAuth(ctx, body);
		if (!client.id) return tokenError(ctx, 401, 'invalid_client', 'Client authentication is required (Basic header or client_id/client_secret in the body)');
		if (!safeEqual(client.id, opts.clientId) || !safeEqual(client.secret, opts.clientSecret)) {
			const headers = client.via === 'basic' ? { 'WWW-Authenticate': 'Basic realm="sandbox provider"' } : {};
			return tokenError(ctx, 401, 'invalid_client', 'Client authentication failed', headers);
		}
		const grant = body.grant_type;
		if (grant === 'authorization_code') return codeGrant(ctx, client, body);
		if (grant === 'refresh_token') {
			const r = body.refresh_token && state.refresh.get(body.refresh_token);
			if (!r || r.clientId !== client.id) return tokenError(ctx, 400, 'invalid_grant', 'The refresh token is invalid');
			// The refresh token stays valid and is returned again, so a client that stores the new response keeps it.
			return ctx.send(200, issueAccess(client.id, r.scope, r.user, true, body.refresh_token), NO_STORE);
		}
		if (grant === 'client_credentials') return ctx.send(200, issueAccess(client.id, body.scope || '', null, false), NO_STORE);
		return tokenError(ctx, 400, grant ? 'unsupported_grant_type' : 'invalid_request', grant ? `grant_type ${grant} is not supported` : 'grant_type is required');
	}

	function resource(ctx) {
		const m = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization || '');
		const bearer = m ? m[1] : ctx.query.access_token;
		const challenge = (error, description) =>
			ctx.send(
				401,
				{ ok: false, error, error_description: description },
				{ 'WWW-Authenticate': `Bearer realm="sandbox provider"${error ? `, error="${error}", error_description="${description}"` : ''}` },
			);
		if (!bearer) return challenge('invalid_request', 'No access token');
		const t = state.access.get(bearer);
		if (!t) return challenge('invalid_token', 'The access token is unknown');
		if (t.expiresAt <= nowMs()) return challenge('invalid_token', 'The access token expired');
		return ctx.send(200, describeRequest(ctx, { auth: { type: 'oauth2', clientId: t.clientId, user: t.user, scope: t.scope, expiresAt: new Date(t.expiresAt).toISOString() } }));
	}

	return { state, checkAuthorizeRequest, issueCode, issueAccess, token, resource };
}

function mountOAuth2(p) {
	const o2 = createOAuth2(p);
	p.route('GET', '/oauth2/authorize', (ctx) => {
		const q = ctx.query;
		const ok = o2.checkAuthorizeRequest(ctx, q);
		if (!ok) return undefined;
		if (q.auto === '1') return ok.back({ code: o2.issueCode(q) });
		return approvalPage(ctx, q, p.opts.users[0].username);
	});
	p.route('POST', '/oauth2/authorize', (ctx) => {
		const q = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
		const ok = o2.checkAuthorizeRequest(ctx, q);
		if (!ok) return undefined;
		if (q.decision !== 'approve') return ok.back({ error: 'access_denied', error_description: 'The user denied the request' });
		return ok.back({ code: o2.issueCode(q) });
	});
	p.route('POST', '/oauth2/token', o2.token);
	p.routeAny('/oauth2/resource', o2.resource);
	const { codes, access, refresh } = o2.state;
	return {
		reset: () => Object.values(o2.state).forEach((m) => m.clear()),
		/** Every access token expires now (refresh tokens stay valid), as if an hour had passed. */
		expireTokens() {
			const t = p.nowMs() - 1;
			for (const tok of access.values()) tok.expiresAt = Math.min(tok.expiresAt, t);
			return access.size;
		},
		stats: () => ({ oauth2AccessTokens: access.size, oauth2RefreshTokens: refresh.size, pendingCodes: codes.size }),
		/** Issues a token pair directly (tests that skip the authorize page). */
		issueTokens: (scope = 'read') => o2.issueAccess(p.opts.clientId, scope, p.opts.users[0].username, true),
	};
}

module.exports = { mountOAuth2 };
