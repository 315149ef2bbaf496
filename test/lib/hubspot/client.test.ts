/* eslint-disable @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import { isCrmRecordError, isHttpError } from '../../../lib/http';
import { HubspotClient, isHubspotConflictError } from '../../../lib/hubspot';
import { count, startHarness, type Harness } from './sandbox-client';

describe('HubspotClient against the sandbox', () => {
	let h: Harness;
	let client: HubspotClient;

	beforeEach(async () => {
		h = await startHarness({ searchLagMs: 1000 });
		client = h.client();
	});
	afterEach(() => h.close());

	const emails = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`);

	it('reads 100 contacts by email in one batch call and reports the missing ones', async () => {
		h.sandbox.hubspot.loadSeed({ contacts: emails(98).map((email) => ({ properties: { email } })) });
		h.sandbox.core.resetLog();
		const wanted = [...emails(98), 'nobody@example.com', 'ghost@example.com'];
		const out = await client.batchRead('contacts', wanted, { idProperty: 'email', properties: ['email', 'firstname'] });
		expect(out.results).toHaveLength(98);
		expect(out.missing.sort()).toEqual(['ghost@example.com', 'nobody@example.com']);
		expect(count(h.sandbox, 'POST', '/batch/read')).toBe(1);
		expect(h.sandbox.core.totalCalls()).toBe(1);
	});

	it('splits 101 ids into two batch reads of at most 100', async () => {
		await client.batchRead('contacts', emails(101), { idProperty: 'email' });
		expect(count(h.sandbox, 'POST', '/batch/read')).toBe(2);
	});

	it('upserts 100 contacts by email in one call, flagging the created ones', async () => {
		h.sandbox.hubspot.loadSeed({ contacts: [{ properties: { email: 'p0@example.com', firstname: 'Old' } }] });
		h.sandbox.core.resetLog();
		const out = await client.batchUpsert('contacts', emails(100).map((id, i) => ({ id, properties: { firstname: `N${i}` } })));
		expect(count(h.sandbox, 'POST', '/batch/upsert')).toBe(1);
		expect(out.errors).toEqual([]);
		expect(out.outcomes).toHaveLength(100);
		expect(out.outcomes[0]).toMatchObject({ ok: true, created: false, record: { properties: { firstname: 'N0' } } });
		expect(out.outcomes[1]).toMatchObject({ ok: true, created: true });
		expect(h.sandbox.hubspot.listObjects('contacts')).toHaveLength(100);
	});

	it('creates 100 companies in one call', async () => {
		const out = await client.batchCreate('companies', Array.from({ length: 100 }, (_, i) => ({ properties: { name: `Co ${i}`, domain: `co${i}.example` } })));
		expect(out.records).toHaveLength(100);
		expect(count(h.sandbox, 'POST', '/batch/create')).toBe(1);
	});

	it('returns per-input errors from a 207 batch and writes the valid inputs', async () => {
		h.sandbox.hubspot.loadSeed({ contacts: [{ id: '551', properties: { email: 'taken@example.com' } }] });
		const out = await client.batchCreate('contacts', [
			{ properties: { email: 'ok@example.com' } },
			{ properties: { email: 'taken@example.com' } },
			{ properties: { email: 'x@example.com', lifecyclestage: 'Customer' } },
		]);
		expect(out.outcomes.map((o) => o.ok)).toEqual([true, false, false]);
		const [conflict, badOption] = out.errors;
		expect(isCrmRecordError(conflict)).toBe(true);
		expect(conflict).toMatchObject({ system: 'hubspot', code: 'CONFLICT', recordId: '551' });
		expect(badOption).toMatchObject({ code: 'INVALID_OPTION', field: 'lifecyclestage' });
		expect(h.sandbox.hubspot.listObjects('contacts').map((c: any) => c.properties.email).sort()).toEqual(['ok@example.com', 'taken@example.com']);
	});

	it('reports a missing id in a batch update as that input failing with OBJECT_NOT_FOUND', async () => {
		const { contacts } = h.sandbox.hubspot.loadSeed({ contacts: [{ properties: { email: 'a@example.com' } }] });
		const out = await client.batchUpdate('contacts', [
			{ id: contacts[0], properties: { firstname: 'Ann' } },
			{ id: '999999', properties: { firstname: 'Nobody' } },
		]);
		expect(out.outcomes[0]).toMatchObject({ ok: true, record: { properties: { firstname: 'Ann' } } });
		expect(out.outcomes[1]).toMatchObject({ ok: false, error: { code: 'OBJECT_NOT_FOUND', recordId: '999999' } });
	});

	it('exposes the existing id when creating a contact whose email exists (409 CONFLICT)', async () => {
		h.sandbox.hubspot.loadSeed({ contacts: [{ id: '551', properties: { email: 'dup@example.com' } }] });
		const error = await client.createObject('contacts', { properties: { email: 'DUP@example.com' } }).catch((e) => e);
		expect(isHubspotConflictError(error)).toBe(true);
		expect(isHttpError(error)).toBe(true);
		expect(error.existingId).toBe('551');
		expect(error.message).toContain('CONFLICT');
	});

	it('cannot find a fresh write through search (eventual consistency) but can by idProperty=email', async () => {
		await client.createObject('contacts', { properties: { email: 'fresh@example.com' } });
		const filter = { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as const, value: 'fresh@example.com' }] }] };
		expect((await client.search('contacts', filter)).total).toBe(0);
		expect(await client.getObject('contacts', 'fresh@example.com', { idProperty: 'email' })).toMatchObject({ properties: { email: 'fresh@example.com' } });
		expect((await client.batchRead('contacts', ['fresh@example.com'], { idProperty: 'email' })).results).toHaveLength(1);
		h.clock.advance(1001);
		expect((await client.search('contacts', filter)).total).toBe(1);
	});

	it('rejects an enumeration label instead of its internal value with INVALID_OPTION, naming the field', async () => {
		const { companies } = h.sandbox.hubspot.loadSeed({ companies: [{ properties: { name: 'Acme' } }] });
		const error = await client.updateObject('companies', companies[0], { industry: 'Computer Software' }).catch((e) => e);
		expect(isHttpError(error)).toBe(true);
		expect(error.statusCode).toBe(400);
		expect(error.message).toContain('VALIDATION_ERROR (INVALID_OPTION on industry)');
		await expect(client.updateObject('companies', companies[0], { industry: 'COMPUTER_SOFTWARE' })).resolves.toMatchObject({ properties: { industry: 'COMPUTER_SOFTWARE' } });
	});

	it('rejects an unknown property with PROPERTY_DOESNT_EXIST', async () => {
		const { contacts } = h.sandbox.hubspot.loadSeed({ contacts: [{ properties: { email: 'a@example.com' } }] });
		const out = await client.batchUpdate('contacts', [{ id: contacts[0], properties: { favourite_colour: 'blue' } }]);
		expect(out.errors[0]).toMatchObject({ code: 'PROPERTY_DOESNT_EXIST', field: 'favourite_colour' });
	});

	it('clears a property when sent an empty string', async () => {
		const { contacts } = h.sandbox.hubspot.loadSeed({ contacts: [{ properties: { email: 'a@example.com', phone: '+1 555 0100' } }] });
		await client.updateObject('contacts', contacts[0], { phone: '' });
		const got = await client.getObject('contacts', contacts[0], { properties: ['phone'] });
		expect(got?.properties.phone).toBeNull();
	});

	it('keeps lifecyclestage from moving backwards unless it is cleared first', async () => {
		const { contacts } = h.sandbox.hubspot.loadSeed({ contacts: [{ properties: { email: 'a@example.com', lifecyclestage: 'customer' } }] });
		await client.updateObject('contacts', contacts[0], { lifecyclestage: 'lead' });
		expect((await client.getObject('contacts', contacts[0], { properties: ['lifecyclestage'] }))?.properties.lifecyclestage).toBe('customer');
		await client.updateObject('contacts', contacts[0], { lifecyclestage: '' });
		await client.updateObject('contacts', contacts[0], { lifecyclestage: 'lead' });
		expect((await client.getObject('contacts', contacts[0], { properties: ['lifecyclestage'] }))?.properties.lifecyclestage).toBe('lead');
	});

	it('returns property history newest first with sourceType API for token writes and CRM_UI for UI edits', async () => {
		const created = h.sandbox.hubspot.createObject('contacts', { email: 'h@example.com', phone: '1' });
		h.clock.advance(5000);
		await client.updateObject('contacts', created.id, { phone: '2' });
		const got = await client.getObject('contacts', created.id, { propertiesWithHistory: ['phone'] });
		const history = got?.propertiesWithHistory?.phone ?? [];
		expect(history.map((e) => [e.value, e.sourceType])).toEqual([['2', 'API'], ['1', 'CRM_UI']]);
		expect(history[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(Date.parse(got!.updatedAt)).toBe(h.clock.now());
		expect(got?.properties.lastmodifieddate).toBe(got?.updatedAt);
	});

	it('refuses to upsert companies by domain (not unique) but upserts by a unique custom property', async () => {
		const byDomain = await client.batchUpsert('companies', [{ id: 'acme.example', idProperty: 'domain', properties: { name: 'Acme' } }]);
		expect(byDomain.errors[0]).toMatchObject({ code: 'VALIDATION_ERROR' });
		expect(byDomain.errors[0].message).toContain('idProperty');
		const byXref = await client.batchUpsert('companies', [{ id: 'zoho-1', idProperty: 'zoho_account_id', properties: { name: 'Acme' } }]);
		expect(byXref.outcomes[0]).toMatchObject({ ok: true, created: true, record: { properties: { name: 'Acme' } } });
	});

	it('pages search results 200 at a time', async () => {
		h.sandbox.hubspot.loadSeed({ companies: Array.from({ length: 250 }, (_, i) => ({ properties: { name: `Co ${i}`, city: 'Berlin' } })) });
		h.clock.advance(2000);
		h.sandbox.core.resetLog();
		const all = await client.searchAll('companies', { filterGroups: [{ filters: [{ propertyName: 'city', operator: 'EQ', value: 'berlin' }] }], properties: ['name'] });
		expect(all.results).toHaveLength(250);
		expect(all.truncated).toBe(false);
		expect(count(h.sandbox, 'POST', '/search')).toBe(2);
		const capped = await client.searchAll('companies', {}, { maxPages: 1 });
		expect(capped).toMatchObject({ truncated: true, total: 250 });
	});

	it('filters search with IN, BETWEEN, HAS_PROPERTY and CONTAINS_TOKEN and sorts descending', async () => {
		h.sandbox.hubspot.loadSeed({
			companies: [
				{ properties: { name: 'Alpha Labs', numberofemployees: '10' } },
				{ properties: { name: 'Beta Works', numberofemployees: '50', domain: 'beta.example' } },
				{ properties: { name: 'Gamma Labs', numberofemployees: '500' } },
			],
		});
		h.clock.advance(2000);
		const names = async (filters: any[], sorts?: string[]) =>
			(await client.search('companies', { filterGroups: [{ filters }], properties: ['name'], sorts })).results.map((r) => r.properties.name);
		expect(await names([{ propertyName: 'numberofemployees', operator: 'BETWEEN', value: '20', highValue: '600' }], ['-numberofemployees'])).toEqual(['Gamma Labs', 'Beta Works']);
		expect(await names([{ propertyName: 'name', operator: 'CONTAINS_TOKEN', value: 'labs' }])).toEqual(['Alpha Labs', 'Gamma Labs']);
		expect(await names([{ propertyName: 'domain', operator: 'HAS_PROPERTY' }])).toEqual(['Beta Works']);
		expect(await names([{ propertyName: 'name', operator: 'IN', values: ['alpha labs', 'beta works'] }])).toEqual(['Alpha Labs', 'Beta Works']);
	});

	it('links a contact to a company with the default v4 association and lists it', async () => {
		const { contacts, companies } = h.sandbox.hubspot.loadSeed({ contacts: [{ properties: { email: 'a@example.com' } }], companies: [{ properties: { name: 'Acme' } }] });
		await client.associateContactToCompany(contacts[0], companies[0]);
		expect(await client.listContactCompanyIds(contacts[0])).toEqual([companies[0]]);
		const got = await client.getObject('contacts', contacts[0], { associations: ['companies'] });
		expect(got?.associations?.companies.results[0]).toEqual({ id: companies[0], type: 'contact_to_company_unlabeled' });
	});

	it('links pairs in one batch call and reports pairs with a missing record', async () => {
		const { contacts, companies } = h.sandbox.hubspot.loadSeed({
			contacts: [{ properties: { email: 'a@example.com' } }, { properties: { email: 'b@example.com' } }],
			companies: [{ properties: { name: 'Acme' } }],
		});
		h.sandbox.core.resetLog();
		const out = await client.batchAssociate([
			{ contactId: contacts[0], companyId: companies[0] },
			{ contactId: contacts[1], companyId: '424242' },
		]);
		expect(out.linked).toEqual([{ contactId: contacts[0], companyId: companies[0] }]);
		expect(out.failed).toMatchObject([{ contactId: contacts[1], companyId: '424242' }]);
		expect(h.sandbox.core.totalCalls()).toBe(1);
	});

	it('reads account details for the credential test', async () => {
		await expect(client.getAccountInfo()).resolves.toMatchObject({ portalId: 62515, uiDomain: 'app.hubspot.com' });
	});

	it('never puts the token into an error message', async () => {
		const bad = h.client({}, { getToken: () => 'pat-na1-secret-token-value' });
		const error = await bad.getAccountInfo().catch((e) => e);
		expect(error.statusCode).toBe(401);
		expect(error.message).toContain('INVALID_AUTHENTICATION');
		expect(error.message).not.toContain('secret-token-value');
		expect(JSON.stringify(error)).not.toContain('secret-token-value');
	});
});
