'use strict';
// OAuth 1.0a (RFC 5849) signature code for the sandbox provider: percent-encoding (§3.6), parameter
// normalisation (§3.4.1.3.2), base string (§3.4.1), HMAC-SHA1/256/512 signatures (§3.4.2) and
// Authorization header parsing (§3.5.1). Node stdlib only.
const crypto = require('node:crypto');

const HASHES = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256', 'HMAC-SHA512': 'sha512' };

/** RFC 3986 unreserved characters stay, everything else is %XX upper-case (§3.6). */
function percentEncode(value) {
	return encodeURIComponent(String(value ?? '')).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function percentDecode(value) {
	return decodeURIComponent(String(value).replace(/\+/g, '%20'));
}

/** §3.4.1.2: scheme and host lower-case, default port dropped, no query or fragment. */
function baseStringUri(url) {
	const u = new URL(url);
	const defaultPort = (u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443');
	const port = u.port && !defaultPort ? `:${u.port}` : '';
	return `${u.protocol.toLowerCase()}//${u.hostname.toLowerCase()}${port}${u.pathname || '/'}`;
}

/**
 * §3.4.1.3.2: encode every name and value, sort by name then value (byte order), join with = and &.
 * `params` is a list of [name, value] pairs (decoded); oauth_signature and realm must already be excluded.
 */
function normalizeParameters(params) {
	const encoded = params.map(([k, v]) => [percentEncode(k), percentEncode(v)]);
	encoded.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
	return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Decoded [name, value] pairs of a query string or form body, keeping duplicates (form rules: + is a space). */
function parsePairs(text) {
	if (!text) return [];
	return String(text)
		.split('&')
		.filter(Boolean)
		.map((part) => {
			const i = part.indexOf('=');
			const k = i < 0 ? part : part.slice(0, i);
			const v = i < 0 ? '' : part.slice(i + 1);
			return [percentDecode(k), percentDecode(v)];
		});
}

/**
 * §3.4.1: METHOD & encoded base URI & encoded normalised parameters. `params` = oauth protocol params plus
 * query and form-body params (decoded pairs). The query of `url` is added here.
 */
function signatureBaseString(method, url, params) {
	const u = new URL(url);
	const query = parsePairs(u.search.replace(/^\?/, ''));
	const all = [...query, ...params].filter(([k]) => k !== 'oauth_signature' && k !== 'realm');
	return [String(method).toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalizeParameters(all))].join('&');
}

/** §3.4.2: key = enc(consumerSecret) & enc(tokenSecret); base64 digest. */
function sign(signatureMethod, baseString, consumerSecret, tokenSecret = '') {
	const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret || '')}`;
	if (signatureMethod === 'PLAINTEXT') return key;
	const hash = HASHES[signatureMethod];
	if (!hash) throw new Error(`unsupported signature method ${signatureMethod}`);
	return crypto.createHmac(hash, key).update(baseString).digest('base64');
}

/** §3.5.1: `OAuth realm="x", oauth_consumer_key="..."` -> { name: decodedValue }. Returns null if not OAuth. */
function parseAuthorizationHeader(header) {
	if (!header || !/^OAuth\s/i.test(header)) return null;
	const out = {};
	const re = /([A-Za-z0-9_.~-]+)\s*=\s*"([^"]*)"/g;
	let m;
	while ((m = re.exec(header.slice(6)))) out[m[1]] = percentDecode(m[2]);
	return out;
}

/** Builds an Authorization header value (for tests and clients). */
function authorizationHeader(oauthParams, realm) {
	const parts = Object.entries(oauthParams).map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`);
	if (realm !== undefined) parts.unshift(`realm="${percentEncode(realm)}"`);
	return `OAuth ${parts.join(', ')}`;
}

/**
 * Signs a request the way a client does and returns the full oauth params including oauth_signature.
 * { method, url, consumerKey, consumerSecret, token?, tokenSecret?, signatureMethod?, nonce?, timestamp?, bodyParams?, extra? }
 */
function signRequest(opts) {
	const oauth = {
		oauth_consumer_key: opts.consumerKey,
		oauth_nonce: opts.nonce || crypto.randomBytes(12).toString('hex'),
		oauth_signature_method: opts.signatureMethod || 'HMAC-SHA1',
		oauth_timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
		oauth_version: '1.0',
		...(opts.token ? { oauth_token: opts.token } : {}),
		...(opts.extra || {}),
	};
	if (opts.version === false) delete oauth.oauth_version;
	const base = signatureBaseString(opts.method, opts.url, [...Object.entries(oauth), ...(opts.bodyParams || [])]);
	return { ...oauth, oauth_signature: sign(oauth.oauth_signature_method, base, opts.consumerSecret, opts.tokenSecret) };
}

/** Constant-time comparison of two base64 signatures. */
function safeEqual(a, b) {
	const x = Buffer.from(String(a));
	const y = Buffer.from(String(b));
	return x.length === y.length && crypto.timingSafeEqual(x, y);
}

module.exports = {
	HASHES,
	percentEncode,
	percentDecode,
	baseStringUri,
	normalizeParameters,
	parsePairs,
	signatureBaseString,
	sign,
	parseAuthorizationHeader,
	authorizationHeader,
	signRequest,
	safeEqual,
};
