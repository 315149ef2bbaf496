import { collectMatchKeys } from './match';
import { describeError } from './port-errors';
import { sameSecond } from './time';
import { writeXrefBack } from './write-xref';
import { planSync, type PlanOptions } from './plan';
import { evaluateScope, type SyncScope } from './scope';
import { ALREADY_MODIFIED, type RecordWrite, type SyncPorts, type WriteOutcome } from './ports';
import {
	sourceSystemOf,
	targetSystemOf,
	type Direction,
	type FailureOperation,
	type FieldEdit,
	type ObjectKind,
	type SyncAction,
	type SyncPlan,
	type SyncRecord,
} from './types';

export interface SyncRequest {
	direction: Direction;
	objectKind: ObjectKind;
	/** Source record ids (from webhook events); duplicates are fine. */
	ids: readonly string[];
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
}

/** Zoho's timeline is one call per record: at most this many per batch (the rest keep their record-time verdict). */
export const MAX_ZOHO_HISTORY_READS = 20;

const defaultRetryDelay = (round: number, retryAfterMs: number | undefined): number =>
	Math.max(Math.min(30_000, 1000 * 2 ** (round - 2)), retryAfterMs ?? 0);

/** Retry-After carried by a thrown HTTP error (duck-typed: lib/sync imports no HTTP), if any. */
function retryAfterOf(e: unknown): number | undefined {
	const v = (e as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
	return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export interface SyncRunResult extends SyncPlan {
	dryRun: boolean;
	/** Port calls made, by kind (each may be several HTTP calls once chunked by the adapter). */
	calls: { reads: number; lookups: number; writes: number };
}

/**
 * read -> match -> plan -> apply. Never throws for a record: per-record write errors and whole-batch port errors all
 * become failures, and the rest of the batch goes on. Records answered 412 ALREADY_MODIFIED (changed between our read
 * and our write) are re-read and re-planned once; a second 412 is a retriable failure. With retryRounds, records whose
 * write failed in a retriable way are re-read and re-planned after a wait, up to retryRounds more times; what still
 * fails after the last round is reported.
 */
export async function runSync(ports: SyncPorts, request: SyncRequest, options: RunSyncOptions): Promise<SyncRunResult> {
	const { direction, objectKind } = request;
	const sourceSystem = sourceSystemOf(direction);
	const targetSystem = targetSystemOf(direction);
	const result: SyncRunResult = {
		actions: [],
		failures: [],
		dryRun: options.dryRun === true,
		calls: { reads: 0, lookups: 0, writes: 0 },
	};
	const failAll = (ids: readonly string[], operation: FailureOperation, e: unknown): void => {
		const d = describeError(e);
		for (const recordId of ids)
			result.failures.push({
				operation,
				direction,
				objectKind,
				recordId,
				error: d.message,
				code: d.code,
				retriable: d.retriable,
			});
	};
	const sources = new Map<string, SyncRecord>();

	/** When each source record was read (ms, our clock), for the freshness re-check before writing. */
	const readAt = new Map<string, number>();
	const planFor = async (ids: string[]): Promise<SyncPlan | undefined> => {
		let records: SyncRecord[];
		try {
			result.calls.reads++;
			records = await ports.reader.readRecords(sourceSystem, objectKind, ids);
		} catch (e) {
			failAll(ids, 'read', e);
			return undefined;
		}
		const readTime = options.now();
		for (const r of records) {
			sources.set(r.id, r);
			readAt.set(r.id, readTime);
		}
		// Scope is decided on the source as read, before matching and planning: out of scope is never looked up or written.
		const outOfScope: SyncAction[] = [];
		if (options.scope) {
			records = records.filter((r) => {
				const verdict = evaluateScope(options.scope, r);
				if (verdict.inScope) return true;
				outOfScope.push({ type: 'skip', outOfScope: true, direction, objectKind, sourceSystem, sourceId: r.id, targetSystem, changes: [], payload: {}, reason: verdict.reason });
				return false;
			});
		}
		const found = new Set([...records.map((r) => r.id), ...outOfScope.map((a) => a.sourceId)]);
		const missing: SyncAction[] = ids
			.filter((id) => !found.has(id))
			.map((id) => ({
				type: 'skip',
				direction,
				objectKind,
				sourceSystem,
				sourceId: id,
				targetSystem,
				changes: [],
				payload: {},
				reason: 'source record not found (deleted or merged)',
			}));
		missing.push(...outOfScope);
		if (records.length === 0) return { actions: missing, failures: [] };
		let candidates: SyncRecord[];
		try {
			result.calls.lookups++;
			candidates = await ports.reader.findTargets(targetSystem, objectKind, collectMatchKeys(objectKind, records));
		} catch (e) {
			failAll(records.map((r) => r.id), 'match', e);
			return { actions: missing, failures: [] };
		}
		const now = options.now();
		const plan = () => planSync({ direction, objectKind, sources: records, candidates, options: { ...options, now } });
		let planned = plan();
		// Per-field merge: a differing field the plan could settle only by record times is settled by the CRMs' own
		// field histories, read only for those records (HubSpot first, batched; then Zoho, one call per record, capped).
		if (options.perField !== false && ports.reader.fieldHistory) {
			for (const system of ['hubspot', 'zoho'] as const) {
				const onSource = system === sourceSystem;
				const wanted = planned.actions.filter((a) => a.needsHistory === system && a.targetId);
				let ids = [...new Set(wanted.map((a) => (onSource ? a.sourceId : (a.targetId as string))))];
				if (system === 'zoho') ids = ids.slice(0, MAX_ZOHO_HISTORY_READS);
				if (ids.length === 0) continue;
				let histories = new Map<string, Record<string, FieldEdit[]>>();
				try {
					result.calls.reads++;
					histories = await ports.reader.fieldHistory(system, objectKind, ids);
				} catch {
					// unread history: those fields keep their verdict by record times, as without this step
				}
				const wantedIds = new Set(ids);
				for (const r of onSource ? records : candidates) if (wantedIds.has(r.id)) r.fieldHistory = histories.get(r.id) ?? {};
				planned = plan();
			}
		}
		// Same-second ties with differing values: whole-second Zoho times cannot order the two edits. Ask which HubSpot
		// records were last written through the API (a copy, most likely ours) and plan again: a copy loses to a person.
		if (ports.reader.apiWrittenIds && options.perField !== true) {
			const sourceById = new Map(records.map((r) => [r.id, r]));
			const targetById = new Map(candidates.map((r) => [r.id, r]));
			const tied = new Set<string>();
			for (const a of planned.actions) {
				if (!a.targetId || (a.type !== 'update' && a.type !== 'skip')) continue;
				const s = sourceById.get(a.sourceId);
				const t = targetById.get(a.targetId);
				if (s && t && sameSecond(s.modifiedAt, t.modifiedAt, now)) tied.add(sourceSystem === 'hubspot' ? s.id : t.id);
			}
			if (tied.size > 0) {
				try {
					result.calls.reads++;
					const api = await ports.reader.apiWrittenIds(objectKind, [...tied]);
					for (const r of sourceSystem === 'hubspot' ? records : candidates) if (tied.has(r.id)) r.writtenByApi = api.has(r.id);
					planned = plan();
				} catch {
					// keep the first plan: the tie goes to the fixed tie winner, as without this check
				}
			}
		}
		return { actions: [...missing, ...planned.actions], failures: planned.failures };
	};

	const retryRounds = Math.max(0, Math.floor(options.retryRounds ?? 0));
	const rounds = 1 + Math.max(1, retryRounds);
	/** What one apply leaves to the next round: ids to re-plan, and the longest Retry-After seen. */
	interface Pending {
		ids: string[];
		waitFor: boolean;
		retryAfterMs?: number;
	}

	/** Writes creates and updates (one port call each); returns the source ids to re-read and re-plan. */
	const apply = async (actions: SyncAction[], finalAttempt: boolean): Promise<Pending> => {
		const pending: Pending = { ids: [], waitFor: false };
		const again = (ids: string[], retriable: boolean, retryAfterMs?: number): void => {
			pending.ids.push(...ids);
			if (retriable) pending.waitFor = true;
			if (retryAfterMs !== undefined) pending.retryAfterMs = Math.max(pending.retryAfterMs ?? 0, retryAfterMs);
		};
		const mayRetry = !finalAttempt && retryRounds > 0;
		const recheckAfter = options.recheckAfterMs ?? 2000;
		const creates = actions.filter((a) => a.type === 'create').length;
		const updates = actions.filter((a) => a.type === 'update').length;
		if (ports.writer.prepare && creates + updates > 0) {
			// Wait for the target's rate limiter BEFORE the freshness check: a write that queued after the check could
			// land after a newer edit had already been synced, and HubSpot would then date the older value as newest.
			try {
				await ports.writer.prepare(targetSystem, objectKind, { creates, updates });
			} catch {
				// the write then waits in its client's limiter as before
			}
		}
		const stale = actions.filter((a) => options.now() - (readAt.get(a.sourceId) ?? 0) > recheckAfter);
		if (stale.length > 0) {
			// Read the sources again: any that changed since the plan are re-planned instead of written with old data.
			try {
				result.calls.reads++;
				const fresh = new Map((await ports.reader.readRecords(sourceSystem, objectKind, stale.map((a) => a.sourceId))).map((r) => [r.id, r]));
				const changed = new Set(
					stale.filter((a) => fresh.get(a.sourceId)?.modifiedAt !== sources.get(a.sourceId)?.modifiedAt).map((a) => a.sourceId),
				);
				if (changed.size > 0) {
					if (finalAttempt) {
						for (const id of changed)
							result.failures.push({ operation: 'read', direction, objectKind, recordId: id, code: 'SOURCE_CHANGED', retriable: true, error: 'the source record changed again while it was being synced; not written with older data (its newer change is synced by its own event or the next reconcile)' });
					} else again([...changed], false);
					actions = actions.filter((a) => !changed.has(a.sourceId));
				}
			} catch {
				// the write itself still goes ahead as planned; a failed re-check changes nothing
			}
		}
		for (const type of ['create', 'update'] as const) {
			const batch = actions.filter((a) => a.type === type);
			if (batch.length === 0) continue;
			const writes: RecordWrite[] = batch.map((a) => ({
				sourceId: a.sourceId,
				fields: a.payload,
				...(a.targetId ? { id: a.targetId } : {}),
				...(a.ifUnmodifiedSince !== undefined ? { ifUnmodifiedSince: a.ifUnmodifiedSince } : {}),
				...(a.upsertKey ? { upsertKey: a.upsertKey } : {}),
			}));
			let outcomes: WriteOutcome[];
			try {
				result.calls.writes++;
				const write = type === 'create' ? ports.writer.createMany : ports.writer.updateMany;
				outcomes = await write.call(ports.writer, targetSystem, objectKind, writes);
			} catch (e) {
				const ids = batch.map((a) => a.sourceId);
				if (mayRetry && describeError(e).retriable) again(ids, true, retryAfterOf(e));
				else failAll(ids, type, e);
				continue;
			}
			batch.forEach((action, i) => {
				const o: WriteOutcome = outcomes[i] ?? {
					ok: false,
					code: 'NO_RESULT',
					message: 'the writer returned no result for this record',
					retriable: true,
				};
				if (o.ok) {
					result.actions.push({
						...action,
						targetId: o.id,
						applied: true,
						...(o.created === false && type === 'create'
							? { reason: `${action.reason}; upsert matched an existing record` }
							: {}),
					});
				} else if ((o.code === ALREADY_MODIFIED || (type === 'create' && o.code === 'DUPLICATE_DATA')) && !finalAttempt) {
					// A create refused as a duplicate of a unique field (another execution created it a moment ago): re-read
					// and match again, so the record found is updated under the matching rules instead of failing.
					again([action.sourceId], false);
				} else if (o.retriable && mayRetry) {
					again([action.sourceId], true);
				} else {
					result.failures.push({
						operation: type,
						direction,
						objectKind,
						recordId: action.sourceId,
						error: o.message,
						code: o.code,
						retriable: o.retriable || o.code === ALREADY_MODIFIED,
						...(o.field ? { field: o.field } : {}),
					});
				}
			});
		}
		return pending;
	};

	const collect = async (plan: SyncPlan, finalAttempt: boolean): Promise<Pending> => {
		result.failures.push(...plan.failures);
		const writes = plan.actions.filter((a) => a.type === 'create' || a.type === 'update');
		result.actions.push(...plan.actions.filter((a) => !writes.includes(a) || result.dryRun));
		return result.dryRun ? { ids: [], waitFor: false } : apply(writes, finalAttempt);
	};

	const ids = [...new Set(request.ids.map((id) => String(id).trim()).filter((id) => id !== ''))];
	if (ids.length === 0) return result;
	const first = await planFor(ids);
	let pending: Pending = first ? await collect(first, false) : { ids: [], waitFor: false };
	for (let round = 2; round <= rounds && pending.ids.length > 0; round++) {
		if (pending.waitFor) {
			if (!options.sleep) throw new Error('runSync: retryRounds needs options.sleep');
			await options.sleep((options.retryDelayMs ?? defaultRetryDelay)(round, pending.retryAfterMs));
		}
		const next = await planFor([...new Set(pending.ids)]);
		pending = next ? await collect(next, round === rounds) : { ids: [], waitFor: false };
	}
	if (!result.dryRun) await writeXrefBack(ports, result, sources, options);
	// Each failure carries its source's modified time, so a report can tell "failed again, unchanged" from a new failure.
	for (const f of result.failures) {
		const at = sources.get(f.recordId)?.modifiedAt;
		if (at && f.sourceModifiedAt === undefined) f.sourceModifiedAt = at;
	}
	return result;
}
