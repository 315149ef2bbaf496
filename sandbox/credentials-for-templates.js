'use strict';
// Credentials for templates/*.json pointing at a running sandbox, for `n8n import:credentials`.
// Each credential carries the exact NAME of the template's placeholder ({ id: null, name }) so n8n binds it at
// `import:workflow` by name and type (n8n 2.41 replaceInvalidCredentials): the templates import unchanged.
// OAuth2 tokens come from the sandbox's authorization-code flow over HTTP (auto-approve), so this works
// against an in-process sandbox (tests) and a child-process one (npm start) alike. Node 20 stdlib only.
const { DEFAULT_PRIVATE_APP_TOKEN, DEFAULT_CLIENT_SECRET: HUBSPOT_CLIENT_SECRET } = require('./hubspot/auth');
const { DEFAULT_CLIENT_ID: ZOHO_CLIENT_ID, DEFAULT_CLIENT_SECRET: ZOHO_CLIENT_SECRET, DEFAULT_SCOPE: ZOHO_SCOPE } = require('./zoho/auth');
const { DEFAULTS: PROVIDER_DEFAULTS } = require('./provider');

/** Placeholder names used in templates/*.json, by credential type (one type may have several). */
const NAMES = {
	hubspot: 'HubSpot private app',
	zoho: 'Zoho CRM',
	smtp: 'SMTP',
	basic: 'Custom Service Basic',
	mailchimp: 'MailChimp (Custom Service OAuth2)',
	zohoCustom: 'Zoho CRM (Custom Service OAuth2)',
	accountKey: 'Account API (Custom Service API Key)',
};

async function codeFrom(url) {
	const r = await fetch(url, { redirect: 'manual' });
	const loc = r.headers.get('location');
	const code = loc && new URL(loc, url).searchParams.get('code');
	if (!code) throw new Error(`no authorization code from ${new URL(url).pathname} (HTTP ${r.status})`);
	return code;
}

/** Authorization-code grant with the sandbox's auto-approve; client credentials in the body. */
async function codeGrant({ authUrl, tokenUrl, clientId, clientSecret, redirectUri, scope, extra = {} }) {
	const q = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope, state: 'templates', auto: '1', ...extra });
	const code = await codeFrom(`${authUrl}?${q}`);
	const r = await fetch(tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, client_secret: clientSecret }),
	});
	const json = await r.json();
	// never echo the response: it holds tokens
	if (!json.access_token) throw new Error(`token exchange at ${new URL(tokenUrl).pathname} failed: ${json.error || r.status}`);
	return { ...json, scope: json.scope || scope };
}

/**
 * The data of a Zoho CRM Sync OAuth2 credential against the sandbox's Zoho Accounts, with a token from a real
 * authorization-code grant (redirect URI: n8n's OAuth2 callback at `n8nUrl`).
 * @param {{ sandboxUrl: string, n8nUrl: string, zoho?: { clientId, clientSecret } }} o
 */
async function zohoCredentialData({ sandboxUrl, n8nUrl, zoho: given }) {
	const zoho = { clientId: ZOHO_CLIENT_ID, clientSecret: ZOHO_CLIENT_SECRET, ...(given || {}) };
	const zohoAccounts = `${sandboxUrl}/zoho-accounts/oauth/v2`;
	return {
		grantType: 'authorizationCode',
		dataCenter: 'US',
		accountsUrlOverride: `${sandboxUrl}/zoho-accounts`,
		apiDomainOverride: `${sandboxUrl}/zoho`,
		authUrl: `${zohoAccounts}/auth`,
		accessTokenUrl: `${zohoAccounts}/token`,
		scope: ZOHO_SCOPE,
		authQueryParameters: 'access_type=offline&prompt=consent',
		authentication: 'body',
		clientId: zoho.clientId,
		clientSecret: zoho.clientSecret,
		oauthTokenData: await zohoGrant(sandboxUrl, n8nUrl, zoho),
	};
}

/** Authorization-code grant at the sandbox's Zoho Accounts (offline access, consent), redirecting to n8n's callback. */
function zohoGrant(sandboxUrl, n8nUrl, zoho) {
	const zohoAccounts = `${sandboxUrl}/zoho-accounts/oauth/v2`;
	return codeGrant({
		authUrl: `${zohoAccounts}/auth`,
		tokenUrl: `${zohoAccounts}/token`,
		clientId: zoho.clientId,
		clientSecret: zoho.clientSecret,
		redirectUri: `${n8nUrl}/rest/oauth2-credential/callback`,
		scope: ZOHO_SCOPE,
		extra: { access_type: 'offline', prompt: 'consent' },
	});
}

/**
 * @param {object} o
 * @param {string} o.sandboxUrl     e.g. http://127.0.0.1:5680
 * @param {string} o.n8nUrl         n8n base URL (for the OAuth redirect URI)
 * @param {number} o.smtpPort       the sandbox's SMTP catcher
 * @param {object} [o.hubspot]      { privateAppToken, clientSecret } when the sandbox was started with others
 * @param {object} [o.zoho]         { clientId, clientSecret }
 * @param {object} [o.provider]     { clientId, clientSecret, users: [{ username, password }] }
 * @param {string} [o.idPrefix='tpl'] credential ids are `${idPrefix}` + a fixed suffix, 16 characters
 * @returns {Promise<Array<{ id, name, type, data }>>}
 */
async function templateCredentials(o) {
	const sb = o.sandboxUrl;
	const callback = `${o.n8nUrl}/rest/oauth2-credential/callback`;
	const hs = { privateAppToken: DEFAULT_PRIVATE_APP_TOKEN, clientSecret: HUBSPOT_CLIENT_SECRET, ...(o.hubspot || {}) };
	const zoho = { clientId: ZOHO_CLIENT_ID, clientSecret: ZOHO_CLIENT_SECRET, ...(o.zoho || {}) };
	const provider = { ...PROVIDER_DEFAULTS, ...(o.provider || {}) };
	const id = (suffix) => `${o.idPrefix || 'tpl'}${suffix}`.padEnd(16, '0').slice(0, 16);
	const zohoAccounts = `${sb}/zoho-accounts/oauth/v2`;
	const user = provider.users[0];

	return [
		{
			id: id('HubspotApp'),
			name: NAMES.hubspot,
			type: 'hubspotSyncPrivateAppApi',
			data: { accessToken: hs.privateAppToken, clientSecret: hs.clientSecret, baseUrl: `${sb}/hubspot` },
		},
		{
			id: id('ZohoCrm'),
			name: NAMES.zoho,
			type: 'zohoCrmSyncOAuth2Api',
			data: await zohoCredentialData({ sandboxUrl: sb, n8nUrl: o.n8nUrl, zoho }),
		},
		{
			id: id('Smtp'),
			name: NAMES.smtp,
			type: 'smtp',
			data: { host: '127.0.0.1', port: o.smtpPort, secure: false, disableStartTls: true, user: '', password: '' },
		},
		{
			id: id('Basic'),
			name: NAMES.basic,
			type: 'customServiceBasicApi',
			data: { serviceName: 'Sandbox provider', baseUrl: `${sb}/provider`, user: user.username, password: user.password, testUrl: `${sb}/provider/echo` },
		},
		{
			id: id('MailChimp'),
			name: NAMES.mailchimp,
			type: 'customServiceOAuth2Api',
			data: {
				serviceName: 'MailChimp-style sandbox provider',
				baseUrl: `${sb}/provider`,
				grantType: 'authorizationCode',
				authUrl: `${sb}/provider/oauth2/authorize`,
				accessTokenUrl: `${sb}/provider/oauth2/token`,
				clientId: provider.clientId,
				clientSecret: provider.clientSecret,
				scope: 'read',
				authQueryParameters: '',
				authentication: 'body',
				oauthTokenData: await codeGrant({
					authUrl: `${sb}/provider/oauth2/authorize`,
					tokenUrl: `${sb}/provider/oauth2/token`,
					clientId: provider.clientId,
					clientSecret: provider.clientSecret,
					redirectUri: callback,
					scope: 'read',
				}),
			},
		},
		{
			id: id('ZohoCustom'),
			name: NAMES.zohoCustom,
			type: 'customServiceOAuth2Api',
			data: {
				serviceName: 'Zoho CRM (sandbox)',
				baseUrl: `${sb}/zoho`,
				grantType: 'authorizationCode',
				authUrl: `${zohoAccounts}/auth`,
				accessTokenUrl: `${zohoAccounts}/token`,
				clientId: zoho.clientId,
				clientSecret: zoho.clientSecret,
				scope: ZOHO_SCOPE,
				authQueryParameters: 'access_type=offline&prompt=consent',
				authentication: 'body',
				oauthTokenData: await zohoGrant(sb, o.n8nUrl, zoho),
			},
		},
		{
			// A Zoho-Connection-like key with two parameters (key + account header) and a {area} connection parameter.
			id: id('AccountKey'),
			name: NAMES.accountKey,
			type: 'customServiceApiKeyApi',
			data: {
				serviceName: 'Sandbox provider (account key)',
				baseUrl: `${sb}/{area}`,
				connectionParameters: 'area=provider',
				location: 'header',
				keyName: 'X-API-Key',
				apiKey: provider.apiKey,
				additionalParameters: { parameter: [{ location: 'header', name: 'X-Account-Id', value: 'sandbox-account-1' }, { location: 'query', name: 'org', value: 'sandbox-org' }] },
				testUrl: `${sb}/provider/account/echo`,
			},
		},
	];
}

module.exports = { templateCredentials, zohoCredentialData, NAMES };
