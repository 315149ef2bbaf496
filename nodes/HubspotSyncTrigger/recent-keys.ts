// Why the seen record also lives in process memory: n8n 2.41 loses static-data writes made by webhook() whenever
// the call starts an execution. WorkflowRunner.run() wraps the same staticData object in a new Workflow, whose
// ObservableObject.create() resets the root __dataChanged flag before live-webhooks' saveStaticData() runs
// (n8n dist/workflow-runner.js establishContextForPersistence). Memory covers regular mode and each webhook process
// in queue mode; static data still carries the record wherever n8n persists it (calls that start no execution).
import type { SeenState } from '../../lib/webhooks/seen-set';

const MAX_TRACKED_TRIGGERS = 50;
const memory = new Map<string, string[]>();

/** The stored record merged with what this process remembers for the trigger (oldest first). */
export function recalledSeen(scope: string, stored: SeenState): SeenState {
	const remembered = memory.get(scope) ?? [];
	const known = new Set(remembered);
	return { keys: [...stored.keys.filter((k) => !known.has(k)), ...remembered] };
}

/** Keeps the (already trimmed) record for the trigger; the least recently used triggers fall out. */
export function rememberSeen(scope: string, state: SeenState): void {
	memory.delete(scope);
	memory.set(scope, [...state.keys]);
	for (const oldest of memory.keys()) {
		if (memory.size <= MAX_TRACKED_TRIGGERS) break;
		memory.delete(oldest);
	}
}
