'use strict';
// README screenshots, taken in headless Chromium (issue 6 item 4). A separate command, not run by CI:
//
//   node scripts/screenshots.js
//
// Starts the seeded sandbox (with its SMTP catcher) in this process and a throw-away real n8n 2.41.1 on free
// ports with this package installed (the newest .cache/pack/*.tgz when present, else `npm run build` + pack),
// imports credentials pointing at the sandbox and the four templates/*.json, activates hubspot-to-zoho,
// creates one HubSpot contact in the sandbox so that workflow runs once, and saves to docs/screenshots/:
//   template-hubspot-to-zoho.png, template-zoho-to-hubspot.png, template-initial-sync.png,
//   template-invoke-url-examples.png, execution-hubspot-to-zoho.png, sandbox-page.png
// Everything it started (n8n by PID, Chromium, the sandbox) is stopped at the end, also on failure or Ctrl-C; the
// throw-away n8n home (.cache/e2e/screenshots-<port>) is removed on success and kept on failure for its n8n.log.
// Needs /usr/bin/chromium and the playwright-core dev dependency.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./lib/runtime');
const n8n = require('./lib/n8n');
const { startSandbox } = require('../sandbox/index');
const { templateCredentials } = require('../sandbox/credentials-for-templates');

const OUT = path.join(ROOT, 'docs', 'screenshots');
const TEMPLATE_FILES = ['hubspot-to-zoho', 'zoho-to-hubspot', 'initial-sync', 'invoke-url-examples'];

function say(msg) {
	process.stdout.write(`${msg}\n`);
}

const { sleep, newestTarball } = require('./lib/toolkit');
const { VIEWPORT, waitFor, launchBrowser, signIn, closeChecklist } = require('./lib/browser');

function loadTemplates() {
	return Object.fromEntries(TEMPLATE_FILES.map((f) => [f, JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', `${f}.json`), 'utf8'))]));
}

/** Wait until the canvas shows `count` nodes (sticky notes are not `canvas-node`s) and has settled (fit-to-view runs after the nodes render). */
async function waitForCanvas(page, count) {
	await page.getByTestId('canvas-node').first().waitFor({ state: 'visible' });
	await waitFor(`${count} canvas nodes`, async () => (await page.getByTestId('canvas-node').count()) >= count, { timeoutMs: 20000 });
	await sleep(1000);
	await closeChecklist(page);
	await page.mouse.move(5, VIEWPORT.height - 5); // no hover toolbar on a node
	await sleep(1000);
}

async function shot(page, file) {
	const p = path.join(OUT, file);
	await page.screenshot({ path: p });
	say(`  saved ${path.relative(ROOT, p)}`);
	return p;
}

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	const templates = loadTemplates();
	const h2z = templates['hubspot-to-zoho'];
	const trigger = h2z.nodes.find((n) => n.type === `${n8n.PACKAGE_NAME}.hubspotSyncTrigger`);
	if (!trigger || !trigger.webhookId) throw new Error('hubspot-to-zoho.json has no HubSpot trigger with a webhookId');
	const webhookPath = `${trigger.webhookId}/webhook`;

	let sb;
	let inst;
	let browser;
	let stopping = false;
	const stopAll = async () => {
		if (stopping) return;
		stopping = true;
		if (browser) await browser.close().catch(() => undefined);
		if (inst) await n8n.stop(inst);
		if (sb) await sb.close();
	};
	const onSignal = () => stopAll().then(() => process.exit(130));
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	try {
		sb = await startSandbox({ port: 0, seed: true, smtp: { port: 0 } });
		sb.hubspot.options.searchLagMs = 0;
		say(`sandbox on ${sb.url}`);
		const tarball = newestTarball() || n8n.packPackage();
		say(`package ${path.relative(ROOT, tarball)}`);
		inst = await n8n.createInstance({ name: 'screenshots', port: await n8n.freePortPair(), installMode: 'tarball', tarball });
		const creds = await templateCredentials({ sandboxUrl: sb.url, n8nUrl: inst.url, smtpPort: sb.smtp.port, idPrefix: 'shot' });
		n8n.importCredentials(inst, creds);
		n8n.importWorkflows(inst, Object.values(templates).map((wf) => ({ ...wf, active: false })));
		sb.hubspot.setWebhookTarget(`${inst.url}/webhook/${webhookPath}`);
		await n8n.start(inst);

		// One real execution of hubspot-to-zoho: a contact created in the sandbox, delivered by its webhook.
		await n8n.activateWorkflow(inst, h2z.id);
		await waitFor('the HubSpot trigger webhook', async () => (await n8n.callWebhook(inst, webhookPath, { body: [] })).status === 401);
		const [companyId] = sb.hubspot.loadSeed({ companies: [{ properties: { name: 'Analytical Engines Ltd', domain: 'analytical-engines.example' } }] }).companies;
		const r = await fetch(`${sb.url}/hubspot/crm/v3/objects/contacts`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sb.hubspot.privateAppToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				properties: { email: 'ada.lovelace@analytical-engines.example', firstname: 'Ada', lastname: 'Lovelace', jobtitle: 'Mathematician' },
				associations: [{ to: { id: String(companyId) }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] }],
			}),
		});
		if (!r.ok) throw new Error(`creating the HubSpot contact in the sandbox: HTTP ${r.status}`);
		await sb.hubspot.flushWebhooks();
		const execution = await n8n.waitForExecution(inst, h2z.id, { timeoutMs: 60000 });
		say(`hubspot-to-zoho execution ${execution.id}: ${execution.status}`);

		({ browser } = await launchBrowser(inst));
		const page = browser.pages()[0];
		await signIn(page, inst);

		for (const [file, wf] of Object.entries(templates)) {
			await page.goto(`${inst.url}/workflow/${wf.id}`);
			await waitForCanvas(page, wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length);
			await shot(page, `template-${file}.png`);
		}

		await page.goto(`${inst.url}/workflow/${h2z.id}/executions/${execution.id}`);
		// the execution preview: a read-only canvas, in the page or (older editors) in an iframe
		const nodes = '[data-test-id="canvas-node"]';
		await waitFor('the execution preview canvas', async () => {
			if ((await page.locator(nodes).count()) > 0) return true;
			for (const f of page.frames()) if (f !== page.mainFrame() && (await f.locator(nodes).count().catch(() => 0)) > 0) return true;
			return false;
		});
		await closeChecklist(page);
		await page.mouse.move(5, VIEWPORT.height - 5);
		await sleep(2000);
		await shot(page, 'execution-hubspot-to-zoho.png');

		await page.goto(`${sb.url}/`);
		await waitFor('the sandbox page to list the new contact', async () => (await page.content()).includes('Lovelace'), { timeoutMs: 15000 });
		await sleep(500);
		await shot(page, 'sandbox-page.png');
	} finally {
		await stopAll();
	}
	// success: drop the throw-away n8n home (kept on failure for its n8n.log)
	fs.rmSync(inst.userFolder, { recursive: true, force: true });
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(`screenshots failed: ${e.message}`);
		process.exit(1);
	},
);
