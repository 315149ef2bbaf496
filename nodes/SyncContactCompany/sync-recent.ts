// Operation "Sync Recent Changes": the records one CRM modified in the last N minutes, synced to the other CRM in
// batches. On a schedule it is the safety net behind the webhooks: Zoho does not document retries for failed
// notification callbacks (docs/crm-api-notes.md §2.7: "answer 200 fast and reconcile with a periodic Modified_Time poll"), and
// a HubSpot delivery can exhaust its retries while n8n is down. State-based sync makes re-syncing harmless: an
// unchanged record costs reads and no write.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Direction, ObjectKind } from '../../lib/sync';
import { hubspotIdPages, zohoIdPages } from '../../lib/sync-adapters';
import { adaptersFor, syncGroups } from './execute';

/** Records synced per batch. Pages come from the same keyset pagers as the reconcile: no 10,000-result cap. */
const CHUNK = 200;

export async function executeSyncRecent(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const source = this.getNodeParameter('recentSource', 0, 'zoho') as 'zoho' | 'hubspot';
	const kinds = this.getNodeParameter('recentObjects', 0, ['contact', 'company']) as ObjectKind[];
	const minutes = Math.max(1, Number(this.getNodeParameter('lookbackMinutes', 0, 30)) || 30);
	const since = Date.now() - minutes * 60_000;
	const direction: Direction = source === 'zoho' ? 'zohoToHubspot' : 'hubspotToZoho';
	const adapters = await adaptersFor(this);
	const synced: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	// companies first, so contacts created in the same run can link to them
	for (const objectKind of [...new Set(kinds)].sort((a, b) => (a === 'company' ? -1 : b === 'company' ? 1 : 0))) {
		const pages = source === 'zoho' ? zohoIdPages(adapters.config.zoho, objectKind, { since }) : hubspotIdPages(adapters.config.hubspot, objectKind, { since });
		for await (const page of pages) {
			for (let i = 0; i < page.length; i += CHUNK) {
				const items = new Map(page.slice(i, i + CHUNK).map((id) => [id, [0]]));
				await syncGroups(this, [{ direction, objectKind, items }], synced, failed, adapters);
			}
		}
	}
	return [synced, failed];
}
