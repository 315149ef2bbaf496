/* eslint-disable @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Demo/test seed data (sandbox/seed.js): deterministic, realistic, overlapping, with conflicts and invalid records,
// and loadable into both emulators as is.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeSeed, INDUSTRY_MAP } = require('../../sandbox/seed');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');

type Json = Record<string, any>;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const seed = makeSeed();
const byCase = (kind: string, c: string) => seed.links.filter((l: Json) => l.kind === kind && l.case === c);
const hsContact = (id: string) => seed.hubspot.contacts.find((c: Json) => c.id === id);
const hsCompany = (id: string) => seed.hubspot.companies.find((c: Json) => c.id === id);

describe('makeSeed', () => {
	test('is deterministic for a seed and different for another', () => {
		expect(makeSeed()).toEqual(seed);
		const other = makeSeed({ seed: 7 });
		expect(other.hubspot.contacts[0].properties.email).not.toBe(seed.hubspot.contacts[0].properties.email);
	});

	test('has one link per requested person and company, each placed on the sides its case says', () => {
		expect(seed.links.filter((l: Json) => l.kind === 'contact')).toHaveLength(300);
		expect(seed.links.filter((l: Json) => l.kind === 'company')).toHaveLength(80);
		const sizes = makeSeed({ contacts: 40, companies: 12, seed: 3 });
		expect(sizes.links).toHaveLength(52);
		for (const l of seed.links) {
			const onHs = l.hubspotId !== null;
			const onZ = l.zohoIndex !== null;
			if (['both', 'conflict'].includes(l.case)) expect([onHs, onZ]).toEqual([true, true]);
			if (l.case === 'hubspotOnly') expect([onHs, onZ]).toEqual([true, false]);
			if (l.case === 'zohoOnly') expect([onHs, onZ]).toEqual([false, true]);
			if (l.case === 'invalid') expect(onHs !== onZ).toBe(true);
		}
		expect(seed.hubspot.contacts.length + seed.zoho.Contacts.length).toBe(300 + byCase('contact', 'both').length + byCase('contact', 'conflict').length);
	});

	test('every case is represented in realistic proportions', () => {
		expect(byCase('contact', 'both').length).toBeGreaterThan(100);
		expect(byCase('contact', 'conflict').length).toBeGreaterThanOrEqual(20);
		expect(byCase('contact', 'hubspotOnly').length).toBeGreaterThan(40);
		expect(byCase('contact', 'zohoOnly').length).toBeGreaterThan(40);
		expect(byCase('company', 'both').length).toBeGreaterThan(30);
		expect(byCase('company', 'conflict').length).toBeGreaterThan(0);
		const reasons = seed.links.filter((l: Json) => l.invalid).map((l: Json) => `${l.kind}:${l.invalid.system}:${l.invalid.field}`);
		expect(new Set(reasons)).toEqual(
			new Set(['company:hubspot:name', 'company:zoho:Account_Name', 'contact:zoho:Last_Name', 'contact:zoho:Email', 'contact:hubspot:lastname']),
		);
	});

	test('overlapping records share the email (contacts) or the domain and name (companies)', () => {
		for (const l of [...byCase('contact', 'both'), ...byCase('contact', 'conflict')]) {
			expect(hsContact(l.hubspotId).properties.email).toBe(l.key);
			expect(seed.zoho.Contacts[l.zohoIndex].Email).toBe(l.key);
		}
		for (const l of [...byCase('company', 'both'), ...byCase('company', 'conflict')]) {
			const hs = hsCompany(l.hubspotId).properties;
			const z = seed.zoho.Accounts[l.zohoIndex];
			expect(hs.domain).toBe(l.key);
			expect(z.Website).toBe(`https://www.${l.key}`);
			expect(z.Account_Name).toBe(hs.name);
			expect(z.Industry).toBe(INDUSTRY_MAP[hs.industry]);
		}
	});

	test('"both" records carry equal values and the same modified instant on each side', () => {
		for (const l of byCase('contact', 'both')) {
			const hs = hsContact(l.hubspotId);
			const z = seed.zoho.Contacts[l.zohoIndex];
			expect([z.First_Name, z.Last_Name, z.Phone, z.Title, z.Mailing_City, z.Mailing_Zip]).toEqual([
				hs.properties.firstname, hs.properties.lastname, hs.properties.phone, hs.properties.jobtitle, hs.properties.city, hs.properties.zip,
			]);
			expect(Date.parse(z.Modified_Time)).toBe(Date.parse(hs.updatedAt));
		}
	});

	test('conflicts differ in phone or title and the side named newer really was modified later', () => {
		for (const l of byCase('contact', 'conflict')) {
			const hs = hsContact(l.hubspotId);
			const z = seed.zoho.Contacts[l.zohoIndex];
			expect(hs.properties.phone !== z.Phone || hs.properties.jobtitle !== z.Title).toBe(true);
			expect(l.hubspot).toEqual({ phone: hs.properties.phone, jobtitle: hs.properties.jobtitle });
			expect(l.zoho).toEqual({ Phone: z.Phone, Title: z.Title });
			const hsMs = Date.parse(hs.updatedAt);
			const zMs = Date.parse(z.Modified_Time);
			expect(l.newer === 'hubspot' ? hsMs > zMs : zMs > hsMs).toBe(true);
		}
		expect(new Set(byCase('contact', 'conflict').map((l: Json) => l.newer))).toEqual(new Set(['hubspot', 'zoho']));
	});

	test('uses each CRM’s field names and formats (Zoho offset times without ms, Billing_Code, HubSpot ISO UTC)', () => {
		for (const a of seed.zoho.Accounts) {
			expect(Object.keys(a)).not.toContain('Billing_Zip');
			expect(a.Modified_Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/);
		}
		for (const c of seed.hubspot.contacts) expect(c.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(seed.zoho.Contacts.some((c: Json) => c.Mailing_Zip)).toBe(true);
		expect(seed.hubspot.contacts.every((c: Json) => !('Email' in c.properties))).toBe(true);
	});

	test('HubSpot data stays valid for HubSpot (unique valid emails); invalid Zoho records are invalid in the stated way', () => {
		const emails = seed.hubspot.contacts.map((c: Json) => c.properties.email);
		expect(new Set(emails).size).toBe(emails.length);
		expect(emails.every((e: string) => EMAIL.test(e))).toBe(true);
		for (const l of seed.links.filter((x: Json) => x.invalid)) {
			if (l.kind === 'contact' && l.invalid.field === 'Last_Name') expect(seed.zoho.Contacts[l.zohoIndex].Last_Name).toBeUndefined();
			if (l.kind === 'contact' && l.invalid.field === 'Email') expect(EMAIL.test(seed.zoho.Contacts[l.zohoIndex].Email)).toBe(false);
			if (l.kind === 'contact' && l.invalid.field === 'lastname') expect(hsContact(l.hubspotId).properties.lastname).toBeUndefined();
			if (l.kind === 'company' && l.invalid.field === 'name') expect(hsCompany(l.hubspotId).properties.name).toBeUndefined();
			if (l.kind === 'company' && l.invalid.field === 'Account_Name') expect(seed.zoho.Accounts[l.zohoIndex].Account_Name).toBeUndefined();
		}
		const valid = seed.zoho.Contacts.filter((_: Json, i: number) => !seed.links.some((l: Json) => l.kind === 'contact' && l.zohoIndex === i && l.invalid));
		expect(valid.every((c: Json) => c.Last_Name && EMAIL.test(c.Email))).toBe(true);
	});

	test('contacts point only at companies that exist on the same side', () => {
		const hsIds = new Set(seed.hubspot.companies.map((c: Json) => c.id));
		const zNames = new Set(seed.zoho.Accounts.map((a: Json) => a.Account_Name));
		for (const c of seed.hubspot.contacts) for (const id of c.companyIds || []) expect(hsIds.has(id)).toBe(true);
		for (const c of seed.zoho.Contacts) if (c.Account_Name) expect(zNames.has(c.Account_Name)).toBe(true);
		expect(seed.hubspot.contacts.filter((c: Json) => c.companyIds).length).toBeGreaterThan(100);
	});

	test('a large seed (1,000 contacts, 1,200 companies) still has unique company names and domains', () => {
		const big = makeSeed({ contacts: 1000, companies: 1200, seed: 1 });
		const names = big.zoho.Accounts.map((a: Json) => a.Account_Name).filter(Boolean);
		expect(new Set(names).size).toBe(names.length);
		const domains = big.links.filter((l: Json) => l.kind === 'company').map((l: Json) => l.key);
		expect(new Set(domains).size).toBe(1200);
	});
});

describe('seeding the emulators (startSandbox({ seed: true }))', () => {
	let sb: any;
	beforeAll(async () => {
		sb = await startSandbox({ seed: true });
	});
	afterAll(() => sb.close());

	test('loads every seed record into HubSpot and Zoho, with associations and account lookups resolved', () => {
		expect(sb.hubspot.listObjects('contacts')).toHaveLength(seed.hubspot.contacts.length);
		expect(sb.hubspot.listObjects('companies')).toHaveLength(seed.hubspot.companies.length);
		expect(sb.zoho.listRecords('Contacts')).toHaveLength(seed.zoho.Contacts.length);
		expect(sb.zoho.listRecords('Accounts')).toHaveLength(seed.zoho.Accounts.length);
		const withCompany = seed.hubspot.contacts.find((c: Json) => c.companyIds);
		expect(sb.hubspot.getObject('contacts', withCompany.id).associatedIds).toEqual(withCompany.companyIds);
		const zWithAccount = sb.zoho.listRecords('Contacts').find((c: Json) => c.Account_Name);
		expect(zWithAccount.Account_Name).toEqual({ name: expect.any(String), id: expect.any(String) });
	});

	test('keeps the seed timestamps (HubSpot updatedAt, Zoho Modified_Time)', () => {
		const first = seed.hubspot.contacts[0];
		expect(sb.hubspot.listObjects('contacts').find((c: Json) => c.id === first.id).updatedAt).toBe(first.updatedAt);
		const z = sb.zoho.listRecords('Contacts').find((c: Json) => c.Email === seed.zoho.Contacts[0].Email);
		expect(Date.parse(z.Modified_Time)).toBe(Date.parse(seed.zoho.Contacts[0].Modified_Time));
	});
});
