import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { credentials, properties, syncHints } from './actions/node.description';
import { router } from './actions/router';
import { loadOptions } from './fields';

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
		return await router.call(this);
	}
}
