import {
	decideField,
	resolveMappings,
	summariseMerge,
	type FieldEdit,
	type FieldMapping,
	type SyncRecord,
	type SystemName,
} from '../../../lib/sync';

const T0 = Date.UTC(2024, 0, 15, 10, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;
const phone = resolveMappings('contact').find((m) => m.field === 'phone') as FieldMapping;

const person = (value: string, at: number, previous?: string): FieldEdit => ({ value, at, byApi: false, ...(previous ? { previous } : {}) });
const copy = (value: string, at: number, previous?: string): FieldEdit => ({ ...person(value, at, previous), byApi: true });

function side(system: SystemName, value: string, modifiedAt: number, history?: FieldEdit[] | 'read-empty'): SyncRecord {
	return {
		system,
		objectKind: 'contact',
		id: system === 'hubspot' ? 'h1' : 'z1',
		fields: { phone: value },
		modifiedAt,
		...(history === 'read-empty' ? { fieldHistory: {} } : history ? { fieldHistory: { phone: history } } : {}),
	};
}

const decide = (h: SyncRecord, z: SyncRecord, tieWinner: SystemName = 'hubspot') =>
	decideField(phone, h, z, { now: T0 + 10 * MIN, tieWinner });

describe('decideField: which CRM keeps a field both hold with different values', () => {
	const cases: Array<[string, SyncRecord, SyncRecord, { winner: SystemName; conflict?: boolean; needs?: SystemName }]> = [
		[
			// the issue: HubSpot phone 0100 -> 0288 at T0, Zoho's record edited (title) 3 s later, Zoho still holds 0100
			'HubSpot moved away from the value Zoho still holds: HubSpot, although Zoho\'s record is newer',
			side('hubspot', '0288', T0, [person('0288', T0), person('0100', T0 - 60 * MIN)]),
			side('zoho', '0100', T0 + 3 * SEC),
			{ winner: 'hubspot', conflict: false },
		],
		[
			'HubSpot\'s value is our copy of an older Zoho value: Zoho\'s edit wins',
			side('hubspot', '0100', T0 + 5 * SEC, [copy('0100', T0 + 5 * SEC), person('0288', T0)]),
			side('zoho', '0300', T0 + 3 * SEC),
			{ winner: 'zoho' },
		],
		[
			'an old copy never beats a person\'s newer edit, even written after it',
			side('hubspot', '0100', T0 + 40 * SEC, [copy('0100', T0 + 40 * SEC)]),
			side('zoho', '0300', T0 + 30 * SEC, [person('0300', T0 + 30 * SEC, '0100')]),
			{ winner: 'zoho' },
		],
		[
			'a value another app wrote through the API long after Zoho\'s last change is an edit, not a copy',
			side('hubspot', '0555', T0 + 5 * MIN, [copy('0555', T0 + 5 * MIN), person('0100', T0 - 60 * MIN)]),
			side('zoho', '0100', T0),
			{ winner: 'hubspot' },
		],
		[
			'Zoho\'s value is our copy: HubSpot\'s edit wins',
			side('hubspot', '0288', T0, [person('0288', T0)]),
			side('zoho', '0100', T0 + 4 * SEC, [copy('0100', T0 + 4 * SEC, '0050')]),
			{ winner: 'hubspot' },
		],
		[
			'HubSpot changed the field after Zoho\'s last change: HubSpot, no Zoho history needed',
			side('hubspot', '0288', T0 + 1 * MIN, [person('0288', T0 + 1 * MIN)]),
			side('zoho', '0100', T0),
			{ winner: 'hubspot' },
		],
		[
			'only Zoho changed it since they agreed (its timeline says it held HubSpot\'s value)',
			side('hubspot', '0100', T0 - 30 * MIN, [person('0100', T0 - 30 * MIN)]),
			side('zoho', '0300', T0, [person('0300', T0, '0100')]),
			{ winner: 'zoho', conflict: false },
		],
		[
			'both changed it: the newer change wins and it is reported as a conflict',
			side('hubspot', '0288', T0 + 2 * SEC, [person('0288', T0 + 2 * SEC, '0100')]),
			side('zoho', '0300', T0 + 5 * SEC, [person('0300', T0 + 1 * SEC, '0100')]),
			{ winner: 'hubspot', conflict: true },
		],
		[
			'both changed it in the same second: the tie rule decides',
			side('hubspot', '0288', T0 + 200, [person('0288', T0 + 200)]),
			side('zoho', '0300', T0 + 900, [person('0300', T0 + 900)]),
			{ winner: 'hubspot', conflict: true },
		],
		[
			'no HubSpot history and record times within the window: provisional by record times, asks for HubSpot\'s',
			side('hubspot', '0288', T0),
			side('zoho', '0100', T0 + 3 * SEC),
			{ winner: 'zoho', needs: 'hubspot' },
		],
		[
			'no HubSpot history and record times hours apart: the newer record, nothing asked',
			side('hubspot', '0288', T0 - 3 * 60 * MIN),
			side('zoho', '0100', T0),
			{ winner: 'zoho' },
		],
		[
			'HubSpot history read but without this field: record times, nothing asked again',
			side('hubspot', '0288', T0, 'read-empty'),
			side('zoho', '0100', T0 + 3 * SEC),
			{ winner: 'zoho' },
		],
		[
			'HubSpot\'s person edit and a Zoho value never seen in HubSpot, minutes apart: asks for Zoho\'s timeline',
			side('hubspot', '0288', T0, [person('0288', T0)]),
			side('zoho', '0300', T0 + 2 * MIN),
			{ winner: 'zoho', needs: 'zoho' },
		],
		[
			'the same, but Zoho\'s record changed over 10 minutes later: Zoho, no timeline needed',
			side('hubspot', '0288', T0 - 11 * MIN, [person('0288', T0 - 11 * MIN)]),
			side('zoho', '0300', T0),
			{ winner: 'zoho' },
		],
		[
			'a history that does not describe the current value (changed since) is ignored',
			side('hubspot', '0999', T0, [person('0288', T0 - MIN), person('0100', T0 - 60 * MIN)]),
			side('zoho', '0100', T0 + 3 * SEC, 'read-empty'),
			{ winner: 'zoho' },
		],
	];

	it.each(cases)('%s', (_name, h, z, expected) => {
		const v = decide(h, z);
		expect(v.winner).toBe(expected.winner);
		if (expected.conflict !== undefined) expect(v.conflict).toBe(expected.conflict);
		expect(v.needs).toBe(expected.needs);
		expect(v.basis).toEqual(expect.any(String));
	});

	it('gives the same verdict whichever tie winner is configured, unless the edits truly tie', () => {
		for (const [, h, z] of cases.slice(0, 8)) expect(decide(h, z, 'hubspot').winner).toBe(decide(h, z, 'zoho').winner);
		const [, h, z] = cases[8];
		expect(decide(h, z, 'zoho').winner).toBe('zoho');
	});
});

describe('summariseMerge (what output items show)', () => {
	it('lists the fields taken from each CRM and names the true conflicts', () => {
		expect(
			summariseMerge([
				{ field: 'phone', hubspot: 'phone', zoho: 'Phone', from: 'hubspot', conflict: false, basis: 'only HubSpot changed it' },
				{ field: 'jobTitle', hubspot: 'jobtitle', zoho: 'Title', from: 'zoho', conflict: true, basis: 'both changed it; the newer change wins' },
			]),
		).toEqual({
			fromHubspot: ['phone'],
			fromZoho: ['Title'],
			conflicts: [{ hubspot: 'jobtitle', zoho: 'Title', kept: 'zoho', basis: 'both changed it; the newer change wins' }],
		});
	});
});
