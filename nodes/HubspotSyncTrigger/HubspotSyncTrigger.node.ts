import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { SYNC_TRIGGER, syncTriggerWebhookMethods } from '../shared/trigger';
import { hubspotTriggerProperties } from './description';
import { checkExists, create, remove } from './lifecycle';
import { receive } from './receive';

export class HubspotSyncTrigger implements INodeType {
	description: INodeTypeDescription = {
		...SYNC_TRIGGER,
		displayName: 'HubSpot Sync Trigger',
		name: 'hubspotSyncTrigger',
		icon: { light: 'file:hubspotSync.svg', dark: 'file:hubspotSync.dark.svg' },
		defaults: { name: 'HubSpot Sync Trigger' },
		subtitle:
			'={{ $parameter["events"].map(e => ({"contact.creation": "Contact created", "company.creation": "Company created", "contact.propertyChange": "Contact changed", "company.propertyChange": "Company changed", "contact.deletion": "Contact deleted", "company.deletion": "Company deleted"})[e] || e).join(", ") }}',
		documentationUrl: 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#hubspot',
		description: 'Starts the workflow on verified HubSpot contact and company webhooks (signature v3; v1/v2 only if allowed)',
		credentials: [
			{ name: 'hubspotSyncPrivateAppApi', required: true, displayOptions: { show: { authentication: ['hubspotSyncPrivateAppApi'] } } },
			{ name: 'hubspotSyncOAuth2Api', required: true, displayOptions: { show: { authentication: ['hubspotSyncOAuth2Api'] } } },
		],
		properties: hubspotTriggerProperties,
	};

	webhookMethods = syncTriggerWebhookMethods({ checkExists, create, remove });

	webhook = receive;
}
