import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';
import { sandboxCredentials, useSyncSandbox } from './support';

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('Sync node operation Reconcile All Records, in n8n-core against the sandbox', () => {
	const sandbox = useSyncSandbox();
	let sb: any;
	beforeEach(() => {
		sb = sandbox.get();
	});
	const credentials = () => sandboxCredentials(sb);

	async function reconcile(parameters: Record<string, unknown> = {}) {
		const h = createHarness({ credentials: credentials() });
		const r = await h.runWorkflow({
			nodes: [
				{
					name: 'Reconcile',
					type: `${PACKAGE_NAME}.syncContactCompany`,
					parameters: { operation: 'reconcile', ...parameters },
					credentials: { hubspotSyncPrivateAppApi: { id: 'h', name: 'HubSpot' }, zohoCrmSyncOAuth2Api: { id: 'z', name: 'Zoho' } },
				},
			],
			items: [{ json: {} }],
		});
		return { error: r.error, synced: r.error ? [] : r.output('Reconcile', 0).map((i) => i.json as any), failed: r.error ? [] : r.output('Reconcile', 1).map((i) => i.json as any) };
	}
	const zohoWrites = () => sb.zoho.writes.filter((w: any) => Array.isArray(w.ids) && w.ids.length > 0).length;
	const past = Date.parse('2024-01-01T00:00:00Z');

	/** 450 HubSpot contacts (3 invalid for Zoho: a 300-character job title), 5 of them already in Zoho with older data. */
	function seedContacts() {
		const contacts = Array.from({ length: 450 }, (_, i) => ({
			properties: { email: `rc${i}@reconcile.test`, firstname: `R${i}`, lastname: `Contact${i}`, jobtitle: i % 150 === 7 ? 'x'.repeat(300) : `Title ${i}` },
			createdAt: past,
			updatedAt: past + 60_000,
		}));
		const ids: string[] = sb.hubspot.loadSeed({ contacts }).contacts.map(String);
		sb.zoho.loadSeed({
			Contacts: Array.from({ length: 5 }, (_, i) => ({ Last_Name: `Contact${i}`, Email: `rc${i}@reconcile.test`, Title: 'Older Zoho title', Modified_Time: '2024-01-01T00:00:00+00:00' })),
		});
		return { ids, invalid: ids.filter((_, i) => i % 150 === 7) };
	}

	it('syncs every HubSpot contact to Zoho in pages and outputs one summary; a second run writes nothing', async () => {
		const { ids, invalid } = seedContacts();
		const first = await reconcile({ reconcileSource: 'hubspot', reconcileObjects: ['contact'] });
		expect(first.error).toBeUndefined();
		expect(first.synced).toHaveLength(1);
		expect(first.synced[0]).toMatchObject({ operation: 'reconcile', direction: 'hubspotToZoho', objectType: 'contact', complete: true, scanned: 450, created: 442, updated: 5, failed: 3 });
		expect(first.synced[0].batches).toBe(3);
		expect(first.failed.map((f) => f.recordId).sort()).toEqual([...invalid].sort());
		expect(first.failed.every((f) => /Title|255|length/i.test(f.error))).toBe(true);
		const zoho = sb.zoho.listRecords('Contacts');
		expect(zoho).toHaveLength(447);
		expect(zoho.find((c: any) => c.Email === 'rc0@reconcile.test').Title).toBe('Title 0');
		expect(ids).toHaveLength(450);

		const writesBefore = zohoWrites();
		const second = await reconcile({ reconcileSource: 'hubspot', reconcileObjects: ['contact'] });
		expect(second.synced[0]).toMatchObject({ scanned: 450, created: 0, updated: 0, unchanged: 447, failed: 3 });
		expect(zohoWrites()).toBe(writesBefore);
	});

	it('One Item per Record outputs every record\'s action instead of the summary', async () => {
		seedContacts();
		const { synced, failed } = await reconcile({ reconcileSource: 'hubspot', reconcileObjects: ['contact'], reconcileOutput: 'records' });
		expect(synced).toHaveLength(447);
		expect(synced.filter((s) => s.action === 'updated')).toHaveLength(5);
		expect(failed).toHaveLength(3);
	});

	it('Zoho -> HubSpot: updates the HubSpot contacts Zoho has newer data for and creates nothing', async () => {
		const [shared] = sb.hubspot.loadSeed({ contacts: [{ properties: { email: 'shared@reconcile.test', lastname: 'Shared', jobtitle: 'Old' }, createdAt: past, updatedAt: past }] }).contacts;
		sb.zoho.loadSeed({
			Contacts: [
				{ Last_Name: 'Shared', Email: 'shared@reconcile.test', Title: 'Newer in Zoho', Modified_Time: '2025-01-01T00:00:00+00:00' },
				{ Last_Name: 'OnlyZoho', Email: 'only.zoho@reconcile.test', Modified_Time: '2025-01-01T00:00:00+00:00' },
			],
		});
		const { synced, failed } = await reconcile({ reconcileSource: 'zoho', reconcileObjects: ['contact'] });
		expect(failed).toEqual([]);
		expect(synced[0]).toMatchObject({ direction: 'zohoToHubspot', scanned: 2, updated: 1, skipped: 1, created: 0 });
		expect(sb.hubspot.getObject('contacts', String(shared)).properties.jobtitle).toBe('Newer in Zoho');
		expect(sb.hubspot.listObjects('contacts')).toHaveLength(1);
	});

	it('companies are reconciled before contacts, one summary each', async () => {
		sb.hubspot.loadSeed({
			companies: [{ properties: { name: 'Reconcile Co', domain: 'reconcile-co.test' }, createdAt: past, updatedAt: past }],
			contacts: [{ properties: { email: 'a@reconcile-co.test', lastname: 'A' }, createdAt: past, updatedAt: past }],
		});
		const { synced } = await reconcile({ reconcileSource: 'hubspot', reconcileObjects: ['contact', 'company'] });
		expect(synced.map((s) => [s.objectType, s.created])).toEqual([['company', 1], ['contact', 1]]);
		expect(sb.zoho.listRecords('Accounts').map((a: any) => a.Account_Name)).toEqual(['Reconcile Co']);
	});

	it('links contacts to the companies synced earlier in the run without syncing those companies again per batch', async () => {
		const companies = sb.hubspot.loadSeed({
			companies: Array.from({ length: 5 }, (_, i) => ({ properties: { name: `Linked Co ${i}`, domain: `linked${i}.reconcile.test` }, createdAt: past, updatedAt: past })),
		}).companies.map(String);
		sb.hubspot.loadSeed({
			contacts: Array.from({ length: 300 }, (_, i) => ({ properties: { email: `l${i}@reconcile.test`, lastname: `L${i}` }, companyIds: [companies[i % 5]], createdAt: past, updatedAt: past })),
		});
		const both = await reconcile({ reconcileSource: 'hubspot', reconcileObjects: ['company', 'contact'] });
		expect(both.failed).toEqual([]);
		expect(both.synced.map((s) => [s.objectType, s.created, s.companiesSyncedForLinks])).toEqual([['company', 5, 0], ['contact', 300, 0]]);
		expect(both.synced[1].linksWritten).toBe(300);
		const accountOf = new Map(sb.zoho.listRecords('Accounts').map((a: any) => [String(a.id), a.Account_Name]));
		const contacts = sb.zoho.listRecords('Contacts');
		expect(contacts).toHaveLength(300);
		for (const c of contacts) expect(accountOf.get(String(c.Account_Name?.id))).toBe(`Linked Co ${Number(/l(\d+)@/.exec(c.Email)?.[1]) % 5}`);

		// contacts alone, over two batches: each company is synced once for the run, not once per batch
		sb.zoho.reset();
		const contactsOnly = await reconcile({ reconcileSource: 'hubspot', reconcileObjects: ['contact'] });
		expect(contactsOnly.synced[0]).toMatchObject({ created: 300, batches: 2, companiesSyncedForLinks: 5, linksWritten: 300 });
		expect(sb.zoho.listRecords('Accounts')).toHaveLength(5);
	});

	it('Modified Since reconciles only records modified at or after it; a value that is not a date fails naming the field', async () => {
		sb.hubspot.loadSeed({
			contacts: [
				{ properties: { email: 'old@reconcile.test', lastname: 'Old' }, createdAt: past, updatedAt: past },
				{ properties: { email: 'new@reconcile.test', lastname: 'New' }, createdAt: past, updatedAt: Date.parse('2025-06-01T00:00:00Z') },
			],
		});
		const { synced } = await reconcile({ reconcileSource: 'hubspot', reconcileObjects: ['contact'], modifiedSince: '2025-01-01T00:00:00Z' });
		expect(synced[0]).toMatchObject({ scanned: 1, created: 1, modifiedSince: '2025-01-01T00:00:00.000Z' });
		expect(sb.zoho.listRecords('Contacts').map((c: any) => c.Email)).toEqual(['new@reconcile.test']);
		const bad = await reconcile({ reconcileSource: 'hubspot', reconcileObjects: ['contact'], modifiedSince: 'last tuesday' });
		expect(String(bad.error?.message)).toMatch(/Modified Since.*not a date/);
	});

	it('a source page that cannot be read ends that object type with a failure naming the last id synced; what was synced stays', async () => {
		const { ids } = seedContacts();
		const search = 'POST /hubspot/crm/v3/objects/:objectType/search';
		// the first search counts the records (progress estimate), the second reads page 1; every later one answers 503
		Object.assign(sb.core.faults, { rate5xx: 1, random: () => ((sb.core.counts.get(search) ?? 0) > 2 ? 0 : 1) });
		const { synced, failed } = await reconcile({ reconcileSource: 'hubspot', reconcileObjects: ['contact'] });
		Object.assign(sb.core.faults, { rate5xx: 0, random: Math.random });
		expect(synced[0]).toMatchObject({ complete: false, scanned: 200 });
		const stop = failed.find((f) => f.operation === 'read');
		const sorted = [...ids].sort((a, b) => Number(a) - Number(b));
		expect(stop).toMatchObject({ recordId: sorted[199], objectType: 'contact' });
		expect(stop.error).toMatch(new RegExp(`Reconcile of contacts stopped after hubspot id ${sorted[199]}`));
		expect(stop.error).not.toContain(sb.hubspot.privateAppToken);
		expect(sb.zoho.listRecords('Contacts').length).toBeGreaterThanOrEqual(195);
	}, 60_000);
});
