import {
	clampInstant,
	compareInstants,
	MAX_FUTURE_SKEW_MS,
	newerSide,
	normaliseDomain,
	normalisePhone,
	normaliseValue,
	sameValue,
	toEpochMs,
	toFieldValue,
} from '../../../lib/sync';

describe('normalise', () => {
	it.each([
		['https://www.Acme.com/', 'acme.com'],
		['http://acme.com/about?x=1', 'acme.com'],
		['www.acme.com', 'acme.com'],
		['ACME.com', 'acme.com'],
		['https://shop.acme.co.uk:8443/path', 'shop.acme.co.uk'],
	])('reduces the url %s to the domain %s', (input, expected) => {
		expect(normaliseDomain(input)).toBe(expected);
	});

	it.each([
		['+1 (555) 010-0200', '+15550100200'],
		['555.010.0200', '5550100200'],
		[' +44 20 7946 0958 ', '+442079460958'],
	])('reduces the phone %s to digits with its leading +', (input, expected) => {
		expect(normalisePhone(input)).toBe(expected);
	});

	it('compares emails case- and whitespace-insensitively', () => {
		expect(sameValue('email', ' Jane.Doe@Example.COM ', 'jane.doe@example.com')).toBe(true);
		expect(sameValue('email', 'jane@example.com', 'john@example.com')).toBe(false);
	});

	it('collapses whitespace in text but keeps case as a real difference', () => {
		expect(sameValue('text', '  Jane   Doe ', 'Jane Doe')).toBe(true);
		expect(sameValue('text', 'acme', 'Acme')).toBe(false);
	});

	it('treats empty string, whitespace, null and undefined as the same empty value', () => {
		expect(sameValue('text', '', null)).toBe(true);
		expect(sameValue('text', '   ', undefined)).toBe(true);
		expect(toFieldValue('')).toBeNull();
		expect(normaliseValue('phone', '')).toBeNull();
	});

	it('compares numbers numerically and urls as domains', () => {
		expect(sameValue('number', '1,200', '1200.0')).toBe(true);
		expect(sameValue('url', 'https://www.acme.com/', 'acme.com')).toBe(true);
		expect(sameValue('url', 'https://acme.com', 'acme.org')).toBe(false);
	});

	it('reads Zoho lookups as their name and numbers as strings', () => {
		expect(toFieldValue({ name: 'Acme', id: '42' })).toBe('Acme');
		expect(toFieldValue(250)).toBe('250');
		expect(toFieldValue(null)).toBeNull();
	});
});

describe('time', () => {
	const now = Date.UTC(2024, 0, 15, 10, 0, 0);

	it('converts Zoho offset times and HubSpot UTC times to the same instant', () => {
		expect(toEpochMs('2024-01-15T15:30:00+05:30')).toBe(toEpochMs('2024-01-15T10:00:00.000Z'));
		expect(toEpochMs('1705312800000')).toBe(now);
		expect(toEpochMs('not a date')).toBe(0);
	});

	it('clamps instants more than five minutes in the future to now', () => {
		expect(clampInstant(now + MAX_FUTURE_SKEW_MS + 1, now)).toBe(now);
		expect(clampInstant(now + MAX_FUTURE_SKEW_MS, now)).toBe(now + MAX_FUTURE_SKEW_MS);
		expect(clampInstant(now - 1000, now)).toBe(now - 1000);
	});

	it('compares at second precision because Zoho drops milliseconds', () => {
		expect(compareInstants(now + 900, now + 100)).toBe(0);
		expect(compareInstants(now + 1000, now + 999)).toBe(1);
	});

	it('breaks ties by the fixed tie winner, whichever side is the source', () => {
		const h = { system: 'hubspot' as const, at: now + 200 };
		const z = { system: 'zoho' as const, at: now + 700 };
		expect(newerSide(h, z, now, 'hubspot')).toBe('source');
		expect(newerSide(z, h, now, 'hubspot')).toBe('target');
		expect(newerSide(z, h, now, 'zoho')).toBe('source');
	});

	it('counts a future-dated record as now: it beats older edits and ties with this second by the fixed rule', () => {
		const future = { system: 'zoho' as const, at: now + 24 * 3600 * 1000 };
		const older = { system: 'hubspot' as const, at: now - 60000 };
		const thisSecond = { system: 'hubspot' as const, at: now };
		expect(newerSide(older, future, now, 'hubspot')).toBe('target');
		expect(newerSide(thisSecond, future, now, 'hubspot')).toBe('source');
		expect(newerSide(thisSecond, future, now, 'zoho')).toBe('target');
	});
});
