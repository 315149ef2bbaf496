'use strict';
// Issue 3 "Done when", real-n8n part: in n8n 2.41.1 with the packed package and the sandbox,
//  - the HubSpot private-app credential passes n8n's credential test (POST /rest/credentials/test, what the
//    editor's "Retry"/save calls) against the sandbox, and fails with a wrong token without leaking it;
//  - the Zoho CRM OAuth2 credential, created in a headless Chromium with the Accounts URL and API domain
//    overrides pointing at the sandbox, connects through the sandbox's Zoho authorize page, shows connected
//    (docs/screenshots/zoho-credential-connected.png) and passes its credential test;
//  - after `POST /_sandbox/tokens/expire`, activating a Zoho CRM Sync Trigger that uses that credential
//    succeeds: n8n gets a 401, refreshes the token once, retries, and stores the new token;
//  - the HubSpot OAuth2 credential connects through the sandbox's HubSpot authorize page.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT, PKG, n8n, tarball, startSandbox, expireTokens } = require('./support');
const C = require('./support-crm-credentials');

const SCREENSHOT = path.join(ROOT, 'docs', 'screenshots', 'zoho-credential-connected.png');

// Credentials without overrides: n8n must take the authorize URL from the field variant of the picked data centre
// (plain values chosen by displayOptions, no expression: credentials/crm-fields.ts FieldCase).
const DC_CREDENTIALS = [
	{ id: 'e2eZohoEuNoOvr01', name: 'E2E Zoho EU (no override)', type: 'zohoCrmSyncOAuth2Api', data: { clientId: 'eu-client', clientSecret: 'eu-secret', dataCenter: 'EU' } },
	{ id: 'e2eZohoCaNoOvr01', name: 'E2E Zoho CA (no override)', type: 'zohoCrmSyncOAuth2Api', data: { clientId: 'ca-client', clientSecret: 'ca-secret', dataCenter: 'CA' } },
	{ id: 'e2eHsOauthOff001', name: 'E2E HubSpot OAuth2 (HubSpot itself)', type: 'hubspotSyncOAuth2Api', data: { clientId: 'hs-client', clientSecret: 'hs-secret' } },
];

describe('HubSpot and Zoho credentials in a real n8n with the sandbox', () => {
	let sb;
	let inst;
	let browser;
	let page;
	let zohoCred; // the credential the browser connected: { id, name, type }

	before(async () => {
		execFileSync('sh', [path.join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
		sb = await startSandbox();
		inst = await n8n.createInstance({ name: 'crm-creds', installMode: 'tarball', tarball: tarball() });
		n8n.importCredentials(inst, [...C.hubspotPrivateAppCredentials(sb), ...DC_CREDENTIALS]);
		await n8n.start(inst);
		({ browser, page } = await C.launchBrowser(inst));
		await C.signIn(page, inst);
	});
	after(async () => {
		if (browser) await browser.close();
		if (inst) await n8n.stop(inst);
		if (sb) await sb.close();
	});

	describe('HubSpot private-app credential', () => {
		test('passes n8n\'s credential test against the sandbox (one call to account-info)', async () => {
			const before = C.count(sb, 'GET /hubspot/account-info/v3/details');
			const r = await C.testStoredCredential(inst, C.HUBSPOT_PRIVATE.good.id);
			assert.equal(r.status, 'OK', r.message);
			assert.equal(C.count(sb, 'GET /hubspot/account-info/v3/details'), before + 1, 'the test did not reach the sandbox');
			const last = C.lastLog(sb, '/hubspot/account-info/v3/details');
			assert.equal(last.status, 200);
		});

		test('fails with a wrong token: the sandbox answers 401 and the message does not contain the token', async () => {
			const logStart = sb.core.log.length;
			const r = await C.testStoredCredential(inst, C.HUBSPOT_PRIVATE.wrong.id);
			assert.equal(r.status, 'Error', JSON.stringify(r));
			// n8n-core retries a generic-auth request once after a 401 (request-helpers/authentication.js): 1 or 2 calls
			const calls = sb.core.log.slice(logStart).filter((e) => e.path === '/hubspot/account-info/v3/details');
			assert.ok(calls.length >= 1 && calls.length <= 2, `expected 1-2 calls, got ${calls.length}`);
			assert.deepEqual(calls.map((e) => e.status), calls.map(() => 401));
			assert.match(r.message, /401|authori[sz]|credentials|forbidden/i, r.message);
			assert.ok(!r.message.includes(C.WRONG_HUBSPOT_TOKEN), 'the wrong token leaked into the test message');
			assert.ok(!r.message.includes(sb.hubspot.privateAppToken), 'a token leaked into the test message');
		});

		test('a token typed into the editor form is what gets tested (unsaved edit with the wrong token fails)', async () => {
			// The editor sends the form's data; stored secrets come back redacted and n8n un-redacts them.
			const stored = await n8n.rest(inst, 'GET', `/credentials/${C.HUBSPOT_PRIVATE.good.id}?includeData=true`);
			const r = await n8n.rest(inst, 'POST', '/credentials/test', {
				credentials: { id: stored.id, name: stored.name, type: stored.type, data: { ...stored.data, accessToken: C.WRONG_HUBSPOT_TOKEN } },
			});
			assert.equal(r.status, 'Error', JSON.stringify(r));
		});
	});

	test("without overrides, n8n builds the authorize URL from the picked data centre's plain endpoint (Zoho EU, CA; HubSpot)", async () => {
		const authorizeUrl = async (id) => new URL(String(await n8n.rest(inst, 'GET', `/oauth2-credential/auth?id=${id}`)));
		const eu = await authorizeUrl('e2eZohoEuNoOvr01');
		assert.equal(`${eu.origin}${eu.pathname}`, 'https://accounts.zoho.eu/oauth/v2/auth');
		assert.equal(eu.searchParams.get('client_id'), 'eu-client');
		const ca = await authorizeUrl('e2eZohoCaNoOvr01');
		assert.equal(`${ca.origin}${ca.pathname}`, 'https://accounts.zohocloud.ca/oauth/v2/auth');
		const hs = await authorizeUrl('e2eHsOauthOff001');
		assert.equal(`${hs.origin}${hs.pathname}`, 'https://app.hubspot.com/oauth/authorize');
	});

	describe('Zoho CRM OAuth2 credential', () => {
		test('Connect completes in headless Chromium through the sandbox\'s Zoho authorize page and shows connected', async () => {
			const tokenCalls = C.count(sb, 'POST /zoho-accounts/oauth/v2/token');
			const { popupUrl } = await C.createAndConnect(page, inst, {
				search: 'Zoho CRM Sync',
				option: /OAuth\s?2/i,
				name: C.ZOHO_NAME,
				values: {
					clientId: sb.zoho.clientId,
					clientSecret: sb.zoho.clientSecret,
					accountsUrlOverride: `${sb.url}/zoho-accounts`,
					apiDomainOverride: `${sb.url}/zoho`,
				},
				authorizePath: '/zoho-accounts/oauth/v2/auth',
				screenshot: SCREENSHOT,
			});
			// n8n built the authorize URL from the credential: override host, offline access, consent, all scopes
			const q = new URL(popupUrl).searchParams;
			assert.equal(q.get('client_id'), sb.zoho.clientId);
			assert.equal(q.get('access_type'), 'offline');
			assert.equal(q.get('prompt'), 'consent');
			assert.equal(q.get('redirect_uri'), `${inst.url}/rest/oauth2-credential/callback`);
			for (const s of ['ZohoCRM.modules.contacts.ALL', 'ZohoCRM.modules.accounts.ALL', 'ZohoCRM.coql.READ', 'ZohoCRM.notifications.ALL']) {
				assert.ok(String(q.get('scope')).split(/[ ,]+/).includes(s), `scope ${s} missing: ${q.get('scope')}`);
			}
			assert.equal(C.count(sb, 'POST /zoho-accounts/oauth/v2/token'), tokenCalls + 1, 'n8n did not exchange the code once');
			assert.ok(fs.statSync(SCREENSHOT).size > 10000, 'screenshot missing or empty');
			zohoCred = await C.findCredential(inst, 'zohoCrmSyncOAuth2Api', C.ZOHO_NAME);
			assert.ok(zohoCred, 'no zohoCrmSyncOAuth2Api credential stored');
		});

		test('its credential test passes: n8n calls the sandbox users API with the token on the API domain override', async () => {
			assert.ok(zohoCred, 'needs the connected credential');
			const before = C.count(sb, 'GET /zoho/crm/v8/users');
			const r = await C.testCredentialById(inst, zohoCred.id);
			assert.equal(r.status, 'OK', r.message);
			assert.equal(C.count(sb, 'GET /zoho/crm/v8/users'), before + 1, 'the test did not reach the sandbox API domain');
			assert.equal(C.lastLog(sb, '/zoho/crm/v8/users').status, 200);
		});

		test('after the access token expired, a Zoho CRM Sync Trigger activation refreshes the token once and registers its channel', async () => {
			assert.ok(zohoCred, 'needs the connected credential');
			const wf = await n8n.rest(inst, 'POST', '/workflows', C.zohoTriggerWorkflow(PKG, zohoCred));
			await expireTokens(sb);
			const tokenCalls = C.count(sb, 'POST /zoho-accounts/oauth/v2/token');
			const logStart = sb.core.log.length;
			assert.deepEqual(sb.zoho.listChannels(), []);

			await n8n.activateWorkflow(inst, wf.id);
			const channels = await C.waitFor('the Zoho channel to be registered', () => {
				const list = sb.zoho.listChannels();
				return list.length ? list : null;
			});
			assert.equal(channels.length, 1);
			assert.equal(channels[0].notify_url, `${inst.url}/webhook/${C.ZOHO_WEBHOOK_ID}/webhook`);

			// the first CRM call met the expired token (401), n8n refreshed once, and the retry went through
			const calls = sb.core.log.slice(logStart).filter((e) => e.path.startsWith('/zoho/') || e.path.startsWith('/zoho-accounts/'));
			const statuses = calls.map((e) => `${e.method} ${e.path} ${e.status}`);
			assert.ok(calls.some((e) => e.path.startsWith('/zoho/crm/') && e.status === 401), `no 401 seen: ${statuses.join(', ')}`);
			assert.equal(C.count(sb, 'POST /zoho-accounts/oauth/v2/token'), tokenCalls + 1, `expected exactly one refresh: ${statuses.join(', ')}`);
			const refreshAt = calls.findIndex((e) => e.path === '/zoho-accounts/oauth/v2/token');
			assert.ok(calls.slice(refreshAt + 1).some((e) => e.path === '/zoho/crm/v8/actions/watch' && e.status >= 200 && e.status < 300), statuses.join(', '));
			const ex = await n8n.rest(inst, 'GET', `/workflows/${wf.id}`);
			assert.equal(ex.active, true, 'the workflow is not active');

			// n8n stored the refreshed token: deactivating (channel disable) needs no second refresh
			await n8n.deactivateWorkflow(inst, wf.id);
			await C.waitFor('the Zoho channel to be disabled', () => sb.zoho.listChannels().length === 0);
			assert.equal(C.count(sb, 'POST /zoho-accounts/oauth/v2/token'), tokenCalls + 1, 'n8n refreshed again: the new token was not stored');
		});
	});

	describe('HubSpot OAuth2 credential', () => {
		test('Connect completes in headless Chromium through the sandbox\'s HubSpot authorize page', async () => {
			const tokenCalls = C.count(sb, 'POST /hubspot/oauth/v1/token');
			const { popupUrl } = await C.createAndConnect(page, inst, {
				search: 'HubSpot Sync',
				option: /OAuth\s?2/i,
				name: C.HUBSPOT_OAUTH_NAME,
				values: { clientId: sb.hubspot.clientId, clientSecret: sb.hubspot.clientSecret, baseUrl: `${sb.url}/hubspot` },
				authorizePath: '/hubspot/oauth/authorize',
			});
			const q = new URL(popupUrl).searchParams;
			assert.equal(q.get('client_id'), sb.hubspot.clientId);
			assert.ok(String(q.get('scope')).includes('crm.objects.contacts.write'), q.get('scope'));
			assert.equal(C.count(sb, 'POST /hubspot/oauth/v1/token'), tokenCalls + 1, 'n8n did not exchange the code once');
			const cred = await C.findCredential(inst, 'hubspotSyncOAuth2Api', C.HUBSPOT_OAUTH_NAME);
			assert.ok(cred, 'no hubspotSyncOAuth2Api credential stored');
			// no test request for HubSpot OAuth2 (extends oAuth2Api): n8n's test checks that a token is stored
			const r = await C.testCredentialById(inst, cred.id);
			assert.equal(r.status, 'OK', r.message);
		});
	});
});
