// Operation "Sync Records": the records named by the input items (typically our triggers' events), one batch per
// (direction, object). What an item asks for is decided in lib (lib/sync-adapters/hand-off.ts); this file only reads
// the parameters per item.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { groupHandOffs, parseHandOff, type HandOff } from '../../../lib/sync-adapters/hand-off';
import { gateSource, syncStartGate } from '../../shared/start-gate';
import { failedItem } from '../items';
import { startSyncRun, syncGroups } from '../sync-run';

export const description: INodeProperties[] = [
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'HubSpot to Zoho CRM', value: 'hubspotToZoho' },
			{ name: 'Zoho CRM to HubSpot', value: 'zohoToHubspot' },
			{ name: 'From the Incoming Event', value: 'fromEvent', description: 'Items from our HubSpot trigger go to Zoho, items from our Zoho trigger go to HubSpot' },
		],
		default: 'fromEvent',
		displayOptions: { show: { operation: ['sync'] } },
	},
	{
		displayName: 'Object',
		name: 'objectType',
		type: 'options',
		options: [
			{ name: 'Contact', value: 'contact' },
			{ name: 'Company (Zoho Account)', value: 'company' },
			{ name: 'From the Incoming Event', value: 'fromEvent', description: 'Uses the item field objectType (contact or company)' },
		],
		default: 'fromEvent',
		displayOptions: { show: { operation: ['sync'] } },
	},
	{
		displayName: 'Record ID',
		name: 'recordIdField',
		type: 'string',
		default: '={{ $json.objectId }}',
		description: 'ID of the source record (the HubSpot record for HubSpot to Zoho, the Zoho record otherwise)',
		displayOptions: { show: { operation: ['sync'] } },
	},
];

/**
 * The Record ID parameter's default, read straight from the item. n8n 2.41 evaluates every expression in its
 * isolated-vm engine by default, which for 100 items per delivery cost more than the sync itself; this exact
 * expression needs no engine. Any other value or expression is evaluated by n8n as usual.
 */
const DEFAULT_RECORD_ID = /^=\{\{\s*\$json\.objectId\s*\}\}$/;

function recordIdValue(ctx: IExecuteFunctions, i: number, json: IDataObject): unknown {
	const raw = ctx.getNodeParameter('recordIdField', i, '', { rawExpressions: true });
	return typeof raw === 'string' && DEFAULT_RECORD_ID.test(raw.trim()) ? json.objectId : ctx.getNodeParameter('recordIdField', i);
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const synced: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	const requests: Array<{ request: HandOff; index: number }> = [];
	this.getInputData().forEach((item, i) => {
		const json = item.json as IDataObject;
		const choice = { direction: this.getNodeParameter('direction', i) as string, objectKind: this.getNodeParameter('objectType', i) as string, recordId: recordIdValue(this, i, json) };
		const r = parseHandOff(json, choice, i);
		if (r.ok) requests.push({ request: r.request, index: i });
		else failed.push(failedItem({ operation: 'read', direction: r.direction ?? 'hubspotToZoho', objectKind: r.objectKind ?? 'contact', recordId: r.recordId, error: r.problem, code: 'INVALID_INPUT', retriable: false }, [i], []));
	});
	if (requests.length === 0) return [synced, failed];
	// Executions of deliveries that arrived together start their reads together (nodes/shared/start-gate.ts).
	// Taken only once this execution is ready to read: the last one to start then reads in the same moment as those
	// it releases, and shares their calls.
	const run = await startSyncRun(this);
	const sources = [...new Set(requests.map((r) => gateSource(r.request.direction)))];
	for (const source of sources) syncStartGate.started(source);
	await Promise.all(sources.map((source) => syncStartGate.wait(source)));
	await syncGroups(run, groupHandOffs(requests), synced, failed);
	return [synced, failed];
}
