import type { INodeProperties } from 'n8n-workflow';

export const HUBSPOT_API = 'https://api.hubapi.com';

/** A field the editor never shows: n8n's OAuth2 base type reads its value. */
function hidden(displayName: string, name: string, value: string): INodeProperties {
	return { displayName, name, type: 'hidden', default: value };
}

/** The HubSpot and Zoho OAuth2 credentials use n8n's authorization-code flow only. */
export function authorizationCodeGrant(): INodeProperties {
	return hidden('Grant Type', 'grantType', 'authorizationCode');
}

/**
 * The endpoints and scope of a CRM's OAuth2 app, fixed by the credential (expressions where they depend on other
 * fields); both CRMs take the client ID and secret in the token request body.
 */
export function oauth2Endpoints(endpoints: { authUrl: string; accessTokenUrl: string; scope: string; authQueryParameters: string }): INodeProperties[] {
	return [
		hidden('Authorization URL', 'authUrl', endpoints.authUrl),
		hidden('Access Token URL', 'accessTokenUrl', endpoints.accessTokenUrl),
		hidden('Scope', 'scope', endpoints.scope),
		hidden('Auth URI Query Parameters', 'authQueryParameters', endpoints.authQueryParameters),
		hidden('Authentication', 'authentication', 'body'),
	];
}

/** The share of the HubSpot app's rate limit the Sync node may use: the same field on both HubSpot credentials. */
export function hubspotApiLimitShare(): INodeProperties {
	return {
		displayName: 'API Limit Share (%)',
		name: 'apiLimitShare',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 90,
		description: "The most of the app's HubSpot rate limit (calls per 10 s and per day) the Sync node's calls may bring the app's usage to, across all n8n processes. Lower it when other tools use the same app.",
	};
}

/** `what`: the part of the credential's traffic the Base URL redirects, as the field's description says it. */
export function hubspotBaseUrl(what: string): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: HUBSPOT_API,
		description: `Advanced: change only to point ${what}at a HubSpot stand-in such as the local sandbox (http://127.0.0.1:PORT/hubspot)`,
	};
}
