import { NodeConnectionTypes, type IHookFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { hubspotTriggerProperties } from './description';
import { checkExists, create, remove } from './lifecycle';
import { receive } from './receive';

export class HubspotSyncTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HubSpot Sync Trigger',
		name: 'hubspotSyncTrigger',
		icon: { light: 'file:hubspotSync.svg', dark: 'file:hubspotSync.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly as 1. n8n 2.41 evaluates an extra expression ($parameter.options.binaryData) on every
		// webhook call to a version-1 trigger (webhook-helpers parseRequestBody), in its isolated-vm engine by default:
		// under load that one expression was most of the webhook process's CPU. Version 1.1 skips it.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ $parameter["events"].map(e => ({"contact.creation": "Contact created", "company.creation": "Company created", "contact.propertyChange": "Contact changed", "company.propertyChange": "Company changed", "contact.deletion": "Contact deleted", "company.deletion": "Company deleted"})[e] || e).join(", ") }}',
		documentationUrl: 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#hubspot',
		description: 'Starts the workflow on verified HubSpot contact and company webhooks (signature v3; v1/v2 only if allowed)',
		defaults: { name: 'HubSpot Sync Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'hubspotSyncPrivateAppApi', required: true, displayOptions: { show: { authentication: ['hubspotSyncPrivateAppApi'] } } },
			{ name: 'hubspotSyncOAuth2Api', required: true, displayOptions: { show: { authentication: ['hubspotSyncOAuth2Api'] } } },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: hubspotTriggerProperties,
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
