import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { credentials, properties } from './description';
import { executeInvokeUrl } from './execute';

export class InvokeUrl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Invoke URL',
		name: 'invokeUrl',
		icon: { light: 'file:invokeUrl.svg', dark: 'file:invokeUrl.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["method"] + " " + $parameter["url"]}}',
		description: 'Call any HTTP API through a Custom Service connection, like Deluge invokeUrl',
		documentationUrl: 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#custom-service-any-third-party-api',
		defaults: { name: 'Invoke URL' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeInvokeUrl.call(this);
	}
}
