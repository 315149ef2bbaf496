import {
	hubspotEventKey,
	normaliseHubspotEvent,
	parseHubspotWebhookBody,
	selectHubspotEvents,
} from '../../../lib/hubspot/webhook-events';
import { seenStateIn } from '../../../lib/webhooks/seen-set';

const event = (over: Record<string, unknown> = {}) => ({
	eventId: 1, subscriptionId: 12345, portalId: 62515, occurredAt: 1564113600000, subscriptionType: 'contact.creation',
	attemptNumber: 0, objectId: 123, changeSource: 'CRM', changeFlag: 'NEW', appId: 54321, ...over,
});
const ALL = ['contact.creation', 'company.creation', 'contact.propertyChange', 'company.propertyChange', 'contact.deletion', 'company.deletion'];

describe('parseHubspotWebhookBody', () => {
	it('parses an array of events', () => {
		const r = parseHubspotWebhookBody(Buffer.from(JSON.stringify([event()])));
		expect(r).toEqual({ ok: true, events: [expect.objectContaining({ objectId: 123 })] });
	});
	it('rejects invalid JSON, a non-array and more than 100 events', () => {
		expect(parseHubspotWebhookBody('{nope')).toEqual({ ok: false, reason: 'invalid-json' });
		expect(parseHubspotWebhookBody(JSON.stringify(event()))).toEqual({ ok: false, reason: 'not-array' });
		const many = JSON.stringify(Array.from({ length: 101 }, (_, i) => event({ eventId: i })));
		expect(parseHubspotWebhookBody(many)).toEqual({ ok: false, reason: 'too-many-events' });
	});
	it('keeps every digit of ids above 2^53', () => {
		const r = parseHubspotWebhookBody('[{"objectId":12345678901234567891,"eventId":98765432109876543210,"subscriptionType":"contact.creation"}]');
		expect(r.ok && normaliseHubspotEvent(r.events[0])).toMatchObject({ objectId: '12345678901234567891', eventId: '98765432109876543210' });
	});
});

describe('normaliseHubspotEvent', () => {
	it('normalises a classic property change', () => {
		expect(
			normaliseHubspotEvent(event({ subscriptionType: 'company.propertyChange', propertyName: 'domain', propertyValue: 'a.test', sourceId: 'userId:4' })),
		).toEqual({
			system: 'hubspot', objectType: 'company', objectId: '123', eventType: 'propertyChange', subscriptionType: 'company.propertyChange',
			occurredAt: '2019-07-26T04:00:00.000Z', eventId: '1', portalId: '62515', appId: '54321', subscriptionId: '12345',
			changeSource: 'CRM', sourceId: 'userId:4', propertyName: 'domain', propertyValue: 'a.test', attemptNumber: 0,
		});
	});
	it('accepts eventType in place of subscriptionType', () => {
		expect(normaliseHubspotEvent(event({ subscriptionType: undefined, eventType: 'contact.deletion' }))).toMatchObject({ objectType: 'contact', eventType: 'deletion' });
	});
	it('maps generic object.* events by objectTypeId 0-1 and 0-2 and ignores other objects', () => {
		expect(normaliseHubspotEvent(event({ subscriptionType: 'object.creation', objectTypeId: '0-1' }))).toMatchObject({ objectType: 'contact', eventType: 'creation' });
		expect(normaliseHubspotEvent(event({ subscriptionType: 'object.propertyChange', objectTypeId: '0-2' }))).toMatchObject({ objectType: 'company', eventType: 'propertyChange' });
		expect(normaliseHubspotEvent(event({ subscriptionType: 'object.creation', objectTypeId: '0-3' }))).toBeUndefined();
		expect(normaliseHubspotEvent(event({ subscriptionType: 'deal.creation' }))).toBeUndefined();
		expect(normaliseHubspotEvent(event({ subscriptionType: undefined }))).toBeUndefined();
	});
});

describe('selectHubspotEvents', () => {
	it('turns a batch of 100 distinct events into 100 events', () => {
		const raw = Array.from({ length: 100 }, (_, i) => event({ eventId: i, objectId: 1000 + i }));
		const { events, stats } = selectHubspotEvents(raw, { events: ALL });
		expect(events).toHaveLength(100);
		expect(stats).toMatchObject({ received: 100, emitted: 100, duplicates: 0 });
	});
	it('keeps only the selected event types', () => {
		const raw = [event(), event({ subscriptionType: 'company.creation', eventId: 2 }), event({ subscriptionType: 'contact.deletion', eventId: 3 })];
		const { events, stats } = selectHubspotEvents(raw, { events: ['contact.creation', 'company.creation'] });
		expect(events.map((e) => `${e.objectType}.${e.eventType}`)).toEqual(['contact.creation', 'company.creation']);
		expect(stats.filtered).toBe(1);
	});
	it('keeps property changes only for the listed properties', () => {
		const change = (propertyName: string, eventId: number) => event({ subscriptionType: 'contact.propertyChange', propertyName, eventId });
		const { events } = selectHubspotEvents([change('email', 1), change('phone', 2)], { events: ALL, properties: ['email'] });
		expect(events.map((e) => e.propertyName)).toEqual(['email']);
	});
	it('drops a duplicate inside one batch', () => {
		const { events, stats } = selectHubspotEvents([event(), event()], { events: ALL });
		expect(events).toHaveLength(1);
		expect(stats.duplicates).toBe(1);
	});
	it('drops a replayed event across deliveries via the seen record, even with a new attemptNumber', () => {
		const holder: Record<string, unknown> = {};
		expect(selectHubspotEvents([event()], { events: ALL, seen: seenStateIn(holder) }).events).toHaveLength(1);
		const again = selectHubspotEvents([event({ attemptNumber: 1 })], { events: ALL, seen: seenStateIn(holder) });
		expect(again.events).toHaveLength(0);
		expect(again.stats.duplicates).toBe(1);
	});
	it('does not treat equal eventIds with other occurredAt or property as duplicates', () => {
		const raw = [event(), event({ occurredAt: 1564113600001 }), event({ subscriptionType: 'contact.propertyChange', propertyName: 'email' })];
		expect(selectHubspotEvents(raw, { events: ALL }).events).toHaveLength(3);
	});
	it('caps the seen record', () => {
		const holder: Record<string, unknown> = {};
		const raw = Array.from({ length: 20 }, (_, i) => event({ eventId: i }));
		selectHubspotEvents(raw, { events: ALL, seen: seenStateIn(holder), seenCap: 5 });
		expect(seenStateIn(holder).keys).toHaveLength(5);
	});
	it('drops our own integration writes by app id, and by a user-given sourceId list', () => {
		const raw = [
			event({ eventId: 1, changeSource: 'INTEGRATION', sourceId: '999' }),
			event({ eventId: 2, changeSource: 'API', sourceId: 'appId:999' }),
			event({ eventId: 3, changeSource: 'CRM_UI', sourceId: '999' }),
			event({ eventId: 4, changeSource: 'IMPORT', sourceId: 'userId:7' }),
			event({ eventId: 5, changeSource: 'INTEGRATION', sourceId: '1000' }),
		];
		const { events, stats } = selectHubspotEvents(raw, { events: ALL, dropOwnChanges: true, ownAppId: '999', ownSourceIds: ['userId:7'] });
		expect(events.map((e) => e.eventId)).toEqual(['3', '5']);
		expect(stats.ownChanges).toBe(3);
		expect(selectHubspotEvents(raw, { events: ALL, ownAppId: '999' }).events).toHaveLength(5);
	});
	it('builds the dedupe key from portal, type, object, event id, time and property', () => {
		const e = normaliseHubspotEvent(event({ subscriptionType: 'contact.propertyChange', propertyName: 'email' }));
		expect(e && hubspotEventKey(e)).toBe('62515|contact.propertyChange|123|1|2019-07-26T04:00:00.000Z|email');
	});
});
