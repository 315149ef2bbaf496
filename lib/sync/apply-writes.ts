import { describeError, retryAfterOf } from './port-errors';
import { ALREADY_MODIFIED, type RecordWrite, type WriteOutcome } from './ports';
import { failAll, nothingPending, type Pending, type SyncRun } from './run-types';
import type { SyncAction } from './types';

type WriteType = 'create' | 'update';

/** How one apply may treat a failed write, and where it collects what goes to the next round. */
interface Attempt {
	finalAttempt: boolean;
	mayRetry: boolean;
	pending: Pending;
}

function again(pending: Pending, ids: string[], retriable: boolean, retryAfterMs?: number): void {
	pending.ids.push(...ids);
	if (retriable) pending.waitFor = true;
	if (retryAfterMs !== undefined) pending.retryAfterMs = Math.max(pending.retryAfterMs ?? 0, retryAfterMs);
}

/** Writes creates and updates (one port call each); returns the source ids to re-read and re-plan. */
export async function applyWrites(run: SyncRun, actions: SyncAction[], finalAttempt: boolean): Promise<Pending> {
	const attempt: Attempt = { finalAttempt, mayRetry: !finalAttempt && run.retryRounds > 0, pending: nothingPending() };
	await reserveWrites(run, actions);
	const fresh = await dropChangedSources(run, actions, attempt);
	for (const type of ['create', 'update'] as const) {
		const batch = fresh.filter((a) => a.type === type);
		if (batch.length > 0) await writeBatch(run, type, batch, attempt);
	}
	return attempt.pending;
}

/**
 * Waits for the target's rate limiter BEFORE the freshness check: a write that queued after the check could land
 * after a newer edit had already been synced, and HubSpot would then date the older value as newest.
 */
async function reserveWrites(run: SyncRun, actions: SyncAction[]): Promise<void> {
	const creates = actions.filter((a) => a.type === 'create').length;
	const updates = actions.filter((a) => a.type === 'update').length;
	if (!run.ports.writer.prepare || creates + updates === 0) return;
	try {
		await run.ports.writer.prepare(run.targetSystem, run.objectKind, { creates, updates });
	} catch {
		// the write then waits in its client's limiter as before
	}
}

/**
 * Sources read longer ago than recheckAfterMs are read again: any that changed since the plan are re-planned (or, in
 * the last round, reported) instead of written with old data. Targets that take no conditional update (HubSpot) are
 * read again too: one edited since our read would otherwise be overwritten with the older copy. Returns the actions
 * still to write.
 */
async function dropChangedSources(run: SyncRun, actions: SyncAction[], attempt: Attempt): Promise<SyncAction[]> {
	const { options, sources, readAt } = run;
	const recheckAfter = options.recheckAfterMs ?? 2000;
	const stale = actions.filter((a) => options.now() - (readAt.get(a.sourceId) ?? 0) > recheckAfter);
	if (stale.length === 0) return actions;
	const changed = new Set<string>();
	try {
		run.result.calls.reads++;
		const reread = await run.ports.reader.readRecords(run.sourceSystem, run.objectKind, stale.map((a) => a.sourceId));
		const fresh = new Map(reread.map((r) => [r.id, r]));
		for (const a of stale) if (fresh.get(a.sourceId)?.modifiedAt !== sources.get(a.sourceId)?.modifiedAt) changed.add(a.sourceId);
		for (const id of await changedTargets(run, stale.filter((a) => !changed.has(a.sourceId)))) changed.add(id);
	} catch {
		// the write itself still goes ahead as planned; a failed re-check changes nothing
		return actions;
	}
	if (changed.size === 0) return actions;
	if (!attempt.finalAttempt) again(attempt.pending, [...changed], false);
	else {
		const { direction, objectKind } = run;
		const error =
			'the record changed again while it was being synced; not written with older data (its newer change is synced by its own event or the next reconcile)';
		for (const id of changed)
			run.result.failures.push({ operation: 'read', direction, objectKind, recordId: id, code: 'SOURCE_CHANGED', retriable: true, error });
	}
	return actions.filter((a) => !changed.has(a.sourceId));
}

/** Source ids of updates whose target (on a system without conditional updates) changed since it was read. */
async function changedTargets(run: SyncRun, stale: SyncAction[]): Promise<string[]> {
	if (run.ports.writer.conditionalUpdates?.(run.targetSystem)) return [];
	const updates = stale.filter((a) => a.type === 'update' && a.targetId && a.ifUnmodifiedSince !== undefined);
	if (updates.length === 0) return [];
	run.result.calls.reads++;
	const reread = await run.ports.reader.readRecords(run.targetSystem, run.objectKind, updates.map((a) => a.targetId as string));
	const now = new Map(reread.map((r) => [r.id, r.modifiedAt]));
	return updates.filter((a) => now.get(a.targetId as string) !== a.ifUnmodifiedSince).map((a) => a.sourceId);
}

function toWrite(a: SyncAction): RecordWrite {
	return {
		sourceId: a.sourceId,
		fields: a.payload,
		...(a.targetId ? { id: a.targetId } : {}),
		...(a.ifUnmodifiedSince !== undefined ? { ifUnmodifiedSince: a.ifUnmodifiedSince } : {}),
		...(a.upsertKey ? { upsertKey: a.upsertKey } : {}),
	};
}

/** One port call for the batch; a thrown error fails (or, when retriable, re-plans) every record it carried. */
async function writeBatch(run: SyncRun, type: WriteType, batch: SyncAction[], attempt: Attempt): Promise<void> {
	const { ports, targetSystem, objectKind } = run;
	let outcomes: WriteOutcome[];
	try {
		run.result.calls.writes++;
		const write = type === 'create' ? ports.writer.createMany : ports.writer.updateMany;
		outcomes = await write.call(ports.writer, targetSystem, objectKind, batch.map(toWrite));
	} catch (e) {
		const ids = batch.map((a) => a.sourceId);
		if (attempt.mayRetry && describeError(e).retriable) again(attempt.pending, ids, true, retryAfterOf(e));
		else failAll(run, ids, type, e);
		return;
	}
	batch.forEach((action, i) => recordOutcome(run, type, action, outcomes[i], attempt));
}

const NO_RESULT: WriteOutcome = { ok: false, code: 'NO_RESULT', message: 'the writer returned no result for this record', retriable: true };

/** Applied, re-planned next round (412, a duplicate create, a retriable failure), or reported as a failure. */
function recordOutcome(run: SyncRun, type: WriteType, action: SyncAction, outcome: WriteOutcome | undefined, attempt: Attempt): void {
	const o = outcome ?? { ...NO_RESULT };
	if (o.ok) {
		const upserted = o.created === false && type === 'create';
		run.result.actions.push({
			...action,
			targetId: o.id,
			applied: true,
			...(upserted ? { reason: `${action.reason}; upsert matched an existing record` } : {}),
		});
	} else if ((o.code === ALREADY_MODIFIED || (type === 'create' && o.code === 'DUPLICATE_DATA')) && !attempt.finalAttempt) {
		// A create refused as a duplicate of a unique field (another execution created it a moment ago): re-read
		// and match again, so the record found is updated under the matching rules instead of failing.
		again(attempt.pending, [action.sourceId], false);
	} else if (o.retriable && attempt.mayRetry) {
		again(attempt.pending, [action.sourceId], true);
	} else {
		const { direction, objectKind } = run;
		run.result.failures.push({
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
}
