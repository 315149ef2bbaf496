import { normaliseHubspotEvent } from '../../../lib/hubspot/webhook-events';
import { groupHandOffs, linkUnchangedOf, parseHandOff, type HandOff } from '../../../lib/sync-adapters/hand-off';
import { normaliseZohoNotification } from '../../../lib/zoho/notification-events';

// Items exactly as the two triggers emit them (their own normalisers), then read back as sync requests.
const hubspotItem = (subscriptionType: string, objectId: number, extra: Record<string, unknown> = {}) =>
	({ ...normaliseHubspotEvent({ subscriptionType, objectId, eventId: 1, occurredAt: 1_700_000_000_000, ...extra }) }) as Record<string, unknown>;
const zohoItem = (module: string, operation: string, id: string, affected?: string[]) =>
	({ ...normaliseZohoNotification({ module, operation, ids: [id], ...(affected ? { affected_fields: [{ [id]: affected }] } : {}), channel_id: '7' }, () => 0)[0] }) as Record<string, unknown>;
const fromEvent = (recordId: unknown) => ({ direction: 'fromEvent', objectKind: 'fromEvent', recordId });

describe('trigger -> Sync hand-off', () => {
	it('reads a HubSpot property change as HubSpot -> Zoho with the company link unchanged', () => {
		const item = hubspotItem('contact.propertyChange', 101, { propertyName: 'firstname', propertyValue: 'Ann' });
		expect(parseHandOff(item, fromEvent(item.objectId), 0)).toEqual({ ok: true, request: { direction: 'hubspotToZoho', objectKind: 'contact', recordId: '101', linkUnchanged: true } });
	});

	it('carries the new email of a HubSpot contact email change as a hint, only for that contact', () => {
		const change = (extra: Record<string, unknown>, subscription = 'contact.propertyChange') => hubspotItem(subscription, 101, { propertyName: 'email', propertyValue: 'ann@example.com', ...extra });
		const hintOf = (item: Record<string, unknown>, recordId: unknown = item.objectId) => {
			const r = parseHandOff(item, fromEvent(recordId), 0);
			return r.ok ? r.request.emailHint : 'refused';
		};
		expect(hintOf(change({}))).toBe('ann@example.com');
		expect(hintOf(change({ propertyName: 'firstname' }))).toBeUndefined();
		expect(hintOf(change({ propertyValue: '' }))).toBeUndefined();
		expect(hintOf(change({}, 'company.propertyChange'))).toBeUndefined();
		expect(hintOf(hubspotItem('contact.creation', 101))).toBeUndefined();
		const creation = parseHandOff(hubspotItem('contact.creation', 101), fromEvent('101'), 0);
		expect(creation.ok && creation.request.created).toBe(true);
		// a Record ID expression naming another record: the event's value is not that record's
		expect(hintOf(change({}), '202')).toBeUndefined();
		expect(hintOf({ ...change({}), system: 'zoho' }, '101')).toBeUndefined();
	});

	it('checks the link for HubSpot creations, association changes and property changes without a property name', () => {
		for (const item of [hubspotItem('contact.creation', 1), hubspotItem('contact.associationChange', 1), hubspotItem('contact.propertyChange', 1)]) {
			expect(linkUnchangedOf(item)).toBe(false);
		}
	});

	it('reads a generic HubSpot company subscription (object.*, 0-2) as a company', () => {
		const item = hubspotItem('object.creation', 5, { objectTypeId: '0-2' });
		expect(parseHandOff(item, fromEvent(item.objectId), 0)).toEqual({ ok: true, request: { direction: 'hubspotToZoho', objectKind: 'company', recordId: '5', linkUnchanged: false } });
	});

	it('reads a Zoho edit that leaves Account_Name alone as Zoho -> HubSpot with the link unchanged; one that touches it is checked', () => {
		const mobile = zohoItem('Contacts', 'update', '9001', ['Mobile']);
		expect(parseHandOff(mobile, fromEvent(mobile.objectId), 3)).toEqual({ ok: true, request: { direction: 'zohoToHubspot', objectKind: 'contact', recordId: '9001', linkUnchanged: true } });
		expect(linkUnchangedOf(zohoItem('Contacts', 'update', '9001', ['Mobile', 'Account_Name']))).toBe(false);
		expect(linkUnchangedOf({ system: 'zoho', operation: 'edit', affectedFields: ['Email'] })).toBe(true);
	});

	it('checks the link for Zoho inserts and for edits whose affected fields Zoho did not list', () => {
		expect(linkUnchangedOf(zohoItem('Contacts', 'insert', '1', ['Mobile']))).toBe(false);
		expect(linkUnchangedOf(zohoItem('Contacts', 'update', '1'))).toBe(false);
		expect(linkUnchangedOf({ objectId: '1' })).toBe(false);
	});

	it('reads a Zoho Accounts item as a company (module and objectType alike), plural and account spellings too', () => {
		const account = zohoItem('Accounts', 'update', '77', ['Phone']);
		expect(parseHandOff(account, fromEvent('77'), 0)).toMatchObject({ ok: true, request: { direction: 'zohoToHubspot', objectKind: 'company' } });
		expect(parseHandOff({ system: 'zoho', module: 'Accounts' }, fromEvent('77'), 0)).toMatchObject({ ok: true, request: { objectKind: 'company' } });
		for (const objectType of ['Companies', 'account', 'ACCOUNTS']) expect(parseHandOff({ system: 'hubspot', objectType }, fromEvent('1'), 0)).toMatchObject({ ok: true, request: { objectKind: 'company' } });
	});

	it('lets explicit Direction and Object parameters win over the item', () => {
		const item = zohoItem('Contacts', 'update', '5', ['Mobile']);
		expect(parseHandOff(item, { direction: 'hubspotToZoho', objectKind: 'company', recordId: 42 }, 0)).toEqual({ ok: true, request: { direction: 'hubspotToZoho', objectKind: 'company', recordId: '42', linkUnchanged: true } });
	});

	it('refuses an item of unknown origin, naming the field and the item', () => {
		expect(parseHandOff({ system: 'salesforce', objectType: 'contact' }, fromEvent('1'), 4)).toEqual({
			ok: false,
			recordId: '1',
			problem: 'Cannot tell the direction of item 4: its "system" field is "salesforce" (expected hubspot or zoho). Set Direction explicitly.',
		});
		expect(parseHandOff({ system: 'hubspot', objectType: 'deal' }, fromEvent('1'), 2)).toEqual({
			ok: false,
			recordId: '1',
			problem: 'Cannot tell the object type of item 2: its "objectType" field is "deal" (expected contact or company). Set Object explicitly.',
		});
	});

	it('refuses an empty record id and one that is not a single id (array, object), keeping the direction and object it could read', () => {
		expect(parseHandOff({ system: 'hubspot', objectType: 'contact' }, fromEvent('  '), 1)).toEqual({ ok: false, recordId: '', problem: 'Item 1 has no record ID (the Record ID parameter evaluated to an empty value).' });
		expect(parseHandOff({ system: 'hubspot', objectType: 'contact' }, fromEvent(['123']), 0)).toEqual({
			ok: false,
			recordId: '["123"]',
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			problem: 'Record ID must be a single id, got ["123"] (item 0): check the Record ID expression',
		});
		const long = parseHandOff({}, fromEvent({ id: 'x'.repeat(100) }), 0);
		expect(long).toMatchObject({ ok: false, recordId: `{"id":"${'x'.repeat(70)}...` });
		expect(parseHandOff({}, fromEvent(Number.NaN), 0)).toMatchObject({ ok: false, recordId: 'null' });
	});
});

describe('grouping hand-offs into batches', () => {
	const req = (direction: HandOff['direction'], objectKind: HandOff['objectKind'], recordId: string, linkUnchanged = false) => ({ direction, objectKind, recordId, linkUnchanged });

	it('makes one group per direction and object in order of first appearance; duplicate ids collapse, keeping every item index', () => {
		const groups = groupHandOffs([
			{ request: req('zohoToHubspot', 'contact', 'z1'), index: 0 },
			{ request: req('hubspotToZoho', 'contact', 'h1'), index: 1 },
			{ request: req('zohoToHubspot', 'contact', 'z1'), index: 2 },
			{ request: req('zohoToHubspot', 'company', 'a1'), index: 3 },
		]);
		expect(groups.map((g) => [g.direction, g.objectKind, [...g.items]])).toEqual([
			['zohoToHubspot', 'contact', [['z1', [0, 2]]]],
			['hubspotToZoho', 'contact', [['h1', [1]]]],
			['zohoToHubspot', 'company', [['a1', [3]]]],
		]);
	});

	it('skips the link check of a record only when every item naming it says the link is unchanged, in any order', () => {
		const both = (first: boolean, second: boolean) =>
			groupHandOffs([
				{ request: req('hubspotToZoho', 'contact', 'h1', first), index: 0 },
				{ request: req('hubspotToZoho', 'contact', 'h1', second), index: 1 },
			])[0].linkUnchanged;
		expect([...both(true, true)]).toEqual(['h1']);
		expect([...both(true, false)]).toEqual([]);
		expect([...both(false, true)]).toEqual([]);
		expect([...both(false, false)]).toEqual([]);
	});

	it('collects the email hints of the contacts created in the same run, in any item order', () => {
		const groups = groupHandOffs([
			{ request: { ...req('hubspotToZoho', 'contact', 'h1'), emailHint: 'a@example.com' }, index: 0 },
			{ request: { ...req('hubspotToZoho', 'contact', 'h1'), created: true }, index: 1 },
			{ request: { ...req('hubspotToZoho', 'contact', 'h2'), created: true }, index: 2 },
			{ request: { ...req('hubspotToZoho', 'contact', 'h2'), emailHint: 'b@example.com' }, index: 3 },
			// an email change of an existing contact: no hint
			{ request: { ...req('hubspotToZoho', 'contact', 'h3'), emailHint: 'c@example.com' }, index: 4 },
			{ request: req('zohoToHubspot', 'contact', 'z1'), index: 5 },
		]);
		expect(groups.map((g) => [...g.emailHints])).toEqual([['a@example.com', 'b@example.com'], []]);
	});
});
