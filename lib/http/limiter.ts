import type { Now, Sleep } from './types';

export interface ConcurrencyLimiter {
	run<T>(task: () => Promise<T>): Promise<T>;
	readonly active: number;
}

export interface ConcurrencyOptions {
	/**
	 * With `sleep`, a task still running after `slowMs` gives its slot back (it keeps running): a call that hangs until
	 * its timeout must not hold up every other caller of the process for that long. The server's own limit answers a
	 * call too many with 429, which is retried, so the cap errs only towards that.
	 */
	sleep?: Sleep;
	/** Default 5 000 ms. */
	slowMs?: number;
}

/** At most `max` tasks in flight (Zoho counts concurrency per org and app). Promise-only unless `sleep` is given. */
export function createConcurrencyLimiter(max: number, options: ConcurrencyOptions = {}): ConcurrencyLimiter {
	let active = 0;
	const waiting: Array<() => void> = [];
	const slowMs = options.slowMs ?? 5_000;
	const slot = () => {
		let held = true;
		return () => {
			if (!held) return;
			held = false;
			active--;
			const next = waiting.shift();
			if (next) next();
		};
	};
	return {
		get active() {
			return active;
		},
		async run<T>(task: () => Promise<T>): Promise<T> {
			if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
			active++;
			const release = slot();
			let done = false;
			if (options.sleep) void options.sleep(slowMs).then(() => !done && release(), () => undefined);
			try {
				return await task();
			} finally {
				done = true;
				release();
			}
		},
	};
}

export interface WindowLimiter {
	/** Resolves when one more call fits into the rolling window. */
	acquire(): Promise<void>;
}

/** Rolling-window budget, e.g. HubSpot's 100 calls per 10 s or search's 5 per second. */
export function createWindowLimiter(limit: number, windowMs: number, now: Now, sleep: Sleep): WindowLimiter {
	const stamps: number[] = [];
	let chain: Promise<void> = Promise.resolve();
	const take = async () => {
		for (;;) {
			const t = now();
			while (stamps.length && stamps[0] <= t - windowMs) stamps.shift();
			if (stamps.length < limit) {
				stamps.push(t);
				return;
			}
			await sleep(stamps[0] + windowMs - t + 1);
		}
	};
	return {
		acquire() {
			// Serialise waiters so they are served in arrival order.
			const next = chain.then(take);
			chain = next.catch(() => undefined);
			return next;
		},
	};
}
