import { findCandidates, startEarlyLookup } from './find-candidates';
import { planSync } from './plan';
import { failAll, type SyncRun } from './run-types';
import { evaluateScope } from './scope';
import { sameSecond } from './time';
import type { FieldEdit, SyncAction, SyncPlan, SyncRecord, SystemName } from './types';

/** Zoho's timeline is one call per record: at most this many per batch (the rest keep their record-time verdict). */
export const MAX_ZOHO_HISTORY_READS = 20;

/**
 * Read the sources, look up their targets and plan: one plan for the given source ids, or undefined when the read
 * itself failed (those ids are then failures). Reading is what makes arrival order irrelevant: event payloads are
 * never trusted: `emailHints` (first round only) only start a lookup early, and each record is matched by what was read.
 */
export async function readAndPlan(run: SyncRun, ids: string[], emailHints?: readonly string[]): Promise<SyncPlan | undefined> {
	const early = startEarlyLookup(run, ids, emailHints);
	const read = await readSources(run, ids);
	// nothing to match: the early lookup is still let finish, so no call of this run outlives it
	const done = async <T>(value: T): Promise<T> => (await early?.answer.catch(() => undefined), value);
	if (!read) return done(undefined);
	const { records, skipped } = read;
	if (records.length === 0) return done({ actions: skipped, failures: [] });
	let candidates: SyncRecord[];
	try {
		candidates = await findCandidates(run, records, early);
	} catch (e) {
		failAll(run, records.map((r) => r.id), 'match', e);
		return { actions: skipped, failures: [] };
	}
	const planned = await settledPlan(run, records, candidates);
	return { actions: [...skipped, ...planned.actions], failures: planned.failures };
}

/** The in-scope source records as read, and skips for those not found or out of scope. */
async function readSources(run: SyncRun, ids: string[]): Promise<{ records: SyncRecord[]; skipped: SyncAction[] } | undefined> {
	const { direction, objectKind, sourceSystem, targetSystem, options } = run;
	let records: SyncRecord[];
	try {
		run.result.calls.reads++;
		records = await run.ports.reader.readRecords(sourceSystem, objectKind, ids);
	} catch (e) {
		failAll(run, ids, 'read', e);
		return undefined;
	}
	const readTime = options.now();
	for (const r of records) {
		run.sources.set(r.id, r);
		run.readAt.set(r.id, readTime);
	}
	const skip = (sourceId: string, reason: string, extra?: { outOfScope: true }): SyncAction => ({
		type: 'skip', ...extra, direction, objectKind, sourceSystem, sourceId, targetSystem, changes: [], payload: {}, reason,
	});
	// Scope is decided on the source as read, before matching and planning: out of scope is never looked up or written.
	const outOfScope: SyncAction[] = [];
	if (options.scope) {
		records = records.filter((r) => {
			const verdict = evaluateScope(options.scope, r);
			if (verdict.inScope) return true;
			outOfScope.push(skip(r.id, verdict.reason, { outOfScope: true }));
			return false;
		});
	}
	const found = new Set([...records.map((r) => r.id), ...outOfScope.map((a) => a.sourceId)]);
	const missing: SyncAction[] = ids
		.filter((id) => !found.has(id))
		.map((id) => skip(id, 'source record not found (deleted or merged)'));
	return { records, skipped: [...missing, ...outOfScope] };
}

/**
 * Plan, then settle what record times cannot: per-field merge asks the CRMs' field histories (HubSpot first, batched;
 * then Zoho, one call per record, capped), and same-second ties ask which HubSpot records were last written through
 * the API (a copy, most likely ours, loses to a person). Each answer re-plans; an unanswered question keeps the plan.
 */
async function settledPlan(run: SyncRun, records: SyncRecord[], candidates: SyncRecord[]): Promise<SyncPlan> {
	const { direction, objectKind, options, ports } = run;
	const now = options.now();
	const plan = () => planSync({ direction, objectKind, sources: records, candidates, options: { ...options, now } });
	let planned = plan();
	if (options.perField !== false && ports.reader.fieldHistory) {
		for (const system of ['hubspot', 'zoho'] as const) {
			if (await addFieldHistories(run, system, planned, run.sourceSystem === system ? records : candidates)) planned = plan();
		}
	}
	if (ports.reader.apiWrittenIds && options.perField !== true) {
		if (await markApiWritten(run, planned, records, candidates, now)) planned = plan();
	}
	return planned;
}

/** Reads `system`'s field histories for the actions that need them; true when any were asked for (re-plan). */
async function addFieldHistories(run: SyncRun, system: SystemName, planned: SyncPlan, onSystem: SyncRecord[]): Promise<boolean> {
	const reader = run.ports.reader;
	if (!reader.fieldHistory) return false;
	const onSource = system === run.sourceSystem;
	const wanted = planned.actions.filter((a) => a.needsHistory === system && a.targetId);
	let ids = [...new Set(wanted.map((a) => (onSource ? a.sourceId : (a.targetId as string))))];
	if (system === 'zoho') ids = ids.slice(0, MAX_ZOHO_HISTORY_READS);
	if (ids.length === 0) return false;
	let histories = new Map<string, Record<string, FieldEdit[]>>();
	try {
		run.result.calls.reads++;
		histories = await reader.fieldHistory(system, run.objectKind, ids);
	} catch {
		// unread history: those fields keep their verdict by record times, as without this step
	}
	const wantedIds = new Set(ids);
	for (const r of onSystem) if (wantedIds.has(r.id)) r.fieldHistory = histories.get(r.id) ?? {};
	return true;
}

/**
 * Same-second ties with differing values: whole-second Zoho times cannot order the two edits. Marks the HubSpot side
 * of each tie with whether it was last written through the API; true when that was answered (re-plan).
 */
async function markApiWritten(
	run: SyncRun,
	planned: SyncPlan,
	records: SyncRecord[],
	candidates: SyncRecord[],
	now: number,
): Promise<boolean> {
	const reader = run.ports.reader;
	if (!reader.apiWrittenIds) return false;
	const fromHubspot = run.sourceSystem === 'hubspot';
	const sourceById = new Map(records.map((r) => [r.id, r]));
	const targetById = new Map(candidates.map((r) => [r.id, r]));
	const tied = new Set<string>();
	for (const a of planned.actions) {
		if (!a.targetId || (a.type !== 'update' && a.type !== 'skip')) continue;
		const s = sourceById.get(a.sourceId);
		const t = targetById.get(a.targetId);
		if (s && t && sameSecond(s.modifiedAt, t.modifiedAt, now)) tied.add(fromHubspot ? s.id : t.id);
	}
	if (tied.size === 0) return false;
	try {
		run.result.calls.reads++;
		const api = await reader.apiWrittenIds(run.objectKind, [...tied]);
		for (const r of fromHubspot ? records : candidates) if (tied.has(r.id)) r.writtenByApi = api.has(r.id);
		return true;
	} catch {
		// keep the first plan: the tie goes to the fixed tie winner, as without this check
		return false;
	}
}
