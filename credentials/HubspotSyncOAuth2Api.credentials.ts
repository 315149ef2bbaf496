import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

const HUBSPOT_API = 'https://api.hubapi.com';
const SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.companies.read', 'crm.objects.companies.write'];

// Authorize lives on app.hubspot.com, tokens on api.hubapi.com; a custom base URL (the sandbox) serves both.
const base = `($self["baseUrl"] || "${HUBSPOT_API}").replace(/\\/+$/, "")`;
const custom = `${base} !== "${HUBSPOT_API}"`;

export class HubspotSyncOAuth2Api implements ICredentialType {
	name = 'hubspotSyncOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HubSpot Sync OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#hubspot';

	icon: Icon = { light: 'file:hubspotSync.svg', dark: 'file:hubspotSync.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
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
			default: HUBSPOT_API,
			description: 'Advanced: change only to point authorization, tokens and API calls at a HubSpot stand-in such as the local sandbox (http://127.0.0.1:PORT/hubspot)',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${custom} ? ${base} + "/oauth/authorize" : "https://app.hubspot.com/oauth/authorize" }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${base} + "/oauth/v1/token" }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: SCOPES.join(' '),
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'The Client Secret is also used to verify webhook signatures.',
			name: 'webhookSignatureNotice',
			type: 'notice',
			default: '',
		},
	];
}
