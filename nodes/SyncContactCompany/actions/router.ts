// Runs the chosen operation. The three sync operations report failures through Report Each Failure Once; renewing
// Zoho channels has no such option.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { reportOnce } from '../failure-memory';
import * as reconcile from './reconcile.operation';
import * as renewChannels from './renew-channels.operation';
import * as syncRecent from './sync-recent.operation';
import * as sync from './sync.operation';

type Operation = { execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> };

const SYNC_OPERATIONS = new Map<string, Operation>([
	['sync', sync],
	['syncRecent', syncRecent],
	['reconcile', reconcile],
]);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0, 'sync') as string;
	if (operation === 'renewZohoChannels') return await renewChannels.execute.call(this);
	// an unknown value (a workflow saved by a newer version) runs Sync Records, as before
	const { execute } = SYNC_OPERATIONS.get(operation) ?? sync;
	return reportOnce(this, await execute.call(this));
}
