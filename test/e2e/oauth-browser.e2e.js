'use strict';
// Real browser (Debian's chromium, driven by playwright-core): log into n8n, create a Custom Service
// OAuth 2.0 credential, click Connect, pass the sandbox provider's authorize page, come back connected.
// Screenshot: docs/screenshots/credential-oauth2-connected.png. Needs scripts/ensure-chromium.sh (run here).
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT, PROVIDER, n8n, tarball, startSandbox } = require('./support');

const { launchBrowser, fillCredential } = require('../../scripts/lib/browser');
const SCREENSHOT = path.join(ROOT, 'docs', 'screenshots', 'credential-oauth2-connected.png');
const CREDENTIAL_NAME = 'Sandbox OAuth2 (browser test)';

describe('Custom Service OAuth 2.0 credential connected in a real browser', () => {
	let sb;
	let inst;
	let browser;
	let page;
	before(async () => {
		execFileSync('sh', [path.join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
		sb = await startSandbox();
		inst = await n8n.createInstance({ name: 'browser', installMode: 'tarball', tarball: tarball() });
		await n8n.start(inst);
		({ browser, page } = await launchBrowser(inst, { viewport: { width: 1400, height: 900 } }));
	});
	after(async () => {
		if (browser) await browser.close();
		if (inst) await n8n.stop(inst);
		if (sb) await sb.close();
	});

	test('logs in as the owner set by environment', async () => {
		await page.goto(`${inst.url}/signin`);
		await page.locator('input[name=emailOrLdapLoginId]').fill(inst.owner.email);
		await page.locator('input[name=password]').fill(inst.owner.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((u) => !u.pathname.includes('signin'));
		assert.ok(!page.url().includes('signin'));
	});

	test('creates the credential, connects through the provider authorize page and shows it connected', async () => {
		await page.goto(`${inst.url}/home/credentials/create`);
		await page.getByTestId('new-credential-type-select').locator('input').fill('Custom Service');
		await page.getByTestId('new-credential-type-select-option').filter({ hasText: /OAuth\s?2/i }).first().click();
		await page.getByTestId('new-credential-type-button').click();
		await page.getByTestId('editCredential-modal').waitFor();

		const provider = `${sb.url}/provider`;
		const values = {
			serviceName: 'Sandbox provider',
			baseUrl: provider,
			authUrl: `${provider}/oauth2/authorize`,
			accessTokenUrl: `${provider}/oauth2/token`,
			clientId: PROVIDER.clientId,
			clientSecret: PROVIDER.clientSecret,
			scope: 'read',
		};
		await fillCredential(page, values, CREDENTIAL_NAME, { strict: false });

		const popupPromise = page.waitForEvent('popup');
		await page.getByTestId('quick-connect-button').or(page.getByTestId('oauth-connect-button')).first().click();
		const popup = await popupPromise;
		await popup.waitForURL((u) => u.pathname.includes('/provider/oauth2/authorize'));
		await popup.locator('#approve, button:has-text("Approve"), a:has-text("Approve"), input[type=submit]').first().click();
		// n8n's callback page closes the popup and tells the editor
		await popup.waitForEvent('close', { timeout: 30000 }).catch(() => {});

		const banner = page.getByTestId('oauth-connect-success-banner');
		await banner.waitFor({ state: 'visible' });
		assert.match(await banner.innerText(), /connected/i);
		fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
		await page.screenshot({ path: SCREENSHOT });

		// and n8n really holds the credential of our type
		const creds = await n8n.rest(inst, 'GET', '/credentials');
		const mine = creds.find((c) => c.type === 'customServiceOAuth2Api');
		assert.ok(mine, 'no customServiceOAuth2Api credential stored');
	});
});
