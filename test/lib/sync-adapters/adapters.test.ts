/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// The sync adapters against the sandbox on an ephemeral port, counting API calls from the sandbox's request log.
import type { SyncBatchOptions } from '../../../lib/sync-adapters';
import { iso, startSyncHarness, useSyncHarness, type SyncHarness } from './support';

const h = useSyncHarness();

const MIN = 60_000;
const opts = (o: Partial<SyncBatchOptions> = {}): SyncBatchOptions => ({ now: () => Date.now(), ...o });
const seedHubspotContacts = (n: number, at = iso(10 * MIN)): string[] =>
	h.sb.hubspot.loadSeed({
		contacts: Array.from({ length: n }, (_, i) => ({
			properties: { firstname: `First${i}`, lastname: `Last${i}`, email: `person${i}@example.com`, phone: `+1 555 000 ${1000 + i}` },
			updatedAt: at,
		})),
	}).contacts;
const zohoContacts = () => h.sb.zoho.listRecords('Contacts') as Array<Record<string, any>>;

describe('HubSpot -> Zoho contacts', () => {
	it('brings 100 new HubSpot contacts to Zoho in at most 5 API calls, with trigger []', async () => {
		const ids = seedHubspotContacts(100);
		const r = await h.adapters().syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids }, opts());
		expect(r.failures).toEqual([]);
		expect(r.actions.filter((a) => a.type === 'create' && a.applied)).toHaveLength(100);
		expect(zohoContacts()).toHaveLength(100);
		expect(h.calls().total).toBeLessThanOrEqual(5);
		expect(h.sb.zoho.writes.every((w: { trigger: unknown }) => Array.isArray(w.trigger) && w.trigger.length === 0)).toBe(true);
	});

	it('costs at most 2 reads and 0 writes for an event with nothing to change', async () => {
		const ids = seedHubspotContacts(1);
		const adapters = h.adapters();
		await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids }, opts());
		h.sb.core.resetLog();
		const again = await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [ids[0], ids[0]] }, opts());
		expect(again.actions.map((a) => a.type)).toEqual(['unchanged']);
		expect(h.calls()).toMatchObject({ writes: 0 });
		expect(h.calls().reads).toBeLessThanOrEqual(2);
	});

	it('leaves exactly one Zoho contact after 10 concurrent runs on one new contact', async () => {
		const ids = seedHubspotContacts(1);
		const runs = await Promise.all(
			Array.from({ length: 10 }, () => h.adapters().syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids }, opts())),
		);
		expect(zohoContacts()).toHaveLength(1);
		expect(runs.every((r) => r.failures.length === 0)).toBe(true);
		const targets = new Set(runs.map((r) => r.actions[0].targetId));
		expect(targets.size).toBe(1);
	});

	it('puts invalid records on failures with reasons naming the field while the rest sync', async () => {
		const [ok, noLast] = h.sb.hubspot.loadSeed({
			contacts: [
				{ properties: { firstname: 'Ok', lastname: 'Fine', email: 'ok@example.com' }, updatedAt: iso(MIN) },
				{ properties: { firstname: 'NoLast', email: 'nolast@example.com' }, updatedAt: iso(MIN) },
			],
		}).contacts;
		const r = await h.adapters().syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [ok, noLast, '999999'] }, opts());
		expect(r.actions.find((a) => a.sourceId === ok)).toMatchObject({ type: 'create', applied: true });
		expect(r.actions.find((a) => a.sourceId === '999999')).toMatchObject({ type: 'skip', reason: expect.stringMatching(/not found/) });
		expect(r.failures).toEqual([
			expect.objectContaining({ recordId: noLast, code: 'MANDATORY_NOT_FOUND', field: 'Last_Name', error: expect.stringMatching(/Last_Name.*lastname is empty/) }),
		]);
		expect(zohoContacts().map((c) => c.Email)).toEqual(['ok@example.com']);
	});

	it('creates the Zoho account and sets the contact Account_Name lookup for an associated company', async () => {
		const seeded = h.sb.hubspot.loadSeed({
			companies: [{ properties: { name: 'Acme', domain: 'acme.com' }, updatedAt: iso(MIN) }],
			contacts: [{ properties: { firstname: 'A', lastname: 'B', email: 'ab@acme.com' }, updatedAt: iso(MIN) }],
		});
		// loadSeed links by companyIds; link here through the store to keep the ids dynamic.
		h.sb.hubspot.store.link(seeded.contacts[0], seeded.companies[0], 279);
		const adapters = h.adapters();
		const r = await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: seeded.contacts }, opts());
		expect(r.failures).toEqual([]);
		const [account] = h.sb.zoho.listRecords('Accounts') as Array<Record<string, any>>;
		expect(account).toMatchObject({ Account_Name: 'Acme' });
		expect(zohoContacts()[0].Account_Name).toMatchObject({ id: account.id });
		expect(r.links).toEqual([expect.objectContaining({ companySourceId: seeded.companies[0], companyTargetId: account.id, action: 'linked' })]);
		expect(r.companyActions).toEqual([expect.objectContaining({ type: 'create', targetId: account.id })]);
	});
});

describe('Zoho -> HubSpot and conflicts', () => {
	it('creates nothing in HubSpot for an edited Zoho-only contact', async () => {
		const [id] = h.sb.zoho.loadSeed({ Contacts: [{ Last_Name: 'Only', Email: 'only@zoho.example' }] }).Contacts;
		h.sb.zoho.updateRecord('Contacts', id, { Title: 'CTO' }, { notify: false });
		const r = await h.adapters().syncBatch({ direction: 'zohoToHubspot', objectKind: 'contact', ids: [id] }, opts());
		expect(r.actions).toEqual([expect.objectContaining({ type: 'skip', reason: expect.stringMatching(/when missing: skip/) })]);
		expect(h.sb.hubspot.listObjects('contacts')).toEqual([]);
		expect(h.calls().writes).toBe(0);
	});

	it('ends at the newest values whichever direction runs first', async () => {
		for (const order of [['hubspotToZoho', 'zohoToHubspot'], ['zohoToHubspot', 'hubspotToZoho']] as const) {
			h.sb.hubspot.reset();
			h.sb.zoho.reset();
			const [hs] = h.sb.hubspot.loadSeed({
				contacts: [{ properties: { firstname: 'Old', lastname: 'Name', email: 'c@example.com', jobtitle: 'Engineer' }, updatedAt: iso(30 * MIN) }],
			}).contacts;
			const [zo] = h.sb.zoho.loadSeed({
				Contacts: [{ First_Name: 'New', Last_Name: 'Name', Email: 'c@example.com', Title: 'CTO', Modified_Time: iso(5 * MIN) }],
			}).Contacts;
			const adapters = h.adapters();
			for (const direction of order) {
				await adapters.syncBatch({ direction, objectKind: 'contact', ids: [direction === 'hubspotToZoho' ? hs : zo] }, opts());
			}
			expect(h.sb.hubspot.getObject('contacts', hs).properties).toMatchObject({ firstname: 'New', jobtitle: 'CTO' });
			expect(h.sb.zoho.getRecord('Contacts', zo)).toMatchObject({ First_Name: 'New', Title: 'CTO' });
		}
	});

	it('re-reads and re-plans once when Zoho answers 412 because the record changed after the read', async () => {
		const [hs] = h.sb.hubspot.loadSeed({
			contacts: [{ properties: { firstname: 'Fresh', lastname: 'Name', email: 'r@example.com' }, updatedAt: iso(MIN) }],
		}).contacts;
		const [zo] = h.sb.zoho.loadSeed({ Contacts: [{ First_Name: 'Stale', Last_Name: 'Name', Email: 'r@example.com', Modified_Time: iso(60 * MIN) }] }).Contacts;
		let edited = false;
		const adapters = h.adapters({}, (t) => async (req) => {
			// A person edits the record in Zoho between our read and our write.
			if (req.method === 'PUT' && !edited) {
				edited = true;
				await new Promise((ok) => setTimeout(ok, 1100));
				h.sb.zoho.updateRecord('Contacts', zo, { Title: 'Edited' }, { notify: false });
			}
			return t(req);
		});
		const r = await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [hs] }, opts());
		// read + HubSpot history (record times 59 min apart); after the 412: re-read, HubSpot history, and Zoho's timeline
		// (its record is now the newer one, but the timeline shows First_Name unchanged since it was created)
		expect(r.calls.reads).toBe(5);
		expect(r.calls.writes).toBe(2);
		// the re-plan writes HubSpot's newer First_Name and leaves the person's Zoho edit (Title) alone
		expect(r.actions).toEqual([expect.objectContaining({ type: 'update', targetId: zo, payload: { First_Name: 'Fresh' } })]);
		expect(h.sb.zoho.getRecord('Contacts', zo)).toMatchObject({ First_Name: 'Fresh', Title: 'Edited' });
	});

	it('associates the HubSpot contact with the company matching its Zoho account', async () => {
		// The company has existed for a while: no search-index lag for it (the sandbox lags fresh writes by default).
		h.sb.hubspot.options.searchLagMs = 0;
		const [companyId] = h.sb.hubspot.loadSeed({ companies: [{ properties: { name: 'Globex', domain: 'globex.com' }, updatedAt: iso(30 * MIN) }] }).companies;
		const [hsContact] = h.sb.hubspot.loadSeed({
			contacts: [{ properties: { firstname: 'G', lastname: 'X', email: 'g@globex.com' }, updatedAt: iso(30 * MIN) }],
		}).contacts;
		const z = h.sb.zoho.loadSeed({
			Accounts: [{ Account_Name: 'Globex', Website: 'https://www.globex.com', Modified_Time: iso(40 * MIN) }],
			Contacts: [{ First_Name: 'G', Last_Name: 'X', Email: 'g@globex.com', Account_Name: 'Globex', Modified_Time: iso(40 * MIN) }],
		});
		const r = await h.adapters().syncBatch(
			{ direction: 'zohoToHubspot', objectKind: 'contact', ids: z.Contacts, linkIds: z.Contacts },
			opts(),
		);
		expect(r.failures).toEqual([]);
		expect(r.links).toEqual([expect.objectContaining({ contactTargetId: hsContact, companyTargetId: companyId, action: 'linked' })]);
		expect(h.sb.hubspot.getObject('contacts', hsContact).associatedIds).toEqual([companyId]);
		h.sb.core.resetLog();
		const again = await h.adapters().syncBatch(
			{ direction: 'zohoToHubspot', objectKind: 'contact', ids: z.Contacts, linkIds: z.Contacts },
			opts(),
		);
		expect(again.links).toEqual([expect.objectContaining({ action: 'unchanged' })]);
		expect(h.calls().writes).toBe(0);
		delete h.sb.hubspot.options.searchLagMs;
	});
});

describe('same-second edits (whole-second Zoho times): a copy written through the API loses to a person', () => {
	// Both CRMs run on one frozen clock inside one past second; the engine's own clock is real time.
	let clockMs = Date.now(); // OAuth tokens are issued on this clock: keep it near real time
	let t: SyncHarness;
	beforeAll(async () => {
		t = await startSyncHarness({ now: () => clockMs });
	});
	afterAll(() => t.close());

	it('neither reverts Zoho with the older HubSpot copy nor ignores the newer Zoho edit', async () => {
		const second = Math.floor(Date.now() / 1000) * 1000 - 5000;
		const old = second - 600_000;
		clockMs = old;
		const [z] = t.sb.zoho.loadSeed({ Contacts: [{ Last_Name: 'Tie', Email: 'tie@example.com', Title: 'A', Modified_Time: new Date(old).toISOString().replace('Z', '+00:00'), Created_Time: new Date(old).toISOString().replace('Z', '+00:00') }] }).Contacts;
		const [hs] = t.sb.hubspot.loadSeed({ contacts: [{ properties: { email: 'tie@example.com', lastname: 'Tie', jobtitle: 'A' }, createdAt: old, updatedAt: old }] }).contacts;
		const adapters = t.adapters();
		const zohoToHubspot = () => adapters.syncBatch({ direction: 'zohoToHubspot', objectKind: 'contact', ids: [z] }, opts());
		const hubspotToZoho = () => adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [hs] }, opts());

		clockMs = second + 100;
		t.sb.zoho.updateRecord('Contacts', z, { Title: 'B' }, { notify: false });
		clockMs = second + 200;
		await zohoToHubspot(); // our copy of B lands in HubSpot through the API
		expect(t.sb.hubspot.getObject('contacts', hs).properties.jobtitle).toBe('B');
		clockMs = second + 600;
		t.sb.zoho.updateRecord('Contacts', z, { Title: 'C' }, { notify: false }); // a person edits Zoho again, same second

		// the echo of our HubSpot write arrives first: HubSpot's B is only a copy, Zoho's C stays
		const echo = await hubspotToZoho();
		expect(echo.actions.map((a) => a.type)).toEqual(['skip']);
		expect((t.sb.zoho.getRecord('Contacts', z) as Record<string, unknown>).Title).toBe('C');
		// then the Zoho notification for C: Zoho wins the tie against the API copy
		const forward = await zohoToHubspot();
		expect(forward.actions.map((a) => a.type)).toEqual(['update']);
		expect(t.sb.hubspot.getObject('contacts', hs).properties.jobtitle).toBe('C');
	});

	it('a person editing HubSpot in the same second as our Zoho write still wins', async () => {
		const second = Math.floor(Date.now() / 1000) * 1000 - 5000;
		clockMs = second - 600_000;
		const [hs] = t.sb.hubspot.loadSeed({ contacts: [{ properties: { email: 'tie2@example.com', lastname: 'Tie', jobtitle: 'A' }, createdAt: clockMs, updatedAt: clockMs }] }).contacts;
		const adapters = t.adapters();
		clockMs = second + 100;
		await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [hs] }, opts()); // creates it in Zoho
		clockMs = second + 500;
		t.sb.hubspot.updateObject('contacts', hs, { jobtitle: 'Person' });
		const r = await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [hs] }, opts());
		expect(r.actions.map((a) => a.type)).toEqual(['update']);
		const z = (t.sb.zoho.listRecords('Contacts') as Array<Record<string, unknown>>).find((c) => c.Email === 'tie2@example.com');
		expect(z?.Title).toBe('Person');
	});
});
