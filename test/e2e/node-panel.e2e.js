'use strict';
// The node panel as a user meets it (issue 14): in a real n8n with the packed package installed, headless Chromium
// opens a workflow, opens the node panel after its first node and searches. "zoho" and "hubspot" must both find the
// Sync Contact/Company node (its display name has neither word: the codex aliases do it), and "invoke" the Invoke
// URL node. Screenshot: docs/screenshots/node-panel-zoho.png.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT, n8n, tarball } = require('./support');
const { launchBrowser, signIn, waitFor } = require('../../scripts/lib/browser');

const SCREENSHOT = path.join(ROOT, 'docs', 'screenshots', 'node-panel-zoho.png');
const WORKFLOW = {
	id: 'e2eNodePanel0001',
	name: 'Node panel search',
	active: false,
	nodes: [{ id: 'a1', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
	connections: {},
	settings: {},
};

describe('node panel search finds the package nodes', () => {
	let inst;
	let browser;
	let page;
	before(async () => {
		execFileSync('sh', [path.join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
		inst = await n8n.createInstance({ name: 'node-panel', installMode: 'tarball', tarball: tarball() });
		n8n.importWorkflows(inst, [WORKFLOW]);
		await n8n.start(inst);
		({ browser, page } = await launchBrowser(inst));
		await signIn(page, inst);
		await page.goto(`${inst.url}/workflow/${WORKFLOW.id}`);
		await page.getByTestId('canvas-node').first().waitFor({ state: 'visible' });
	});
	after(async () => {
		if (browser) await browser.close();
		if (inst) await n8n.stop(inst);
	});

	/**
	 * Opens the node panel (the + after the trigger), types `query` and returns the names listed once `expected` shows
	 * up, or what is listed after 10 s without it (the list first shows n8n's categories, then the results).
	 */
	async function search(query, expected) {
		const bar = page.getByTestId('node-creator-search-bar');
		if (!(await bar.isVisible().catch(() => false))) {
			// the "+" on the trigger's output handle opens the panel for the next node, as a user would click it
			await page.getByTestId('canvas-handle-plus').first().click();
			await bar.waitFor({ state: 'visible' });
		}
		await bar.fill(''); // the test id is on the search input itself
		await bar.fill(query);
		const listed = async () => (await page.getByTestId('node-creator-item-name').allInnerTexts()).map((n) => n.trim());
		await waitFor(`"${expected}" among the results for "${query}"`, async () => (await listed()).includes(expected), { timeoutMs: 10000 }).catch(() => null);
		return listed();
	}

	test('"zoho" finds the Sync Contact/Company node', async () => {
		const names = await search('zoho', 'Sync Contact/Company');
		assert.ok(names.includes('Sync Contact/Company'), `node panel listed: ${names.join(', ')}`);
		await page.screenshot({ path: SCREENSHOT });
	});

	test('"hubspot" finds the Sync Contact/Company node', async () => {
		const names = await search('hubspot', 'Sync Contact/Company');
		assert.ok(names.includes('Sync Contact/Company'), `node panel listed: ${names.join(', ')}`);
	});

	test('"invoke" finds Invoke URL', async () => {
		const names = await search('invoke', 'Invoke URL');
		assert.ok(names.includes('Invoke URL'), `node panel listed: ${names.join(', ')}`);
	});
});
