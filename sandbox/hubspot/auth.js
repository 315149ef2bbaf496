'use strict';
// HubSpot auth and limits: private-app tokens, OAuth 2.0 (authorize page, code + refresh grants), per-token
// rolling limits with HubSpot's 429 body and X-HubSpot-RateLimit-* headers (docs/crm-api-notes.md §1.1, §1.9).
const crypto = require('node:crypto');

const DEFAULT_PRIVATE_APP_TOKEN = 'pat-na1-00000000-sandbox-private-app-token';
const DEFAULT_CLIENT_ID = 'sandbox-hubspot-client-id';
const DEFAULT_CLIENT_SECRET = 'sandbox-hubspot-client-secret';

const correlationId = () => crypto.randomUUID();
const errorBody = (message, category, extra = {}) => ({ status: 'error', message, correlationId: correlationId(), category, ...extra });
/** A 429 as HubSpot's usage guidelines show it (no category; policyName says which limit). */
const rateLimitBody = (message, policyName) => ({ status: 'error', message, errorType: 'RATE_LIMIT', correlationId: correlationId(), policyName, requestId: crypto.randomUUID() });
const TEN_SECONDLY = () => rateLimitBody('You have reached your ten_secondly_rolling limit.', 'TEN_SECONDLY_ROLLING');

function createAuth(core, opts) {
	const now = core.now;
	const privateAppToken = opts.privateAppToken || DEFAULT_PRIVATE_APP_TOKEN;
	const clientId = opts.clientId || DEFAULT_CLIENT_ID;
	const clientSecret = opts.clientSecret || DEFAULT_CLIENT_SECRET;
	const ttlSeconds = () => opts.tokenTtlSeconds ?? 1800;
	// Read live so tests may change them. The window is 10 s at HubSpot; intervalMs shortens it for real-time tests.
	const tenSecondLimit = () => opts.tenSecondLimit ?? 100;
	const intervalMs = () => opts.intervalMs ?? 10000;
	const searchPerSecond = () => opts.searchPerSecond ?? 5;
	const dailyLimit = () => opts.dailyLimit ?? 250000;
	const codes = new Map(); // code -> { redirectUri, scope, expiresAt }
	const accessTokens = new Map(); // token -> { expiresAt, appId }
	const refreshTokens = new Set();
	const windows = new Map(); // `${app}|${policy}` -> timestamps
	const daily = { day: '', used: 0 }; // private apps: calls per account per day

	function issueTokens(refreshToken) {
		const access = `sandbox-hs-at-${crypto.randomBytes(12).toString('hex')}`;
		const refresh = refreshToken || `sandbox-hs-rt-${crypto.randomBytes(12).toString('hex')}`;
		accessTokens.set(access, { expiresAt: now() + ttlSeconds() * 1000 });
		refreshTokens.add(refresh);
		return { token_type: 'bearer', refresh_token: refresh, access_token: access, expires_in: ttlSeconds() };
	}

	/** Resolves the bearer token of a request: { token, kind } or sends HubSpot's 401 and returns null. */
	function authenticate(ctx) {
		const header = String(ctx.headers.authorization || '');
		const m = /^Bearer\s+(\S+)$/i.exec(header);
		if (!m) {
			ctx.send(401, errorBody('Authentication credentials not found. This API supports both API Key and OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview', 'INVALID_AUTHENTICATION'));
			return null;
		}
		const token = m[1];
		if (token === privateAppToken) return { token, kind: 'private' };
		const info = accessTokens.get(token);
		if (!info) {
			ctx.send(401, errorBody('Authentication credentials not found. This API supports both API Key and OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview', 'INVALID_AUTHENTICATION'));
			return null;
		}
		if (info.expiresAt <= now()) {
			const minutes = Math.max(0, Math.floor((now() - info.expiresAt) / 60000));
			ctx.send(401, errorBody(`The OAuth token used to make this call expired ${minutes} minute(s) ago.`, 'EXPIRED_AUTHENTICATION', { context: {} }));
			return null;
		}
		return { token, kind: 'oauth' };
	}

	function take(key, limit, windowMs) {
		const t = now();
		const stamps = (windows.get(key) || []).filter((s) => s > t - windowMs);
		windows.set(key, stamps);
		if (stamps.length >= limit) return { ok: false, retryAfterMs: stamps[0] + windowMs - t, remaining: 0 };
		stamps.push(t);
		return { ok: true, remaining: limit - stamps.length };
	}

	/**
	 * Limits are per app (one private app and one public app here), not per token: every client of the sandbox, every
	 * n8n process and every refreshed OAuth token spends one budget, as at HubSpot. Every answer but search carries
	 * X-HubSpot-RateLimit-Max / -Remaining / -Interval-Milliseconds; private apps also get -Daily / -Daily-Remaining
	 * (https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines). Returns headers for the
	 * response, or null after sending a 429.
	 */
	function limit(ctx, auth, { search = false } = {}) {
		const app = auth.kind === 'private' ? 'private-app' : 'oauth-app';
		if (search) {
			// Search: its own per-second limit and no rate-limit headers.
			const s = take(`${app}|search`, searchPerSecond(), 1000);
			if (!s.ok) {
				ctx.send(429, rateLimitBody('You have reached your secondly limit.', 'SECONDLY'), { 'Retry-After': String(Math.max(1, Math.ceil(s.retryAfterMs / 1000))) });
				return null;
			}
		}
		const headers = {};
		if (auth.kind === 'private') {
			const day = new Date(now()).toISOString().slice(0, 10);
			if (daily.day !== day) Object.assign(daily, { day, used: 0 });
			if (daily.used >= dailyLimit()) {
				ctx.send(429, rateLimitBody('You have reached your daily limit.', 'DAILY'), { 'X-HubSpot-RateLimit-Daily': String(dailyLimit()), 'X-HubSpot-RateLimit-Daily-Remaining': '0' });
				return null;
			}
		}
		const r = take(`${app}|ten`, tenSecondLimit(), intervalMs());
		if (r.ok && auth.kind === 'private') daily.used++;
		Object.assign(headers, {
			'X-HubSpot-RateLimit-Max': String(tenSecondLimit()),
			'X-HubSpot-RateLimit-Remaining': String(r.remaining),
			'X-HubSpot-RateLimit-Interval-Milliseconds': String(intervalMs()),
		});
		if (auth.kind === 'private') {
			headers['X-HubSpot-RateLimit-Daily'] = String(dailyLimit());
			headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, dailyLimit() - daily.used));
		}
		if (!r.ok) {
			headers['Retry-After'] = String(Math.max(1, Math.ceil(r.retryAfterMs / 1000)));
			ctx.send(429, TEN_SECONDLY(), headers);
			return null;
		}
		return search ? {} : headers;
	}

	function authorizePage(query) {
		const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
		const hidden = ['client_id', 'redirect_uri', 'scope', 'state', 'optional_scope']
			.map((k) => `<input type="hidden" name="${k}" value="${esc(query[k])}">`).join('');
		return `<!doctype html><html><head><title>HubSpot sandbox: authorize</title></head><body>
<h1>Connect to the HubSpot sandbox</h1><p>App <b>${esc(query.client_id)}</b> asks for: ${esc(query.scope)}</p>
<form method="GET" action="authorize/approve">${hidden}<button id="approve" type="submit">Grant access</button></form></body></html>`;
	}

	function mountRoutes() {
		const approve = (ctx) => {
			const q = ctx.query;
			if (q.client_id !== clientId) return ctx.send(400, 'Authorization failed because the client_id is invalid.');
			if (!q.redirect_uri) return ctx.send(400, 'Authorization failed because redirect_uri is missing.');
			const code = `sandbox-hs-code-${crypto.randomBytes(8).toString('hex')}`;
			codes.set(code, { redirectUri: q.redirect_uri, expiresAt: now() + 10 * 60 * 1000 });
			const target = new URL(q.redirect_uri);
			target.searchParams.set('code', code);
			if (q.state !== undefined) target.searchParams.set('state', q.state);
			return ctx.send(302, undefined, { location: target.toString() });
		};
		core.route('GET', '/hubspot/oauth/authorize', (ctx) => {
			if (opts.autoApprove) return approve(ctx);
			ctx.send(200, authorizePage(ctx.query), { 'content-type': 'text/html; charset=utf-8' });
			return undefined;
		}, { api: false });
		core.route('GET', '/hubspot/oauth/authorize/approve', approve, { api: false });
		// Token endpoint: form body with client credentials in the body (HTTP Basic accepted too).
		core.route('POST', '/hubspot/oauth/v1/token', (ctx) => {
			const b = typeof ctx.body === 'object' && ctx.body ? { ...ctx.body } : {};
			const basic = /^Basic\s+(\S+)$/i.exec(String(ctx.headers.authorization || ''));
			if (basic) {
				const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
				b.client_id = b.client_id || id;
				b.client_secret = b.client_secret || secret;
			}
			const fail = (status, message) => ctx.send(400, { status, message, correlationId: correlationId() });
			if (b.client_id !== clientId) return fail('BAD_CLIENT_ID', 'missing or invalid client_id');
			if (b.client_secret !== clientSecret) return fail('BAD_CLIENT_SECRET', 'missing or invalid client secret');
			if (b.grant_type === 'authorization_code') {
				const c = codes.get(b.code);
				if (!c || c.expiresAt <= now()) return fail('BAD_AUTH_CODE', 'missing or unknown auth code');
				if (b.redirect_uri && b.redirect_uri !== c.redirectUri) return fail('BAD_REDIRECT_URI', 'redirect_uri does not match');
				codes.delete(b.code);
				return ctx.send(200, issueTokens());
			}
			if (b.grant_type === 'refresh_token') {
				if (!refreshTokens.has(b.refresh_token)) return fail('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
				return ctx.send(200, issueTokens(b.refresh_token));
			}
			return fail('BAD_GRANT_TYPE', 'grant_type must be authorization_code or refresh_token');
		}, { system: 'hubspot' });
	}

	function expireTokens() {
		for (const info of accessTokens.values()) info.expiresAt = now() - 1;
	}
	function reset() {
		codes.clear();
		accessTokens.clear();
		refreshTokens.clear();
		windows.clear();
		Object.assign(daily, { day: '', used: 0 });
	}

	return { authenticate, limit, mountRoutes, expireTokens, reset, issueTokens, errorBody, privateAppToken, clientId, clientSecret, tenSecondLimit, intervalMs };
}

module.exports = { createAuth, errorBody, rateLimitBody, DEFAULT_PRIVATE_APP_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET };
