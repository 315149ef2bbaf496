'use strict';
// Basic and API key resources of the sandbox provider, and the Invoke URL feature resources behind them:
//   * echo (protected), * public/echo, GET binary (PNG)
//   GET paged?style=next|link|page|offset&total&size (protected list of records, 4 paging styles)
//   * account/echo (API key + X-Account-Id header required), GET latin1 (text in ISO-8859-1)
const { PNG, safeEqual, int, describeRequest } = require('./request');

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="sandbox provider", charset="UTF-8"' };

/** Who is calling: { type: 'basic' | 'apiKey', user } or { error }. */
function basicOrApiKey(ctx, opts) {
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

const unauthorized = (ctx, message) => ctx.send(401, { ok: false, error: 'unauthorized', message }, BASIC_CHALLENGE);

/**
 * A list of `total` records in pages of `size`, paged by a next URL in the body (style=next, cursor), an RFC 8288
 * Link header (style=link), a page number (style=page, 1-based) or an offset (style=offset, 0-based).
 */
function pagedList(ctx) {
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
}

function mountBasic({ opts, route, routeAny }) {
	routeAny('/echo', (ctx) => {
		const auth = basicOrApiKey(ctx, opts);
		if (auth.error) return unauthorized(ctx, auth.error);
		return ctx.send(200, describeRequest(ctx, { auth }));
	});
	routeAny('/public/echo', (ctx) => ctx.send(200, describeRequest(ctx, { auth: { type: 'none' } })));
	route('GET', '/binary', (ctx) =>
		ctx.send(200, PNG, { 'content-type': 'image/png', 'content-length': String(PNG.length), 'content-disposition': 'inline; filename="sandbox.png"' }),
	);
	route('GET', '/paged', (ctx) => {
		const auth = basicOrApiKey(ctx, opts);
		if (auth.error) return unauthorized(ctx, auth.error);
		return pagedList(ctx);
	});
	// Like a Zoho Connection with several parameters: the API key and an account id header are both required.
	routeAny('/account/echo', (ctx) => {
		const auth = basicOrApiKey(ctx, opts);
		if (auth.error || auth.type !== 'apiKey') return unauthorized(ctx, auth.error || 'an API key is required');
		const account = ctx.headers['x-account-id'];
		if (!account) return ctx.send(400, { ok: false, error: 'missing_account', message: 'The X-Account-Id header is required' });
		return ctx.send(200, describeRequest(ctx, { auth, account }));
	});
	route('GET', '/latin1', (ctx) => ctx.send(200, Buffer.from('Grüße aus Köln, café à 5 francs', 'latin1'), { 'content-type': 'text/plain; charset=ISO-8859-1' }));
}

module.exports = { mountBasic, basicOrApiKey };
