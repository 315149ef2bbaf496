import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { customServiceFields } from './common-fields';

export class CustomServiceOAuth2Api implements ICredentialType {
	name = 'customServiceOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Custom Service OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#custom-service-any-third-party-api';

	icon = { light: 'file:customService.svg', dark: 'file:customService.dark.svg' } as const;

	properties: INodeProperties[] = [
		...customServiceFields('oauth'),
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'A user signs in and approves access (Connect button); n8n refreshes the token',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description: 'Server-to-server: n8n fetches a token with the client ID and secret',
				},
			],
			default: 'authorizationCode',
			description: 'The OAuth 2.0 flow the service supports (RFC 6749 §4.1 or §4.4)',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://accounts.example.com/oauth/authorize',
			description: 'The page where the user approves access',
			displayOptions: { show: { grantType: ['authorizationCode'] } },
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://accounts.example.com/oauth/token',
			description:
				'Where n8n exchanges the code, refreshes tokens and fetches client-credentials tokens. n8n 2.41 uses this one URL for all three: a separate refresh-token URL cannot be set.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The client ID of the app you registered with the service',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret of the app you registered with the service',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			placeholder: 'read write',
			description:
				'Scopes to request, in the delimiter the service wants: space-separated (read write), or comma-separated for services such as Zoho (ZohoCRM.modules.ALL,ZohoCRM.settings.ALL). n8n 2.41 sends the text as written: it splits on commas and joins them with commas again when there is one, else sends it unchanged.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			default: '',
			placeholder: 'access_type=offline&prompt=consent',
			description:
				'Extra parameters added to the authorization URL, e.g. access_type=offline&prompt=consent so a refresh token is issued',
			displayOptions: { show: { grantType: ['authorizationCode'] } },
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Header', value: 'header', description: 'Client ID and secret in a Basic Authorization header' },
				{ name: 'Body', value: 'body', description: 'Client ID and secret as form fields in the token request body' },
			],
			default: 'header',
			description: 'How the client ID and secret are sent on token requests',
		},
	];
}
