import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { SYNC_TRIGGER, syncTriggerWebhookMethods } from '../shared/trigger';
import { zohoTriggerProperties } from './description';
import { checkExists, create, remove } from './lifecycle';
import { receive } from './receive';

export class ZohoCrmSyncTrigger implements INodeType {
	description: INodeTypeDescription = {
		...SYNC_TRIGGER,
		displayName: 'Zoho CRM Sync Trigger',
		name: 'zohoCrmSyncTrigger',
		icon: { light: 'file:zohoCrmSync.svg', dark: 'file:zohoCrmSync.dark.svg' },
		defaults: { name: 'Zoho CRM Sync Trigger' },
		subtitle:
			'={{ $parameter["mode"] === "workflowRule" ? "Workflow rule webhook" : $parameter["events"].map(e => ({"Contacts.create": "Contact created", "Contacts.edit": "Contact edited", "Contacts.delete": "Contact deleted", "Accounts.create": "Account created", "Accounts.edit": "Account edited", "Accounts.delete": "Account deleted"})[e] || e).join(", ") }}',
		documentationUrl: 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#zoho-crm',
		description: 'Starts the workflow on Zoho CRM contact and account notifications, verified by channel token',
		credentials: [{ name: 'zohoCrmSyncOAuth2Api', required: true, displayOptions: { show: { mode: ['notificationApi'] } } }],
		properties: zohoTriggerProperties,
	};

	webhookMethods = syncTriggerWebhookMethods({ checkExists, create, remove });

	webhook = receive;
}
