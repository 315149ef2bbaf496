/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import { createConcurrencyLimiter, createWindowLimiter } from '../../../lib/http';

describe('createConcurrencyLimiter', () => {
	it('never runs more than max tasks at once and runs them all', async () => {
		const limiter = createConcurrencyLimiter(2);
		let peak = 0;
		const gates: Array<() => void> = [];
		const tasks = [1, 2, 3, 4, 5].map((n) =>
			limiter.run(async () => {
				peak = Math.max(peak, limiter.active);
				await new Promise<void>((r) => gates.push(r));
				return n;
			}),
		);
		// Release gates one by one as they appear.
		for (let released = 0; released < 5; ) {
			await Promise.resolve();
			const g = gates.shift();
			if (g) {
				g();
				released++;
			}
		}
		expect(await Promise.all(tasks)).toEqual([1, 2, 3, 4, 5]);
		expect(peak).toBe(2);
		expect(limiter.active).toBe(0);
	});

	it('frees the slot when a task rejects', async () => {
		const limiter = createConcurrencyLimiter(1);
		await expect(limiter.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
		expect(await limiter.run(async () => 'next')).toBe('next');
	});
	it('gives the slot of a task still running after slowMs back, so one hung call does not stall every caller', async () => {
		const timers: Array<{ ms: number; fire: () => void }> = [];
		const sleep = (ms: number) => new Promise<void>((resolve) => timers.push({ ms, fire: resolve }));
		const limiter = createConcurrencyLimiter(1, { sleep, slowMs: 5000 });
		let hungDone: () => void = () => undefined;
		const hung = limiter.run(() => new Promise<string>((resolve) => (hungDone = () => resolve('late'))));
		let ran = false;
		const next = limiter.run(async () => {
			ran = true;
			return 'next';
		});
		await new Promise((r) => setImmediate(r));
		expect(ran).toBe(false); // still within slowMs: the cap holds
		expect(timers.map((t) => t.ms)).toEqual([5000]);
		timers[0].fire(); // the hung call has run for 5 s
		expect(await next).toBe('next');
		expect(limiter.active).toBe(0);
		hungDone();
		expect(await hung).toBe('late');
		expect(limiter.active).toBe(0); // its slot is not given back twice
	});

	it('keeps the cap for tasks that finish within slowMs', async () => {
		const sleep = () => new Promise<void>(() => undefined);
		const limiter = createConcurrencyLimiter(2, { sleep, slowMs: 5000 });
		let peak = 0;
		await Promise.all([1, 2, 3, 4, 5, 6].map(() => limiter.run(async () => {
			peak = Math.max(peak, limiter.active);
			await new Promise((r) => setImmediate(r));
		})));
		expect(peak).toBe(2);
		expect(limiter.active).toBe(0);
	});
	it('lowers its cap when the server refuses calls as one too many, and grows it back when they are answered', async () => {
		const tick = () => new Promise((r) => setImmediate(r));
		/**
		 * A server that takes 3 calls at once (another process uses the rest of the org's limit) and refuses more with
		 * 429 at once; 200 callers each try up to 20 times, backing off a little after a refusal.
		 */
		const serve = async (limiter: ReturnType<typeof createConcurrencyLimiter>, adaptive: boolean) => {
			let inFlight = 0;
			let refused = 0;
			let gaveUp = 0;
			const call = async () => {
				inFlight++;
				const status = inFlight > 3 ? 429 : 200;
				if (status === 429) refused++;
				for (let i = 0; i < (status === 429 ? 1 : 3); i++) await tick();
				inFlight--;
				return { status };
			};
			const one = async () => {
				for (let attempt = 0; attempt < 20; attempt++) {
					const r = await limiter.run(call, adaptive ? (x) => x.status === 429 : undefined);
					if (r.status === 200) return;
					for (let i = 0; i < 5; i++) await tick();
				}
				gaveUp++;
			};
			await Promise.all(Array.from({ length: 200 }, one));
			return { refused, gaveUp };
		};
		// a fixed cap of 8 keeps the server saturated with refusals: almost every caller gives up
		const fixed = await serve(createConcurrencyLimiter(8), false);
		expect(fixed.gaveUp).toBeGreaterThan(150);
		const limiter = createConcurrencyLimiter(8);
		let lowest = limiter.limit;
		const watch = setInterval(() => (lowest = Math.min(lowest, limiter.limit)), 0);
		const adaptive = await serve(limiter, true);
		clearInterval(watch);
		expect(adaptive.gaveUp).toBe(0);
		expect(adaptive.refused).toBeLessThan(200);
		expect(lowest).toBeLessThanOrEqual(3);
		expect(limiter.limit).toBeGreaterThan(lowest); // answered calls raised it again
	});
});

describe('createWindowLimiter', () => {
	it('lets `limit` calls through per window and sleeps the rest into the next window', async () => {
		let t = 0;
		const sleeps: number[] = [];
		const limiter = createWindowLimiter(2, 1000, () => t, async (ms) => {
			sleeps.push(ms);
			t += ms;
		});
		const times: number[] = [];
		for (let i = 0; i < 5; i++) {
			await limiter.acquire();
			times.push(t);
		}
		expect(times).toEqual([0, 0, 1001, 1001, 2002]);
		expect(sleeps).toEqual([1001, 1001]);
	});
});
