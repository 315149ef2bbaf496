'use strict';
// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against a real n8n: one module for
// the e2e tests and scripts/screenshots.js. Needs scripts/ensure-chromium.sh to have run.
const fs = require('node:fs');
const path = require('node:path');
const { waitFor } = require('./toolkit');

const CHROMIUM = '/usr/bin/chromium';
// On this closed network Chromium keeps trying Google's hosts unless background networking is off.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1440, height: 900 };

/** Chromium with a fresh --user-data-dir inside the n8n instance's user folder. */
async function launchBrowser(inst, { viewport = VIEWPORT } = {}) {
	const { chromium, selectors } = require('playwright-core');
	selectors.setTestIdAttribute('data-test-id'); // n8n's editor marks elements with data-test-id
	const userDataDir = fs.mkdtempSync(path.join(inst.userFolder, 'chromium-'));
	const browser = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
	const page = browser.pages()[0] || (await browser.newPage());
	page.setDefaultTimeout(30000);
	return { browser, page };
}

/** Signs in as the owner the n8n helper set up by environment. */
async function signIn(page, inst) {
	await page.goto(`${inst.url}/signin`);
	await page.locator('input[name=emailOrLdapLoginId]').fill(inst.owner.email);
	await page.locator('input[name=password]').fill(inst.owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((u) => !u.pathname.includes('signin'));
}

/**
 * In n8n's credential modal: fills `values` by parameter name (an absent field throws when `strict`, else is
 * skipped) and names the credential through the inline edit in the modal header.
 */
async function fillCredential(page, values, name, { strict = true } = {}) {
	for (const [param, value] of Object.entries(values)) {
		const input = page.getByTestId(`parameter-input-${param}`).locator('input');
		if ((await input.count()) === 0) {
			if (strict) throw new Error(`no input for credential field ${param}`);
			continue;
		}
		await input.first().fill(value);
	}
	await page.getByTestId('credential-name').click();
	const nameInput = page.getByTestId('inline-edit-input');
	if ((await nameInput.count()) > 0) {
		await nameInput.fill(name);
		await nameInput.press('Enter');
	}
}

/**
 * n8n 2.x opens a "Production Checklist" panel over the canvas of a published workflow. Its close control has no
 * stable test id, so hide the panel: the widest ancestor of its title that is still panel-sized.
 */
async function closeChecklist(page) {
	const title = page.getByText('Production Checklist', { exact: true });
	if (!(await title.isVisible().catch(() => false))) return;
	await title.evaluate((el) => {
		let panel = el;
		while (panel.parentElement && panel.parentElement.getBoundingClientRect().width < 500) panel = panel.parentElement;
		panel.style.display = 'none';
	});
}

module.exports = { CHROMIUM, CHROMIUM_ARGS, VIEWPORT, waitFor, launchBrowser, signIn, fillCredential, closeChecklist };
