'use strict';
// Helpers for crm-credentials.e2e.js: HubSpot private-app credentials to import, n8n's credential test the way
// the editor calls it, a headless Chromium that creates an OAuth2 credential and clicks Connect, and reads of
// the sandbox's request log.
const fs = require('node:fs');
const path = require('node:path');
const { n8n } = require('./support');

const browserKit = require('../../scripts/lib/browser');
const { sleep } = require('../../scripts/lib/toolkit');

const WRONG_HUBSPOT_TOKEN = 'pat-na1-11111111-not-the-sandbox-token';
const HUBSPOT_PRIVATE = {
	good: { id: 'e2eHsPrivApp0001', name: 'E2E HubSpot private app (sandbox)', type: 'hubspotSyncPrivateAppApi' },
	wrong: { id: 'e2eHsPrivApp0002', name: 'E2E HubSpot private app (wrong token)', type: 'hubspotSyncPrivateAppApi' },
};
const ZOHO_NAME = 'E2E Zoho CRM (browser connect)';
const HUBSPOT_OAUTH_NAME = 'E2E HubSpot OAuth2 (browser connect)';
const ZOHO_WEBHOOK_ID = '5c2f9a6e-3d1b-4f7a-8e0c-9b4d6a2e1f37';

function hubspotPrivateAppCredentials(sb) {
	const baseUrl = `${sb.url}/hubspot`;
	return [
		{ ...HUBSPOT_PRIVATE.good, data: { accessToken: sb.hubspot.privateAppToken, clientSecret: sb.hubspot.clientSecret, baseUrl } },
		{ ...HUBSPOT_PRIVATE.wrong, data: { accessToken: WRONG_HUBSPOT_TOKEN, clientSecret: sb.hubspot.clientSecret, baseUrl } },
	];
}

/**
 * n8n's credential test as the editor runs it (n8n 2.41 dist/credentials/credentials.controller.js, POST /test with
 * TestCredentialRequestDto { credentials: { id, name, type, data } }): the editor sends the form data, in which stored
 * secrets are redacted; n8n un-redacts them from the stored credential. Resolves with { status, message }.
 */
async function testStoredCredential(inst, id) {
	const stored = await n8n.rest(inst, 'GET', `/credentials/${id}?includeData=true`);
	return n8n.rest(inst, 'POST', '/credentials/test', {
		credentials: { id: stored.id, name: stored.name, type: stored.type, data: stored.data },
	});
}

/**
 * n8n's test of a STORED credential (public API POST /api/v1/credentials/:id/test, credentialsService.testById): it
 * runs the credential's test with the stored data, OAuth token included. The editor's POST /rest/credentials/test
 * cannot test an OAuth2 credential: the editor only holds its data redacted, where oauthTokenData is `true`.
 * Creates an API key with the credential:read scope on first use. Resolves with { status, message }.
 */
async function testCredentialById(inst, id) {
	if (!inst.crmCredsApiKey) {
		const key = await n8n.rest(inst, 'POST', '/api-keys', { label: 'e2e credential tests', scopes: ['credential:read'], expiresAt: null });
		inst.crmCredsApiKey = key.rawApiKey;
	}
	const r = await fetch(`${inst.url}/api/v1/credentials/${id}/test`, { method: 'POST', headers: { 'X-N8N-API-KEY': inst.crmCredsApiKey, accept: 'application/json' } });
	const text = await r.text();
	if (!r.ok) throw new Error(`POST /api/v1/credentials/${id}/test: HTTP ${r.status} ${text.slice(0, 300)}`);
	return JSON.parse(text);
}

async function findCredential(inst, type, name) {
	const list = await n8n.rest(inst, 'GET', '/credentials');
	return list.find((c) => c.type === type && c.name === name) || null;
}

/** Requests the sandbox counted for "METHOD /route/pattern". */
function count(sb, key) {
	return sb.core.counts.get(key) || 0;
}

/** The newest request-log entry whose path is `p`. */
function lastLog(sb, p) {
	return [...sb.core.log].reverse().find((e) => e.path === p) || null;
}

function waitFor(what, check, { timeoutMs = 20000, everyMs = 200 } = {}) {
	return browserKit.waitFor(what, check, { timeoutMs, everyMs });
}

function launchBrowser(inst) {
	return browserKit.launchBrowser(inst, { viewport: { width: 1400, height: 900 } });
}

const { signIn } = browserKit;

/**
 * In the editor: new credential of the type found by `search` + `option`, fill `values` (parameter names), name it,
 * click Connect, approve on the sandbox's authorize page (popup, path `authorizePath`), wait for the success banner.
 * Optional screenshot of the connected credential. Returns { popupUrl } (the authorize URL n8n built).
 */
async function createAndConnect(page, inst, { search, option, name, values, authorizePath, screenshot }) {
	await page.goto(`${inst.url}/home/credentials/create`);
	await page.getByTestId('new-credential-type-select').locator('input').fill(search);
	await page.getByTestId('new-credential-type-select-option').filter({ hasText: option }).first().click();
	await page.getByTestId('new-credential-type-button').click();
	await page.getByTestId('editCredential-modal').waitFor();
	await browserKit.fillCredential(page, values, name);
	const popupPromise = page.waitForEvent('popup');
	await page.getByTestId('quick-connect-button').or(page.getByTestId('oauth-connect-button')).first().click();
	const popup = await popupPromise;
	await popup.waitForURL((u) => u.pathname.endsWith(authorizePath));
	const popupUrl = popup.url();
	await popup.locator('#approve').click();
	// n8n's callback page tells the editor and closes itself; the banner is the signal, not the close
	const banner = page.getByTestId('oauth-connect-success-banner');
	await banner.waitFor({ state: 'visible' });
	if (!popup.isClosed()) await popup.close();
	if (!/connected/i.test(await banner.innerText())) throw new Error(`unexpected banner: ${await banner.innerText()}`);
	if (screenshot) {
		fs.mkdirSync(path.dirname(screenshot), { recursive: true });
		await page.screenshot({ path: screenshot });
	}
	// close the modal so the next credential starts from a clean editor
	await page.keyboard.press('Escape');
	return { popupUrl };
}

/** REST body for POST /rest/workflows: Zoho CRM Sync Trigger (Notification API) -> NoOp, using credential `cred`. */
function zohoTriggerWorkflow(pkg, cred) {
	const trigger = {
		id: 'zoho-trigger',
		name: 'Zoho CRM Sync Trigger',
		type: `${pkg}.zohoCrmSyncTrigger`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: ZOHO_WEBHOOK_ID,
		parameters: { mode: 'notificationApi', events: ['Contacts.edit'], options: {} },
		credentials: { zohoCrmSyncOAuth2Api: { id: cred.id, name: cred.name } },
	};
	const noOp = { id: 'after-zoho', name: 'After Zoho', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], parameters: {} };
	return {
		name: 'E2E Zoho token refresh',
		active: false,
		nodes: [trigger, noOp],
		connections: { [trigger.name]: { main: [[{ node: noOp.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

module.exports = {
	WRONG_HUBSPOT_TOKEN,
	HUBSPOT_PRIVATE,
	ZOHO_NAME,
	HUBSPOT_OAUTH_NAME,
	ZOHO_WEBHOOK_ID,
	hubspotPrivateAppCredentials,
	testStoredCredential,
	testCredentialById,
	findCredential,
	count,
	lastLog,
	waitFor,
	launchBrowser,
	signIn,
	createAndConnect,
	zohoTriggerWorkflow,
};
