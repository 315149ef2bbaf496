import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The `authentication` value is the credential type name (house style), 'none' for no credential. */
export const CREDENTIAL_TYPES = [
	{ name: 'Basic Auth', value: 'customServiceBasicApi' },
	{ name: 'API Key', value: 'customServiceApiKeyApi' },
	{ name: 'OAuth1', value: 'customServiceOAuth1Api' },
	{ name: 'OAuth2', value: 'customServiceOAuth2Api' },
] as const;

export const credentials: INodeCredentialDescription[] = CREDENTIAL_TYPES.map(({ value }) => ({
	name: value,
	required: true,
	displayOptions: { show: { authentication: [value] } },
}));

const BODY_METHODS = ['POST', 'PUT', 'PATCH'];

export const properties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [{ name: 'None', value: 'none' }, ...CREDENTIAL_TYPES.map((c) => ({ name: `Custom Service ${c.name}`, value: c.value }))],
		default: 'none',
		description: 'The Custom Service connection that signs the request, like a Deluge invokeUrl connection',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'].map((m) => ({ name: m, value: m })),
		default: 'GET',
		description: 'The HTTP method (Deluge "type")',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://api.example.com/v1/items or /items with a credential Base URL',
		description:
			"Absolute URL, or a path resolved against the Base URL of the selected credential. A credential is only sent to its Base URL's origin and its Allowed Domains: any other host fails the item before a request is made.",
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Header',
		default: {},
		options: [
			{
				name: 'header',
				displayName: 'Header',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Parameters',
		name: 'parameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		description: 'Sent as the query string for GET, DELETE and HEAD, and as the body otherwise (as Deluge does)',
		options: [
			{
				name: 'parameter',
				displayName: 'Parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'options',
		displayOptions: { show: { method: BODY_METHODS } },
		options: [
			{ name: 'JSON', value: 'json' },
			{ name: 'Form URL-Encoded', value: 'form' },
			{ name: 'Multipart Form-Data', value: 'multipart' },
			{ name: 'Raw', value: 'raw' },
		],
		default: 'json',
		description: 'How the body is encoded',
	},
	{
		displayName: 'Body',
		name: 'rawBody',
		type: 'string',
		typeOptions: { rows: 4 },
		displayOptions: { show: { method: BODY_METHODS, contentType: ['raw', 'json'] } },
		default: '',
		description:
			'Raw: sent as is (set a Content-Type header, default text/plain). JSON: a JSON text; Parameters are merged into it when it is an object.',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		displayOptions: { show: { method: BODY_METHODS, contentType: ['multipart'] } },
		default: '',
		placeholder: 'data',
		description: 'Name of the binary property of the input item to upload as a file; leave empty to send fields only',
	},
	{
		displayName: 'File Field Name',
		name: 'binaryFieldName',
		type: 'string',
		displayOptions: { show: { method: BODY_METHODS, contentType: ['multipart'] } },
		default: 'file',
		description: 'The multipart form field name the file is sent under',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fail on HTTP Error',
				name: 'failOnHttpError',
				type: 'boolean',
				default: true,
				description: 'Whether a 4xx/5xx status fails the item; when off, the status is returned as data',
			},
			{
				displayName: 'Follow Redirects',
				name: 'followRedirects',
				type: 'boolean',
				default: true,
				description:
					'Whether 3xx redirects are followed (at most 10). The credential goes along only while the redirect stays on the same origin or goes to a host the credential allows; other hops are sent without it.',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 3,
				description:
					'Retries on 429, 5xx, timeouts and network errors, with backoff that honours Retry-After; 0 disables. POST and PATCH are only retried when the server did not process the request (429, 408, 425, 503 with Retry-After, no connection) unless the next option is on.',
			},
			{
				displayName: 'Retry POST and PATCH on Any Failure',
				name: 'retryNonIdempotent',
				type: 'boolean',
				default: false,
				description:
					'Whether POST and PATCH are also retried after a 5xx, a timeout or a dropped connection. Risk: the server may have processed the first attempt (e.g. created the record) before failing or timing out, so a retry can create duplicates. Turn on only for endpoints that are idempotent (e.g. take an idempotency key).',
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30000,
				description: 'Milliseconds to wait for each attempt',
			},
		],
	},
];
