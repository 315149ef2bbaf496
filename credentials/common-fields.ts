import type { INodeProperties } from 'n8n-workflow';

const BASE_URL_DESCRIPTION =
	"Relative URLs in the Invoke URL node are resolved against it, and the credential is sent to this origin (scheme, host and port) and to the Allowed Domains only. Without a Base URL or Allowed Domains the credential is sent nowhere.";

const OAUTH_BASE_URL_DESCRIPTION =
	"Relative URLs in the Invoke URL node are resolved against it, and the credential is sent to this origin (scheme, host and port) and to the Allowed Domains only. Without a Base URL, the Access Token URL's origin takes its place.";

const BASE_URL_NOTE = {
	plain: 'Without a Base URL only the listed domains.',
	oauth: 'Without a Base URL, the origin of the Access Token URL (the host that issued the token) and the listed domains.',
};

/**
 * The fields every Custom Service credential starts with: a label, the Base URL and where the credential may be sent.
 * `oauth`: without a Base URL the Access Token URL's origin stands in for it (see nodes/InvokeUrl/trust.ts).
 */
export function customServiceFields(kind: 'plain' | 'oauth'): INodeProperties[] {
	return [
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
			description: kind === 'oauth' ? OAUTH_BASE_URL_DESCRIPTION : BASE_URL_DESCRIPTION,
		},
		...trustProperties(BASE_URL_NOTE[kind]),
	];
}

/** The last field of the Basic, API key and OAuth1 credentials: where n8n's credential test sends its GET. */
export function testUrlField(request: 'an authenticated' | 'a signed'): INodeProperties {
	return {
		displayName: 'Test URL',
		name: 'testUrl',
		type: 'string',
		default: '',
		placeholder: 'https://api.example.com/v1/me',
		description: `An absolute URL that answers 2xx to ${request} GET; used by the credential test`,
	};
}

/**
 * Where a Custom Service credential may be sent. The field names are n8n's own (n8n-workflow
 * credential-domain-restrictions, n8n 2.x), so n8n's HTTP Request node applies the same list to this credential and
 * does not add its own copy of the fields. The Invoke URL node also allows the Base URL's origin, and treats a
 * credential with neither as one it may send nowhere.
 */
function trustProperties(baseUrlNote: string): INodeProperties[] {
	return [
		{
			displayName: 'Allowed HTTP Request Domains',
			name: 'allowedHttpRequestDomains',
			type: 'options',
			options: [
				{
					name: 'Base URL and Listed Domains',
					value: 'domains',
					description: `Sent only to the Base URL's origin and the domains listed below. ${baseUrlNote}`,
				},
				{
					name: 'All (Unsafe)',
					value: 'all',
					description:
						'Sent to any URL a workflow gives, including one taken from item data, which can hand the secret to any host. Never to a host a redirect points to.',
				},
			],
			default: 'domains',
			description: 'Which hosts this credential may be sent to by the Invoke URL node (and by n8n\'s HTTP Request node)',
		},
		{
			displayName: 'Allowed Domains',
			name: 'allowedDomains',
			type: 'string',
			default: '',
			placeholder: 'api.example.com, *.example.net',
			description:
				"Comma-separated host names this credential may be sent to besides the Base URL's origin (any scheme and port). *.example.net matches subdomains only. Requests to other hosts fail before anything is sent.",
			displayOptions: { show: { allowedHttpRequestDomains: ['domains'] } },
		},
		{
			displayName: 'Connection Parameters',
			name: 'connectionParameters',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			placeholder: 'shop=acme',
			description:
				'Name=value pairs, one per line (or joined by &), used as {name} placeholders in the Base URL and in the Invoke URL node\'s URL, like a Zoho Connection\'s parameters: shop=acme with https://{shop}.example.com/api. The host check applies to the expanded URL.',
		},
	];
}
