import type { Now, Sleep } from './types';

export interface ConcurrencyLimiter {
	/**
	 * Runs `task` when a slot is free. `overloaded` tells from its result that the server refused it for being one too
	 * many (Zoho: 429): the cap then halves, and grows back by one after as many answered calls as the cap.
	 */
	run<T>(task: () => Promise<T>, overloaded?: (result: T) => boolean): Promise<T>;
	readonly active: number;
	/** The cap now: `max`, or less after the server said it was overloaded. */
	readonly limit: number;
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

/**
 * At most `max` tasks in flight (Zoho counts concurrency per org and app). Several processes (queue-mode workers) each
 * have their own limiter and cannot see each other; the server's 429s are the shared signal, so each process lowers its
 * cap when refused and raises it again slowly. Promise-only unless `sleep` is given.
 */
export function createConcurrencyLimiter(max: number, options: ConcurrencyOptions = {}): ConcurrencyLimiter {
	const slowMs = options.slowMs ?? 5_000;
	let cap = Math.max(1, max);
	let active = 0;
	let answered = 0;
	/** Calls started before the last decrease cannot tell anything new about the lower cap. */
	let epoch = 0;
	const waiting: Array<() => void> = [];
	const pump = () => {
		while (waiting.length && active < cap) {
			active++;
			waiting.shift()!();
		}
	};
	const slot = () => {
		let held = true;
		return () => {
			if (!held) return;
			held = false;
			active--;
			pump();
		};
	};
	const feedback = (startedIn: number, refused: boolean) => {
		if (refused) {
			if (startedIn !== epoch) return;
			epoch++;
			cap = Math.max(1, Math.floor(cap / 2));
			answered = 0;
		} else if (cap < max && ++answered >= cap) {
			cap++;
			answered = 0;
			pump();
		}
	};
	return {
		get active() {
			return active;
		},
		get limit() {
			return cap;
		},
		async run<T>(task: () => Promise<T>, overloaded?: (result: T) => boolean): Promise<T> {
			if (active < cap && waiting.length === 0) active++;
			else await new Promise<void>((resolve) => waiting.push(resolve));
			const release = slot();
			const startedIn = epoch;
			let done = false;
			if (options.sleep) void options.sleep(slowMs).then(() => !done && release(), () => undefined);
			try {
				const result = await task();
				if (overloaded) feedback(startedIn, overloaded(result));
				return result;
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
