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
