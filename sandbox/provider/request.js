'use strict';
// What the provider's echo-style resources answer: the request as the server saw it, secrets removed; a minimal
// multipart/form-data reader; and the small helpers every protocol file shares (random tokens, constant-time compare,
// integer query parameters).
const crypto = require('node:crypto');
const { safeEqual: safeEqualStrings } = require('./oauth1-signature');

/** A 1x1 transparent PNG (70 bytes). */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);

const REDACT_HEADERS = ['authorization', 'x-api-key', 'cookie', 'proxy-authorization'];
const REDACT_QUERY = ['api_key', 'access_token', 'client_secret', 'oauth_signature'];

const randomToken = (prefix) => `${prefix}${crypto.randomBytes(18).toString('base64url')}`;
const safeEqual = (a, b) => safeEqualStrings(a ?? '', b ?? '');
/** A non-negative integer query parameter, or `dflt` when it is absent or not a number. */
const int = (v, dflt) => (v === undefined || v === '' || Number.isNaN(Number(v)) ? dflt : Math.max(0, Math.floor(Number(v))));

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

module.exports = { PNG, randomToken, safeEqual, int, parseMultipart, describeRequest };
