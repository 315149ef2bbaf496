'use strict';
// Issue 14, browser part: the Sync Contact/Company node as a user meets it in n8n 2.41.1's editor (headless Chromium,
// playwright-core), with the packed package installed and templates/initial-sync.json imported with sandbox
// credentials.
//  1. Opening the Reconcile node, adding a Custom Field Mapping row and opening its dropdowns lists the sandbox
//     HubSpot properties (GET /crm/v3/properties/contacts: "Job Title", jobtitle) and Zoho fields
//     (GET /crm/v8/settings/fields?module=Contacts: "Title", "Mobile", "Last Name (required)"); the choice is stored
//     as the internal names. Screenshot: docs/screenshots/sync-node-field-picker.png (Zoho Field dropdown open).
//  2. The template's scope "HubSpot contacts: email is set": a run over contacts with and without an email writes only
//     the former to Zoho and its summary counts the others as outOfScope; the execution opened in the editor shows
//     that summary. Screenshot: docs/screenshots/scoped-reconcile.png.
// n8n 2.x autosaves the edited workflow, so the mapping chosen in 1 is part of the run in 2 (jobtitle -> Title, the
// same pair as the default contact mapping).
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const E = require('./support');
const { ROOT, PKG, PROVIDER, n8n, tarball, startSandbox } = E;
const { templateCredentials } = require('../../sandbox/credentials-for-templates');
const { launchBrowser, signIn, waitFor, closeChecklist } = require('../../scripts/lib/browser');
const { sleep } = require('../../scripts/lib/toolkit');

const INITIAL = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', 'initial-sync.json'), 'utf8'));
const SYNC = INITIAL.nodes.find((n) => n.type === `${PKG}.syncContactCompany`);
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const PICKER_SHOT = path.join(SHOTS, 'sync-node-field-picker.png');
const SCOPE_SHOT = path.join(SHOTS, 'scoped-reconcile.png');

const { outputOf } = E;

describe('Sync node field pickers and scoped reconcile in the n8n editor (headless Chromium)', () => {
	let sb;
	let inst;
	let browser;
	let page;

	before(async () => {
		execFileSync('sh', [path.join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
		sb = await startSandbox({ smtp: { port: 0 } });
		sb.hubspot.options.searchLagMs = 0;
		inst = await n8n.createInstance({ name: 'editor-browser', installMode: 'tarball', tarball: tarball() });
		const creds = await templateCredentials({ sandboxUrl: sb.url, n8nUrl: inst.url, smtpPort: sb.smtp.port, provider: PROVIDER, idPrefix: 'e2eEdBrw' });
		n8n.importCredentials(inst, creds);
		n8n.importWorkflows(inst, [{ ...INITIAL, active: false }]);
		await n8n.start(inst);
		({ browser, page } = await launchBrowser(inst));
		page.on('dialog', (d) => d.accept().catch(() => undefined)); // "leave the page?" must never block a goto
		await signIn(page, inst);
	});
	after(async () => {
		if (browser) await browser.close();
		if (inst) await n8n.stop(inst);
		if (sb) await sb.close();
	});

	/** The options of the open dropdown (element-plus select; n8n marks each option parameter-input-item). */
	const openItems = () => page.locator('.el-select-dropdown__item:visible');

	/**
	 * Opens the options dropdown of parameter `name` inside `scope` and waits until it lists an option matching
	 * `expect` (loadOptions answers asynchronously); returns the texts of all options ("Label\ndescription").
	 */
	async function openDropdown(scope, name, expect) {
		const input = scope.getByTestId(`parameter-input-${name}`).locator('input[role=combobox]').first();
		await input.scrollIntoViewIfNeeded();
		return waitFor(
			`the ${name} dropdown to list ${expect}`,
			async () => {
				if ((await input.getAttribute('aria-expanded')) !== 'true') {
					await input.click();
					await sleep(500);
				}
				const texts = (await openItems().allInnerTexts()).map((t) => t.trim());
				return texts.some((t) => expect.test(t)) ? texts : null;
			},
			{ timeoutMs: 45000, everyMs: 500 },
		);
	}

	/** Opens the dropdown of parameter `name` in `scope` and returns its options once it lists any (or [] after waitMs). */
	async function listOptions(scope, name, waitMs = 8000) {
		const input = scope.getByTestId(`parameter-input-${name}`).locator('input[role=combobox]').first();
		await input.scrollIntoViewIfNeeded();
		const t0 = Date.now();
		while (Date.now() - t0 < waitMs) {
			if ((await input.getAttribute('aria-expanded')) !== 'true') await input.click();
			await sleep(500);
			const texts = (await openItems().allInnerTexts()).map((t) => t.trim());
			if (texts.length) return texts;
		}
		return [];
	}

	/** The open dropdown's option whose headline is exactly `label`. */
	const option = (label) => openItems().filter({ has: page.locator('.option-headline', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) }).first();

	/** Closes the node panel and opens the Sync node again (its option lists load afresh). */
	async function reopen(ndv) {
		await ndv.getByTestId('ndv-close-button').click();
		await ndv.waitFor({ state: 'hidden' });
		await page.getByTestId('canvas-node').filter({ hasText: SYNC.name }).dblclick();
		await ndv.waitFor({ state: 'visible' });
	}

	test('the Custom Field Mapping dropdowns list the sandbox HubSpot properties and Zoho fields', async () => {
		await page.goto(`${inst.url}/workflow/${INITIAL.id}`);
		await page.getByTestId('canvas-node').filter({ hasText: SYNC.name }).waitFor({ state: 'visible' });
		await closeChecklist(page);
		await page.getByTestId('canvas-node').filter({ hasText: SYNC.name }).dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor({ state: 'visible' });

		const mappings = ndv.getByTestId('fixed-collection-customMappings');
		await mappings.getByTestId('fixed-collection-add').click();
		await mappings.getByTestId('parameter-input-hubspotField').waitFor({ state: 'visible' });

		// Object: Contacts, so the pickers list the contact fields only. n8n 2.41.1 does not reload a row's lists when
		// the row's Object changes (see the todo test below), so close and reopen the node as a user has to.
		await openDropdown(mappings, 'objectType', /^Contacts$/);
		await option('Contacts').click();
		await reopen(ndv);

		const hubspot = await openDropdown(mappings, 'hubspotField', /^Job Title\n/);
		assert.ok(hubspot.some((t) => /^Job Title\njobtitle · string$/.test(t)), hubspot.join(' | '));
		assert.ok(hubspot.some((t) => /^Mobile Phone Number\nmobilephone\b/.test(t)), hubspot.join(' | '));
		assert.ok(hubspot.some((t) => /^Last Modified Date \(read-only\)\n/.test(t)), hubspot.join(' | '));
		assert.ok(!hubspot.some((t) => /^Company Domain Name\n/.test(t)), `company property listed for contacts: ${hubspot.join(' | ')}`);
		await option('Job Title').click();

		// the mapping section at the top of the parameters pane, so the Zoho list opens below the chosen HubSpot property
		await mappings.evaluate((el) => {
			el.scrollIntoView({ block: 'start' });
			let pane = el.parentElement;
			while (pane && !(pane.scrollHeight > pane.clientHeight && /auto|scroll/.test(getComputedStyle(pane).overflowY))) pane = pane.parentElement;
			if (pane) pane.scrollTop -= 40; // the "Custom Field Mappings" heading too
		});
		const zoho = await openDropdown(mappings, 'zohoField', /^Title\n/);
		assert.ok(zoho.some((t) => /^Title\nTitle · text$/.test(t)), zoho.join(' | '));
		assert.ok(zoho.some((t) => /^Mobile\nMobile · phone$/.test(t)), zoho.join(' | '));
		assert.ok(zoho.some((t) => /^Last Name \(required\)\nLast_Name\b/.test(t)), zoho.join(' | '));
		assert.ok(!zoho.some((t) => /^Industry\n/.test(t)), `Accounts field listed for contacts: ${zoho.join(' | ')}`);

		// the screenshot: the Zoho Field list open beside the chosen HubSpot property, "Title" under the pointer
		const title = option('Title');
		await title.scrollIntoViewIfNeeded();
		await title.hover();
		await sleep(500);
		fs.mkdirSync(SHOTS, { recursive: true });
		await page.screenshot({ path: PICKER_SHOT });

		await title.click();
		await ndv.getByTestId('ndv-close-button').click();
		// the choice is stored as the internal names (n8n 2.x autosaves the workflow)
		const saved = await waitFor(
			'the workflow to be saved with the new mapping',
			async () => {
				const wf = await n8n.rest(inst, 'GET', `/workflows/${INITIAL.id}`);
				const rows = (wf.nodes.find((n) => n.name === SYNC.name).parameters.customMappings || {}).mapping || [];
				return rows.find((r) => r.hubspotField && r.zohoField) || null;
			},
			{ timeoutMs: 30000, everyMs: 1000 },
		);
		assert.deepEqual({ objectType: saved.objectType, hubspotField: saved.hubspotField, zohoField: saved.zohoField }, { objectType: 'contact', hubspotField: 'jobtitle', zohoField: 'Title' });
	});

	test('the scoped initial sync leaves contacts without an email out of Zoho, and the execution shows outOfScope', async () => {
		const past = Date.parse('2024-01-01T00:00:00Z');
		sb.hubspot.loadSeed({
			contacts: [
				...Array.from({ length: 4 }, (_, i) => ({
					properties: { email: `in.scope${i}@editor-browser.test`, firstname: 'In', lastname: `Scope${i}`, jobtitle: `Engineer ${i}` },
					createdAt: past,
					updatedAt: past,
				})),
				...Array.from({ length: 3 }, (_, i) => ({ properties: { firstname: 'No', lastname: `Email${i}` }, createdAt: past, updatedAt: past })),
			],
		});
		const seen = (await n8n.listExecutions(inst, { workflowId: INITIAL.id, limit: 50 })).map((e) => e.id);
		await n8n.rest(inst, 'POST', `/workflows/${INITIAL.id}/run`, { triggerToStartFrom: { name: 'Start Initial Sync' } });
		const execution = await n8n.waitForExecution(inst, INITIAL.id, { seen, timeoutMs: 120000 });
		assert.equal(execution.status, 'success', JSON.stringify(execution.data.resultData.error || {}).slice(0, 500));

		const contacts = outputOf(execution, SYNC.name).find((s) => s.objectType === 'contact');
		assert.ok(contacts, JSON.stringify(outputOf(execution, SYNC.name)));
		assert.equal(contacts.outOfScope, 3, JSON.stringify(contacts));
		assert.equal(contacts.created, 4, JSON.stringify(contacts));
		const zoho = sb.zoho.listRecords('Contacts');
		for (let i = 0; i < 4; i++) {
			const z = zoho.find((c) => c.Last_Name === `Scope${i}`);
			assert.ok(z, `Scope${i} missing in Zoho`);
			assert.equal(z.Title, `Engineer ${i}`); // the jobtitle -> Title mapping chosen in the editor
		}
		for (let i = 0; i < 3; i++) assert.ok(!zoho.some((c) => c.Last_Name === `Email${i}`), `Email${i} has no email but was written to Zoho`);

		// the execution in the editor: open the Sync node, JSON view, the contact summary in view
		await page.goto(`${inst.url}/workflow/${INITIAL.id}/executions/${execution.id}`);
		const node = page.getByTestId('canvas-node').filter({ hasText: SYNC.name });
		await node.waitFor({ state: 'visible' });
		await closeChecklist(page);
		await node.dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor({ state: 'visible' });
		const output = ndv.getByTestId('output-panel');
		await output.getByTestId('radio-button-json').click();
		const shown = await waitFor('the Sync node output to show outOfScope per object type', async () => {
			const m = (await output.innerText()).match(/"outOfScope":\s*\d+/g);
			return m && m.length === 2 ? m.map((s) => Number(s.replace(/\D/g, ''))) : null;
		});
		assert.deepEqual(shown, [0, 3]); // companies first, then contacts
		await output.locator('[data-path="[1].outOfScope"]').first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
		// the parameters pane at the Sync Scope condition that caused it
		await ndv.getByTestId('fixed-collection-scope').evaluate((el) => el.scrollIntoView({ block: 'center' }));
		await page.mouse.move(5, 895);
		await sleep(800);
		await page.screenshot({ path: SCOPE_SHOT });
	});

	// Seen in n8n 2.41.1: picking a value in a fixedCollection row sends no POST /rest/dynamic-node-parameters/options for
	// the row's dependent dropdowns (loadOptionsDependsOn ['&objectType'] and ['&hubspotField']); they keep the list
	// they loaded when the node panel opened, until the panel is closed and reopened. Kept as a todo so a fix shows up.
	test(
		"changing a row's Object, or a Value Pair's HubSpot Property, reloads the row's lists without reopening the node",
		{ todo: 'n8n 2.41.1 does not reload dependent options when a sibling value in a fixedCollection row changes' },
		async () => {
			await page.goto(`${inst.url}/workflow/${INITIAL.id}`);
			const node = page.getByTestId('canvas-node').filter({ hasText: SYNC.name });
			await node.waitFor({ state: 'visible' });
			await closeChecklist(page);
			await node.dblclick();
			const ndv = page.getByTestId('ndv');
			await ndv.waitFor({ state: 'visible' });
			const mappings = ndv.getByTestId('fixed-collection-customMappings');
			await mappings.getByTestId('parameter-input-hubspotField').first().waitFor({ state: 'visible' });
			// the row chosen in the first test is for Contacts: switch it to Companies
			await openDropdown(mappings, 'objectType', /^Companies/);
			await option('Companies (Zoho Accounts)').click();
			await sleep(2000);
			const hubspot = await listOptions(mappings, 'hubspotField');
			await page.keyboard.press('Escape');
			const pairs = ndv.getByTestId('fixed-collection-valueMaps');
			await pairs.getByTestId('fixed-collection-add').click();
			await openDropdown(pairs, 'hubspotField', /^Industry\n/);
			await option('Industry').click();
			await sleep(2000);
			const values = await listOptions(pairs, 'hubspotValue');
			await page.keyboard.press('Escape');
			const problems = [];
			if (!hubspot.some((t) => /^Company Domain Name\n/.test(t)) || hubspot.some((t) => /^Job Title\n/.test(t))) {
				problems.push(`HubSpot Property list after switching the row to Companies still lists contact properties: ${hubspot.map((t) => t.split('\n')[0]).join(', ')}`);
			}
			if (!values.some((t) => /\(COMPUTER_SOFTWARE\)/.test(t))) problems.push(`HubSpot Value list after choosing Industry: ${values.join(', ') || 'empty ("No data")'}`);
			assert.deepEqual(problems, []);
		},
	);
});
