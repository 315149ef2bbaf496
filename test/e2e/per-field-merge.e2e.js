'use strict';
// Issue 12, item 14, in a real n8n with the packed package and the two directional templates imported unchanged:
// a HubSpot phone edit and a Zoho title edit 3 s later, with HubSpot's delivery of the phone change arriving late
// (HubSpot batches its deliveries) after the Zoho -> HubSpot sync already ran. Both edits must end up in both CRMs,
// the HubSpot phone must never be written back to its old value, and the scheduled Sync Recent Changes runs must
// change nothing afterwards.
const fs = require('node:fs');
const path = require('node:path');
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const E = require('./support');
const { ROOT, PKG, PROVIDER, n8n, tarball, startSandbox } = E;
const { templateCredentials } = require('../../sandbox/credentials-for-templates');

const load = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', `${name}.json`), 'utf8'));
const H2Z = load('hubspot-to-zoho');
const Z2H = load('zoho-to-hubspot');
const SYNC_TYPE = `${PKG}.syncContactCompany`;
const { sleep, executionIds, outputOf, runManually } = E;
const hubspotWebhookPath = () => `${H2Z.nodes.find((n) => n.type === `${PKG}.hubspotSyncTrigger`).webhookId}/webhook`;

/** These tests wait up to a minute by default (webhook deliveries under load). */
const waitFor = (what, check, opts = {}) => E.waitFor(what, check, { timeoutMs: 60000, everyMs: 250, ...opts });


describe('per-field merge with the shipped templates in a real n8n', () => {
	let sb;
	let inst;

	before(async () => {
		sb = await startSandbox({ smtp: { port: 0 } });
		sb.hubspot.options.searchLagMs = 0;
		try {
			inst = await n8n.createInstance({ name: 'per-field-merge', installMode: 'tarball', tarball: tarball() });
			const creds = await templateCredentials({ sandboxUrl: sb.url, n8nUrl: inst.url, smtpPort: sb.smtp.port, provider: PROVIDER, idPrefix: 'e2ePfm' });
			n8n.importCredentials(inst, creds);
			n8n.importWorkflows(inst, [H2Z, Z2H].map((wf) => ({ ...wf, active: false })));
			sb.hubspot.setWebhookTarget(`${inst.url}/webhook/${hubspotWebhookPath()}`);
			await n8n.start(inst);
			assert.ok((await n8n.nodeTypes(inst)).some((t) => t.name === SYNC_TYPE), `n8n did not load ${SYNC_TYPE}`);
			await n8n.activateWorkflow(inst, H2Z.id);
			await n8n.activateWorkflow(inst, Z2H.id);
			await waitFor('the HubSpot trigger webhook', async () => (await n8n.callWebhook(inst, hubspotWebhookPath(), { body: [] })).status === 401);
			await waitFor('the Zoho channel', () => sb.zoho.listChannels().length === 1);
		} catch (e) {
			if (inst) await n8n.stop(inst);
			await sb.close();
			throw e;
		}
	});
	after(async () => {
		if (inst) await n8n.stop(inst);
		if (sb) await sb.close();
	});

	test('HubSpot phone edit + Zoho title edit 3 s later, HubSpot delivery 8 s late: both edits kept on both sides', async () => {
		const old = Date.now() - 2 * 3600_000;
		const email = 'ada.perfield@templates-e2e.test';
		const [hs] = sb.hubspot.loadSeed({
			contacts: [{ properties: { email, firstname: 'Ada', lastname: 'Lovelace', phone: '+1 555 0100', jobtitle: 'Engineer' }, createdAt: old, updatedAt: old }],
		}).contacts;
		const zoTime = new Date(old).toISOString().replace(/\.\d+Z$/, '+00:00');
		const [zo] = sb.zoho.loadSeed({
			Contacts: [{ First_Name: 'Ada', Last_Name: 'Lovelace', Email: email, Phone: '+1 555 0100', Title: 'Engineer', Modified_Time: zoTime, Created_Time: zoTime }],
		}).Contacts;

		// HubSpot holds its deliveries: the phone change is delivered only when we flush, after the Zoho -> HubSpot run
		sb.hubspot.options.batchWindowMs = 120_000;
		const seenH2Z = await executionIds(inst, H2Z.id);
		const seenZ2H = await executionIds(inst, Z2H.id);
		sb.hubspot.updateObject('contacts', hs, { phone: '+1 555 0288' }); // a person, in HubSpot
		await sleep(3000);
		sb.zoho.updateRecord('Contacts', zo, { Title: 'CTO' }); // a person, in Zoho
		await sb.zoho.flushNotifications();
		const z2h = await n8n.waitForExecution(inst, Z2H.id, { seen: seenZ2H, timeoutMs: 60000 });
		assert.equal(z2h.status, 'success');
		const item = outputOf(z2h, 'Sync to HubSpot').find((i) => String(i.sourceId) === String(zo));
		assert.ok(item, JSON.stringify(outputOf(z2h, 'Sync to HubSpot')));
		assert.equal(item.action, 'updated', JSON.stringify(item));
		assert.deepEqual(item.changedFields.map((c) => c.field), ['jobtitle'], JSON.stringify(item));
		assert.deepEqual(item.merge, { fromHubspot: ['phone'], fromZoho: ['Title'], conflicts: [] }, JSON.stringify(item));
		assert.equal(sb.hubspot.getObject('contacts', hs).properties.phone, '+1 555 0288', 'the Zoho -> HubSpot sync wrote the old phone back');

		// the late HubSpot delivery (8 s after the phone edit)
		await sleep(5000);
		sb.hubspot.options.batchWindowMs = 200;
		await sb.hubspot.flushWebhooks();
		await n8n.waitForExecution(inst, H2Z.id, { seen: seenH2Z, timeoutMs: 60000 });
		await waitFor('the phone edit in Zoho', () => sb.zoho.getRecord('Contacts', zo).Phone === '+1 555 0288', { timeoutMs: 30000 }).catch(() => undefined);
		// echoes of our own writes settle
		await sb.zoho.flushNotifications();
		await sb.hubspot.flushWebhooks();
		await sleep(4000);

		// the scheduled safety nets run as their next 15-minute tick would
		for (const [wf, node] of [[H2Z, 'Sync Recent HubSpot Changes'], [Z2H, 'Sync Recent Zoho Changes']]) {
			const ex = await runManually(inst, wf, 'Every 15 Minutes');
			assert.equal(ex.status, 'success', `${node}: ${JSON.stringify(ex.data.resultData.error || {}).slice(0, 300)}`);
		}
		await sb.zoho.flushNotifications();
		await sb.hubspot.flushWebhooks();
		await sleep(3000);

		const h = sb.hubspot.getObject('contacts', hs);
		const z = sb.zoho.getRecord('Contacts', zo);
		assert.deepEqual({ phone: h.properties.phone, jobtitle: h.properties.jobtitle }, { phone: '+1 555 0288', jobtitle: 'CTO' }, 'HubSpot');
		assert.deepEqual({ Phone: z.Phone, Title: z.Title }, { Phone: '+1 555 0288', Title: 'CTO' }, 'Zoho');
		// HubSpot's property history: the person's edit is the last word; no integration ever wrote the old phone back
		const phoneHistory = h.propertiesWithHistory.phone.map((e) => `${e.sourceType} ${e.value}`);
		assert.deepEqual(phoneHistory, ['CRM_UI +1 555 0288', 'IMPORT +1 555 0100'], JSON.stringify(phoneHistory));
	});
});
