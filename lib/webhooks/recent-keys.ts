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
import type { SeenState } from './seen-set';

interface ScopeKeys {
	confirmed: string[];
	pending: Set<string>;
}

export class RecentKeys {
	private readonly scopes = new Map<string, ScopeKeys>();

	constructor(private readonly maxScopes = 50) {}

	private touch(scope: string): ScopeKeys {
		const found = this.scopes.get(scope) ?? { confirmed: [], pending: new Set<string>() };
		this.scopes.delete(scope);
		this.scopes.set(scope, found);
		for (const oldest of this.scopes.keys()) {
			if (this.scopes.size <= this.maxScopes) break;
			this.scopes.delete(oldest);
		}
		return found;
	}

	/**
	 * Merges the keys stored in static data into the confirmed record and returns a fresh record to filter a
	 * delivery against: confirmed keys (oldest first, at most `cap`) followed by pending ones.
	 */
	recall(scope: string, stored: SeenState, cap: number): SeenState {
		const s = this.touch(scope);
		const known = new Set(s.confirmed);
		s.confirmed = [...stored.keys.filter((k) => !known.has(k)), ...s.confirmed];
		trim(s.confirmed, cap);
		const confirmed = new Set(s.confirmed);
		return { keys: [...s.confirmed, ...[...s.pending].filter((k) => !confirmed.has(k))] };
	}

	/** Blocks these keys until the delivery is confirmed or released. */
	hold(scope: string, keys: string[], cap: number): void {
		const s = this.touch(scope);
		for (const k of keys) s.pending.add(k);
		// a delivery never settled (no answer observed) must not grow the record without bound
		for (const k of s.pending) {
			if (s.pending.size <= Math.max(1, cap)) break;
			s.pending.delete(k);
		}
	}

	/** The delivery started an execution: its keys become part of the record. */
	confirm(scope: string, keys: string[], cap: number): void {
		const s = this.touch(scope);
		const known = new Set(s.confirmed);
		for (const k of keys) {
			s.pending.delete(k);
			if (!known.has(k)) {
				known.add(k);
				s.confirmed.push(k);
			}
		}
		trim(s.confirmed, cap);
	}

	/** The delivery started nothing: forget its keys so a retry of it is accepted. */
	release(scope: string, keys: string[]): void {
		const s = this.scopes.get(scope);
		if (!s) return;
		for (const k of keys) s.pending.delete(k);
	}

	/** Confirmed keys, oldest first (what may be persisted). */
	confirmed(scope: string): string[] {
		return [...(this.scopes.get(scope)?.confirmed ?? [])];
	}
}

function trim(keys: string[], cap: number): void {
	const limit = Math.max(1, Math.floor(cap));
	if (keys.length > limit) keys.splice(0, keys.length - limit);
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
	const keys = store.confirmed(scope).slice(-max);
	if (keys.length === stored.keys.length && keys.every((k, i) => k === stored.keys[i])) return;
	holder[field] = { keys };
}
