import { describeError } from './port-errors';
import type { WriteOutcome } from './ports';
import type { SyncRun } from './run-types';

/** writeXref: store the target id in the source's xref field (one batched update), so the next match is by id. */
export async function writeXrefBack(run: SyncRun): Promise<void> {
	const { ports, result, sources, options } = run;
	if (!options.writeXref || result.actions.length === 0) return;
	const { direction, objectKind, sourceSystem } = result.actions[0];
	const field = sourceSystem === 'hubspot' ? options.xref?.hubspotField : options.xref?.zohoField;
	if (!field) return;
	const pending = result.actions.filter(
		(a) => a.applied && a.targetId && sources.get(a.sourceId)?.xrefId !== a.targetId,
	);
	if (pending.length === 0) return;
	const writes = pending.map((a) => ({
		sourceId: a.sourceId,
		id: a.sourceId,
		fields: { [field]: a.targetId ?? null },
	}));
	let outcomes: WriteOutcome[] = [];
	try {
		result.calls.writes++;
		outcomes = await ports.writer.updateMany(sourceSystem, objectKind, writes);
	} catch (e) {
		const d = describeError(e);
		outcomes = writes.map(() => ({ ok: false, code: d.code, message: d.message, retriable: d.retriable }));
	}
	pending.forEach((a, i) => {
		const o = outcomes[i];
		if (o && !o.ok)
			result.failures.push({
				operation: 'writeXref',
				direction,
				objectKind,
				recordId: a.sourceId,
				error: o.message,
				code: o.code,
				retriable: o.retriable,
				field,
			});
	});
}
