import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';
import { authorizationCodeGrant, HUBSPOT_API, hubspotApiLimitShare, hubspotBaseUrl, oauth2Endpoints } from './crm-fields';

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
		authorizationCodeGrant(),
		hubspotApiLimitShare(),
		hubspotBaseUrl('authorization, tokens and API calls '),
		...oauth2Endpoints({
			authUrl: `={{ ${custom} ? ${base} + "/oauth/authorize" : "https://app.hubspot.com/oauth/authorize" }}`,
			accessTokenUrl: `={{ ${base} + "/oauth/v1/token" }}`,
			scope: SCOPES.join(' '),
			authQueryParameters: '',
		}),
		{
			displayName: 'The Client Secret is also used to verify webhook signatures.',
			name: 'webhookSignatureNotice',
			type: 'notice',
			default: '',
		},
	];
}
