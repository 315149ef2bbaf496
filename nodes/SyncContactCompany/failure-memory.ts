// Failure reports that do not nag: a record that failed for the same reason and has not changed since (same record,
// same source modified time, same message) is reported once, not by every scheduled run whose look-back still
// contains it. The remembered set lives in this n8n process's memory, per workflow and node, NOT in the workflow's
// static data: in queue mode n8n 2.41 runs an execution on a worker with a copy of the static data that is not the
// stored one, and saves that copy whole when a node changed it, which erased the triggers' static data (the Zoho
// channel and its token: every later notification was refused). So in queue mode each worker remembers on its own (a
// failure may be reported once per worker), and a restart forgets; manual runs never suppress.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** At most this many remembered failures; the least recently seen go first. */
export const MEMORY_MAX = 2000;
/** A failure not seen again for this long is forgotten (it left the look-back, or the record changed). */
export const MEMORY_TTL_MS = 7 * 24 * 3600_000;

interface Remembered {
	/** key -> last seen, epoch ms */
	seen: Record<string, number>;
}

/** Remembered failures per workflow and node in this process; at most MEMORY_NODES of them (least recent go first). */
const memories = new Map<string, Remembered>();
const MEMORY_NODES = 200;

function memoryOf(ctx: IExecuteFunctions): Remembered {
	const node = ctx.getNode();
	const key = `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
	const found = memories.get(key) ?? { seen: {} };
	memories.delete(key);
	memories.set(key, found);
	if (memories.size > MEMORY_NODES) memories.delete(memories.keys().next().value as string);
	return found;
}

/** A short stable hash, so the memory never holds whole error messages. */
function hash(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(36);
}

/** Only failures with a known source modified time can be "unchanged since"; the others are always reported. */
function keyOf(json: IDataObject): string | undefined {
	const modified = json.sourceModifiedAt;
	if (typeof modified !== 'string' || !modified || !json.recordId) return undefined;
	return `${String(json.direction)}|${String(json.objectType)}|${String(json.recordId)}|${modified}|${hash(`${String(json.code)}:${String(json.error)}`)}`;
}

/**
 * Drops failures already reported by an earlier production run and remembers the new ones. Returns the failures to
 * report and how many were left out. `now` is injected for tests.
 */
export function suppressRepeats(ctx: IExecuteFunctions, failed: INodeExecutionData[], now: number): { report: INodeExecutionData[]; suppressed: number } {
	if (ctx.getMode() === 'manual' || failed.length === 0) return { report: failed, suppressed: 0 };
	const memory = memoryOf(ctx);
	const previous = memory.seen;
	const seen: Record<string, number> = {};
	for (const [k, at] of Object.entries(previous)) if (typeof at === 'number' && now - at < MEMORY_TTL_MS) seen[k] = at;
	const report: INodeExecutionData[] = [];
	let suppressed = 0;
	for (const item of failed) {
		const key = keyOf(item.json);
		if (key && seen[key] !== undefined) suppressed++;
		else report.push(item);
		if (key) seen[key] = now;
	}
	const keys = Object.keys(seen);
	if (keys.length > MEMORY_MAX) for (const k of keys.sort((a, b) => seen[a] - seen[b]).slice(0, keys.length - MEMORY_MAX)) delete seen[k];
	memory.seen = seen;
	return { report, suppressed };
}

/**
 * The node's outputs with repeated failures left out (Options > Report Each Failure Once, on by default): the
 * remaining Failed items and the reconcile summaries say how many were not repeated.
 */
export function reportOnce(ctx: IExecuteFunctions, [synced, failed]: INodeExecutionData[][]): INodeExecutionData[][] {
	if ((ctx.getNodeParameter('options', 0, {}) as IDataObject).reportFailuresOnce === false) return [synced, failed];
	const { report, suppressed } = suppressRepeats(ctx, failed, Date.now());
	if (suppressed === 0) return [synced, failed];
	ctx.logger.info(`Sync Contact/Company: ${suppressed} failure(s) already reported by an earlier run (same record, unchanged, same error) are not repeated`);
	for (const item of report) item.json.failuresNotRepeated = suppressed;
	for (const item of synced) if (item.json.operation === 'reconcile') item.json.failuresNotRepeated = suppressed;
	return [synced, report];
}
