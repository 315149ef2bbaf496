'use strict';
// Issue 6 "Done when", in a real n8n 2.41.1 with the packed package and the sandbox (with its SMTP catcher):
// all four templates/*.json are imported unchanged through the CLI, credentials pointing at the sandbox are
// imported under the templates' placeholder names (n8n binds them by name), the two directional workflows are
// activated, and then:
//   - a HubSpot contact creation ends as a Zoho contact linked to its account;
//   - a Zoho edit updates HubSpot; an edit to a Zoho-only contact creates nothing in HubSpot;
//   - a bad record produces one email naming its id and reason;
//   - the initial sync (one paged Reconcile node) converges 1,000 contacts (a second run writes nothing);
//   - the Invoke URL examples call the sandbox with Basic and Custom Service OAuth2 credentials.
// Tests that need the Sync Contact/Company node are skipped (with the reason) while n8n does not load it; the
// "every node type loads" test fails in that case, so a missing node never passes silently.
const fs = require('node:fs');
const path = require('node:path');
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const E = require('./support');
const { ROOT, PKG, PROVIDER, n8n, tarball, startSandbox } = E;
const { templateCredentials } = require('../../sandbox/credentials-for-templates');

const TEMPLATES = Object.fromEntries(
	fs
		.readdirSync(path.join(ROOT, 'templates'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', f), 'utf8'))]),
);
const H2Z = TEMPLATES['hubspot-to-zoho'];
const Z2H = TEMPLATES['zoho-to-hubspot'];
const INITIAL = TEMPLATES['initial-sync'];
const INVOKE = TEMPLATES['invoke-url-examples'];
const SYNC_TYPE = `${PKG}.syncContactCompany`;
const RECONCILE = INITIAL.nodes.find((n) => n.type === SYNC_TYPE).name;

const { sleep, executionIds, outputOf, runManually } = E;
const nodeOf = (wf, type) => wf.nodes.find((n) => n.type === type);
const hubspotWebhookPath = () => `${nodeOf(H2Z, `${PKG}.hubspotSyncTrigger`).webhookId}/webhook`;

const waitFor = (what, check, opts = {}) => E.waitFor(what, check, { timeoutMs: 30000, everyMs: 250, ...opts });

async function hubspotApi(sb, method, p, body) {
	const r = await fetch(`${sb.url}/hubspot${p}`, {
		method,
		headers: { authorization: `Bearer ${sb.hubspot.privateAppToken}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await r.json();
	if (!r.ok) throw new Error(`HubSpot sandbox ${method} ${p}: HTTP ${r.status} ${json.message || ''}`);
	return json;
}

const hubspotWriteCalls = (sb) => sb.core.totalCalls((k) => /^(POST|PATCH|PUT|DELETE) \/hubspot\/crm/.test(k) && !/search|batch\/read|associations\/contact\/company\/batch\/read/.test(k));
const zohoContactByEmail = (sb, email) => sb.zoho.listRecords('Contacts').find((c) => String(c.Email || '').toLowerCase() === email);
const lookupId = (v) => (v && typeof v === 'object' ? v.id : v);

const BULK = 1000;
let bulkSeeded = false;
let sbForSeed;
/** 20 HubSpot companies and 1,000 contacts linked to them, last modified long ago; no webhooks. Once. */
function seedBulk() {
	if (bulkSeeded) return;
	bulkSeeded = true;
	const old = Date.parse('2024-01-01T00:00:00Z');
	const companies = sbForSeed.hubspot.loadSeed({
		companies: Array.from({ length: 20 }, (_, i) => ({ properties: { name: `Bulk Co ${i}`, domain: `bulk${i}.templates-e2e.test` }, createdAt: old, updatedAt: old })),
	}).companies;
	sbForSeed.hubspot.loadSeed({
		contacts: Array.from({ length: BULK }, (_, i) => ({
			properties: { email: `bulk${i}@templates-e2e.test`, firstname: `Bulk${i}`, lastname: `Person ${i}` },
			companyIds: [companies[i % companies.length]],
			createdAt: old,
			updatedAt: old,
		})),
	});
}

describe('workflow templates in a real n8n with the sandbox', () => {
	let sb;
	let inst;
	let syncLoaded = false;
	/** node:test evaluates `skip` options at registration, before `before` ran: decide inside the test. */
	const withSync = (fn) => async (t) => {
		if (!syncLoaded) return t.skip(`n8n did not load ${SYNC_TYPE} (nodes/SyncContactCompany missing or not in package.json#n8n.nodes)`);
		return fn(t);
	};

	before(async () => {
		sb = await startSandbox({ smtp: { port: 0 } });
		sbForSeed = sb;
		sb.hubspot.options.searchLagMs = 0;
		try {
			inst = await n8n.createInstance({ name: 'templates', installMode: 'tarball', tarball: tarball() });
			const creds = await templateCredentials({ sandboxUrl: sb.url, n8nUrl: inst.url, smtpPort: sb.smtp.port, provider: PROVIDER, idPrefix: 'e2eTpl' });
			n8n.importCredentials(inst, creds);
			n8n.importWorkflows(inst, Object.values(TEMPLATES).map((wf) => ({ ...wf, active: false })));
			sb.hubspot.setWebhookTarget(`${inst.url}/webhook/${hubspotWebhookPath()}`);
			await n8n.start(inst);
			syncLoaded = (await n8n.nodeTypes(inst)).some((t) => t.name === SYNC_TYPE);
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

	test('every template imports unchanged and every credential placeholder is bound by name', async () => {
		const credIds = new Set((await n8n.rest(inst, 'GET', '/credentials')).map((c) => c.id));
		for (const wf of Object.values(TEMPLATES)) {
			const stored = await n8n.rest(inst, 'GET', `/workflows/${wf.id}`);
			assert.equal(stored.name, wf.name);
			assert.deepEqual(stored.nodes.map((n) => n.name).sort(), wf.nodes.map((n) => n.name).sort());
			for (const n of stored.nodes) {
				for (const [type, ref] of Object.entries(n.credentials || {})) {
					assert.ok(ref.id && credIds.has(ref.id), `${wf.name} / ${n.name}: ${type} "${ref.name}" not bound (id ${ref.id})`);
				}
			}
		}
	});

	test('every template also saves through the editor API (what the UI does with an imported file)', async () => {
		for (const wf of Object.values(TEMPLATES)) {
			const { id: _id, ...body } = JSON.parse(JSON.stringify(wf));
			const created = await n8n.rest(inst, 'POST', '/workflows', { ...body, name: `${wf.name} (UI import)`, active: false });
			assert.ok(created.id && created.id !== wf.id, `${wf.name}: no new id`);
			assert.deepEqual(created.nodes.map((n) => n.name).sort(), wf.nodes.map((n) => n.name).sort());
			await n8n.rest(inst, 'POST', `/workflows/${created.id}/archive`, {}).catch(() => undefined);
		}
	});

	test('n8n loads every node type the templates use, at the versions they use', async () => {
		const versions = new Map();
		for (const t of await n8n.nodeTypes(inst)) versions.set(t.name, [...(versions.get(t.name) || []), ...[t.version].flat()]);
		const used = [...new Set(Object.values(TEMPLATES).flatMap((wf) => wf.nodes.map((n) => `${n.type}@${n.typeVersion}`)))];
		const missing = used.filter((tv) => {
			const [type, v] = tv.split('@');
			return !(versions.get(type) || []).includes(Number(v));
		});
		assert.deepEqual(missing, []);
	});

	test('Invoke URL examples: Basic JSON POST and Custom Service OAuth2 calls reach the sandbox signed', async () => {
		const ex = await runManually(inst, INVOKE, 'Run Examples');
		const basic = outputOf(ex, 'Create Item (Basic, JSON)');
		assert.equal(basic.length, 1);
		assert.equal(basic[0].statusCode, 200, JSON.stringify(basic[0]).slice(0, 300));
		assert.equal(basic[0].body.auth.type, 'basic');
		const zoho = outputOf(ex, 'Zoho Contacts (OAuth2)');
		assert.equal(zoho.length, 1);
		assert.ok([200, 204].includes(zoho[0].statusCode), JSON.stringify(zoho[0]).slice(0, 300));
		// The MailChimp-style call goes to the sandbox provider, which has no /3.0/lists: an item either way.
		assert.equal(outputOf(ex, 'MailChimp Lists (OAuth2)').length, 1);
	});

	describe('directional templates', () => {
		before(async () => {
			if (!syncLoaded) return;
			await n8n.activateWorkflow(inst, H2Z.id);
			await n8n.activateWorkflow(inst, Z2H.id);
			// Live when the production webhook verifies callers: an unsigned call gets 401 (404 = not yet registered).
			await waitFor('the HubSpot trigger webhook', async () => (await n8n.callWebhook(inst, hubspotWebhookPath(), { body: [] })).status === 401);
			await waitFor('the Zoho channel', () => sb.zoho.listChannels().length === 1);
		});

		test('a HubSpot contact creation ends as a Zoho contact linked to its account', withSync(async () => {
			const [companyId] = sb.hubspot.loadSeed({
				companies: [{ properties: { name: 'Templates E2E Ltd', domain: 'templates-e2e.test' } }],
			}).companies;
			const seen = await executionIds(inst, H2Z.id);
			const contact = await hubspotApi(sb, 'POST', '/crm/v3/objects/contacts', {
				properties: { email: 'grace.templates@templates-e2e.test', firstname: 'Grace', lastname: 'Hopper' },
				associations: [{ to: { id: String(companyId) }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] }],
			});
			await sb.hubspot.flushWebhooks();
			const ex = await n8n.waitForExecution(inst, H2Z.id, { seen, timeoutMs: 60000 });
			assert.equal(ex.status, 'success');
			const synced = outputOf(ex, 'Sync to Zoho CRM', 0);
			assert.ok(synced.some((s) => String(s.sourceId) === String(contact.id)), JSON.stringify(synced));
			const z = zohoContactByEmail(sb, 'grace.templates@templates-e2e.test');
			assert.ok(z, 'no Zoho contact');
			assert.equal(z.Last_Name, 'Hopper');
			const account = sb.zoho.getRecord('Accounts', lookupId(z.Account_Name));
			assert.ok(account, `Zoho contact not linked to an account: ${JSON.stringify(z.Account_Name)}`);
			assert.equal(account.Account_Name, 'Templates E2E Ltd');
			assert.equal(outputOf(ex, 'Send Failure Report').length, 0, 'a failure email was sent for a good record');
		}));

		test('100 HubSpot contacts created together: one Zoho write call per delivery, and the echo writes nothing back', withSync(async () => {
			const seen = await executionIds(inst, H2Z.id);
			const zohoWritesBefore = sb.zoho.writes.length;
			const hubspotWritesBefore = hubspotWriteCalls(sb);
			for (let i = 0; i < 100; i++) {
				sb.hubspot.createObject('contacts', { email: `batch${i}@templates-e2e.test`, firstname: `Batch${i}`, lastname: 'Load' });
			}
			await sb.hubspot.flushWebhooks();
			const emails = Array.from({ length: 100 }, (_, i) => `batch${i}@templates-e2e.test`);
			await waitFor('100 contacts in Zoho', () => emails.every((e) => zohoContactByEmail(sb, e)), { timeoutMs: 120000 });
			await sleep(1500);
			// HubSpot batches events per delivery (up to 100); each delivery is one execution and one Zoho upsert call.
			const runs = (await executionIds(inst, H2Z.id)).filter((id) => !seen.includes(id)).length;
			assert.ok(runs >= 1 && runs <= 10, `${runs} executions for 100 events`);
			assert.ok(sb.zoho.writes.length - zohoWritesBefore <= runs, `${sb.zoho.writes.length - zohoWritesBefore} Zoho write calls for ${runs} deliveries`);
			// Zoho notifies the Zoho -> HubSpot workflow about our own writes: it must write nothing back.
			await sb.zoho.flushNotifications();
			await sleep(3000);
			assert.equal(hubspotWriteCalls(sb) - hubspotWritesBefore, 0, 'the Zoho echo wrote back to HubSpot');
		}));

		test('10 concurrent deliveries of one new contact leave exactly one Zoho contact', withSync(async () => {
			const contact = sb.hubspot.loadSeed({ contacts: [{ properties: { email: 'race@templates-e2e.test', firstname: 'Race', lastname: 'Condition' } }] }).contacts[0];
			const url = `${inst.url}/webhook/${hubspotWebhookPath()}`;
			const event = (n) => ({ eventId: 900000 + n, subscriptionId: 1, portalId: sb.hubspot.portalId, appId: sb.hubspot.appId, occurredAt: Date.now(), subscriptionType: 'contact.creation', attemptNumber: 0, objectId: Number(contact), changeSource: 'CRM_UI', changeFlag: 'NEW' });
			const seen = await executionIds(inst, H2Z.id);
			await Promise.all(Array.from({ length: 10 }, (_, n) => sb.hubspot.sendEvents([event(n)], { url })));
			await waitFor('10 executions', async () => (await executionIds(inst, H2Z.id)).filter((id) => !seen.includes(id)).length >= 10, { timeoutMs: 120000 });
			await sleep(2000);
			const copies = sb.zoho.listRecords('Contacts').filter((c) => String(c.Email || '').toLowerCase() === 'race@templates-e2e.test');
			assert.equal(copies.length, 1, `${copies.length} Zoho contacts for one HubSpot contact`);
		}));

		test('a Zoho edit updates the matching HubSpot contact', withSync(async () => {
			const old = Date.now() - 3600_000;
			const [hsId] = sb.hubspot.loadSeed({
				contacts: [{ properties: { email: 'alan.z2h@templates-e2e.test', firstname: 'Alan', lastname: 'Turing', jobtitle: 'Analyst' }, createdAt: old, updatedAt: old }],
			}).contacts;
			const z = sb.zoho.createRecord('Contacts', { First_Name: 'Alan', Last_Name: 'Turing', Email: 'alan.z2h@templates-e2e.test', Title: 'Analyst' }, { notify: false });
			const seen = await executionIds(inst, Z2H.id);
			sb.zoho.updateRecord('Contacts', z.id, { Title: 'Chief Scientist' });
			await sb.zoho.flushNotifications();
			const ex = await n8n.waitForExecution(inst, Z2H.id, { seen, timeoutMs: 60000 });
			assert.equal(ex.status, 'success');
			assert.equal(sb.hubspot.getObject('contacts', hsId).properties.jobtitle, 'Chief Scientist');
		}));

		test('an edit to a Zoho-only contact creates nothing in HubSpot', withSync(async () => {
			const before = sb.hubspot.listObjects('contacts').length;
			const z = sb.zoho.createRecord('Contacts', { Last_Name: 'Only', Email: 'zoho.only@templates-e2e.test' }, { notify: false });
			const seen = await executionIds(inst, Z2H.id);
			sb.zoho.updateRecord('Contacts', z.id, { Title: 'Edited in Zoho' });
			await sb.zoho.flushNotifications();
			const ex = await n8n.waitForExecution(inst, Z2H.id, { seen, timeoutMs: 60000 });
			assert.equal(ex.status, 'success');
			assert.equal(sb.hubspot.listObjects('contacts').length, before);
			assert.ok(!sb.hubspot.listObjects('contacts').some((c) => c.properties.email === 'zoho.only@templates-e2e.test'));
			assert.equal(outputOf(ex, 'Sync to HubSpot', 1).length, 0, 'skipping is not a failure');
			assert.equal(outputOf(ex, 'Send Failure Report').length, 0);
		}));

		test('a bad record produces one email naming its id and reason, while a good one syncs', withSync(async () => {
			sb.smtp.clear();
			const seen = await executionIds(inst, H2Z.id);
			// Zoho's Title holds at most 255 characters; HubSpot takes the long value (docs/crm-api-notes.md §2.4).
			const bad = await hubspotApi(sb, 'POST', '/crm/v3/objects/contacts', {
				properties: { email: 'too.long@templates-e2e.test', lastname: 'Long', jobtitle: 'x'.repeat(300) },
			});
			const good = await hubspotApi(sb, 'POST', '/crm/v3/objects/contacts', {
				properties: { email: 'fine@templates-e2e.test', lastname: 'Fine' },
			});
			await sb.hubspot.flushWebhooks();
			await n8n.waitForExecution(inst, H2Z.id, { seen, timeoutMs: 60000 });
			const mails = await waitFor('the failure email', () => (sb.smtp.messages.length ? sb.smtp.messages : null));
			await sleep(1500);
			assert.equal(sb.smtp.messages.length, 1, `expected one email, got ${sb.smtp.messages.length}`);
			const [mail] = mails;
			assert.match(mail.subject, /1 failed operation$/);
			assert.ok(mail.text.includes(String(bad.id)), `email does not name record ${bad.id}: ${mail.text}`);
			assert.match(mail.text, /Title|255|length/i);
			assert.ok(!mail.text.includes(String(good.id)), 'the good record is in the failure email');
			assert.ok(zohoContactByEmail(sb, 'fine@templates-e2e.test'), 'the good record did not sync');
			for (const secret of [sb.hubspot.privateAppToken, sb.hubspot.clientSecret, sb.zoho.clientSecret]) assert.ok(!mail.text.includes(secret));
		}));

		after(async () => {
			if (!syncLoaded) return;
			// the initial sync below writes to both CRMs: keep the live flows out of its way
			await n8n.deactivateWorkflow(inst, H2Z.id).catch(() => undefined);
			await n8n.deactivateWorkflow(inst, Z2H.id).catch(() => undefined);
		});
	});

	test('the initial sync converges 1,000 HubSpot contacts (and their companies) into Zoho; a second run writes nothing', withSync(async () => {
		seedBulk();
		const first = await runManually(inst, INITIAL, 'Start Initial Sync', { timeoutMs: 600000 });
		assert.equal(first.status, 'success', JSON.stringify(first.data.resultData.error || {}).slice(0, 500));
		// one summary item per object type, companies first; the HubSpot seed may hold more than the bulk records
		const summary = outputOf(first, RECONCILE);
		assert.deepEqual(summary.map((s) => s.objectType), ['company', 'contact'], JSON.stringify(summary));
		const count = (type) => sb.hubspot.listObjects(type).length;
		assert.equal(summary[0].scanned, count('companies'));
		assert.equal(summary[1].scanned, count('contacts'));
		assert.ok(summary.every((s) => s.complete === true), JSON.stringify(summary));
		assert.ok(summary[1].created >= 1000, JSON.stringify(summary[1]));
		const zoho = new Set(sb.zoho.listRecords('Contacts').map((c) => String(c.Email || '').toLowerCase()));
		const missing = Array.from({ length: 1000 }, (_, i) => `bulk${i}@templates-e2e.test`).filter((e) => !zoho.has(e));
		assert.deepEqual(missing.slice(0, 5), [], `${missing.length} contacts missing in Zoho`);
		const linked = sb.zoho.listRecords('Contacts').filter((c) => /^bulk\d+@/.test(c.Email || '') && lookupId(c.Account_Name));
		assert.equal(linked.length, 1000, 'not every contact is linked to its account');

		const writesBefore = sb.zoho.writes.length;
		const second = await runManually(inst, INITIAL, 'Start Initial Sync', { timeoutMs: 600000 });
		assert.equal(second.status, 'success');
		const again = outputOf(second, RECONCILE);
		assert.deepEqual(again.map((s) => [s.objectType, s.created, s.updated]), [['company', 0, 0], ['contact', 0, 0]], JSON.stringify(again));
		// A record that is invalid (the bad-record test's 300-character Title) is attempted again and rejected again by
		// Zoho on every reconcile: that call changes nothing. Every call that did change a record counts.
		const changed = sb.zoho.writes.slice(writesBefore).filter((w) => Array.isArray(w.ids) && w.ids.length > 0);
		assert.deepEqual(changed, [], 'the second run wrote to Zoho: not converged');
	}));
});
