import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { credentials, properties, syncHints } from './description';
import { executeSync } from './execute';
import { executeReconcile } from './reconcile';
import { executeRenewChannels } from './renew-channels';
import { executeSyncRecent } from './sync-recent';
import { loadOptions } from './fields';
import { reportOnce } from './failure-memory';

export class SyncContactCompany implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sync Contact/Company',
		name: 'syncContactCompany',
		icon: { light: 'file:syncContactCompany.svg', dark: 'file:syncContactCompany.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "renewZohoChannels" ? "Renew Zoho channels" : $parameter["operation"] === "syncRecent" ? "Recent changes: " + {"zoho": "Zoho → HubSpot", "hubspot": "HubSpot → Zoho"}[$parameter["recentSource"]] : $parameter["operation"] === "reconcile" ? "Reconcile all: " + {"hubspot": "HubSpot → Zoho", "zoho": "Zoho → HubSpot"}[$parameter["reconcileSource"]] : {"hubspotToZoho": "HubSpot → Zoho", "zohoToHubspot": "Zoho → HubSpot", "fromEvent": "Direction of the event"}[$parameter["direction"]] + " · " + {"contact": "Contacts", "company": "Companies", "fromEvent": "Object of the event"}[$parameter["objectType"]] }}',
		description: 'Sync HubSpot contacts/companies and Zoho CRM contacts/accounts: newest data wins, batched, loop-proof',
		documentationUrl: 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#n8n-nodes-hubspot-zoho-sync',
		hints: syncHints,
		defaults: { name: 'Sync Contact/Company' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Synced', 'Failed'],
		credentials,
		properties,
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0, 'sync') as string;
		if (operation === 'renewZohoChannels') return await executeRenewChannels.call(this);
		const run = operation === 'syncRecent' ? executeSyncRecent : operation === 'reconcile' ? executeReconcile : executeSync;
		return reportOnce(this, await run.call(this));
	}
}
