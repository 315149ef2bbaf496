/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Issue 12 ("Trust") through the real adapters and clients against the sandbox over HTTP: companies that only share a
// name are not merged, and Zoho -> HubSpot company creates do not duplicate inside HubSpot's search delay.
import type { SyncBatchOptions } from '../../../lib/sync-adapters';
import { iso, useSyncHarness } from './support';

const h = useSyncHarness();

const MIN = 60_000;
const opts = (o: Partial<SyncBatchOptions> = {}): SyncBatchOptions => ({ now: () => Date.now(), ...o });
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const accounts = () => h.sb.zoho.listRecords('Accounts') as Array<Record<string, any>>;
const hubspotCompanies = () => h.sb.hubspot.listObjects('companies') as Array<{ id: string; properties: Record<string, string | null> }>;

describe('HubSpot -> Zoho companies with the same name', () => {
	it('HubSpot "Acme" (acme.com) then "ACME" (acme.de): one Zoho account keeps its website and phone, the second is Failed naming both', async () => {
		const [acme, acmeDe] = h.sb.hubspot.loadSeed({
			companies: [
				{ properties: { name: 'Acme', domain: 'acme.com', phone: '+1 555 0100' }, updatedAt: iso(2 * MIN) },
				{ properties: { name: 'ACME', domain: 'acme.de', phone: '+49 30 1234' }, updatedAt: iso(MIN) },
			],
		}).companies;
		const adapters = h.adapters();
		const first = await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'company', ids: [acme] }, opts());
		const zohoId = first.actions[0].targetId;
		const second = await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'company', ids: [acmeDe] }, opts());
		expect(accounts()).toHaveLength(1);
		expect(accounts()[0]).toMatchObject({ id: zohoId, Account_Name: 'Acme', Website: 'acme.com', Phone: '+1 555 0100' });
		expect(second.actions).toEqual([]);
		expect(second.failures).toEqual([expect.objectContaining({ recordId: acmeDe, code: 'AMBIGUOUS_MATCH', candidates: [zohoId] })]);
		expect(second.failures[0].error).toBe(
			`HubSpot company ${acmeDe}: 'ACME' (acme.de) matches Zoho account ${zohoId} 'Acme' by name but its website acme.com differs: not merged ` +
				'(if they are one company, link them through the cross-reference field)',
		);
	});

	it('two same-name companies synced at the same moment are not merged: the account create is an insert, never an upsert on Account_Name', async () => {
		const [acme, acmeDe] = h.sb.hubspot.loadSeed({
			companies: [
				{ properties: { name: 'Acme', domain: 'acme.com', phone: '+1 555 0100' }, updatedAt: iso(2 * MIN) },
				{ properties: { name: 'ACME', domain: 'acme.de', phone: '+49 30 1234' }, updatedAt: iso(MIN) },
			],
		}).companies;
		const runs = await Promise.all([acme, acmeDe].map((id) => h.adapters().syncBatch({ direction: 'hubspotToZoho', objectKind: 'company', ids: [id] }, opts())));
		// The sandbox's Zoho keeps Account_Name unique on insert: the later insert is refused, re-read and re-matched.
		expect(accounts()).toHaveLength(1);
		const [account] = accounts();
		const winner = account.Website === 'acme.com' ? acme : acmeDe;
		expect(account).toMatchObject(winner === acme ? { Website: 'acme.com', Phone: '+1 555 0100' } : { Website: 'acme.de', Phone: '+49 30 1234' });
		const failures = runs.flatMap((r) => r.failures);
		expect(failures).toEqual([expect.objectContaining({ recordId: winner === acme ? acmeDe : acme, code: 'AMBIGUOUS_MATCH' })]);
		expect(h.sb.zoho.writes.filter((w: { op: string }) => w.op === 'upsert')).toEqual([]);
	});
});

describe('Zoho -> HubSpot company creates inside HubSpot search delay', () => {
	beforeEach(() => {
		// HubSpot's search index lags writes by a few seconds (crm/v3 search docs): a company created a moment ago is
		// invisible to the search-based lookup.
		h.sb.hubspot.options.searchLagMs = 3000;
	});
	afterEach(() => {
		delete h.sb.hubspot.options.searchLagMs;
	});
	const account = () => h.sb.zoho.createRecord('Accounts', { Account_Name: 'Initech', Website: 'initech.com' }, { notify: false }).id as string;
	const xref = { hubspotField: 'zoho_account_id', zohoField: 'HubSpot_ID' };

	it('without a unique key, two events 1 s apart create no company (Failed with the fix) instead of two', async () => {
		const id = account();
		const sync = () => h.adapters().syncBatch({ direction: 'zohoToHubspot', objectKind: 'company', ids: [id] }, opts({ whenMissing: 'create' }));
		const first = await sync();
		await sleep(1000);
		const second = await sync();
		expect(hubspotCompanies()).toHaveLength(0);
		for (const r of [first, second]) expect(r.failures).toEqual([expect.objectContaining({ recordId: id, code: 'NO_MATCH_KEY', error: expect.stringContaining('HubSpot Cross-Reference Property') })]);
	});

	it('with the cross-reference property, concurrent events and one 1 s later leave one HubSpot company (batch upsert on it)', async () => {
		const id = account();
		const adapters = h.adapters({ xref });
		const sync = () => adapters.syncBatch({ direction: 'zohoToHubspot', objectKind: 'company', ids: [id] }, opts({ whenMissing: 'create', writeXref: true }));
		const runs = await Promise.all([sync(), sync()]);
		await sleep(1000);
		runs.push(await sync());
		expect(runs.flatMap((r) => r.failures)).toEqual([]);
		const companies = hubspotCompanies();
		expect(companies).toHaveLength(1);
		expect(companies[0].properties).toMatchObject({ name: 'Initech', zoho_account_id: id });
		expect(h.sb.zoho.getRecord('Accounts', id).HubSpot_ID).toBe(companies[0].id);
	});
});
