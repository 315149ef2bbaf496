'use strict';
// The Sync Contact/Company node's settings as n8n 2.41.1's editor shows them (issue 14), in headless Chromium with the
// packed package installed: the Operation parameter is visible (n8n hides parameters named in its main auth field's
// displayOptions), and the two credential selectors carry labels of their own ("HubSpot Credential", "Zoho CRM
// Credential") instead of two "Credential". The same rules are replayed in-process by
// test/nodes/SyncContactCompany/editor-display.test.ts.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT, PKG, n8n, tarball } = require('./support');
const { launchBrowser, signIn, waitFor, closeChecklist } = require('../../scripts/lib/browser');

const WORKFLOW = {
	id: 'e2eSyncSettings01',
	name: 'Sync node settings',
	active: false,
	nodes: [
		{ id: 'a1', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'a2', name: 'Sync', type: `${PKG}.syncContactCompany`, typeVersion: 1, position: [300, 0], parameters: {} },
	],
	connections: { Manual: { main: [[{ node: 'Sync', type: 'main', index: 0 }]] } },
	settings: {},
};

describe('Sync Contact/Company settings in the editor', () => {
	let inst;
	let browser;
	let page;
	before(async () => {
		execFileSync('sh', [path.join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
		inst = await n8n.createInstance({ name: 'sync-settings', installMode: 'tarball', tarball: tarball() });
		n8n.importWorkflows(inst, [WORKFLOW]);
		await n8n.start(inst);
		({ browser, page } = await launchBrowser(inst));
		await signIn(page, inst);
		await page.goto(`${inst.url}/workflow/${WORKFLOW.id}`);
		await closeChecklist(page);
		await page.getByTestId('canvas-node').filter({ hasText: 'Sync' }).last().dblclick();
		await page.getByTestId('ndv').waitFor({ state: 'visible' });
	});
	after(async () => {
		if (browser) await browser.close();
		if (inst) await n8n.stop(inst);
	});

	test('shows the Operation parameter', async () => {
		const ndv = page.getByTestId('ndv');
		await waitFor('the Operation parameter', async () => (await ndv.getByText('Operation', { exact: true }).count()) > 0, { timeoutMs: 15000 }).catch(() => null);
		assert.ok((await ndv.getByText('Operation', { exact: true }).count()) > 0, 'no "Operation" label in the node settings');
	});

	test('labels the HubSpot and Zoho credential selectors apart', async () => {
		const labels = async () => (await page.getByTestId('credentials-label').allInnerTexts()).map((t) => t.trim().split('\n')[0]);
		await waitFor('two credential labels', async () => (await labels()).length >= 2, { timeoutMs: 15000 }).catch(() => null);
		await page.screenshot({ path: path.join(ROOT, '.cache', 'e2e', 'sync-node-settings.png') });
		const found = await labels();
		assert.ok(found.some((l) => l.startsWith('HubSpot Credential')), `labels: ${JSON.stringify(found)}`);
		assert.ok(found.some((l) => l.startsWith('Zoho CRM Credential')), `labels: ${JSON.stringify(found)}`);
	});
});
