'use strict';
// Zoho Accounts OAuth 2.0 (docs/crm-api-notes.md §2.2) under /zoho-accounts, and CRM request authentication:
// `Zoho-oauthtoken X` or `Bearer X`, 401 INVALID_TOKEN when expired, AUTHENTICATION_FAILURE when missing,
// plus the per-token concurrency cap (§2.8) answered with 429 TOO_MANY_REQUESTS and no Retry-After.
const crypto = require('node:crypto');

const DEFAULT_CLIENT_ID = '1000.SANDBOXZOHOCLIENTID';
const DEFAULT_CLIENT_SECRET = 'sandbox-zoho-client-secret';
const DEFAULT_SCOPE =
	'ZohoCRM.modules.contacts.ALL,ZohoCRM.modules.accounts.ALL,ZohoCRM.coql.READ,ZohoCRM.notifications.ALL,ZohoCRM.settings.fields.READ,ZohoCRM.users.READ';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const zohoError = (code, message, details = {}) => ({ code, details, message, status: 'error' });

function createAuth(core, env, opts) {
	const now = core.now;
	const clientId = () => opts.clientId || DEFAULT_CLIENT_ID;
	const clientSecret = () => opts.clientSecret || DEFAULT_CLIENT_SECRET;
	const ttl = () => opts.tokenTtlSeconds || env.tokenTtlSeconds || 3600;
	const concurrency = () => opts.concurrency || 10;
	// Standard edition's base credits (50,000 + 250 per user license, at most 100,000).
	const dailyCredits = () => opts.dailyCredits || 50000;
	const codes = new Map(); // code -> { redirectUri, scope, offline, consent, expiresAt }
	const access = new Map(); // token -> { expiresAt, scope, refresh }
	const refresh = new Map(); // token -> { scope }
	// Concurrency and credits are counted per org and app: one org and one app here, whatever the token.
	const usage = { inFlight: 0, peakInFlight: 0, spent: [] }; // spent: [at, credits] over the rolling 24 h
	const grantedBefore = new Set(); // client ids that already hold a refresh token

	const apiDomain = () => `${env.baseUrl}/zoho`;
	const accountsServer = () => `${env.baseUrl}/zoho-accounts`;

	function issueAccess(scope, refreshToken) {
		const token = `1000.${crypto.randomBytes(16).toString('hex')}.${crypto.randomBytes(16).toString('hex')}`;
		access.set(token, { expiresAt: now() + ttl() * 1000, scope, refresh: refreshToken });
		return { access_token: token, scope, api_domain: apiDomain(), token_type: 'Bearer', expires_in: ttl() };
	}

	function issueTokens(scope = DEFAULT_SCOPE) {
		const rt = `1000.${crypto.randomBytes(16).toString('hex')}.${crypto.randomBytes(16).toString('hex')}`;
		refresh.set(rt, { scope });
		return { ...issueAccess(scope, rt), refresh_token: rt };
	}

	function authorizePage(ctx) {
		const q = ctx.query;
		if (q.client_id !== clientId()) return ctx.send(400, 'Invalid Client: the client_id is not registered with the sandbox.', { 'content-type': 'text/html' });
		if (q.response_type !== 'code' || !q.redirect_uri) return ctx.send(400, 'Invalid request: response_type=code and redirect_uri are required.');
		const params = new URLSearchParams({ ...q, approve: '1' });
		params.delete('auto');
		if (q.auto === '1' || q.approve === '1') {
			const code = `1000.${crypto.randomBytes(16).toString('hex')}`;
			codes.set(code, {
				redirectUri: q.redirect_uri,
				scope: q.scope || DEFAULT_SCOPE,
				offline: q.access_type === 'offline',
				consent: q.prompt === 'consent',
				expiresAt: now() + 120000,
			});
			const back = new URL(q.redirect_uri);
			back.searchParams.set('code', code);
			back.searchParams.set('location', 'us');
			back.searchParams.set('accounts-server', accountsServer());
			if (q.state) back.searchParams.set('state', q.state);
			return ctx.send(302, undefined, { location: back.toString() });
		}
		const scopes = String(q.scope || DEFAULT_SCOPE).split(/[ ,]+/).filter(Boolean);
		const html = `<!doctype html><html><head><meta charset="utf-8"><title>Zoho Accounts (sandbox)</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>Zoho CRM sandbox</h1><p>An application would like to access your Zoho CRM sandbox data:</p>
<ul>${scopes.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
<p>Offline access: ${q.access_type === 'offline' ? 'yes (a refresh token will be issued)' : 'no'}</p>
<form method="GET" action="${esc(accountsServer())}/oauth/v2/auth">
${[...params].map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('\n')}
<button id="approve" type="submit" name="approve" value="1">Accept</button></form></body></html>`;
		return ctx.send(200, html, { 'content-type': 'text/html; charset=utf-8' });
	}

	function tokenEndpoint(ctx) {
		// Zoho takes the fields as form body or query string; client credentials in the body (or Basic, as n8n may send).
		const p = { ...ctx.query, ...(typeof ctx.body === 'object' && ctx.body ? ctx.body : {}) };
		const basic = /^Basic\s+(.+)$/i.exec(String(ctx.headers.authorization || ''));
		if (basic) {
			const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
			p.client_id = p.client_id || decodeURIComponent(id);
			p.client_secret = p.client_secret || decodeURIComponent(secret || '');
		}
		// Zoho answers token errors with HTTP 200 and {"error": "..."}; a 400 is used here only for a wrong client.
		if (p.client_id !== clientId() || p.client_secret !== clientSecret()) return ctx.send(400, { error: 'invalid_client' });
		if (p.grant_type === 'authorization_code') {
			const c = codes.get(p.code);
			codes.delete(p.code);
			if (!c || c.expiresAt < now()) return ctx.send(200, { error: 'invalid_code' });
			if (p.redirect_uri && p.redirect_uri !== c.redirectUri) return ctx.send(200, { error: 'invalid_redirect_uri' });
			// A refresh token only with access_type=offline, and on re-authorisation only with prompt=consent.
			if (c.offline && (c.consent || !grantedBefore.has(p.client_id))) {
				grantedBefore.add(p.client_id);
				return ctx.send(200, issueTokens(c.scope));
			}
			return ctx.send(200, issueAccess(c.scope));
		}
		if (p.grant_type === 'refresh_token') {
			const r = refresh.get(p.refresh_token);
			if (!r) return ctx.send(200, { error: 'invalid_code' });
			return ctx.send(200, issueAccess(r.scope, p.refresh_token));
		}
		return ctx.send(200, { error: 'unsupported_grant_type' });
	}

	function revoke(ctx) {
		const t = ctx.query.token || (ctx.body && ctx.body.token);
		refresh.delete(t);
		for (const [k, v] of access) if (k === t || v.refresh === t) access.delete(k);
		return ctx.send(200, { status: 'success' });
	}

	/** Returns { token, scope, release } or sends Zoho's 401/429 and returns null. */
	function authenticate(ctx) {
		const m = /^(Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(String(ctx.headers.authorization || ''));
		if (!m) {
			ctx.send(401, zohoError('AUTHENTICATION_FAILURE', 'Authentication failed'));
			return null;
		}
		const info = access.get(m[2]);
		if (!info || info.expiresAt <= now()) {
			ctx.send(401, zohoError('INVALID_TOKEN', 'invalid oauth token'));
			return null;
		}
		const token = m[2];
		const tooMany = () => ctx.send(429, zohoError('TOO_MANY_REQUESTS', 'Number of API requests for the 24 hour period is exceeded or the concurrency limit of the user for the app is exceeded'));
		// The peak counts every request that reached the org at once, refused ones included (tests read it).
		usage.peakInFlight = Math.max(usage.peakInFlight, usage.inFlight + 1);
		if (usage.inFlight >= concurrency()) {
			tooMany();
			return null;
		}
		// Credits over a rolling 24 h: 1 per call, insert/update/upsert 1 per 10 records; X-API-CREDITS-REMAINING
		// once half are used (https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html).
		const t = now();
		while (usage.spent.length && usage.spent[0][0] <= t - 86400000) usage.spent.shift();
		const used = usage.spent.reduce((n, [, c]) => n + c, 0);
		const records = ctx.body && Array.isArray(ctx.body.data) && /\/crm\/v\d+\/(Contacts|Accounts)(\/upsert)?$/.test(ctx.path) ? ctx.body.data.length : 0;
		const cost = records > 0 ? Math.ceil(records / 10) : 1;
		if (used + cost > dailyCredits()) {
			tooMany();
			return null;
		}
		usage.spent.push([t, cost]);
		if (used + cost >= dailyCredits() / 2) ctx.res.setHeader('X-API-CREDITS-REMAINING', String(dailyCredits() - used - cost));
		usage.inFlight++;
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			usage.inFlight--;
		};
		ctx.res.once('close', release);
		ctx.res.once('finish', release);
		return { token, scope: info.scope, release };
	}

	/** OAUTH_SCOPE_MISMATCH unless the token's scopes cover `needed` (e.g. 'ZohoCRM.modules.contacts'). */
	function requireScope(ctx, auth, needed) {
		const granted = String(auth.scope || '').split(/[ ,]+/);
		const ok = granted.some((s) => s.toLowerCase().startsWith(needed.toLowerCase()) || (needed.startsWith('ZohoCRM.modules.') && /^ZohoCRM\.modules\.ALL/i.test(s)));
		if (!ok) ctx.send(401, zohoError('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'));
		return ok;
	}

	function expireTokens() {
		for (const v of access.values()) v.expiresAt = now() - 1;
	}

	function mount() {
		core.route('GET', '/zoho-accounts/oauth/v2/auth', authorizePage, { api: false, system: 'zoho-accounts' });
		core.route('POST', '/zoho-accounts/oauth/v2/token', tokenEndpoint, { system: 'zoho-accounts' });
		core.route('POST', '/zoho-accounts/oauth/v2/token/revoke', revoke, { system: 'zoho-accounts' });
		core.route('GET', '/zoho-accounts/oauth/serverinfo', (ctx) =>
			ctx.send(200, { result: 'success', locations: { us: accountsServer() } }), { api: false, system: 'zoho-accounts' });
	}

	function resetUsage() {
		Object.assign(usage, { peakInFlight: usage.inFlight, spent: [] });
	}

	function reset() {
		resetUsage();
		codes.clear();
		access.clear();
		refresh.clear();
		grantedBefore.clear();
	}

	/** Forgets which clients already hold a refresh token (the next offline grant issues one again). */
	function resetGrants() {
		grantedBefore.clear();
	}

	return { mount, authenticate, resetGrants, usage, resetUsage, requireScope, issueTokens, expireTokens, reset, clientId, clientSecret, apiDomain, zohoError, DEFAULT_SCOPE };
}

module.exports = { createAuth, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_SCOPE };
