import {
	evaluateScope,
	isOutOfScopeReason,
	isScopeConfigError,
	normaliseScope,
	runSync,
	scopeFields,
	type ScopeCondition,
	type SyncRecord,
} from '../../../lib/sync';
import { createWorld, fakeClock } from './support/fake-world';

const hubspotContact = (properties: Record<string, unknown>): SyncRecord => ({
	system: 'hubspot',
	objectKind: 'contact',
	id: '1',
	fields: {},
	modifiedAt: 0,
	raw: { id: '1', properties },
});
const zohoAccount = (fields: Record<string, unknown>): SyncRecord => ({ system: 'zoho', objectKind: 'company', id: '9', fields: {}, modifiedAt: 0, raw: { id: '9', ...fields } });
const on = (field: string, operator: ScopeCondition['operator'], value?: string): ScopeCondition => ({ system: 'hubspot', objectKind: 'contact', field, operator, value });
const inScope = (c: ScopeCondition, props: Record<string, unknown>) => evaluateScope(normaliseScope({ conditions: [c] }), hubspotContact(props)).inScope;

describe('sync scope conditions', () => {
	it.each([
		['equals, case-insensitive', on('lifecyclestage', 'equals', 'Customer'), { lifecyclestage: 'customer' }, true],
		['equals, other value', on('lifecyclestage', 'equals', 'customer'), { lifecyclestage: 'lead' }, false],
		['equals, trimmed', on('lifecyclestage', 'equals', ' customer '), { lifecyclestage: 'customer ' }, true],
		['not equals', on('lifecyclestage', 'notEquals', 'lead'), { lifecyclestage: 'customer' }, true],
		['not equals, same value', on('lifecyclestage', 'notEquals', 'LEAD'), { lifecyclestage: 'lead' }, false],
		['not equals, empty field', on('lifecyclestage', 'notEquals', 'lead'), {}, true],
		['contains', on('email', 'contains', '@ACME.com'), { email: 'ann@acme.com' }, true],
		['contains, absent', on('email', 'contains', '@acme.com'), { email: 'ann@other.com' }, false],
		['is set', on('email', 'isSet'), { email: 'a@b.c' }, true],
		['is set, empty string', on('email', 'isSet'), { email: '' }, false],
		['is set, whitespace', on('email', 'isSet'), { email: '   ' }, false],
		['is set, null', on('email', 'isSet'), { email: null }, false],
		['is not set, missing', on('email', 'isNotSet'), {}, true],
		['is not set, present', on('email', 'isNotSet'), { email: 'a@b.c' }, false],
		['in list, comma-separated', on('country', 'inList', 'France, germany,Spain'), { country: 'Germany' }, true],
		['in list, newline-separated', on('country', 'inList', 'France\nGermany'), { country: 'germany' }, true],
		['in list, not in it', on('country', 'inList', 'France, Germany'), { country: 'Italy' }, false],
		['after, ISO instant vs offset', on('createdate', 'after', '2024-01-01T00:00:00+02:00'), { createdate: '2023-12-31T23:00:00Z' }, true],
		['after, same instant is not after', on('createdate', 'after', '2024-01-01T00:00:00Z'), { createdate: '2024-01-01T00:00:00.000Z' }, false],
		['after, epoch-ms string', on('createdate', 'after', '2024-01-01'), { createdate: String(Date.parse('2024-02-01T00:00:00Z')) }, true],
		['before, date only', on('closedate', 'before', '2024-06-01'), { closedate: '2024-05-31' }, true],
		['before, later date', on('closedate', 'before', '2024-06-01'), { closedate: '2024-06-02' }, false],
		['before, no date is out', on('closedate', 'before', '2024-06-01'), {}, false],
		['after, not a date is out', on('closedate', 'after', '2024-06-01'), { closedate: 'soon' }, false],
	])('%s', (_name, condition, props, expected) => {
		expect(inScope(condition, props)).toBe(expected);
	});

	it('reads Zoho lookups by name and multi-selects element by element', () => {
		const scope = normaliseScope({
			conditions: [
				{ system: 'zoho', objectKind: 'company', field: 'Parent_Account', operator: 'equals', value: 'acme holding' },
				{ system: 'zoho', objectKind: 'company', field: 'Regions', operator: 'inList', value: 'EMEA' },
			],
		});
		expect(evaluateScope(scope, zohoAccount({ Parent_Account: { name: 'ACME Holding', id: '5' }, Regions: ['APAC', 'EMEA'] })).inScope).toBe(true);
		expect(evaluateScope(scope, zohoAccount({ Parent_Account: { name: 'Other', id: '6' }, Regions: ['EMEA'] })).inScope).toBe(false);
	});

	it('needs every condition by default and one with combine any; the reason names the conditions', () => {
		const conditions = [on('email', 'isSet'), on('lifecyclestage', 'equals', 'customer')];
		const record = hubspotContact({ email: 'a@b.c', lifecyclestage: 'lead' });
		const all = evaluateScope(normaliseScope({ conditions }), record);
		expect(all).toEqual({ inScope: false, reason: 'out of scope: fails "lifecyclestage equals customer"' });
		expect(isOutOfScopeReason(all.inScope ? undefined : all.reason)).toBe(true);
		expect(evaluateScope(normaliseScope({ conditions, combine: 'any' }), record).inScope).toBe(true);
		const none = evaluateScope(normaliseScope({ conditions, combine: 'any' }), hubspotContact({ lifecyclestage: 'lead' }));
		expect(none).toEqual({ inScope: false, reason: 'out of scope: none of "email is set", "lifecyclestage equals customer"' });
	});

	it('applies a condition only to records of its own CRM and object type', () => {
		const scope = normaliseScope({ conditions: [on('email', 'isSet')] });
		expect(evaluateScope(scope, zohoAccount({})).inScope).toBe(true);
		expect(evaluateScope(scope, { ...hubspotContact({}), objectKind: 'company' }).inScope).toBe(true);
		expect(evaluateScope(scope, hubspotContact({})).inScope).toBe(false);
		expect(scopeFields(scope, 'hubspot', 'contact')).toEqual(['email']);
		expect(scopeFields(scope, 'zoho', 'contact')).toEqual([]);
	});

	it('ignores empty rows and rejects conditions it cannot evaluate, naming the field', () => {
		expect(normaliseScope({ conditions: [on('', 'isSet')] })).toBeUndefined();
		expect(normaliseScope(undefined)).toBeUndefined();
		const bad = (c: ScopeCondition) => {
			try {
				normaliseScope({ conditions: [c] });
			} catch (e) {
				return isScopeConfigError(e) ? `${e.field}: ${e.message}` : 'other error';
			}
			return 'accepted';
		};
		expect(bad(on('closedate', 'after', 'next week'))).toBe('closedate: Sync scope: "next week" is not a date (field closedate)');
		expect(bad(on('email', 'equals', ''))).toBe('email: Sync scope: "email equals" needs a value');
		expect(bad(on('email', 'matches' as ScopeCondition['operator'], 'x'))).toBe('email: Sync scope: "matches" is not an operator (field email)');
		expect(bad({ ...on('', 'equals', 'x') })).toBe(': Sync scope condition 1 names no field');
	});
});

describe('runSync with a scope', () => {
	it('never looks up or writes a source record out of scope, and reports it as an outOfScope skip', async () => {
		const clock = fakeClock();
		const world = createWorld(clock, {});
		const inside = world.put('hubspot', 'contact', { firstname: 'In', lastname: 'Scope', email: 'in@example.com' });
		const outside = world.put('hubspot', 'contact', { firstname: 'Out', lastname: 'Scope', email: '' });
		clock.advance(5000);
		const scope = normaliseScope({ conditions: [on('email', 'isSet')] });
		const result = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [inside, outside] }, { now: clock.now, scope });
		expect(result.failures).toEqual([]);
		const out = result.actions.find((a) => a.sourceId === outside);
		expect(out).toMatchObject({ type: 'skip', outOfScope: true, reason: 'out of scope: fails "email is set"' });
		expect(out?.targetId).toBeUndefined();
		expect(result.actions.find((a) => a.sourceId === inside)).toMatchObject({ type: 'create', applied: true });
		expect(world.stores.zoho.size).toBe(1);
		expect([...world.stores.zoho.values()].map((r) => r.fields.Last_Name)).toEqual(['Scope']);
	});

	it('writes nothing and looks nothing up when every record is out of scope', async () => {
		const clock = fakeClock();
		const world = createWorld(clock, {});
		const ids = [world.put('hubspot', 'contact', { lastname: 'A', email: '' }), world.put('hubspot', 'contact', { lastname: 'B' })];
		clock.advance(5000);
		const result = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids }, { now: clock.now, scope: normaliseScope({ conditions: [on('email', 'isSet')] }) });
		expect(result.actions.map((a) => a.outOfScope)).toEqual([true, true]);
		expect(world.calls).toMatchObject({ readRecords: 1, findTargets: 0, createMany: 0, updateMany: 0 });
	});
});
