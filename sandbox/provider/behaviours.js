'use strict';
// Behaviours of the sandbox provider that no credential type owns: rate limits, injected failures, slow answers
// and redirects, each counted per `key` so a test can ask how often it was called.
//   * rate-limited?key&times&retryAfter[&format=date], * flaky?key&fail&status, * slow?key&delayMs (answers 201 after
//   the delay, whether the client still waits or not), GET attempts?kind&key, * redirect?to&status (to: absolute or
//   relative URL; status 301/302/303/307/308)
const { int } = require('./request');

function mountBehaviours({ route, routeAny, nowMs, counters }) {
	const bump = (prefix, key) => {
		const k = `${prefix}:${key || 'default'}`;
		const n = (counters.get(k) || 0) + 1;
		counters.set(k, n);
		return n;
	};
	const okAfter = (ctx, status, n, extra = {}) => ctx.send(status, { ok: true, ...extra, attempt: n, key: ctx.query.key || 'default' });
	routeAny('/rate-limited', (ctx) => {
		const times = int(ctx.query.times, 1);
		const retryAfter = int(ctx.query.retryAfter, 1);
		const n = bump('rate', ctx.query.key);
		if (n <= times) {
			// Retry-After as delay-seconds (default) or as an HTTP-date (?format=date), RFC 9110 §10.2.3.
			const value = ctx.query.format === 'date' ? new Date(nowMs() + retryAfter * 1000).toUTCString() : String(retryAfter);
			return ctx.send(429, { ok: false, error: 'rate_limited', message: `Too many requests, retry after ${retryAfter}s`, attempt: n }, { 'Retry-After': value });
		}
		return okAfter(ctx, 200, n);
	});
	routeAny('/flaky', (ctx) => {
		const fail = int(ctx.query.fail, 1);
		const status = int(ctx.query.status, 503) || 503;
		const n = bump('flaky', ctx.query.key);
		if (n <= fail) return ctx.send(status, { ok: false, error: 'flaky', message: `Injected failure ${n} of ${fail}`, attempt: n });
		return okAfter(ctx, 200, n);
	});
	routeAny('/slow', async (ctx) => {
		const n = bump('slow', ctx.query.key);
		await new Promise((resolve) => setTimeout(resolve, Math.min(int(ctx.query.delayMs, 1000), 30_000)));
		return okAfter(ctx, 201, n, { created: true });
	});
	route('GET', '/attempts', (ctx) => ctx.send(200, { kind: ctx.query.kind, key: ctx.query.key || 'default', count: counters.get(`${ctx.query.kind}:${ctx.query.key || 'default'}`) || 0 }));
	routeAny('/redirect', (ctx) => {
		const status = [301, 302, 303, 307, 308].includes(int(ctx.query.status, 302)) ? int(ctx.query.status, 302) : 302;
		if (!ctx.query.to) return ctx.send(400, { ok: false, error: 'to is required' });
		return ctx.send(status, undefined, { Location: ctx.query.to });
	});
}

module.exports = { mountBehaviours };
