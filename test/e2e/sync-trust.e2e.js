'use strict';
// Issue 12 ("Trust"), items 12 and 13, in a real n8n 2.41.1 with the packed package and the sandbox (with its SMTP
// catcher). The shipped hubspot-to-zoho.json and initial-sync.json are imported unchanged:
//   - a HubSpot contact without an email is never created in Zoho: its creation and a property change each end in
//     the failure email naming the contact and the fix, the initial sync leaves it unwritten (out of its scope), and
//     Zoho holds no copy of it;
//   - HubSpot "Acme" (acme.com) then "ACME" (acme.de) leave one Zoho account whose website and phone are untouched,
//     and the failure email names both records.
// A Webhook -> Sync Contact/Company workflow with the cross-reference options shows that concurrent first syncs of
// a contact without an email create one Zoho contact (the create is an upsert keyed on the unique xref field).
const fs = require('node:fs');
const path = require('node:path');
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const E = require('./support');
const { ROOT, PKG, PROVIDER, n8n, tarball, startSandbox } = E;
const { templateCredentials } = require('../../sandbox/credentials-for-templates');

const template = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', `${name}.json`), 'utf8'));
const H2Z = template('hubspot-to-zoho');
const INITIAL = template('initial-sync');
const SYNC_TYPE = `${PKG}.syncContactCompany`;
const RECONCILE = INITIAL.nodes.find((n) => n.type === SYNC_TYPE).name;
const START_INITIAL = INITIAL.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger').name;
const hubspotWebhookPath = () => `${H2Z.nodes.find((n) => n.type === `${PKG}.hubspotSyncTrigger`).webhookId}/webhook`;

const XREF_PATH = 'sync-trust-xref';
/** Webhook -> Sync node (HubSpot -> Zoho contacts) with both cross-reference fields and Write Cross-Reference IDs. */
const XREF_FLOW = {
	id: 'syncTrustXref01',
	name: 'Sync trust: contacts with cross-reference ids',
	active: false,
	settings: { executionOrder: 'v1' },
	connections: { Webhook: { main: [[{ node: 'Sync', type: 'main', index: 0 }]] } },
	nodes: [
		{
			id: 'b5d0c3a2-52a4-4a0e-9d61-7a1f0c0e0001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: '0d6f3f3e-5f0b-4f55-9f4e-1b0a5c7e0001',
			position: [0, 0],
			parameters: { httpMethod: 'POST', path: XREF_PATH, responseMode: 'onReceived', options: {} },
		},
		{
			id: 'b5d0c3a2-52a4-4a0e-9d61-7a1f0c0e0002',
			name: 'Sync',
			type: SYNC_TYPE,
			typeVersion: 1,
			position: [240, 0],
			credentials: { hubspotSyncPrivateAppApi: { id: null, name: 'HubSpot private app' }, zohoCrmSyncOAuth2Api: { id: null, name: 'Zoho CRM' } },
			parameters: {
				operation: 'sync',
				direction: 'hubspotToZoho',
				objectType: 'contact',
				recordIdField: '={{ $json.body.objectId }}',
				hubspotAuthentication: 'hubspotSyncPrivateAppApi',
				whenMissing: 'create',
				options: { hubspotXrefField: 'zoho_contact_id', zohoXrefField: 'HubSpot_ID', writeXref: true, linkCompany: false },
			},
		},
	],
};

const { sleep, executionIds, outputOf } = E;

/** These tests wait up to a minute by default (webhook deliveries under load). */
const waitFor = (what, check, opts = {}) => E.waitFor(what, check, { timeoutMs: 60000, everyMs: 250, ...opts });


describe('matching it can trust, in a real n8n with the shipped templates', () => {
	let sb;
	let inst;

	before(async () => {
		sb = await startSandbox({ smtp: { port: 0 } });
		sb.hubspot.options.searchLagMs = 0;
		try {
			inst = await n8n.createInstance({ name: 'sync-trust', installMode: 'tarball', tarball: tarball() });
			const creds = await templateCredentials({ sandboxUrl: sb.url, n8nUrl: inst.url, smtpPort: sb.smtp.port, provider: PROVIDER, idPrefix: 'e2eTrust' });
			n8n.importCredentials(inst, creds);
			n8n.importWorkflows(inst, [{ ...H2Z, active: false }, { ...INITIAL, active: false }, XREF_FLOW]);
			sb.hubspot.setWebhookTarget(`${inst.url}/webhook/${hubspotWebhookPath()}`);
			await n8n.start(inst);
			assert.ok((await n8n.nodeTypes(inst)).some((t) => t.name === SYNC_TYPE), `n8n did not load ${SYNC_TYPE}`);
			await n8n.activateWorkflow(inst, H2Z.id);
			await waitFor('the HubSpot trigger webhook', async () => (await n8n.callWebhook(inst, hubspotWebhookPath(), { body: [] })).status === 401);
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

	/** Runs `act`, flushes HubSpot's webhooks and waits for the hubspot-to-zoho execution and its failure email. */
	async function deliver(act) {
		sb.smtp.clear();
		const seen = await executionIds(inst, H2Z.id);
		await act();
		await sb.hubspot.flushWebhooks();
		const ex = await n8n.waitForExecution(inst, H2Z.id, { seen, timeoutMs: 60000 });
		assert.equal(ex.status, 'success');
		const mails = await waitFor('the failure email', () => (sb.smtp.messages.length ? sb.smtp.messages : null));
		return { ex, mail: mails[0] };
	}

	test('a HubSpot contact without an email: creation, a property change and a reconcile create no Zoho contact, each reports why', async () => {
		let id;
		const created = await deliver(async () => {
			id = sb.hubspot.createObject('contacts', { firstname: 'No', lastname: 'Mail Trust' }).id;
		});
		const edited = await deliver(async () => sb.hubspot.updateObject('contacts', id, { jobtitle: 'Edited in HubSpot' }));
		for (const { ex, mail } of [created, edited]) {
			const failed = outputOf(ex, 'Sync to Zoho CRM', 1);
			assert.deepEqual(failed.map((f) => [String(f.recordId), f.code]), [[String(id), 'NO_MATCH_KEY']]);
			assert.ok(mail.text.includes(String(id)), mail.text);
			assert.match(mail.text, /has no email and no cross-reference field is set: cannot be matched safely, so it was not created/);
			assert.match(mail.text, /Zoho Cross-Reference Field/);
		}
		sb.smtp.clear();
		const seen = await executionIds(inst, INITIAL.id);
		await n8n.rest(inst, 'POST', `/workflows/${INITIAL.id}/run`, { triggerToStartFrom: { name: START_INITIAL } });
		const reconcile = await n8n.waitForExecution(inst, INITIAL.id, { seen, timeoutMs: 120000 });
		assert.equal(reconcile.status, 'success');
		// The shipped initial sync scopes HubSpot contacts to "email is set": the contact is counted out of scope there;
		// without that scope it would be Failed as NO_MATCH_KEY. Either way it is never written.
		const failed = outputOf(reconcile, RECONCILE, 1).filter((f) => String(f.recordId) === String(id));
		const contacts = outputOf(reconcile, RECONCILE, 0).find((s) => s.objectType === 'contact');
		assert.ok(
			(failed.length === 1 && failed[0].code === 'NO_MATCH_KEY') || (failed.length === 0 && contacts.outOfScope >= 1 && contacts.created === 0),
			JSON.stringify({ contacts, failed }),
		);
		const copies = sb.zoho.listRecords('Contacts').filter((c) => c.Last_Name === 'Mail Trust');
		assert.equal(copies.length, 0, `${copies.length} Zoho contacts for a HubSpot contact without an email`);
	});

	test('HubSpot "Acme" (acme.com) then "ACME" (acme.de): one Zoho account, website and phone untouched, the email names both', async () => {
		const accountsBefore = sb.zoho.listRecords('Accounts').length;
		let acmeDe;
		sb.smtp.clear();
		const seen = await executionIds(inst, H2Z.id);
		sb.hubspot.createObject('companies', { name: 'Acme', domain: 'acme.com', phone: '+1 555 0100' });
		await sb.hubspot.flushWebhooks();
		const first = await n8n.waitForExecution(inst, H2Z.id, { seen, timeoutMs: 60000 });
		assert.deepEqual(outputOf(first, 'Sync to Zoho CRM', 1), []);
		const account = await waitFor('the Zoho account', () => sb.zoho.listRecords('Accounts').find((a) => a.Account_Name === 'Acme'));
		const { ex, mail } = await deliver(async () => {
			acmeDe = sb.hubspot.createObject('companies', { name: 'ACME', domain: 'acme.de', phone: '+49 30 1234' }).id;
		});
		const failed = outputOf(ex, 'Sync to Zoho CRM', 1);
		assert.deepEqual(failed.map((f) => [String(f.recordId), f.code]), [[String(acmeDe), 'AMBIGUOUS_MATCH']]);
		assert.ok(
			mail.text.includes(`HubSpot company ${acmeDe}: 'ACME' (acme.de) matches Zoho account ${account.id} 'Acme' by name but its website acme.com differs: not merged`),
			mail.text,
		);
		const accounts = sb.zoho.listRecords('Accounts');
		assert.equal(accounts.length, accountsBefore + 1);
		assert.deepEqual(
			accounts.filter((a) => /^acme$/i.test(a.Account_Name)).map((a) => [a.id, a.Website, a.Phone]),
			[[account.id, 'acme.com', '+1 555 0100']],
		);
	});

	test('with the cross-reference options, 5 concurrent first syncs of a contact without an email create one Zoho contact', async () => {
		await n8n.activateWorkflow(inst, XREF_FLOW.id);
		// A probe without an objectId (its item fails as having no record ID) tells when the webhook is live.
		const probeSeen = await executionIds(inst, XREF_FLOW.id);
		await waitFor('the xref webhook', async () => (await n8n.callWebhook(inst, XREF_PATH, { body: {} })).status === 200);
		await n8n.waitForExecution(inst, XREF_FLOW.id, { seen: probeSeen, timeoutMs: 60000 });
		const id = sb.hubspot.createObject('contacts', { firstname: 'No', lastname: 'Mail Xref' }).id;
		const seen = await executionIds(inst, XREF_FLOW.id);
		const answers = await Promise.all(Array.from({ length: 5 }, () => n8n.callWebhook(inst, XREF_PATH, { body: { objectId: id } })));
		assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200]);
		await waitFor('5 executions', async () => (await executionIds(inst, XREF_FLOW.id)).filter((x) => !seen.includes(x)).length >= 5, { timeoutMs: 120000 });
		await waitFor('the executions to finish', async () => {
			const list = await n8n.listExecutions(inst, { workflowId: XREF_FLOW.id, limit: 100 });
			return list.filter((e) => !seen.includes(e.id)).every((e) => e.status === 'success' || e.status === 'error');
		});
		const runs = await Promise.all((await executionIds(inst, XREF_FLOW.id)).filter((x) => !seen.includes(x)).map((x) => n8n.getExecution(inst, x)));
		const failures = runs.flatMap((r) => outputOf(r, 'Sync', 1));
		assert.deepEqual(failures, []);
		const copies = sb.zoho.listRecords('Contacts').filter((c) => c.Last_Name === 'Mail Xref');
		assert.equal(copies.length, 1, `${copies.length} Zoho contacts for one HubSpot contact`);
		assert.equal(copies[0].HubSpot_ID, String(id));
		assert.equal(sb.hubspot.getObject('contacts', id).properties.zoho_contact_id, copies[0].id);
	});
});
