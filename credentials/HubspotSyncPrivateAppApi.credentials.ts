import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class HubspotSyncPrivateAppApi implements ICredentialType {
	name = 'hubspotSyncPrivateAppApi';

	displayName = 'HubSpot Sync Private App API';

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#hubspot';

	icon: Icon = { light: 'file:hubspotSync.svg', dark: 'file:hubspotSync.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The private app access token (pat-…)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'App client secret, used only to verify webhook signatures',
		},
		{
			displayName: 'API Limit Share (%)',
			name: 'apiLimitShare',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 90,
			description: "The most of the app's HubSpot rate limit (calls per 10 s and per day) the Sync node's calls may bring the app's usage to, across all n8n processes. Lower it when other tools use the same app.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'Advanced: change only to point at a HubSpot stand-in such as the local sandbox (http://127.0.0.1:PORT/hubspot)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/account-info/v3/details',
		},
	};
}
