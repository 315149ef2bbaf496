import nock from 'nock';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The sandbox for a Sync node suite: started once (no search lag), emptied before each test; `get()` returns it. */
export function useSyncSandbox(): { get: () => any } {
	let sb: any;
	beforeAll(async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		sb = await startSandbox({ hubspot: { searchLagMs: 0 }, zoho: { searchLagMs: 0 } });
	});
	afterAll(async () => {
		await sb.close();
		nock.enableNetConnect();
	});
	beforeEach(() => {
		sb.hubspot.reset();
		sb.zoho.reset();
		sb.core.resetLog();
		Object.assign(sb.core.faults, { rate429: 0, rate5xx: 0, random: Math.random });
	});
	return { get: () => sb };
}

/** Harness credentials 'h' (HubSpot private app) and 'z' (Zoho OAuth2 with fresh tokens) pointing at the sandbox. */
export function sandboxCredentials(sb: any) {
	return {
		h: { type: 'hubspotSyncPrivateAppApi', data: { accessToken: sb.hubspot.privateAppToken, clientSecret: sb.hubspot.clientSecret, baseUrl: `${sb.url}/hubspot` } },
		z: {
			type: 'zohoCrmSyncOAuth2Api',
			data: {
				clientId: sb.zoho.clientId, clientSecret: sb.zoho.clientSecret, authentication: 'body',
				authUrl: `${sb.url}/zoho-accounts/oauth/v2/auth`, accessTokenUrl: `${sb.url}/zoho-accounts/oauth/v2/token`,
				apiDomainOverride: `${sb.url}/zoho`, oauthTokenData: sb.zoho.issueTokens(),
			},
		},
	};
}
