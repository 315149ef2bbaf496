/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Virtual time for tests with many concurrent callers: sleep() waits on a timer queue and time jumps to the next timer
// only once every caller is waiting (no real HTTP call in flight, microtasks drained). Unlike a clock whose sleep
// advances time at once, concurrent sleepers overlap as they would in real time.
export interface VirtualTime {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
	/** Wraps real I/O so time stands still while it runs. */
	io: <T>(work: () => Promise<T>) => Promise<T>;
	/** Drives time until `done` settles. */
	run: <T>(done: Promise<T>) => Promise<T>;
}

export function createVirtualTime(start = Date.parse('2025-03-01T12:00:00.000Z')): VirtualTime {
	let t = start;
	let seq = 0;
	let busy = 0;
	const timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
	const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

	async function idle(): Promise<void> {
		for (let quiet = 0; quiet < 3; ) {
			await tick();
			if (busy > 0) {
				quiet = 0;
				await new Promise<void>((resolve) => setTimeout(resolve, 1));
			} else quiet++;
		}
	}

	return {
		now: () => t,
		sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: t + Math.max(0, ms), seq: seq++, resolve })),
		async io(work) {
			busy++;
			try {
				return await work();
			} finally {
				busy--;
			}
		},
		async run(done) {
			let settled = false;
			done.then(() => (settled = true), () => (settled = true));
			for (;;) {
				await idle();
				if (settled) return done;
				if (timers.length === 0) throw new Error('virtual time: every caller waits and no timer is set (deadlock)');
				timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
				const at = timers[0].at;
				t = Math.max(t, at);
				while (timers.length && timers[0].at <= t) timers.shift()!.resolve();
			}
		},
	};
}
