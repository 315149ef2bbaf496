// Read calls shared across concurrent callers (executions) of one process and credential, without timers: the first
// request of a kind goes out at once; requests of the same kind that arrive while it is in flight wait and go out
// together as the next call, which starts when the previous one ends. A lone request therefore waits for nothing, and
// nothing is held longer than one call: a request is either in the call in flight or in the next one.

/** How one kind of read is merged. `send` is the first waiting request's own: it makes the call with that caller's
 * transport (its n8n context and credential), which is sound because a coalescer is kept per credential. */
export interface MergeSpec<Q, A> {
	/** The values (ids, emails) a request asks for; the merged call holds at most `limit` distinct ones. */
	keys(request: Q): readonly string[];
	/** The CRM's batch limit for this kind of call. */
	limit: number;
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
	busy: boolean;
	queue: Waiting[];
}

/** Takes waiting requests in arrival order while their distinct keys fit the first one's limit (a single request
 * larger than the limit goes alone: its `send` splits it). */
function takeBatch(queue: Waiting[]): Waiting[] {
	const taken: Waiting[] = [];
	const keys = new Set<string>();
	const limit = queue[0].spec.limit;
	while (queue.length) {
		const next = queue[0].spec.keys(queue[0].request);
		const grown = new Set([...keys, ...next]);
		if (taken.length && grown.size > limit) break;
		taken.push(queue.shift() as Waiting);
		for (const k of next) keys.add(k);
	}
	return taken;
}

export function createCoalescer(): Coalescer {
	const lanes = new Map<string, Lane>();

	const pump = (name: string, lane: Lane): void => {
		if (!lane.queue.length) {
			lane.busy = false;
			lanes.delete(name);
			return;
		}
		lane.busy = true;
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
			.finally(() => pump(name, lane));
	};

	return {
		run<Q, A>(name: string, request: Q, spec: MergeSpec<Q, A>): Promise<A> {
			return new Promise<A>((resolve, reject) => {
				let lane = lanes.get(name);
				if (!lane) {
					lane = { busy: false, queue: [] };
					lanes.set(name, lane);
				}
				lane.queue.push({ request, spec: spec as MergeSpec<unknown, unknown>, resolve: resolve as (a: unknown) => void, reject });
				if (!lane.busy) pump(name, lane);
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
