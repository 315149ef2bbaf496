import { applyWrites } from './apply-writes';
import { readAndPlan } from './read-plan';
import { nothingPending, startRun, type Pending, type RunSyncOptions, type SyncRequest, type SyncRun, type SyncRunResult } from './run-types';
import { writeXrefBack } from './write-xref';
import type { SyncPlan } from './types';
import type { SyncPorts } from './ports';

export { MAX_ZOHO_HISTORY_READS } from './read-plan';
export type { RunSyncOptions, SyncRequest, SyncRunResult } from './run-types';

const defaultRetryDelay = (round: number, retryAfterMs: number | undefined): number =>
	Math.max(Math.min(30_000, 1000 * 2 ** (round - 2)), retryAfterMs ?? 0);

/**
 * read -> match -> plan -> apply. Never throws for a record: per-record write errors and whole-batch port errors all
 * become failures, and the rest of the batch goes on. Records answered 412 ALREADY_MODIFIED (changed between our read
 * and our write) are re-read and re-planned once; a second 412 is a retriable failure. With retryRounds, records whose
 * write failed in a retriable way are re-read and re-planned after a wait, up to retryRounds more times; what still
 * fails after the last round is reported.
 */
export async function runSync(ports: SyncPorts, request: SyncRequest, options: RunSyncOptions): Promise<SyncRunResult> {
	const run = startRun(ports, request, options);
	const ids = [...new Set(request.ids.map((id) => String(id).trim()).filter((id) => id !== ''))];
	if (ids.length === 0) return run.result;
	const rounds = 1 + Math.max(1, run.retryRounds);
	const first = await readAndPlan(run, ids, request.emailHints);
	let pending: Pending = first ? await collect(run, first, false) : nothingPending();
	for (let round = 2; round <= rounds && pending.ids.length > 0; round++) {
		if (pending.waitFor) {
			if (!options.sleep) throw new Error('runSync: retryRounds needs options.sleep');
			await options.sleep((options.retryDelayMs ?? defaultRetryDelay)(round, pending.retryAfterMs));
		}
		const next = await readAndPlan(run, [...new Set(pending.ids)]);
		pending = next ? await collect(run, next, round === rounds) : nothingPending();
	}
	if (!run.result.dryRun) await writeXrefBack(run);
	// Each failure carries its source's modified time, so a report can tell "failed again, unchanged" from a new failure.
	for (const f of run.result.failures) {
		const at = run.sources.get(f.recordId)?.modifiedAt;
		if (at && f.sourceModifiedAt === undefined) f.sourceModifiedAt = at;
	}
	return run.result;
}

/** Records a round's plan: failures and non-writes at once, creates and updates through applyWrites (unless dry run). */
async function collect(run: SyncRun, plan: SyncPlan, finalAttempt: boolean): Promise<Pending> {
	const { result } = run;
	result.failures.push(...plan.failures);
	const writes = plan.actions.filter((a) => a.type === 'create' || a.type === 'update');
	result.actions.push(...plan.actions.filter((a) => !writes.includes(a) || result.dryRun));
	if (result.dryRun) return nothingPending();
	if (writes.length > 0 && run.options.onWrites) {
		try {
			run.options.onWrites(writes);
		} catch {
			// the caller's side work; the writes go ahead regardless
		}
	}
	return applyWrites(run, writes, finalAttempt);
}
