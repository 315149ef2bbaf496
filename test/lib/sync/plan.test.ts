import { planSync, type PlanOptions, type SyncRecord, type SystemName, type ObjectKind } from '../../../lib/sync';

const T0 = Date.UTC(2024, 0, 15, 10, 0, 0);
const MIN = 60000;

function rec(
	system: SystemName,
	objectKind: ObjectKind,
	id: string,
	fields: SyncRecord['fields'],
	modifiedAt: number,
	extra: Partial<SyncRecord> = {},
): SyncRecord {
	return { system, objectKind, id, fields, modifiedAt, ...extra };
}
const hsContact = (id: string, fields: SyncRecord['fields'], at = T0, extra?: Partial<SyncRecord>) =>
	rec('hubspot', 'contact', id, fields, at, extra);
const zContact = (id: string, fields: SyncRecord['fields'], at = T0, extra?: Partial<SyncRecord>) =>
	rec('zoho', 'contact', id, fields, at, extra);
const hsCompany = (id: string, fields: SyncRecord['fields'], at = T0) => rec('hubspot', 'company', id, fields, at);
const zAccount = (id: string, fields: SyncRecord['fields'], at = T0) => rec('zoho', 'company', id, fields, at);

const opts = (o: Partial<PlanOptions> = {}): PlanOptions => ({ now: T0 + 10 * MIN, ...o });
const jane = { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', phone: '+1 555 0100' };

describe('planSync: HubSpot to Zoho contacts', () => {
	it('creates a missing Zoho contact with every mapped value, upserting on Email', () => {
		const { actions, failures } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', jane)],
			candidates: [],
			options: opts(),
		});
		expect(failures).toEqual([]);
		expect(actions).toHaveLength(1);
		expect(actions[0]).toMatchObject({
			type: 'create',
			sourceId: '1',
			targetSystem: 'zoho',
			upsertKey: { field: 'Email', value: 'jane@example.com' },
		});
		expect(actions[0].payload).toEqual({
			First_Name: 'Jane',
			Last_Name: 'Doe',
			Email: 'jane@example.com',
			Phone: '+1 555 0100',
		});
	});

	it('updates the fields that differ when HubSpot is newer, with If-Unmodified-Since from the target', () => {
		const target = zContact('z1', { ...jane, phone: '+1 555 0199', jobTitle: 'CTO' }, T0 - MIN);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', { ...jane, jobTitle: 'CEO' })],
			candidates: [target],
			options: opts(),
		});
		expect(actions[0]).toMatchObject({
			type: 'update',
			targetId: 'z1',
			matchedBy: 'email',
			ifUnmodifiedSince: T0 - MIN,
		});
		expect(actions[0].changes).toEqual([
			{ field: 'Phone', from: '+1 555 0199', to: '+1 555 0100' },
			{ field: 'Title', from: 'CTO', to: 'CEO' },
		]);
	});

	it('skips when the Zoho contact is newer, naming the kept fields', () => {
		const target = zContact('z1', { ...jane, phone: '+1 555 0199' }, T0 + MIN);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', jane)],
			candidates: [target],
			options: opts(),
		});
		expect(actions[0]).toMatchObject({ type: 'skip', changes: [], payload: {} });
		expect(actions[0].reason).toContain('Phone');
	});

	it('plans no write when values differ only cosmetically (email case, spacing, phone format)', () => {
		const target = zContact(
			'z1',
			{ firstName: ' Jane ', lastName: 'Doe', email: 'JANE@Example.com', phone: '(+1) 555-0100' },
			T0 - MIN,
		);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', jane)],
			candidates: [target],
			options: opts(),
		});
		expect(actions[0].type).toBe('unchanged');
	});

	it('never lets an empty HubSpot value overwrite a Zoho value under newestWins', () => {
		const target = zContact('z1', { ...jane, jobTitle: 'CTO' }, T0 - MIN);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', { ...jane, jobTitle: null })],
			candidates: [target],
			options: opts(),
		});
		expect(actions[0].type).toBe('unchanged');
	});

	it('fills an empty Zoho field even when Zoho is newer', () => {
		const target = zContact('z1', { ...jane, jobTitle: null }, T0 + MIN);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', { ...jane, jobTitle: 'CEO' })],
			candidates: [target],
			options: opts(),
		});
		expect(actions[0]).toMatchObject({ type: 'update', payload: { Title: 'CEO' } });
	});

	it('sourceWins clears a field but never the mandatory Last_Name', () => {
		const target = zContact('z1', { ...jane, jobTitle: 'CTO' }, T0 + MIN);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', { ...jane, lastName: null, jobTitle: null })],
			candidates: [target],
			options: opts({ conflictRule: 'sourceWins' }),
		});
		expect(actions[0].payload).toEqual({ Title: null });
	});

	it('fillEmptyOnly fills empty fields and keeps differing ones', () => {
		const target = zContact('z1', { ...jane, phone: '+1 555 0199', jobTitle: null }, T0 - MIN);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', { ...jane, jobTitle: 'CEO' })],
			candidates: [target],
			options: opts({ conflictRule: 'fillEmptyOnly' }),
		});
		expect(actions[0].payload).toEqual({ Title: 'CEO' });
	});

	it('merges per field by default from the field histories; perField false lets the newer record win all', () => {
		const edit = (value: string, at: number, previous?: string) => ({ value, at, byApi: false, ...(previous ? { previous } : {}) });
		const source = hsContact('1', { ...jane, phone: '+1 555 0111', jobTitle: 'CEO' }, T0 + 2 * MIN, {
			fieldHistory: { phone: [edit('+1 555 0111', T0 + 2 * MIN), edit('+1 555 0199', T0 - 60 * MIN)], jobTitle: [edit('CEO', T0 - 5 * MIN)] },
		});
		const target = zContact('z1', { ...jane, phone: '+1 555 0199', jobTitle: 'CTO' }, T0 + 3 * MIN, {
			fieldHistory: { jobTitle: [edit('CTO', T0 + 3 * MIN, 'CEO')] },
		});
		const run = (perField?: boolean) =>
			planSync({ direction: 'hubspotToZoho', objectKind: 'contact', sources: [source], candidates: [target], options: opts(perField === undefined ? {} : { perField }) });
		const perField = run();
		expect(perField.actions[0].payload).toEqual({ Phone: '+1 555 0111' });
		expect(perField.actions[0].merge).toEqual([
			{ field: 'phone', hubspot: 'phone', zoho: 'Phone', from: 'hubspot', conflict: false, basis: 'only HubSpot changed it' },
			{ field: 'jobTitle', hubspot: 'jobtitle', zoho: 'Title', from: 'zoho', conflict: false, basis: 'only Zoho changed it' },
		]);
		const perRecord = run(false);
		expect(perRecord.actions[0]).toMatchObject({ type: 'skip' });
		expect(perRecord.actions[0].merge).toBeUndefined();
	});

	it('fails a create without Last_Name when fallbacks are off, naming the record', () => {
		const { actions, failures } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('7', { email: 'x@example.com' })],
			candidates: [],
			options: opts({ mandatoryFallbacks: 'fail' }),
		});
		expect(actions).toEqual([]);
		expect(failures[0]).toMatchObject({
			recordId: '7',
			code: 'MANDATORY_NOT_FOUND',
			field: 'Last_Name',
			retriable: false,
			operation: 'create',
		});
		expect(failures[0].error).toMatch(/HubSpot contact 7: .*Last_Name.*lastname/);
	});

	it('uses the Last_Name fallback for a create when configured', () => {
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('7', { email: 'x@example.com' })],
			candidates: [],
			options: opts({ mandatoryFallbacks: { lastName: 'Unknown' } }),
		});
		expect(actions[0].payload).toEqual({ Email: 'x@example.com', Last_Name: 'Unknown' });
	});

	it('fails a record with an invalid email, naming field, value and record id, while others plan', () => {
		const { actions, failures } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('8', { lastName: 'Bad', email: 'not-an-email' }), hsContact('1', jane)],
			candidates: [],
			options: opts(),
		});
		expect(actions.map((a) => a.sourceId)).toEqual(['1']);
		expect(failures[0]).toMatchObject({ recordId: '8', code: 'INVALID_DATA', field: 'Email' });
		expect(failures[0].error).toContain("'not-an-email'");
		expect(failures[0].error).toContain('8');
	});

	it('fails an ambiguous email match listing the candidate ids', () => {
		const { actions, failures } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', jane)],
			candidates: [zContact('z2', jane), zContact('z1', { ...jane, email: 'Jane@example.com' })],
			options: opts(),
		});
		expect(actions).toEqual([]);
		expect(failures[0]).toMatchObject({ operation: 'match', code: 'AMBIGUOUS_MATCH', candidates: ['z1', 'z2'] });
		expect(failures[0].error).toContain('z1, z2');
	});

	it('matches by cross-reference id before email and writes the xref when asked', () => {
		const byXref = zContact('z9', { ...jane, email: 'old@example.com' }, T0 - MIN);
		const byEmail = zContact('z1', jane, T0 - MIN);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', jane, T0, { xrefId: 'z9' })],
			candidates: [byEmail, byXref],
			options: opts({ xref: { zohoField: 'HubSpot_Id' }, writeXref: true }),
		});
		expect(actions[0]).toMatchObject({
			type: 'update',
			targetId: 'z9',
			matchedBy: 'xref',
			payload: { Email: 'jane@example.com', HubSpot_Id: '1' },
		});
	});

	it('plans one create for two sources with the same email in one batch: the newest wins', () => {
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('2', jane, T0 - MIN), hsContact('1', { ...jane, email: 'JANE@example.com' })],
			candidates: [],
			options: opts(),
		});
		expect(actions.map((a) => [a.sourceId, a.type])).toEqual([
			['2', 'skip'],
			['1', 'create'],
		]);
		expect(actions[0].reason).toContain('1');
	});

	it('treats duplicate source records as one', () => {
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', jane), hsContact('1', jane)],
			candidates: [],
			options: opts(),
		});
		expect(actions).toHaveLength(1);
	});
});

describe('planSync: Zoho to HubSpot contacts', () => {
	it('skips a Zoho contact missing in HubSpot by default (never creates)', () => {
		const { actions } = planSync({
			direction: 'zohoToHubspot',
			objectKind: 'contact',
			sources: [zContact('z1', jane)],
			candidates: [],
			options: opts(),
		});
		expect(actions[0]).toMatchObject({ type: 'skip', targetSystem: 'hubspot', payload: {} });
	});

	it('updates HubSpot when Zoho is newer, writing HubSpot property names', () => {
		const { actions } = planSync({
			direction: 'zohoToHubspot',
			objectKind: 'contact',
			sources: [zContact('z1', { ...jane, mobile: '+1 555 0177' }, T0 + MIN)],
			candidates: [hsContact('1', jane)],
			options: opts(),
		});
		expect(actions[0]).toMatchObject({ type: 'update', targetId: '1', payload: { mobilephone: '+1 555 0177' } });
	});

	it('skips when HubSpot is newer and ties go to HubSpot', () => {
		const tie = planSync({
			direction: 'zohoToHubspot',
			objectKind: 'contact',
			sources: [zContact('z1', { ...jane, jobTitle: 'CTO' }, T0 + 900)],
			candidates: [hsContact('1', { ...jane, jobTitle: 'CEO' }, T0 + 100)],
			options: opts(),
		});
		expect(tie.actions[0].type).toBe('skip');
		const zohoWinsTies = planSync({
			direction: 'zohoToHubspot',
			objectKind: 'contact',
			sources: [zContact('z1', { ...jane, jobTitle: 'CTO' }, T0 + 900)],
			candidates: [hsContact('1', { ...jane, jobTitle: 'CEO' }, T0 + 100)],
			options: opts({ tieWinner: 'zoho' }),
		});
		expect(zohoWinsTies.actions[0].type).toBe('update');
	});

	it('plans unchanged for our own write coming back (echo)', () => {
		const { actions } = planSync({
			direction: 'zohoToHubspot',
			objectKind: 'contact',
			sources: [zContact('z1', jane, T0 + MIN)],
			candidates: [hsContact('1', jane)],
			options: opts(),
		});
		expect(actions[0].type).toBe('unchanged');
	});

	it('applies custom mappings only in their direction', () => {
		const mappings = [
			{ hubspotField: 'hs_lead_status', zohoField: 'Lead_Status', direction: 'hubspotToZoho' as const },
			{ hubspotField: 'favorite_color', zohoField: 'Favorite_Color', direction: 'zohoToHubspot' as const },
		];
		const fields = {
			...jane,
			'custom:hs_lead_status:Lead_Status': 'NEW',
			'custom:favorite_color:Favorite_Color': 'red',
		};
		const h2z = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'contact',
			sources: [hsContact('1', fields)],
			candidates: [],
			options: opts({ mappings }),
		});
		const z2h = planSync({
			direction: 'zohoToHubspot',
			objectKind: 'contact',
			sources: [zContact('z1', fields, T0 + MIN)],
			candidates: [hsContact('1', jane)],
			options: opts({ mappings }),
		});
		expect(h2z.actions[0].payload).toMatchObject({ Lead_Status: 'NEW' });
		expect(h2z.actions[0].payload).not.toHaveProperty('Favorite_Color');
		expect(z2h.actions[0].payload).toEqual({ favorite_color: 'red' });
	});
});

describe('planSync: companies and accounts', () => {
	const acme = {
		name: 'Acme Inc',
		domain: 'acme.com',
		website: 'https://www.acme.com/',
		industry: 'COMPUTER_SOFTWARE',
		numberOfEmployees: '120',
	};

	it('creates a missing Zoho account with Account_Name, Website, translated Industry and numeric Employees', () => {
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'company',
			sources: [hsCompany('c1', acme)],
			candidates: [],
			options: opts(),
		});
		// An insert, never an upsert on Account_Name (that would merge two companies sharing a name).
		expect(actions[0]).toMatchObject({ type: 'create' });
		expect(actions[0].upsertKey).toBeUndefined();
		expect(actions[0].payload).toEqual({
			Account_Name: 'Acme Inc',
			Website: 'https://www.acme.com/',
			Industry: 'ASP (Application Service Provider)',
			Employees: 120,
		});
	});

	it('sends the HubSpot domain as Website when the website is empty', () => {
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'company',
			sources: [hsCompany('c1', { name: 'Acme Inc', domain: 'acme.com', website: 'acme.com' })],
			candidates: [],
			options: opts(),
		});
		expect(actions[0].payload).toMatchObject({ Website: 'acme.com' });
	});

	it('fails an account create without a name unless an Account_Name fallback is set', () => {
		const failed = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'company',
			sources: [hsCompany('c1', { domain: 'acme.com', website: 'acme.com' })],
			candidates: [],
			options: opts(),
		});
		expect(failed.failures[0]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', field: 'Account_Name', recordId: 'c1' });
		const fallback = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'company',
			sources: [hsCompany('c1', { domain: 'acme.com', website: 'acme.com' })],
			candidates: [],
			options: opts({ mandatoryFallbacks: { accountName: 'Unnamed company' } }),
		});
		expect(fallback.actions[0].payload).toMatchObject({ Account_Name: 'Unnamed company' });
	});

	it('matches an account by domain even when names differ, and updates it', () => {
		const target = zAccount(
			'a1',
			{ name: 'ACME Incorporated', website: 'http://acme.com', domain: 'http://acme.com' },
			T0 - MIN,
		);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'company',
			sources: [hsCompany('c1', acme)],
			candidates: [target],
			options: opts(),
		});
		expect(actions[0]).toMatchObject({ type: 'update', matchedBy: 'domain', targetId: 'a1' });
		expect(actions[0].payload).toEqual({
			Account_Name: 'Acme Inc',
			Industry: 'ASP (Application Service Provider)',
			Employees: 120,
		});
	});

	it('falls back to the exact normalised name when no domain matches', () => {
		const target = zAccount('a1', { name: ' acme   inc ' }, T0 - MIN);
		const other = zAccount('a2', { name: 'Acme Inc Holdings' }, T0 - MIN);
		const { actions } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'company',
			sources: [hsCompany('c1', { name: 'Acme Inc' })],
			candidates: [target, other],
			options: opts(),
		});
		expect(actions[0]).toMatchObject({ matchedBy: 'name', targetId: 'a1' });
	});

	it('fails the record on an industry with no Zoho counterpart, naming field and value', () => {
		const { failures } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'company',
			sources: [hsCompany('c1', { ...acme, industry: 'FISHERY' })],
			candidates: [],
			options: opts(),
		});
		expect(failures[0]).toMatchObject({ code: 'UNMAPPED_VALUE', field: 'Industry', recordId: 'c1' });
		expect(failures[0].error).toContain("'FISHERY'");
	});

	it('leaves an unmapped industry out when unmappedValue is skipField', () => {
		const { actions, failures } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'company',
			sources: [hsCompany('c1', { ...acme, industry: 'FISHERY' })],
			candidates: [],
			options: opts({ unmappedValue: 'skipField' }),
		});
		expect(failures).toEqual([]);
		expect(actions[0].payload).not.toHaveProperty('Industry');
		expect(actions[0].reason).toContain('FISHERY');
	});

	it('skips a Zoho account missing in HubSpot by default', () => {
		const { actions } = planSync({
			direction: 'zohoToHubspot',
			objectKind: 'company',
			sources: [zAccount('a1', { name: 'Acme Inc' })],
			candidates: [],
			options: opts(),
		});
		expect(actions[0].type).toBe('skip');
	});

	it('updates HubSpot from a newer Zoho account: domain written bare, industry translated back', () => {
		const source = zAccount(
			'a1',
			{ name: 'Acme Inc', website: 'https://www.acme.io/', domain: 'https://www.acme.io/', industry: 'Technology' },
			T0 + MIN,
		);
		const target = hsCompany('c1', { name: 'Acme Inc', domain: 'acme.io', website: '', industry: 'COMPUTER_SOFTWARE' });
		const { actions } = planSync({
			direction: 'zohoToHubspot',
			objectKind: 'company',
			sources: [source],
			candidates: [target],
			options: opts(),
		});
		expect(actions[0].payload).toEqual({
			website: 'https://www.acme.io/',
			industry: 'INFORMATION_TECHNOLOGY_AND_SERVICES',
		});
	});

	it('plans unchanged and skip for accounts in both directions', () => {
		const z = zAccount(
			'a1',
			{
				name: 'Acme Inc',
				website: 'acme.com',
				domain: 'acme.com',
				industry: 'ASP (Application Service Provider)',
				numberOfEmployees: '120',
			},
			T0 + MIN,
		);
		const h = hsCompany('c1', acme);
		expect(
			planSync({ direction: 'zohoToHubspot', objectKind: 'company', sources: [z], candidates: [h], options: opts() })
				.actions[0].type,
		).toBe('unchanged');
		expect(
			planSync({ direction: 'hubspotToZoho', objectKind: 'company', sources: [h], candidates: [z], options: opts() })
				.actions[0].type,
		).toBe('unchanged');
		const zNewer = { ...z, fields: { ...z.fields, numberOfEmployees: '130' } };
		expect(
			planSync({
				direction: 'hubspotToZoho',
				objectKind: 'company',
				sources: [h],
				candidates: [zNewer],
				options: opts(),
			}).actions[0].type,
		).toBe('skip');
	});

	it('fails a company matching two accounts by domain as ambiguous', () => {
		const { failures } = planSync({
			direction: 'hubspotToZoho',
			objectKind: 'company',
			sources: [hsCompany('c1', acme)],
			candidates: [
				zAccount('a1', { name: 'A', website: 'acme.com' }),
				zAccount('a2', { name: 'B', website: 'www.acme.com' }),
			],
			options: opts(),
		});
		expect(failures[0]).toMatchObject({ code: 'AMBIGUOUS_MATCH', candidates: ['a1', 'a2'] });
	});
});
