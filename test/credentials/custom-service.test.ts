import { CustomServiceApiKeyApi } from '../../credentials/CustomServiceApiKeyApi.credentials';
import { CustomServiceBasicApi } from '../../credentials/CustomServiceBasicApi.credentials';
import { CustomServiceOAuth1Api } from '../../credentials/CustomServiceOAuth1Api.credentials';
import { CustomServiceOAuth2Api } from '../../credentials/CustomServiceOAuth2Api.credentials';

describe('Custom Service credentials', () => {
	const all = [new CustomServiceBasicApi(), new CustomServiceApiKeyApi(), new CustomServiceOAuth1Api(), new CustomServiceOAuth2Api()];

	it('use the names the package declares', () => {
		expect(all.map((c) => c.name)).toEqual(['customServiceBasicApi', 'customServiceApiKeyApi', 'customServiceOAuth1Api', 'customServiceOAuth2Api']);
	});

	it('each have a service name and base URL, and describe every field', () => {
		for (const c of all) {
			const names = c.properties.map((p) => p.name);
			expect(names).toEqual(expect.arrayContaining(['serviceName', 'baseUrl']));
			for (const p of c.properties) expect(p.description).toBeTruthy();
		}
	});

	it('mark every secret as a password field', () => {
		const secrets = ['password', 'apiKey', 'consumerSecret', 'clientSecret'];
		for (const c of all) for (const p of c.properties) if (secrets.includes(p.name)) expect(p.typeOptions?.password).toBe(true);
	});

	it('extend the n8n OAuth base types', () => {
		expect(new CustomServiceOAuth1Api().extends).toEqual(['oAuth1Api']);
		expect(new CustomServiceOAuth2Api().extends).toEqual(['oAuth2Api']);
	});

	it('OAuth2 offers authorization code and client credentials, and header/body client authentication', () => {
		const props = new CustomServiceOAuth2Api().properties;
		const values = (name: string) => (props.find((p) => p.name === name)?.options as Array<{ value: string }>).map((o) => o.value);
		expect(values('grantType')).toEqual(['authorizationCode', 'clientCredentials']);
		expect(values('authentication')).toEqual(['header', 'body']);
		expect(props.map((p) => p.name)).toEqual(expect.arrayContaining(['authUrl', 'accessTokenUrl', 'clientId', 'scope', 'authQueryParameters']));
	});

	it('test requests go to the URL the user gives', () => {
		for (const c of [new CustomServiceBasicApi(), new CustomServiceApiKeyApi(), new CustomServiceOAuth1Api()]) {
			expect(c.test.request.url).toBe('={{$credentials.testUrl}}');
		}
	});

	describe('API key authenticate', () => {
		const cred = new CustomServiceApiKeyApi();
		it('puts the key in a header, with its prefix', async () => {
			const out = await cred.authenticate({ location: 'header', keyName: 'Authorization', apiKey: 'k1', valuePrefix: 'Token ' }, { url: 'x', headers: { A: '1' } });
			expect(out.headers).toEqual({ A: '1', Authorization: 'Token k1' });
			expect(out.qs).toBeUndefined();
		});
		it('puts the key in the query and not in a header', async () => {
			const out = await cred.authenticate({ location: 'query', keyName: 'api_key', apiKey: 'k2' }, { url: 'x', qs: { a: 1 } });
			expect(out.qs).toEqual({ a: 1, api_key: 'k2' });
			expect(out.headers).toBeUndefined();
		});
		it('sends every additional header and query parameter along with the key', async () => {
			const additionalParameters = {
				parameter: [
					{ location: 'header', name: 'X-Account-Id', value: 'acct-1' },
					{ location: 'query', name: 'org', value: 'o-2' },
					{ location: 'query', name: '', value: 'ignored' },
				],
			};
			const out = await cred.authenticate({ location: 'header', keyName: 'X-API-Key', apiKey: 'k3', additionalParameters }, { url: 'x', qs: { a: 1 } });
			expect(out.headers).toEqual({ 'X-API-Key': 'k3', 'X-Account-Id': 'acct-1' });
			expect(out.qs).toEqual({ a: 1, org: 'o-2' });
		});
		it('marks additional parameter values as password fields', () => {
			const extra = cred.properties.find((p) => p.name === 'additionalParameters');
			const values = (extra?.options as Array<{ values: Array<{ name: string; typeOptions?: { password?: boolean } }> }>)[0].values;
			expect(values.find((v) => v.name === 'value')?.typeOptions?.password).toBe(true);
		});
	});

	it('all offer Connection Parameters for {name} placeholders', () => {
		for (const c of all) expect(c.properties.map((p) => p.name)).toContain('connectionParameters');
	});
});
