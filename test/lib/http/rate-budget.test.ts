import { createRateBudget, isRateBudgetError, type RateBudget } from '../../../lib/http/rate-budget';
import { createWindowLimiter } from '../../../lib/http/limiter';
import { createRequester } from '../../../lib/hubspot/request';
import type { Transport } from '../../../lib/http/types';
import { createFetchTransport } from '../../support/fetch-transport';
import { createVirtualTime, type VirtualTime } from './virtual-time';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

/* eslint-disable @typescript-eslint/no-explicit-any */
const ACCOUNT = '/account-info/v3/details';

/** Most calls the sandbox counted for the app in any rolling window, and the 429s it answered. */
function windowStats(sb: any, windowMs = 10_000) {
	const calls = (sb.core.log as Array<{ at: number; status: number; system: string }>).filter((e) => e.system === 'hubspot');
	const counted = calls.filter((e) => e.status === 200).map((e) => e.at);
	let worst = 0;
	for (let i = 0, j = 0; i < counted.length; i++) {
		while (counted[j] <= counted[i] - windowMs) j++;
		worst = Math.max(worst, i - j + 1);
	}
	return { worst, tooMany: calls.filter((e) => e.status === 429).length, total: calls.length };
}

/** A caller with network latency in virtual time (20-120 ms each way, deterministic). */
function slowTransport(vt: VirtualTime, sb: any, seed: number): Transport {
	const fetchIt = createFetchTransport({ getToken: () => sb.hubspot.privateAppToken });
	let x = seed;
	const jitter = () => {
		x = (x * 1103515245 + 12345) % 2147483648;
		return 20 + (x % 100);
	};
	return async (request) => {
		await vt.sleep(jitter());
		const response = await vt.io(() => fetchIt(request));
		await vt.sleep(jitter());
		return response;
	};
}

/** `processes` n8n processes, each with its own budget shared by `executions` concurrent executions. */
async function runProcesses(vt: VirtualTime, sb: any, budgets: RateBudget[], executions: number, callsPerProcess: number) {
	const work = budgets.map(async (budget, p) => {
		const limiters = { tenSecond: budget, search: createWindowLimiter(4, 1000, vt.now, vt.sleep) };
		const requester = createRequester({
			transport: slowTransport(vt, sb, p + 1),
			baseUrl: `${sb.url}/hubspot`,
			sleep: vt.sleep,
			now: vt.now,
			limiters,
			retry: { rateLimitRetries: 8, rateLimitBackoff: true },
		});
		let left = callsPerProcess;
		const execution = async () => {
			while (left > 0) {
				left--;
				await requester.call('GET', ACCOUNT);
			}
		};
		await Promise.all(Array.from({ length: executions }, execution));
	});
	await vt.run(Promise.all(work));
}

describe('rate budget following HubSpot\'s X-HubSpot-RateLimit-* headers', () => {
	let sb: any;
	let vt: VirtualTime;
	beforeEach(async () => {
		vt = createVirtualTime();
		sb = await startSandbox({ now: vt.now, hubspot: { tenSecondLimit: 100 } });
	});
	afterEach(async () => {
		await sb.close();
	});

	it('two processes, 20 executions each, share one app budget: at most 100 calls in any 10 s and no 429', async () => {
		const budgets = [0, 1].map(() => createRateBudget({ share: 0.9, now: vt.now, sleep: vt.sleep }));
		await runProcesses(vt, sb, budgets, 20, 200);
		const stats = windowStats(sb);
		expect(stats.tooMany).toBe(0);
		expect(stats.worst).toBeLessThanOrEqual(100);
		expect(stats.total).toBe(400);
		// and the budget is used, not starved: 400 calls at up to 90 per 10 s take a little over 40 s
		expect(vt.now() - Date.parse('2025-03-01T12:00:00.000Z')).toBeLessThan(60_000);
	});

	it('the same two processes each with its own 90-per-10-s window (the limiter before) overrun the app and draw 429s', async () => {
		const perProcess = (): RateBudget => {
			const window = createWindowLimiter(90, 10_000, vt.now, vt.sleep);
			return {
				acquire: async () => {
					await window.acquire();
					return { start: () => undefined, finish: () => undefined };
				},
				status: () => ({ limit: 90, windowMs: 10_000, inFlight: 0 }),
			};
		};
		await runProcesses(vt, sb, [perProcess(), perProcess()], 20, 200);
		const stats = windowStats(sb);
		expect(stats.tooMany).toBeGreaterThan(50);
		expect(stats.total).toBeGreaterThan(450);
	});

	it('leaves what other tools use alone: with a 50% share it stops where the app\'s usage reaches half the limit', async () => {
		// another tool of the same app spent 40 calls just now
		const other = createFetchTransport({ getToken: () => sb.hubspot.privateAppToken });
		for (let i = 0; i < 40; i++) await other({ method: 'GET', url: `${sb.url}/hubspot${ACCOUNT}` });
		const start = vt.now();
		const budget = createRateBudget({ share: 0.5, now: vt.now, sleep: vt.sleep });
		const sent: number[] = [];
		const requester = createRequester({
			transport: async (request) => {
				sent.push(vt.now());
				return vt.io(() => other(request));
			},
			baseUrl: `${sb.url}/hubspot`,
			sleep: vt.sleep,
			now: vt.now,
			limiters: { tenSecond: budget, search: createWindowLimiter(4, 1000, vt.now, vt.sleep) },
		});
		await vt.run(Promise.all(Array.from({ length: 15 }, () => requester.call('GET', ACCOUNT))));
		// 40 + 10 = 50: the first 10 go at once, the other 5 wait for the window to roll
		expect(sent.filter((at) => at === start)).toHaveLength(10);
		expect(sent.filter((at) => at > start)).toHaveLength(5);
		expect(Math.min(...sent.filter((at) => at > start))).toBeGreaterThan(start + 1000);
		expect(windowStats(sb).tooMany).toBe(0);
	});

	it('refuses a call when the day\'s budget left is the part kept for other tools, naming the figures', async () => {
		await sb.close();
		sb = await startSandbox({ now: vt.now, hubspot: { dailyLimit: 100 } });
		const budget = createRateBudget({ share: 0.9, now: vt.now, sleep: vt.sleep });
		const fetchIt = createFetchTransport({ getToken: () => sb.hubspot.privateAppToken });
		const requester = createRequester({
			transport: (request) => vt.io(() => fetchIt(request)),
			baseUrl: `${sb.url}/hubspot`,
			sleep: vt.sleep,
			now: vt.now,
			limiters: { tenSecond: budget, search: createWindowLimiter(4, 1000, vt.now, vt.sleep) },
		});
		let done = 0;
		let error: unknown;
		const loop = async () => {
			for (;;) {
				try {
					await requester.call('GET', ACCOUNT);
					done++;
				} catch (e) {
					error = e;
					return;
				}
			}
		};
		await vt.run(loop());
		expect(done).toBe(90);
		expect(isRateBudgetError(error)).toBe(true);
		expect((error as Error).message).toBe('Daily API limit: 10 of 100 calls left today, and 10 are kept for other tools (using at most 90% of the limit)');
		expect(budget.status()).toMatchObject({ dailyLimit: 100, dailyRemaining: 10, limit: 100, windowMs: 10_000 });
	});
});

describe('rate budget reservations', () => {
	const report = (remaining: number) => ({
		statusCode: 200,
		headers: { 'x-hubspot-ratelimit-max': '10', 'x-hubspot-ratelimit-remaining': String(remaining), 'x-hubspot-ratelimit-interval-milliseconds': '10000' },
	});

	it('a reservation never used stops counting once it lapses: the server never saw it', async () => {
		const vt = createVirtualTime();
		const budget = createRateBudget({ now: vt.now, sleep: vt.sleep, share: 1, limit: 10 });
		let served = 0;
		const call = async () => {
			const slot = await vt.run(budget.acquire());
			served++;
			slot.finish(report(10 - served)); // the server counts what it answered
		};
		await call();
		for (let i = 0; i < 4; i++) await vt.run(budget.acquire({ holdMs: 2_000 })); // reserved, never used
		await vt.run(vt.sleep(2_000));
		const lapsedAt = vt.now();
		// the window holds 1 call: 9 more fit at once (before: 5, then a wait of about 8 s for the window to roll)
		for (let i = 0; i < 9; i++) await call();
		expect(vt.now() - lapsedAt).toBeLessThan(1_000);
		expect(budget.status().remaining).toBe(0);
	});

	it('a reservation used after it lapsed counts again', async () => {
		const vt = createVirtualTime();
		const budget = createRateBudget({ now: vt.now, sleep: vt.sleep, share: 1, limit: 10 });
		(await vt.run(budget.acquire())).finish(report(9));
		const late = await vt.run(budget.acquire({ holdMs: 2_000 }));
		await vt.run(vt.sleep(2_500));
		await vt.run(budget.acquire()).then((s) => s.finish(report(8))); // the lapsed reservation is dropped here
		late.start(); // ... and sent after all
		expect(budget.status().inFlight).toBe(1);
		late.finish(report(7));
		const start = vt.now();
		for (let i = 0; i < 7; i++) (await vt.run(budget.acquire())).finish(report(6 - i));
		expect(vt.now() - start).toBeLessThan(1_000);
		await vt.run(budget.acquire()); // the 11th call in the window waits for it to roll
		expect(vt.now() - start).toBeGreaterThan(5_000);
	});
});

describe('rate budget with calls that hang until their timeout', () => {
	const report = (remaining: number, statusCode = 200) => ({
		statusCode,
		headers: {
			'x-hubspot-ratelimit-max': '100',
			'x-hubspot-ratelimit-remaining': String(remaining),
			'x-hubspot-ratelimit-interval-milliseconds': '10000',
			...(statusCode === 429 ? { 'retry-after': '1' } : {}),
		},
	});

	it('after a 429, probes once Retry-After passed even while an older call still hangs', async () => {
		const vt = createVirtualTime();
		const budget = createRateBudget({ now: vt.now, sleep: vt.sleep });
		const start = vt.now();
		(await vt.run(budget.acquire())).finish(report(90)); // a fresh report
		const hung = await vt.run(budget.acquire()); // never answered (held until the client's 30 s timeout)
		(await vt.run(budget.acquire())).finish(report(0, 429)); // Remaining 0, Retry-After 1 s
		await vt.run(budget.acquire());
		// before: the probe waited for the hung call (up to 90 s); now it goes when the hung call turned slow (5 s)
		expect(vt.now() - start).toBeLessThanOrEqual(5_001);
		expect(vt.now() - start).toBeGreaterThanOrEqual(1_000);
		hung.finish();
	});

	it('hung calls filling the in-flight cap give their places back after slowCallMs, still counted in the window', async () => {
		const vt = createVirtualTime();
		const budget = createRateBudget({ now: vt.now, sleep: vt.sleep, maxInFlight: 5, slowCallMs: 2_000 });
		const start = vt.now();
		(await vt.run(budget.acquire())).finish(report(99));
		const hung = [];
		for (let i = 0; i < 5; i++) hung.push(await vt.run(budget.acquire()));
		expect(vt.now()).toBe(start); // five go at once
		await vt.run(budget.acquire()); // the sixth waits for the five to turn slow, not for their timeout
		expect(vt.now() - start).toBe(2_000);
		expect(budget.status().inFlight).toBe(6);
		for (const h of hung) h.finish();
	});
});
