import { NodeConnectionTypes, type IHookFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { zohoTriggerProperties } from './description';
import { checkExists, create, remove } from './lifecycle';
import { receive } from './receive';

export class ZohoCrmSyncTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho CRM Sync Trigger',
		name: 'zohoCrmSyncTrigger',
		icon: { light: 'file:zohoCrmSync.svg', dark: 'file:zohoCrmSync.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly as 1. n8n 2.41 evaluates an extra expression ($parameter.options.binaryData) on every
		// webhook call to a version-1 trigger (webhook-helpers parseRequestBody), in its isolated-vm engine by default:
		// under load that one expression was most of the webhook process's CPU. Version 1.1 skips it.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ $parameter["mode"] === "workflowRule" ? "Workflow rule webhook" : $parameter["events"].map(e => ({"Contacts.create": "Contact created", "Contacts.edit": "Contact edited", "Contacts.delete": "Contact deleted", "Accounts.create": "Account created", "Accounts.edit": "Account edited", "Accounts.delete": "Account deleted"})[e] || e).join(", ") }}',
		documentationUrl: 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#zoho-crm',
		description: 'Starts the workflow on Zoho CRM contact and account notifications, verified by channel token',
		defaults: { name: 'Zoho CRM Sync Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zohoCrmSyncOAuth2Api', required: true, displayOptions: { show: { mode: ['notificationApi'] } } }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: zohoTriggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	webhook = receive;
}
