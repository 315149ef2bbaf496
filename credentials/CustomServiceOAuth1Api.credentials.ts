import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { customServiceFields, testUrlField } from './common-fields';

export class CustomServiceOAuth1Api implements ICredentialType {
	name = 'customServiceOAuth1Api';

	extends = ['oAuth1Api'];

	displayName = 'Custom Service OAuth1 API';

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#custom-service-any-third-party-api';

	icon = { light: 'file:customService.svg', dark: 'file:customService.dark.svg' } as const;

	properties: INodeProperties[] = [
		...customServiceFields('oauth'),
		{
			displayName: 'Request Token URL',
			name: 'requestTokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.example.com/oauth/request_token',
			description: 'RFC 5849 §2.1: where n8n obtains temporary credentials',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.example.com/oauth/authorize',
			description: 'RFC 5849 §2.2: the page where the user approves access',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.example.com/oauth/access_token',
			description: 'RFC 5849 §2.3: where n8n exchanges the verifier for token credentials',
		},
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The client identifier the service issued to you',
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client shared secret the service issued to you',
		},
		{
			displayName: 'Signature Method',
			name: 'signatureMethod',
			type: 'options',
			options: [
				{ name: 'HMAC-SHA1', value: 'HMAC-SHA1' },
				{ name: 'HMAC-SHA256', value: 'HMAC-SHA256' },
				{ name: 'HMAC-SHA512', value: 'HMAC-SHA512' },
			],
			default: 'HMAC-SHA1',
			description: 'How requests are signed; HMAC-SHA1 is the RFC 5849 default most services use',
		},
		testUrlField('a signed'),
	];

	test: ICredentialTestRequest = {
		request: { method: 'GET', url: '={{$credentials.testUrl}}' },
	};
}
