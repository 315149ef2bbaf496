import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { ZOHO_DATA_CENTRES } from '../lib/zoho/data-centres';
import { authorizationCodeGrant, oauth2Endpoints } from './crm-fields';

const PICKER = ['US', 'EU', 'IN', 'AU', 'JP', 'CA', 'SA', 'CN'] as const;

const SCOPES = [
	'ZohoCRM.modules.contacts.ALL',
	'ZohoCRM.modules.accounts.ALL',
	'ZohoCRM.coql.READ',
	'ZohoCRM.notifications.ALL',
	'ZohoCRM.settings.fields.READ',
	'ZohoCRM.users.READ',
];

// Host tables come from lib/zoho/data-centres.ts so the credential and the client never disagree. A ternary chain
// rather than an object literal: braces inside {{ }} are easy to mis-split for n8n's expression parser.
const byDc = (dc: string, key: 'accountsUrl' | 'apiDomain') =>
	PICKER.reduceRight((rest, code) => `${dc} === "${code}" ? "${ZOHO_DATA_CENTRES[code][key]}" : ${rest}`, `"${ZOHO_DATA_CENTRES.US[key]}"`);
const accounts = (self: string) =>
	`(${self}["accountsUrlOverride"] || (${byDc(`${self}["dataCenter"]`, 'accountsUrl')})).replace(/\\/+$/, "")`;
// Zoho: always build API URLs from the token's api_domain (kept by n8n in oauthTokenData); an override wins for the sandbox.
const apiDomain = `($credentials.apiDomainOverride || ($credentials.oauthTokenData && $credentials.oauthTokenData.api_domain) || (${byDc('$credentials.dataCenter', 'apiDomain')})).replace(/\\/+$/, "")`;

export class ZohoCrmSyncOAuth2Api implements ICredentialType {
	name = 'zohoCrmSyncOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Zoho CRM Sync OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#zoho-crm';

	icon: Icon = { light: 'file:zohoCrmSync.svg', dark: 'file:zohoCrmSync.dark.svg' };

	properties: INodeProperties[] = [
		authorizationCodeGrant(),
		{
			displayName: 'Data Centre',
			name: 'dataCenter',
			type: 'options',
			options: PICKER.map((dc) => ({ name: ZOHO_DATA_CENTRES[dc].label, value: dc })),
			default: 'US',
			description: 'Where your Zoho account lives: the domain you sign in at (zoho.com, zoho.eu, zoho.in …)',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 25 },
			default: 5,
			description: "Zoho API calls the Sync node keeps in flight at once per n8n process. Zoho's limit is per organization and app (Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate 25): with several n8n processes, keep processes x this value inside it. When Zoho refuses a call as one too many, the process lowers its own cap and raises it again as calls are answered, never above this value.",
		},
		{
			displayName: 'Accounts URL Override',
			name: 'accountsUrlOverride',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:PORT/zoho-accounts',
			description: 'Advanced: replaces the data centre\'s Zoho Accounts server for authorization and tokens (for the local sandbox). Leave empty for Zoho.',
		},
		{
			displayName: 'API Domain Override',
			name: 'apiDomainOverride',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:PORT/zoho',
			description: 'Advanced: replaces the api_domain Zoho returns with the token (for the local sandbox or a Zoho sandbox org). Leave empty for Zoho.',
		},
		...oauth2Endpoints({
			authUrl: `={{ ${accounts('$self')} + "/oauth/v2/auth" }}`,
			accessTokenUrl: `={{ ${accounts('$self')} + "/oauth/v2/token" }}`,
			scope: SCOPES.join(','),
			// offline gives a refresh token; consent makes a re-authorisation issue a new one (docs/crm-api-notes.md §2.2).
			authQueryParameters: 'access_type=offline&prompt=consent',
		}),
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${apiDomain} }}`,
			url: '/crm/v8/users',
			qs: { type: 'CurrentUser' },
		},
	};
}
