/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test code: evaluates the stand-in case's expression as n8n would, under jest, never inside n8n */
import { NodeHelpers } from 'n8n-workflow';
import { HubspotSyncOAuth2Api } from '../../credentials/HubspotSyncOAuth2Api.credentials';

// What n8n does with a credential's fields on every read (credentials-helper applyDefaultsAndOverwrites).
const cred = new HubspotSyncOAuth2Api();
const resolved = (data: Record<string, unknown>) => NodeHelpers.getNodeParameters(cred.properties, data as never, true, false, null, null) as Record<string, unknown>;
const evaluate = (expr: string, vars: Record<string, unknown>) =>
	new Function(...Object.keys(vars), `return (${expr.replace(/^=\{\{/, '').replace(/\}\}$/, '')});`)(...Object.values(vars));

describe('HubspotSyncOAuth2Api endpoints', () => {
	it("are HubSpot's own URLs as plain values, no expression, for the default base URL (read on every API call)", () => {
		for (const baseUrl of [undefined, 'https://api.hubapi.com', 'https://api.hubapi.com/', '']) {
			const r = resolved(baseUrl === undefined ? {} : { baseUrl });
			expect(r.authUrl).toBe('https://app.hubspot.com/oauth/authorize');
			expect(r.accessTokenUrl).toBe('https://api.hubapi.com/oauth/v1/token');
		}
	});

	it('follow a custom base URL (a HubSpot stand-in such as the sandbox) for both authorize and token', () => {
		const self = { baseUrl: 'http://127.0.0.1:9/hubspot/' };
		const r = resolved(self);
		expect(evaluate(String(r.authUrl), { $self: self })).toBe('http://127.0.0.1:9/hubspot/oauth/authorize');
		expect(evaluate(String(r.accessTokenUrl), { $self: self })).toBe('http://127.0.0.1:9/hubspot/oauth/v1/token');
	});
});
