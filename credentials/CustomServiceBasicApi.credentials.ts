import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { BASE_URL_DESCRIPTION, trustProperties } from './CustomServiceTrust';

export class CustomServiceBasicApi implements ICredentialType {
	name = 'customServiceBasicApi';

	displayName = 'Custom Service Basic Auth API';

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#custom-service-any-third-party-api';

	icon = { light: 'file:customService.svg', dark: 'file:customService.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Service Name',
			name: 'serviceName',
			type: 'string',
			default: '',
			placeholder: 'Acme Billing',
			description: 'A label for the service this connection is for, shown in error messages',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com/v1',
			description: BASE_URL_DESCRIPTION,
		},
		...trustProperties('Without a Base URL only the listed domains.'),
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
		{
			displayName: 'Test URL',
			name: 'testUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com/v1/me',
			description: 'An absolute URL that answers 2xx to an authenticated GET; used by the credential test',
		},
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
