// Operation "Sync Recent Changes": the records one CRM modified in the last N minutes, synced to the other CRM in
// batches. On a schedule it is the safety net behind the webhooks: Zoho does not document retries for failed
// notification callbacks (crm-apis.md §2.7: "answer 200 fast and reconcile with a periodic Modified_Time poll"), and
// a HubSpot delivery can exhaust its retries while n8n is down. State-based sync makes re-syncing harmless: an
// unchanged record costs reads and no write.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { MODIFIED_FIELDS, type Direction, type ObjectKind } from '../../lib/sync';
import { formatZohoTime } from '../../lib/zoho/time';
import { adaptersFor, syncGroups, type Group } from './execute';

const ZOHO_MODULE: Record<ObjectKind, 'Contacts' | 'Accounts'> = { contact: 'Contacts', company: 'Accounts' };
const HUBSPOT_TYPE: Record<ObjectKind, 'contacts' | 'companies'> = { contact: 'contacts', company: 'companies' };
/** Records synced per batch: keeps memory flat however many records changed. */
const CHUNK = 500;

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
		let ids: string[];
		if (source === 'zoho') {
			const rows = await adapters.config.zoho.coqlAll(
				`select id from ${ZOHO_MODULE[objectKind]} where Modified_Time >= '${formatZohoTime(since)}' order by Modified_Time asc`,
			);
			ids = rows.map((r) => String(r.id));
		} else {
			const res = await adapters.config.hubspot.searchAll(HUBSPOT_TYPE[objectKind], {
				filterGroups: [{ filters: [{ propertyName: MODIFIED_FIELDS[objectKind].hubspot, operator: 'GTE', value: String(since) }] }],
				properties: [MODIFIED_FIELDS[objectKind].hubspot],
				sorts: [{ propertyName: MODIFIED_FIELDS[objectKind].hubspot, direction: 'ASCENDING' }],
			});
			ids = res.results.map((o) => String(o.id));
		}
		const unique = [...new Set(ids)];
		const groups: Group[] = [];
		for (let i = 0; i < unique.length; i += CHUNK) {
			groups.push({ direction, objectKind, items: new Map(unique.slice(i, i + CHUNK).map((id) => [id, [0]])) });
		}
		await syncGroups(this, groups, synced, failed, adapters);
	}
	return [synced, failed];
}
