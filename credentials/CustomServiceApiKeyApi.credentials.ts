import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { customServiceFields, testUrlField } from './common-fields';

export class CustomServiceApiKeyApi implements ICredentialType {
	name = 'customServiceApiKeyApi';

	displayName = 'Custom Service API Key API';

	documentationUrl = 'https://github.com/n8n-nodes-hubspot-zoho-sync/n8n-nodes-hubspot-zoho-sync#custom-service-any-third-party-api';

	icon = { light: 'file:customService.svg', dark: 'file:customService.dark.svg' } as const;

	properties: INodeProperties[] = [
		...customServiceFields('plain'),
		{
			displayName: 'Send Key In',
			name: 'location',
			type: 'options',
			options: [
				{ name: 'Header', value: 'header', description: 'As a request header, e.g. X-API-Key' },
				{ name: 'Query Parameter', value: 'query', description: 'As a URL query parameter, e.g. ?api_key=' },
			],
			default: 'header',
			description: 'Where the key goes on every request',
		},
		{
			displayName: 'Key Name',
			name: 'keyName',
			type: 'string',
			default: 'X-API-Key',
			description: 'The header name or query parameter name the service expects',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The API key itself',
		},
		{
			displayName: 'Value Prefix',
			name: 'valuePrefix',
			type: 'string',
			default: '',
			placeholder: 'Bearer ',
			description: 'Optional text put before the key, e.g. "Bearer " or "Token " (include the space)',
		},
		{
			displayName: 'Additional Parameters',
			name: 'additionalParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Parameter',
			description:
				'Further headers and query parameters sent on every request with the key, as a Zoho Connection can hold several (e.g. an account ID header). Their values are treated as secrets.',
			options: [
				{
					name: 'parameter',
					displayName: 'Parameter',
					values: [
						{
							displayName: 'Send In',
							name: 'location',
							type: 'options',
							options: [
								{ name: 'Header', value: 'header' },
								{ name: 'Query Parameter', value: 'query' },
							],
							default: 'header',
						},
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', typeOptions: { password: true }, default: '' },
					],
				},
			],
		},
		testUrlField('an authenticated'),
	];

	// A function rather than `generic`: the key goes to the header OR the query, never both; the additional
	// parameters each go where their row says.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const rows: Array<{ location: string; name: string; value: string }> = [];
		const name = String(credentials.keyName ?? '');
		if (name !== '') {
			const value = `${String(credentials.valuePrefix ?? '')}${String(credentials.apiKey ?? '')}`;
			rows.push({ location: String(credentials.location ?? 'header'), name, value });
		}
		const extra = (credentials.additionalParameters as IDataObject | undefined)?.parameter;
		for (const row of Array.isArray(extra) ? (extra as IDataObject[]) : []) {
			const rowName = String(row.name ?? '').trim();
			if (rowName !== '') rows.push({ location: String(row.location ?? 'header'), name: rowName, value: String(row.value ?? '') });
		}
		const qs = rows.filter((r) => r.location === 'query');
		const headers = rows.filter((r) => r.location !== 'query');
		if (qs.length) requestOptions.qs = { ...((requestOptions.qs as IDataObject) ?? {}), ...Object.fromEntries(qs.map((r) => [r.name, r.value])) };
		if (headers.length) {
			requestOptions.headers = { ...((requestOptions.headers as IDataObject) ?? {}), ...Object.fromEntries(headers.map((r) => [r.name, r.value])) };
		}
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: { method: 'GET', url: '={{$credentials.testUrl}}' },
	};
}
