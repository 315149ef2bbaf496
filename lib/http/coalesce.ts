// Read calls shared across concurrent callers (executions) of one process and credential, without timers: the first
// request of a kind goes out at once; requests of the same kind that arrive while it is in flight wait and go out
// together as the next call, which starts when the previous one ends. A lone request therefore waits for nothing, and
// nothing is held longer than one call: a request is either in the call in flight or in the next one.
import type { Now } from './types';

/** How one kind of read is merged. `send` is the first waiting request's own: it makes the call with that caller's
 * transport (its n8n context and credential), which is sound because a coalescer is kept per credential. */
export interface MergeSpec<Q, A> {
	/** The values (ids, emails) a request asks for; the merged call holds at most `limit` distinct ones. */
	keys(request: Q): readonly string[];
	/** The CRM's batch limit for this kind of call. */
	limit: number;
	/**
	 * Requests whose keys overlap never share a call (writes: two upserts of one email). An overlapping request waits
	 * for the next call, and so does any later request overlapping it, so requests touching one key keep their order.
	 */
	exclusive?: boolean;
	/** One call for all `requests`; answers[i] is requests[i]'s own answer. */
	send(requests: Q[]): Promise<A[]>;
}

export interface Coalescer {
	/** Runs `request` in the next call of kind `lane` and resolves with its own answer (or rejects with the call's error). */
	run<Q, A>(lane: string, request: Q, spec: MergeSpec<Q, A>): Promise<A>;
}

interface Waiting {
	request: unknown;
	spec: MergeSpec<unknown, unknown>;
	resolve(answer: unknown): void;
	reject(error: unknown): void;
}

interface Lane {
	/** Start times of the calls of this kind in flight; more than one only after a stall (CoalescerOptions.stallMs). */
	starts: number[];
	queue: Waiting[];
	/** A first request found the lane idle and its call waits for CoalescerOptions.settle. */
	settling?: boolean;
}

export interface CoalescerOptions {
	/** Injected clock; without it a call in flight is never considered stalled. */
	now?: Now;
	/**
	 * A request arriving when the newest call in flight has run this long does not wait for it: it goes out at once,
	 * with every request waiting, as a call of its own. A call hanging until its timeout (30 s and more, retries
	 * included) must not hold up every execution's reads of that kind. Default 5 000 ms, as the limiters' slow-call
	 * release (lib/http/limiter.ts).
	 */
	stallMs?: number;
	/**
	 * A request that finds its kind idle waits for this before its call goes (in n8n: one timer tick, about 1 ms), so
	 * that the requests made in the same moment join it: executions that an answered call or a start gate
	 * (lib/http/start-gate.ts) resumes together reach their next call one after another within that tick, and without
	 * it the first would go alone and the rest in a second call. Without it a lone request goes at once.
	 */
	settle?: () => Promise<void>;
}

/** Takes waiting requests in arrival order while their distinct keys fit the first one's limit (a single request
 * larger than the limit goes alone: its `send` splits it). With `exclusive`, a request overlapping the keys taken or
 * left behind so far stays in the queue, in its place, for the next call. */
function takeBatch(queue: Waiting[]): Waiting[] {
	const taken: Waiting[] = [];
	const keys = new Set<string>();
	const blocked = new Set<string>();
	const { limit, exclusive } = queue[0].spec;
	let i = 0;
	while (i < queue.length) {
		const next = queue[i].spec.keys(queue[i].request);
		if (exclusive && next.some((k) => keys.has(k) || blocked.has(k))) {
			for (const k of next) blocked.add(k);
			i++;
			continue;
		}
		const grown = new Set([...keys, ...next]);
		if (taken.length && grown.size > limit) break;
		taken.push(queue.splice(i, 1)[0]);
		for (const k of next) keys.add(k);
	}
	return taken;
}

export function createCoalescer(options: CoalescerOptions = {}): Coalescer {
	const lanes = new Map<string, Lane>();
	const stallMs = options.stallMs ?? 5_000;
	/** No call in flight, or even the newest one has run stallMs: the waiting requests go now. */
	const free = (lane: Lane) =>
		!lane.settling && (!lane.starts.length || (options.now !== undefined && options.now() - Math.max(...lane.starts) >= stallMs));

	const pump = (name: string, lane: Lane): void => {
		if (!lane.queue.length) {
			if (!lane.starts.length) lanes.delete(name);
			return;
		}
		const started = options.now?.() ?? 0;
		lane.starts.push(started);
		const batch = takeBatch(lane.queue);
		let call: Promise<unknown[]>;
		try {
			call = batch[0].spec.send(batch.map((w) => w.request));
		} catch (error) {
			call = Promise.reject(error);
		}
		call
			.then(
				(answers) => batch.forEach((w, i) => w.resolve(answers[i])),
				(error: unknown) => batch.forEach((w) => w.reject(error)),
			)
			.finally(() => {
				lane.starts.splice(lane.starts.indexOf(started), 1);
				if (free(lane)) pump(name, lane);
			});
	};

	return {
		run<Q, A>(name: string, request: Q, spec: MergeSpec<Q, A>): Promise<A> {
			return new Promise<A>((resolve, reject) => {
				let lane = lanes.get(name);
				if (!lane) {
					lane = { starts: [], queue: [] };
					lanes.set(name, lane);
				}
				lane.queue.push({ request, spec: spec as MergeSpec<unknown, unknown>, resolve: resolve as (a: unknown) => void, reject });
				if (!free(lane)) return;
				if (!options.settle || lane.starts.length) return pump(name, lane);
				const idle = lane;
				idle.settling = true;
				const go = () => {
					idle.settling = false;
					if (free(idle)) pump(name, idle);
				};
				options.settle().then(go, go);
			});
		},
	};
}

/** The union of several property or field lists, in first-seen order. */
export function unionOf(lists: ReadonlyArray<readonly string[] | undefined>): string[] {
	return [...new Set(lists.flatMap((l) => l ?? []))];
}

/**
 * A copy of `values` without the names other callers asked for and this one did not, so each caller sees what it
 * would have got alone (names nobody asked for, such as a CRM's default properties, stay).
 */
export function withoutOthers<T>(values: Record<string, T>, own: readonly string[], all: readonly string[], keep: readonly string[] = []): Record<string, T> {
	const mine = new Set([...own, ...keep]);
	const out: Record<string, T> = { ...values };
	for (const name of all) if (!mine.has(name)) delete out[name];
	return out;
}
