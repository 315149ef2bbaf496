import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import { optionProperties } from './options-description';
import { paginationProperties } from './pagination-description';

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
		options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((m) => ({ name: m, value: m })),
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
		description:
			'Sent as the query string for GET, DELETE, HEAD and OPTIONS, and as the body otherwise (as Deluge does; with a Binary body, in the query string). A name given twice is sent in the Query Array Format option.',
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
			{ name: 'Binary File', value: 'binary', description: 'The bytes of an input binary property (n8n binary data) as the whole body' },
			{ name: 'Form URL-Encoded', value: 'form' },
			{ name: 'JSON', value: 'json' },
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
		displayOptions: { show: { method: BODY_METHODS, contentType: ['multipart', 'binary'] } },
		default: '',
		placeholder: 'data',
		description:
			'Multipart: binary properties of the input item to upload as files, comma-separated (data, attachment), each sent under File Field Name; empty sends fields only. Binary: the one property sent as the body, its mime type as Content-Type unless a header sets one.',
	},
	{
		displayName: 'File Field Name',
		name: 'binaryFieldName',
		type: 'string',
		displayOptions: { show: { method: BODY_METHODS, contentType: ['multipart'] } },
		default: 'file',
		description: 'The multipart form field name the files of Input Binary Field are sent under',
	},
	{
		displayName: 'More Files',
		name: 'files',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { method: BODY_METHODS, contentType: ['multipart'] } },
		placeholder: 'Add File',
		default: {},
		description: "Further files, each with its own form field name (Deluge's files list)",
		options: [
			{
				name: 'file',
				displayName: 'File',
				values: [
					{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data' },
					{ displayName: 'Form Field Name', name: 'fieldName', type: 'string', default: 'file' },
				],
			},
		],
	},
	...paginationProperties,
	optionProperties,
];
