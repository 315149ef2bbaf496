import { describeError } from './port-errors';
import type { PlanOptions } from './plan';
import type { SyncPorts } from './ports';
import type { SyncScope } from './scope';
import {
	sourceSystemOf,
	targetSystemOf,
	type Direction,
	type FailureOperation,
	type ObjectKind,
	type SyncAction,
	type SyncPlan,
	type SyncRecord,
	type SystemName,
} from './types';

export interface SyncRequest {
	direction: Direction;
	objectKind: ObjectKind;
	/** Source record ids (from webhook events); duplicates are fine. */
	ids: readonly string[];
	/**
	 * Contacts: emails the events say these records have (HubSpot property-change events carry the new value). The
	 * lookup of targets by them starts beside the source read; a record read with an email not among them is looked up
	 * after the read as usual, so a stale or wrong hint costs a call, never a match.
	 */
	emailHints?: readonly string[];
}

export interface RunSyncOptions extends Omit<PlanOptions, 'now'> {
	/** Injected clock, epoch ms. */
	now: () => number;
	/** Plan only: read, match and plan, write nothing. */
	dryRun?: boolean;
	/**
	 * Rounds of re-read + re-plan for records whose write failed in a retriable way (429, 5xx, timeout, network).
	 * A write is never repeated as it was: after a wait the records are read again and planned again, so a write
	 * always carries what both sides hold just before it, and an edit made meanwhile is never overwritten by an
	 * older copy. Default 0: those failures are reported at once (412 ALREADY_MODIFIED is re-planned once anyway).
	 * Pair with writers that do not retry by themselves.
	 */
	retryRounds?: number;
	/** Wait before retry round r (2, 3, …). Default 1 s doubling, at least the Retry-After the CRM gave. */
	retryDelayMs?: (round: number, retryAfterMs: number | undefined) => number;
	/** Injected wait; required when retryRounds > 0. */
	sleep?: (ms: number) => Promise<void>;
	/**
	 * When more than this many ms passed between reading the sources and writing (slow reads, retries, a busy
	 * worker), the sources are read again just before the write and records that changed meanwhile are re-planned
	 * instead of written: a copy of old data must not land after a newer edit. Default 2000; 0 always re-checks.
	 */
	recheckAfterMs?: number;
	/** Sync scope (normalised once per run): source records out of it become 'outOfScope' skips, never written. */
	scope?: SyncScope;
	/**
	 * Called (not awaited) with each round's creates and updates just before they are written, so work that needs only
	 * to know which records will be written (the company link pass's reads) can run beside the writes. A throw is ignored.
	 */
	onWrites?: (actions: readonly SyncAction[]) => void;
}

export interface SyncRunResult extends SyncPlan {
	dryRun: boolean;
	/** Port calls made, by kind (each may be several HTTP calls once chunked by the adapter). */
	calls: { reads: number; lookups: number; writes: number };
}

/** One run's settings and what it has learnt so far, shared by reading, writing and the rounds loop. */
export interface SyncRun {
	ports: SyncPorts;
	options: RunSyncOptions;
	direction: Direction;
	objectKind: ObjectKind;
	sourceSystem: SystemName;
	targetSystem: SystemName;
	/** Retry rounds after the first, normalised (0 when unset). */
	retryRounds: number;
	result: SyncRunResult;
	/** Source records as last read, by id. */
	sources: Map<string, SyncRecord>;
	/** When each source record was read (ms, our clock), for the freshness re-check before writing. */
	readAt: Map<string, number>;
}

/** What one apply leaves to the next round: ids to re-plan, whether to wait first, and the longest Retry-After seen. */
export interface Pending {
	ids: string[];
	waitFor: boolean;
	retryAfterMs?: number;
}

export const nothingPending = (): Pending => ({ ids: [], waitFor: false });

export function startRun(ports: SyncPorts, request: SyncRequest, options: RunSyncOptions): SyncRun {
	const { direction, objectKind } = request;
	return {
		ports,
		options,
		direction,
		objectKind,
		sourceSystem: sourceSystemOf(direction),
		targetSystem: targetSystemOf(direction),
		retryRounds: Math.max(0, Math.floor(options.retryRounds ?? 0)),
		result: { actions: [], failures: [], dryRun: options.dryRun === true, calls: { reads: 0, lookups: 0, writes: 0 } },
		sources: new Map(),
		readAt: new Map(),
	};
}

/** A whole port call failed: every record it carried becomes a failure with the error's code and retriability. */
export function failAll(run: SyncRun, ids: readonly string[], operation: FailureOperation, e: unknown): void {
	const d = describeError(e);
	const { direction, objectKind } = run;
	for (const recordId of ids)
		run.result.failures.push({ operation, direction, objectKind, recordId, error: d.message, code: d.code, retriable: d.retriable });
}
