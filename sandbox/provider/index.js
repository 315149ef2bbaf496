'use strict';
// Generic "Custom Service" provider under /provider, for the Custom Service credentials and the Invoke URL node,
// one file per protocol:
//   basic.js       Basic / API key: * echo (protected), * public/echo, GET binary (PNG), and the Invoke URL feature
//                  resources GET paged, * account/echo, GET latin1
//   oauth1.js      OAuth 1.0a (RFC 5849): request_token, authorize, access_token, * oauth1/resource
//   oauth2.js      OAuth 2.0 (RFC 6749): authorize, token (code + PKCE, refresh, client_credentials), * oauth2/resource
//   behaviours.js  rate limits (429 + Retry-After), flaky and slow answers, redirects, attempt counts
//   request.js     what echo resources answer (request description, multipart parts, sha256), shared helpers
// Secrets given in options.provider (see DEFAULTS); none of them is ever echoed back.
const { mountBasic } = require('./basic');
const { mountBehaviours } = require('./behaviours');
const { mountOAuth1 } = require('./oauth1');
const { mountOAuth2 } = require('./oauth2');
const { PNG, parseMultipart } = require('./request');

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

const ANY = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function mount(core, env) {
	const route = (method, path, handler) => core.route(method, `/provider${path}`, handler, { system: 'provider' });
	const nowMs = () => core.now();
	const p = {
		opts: normaliseOptions(env),
		route,
		routeAny: (path, handler) => ANY.forEach((m) => route(m, path, handler)),
		nowMs,
		nowSec: () => Math.floor(nowMs() / 1000),
		counters: new Map(), // rate-limited / flaky / slow keys -> calls seen
	};
	mountBasic(p);
	mountBehaviours(p);
	const oauth1 = mountOAuth1(p);
	const oauth2 = mountOAuth2(p);
	return {
		options: p.opts,
		/** Every OAuth 2.0 access token expires now (refresh tokens stay valid), as if an hour had passed. */
		expireTokens: oauth2.expireTokens,
		reset() {
			oauth1.reset();
			oauth2.reset();
			p.counters.clear();
		},
		/** Counts for tests: live tokens and codes. */
		stats: () => ({ oauth1AccessTokens: oauth1.accessTokens(), ...oauth2.stats() }),
		/** Issues an OAuth 2.0 token pair directly (tests that skip the authorize page). */
		issueOAuth2Tokens: oauth2.issueTokens,
		/** Issues OAuth 1.0a token credentials directly (tests that skip the three-legged flow). */
		issueOAuth1Tokens: oauth1.issueTokens,
	};
}

module.exports = { mount, DEFAULTS, DEFAULT_PROVIDER: DEFAULTS, PNG, parseMultipart };
