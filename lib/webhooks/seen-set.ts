/**
 * A bounded "recently seen" record that survives in n8n workflow static data (plain JSON).
 * Keys are kept in insertion order; past `cap` the oldest fall out. Used to drop webhook events
 * that were already delivered (HubSpot retries and may duplicate deliveries, docs/crm-api-notes.md §1.3-1.4).
 */
export interface SeenState {
	/** Oldest first. */
	keys: string[];
}

/**
 * A read-only seen record that answers membership without being copied (RecentKeys.recall gives one): filtering
 * against it records nothing, the owner of the record does.
 */
export interface SeenView {
	has(key: string): boolean;
	/** Oldest first, built when read. */
	readonly keys: string[];
}

export const DEFAULT_SEEN_CAP = 5000;

const isView = (state: SeenState | SeenView): state is SeenView => typeof (state as Partial<SeenView>).has === 'function';

/** Returns the state object stored under `field` of `holder`, creating or repairing it. */
export function seenStateIn(holder: Record<string, unknown>, field = 'seen'): SeenState {
	const existing = holder[field] as Partial<SeenState> | undefined;
	if (existing && Array.isArray(existing.keys)) return existing as SeenState;
	const fresh: SeenState = { keys: [] };
	holder[field] = fresh;
	return fresh;
}

export interface SeenFilterResult<T> {
	fresh: T[];
	duplicates: T[];
}

/**
 * Keeps the items whose key is neither in `state` nor repeated earlier in `items`. A stored SeenState also records
 * their keys (mutating it) and is trimmed to `cap` keys, oldest out; a SeenView is only read.
 */
export function filterUnseen<T>(
	state: SeenState | SeenView,
	items: T[],
	keyOf: (item: T) => string,
	cap = DEFAULT_SEEN_CAP,
): SeenFilterResult<T> {
	const view = isView(state) ? state : undefined;
	const known = new Set(view ? [] : state.keys);
	const fresh: T[] = [];
	const duplicates: T[] = [];
	for (const item of items) {
		const key = keyOf(item);
		if (known.has(key) || view?.has(key)) {
			duplicates.push(item);
			continue;
		}
		known.add(key);
		if (!view) state.keys.push(key);
		fresh.push(item);
	}
	if (!view) {
		const limit = Math.max(1, Math.floor(cap));
		if (state.keys.length > limit) state.keys.splice(0, state.keys.length - limit);
	}
	return { fresh, duplicates };
}
