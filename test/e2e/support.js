'use strict';
// Shared helpers for the real-n8n end-to-end tests (run by scripts/e2e.js with node:test, not by jest): the sandbox
// with the provider secrets the tests use, OAuth token grants against it, and the real-n8n toolkit (scripts/lib/n8n).
const crypto = require('node:crypto');
const path = require('node:path');
const n8n = require('../../scripts/lib/n8n');
const { sleep, waitFor } = require('../../scripts/lib/toolkit');

const ROOT = path.resolve(__dirname, '..', '..');
const PKG = n8n.PACKAGE_NAME;

/** Provider registry handed to startSandbox({ provider }) so the tests know every secret they use. */
const PROVIDER = {
	clientId: 'e2e-client',
	clientSecret: 'e2e-client-secret',
	users: [{ username: 'e2e-user', password: 'e2e-pass' }],
	apiKey: 'e2e-api-key-123',
	oauth1: { consumerKey: 'e2e-consumer', consumerSecret: 'e2e-consumer-secret' },
};

async function startSandbox(options = {}) {
	const { startSandbox: start } = require('../../sandbox');
	return start({ port: 0, provider: PROVIDER, ...options });
}

function enc(s) {
	return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RFC 5849 HMAC-SHA1 Authorization header (only for obtaining tokens in test setup). */
function oauth1Header(method, url, { consumerKey, consumerSecret, token, tokenSecret = '', extra = {} }) {
	const u = new URL(url);
	const oauth = {
		oauth_consumer_key: consumerKey,
		oauth_nonce: crypto.randomBytes(12).toString('hex'),
		oauth_signature_method: 'HMAC-SHA1',
		oauth_timestamp: String(Math.floor(Date.now() / 1000)),
		oauth_version: '1.0',
		...(token ? { oauth_token: token } : {}),
		...extra,
	};
	const params = [...Object.entries(oauth), ...u.searchParams.entries()].map(([k, v]) => [enc(k), enc(v)]);
	params.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
	const base = [method.toUpperCase(), enc(`${u.origin}${u.pathname}`), enc(params.map(([k, v]) => `${k}=${v}`).join('&'))].join('&');
	const sig = crypto.createHmac('sha1', `${enc(consumerSecret)}&${enc(tokenSecret)}`).update(base).digest('base64');
	const all = { ...oauth, oauth_signature: sig };
	return 'OAuth ' + Object.entries(all).map(([k, v]) => `${enc(k)}="${enc(v)}"`).join(', ');
}

async function formPost(url, headers = {}, body = '') {
	const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
	const text = await r.text();
	if (!r.ok) throw new Error(`POST ${url}: HTTP ${r.status} ${text.slice(0, 200)}`);
	return text;
}

/** Three-legged OAuth 1.0a against the sandbox provider; returns { oauth_token, oauth_token_secret }. */
async function oauth1Tokens(sandboxUrl) {
	const { consumerKey, consumerSecret } = PROVIDER.oauth1;
	const base = `${sandboxUrl}/provider/oauth1`;
	const callback = 'http://127.0.0.1:9/oauth1-callback';
	const rt = new URLSearchParams(
		await formPost(`${base}/request_token`, {
			authorization: oauth1Header('POST', `${base}/request_token`, { consumerKey, consumerSecret, extra: { oauth_callback: callback } }),
		}),
	);
	const auth = await fetch(`${base}/authorize?oauth_token=${enc(rt.get('oauth_token'))}&auto=1`, { redirect: 'manual' });
	const loc = new URL(auth.headers.get('location'), base);
	const verifier = loc.searchParams.get('oauth_verifier');
	if (!verifier) throw new Error(`OAuth1 authorize gave no verifier (HTTP ${auth.status})`);
	const at = new URLSearchParams(
		await formPost(`${base}/access_token`, {
			authorization: oauth1Header('POST', `${base}/access_token`, {
				consumerKey,
				consumerSecret,
				token: rt.get('oauth_token'),
				tokenSecret: rt.get('oauth_token_secret'),
				extra: { oauth_verifier: verifier },
			}),
		}),
	);
	return { oauth_token: at.get('oauth_token'), oauth_token_secret: at.get('oauth_token_secret') };
}

/** Authorization-code grant against the sandbox provider (auto-approved); returns the token response. */
async function oauth2Tokens(sandboxUrl, redirectUri, scope = 'read') {
	const base = `${sandboxUrl}/provider/oauth2`;
	const q = new URLSearchParams({ response_type: 'code', client_id: PROVIDER.clientId, redirect_uri: redirectUri, state: 'e2e', scope, auto: '1' });
	const auth = await fetch(`${base}/authorize?${q}`, { redirect: 'manual' });
	const code = new URL(auth.headers.get('location') || 'http://x/', base).searchParams.get('code');
	if (!code) throw new Error(`OAuth2 authorize gave no code (HTTP ${auth.status})`);
	const basic = Buffer.from(`${PROVIDER.clientId}:${PROVIDER.clientSecret}`).toString('base64');
	const text = await formPost(
		`${base}/token`,
		{ authorization: `Basic ${basic}`, accept: 'application/json' },
		new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
	);
	return JSON.parse(text);
}

/** Expire every access token in the sandbox (control API, or the emulator helper if control.js is absent). */
async function expireTokens(sandbox) {
	const r = await fetch(`${sandbox.url}/_sandbox/tokens/expire`, { method: 'POST' });
	if (r.ok) return;
	if (sandbox.provider && sandbox.provider.expireTokens) return sandbox.provider.expireTokens();
	throw new Error(`could not expire sandbox tokens (HTTP ${r.status})`);
}

module.exports = {
	ROOT, PKG, PROVIDER, n8n, startSandbox, oauth1Tokens, oauth2Tokens, expireTokens, sleep, waitFor,
	/** The tarball scripts/e2e.js packed once (E2E_TARBALL), or a fresh pack when a file is run alone. */
	tarball: n8n.packedTarball,
	errorText: n8n.errorText,
	executionIds: n8n.executionIds,
	outputOf: n8n.outputOf,
	runManually: n8n.runManually,
};
