'use strict';
// The sandbox's HTTP core: a tiny router, body parsing, a request log with counts per
// endpoint, and fault injection (429 / 5xx rates, latency, timeouts). Emulators for the
// OAuth provider, HubSpot and Zoho mount their routes on it (see index.js).
const http = require('node:http');
const { URL } = require('node:url');

/** Host names a real client would call; mapped onto path prefixes so the sandbox can stand in for them. */
const HOST_PREFIXES = {
	'api.hubapi.com': '/hubspot',
	'app.hubspot.com': '/hubspot',
	'www.zohoapis.com': '/zoho',
	'accounts.zoho.com': '/zoho-accounts',
};

function createCore(options = {}) {
	const now = options.now || (() => Date.now());
	const routes = [];
	const log = []; // { at, method, path, route, status, system, fault?, ms (when answered or closed) }
	const counts = new Map(); // "METHOD routePattern" -> n
	const faults = {
		rate429: 0, // 0..1 probability per API call
		rate5xx: 0,
		timeoutRate: 0, // request is held unanswered (client must time out); the connection drops after holdMs
		holdMs: 60000,
		latencyMs: 0, // added to every API call
		random: Math.random,
		...(options.faults || {}),
	};
	const held = new Set();

	/** pattern like '/hubspot/crm/v3/objects/:objectType/:id'; opts.api=false exempts a route from faults and counting. */
	function route(method, pattern, handler, opts = {}) {
		const keys = [];
		const re = new RegExp(
			'^' +
				pattern.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '*' ? '(.*)' : `\\${c}`)).replace(/\\?:([A-Za-z_]+)/g, (_, k) => {
					keys.push(k);
					return '([^/]+)';
				}) +
				'/?$',
		);
		routes.push({ method, pattern, re, keys, handler, api: opts.api !== false, system: opts.system || pattern.split('/')[1] });
	}

	function matchRoute(method, pathname) {
		for (const r of routes) {
			if (r.method !== method && r.method !== '*') continue;
			const m = r.re.exec(pathname);
			if (!m) continue;
			const params = {};
			r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
			return { r, params };
		}
		return null;
	}

	function send(res, status, body, headers = {}) {
		if (res.writableEnded) return;
		if (body === undefined || body === null || status === 204 || status === 304) {
			res.writeHead(status, headers);
			res.end();
			return;
		}
		if (typeof body === 'string' || Buffer.isBuffer(body)) {
			res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
			res.end(body);
			return;
		}
		res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
		res.end(JSON.stringify(body));
	}

	async function readBody(req) {
		const chunks = [];
		for await (const c of req) chunks.push(c);
		return Buffer.concat(chunks);
	}

	function parseBody(raw, contentType) {
		if (!raw.length) return undefined;
		const text = raw.toString('utf8');
		if (/json/i.test(contentType || '')) {
			try {
				return JSON.parse(text);
			} catch {
				return { __invalidJson: text };
			}
		}
		if (/x-www-form-urlencoded/i.test(contentType || '')) {
			return Object.fromEntries(new URLSearchParams(text));
		}
		return text;
	}

	/** Emulators register fault responders per system so injected errors have each CRM's real shape. */
	const faultShapes = {};
	function setFaultShape(system, shape) {
		faultShapes[system] = shape;
	}

	async function handle(req, res) {
		const hostName = String(req.headers.host || '').split(':')[0].toLowerCase();
		const url = new URL(req.url, 'http://sandbox.local');
		let pathname = url.pathname;
		const hostPrefix = HOST_PREFIXES[hostName];
		if (hostPrefix && !pathname.startsWith(hostPrefix + '/')) pathname = hostPrefix + pathname;
		const raw = await readBody(req);
		const found = matchRoute(req.method, pathname);
		const entry = { at: now(), method: req.method, path: pathname, route: found ? found.r.pattern : null, status: 0 };
		// when the answer went out (or the connection closed unanswered): load traces read call durations from it
		res.once('close', () => (entry.ms = now() - entry.at));
		if (!found) {
			entry.status = 404;
			log.push(entry);
			return send(res, 404, { status: 'error', message: `No sandbox route for ${req.method} ${pathname}` });
		}
		const { r, params } = found;
		entry.system = r.system;
		if (r.api) {
			const key = `${req.method} ${r.pattern}`;
			counts.set(key, (counts.get(key) || 0) + 1);
			log.push(entry);
			if (faults.latencyMs > 0) await new Promise((ok) => setTimeout(ok, faults.latencyMs));
			if (faults.timeoutRate > 0 && faults.random() < faults.timeoutRate) {
				entry.status = 'timeout';
				entry.fault = true;
				held.add(res);
				// Not answered; after holdMs the connection is dropped, as a real load balancer's idle timeout would
				// (a client that never times out, such as an OAuth refresh inside n8n, is not held for ever).
				const drop = setTimeout(() => res.destroy(), faults.holdMs ?? 60000);
				drop.unref?.();
				res.on('close', () => {
					clearTimeout(drop);
					held.delete(res);
				});
				return undefined; // never answered
			}
			const shape = faultShapes[r.system];
			if (faults.rate429 > 0 && faults.random() < faults.rate429) {
				entry.status = 429;
				entry.fault = true;
				const f = shape ? shape(429) : { status: 429, body: { message: 'Too many requests' }, headers: {} };
				return send(res, f.status, f.body, f.headers);
			}
			if (faults.rate5xx > 0 && faults.random() < faults.rate5xx) {
				entry.status = 503;
				entry.fault = true;
				const f = shape ? shape(503) : { status: 503, body: { message: 'Service unavailable' }, headers: {} };
				return send(res, f.status, f.body, f.headers);
			}
		}
		const ctx = {
			req,
			res,
			method: req.method,
			path: pathname,
			params,
			query: Object.fromEntries(url.searchParams),
			searchParams: url.searchParams,
			headers: req.headers,
			rawBody: raw,
			body: parseBody(raw, req.headers['content-type']),
			send: (status, body, headers) => {
				entry.status = status;
				return send(res, status, body, headers);
			},
		};
		try {
			await r.handler(ctx);
			if (!res.writableEnded && !held.has(res)) ctx.send(500, { status: 'error', message: 'sandbox handler sent nothing' });
		} catch (err) {
			ctx.send(500, { status: 'error', message: `sandbox error: ${err && err.message}` });
		}
		return undefined;
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => send(res, 500, { status: 'error', message: String(err) }));
	});

	function countsFor(prefix) {
		const out = {};
		for (const [k, v] of counts) if (!prefix || k.includes(prefix)) out[k] = v;
		return out;
	}
	function totalCalls(filter) {
		let n = 0;
		for (const [k, v] of counts) if (!filter || filter(k)) n += v;
		return n;
	}
	function resetLog() {
		log.length = 0;
		counts.clear();
	}

	return { server, route, send, faults, setFaultShape, log, counts, countsFor, totalCalls, resetLog, now, held };
}

module.exports = { createCore, HOST_PREFIXES };
