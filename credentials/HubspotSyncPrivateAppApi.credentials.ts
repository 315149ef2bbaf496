import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';
import { hubspotApiLimitShare, hubspotBaseUrl } from './crm-fields';

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
		hubspotApiLimitShare(),
		hubspotBaseUrl(''),
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
