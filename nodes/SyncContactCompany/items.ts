// The node's output items: one per synced record (Synced output) and one per failure (Failed output), paired with the
// input items that asked for the record. Error messages are redacted of the run's secrets.
import type { INodeExecutionData } from 'n8n-workflow';
import { summariseMerge, type SyncAction, type SyncFailure } from '../../lib/sync';
import { redactSecrets } from '../shared/errors';

const paired = (indexes: number[] | undefined) => (indexes ?? [0]).map((item) => ({ item }));

export function syncedItem(a: SyncAction, indexes: number[] | undefined, dryRun: boolean): INodeExecutionData {
	return {
		json: {
			action: a.outOfScope ? 'outOfScope' : a.type === 'create' ? 'created' : a.type === 'update' ? 'updated' : a.type === 'skip' ? 'skipped' : 'unchanged',
			direction: a.direction,
			objectType: a.objectKind,
			sourceId: a.sourceId,
			targetId: a.targetId ?? null,
			changedFields: a.changes.map((c) => ({ field: c.field, from: c.from, to: c.to })),
			reason: a.reason,
			...(a.matchedBy ? { matchedBy: a.matchedBy } : {}),
			...(a.merge ? { merge: summariseMerge(a.merge) } : {}),
			dryRun,
		},
		pairedItem: paired(indexes),
	};
}

export function failedItem(f: Pick<SyncFailure, 'direction' | 'objectKind' | 'recordId' | 'error' | 'code' | 'retriable'> & Partial<Omit<SyncFailure, 'operation'>> & { operation: string }, indexes: number[] | undefined, secrets: string[]): INodeExecutionData {
	return {
		json: {
			operation: f.operation,
			direction: f.direction,
			objectType: f.objectKind,
			recordId: f.recordId,
			error: redactSecrets(f.error, secrets),
			code: f.code,
			retriable: f.retriable,
			...(f.field ? { field: f.field } : {}),
			...(f.candidates ? { candidates: f.candidates } : {}),
			...(f.sourceModifiedAt ? { sourceModifiedAt: new Date(f.sourceModifiedAt).toISOString() } : {}),
		},
		pairedItem: paired(indexes),
	};
}
