import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { customServiceFields, testUrlField } from './common-fields';

export class CustomServiceBasicApi implements ICredentialType {
	name = 'customServiceBasicApi';

	displayName = 'Custom Service Basic Auth API';

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#custom-service-any-third-party-api';

	icon = { light: 'file:customService.svg', dark: 'file:customService.dark.svg' } as const;

	properties: INodeProperties[] = [
		...customServiceFields('plain'),
		{
			displayName: 'Username',
			name: 'user',
			type: 'string',
			default: '',
			description: 'Sent with the password in an HTTP Basic Authorization header',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Sent with the username in an HTTP Basic Authorization header',
		},
		testUrlField('an authenticated'),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.user}}',
				password: '={{$credentials.password}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: { method: 'GET', url: '={{$credentials.testUrl}}' },
	};
}
