// Operation "Sync Recent Changes": the records one CRM modified in the last N minutes, synced to the other CRM in
// batches. On a schedule it is the safety net behind the webhooks: Zoho does not document retries for failed
// notification callbacks (docs/crm-api-notes.md §2.7: "answer 200 fast and reconcile with a periodic Modified_Time poll"), and
// a HubSpot delivery can exhaust its retries while n8n is down. State-based sync makes re-syncing harmless: an
// unchanged record costs reads and no write.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Direction, ObjectKind } from '../../../lib/sync';
import { hubspotIdPages, zohoIdPages } from '../../../lib/sync-adapters';
import { startSyncRun, syncGroups } from '../sync-run';

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'recentSource',
		type: 'options',
		options: [
			{ name: 'Zoho CRM (Sync to HubSpot)', value: 'zoho' },
			{ name: 'HubSpot (Sync to Zoho CRM)', value: 'hubspot' },
		],
		default: 'zoho',
		description: 'The CRM whose recently modified records are synced to the other one',
		displayOptions: { show: { operation: ['syncRecent'] } },
	},
	{
		displayName: 'Objects',
		name: 'recentObjects',
		type: 'multiOptions',
		options: [
			{ name: 'Contacts', value: 'contact' },
			{ name: 'Companies (Zoho Accounts)', value: 'company' },
		],
		default: ['contact', 'company'],
		displayOptions: { show: { operation: ['syncRecent'] } },
	},
	{
		displayName: 'Modified Within (Minutes)',
		name: 'lookbackMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'Records modified this many minutes back from now are synced. Make it longer than the schedule interval so runs overlap.',
		displayOptions: { show: { operation: ['syncRecent'] } },
	},
];

/** Records synced per batch. Pages come from the same keyset pagers as the reconcile: no 10,000-result cap. */
const CHUNK = 200;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const source = this.getNodeParameter('recentSource', 0, 'zoho') as 'zoho' | 'hubspot';
	const kinds = this.getNodeParameter('recentObjects', 0, ['contact', 'company']) as ObjectKind[];
	const minutes = Math.max(1, Number(this.getNodeParameter('lookbackMinutes', 0, 30)) || 30);
	const since = Date.now() - minutes * 60_000;
	const direction: Direction = source === 'zoho' ? 'zohoToHubspot' : 'hubspotToZoho';
	const run = await startSyncRun(this);
	const synced: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	// companies first, so contacts created in the same run can link to them
	for (const objectKind of [...new Set(kinds)].sort((a, b) => (a === 'company' ? -1 : b === 'company' ? 1 : 0))) {
		const { hubspot, zoho } = run.adapters.config;
		const pages = source === 'zoho' ? zohoIdPages(zoho, objectKind, { since }) : hubspotIdPages(hubspot, objectKind, { since });
		for await (const page of pages) {
			for (let i = 0; i < page.length; i += CHUNK) {
				const items = new Map(page.slice(i, i + CHUNK).map((id) => [id, [0]]));
				await syncGroups(run, [{ direction, objectKind, items }], synced, failed);
			}
		}
	}
	return [synced, failed];
}
