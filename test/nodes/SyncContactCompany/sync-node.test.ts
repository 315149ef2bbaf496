/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';
import { sandboxCredentials, useSyncSandbox } from './support';

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('Sync Contact/Company node in n8n-core against the sandbox', () => {
	const sandbox = useSyncSandbox();
	let sb: any;
	beforeEach(() => {
		sb = sandbox.get();
	});
	const credentials = () => sandboxCredentials(sb);

	async function run(items: Array<Record<string, unknown>>, parameters: Record<string, unknown> = {}) {
		const h = createHarness({ credentials: credentials() });
		const r = await h.runWorkflow({
			nodes: [
				{
					name: 'Sync',
					type: `${PACKAGE_NAME}.syncContactCompany`,
					parameters: { direction: 'fromEvent', objectType: 'fromEvent', ...parameters },
					credentials: { hubspotSyncPrivateAppApi: { id: 'h', name: 'HubSpot' }, zohoCrmSyncOAuth2Api: { id: 'z', name: 'Zoho' } },
				},
			],
			items: items.map((json) => ({ json })),
		});
		if (r.error) throw r.error;
		return { synced: r.output('Sync', 0).map((i) => i.json as any), failed: r.output('Sync', 1).map((i) => i.json as any) };
	}
	// Field lists (the mapping check's metadata, cached per process for five minutes) are not sync calls.
	const apiCalls = () => sb.core.totalCalls((k: string) => !k.includes('/oauth') && !k.includes('/properties/') && !k.includes('/settings/fields'));
	const writes = () => sb.core.totalCalls((k: string) => /^(POST|PUT|PATCH) /.test(k) && !/search|batch\/read|coql|oauth|token/.test(k));

	it('creates 100 new HubSpot contacts in Zoho in at most 5 API calls in all', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 100; i++) {
			const c = sb.hubspot.createObject('contacts', { email: `person${i}@example.com`, firstname: `P${i}`, lastname: `Person${i}` }, { changeSource: 'CRM_UI' });
			ids.push(String(c.id));
		}
		sb.core.resetLog();
		const { synced, failed } = await run(ids.map((id) => ({ system: 'hubspot', objectType: 'contact', objectId: id })));
		expect(failed).toEqual([]);
		expect(synced).toHaveLength(100);
		expect(synced.every((s) => s.action === 'created' && s.targetId)).toBe(true);
		expect(sb.zoho.listRecords('Contacts')).toHaveLength(100);
		expect(apiCalls()).toBeLessThanOrEqual(5);
	});

	it('looks a contact up in Zoho by the email its HubSpot property-change event carries while HubSpot is read; a stale one is looked up again', async () => {
		const fresh = sb.hubspot.createObject('contacts', { email: 'hinted@example.com', firstname: 'Hin', lastname: 'Ted' }, { changeSource: 'CRM_UI' });
		const moved = sb.hubspot.createObject('contacts', { email: 'moved-now@example.com', firstname: 'Mo', lastname: 'Ved' }, { changeSource: 'CRM_UI' });
		sb.zoho.loadSeed({ Contacts: [{ First_Name: 'Mo', Last_Name: 'Ved', Email: 'moved-now@example.com' }] });
		const event = (c: { id: unknown }, type: string, extra: Record<string, unknown> = {}) => ({ system: 'hubspot', objectType: 'contact', objectId: String(c.id), eventType: type, ...extra });
		sb.core.faults.latencyMs = 40;
		sb.core.resetLog();
		const { synced, failed } = await run([
			event(fresh, 'creation'),
			event(fresh, 'propertyChange', { propertyName: 'email', propertyValue: 'hinted@example.com' }),
			event(moved, 'creation'),
			event(moved, 'propertyChange', { propertyName: 'email', propertyValue: 'moved-before@example.com' }),
		]);
		sb.core.faults.latencyMs = 0;
		expect(failed).toEqual([]);
		expect(synced.map((s) => [String(s.sourceId), s.action]).sort()).toEqual([[String(fresh.id), 'created'], [String(moved.id), expect.any(String)]].sort());
		expect(sb.zoho.listRecords('Contacts').filter((r: any) => /^moved/.test(r.Email))).toHaveLength(1);
		const calls = sb.core.log.filter((e: any) => e.system && e.route);
		const read = calls.find((e: any) => /batch\/read/.test(e.route) && /objects/.test(e.route));
		const lookups = calls.filter((e: any) => /coql/.test(e.route));
		// the hinted lookup went out while the read was still being answered; the stale hint's record needed one more
		expect(lookups[0].at).toBeLessThan(read.at + 40);
		expect(lookups).toHaveLength(2);
		expect(lookups[1].at).toBeGreaterThanOrEqual(read.at + 40);
	});

	it('reads the record id from objectId by default and evaluates any other Record ID expression', async () => {
		const a = sb.hubspot.createObject('contacts', { email: 'by.default@example.com', lastname: 'Default' }, { changeSource: 'CRM_UI' });
		const b = sb.hubspot.createObject('contacts', { email: 'by.expression@example.com', lastname: 'Expression' }, { changeSource: 'CRM_UI' });
		const byDefault = await run([{ system: 'hubspot', objectType: 'contact', objectId: Number(a.id) }], { recordIdField: '={{ $json.objectId }}' });
		expect(byDefault.synced.map((s) => String(s.sourceId))).toEqual([String(a.id)]);
		const custom = await run([{ system: 'hubspot', objectType: 'contact', objectId: '999999', hubspotId: String(b.id) }], { recordIdField: '={{ $json.hubspotId }}' });
		expect(custom.synced.map((s) => String(s.sourceId))).toEqual([String(b.id)]);
		const missing = await run([{ system: 'hubspot', objectType: 'contact' }], { recordIdField: '={{ $json.objectId }}' });
		expect(missing.failed[0].error).toMatch(/no record ID/);
	});

	it('Sync Recent Changes: syncs the Zoho contacts modified within the window, and only those', async () => {
		const old = '2024-01-02T05:30:00+05:30';
		const [recentId, oldId] = sb.zoho.loadSeed({
			Contacts: [
				{ Last_Name: 'Recent', Email: 'recent@example.com', Title: 'Old title', Modified_Time: old, Created_Time: old },
				{ Last_Name: 'Stale', Email: 'stale@example.com', Title: 'Zoho title', Modified_Time: old, Created_Time: old },
			],
		}).Contacts;
		const past = Date.parse('2024-01-01T00:00:00Z');
		const [hRecent, hStale] = sb.hubspot.loadSeed({
			contacts: [
				{ properties: { email: 'recent@example.com', lastname: 'Recent', jobtitle: 'Old title' }, createdAt: past, updatedAt: past },
				{ properties: { email: 'stale@example.com', lastname: 'Stale', jobtitle: 'HubSpot title' }, createdAt: past, updatedAt: past },
			],
		}).contacts;
		sb.zoho.updateRecord('Contacts', recentId, { Title: 'Edited in Zoho' }, { notify: false });
		const { synced, failed } = await run([{}], { operation: 'syncRecent', recentSource: 'zoho', recentObjects: ['contact'], lookbackMinutes: 30 });
		expect(failed).toEqual([]);
		expect(synced.map((s) => [s.sourceId, s.action])).toEqual([[recentId, 'updated']]);
		expect(sb.hubspot.getObject('contacts', hRecent).properties.jobtitle).toBe('Edited in Zoho');
		// the Zoho contact last modified in 2024 is outside the window: HubSpot's value stays
		expect(sb.hubspot.getObject('contacts', hStale).properties.jobtitle).toBe('HubSpot title');
		expect(oldId).toBeDefined();
	});

	it('Sync Recent Changes from HubSpot creates the recently created contacts in Zoho', async () => {
		const past = Date.parse('2024-01-01T00:00:00Z');
		sb.hubspot.loadSeed({ contacts: [{ properties: { email: 'long.ago@example.com', lastname: 'Ago' }, createdAt: past, updatedAt: past }] });
		const fresh = sb.hubspot.createObject('contacts', { email: 'just.now@example.com', lastname: 'Now' }, { changeSource: 'CRM_UI' });
		const { synced, failed } = await run([{}], { operation: 'syncRecent', recentSource: 'hubspot', recentObjects: ['contact', 'company'], lookbackMinutes: 5 });
		expect(failed).toEqual([]);
		expect(synced.map((s) => [String(s.sourceId), s.action])).toEqual([[String(fresh.id), 'created']]);
		expect(sb.zoho.listRecords('Contacts').map((c: any) => c.Email)).toEqual(['just.now@example.com']);
	});

	it('a Zoho edit that leaves Account_Name alone skips the company link check; one that changes it links', async () => {
		const old = '2024-01-02T05:30:00+05:30';
		const [account] = sb.zoho.loadSeed({ Accounts: [{ Account_Name: 'Link Co', Website: 'linkco.example.com', Modified_Time: old, Created_Time: old }] }).Accounts;
		const [zc] = sb.zoho.loadSeed({ Contacts: [{ Last_Name: 'Linked', Email: 'linked@example.com', Title: 'A', Account_Name: { id: account }, Modified_Time: old, Created_Time: old }] }).Contacts;
		const past = Date.parse('2024-01-01T00:00:00Z');
		const [company] = sb.hubspot.loadSeed({ companies: [{ properties: { name: 'Link Co', domain: 'linkco.example.com' }, createdAt: past, updatedAt: past }] }).companies;
		const [hc] = sb.hubspot.loadSeed({ contacts: [{ properties: { email: 'linked@example.com', lastname: 'Linked', jobtitle: 'A' }, createdAt: past, updatedAt: past }] }).contacts;
		const edit = (fields: string[], title: string) => {
			sb.zoho.updateRecord('Contacts', zc, { Title: title }, { notify: false });
			return { system: 'zoho', module: 'Contacts', objectType: 'contact', objectId: zc, operation: 'update', affectedFields: fields };
		};
		sb.core.resetLog();
		const titleOnly = await run([edit(['Title'], 'B')]);
		expect(titleOnly.synced.map((s) => s.action)).toEqual(['updated']);
		expect(titleOnly.synced[0].linkedCompany).toBeUndefined();
		expect(sb.hubspot.getObject('contacts', hc).associatedIds).toEqual([]);
		const callsTitleOnly = apiCalls();
		// both CRMs keep whole seconds: the next edit comes a second later, as a person's would
		await new Promise((r) => setTimeout(r, 1100));
		sb.core.resetLog();
		const accountToo = await run([edit(['Title', 'Account_Name'], 'C')]);
		expect(accountToo.failed).toEqual([]);
		expect(accountToo.synced[0].linkedCompany).toMatchObject({ targetId: String(company), action: 'linked' });
		expect(sb.hubspot.getObject('contacts', hc).associatedIds.map(String)).toEqual([String(company)]);
		expect(callsTitleOnly).toBeLessThan(apiCalls());
	});

	it('a second delivery of the same event reads and writes nothing (no echo)', async () => {
		const c = sb.hubspot.createObject('contacts', { email: 'echo@example.com', firstname: 'Echo', lastname: 'Test' }, { changeSource: 'CRM_UI' });
		const event = { system: 'hubspot', objectType: 'contact', objectId: String(c.id) };
		await run([event]);
		sb.core.resetLog();
		const { synced } = await run([event]);
		expect(synced[0].action).toBe('unchanged');
		expect(writes()).toBe(0);
		expect(apiCalls()).toBeLessThanOrEqual(2);
	});

	it('Zoho to HubSpot: a Zoho-only contact that is edited creates nothing in HubSpot', async () => {
		const z = sb.zoho.createRecord('Contacts', { Last_Name: 'Only', First_Name: 'Zoho', Email: 'zoho.only@example.com' });
		const before = sb.hubspot.listObjects('contacts').length;
		const { synced, failed } = await run([{ system: 'zoho', objectType: 'contact', objectId: String(z.id) }]);
		expect(failed).toEqual([]);
		expect(synced[0].action).toBe('skipped');
		expect(sb.hubspot.listObjects('contacts')).toHaveLength(before);
	});

	it('Zoho to HubSpot: a newer Zoho edit updates the HubSpot contact', async () => {
		const c = sb.hubspot.createObject('contacts', { email: 'both@example.com', firstname: 'Both', lastname: 'Sides', phone: '+1 555 0100' }, { changeSource: 'CRM_UI' });
		await run([{ system: 'hubspot', objectType: 'contact', objectId: String(c.id) }]);
		const z = sb.zoho.listRecords('Contacts').find((r: any) => r.Email === 'both@example.com');
		await new Promise((ok) => setTimeout(ok, 1100)); // Zoho times have whole seconds
		sb.zoho.updateRecord('Contacts', z.id, { Phone: '+1 555 0199' });
		const { synced } = await run([{ system: 'zoho', objectType: 'contact', objectId: String(z.id) }]);
		expect(synced[0]).toMatchObject({ action: 'updated', targetId: String(c.id) });
		expect(sb.hubspot.getObject('contacts', String(c.id)).properties.phone).toBe('+1 555 0199');
	});

	it('an invalid record goes to Failed with its id and reason while the rest sync', async () => {
		const good = sb.hubspot.createObject('contacts', { email: 'good@example.com', firstname: 'Good', lastname: 'One' }, { changeSource: 'CRM_UI' });
		const bad = sb.hubspot.createObject('contacts', { email: 'nolastname@example.com', firstname: 'NoLast' }, { changeSource: 'CRM_UI' });
		const { synced, failed } = await run([
			{ system: 'hubspot', objectType: 'contact', objectId: String(good.id) },
			{ system: 'hubspot', objectType: 'contact', objectId: String(bad.id) },
		]);
		expect(synced.map((s) => s.sourceId)).toEqual([String(good.id)]);
		expect(failed).toHaveLength(1);
		expect(failed[0]).toMatchObject({ recordId: String(bad.id), direction: 'hubspotToZoho', objectType: 'contact' });
		expect(failed[0].error).toMatch(/Last_Name|last ?name/i);
		expect(JSON.stringify(failed)).not.toContain(sb.hubspot.privateAppToken);
	});

	it('10 concurrent executions on one new contact leave exactly one Zoho contact', async () => {
		const c = sb.hubspot.createObject('contacts', { email: 'race@example.com', firstname: 'Race', lastname: 'Cond' }, { changeSource: 'CRM_UI' });
		const event = { system: 'hubspot', objectType: 'contact', objectId: String(c.id) };
		await Promise.all(Array.from({ length: 10 }, () => run([event])));
		expect(sb.zoho.listRecords('Contacts').filter((r: any) => r.Email === 'race@example.com')).toHaveLength(1);
	});

	it('companies: a HubSpot company is created as a Zoho account, and dry run writes nothing', async () => {
		const co = sb.hubspot.createObject('companies', { name: 'Acme Widgets', domain: 'acme-widgets.com', city: 'Austin' }, { changeSource: 'CRM_UI' });
		const dry = await run([{ system: 'hubspot', objectType: 'company', objectId: String(co.id) }], { options: { dryRun: true } });
		expect(dry.synced[0]).toMatchObject({ action: 'created', dryRun: true });
		expect(sb.zoho.listRecords('Accounts')).toHaveLength(0);
		const real = await run([{ system: 'hubspot', objectType: 'company', objectId: String(co.id) }]);
		expect(real.synced[0].action).toBe('created');
		expect(sb.zoho.listRecords('Accounts')[0]).toMatchObject({ Account_Name: 'Acme Widgets', Billing_City: 'Austin' });
	});
	it('links the Zoho contact to the account of its HubSpot company, creating the account', async () => {
		const co = sb.hubspot.createObject('companies', { name: 'Linked Co', domain: 'linked.example' }, { changeSource: 'CRM_UI' });
		const c = sb.hubspot.createObject('contacts', { email: 'linked@linked.example', firstname: 'Link', lastname: 'Ed' }, { changeSource: 'CRM_UI' });
		const put = await fetch(`${sb.url}/hubspot/crm/v4/objects/contact/${c.id}/associations/default/company/${co.id}`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${sb.hubspot.privateAppToken}` },
		});
		expect(put.status).toBeLessThan(300);
		const { synced, failed } = await run([{ system: 'hubspot', objectType: 'contact', objectId: String(c.id) }]);
		expect(failed).toEqual([]);
		const account = sb.zoho.listRecords('Accounts').find((a: any) => a.Account_Name === 'Linked Co');
		expect(account).toBeDefined();
		const contact = sb.zoho.listRecords('Contacts').find((r: any) => r.Email === 'linked@linked.example');
		expect(contact.Account_Name).toMatchObject({ id: String(account.id) });
		expect(synced.find((s) => s.objectType === 'contact').linkedCompany).toMatchObject({ sourceId: String(co.id), targetId: String(account.id) });
		expect(synced.find((s) => s.objectType === 'company')).toMatchObject({ action: 'created', sourceId: String(co.id) });
	});
	it('renews Zoho notification channels that expire soon, with no traffic, and leaves the others', async () => {
		const token = credentials().z.data.oauthTokenData.access_token;
		const watch = async (channelId: string, hours: number) => {
			const expiry = new Date(Math.floor((Date.now() + hours * 3600_000) / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
			const res = await fetch(`${sb.url}/zoho/crm/v8/actions/watch`, {
				method: 'POST',
				headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ watch: [{ channel_id: channelId, events: ['Contacts.edit'], channel_expiry: expiry, token: 'tok-123', notify_url: 'http://127.0.0.1:9/hook' }] }),
			});
			expect(res.status).toBeLessThan(300);
		};
		await watch('1001', 2);
		await watch('1002', 100);
		const h = createHarness({ credentials: credentials() });
		const r = await h.runWorkflow({
			nodes: [{ name: 'Renew', type: `${PACKAGE_NAME}.syncContactCompany`, parameters: { operation: 'renewZohoChannels', renewWithinHours: 48 }, credentials: { zohoCrmSyncOAuth2Api: { id: 'z', name: 'Zoho' } } }],
			items: [{ json: {} }],
		});
		if (r.error) throw r.error;
		const out = r.output('Renew', 0).map((i) => i.json as any);
		expect(out.find((c) => c.channelId === '1001')).toMatchObject({ renewed: true });
		expect(out.find((c) => c.channelId === '1002')).toMatchObject({ renewed: false });
		const renewed = sb.zoho.listChannels().find((c: any) => String(c.channel_id) === '1001');
		expect(Date.parse(renewed.channel_expiry) - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
		expect(renewed.token).toBe('tok-123');
	});
});
