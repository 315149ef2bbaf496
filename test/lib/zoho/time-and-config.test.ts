/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Pure parts of lib/zoho: time parsing with offsets, data-centre resolution, the credential's host expressions.
import { ZohoCrmSyncOAuth2Api } from '../../../credentials/ZohoCrmSyncOAuth2Api.credentials';
import { ZOHO_DATA_CENTRES, formatZohoTime, parseZohoTime, resolveZohoAccountsUrl, resolveZohoApiDomain, websiteDomain } from '../../../lib/zoho';

describe('parseZohoTime', () => {
	it('honours the offset: 11:10:55+05:30 is 05:40:55Z', () => {
		expect(parseZohoTime('2019-03-22T11:10:55+05:30')).toBe(Date.parse('2019-03-22T05:40:55Z'));
		expect(parseZohoTime('2019-03-22T11:10:55-0800')).toBe(Date.parse('2019-03-22T19:10:55Z'));
	});
	it('rejects a time without an offset rather than guessing the zone', () => {
		expect(() => parseZohoTime('2019-03-22T11:10:55')).toThrow(/offset/);
	});
	it('formats instants without milliseconds for If-Unmodified-Since and channel_expiry', () => {
		expect(formatZohoTime(Date.parse('2024-01-15T09:56:49.987Z'))).toBe('2024-01-15T09:56:49+00:00');
	});
});

describe('data centres', () => {
	it('lists every data centre, with CA on zohocloud.ca', () => {
		expect(Object.keys(ZOHO_DATA_CENTRES).sort()).toEqual(['AU', 'CA', 'CN', 'EU', 'IN', 'JP', 'SA', 'UK', 'US']);
		expect(ZOHO_DATA_CENTRES.CA.accountsUrl).toBe('https://accounts.zohocloud.ca');
	});
	it('takes the API domain from the token api_domain, then the data centre; an override wins', () => {
		expect(resolveZohoApiDomain({ dataCenter: 'EU', oauthTokenData: { api_domain: 'https://www.zohoapis.in/' } })).toBe('https://www.zohoapis.in');
		expect(resolveZohoApiDomain({ dataCenter: 'JP' })).toBe('https://www.zohoapis.jp');
		expect(resolveZohoApiDomain({ dataCenter: 'nope' })).toBe('https://www.zohoapis.com');
		expect(resolveZohoApiDomain({ apiDomainOverride: 'http://127.0.0.1:9/zoho', oauthTokenData: { api_domain: 'https://www.zohoapis.com' } })).toBe('http://127.0.0.1:9/zoho');
		expect(() => resolveZohoApiDomain({ apiDomainOverride: 'javascript:alert(1)' })).toThrow(/http/);
		expect(resolveZohoAccountsUrl({ dataCenter: 'SA' })).toBe('https://accounts.zoho.sa');
	});
	it('reduces websites to their host', () => {
		expect(websiteDomain('HTTPS://www.Acme.com:443/about?x')).toBe('acme.com');
	});
});

describe('ZohoCrmSyncOAuth2Api', () => {
	const cred = new ZohoCrmSyncOAuth2Api();
	const prop = (name: string) => cred.properties.find((p) => p.name === name)!;
	// Evaluates the n8n expression body as plain JavaScript (what n8n's expression engine runs).
	const evaluate = (expr: string, vars: Record<string, unknown>) => {
		const body = expr.replace(/^=\{\{/, '').replace(/\}\}$/, '');
		return new Function(...Object.keys(vars), `return (${body});`)(...Object.values(vars));
	};

	it('is an oAuth2Api extension asking for offline access with consent and the CRM scopes', () => {
		expect(cred.name).toBe('zohoCrmSyncOAuth2Api');
		expect(cred.extends).toEqual(['oAuth2Api']);
		expect(prop('authQueryParameters').default).toBe('access_type=offline&prompt=consent');
		expect(String(prop('scope').default).split(',')).toEqual(expect.arrayContaining(['ZohoCRM.coql.READ', 'ZohoCRM.notifications.ALL', 'ZohoCRM.users.READ']));
		expect((prop('dataCenter').options as Array<{ value: string }>).map((o) => o.value)).toEqual(['US', 'EU', 'IN', 'AU', 'JP', 'CA', 'SA', 'CN']);
	});

	it('points authorize and token URLs at the picked data centre, or at the override', () => {
		const auth = String(prop('authUrl').default);
		const token = String(prop('accessTokenUrl').default);
		expect(evaluate(auth, { $self: { dataCenter: 'CA' } })).toBe('https://accounts.zohocloud.ca/oauth/v2/auth');
		expect(evaluate(token, { $self: { dataCenter: 'EU' } })).toBe('https://accounts.zoho.eu/oauth/v2/token');
		expect(evaluate(token, { $self: { dataCenter: 'US', accountsUrlOverride: 'http://127.0.0.1:5/zoho-accounts/' } })).toBe('http://127.0.0.1:5/zoho-accounts/oauth/v2/token');
	});

	it('tests the credential against the token api_domain', () => {
		const base = String(cred.test.request.baseURL);
		expect(evaluate(base, { $credentials: { dataCenter: 'US', oauthTokenData: { api_domain: 'https://www.zohoapis.eu' } } })).toBe('https://www.zohoapis.eu');
		expect(evaluate(base, { $credentials: { dataCenter: 'AU' } })).toBe('https://www.zohoapis.com.au');
		expect(cred.test.request.url).toBe('/crm/v8/users');
	});
});
