/**
 * Recently seen webhook event keys, per trigger, in process memory, in two stages:
 * - pending: keys of a delivery handed back to n8n whose execution is not known to have started yet. They already
 *   block a concurrent copy of the same delivery, but are never persisted and are dropped when the delivery turns
 *   out to have started nothing (n8n answered 5xx, the connection closed first), so the sender's retry is accepted;
 * - confirmed: keys of deliveries that started an execution, oldest first, at most `cap` per trigger.
 * The least recently used triggers fall out past `maxScopes`. Framework-free: the caller decides when a delivery
 * was handed over (lib/webhooks/handover.ts).
 */
import { whenHandedOver } from './handover';
import type { SeenState, SeenView } from './seen-set';

interface ScopeKeys {
	/** Insertion-ordered: oldest first. A Set, so a delivery is checked in O(1), not by copying the whole window. */
	confirmed: Set<string>;
	pending: Set<string>;
}

export class RecentKeys {
	private readonly scopes = new Map<string, ScopeKeys>();

	constructor(private readonly maxScopes = 50) {}

	private touch(scope: string): ScopeKeys {
		const found = this.scopes.get(scope) ?? { confirmed: new Set<string>(), pending: new Set<string>() };
		this.scopes.delete(scope);
		this.scopes.set(scope, found);
		for (const oldest of this.scopes.keys()) {
			if (this.scopes.size <= this.maxScopes) break;
			this.scopes.delete(oldest);
		}
		return found;
	}

	/**
	 * Merges the keys stored in static data into the confirmed record (as its oldest) and returns a live, read-only
	 * view to filter a delivery against: confirmed keys (at most `cap`) and pending ones. Costs O(stored keys), not
	 * O(window): the view answers `has` from the record itself; `keys` (oldest first, then pending) is built only
	 * when read.
	 */
	recall(scope: string, stored: SeenState, cap: number): SeenView {
		const s = this.touch(scope);
		const unknown = stored.keys.filter((k) => !s.confirmed.has(k));
		if (unknown.length > 0) s.confirmed = new Set([...unknown, ...s.confirmed]);
		trim(s.confirmed, cap);
		return {
			has: (key) => s.confirmed.has(key) || s.pending.has(key),
			get keys() {
				return [...s.confirmed, ...[...s.pending].filter((k) => !s.confirmed.has(k))];
			},
		};
	}

	/** Blocks these keys until the delivery is confirmed or released. */
	hold(scope: string, keys: string[], cap: number): void {
		const s = this.touch(scope);
		for (const k of keys) s.pending.add(k);
		// a delivery never settled (no answer observed) must not grow the record without bound
		trim(s.pending, cap);
	}

	/** The delivery started an execution: its keys become part of the record. */
	confirm(scope: string, keys: string[], cap: number): void {
		const s = this.touch(scope);
		for (const k of keys) {
			s.pending.delete(k);
			s.confirmed.add(k);
		}
		trim(s.confirmed, cap);
	}

	/** The delivery started nothing: forget its keys so a retry of it is accepted. */
	release(scope: string, keys: string[]): void {
		const s = this.scopes.get(scope);
		if (!s) return;
		for (const k of keys) s.pending.delete(k);
	}

	/** The newest `max` confirmed keys (all by default), oldest first: what may be persisted. */
	confirmed(scope: string, max = Infinity): string[] {
		const keys = this.scopes.get(scope)?.confirmed;
		if (!keys) return [];
		const skip = keys.size - max;
		const out: string[] = [];
		let i = 0;
		for (const k of keys) if (i++ >= skip) out.push(k);
		return out;
	}
}

/** Drops the oldest entries past `cap` (at least one is kept). */
function trim(keys: Set<string>, cap: number): void {
	const limit = Math.max(1, Math.floor(cap));
	for (const oldest of keys) {
		if (keys.size <= limit) break;
		keys.delete(oldest);
	}
}

/**
 * Holds the keys of a delivery about to be handed to n8n and settles them by n8n's answer on `res`: confirmed once
 * it answered 2xx, released otherwise (lib/webhooks/handover.ts). Without an observable response they are confirmed
 * at once.
 */
export function holdUntilHandedOver(store: RecentKeys, scope: string, keys: string[], cap: number, res: unknown): void {
	if (keys.length === 0) return;
	store.hold(scope, keys, cap);
	const observed = whenHandedOver(res, (handedOver) => (handedOver ? store.confirm(scope, keys, cap) : store.release(scope, keys)));
	if (!observed) store.confirm(scope, keys, cap);
}

/**
 * Writes the newest confirmed keys to `holder[field]` when they differ from what is stored. Call it only when the
 * call starts no execution: n8n copies the workflow's static data into every execution it starts, and keeps writes
 * made here only when none starts.
 */
export function persistConfirmed(store: RecentKeys, scope: string, holder: Record<string, unknown>, field: string, stored: SeenState, max: number): void {
	const keys = store.confirmed(scope, max);
	if (keys.length === stored.keys.length && keys.every((k, i) => k === stored.keys[i])) return;
	holder[field] = { keys };
}
