/**
 * A bounded "recently seen" record that survives in n8n workflow static data (plain JSON).
 * Keys are kept in insertion order; past `cap` the oldest fall out. Used to drop webhook events
 * that were already delivered (HubSpot retries and may duplicate deliveries, docs/crm-api-notes.md §1.3-1.4).
 */
export interface SeenState {
	/** Oldest first. */
	keys: string[];
}

export const DEFAULT_SEEN_CAP = 5000;

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
 * Keeps the items whose key is neither in `state` nor repeated earlier in `items`, records their keys
 * (mutating `state`) and trims it to `cap` keys, oldest out.
 */
export function filterUnseen<T>(
	state: SeenState,
	items: T[],
	keyOf: (item: T) => string,
	cap = DEFAULT_SEEN_CAP,
): SeenFilterResult<T> {
	const known = new Set(state.keys);
	const fresh: T[] = [];
	const duplicates: T[] = [];
	for (const item of items) {
		const key = keyOf(item);
		if (known.has(key)) {
			duplicates.push(item);
			continue;
		}
		known.add(key);
		state.keys.push(key);
		fresh.push(item);
	}
	const limit = Math.max(1, Math.floor(cap));
	if (state.keys.length > limit) state.keys.splice(0, state.keys.length - limit);
	return { fresh, duplicates };
}
