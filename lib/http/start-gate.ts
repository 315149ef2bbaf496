// Executions that start together share their calls (lib/http/coalesce.ts). Deliveries that reach one n8n process at
// the same moment do not start together: n8n starts their executions one after another, tens of ms apart on a busy
// process, so each execution's first read would go in a call of its own. The gate lets an execution that starts while
// deliveries accepted before it have not started yet wait for them (never for later ones), bounded: an accepted
// delivery that has not started within `expireMs` (its workflow stopped before the Sync node, or the process is
// overloaded) no longer holds anyone. A delivery accepted in another process (queue mode: the webhook process) is
// never seen here, so a worker's executions never wait. Nothing but counts and times is kept.
import type { Now } from './types';

export interface StartGate {
	/** A trigger of `source` accepted a delivery in this process: an execution will start for it. */
	arrived(source: string): void;
	/** An execution for `source` started: the oldest accepted delivery is taken as its own. */
	started(source: string): void;
	/**
	 * Resolves when every delivery of `source` accepted before this call has started, or has waited `expireMs` since it
	 * was accepted; at once when there is none.
	 */
	wait(source: string): Promise<void>;
}

export interface StartGateOptions {
	now: Now;
	sleep: (ms: number) => Promise<void>;
	/** How long an accepted delivery may hold others (default 1 000 ms). */
	expireMs?: number;
}

interface Arrival {
	seq: number;
	at: number;
}

interface Waiter {
	upTo: number;
	resolve(): void;
}

interface Source {
	arrivals: Arrival[];
	waiters: Waiter[];
}

export function createStartGate(options: StartGateOptions): StartGate {
	const expireMs = options.expireMs ?? 1_000;
	const sources = new Map<string, Source>();
	let seq = 0;
	const of = (name: string): Source => {
		let s = sources.get(name);
		if (!s) {
			s = { arrivals: [], waiters: [] };
			sources.set(name, s);
		}
		return s;
	};
	/** Drops expired arrivals and releases every waiter none of whose earlier arrivals is still pending. */
	const settle = (s: Source): void => {
		const now = options.now();
		while (s.arrivals.length && s.arrivals[0].at + expireMs <= now) s.arrivals.shift();
		const oldest = s.arrivals[0]?.seq ?? Infinity;
		const released = s.waiters.filter((w) => oldest > w.upTo);
		s.waiters = s.waiters.filter((w) => oldest <= w.upTo);
		for (const w of released) w.resolve();
	};

	return {
		arrived(name) {
			const s = of(name);
			settle(s);
			s.arrivals.push({ seq: ++seq, at: options.now() });
		},
		started(name) {
			const s = of(name);
			s.arrivals.shift();
			settle(s);
		},
		wait(name) {
			const s = of(name);
			settle(s);
			const last = s.arrivals[s.arrivals.length - 1];
			if (!last) return Promise.resolve();
			return new Promise<void>((resolve) => {
				const waiter: Waiter = { upTo: last.seq, resolve };
				s.waiters.push(waiter);
				// Wake when the oldest arrival still pending expires, and again until released.
				const tick = (): void => {
					settle(s);
					if (!s.waiters.includes(waiter) || !s.arrivals.length) return;
					void options.sleep(Math.max(1, s.arrivals[0].at + expireMs - options.now())).then(tick);
				};
				tick();
			});
		},
	};
}
