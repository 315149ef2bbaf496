// Issue 12 ("Trust"): records that cannot be matched safely are never created twice, and companies that only share a
// name are never merged. Pure planSync/runSync cases over the in-memory fake world.
import { planSync, runSync, type PlanOptions, type SyncRecord, type SystemName, type ObjectKind } from '../../../lib/sync';
import { createWorld, fakeClock } from './support/fake-world';

const T0 = Date.UTC(2024, 0, 15, 10, 0, 0);
const MIN = 60000;
const rec = (system: SystemName, objectKind: ObjectKind, id: string, fields: SyncRecord['fields'], extra: Partial<SyncRecord> = {}): SyncRecord => ({
	system,
	objectKind,
	id,
	fields,
	modifiedAt: T0,
	...extra,
});
const opts = (o: Partial<PlanOptions> = {}): PlanOptions => ({ now: T0 + 10 * MIN, ...o });
const XREF = { hubspotField: 'zoho_id', zohoField: 'HubSpot_ID' };

describe('contacts without an email', () => {
	const noEmail = rec('hubspot', 'contact', '123', { firstName: 'No', lastName: 'Mail' });

	it('fail instead of being created when no cross-reference field is set, saying why and how to fix it', () => {
		const { actions, failures } = planSync({ direction: 'hubspotToZoho', objectKind: 'contact', sources: [noEmail], candidates: [], options: opts() });
		expect(actions).toEqual([]);
		expect(failures).toEqual([
			expect.objectContaining({ recordId: '123', code: 'NO_MATCH_KEY', operation: 'create', retriable: false }),
		]);
		expect(failures[0].error).toBe(
			'HubSpot contact 123: has no email and no cross-reference field is set: cannot be matched safely, so it was not created; ' +
				'set "Zoho Cross-Reference Field" with "Write Cross-Reference IDs" or add an email',
		);
	});

	it('say that the cross-reference field is configured but not written when Write Cross-Reference IDs is off', () => {
		const { failures } = planSync({ direction: 'hubspotToZoho', objectKind: 'contact', sources: [noEmail], candidates: [], options: opts({ xref: XREF }) });
		expect(failures[0].error).toMatch(/cross-reference field HubSpot_ID is not written \(Write Cross-Reference IDs is off\)/);
	});

	it('are created as an upsert keyed on the cross-reference field when it is written', () => {
		const { actions, failures } = planSync({ direction: 'hubspotToZoho', objectKind: 'contact', sources: [noEmail], candidates: [], options: opts({ xref: XREF, writeXref: true }) });
		expect(failures).toEqual([]);
		expect(actions[0]).toMatchObject({ type: 'create', upsertKey: { field: 'HubSpot_ID', value: '123' }, payload: { Last_Name: 'Mail', HubSpot_ID: '123' } });
	});

	it('Zoho -> HubSpot: a Zoho contact without email is not created in HubSpot without a cross-reference', () => {
		const z = rec('zoho', 'contact', 'z1', { lastName: 'Mail' });
		const plain = planSync({ direction: 'zohoToHubspot', objectKind: 'contact', sources: [z], candidates: [], options: opts({ whenMissing: 'create' }) });
		expect(plain.failures[0]).toMatchObject({ code: 'NO_MATCH_KEY', error: expect.stringContaining('"HubSpot Cross-Reference Property"') });
		const keyed = planSync({ direction: 'zohoToHubspot', objectKind: 'contact', sources: [z], candidates: [], options: opts({ whenMissing: 'create', xref: XREF, writeXref: true }) });
		expect(keyed.actions[0]).toMatchObject({ type: 'create', upsertKey: { field: 'zoho_id', value: 'z1' } });
	});

	it('three deliveries (creation, a property change, a reconcile) leave one Zoho contact with the cross-reference, none without', async () => {
		for (const withXref of [false, true]) {
			const clock = fakeClock(T0);
			const world = createWorld(clock, { xref: XREF });
			const id = world.put('hubspot', 'contact', { firstname: 'No', lastname: 'Mail' });
			const options = { now: clock.now, ...(withXref ? { xref: XREF, writeXref: true } : {}) };
			const failures = [];
			for (let n = 0; n < 3; n++) {
				if (n === 1) world.edit('hubspot', id, { jobtitle: 'Edited' });
				failures.push(...(await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [id] }, options)).failures);
				clock.advance(1000);
			}
			expect(world.stores.zoho.size).toBe(withXref ? 1 : 0);
			expect(failures.map((f) => f.code)).toEqual(withXref ? [] : ['NO_MATCH_KEY', 'NO_MATCH_KEY', 'NO_MATCH_KEY']);
		}
	});

	it('concurrent first syncs with the cross-reference field create one Zoho contact (both upsert on it)', async () => {
		const clock = fakeClock(T0);
		const world = createWorld(clock, { xref: XREF });
		const id = world.put('hubspot', 'contact', { firstname: 'No', lastname: 'Mail' });
		const run = () => runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [id] }, { now: clock.now, xref: XREF, writeXref: true });
		const results = await Promise.all([run(), run()]);
		expect(results.flatMap((r) => r.failures)).toEqual([]);
		expect(world.stores.zoho.size).toBe(1);
		expect(new Set(results.map((r) => r.actions[0].targetId)).size).toBe(1);
	});
});

describe('companies that share a name', () => {
	const acme = rec('zoho', 'company', '4000', { name: 'Acme', website: 'https://www.acme.com', phone: '+1 555 0100' });

	it('are not merged when both sides carry domains that differ: Failed as ambiguous, naming both records', () => {
		const source = rec('hubspot', 'company', '11', { name: 'ACME', website: 'acme.de', domain: 'acme.de', phone: '+49 30 1234' });
		const { actions, failures } = planSync({ direction: 'hubspotToZoho', objectKind: 'company', sources: [source], candidates: [acme], options: opts() });
		expect(actions).toEqual([]);
		expect(failures).toEqual([expect.objectContaining({ recordId: '11', code: 'AMBIGUOUS_MATCH', operation: 'match', candidates: ['4000'] })]);
		expect(failures[0].error).toBe(
			"HubSpot company 11: 'ACME' (acme.de) matches Zoho account 4000 'Acme' by name but its website acme.com differs: not merged " +
				'(if they are one company, link them through the cross-reference field)',
		);
	});

	it('still match by name when one side has no domain, and by domain whatever the names', () => {
		const noSite = rec('hubspot', 'company', '12', { name: 'acme' });
		expect(planSync({ direction: 'hubspotToZoho', objectKind: 'company', sources: [noSite], candidates: [acme], options: opts() }).actions[0]).toMatchObject({ targetId: '4000', matchedBy: 'name' });
		const renamed = rec('hubspot', 'company', '13', { name: 'Acme Corporation', domain: 'acme.com' });
		expect(planSync({ direction: 'hubspotToZoho', objectKind: 'company', sources: [renamed], candidates: [acme], options: opts() }).actions[0]).toMatchObject({ targetId: '4000', matchedBy: 'domain' });
	});

	it('a same-name account with another domain does not hide the one without a domain', () => {
		const bare = rec('zoho', 'company', '4001', { name: 'ACME' });
		const source = rec('hubspot', 'company', '11', { name: 'Acme', domain: 'acme.de' });
		expect(planSync({ direction: 'hubspotToZoho', objectKind: 'company', sources: [source], candidates: [acme, bare], options: opts() }).actions[0]).toMatchObject({ targetId: '4001', matchedBy: 'name' });
	});

	it('HubSpot "Acme" (acme.com) then "ACME" (acme.de): one Zoho account, its website and phone untouched, the second Failed', async () => {
		const clock = fakeClock(T0);
		const world = createWorld(clock);
		const first = world.put('hubspot', 'company', { name: 'Acme', domain: 'acme.com', phone: '+1 555 0100' });
		clock.advance(MIN);
		const second = world.put('hubspot', 'company', { name: 'ACME', domain: 'acme.de', phone: '+49 30 1234' });
		clock.advance(MIN);
		await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'company', ids: [first] }, { now: clock.now });
		const r = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'company', ids: [second] }, { now: clock.now });
		const accounts = [...world.stores.zoho.values()];
		expect(accounts).toHaveLength(1);
		expect(accounts[0].fields).toMatchObject({ Account_Name: 'Acme', Website: 'acme.com', Phone: '+1 555 0100' });
		expect(r.failures[0]).toMatchObject({ recordId: second, code: 'AMBIGUOUS_MATCH' });
	});

	it('account creates never upsert on Account_Name: an insert, or an upsert keyed on the cross-reference field', () => {
		const source = rec('hubspot', 'company', '11', { name: 'ACME', domain: 'acme.de' });
		const plain = planSync({ direction: 'hubspotToZoho', objectKind: 'company', sources: [source], candidates: [], options: opts() });
		expect(plain.actions[0].type).toBe('create');
		expect(plain.actions[0].upsertKey).toBeUndefined();
		const keyed = planSync({ direction: 'hubspotToZoho', objectKind: 'company', sources: [source], candidates: [], options: opts({ xref: XREF, writeXref: true }) });
		expect(keyed.actions[0].upsertKey).toEqual({ field: 'HubSpot_ID', value: '11' });
	});
});

describe('Zoho -> HubSpot company creates (HubSpot search lags writes)', () => {
	const account = rec('zoho', 'company', 'z7', { name: 'Initech', website: 'initech.com' });

	it('fail without a unique key in HubSpot instead of creating a second company inside the search delay', () => {
		const { actions, failures } = planSync({ direction: 'zohoToHubspot', objectKind: 'company', sources: [account], candidates: [], options: opts({ whenMissing: 'create' }) });
		expect(actions).toEqual([]);
		expect(failures[0]).toMatchObject({ recordId: 'z7', code: 'NO_MATCH_KEY' });
		expect(failures[0].error).toMatch(/^Zoho account z7: has no unique key in HubSpot .*set "HubSpot Cross-Reference Property" with "Write Cross-Reference IDs"$/);
	});

	it('upsert on the cross-reference property (idProperty) when it is written', () => {
		const { actions } = planSync({ direction: 'zohoToHubspot', objectKind: 'company', sources: [account], candidates: [], options: opts({ whenMissing: 'create', xref: XREF, writeXref: true }) });
		expect(actions[0]).toMatchObject({ type: 'create', upsertKey: { field: 'zoho_id', value: 'z7' }, payload: { name: 'Initech', zoho_id: 'z7' } });
	});
});
