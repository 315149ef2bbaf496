'use strict';
// Issue 14, real-n8n part: in n8n 2.41.1 with the packed package and the sandbox,
//  - the Sync node's mapping dropdowns list the sandbox CRMs' fields through the REST route the editor calls for
//    loadOptions (n8n 2.41 dist/controllers/dynamic-node-parameters.controller.js: POST /rest/dynamic-node-parameters/options
//    with { nodeTypeAndVersion, path, methodName, currentNodeParameters, credentials }), and a picklist's values;
//  - the initial-sync template's reconcile, scoped to "HubSpot contacts: email is set", leaves the contacts without
//    an email unwritten in Zoho and counts them as outOfScope; n8n's log shows the reconcile's progress lines.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const E = require('./support');
const { ROOT, PKG, PROVIDER, n8n, tarball, startSandbox } = E;
const { templateCredentials, NAMES } = require('../../sandbox/credentials-for-templates');

const INITIAL = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', 'initial-sync.json'), 'utf8'));
const SYNC_TYPE = `${PKG}.syncContactCompany`;
const RECONCILE = INITIAL.nodes.find((n) => n.type === SYNC_TYPE);

const { outputOf } = E;

describe('Sync node editor pickers and scope in a real n8n with the sandbox', () => {
	let sb;
	let inst;
	let creds;

	before(async () => {
		sb = await startSandbox({ smtp: { port: 0 } });
		sb.hubspot.options.searchLagMs = 0;
		inst = await n8n.createInstance({ name: 'editor', installMode: 'tarball', tarball: tarball() });
		creds = await templateCredentials({ sandboxUrl: sb.url, n8nUrl: inst.url, smtpPort: sb.smtp.port, provider: PROVIDER, idPrefix: 'e2eEdit' });
		n8n.importCredentials(inst, creds);
		n8n.importWorkflows(inst, [{ ...INITIAL, active: false }]);
		await n8n.start(inst);
	});
	after(async () => {
		if (inst) await n8n.stop(inst);
		if (sb) await sb.close();
	});

	const cred = (name) => {
		const c = creds.find((x) => x.name === name);
		return { id: c.id, name: c.name };
	};
	/** What the editor sends when a dropdown of the node opens. */
	const options = (methodName, rowPath, row, extra = {}) =>
		n8n.rest(inst, 'POST', '/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: SYNC_TYPE, version: 1 },
			path: `parameters.${rowPath}`,
			methodName,
			currentNodeParameters: { ...RECONCILE.parameters, ...extra, customMappings: { mapping: [row] }, valueMaps: { pair: [row] } },
			credentials: { hubspotSyncPrivateAppApi: cred(NAMES.hubspot), zohoCrmSyncOAuth2Api: cred(NAMES.zoho) },
		});

	test('the mapping dropdowns list HubSpot properties and Zoho fields, required and read-only marked, and picklist values', async () => {
		const hubspot = await options('getHubspotProperties', 'customMappings.mapping[0].hubspotField', { objectType: 'contact' });
		assert.ok(hubspot.some((o) => o.value === 'firstname' && o.name === 'First Name'), JSON.stringify(hubspot.slice(0, 5)));
		assert.ok(hubspot.some((o) => o.value === 'lastmodifieddate' && /read-only/.test(o.name)));
		const zoho = await options('getZohoFields', 'customMappings.mapping[0].zohoField', { objectType: 'company' });
		assert.ok(zoho.some((o) => o.value === 'Account_Name' && /required/.test(o.name)), JSON.stringify(zoho.slice(0, 5)));
		assert.ok(zoho.some((o) => o.value === 'Industry'));
		const values = await options('getZohoFieldValues', 'valueMaps.pair[0].zohoValue', { objectType: 'company', zohoField: 'Industry' });
		assert.ok(values.some((o) => o.value === 'Technology'), JSON.stringify(values.slice(0, 5)));
		const hsValues = await options('getHubspotPropertyValues', 'valueMaps.pair[0].hubspotValue', { objectType: 'company', hubspotField: 'industry' });
		assert.ok(hsValues.some((o) => o.value === 'COMPUTER_SOFTWARE'));
	});

	test('the scoped initial sync writes only HubSpot contacts with an email and counts the others as out of scope', async () => {
		const past = Date.parse('2024-01-01T00:00:00Z');
		sb.hubspot.loadSeed({
			contacts: [
				...Array.from({ length: 5 }, (_, i) => ({ properties: { email: `scoped${i}@editor-e2e.test`, lastname: `Scoped${i}` }, createdAt: past, updatedAt: past })),
				...Array.from({ length: 3 }, (_, i) => ({ properties: { lastname: `NoEmail${i}` }, createdAt: past, updatedAt: past })),
			],
		});
		const seen = (await n8n.listExecutions(inst, { workflowId: INITIAL.id, limit: 50 })).map((e) => e.id);
		await n8n.rest(inst, 'POST', `/workflows/${INITIAL.id}/run`, { triggerToStartFrom: { name: 'Start Initial Sync' } });
		const execution = await n8n.waitForExecution(inst, INITIAL.id, { seen, timeoutMs: 120000 });
		assert.equal(execution.status, 'success', JSON.stringify(execution.data.resultData.error || {}).slice(0, 500));
		const contacts = outputOf(execution, RECONCILE.name).find((s) => s.objectType === 'contact');
		assert.ok(contacts.outOfScope >= 3, JSON.stringify(contacts));
		const lastNames = sb.zoho.listRecords('Contacts').map((c) => c.Last_Name);
		for (let i = 0; i < 5; i++) assert.ok(lastNames.includes(`Scoped${i}`), `Scoped${i} missing in Zoho`);
		for (let i = 0; i < 3; i++) assert.ok(!lastNames.includes(`NoEmail${i}`), `NoEmail${i} was written although out of scope`);
		const log = fs.existsSync(inst.logFile || '') ? fs.readFileSync(inst.logFile, 'utf8') : '';
		if (log) assert.match(log, /Reconcile hubspotToZoho contacts: \d+ of \d+ records .*out of scope \d+/);
	});
});
