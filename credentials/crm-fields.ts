import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

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
 * One value of a hidden field for one case of the other fields. n8n keeps, of several fields with one name, the one
 * whose displayOptions match, so an endpoint that depends on another field (a data centre, a stand-in's base URL) is a
 * plain value per case: an expression in a credential field is evaluated in n8n's expression engine on every
 * credential read, i.e. on every API call (measured: half of n8n's CPU in a burst of deliveries with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true). Only the stand-in case keeps an expression.
 */
export interface FieldCase {
	value: string;
	displayOptions: IDisplayOptions;
}

const hiddenCases = (displayName: string, name: string, value: string | FieldCase[]): INodeProperties[] =>
	typeof value === 'string' ? [hidden(displayName, name, value)] : value.map((c) => ({ ...hidden(displayName, name, c.value), displayOptions: c.displayOptions }));

/** The endpoints and scope of a CRM's OAuth2 app, fixed by the credential; both CRMs take the client ID and secret in the token request body. */
export function oauth2Endpoints(endpoints: { authUrl: string | FieldCase[]; accessTokenUrl: string | FieldCase[]; scope: string; authQueryParameters: string }): INodeProperties[] {
	return [
		...hiddenCases('Authorization URL', 'authUrl', endpoints.authUrl),
		...hiddenCases('Access Token URL', 'accessTokenUrl', endpoints.accessTokenUrl),
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
