'use strict';
// Deterministic demo/test data for both CRMs (issue 3 item 5), in each CRM's own field names
// (docs/crm-api-notes.md §1.8 HubSpot properties, §2.6 Zoho API names). One "person" or "company" per link:
//   both        same record on both sides (same email / domain and values, same modified instant)
//   conflict    on both sides, phone and/or title differ and one side was modified later (link.newer)
//   hubspotOnly / zohoOnly
//   invalid     one side only, with a problem the other CRM would reject (link.invalid says which):
//               Zoho contact without Last_Name, Zoho contact with a bad email, HubSpot contact without lastname
//               (Zoho's mandatory field), HubSpot company without name, Zoho account without Account_Name.
// makeSeed() output loads straight into sandbox hubspot.loadSeed() / zoho.loadSeed().

/** Industries both sides know: HubSpot internal value -> Zoho picklist label (lib/sync/field-maps.ts). */
const INDUSTRY_MAP = {
	TELECOMMUNICATIONS: 'Communications',
	MANAGEMENT_CONSULTING: 'Consulting',
	EDUCATION_MANAGEMENT: 'Education',
	FINANCIAL_SERVICES: 'Financial Services',
	RETAIL: 'Retail',
	INFORMATION_TECHNOLOGY_AND_SERVICES: 'Technology',
	COMPUTER_NETWORKING: 'Network Equipment Enterprise',
	COMPUTER_SOFTWARE: 'ASP (Application Service Provider)',
	MECHANICAL_OR_INDUSTRIAL_ENGINEERING: 'Manufacturing',
};

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'James', 'Mia', 'Lucas', 'Amelia', 'Mateo', 'Harper', 'Ethan', 'Evelyn', 'Aiden', 'Priya', 'Arjun', 'Ananya', 'Rohan', 'Hannah', 'Jonas', 'Lena', 'Felix', 'Chloé', 'Hugo', 'Sofia', 'Marco', 'Yuki', 'Haruto', 'Mei', 'Wei', 'Fatima', 'Omar', 'Amara', 'Kwame', 'Zoe', 'Daniel', 'Grace', 'Samuel', 'Nora', 'Leo', 'Ingrid', 'Lars', 'Camila', 'Diego', 'Aisha', 'Tomás'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Patel', 'Sharma', 'Iyer', 'Reddy', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Dubois', 'Moreau', 'Rossi', 'Bianchi', 'Tanaka', 'Sato', 'Nakamura', 'Chen', 'Wang', 'Okafor', 'Mensah', "O'Brien", 'Novak', 'Kowalski', 'Silva', 'Santos', 'Haddad', 'Nielsen', 'Larsen', 'Fernández', 'Kim'];
const TITLES = ['CEO', 'CTO', 'CFO', 'VP Sales', 'VP Marketing', 'Head of Operations', 'Sales Manager', 'Account Executive', 'Marketing Manager', 'Product Manager', 'Engineering Manager', 'Software Engineer', 'Office Manager', 'Procurement Lead', 'IT Director', 'Customer Success Manager', 'Business Analyst', 'Founder', 'Partner', 'Purchasing Manager'];
const CO_A = ['Blue', 'Bright', 'North', 'Silver', 'Green', 'Red', 'Summit', 'Pioneer', 'Quantum', 'Harbor', 'Cedar', 'Atlas', 'Nova', 'Iron', 'Golden', 'Clear', 'Swift', 'Prime', 'Urban', 'Lumen', 'Evergreen', 'Granite', 'Vertex', 'Coastal', 'Maple'];
const CO_B = ['River', 'Peak', 'Wave', 'Stone', 'Bridge', 'Field', 'Forge', 'Light', 'Path', 'Works', 'Signal', 'Grid', 'Leaf', 'Harvest', 'Point', 'Labs', 'Systems', 'Logic', 'Trail', 'Sky'];
const CO_SUFFIX = ['Inc.', 'LLC', 'Ltd', 'GmbH', 'Group', 'Corp.', 'Partners', 'Technologies', 'Solutions', 'Co.'];
const TLDS = ['com', 'com', 'com', 'io', 'net', 'co', 'de', 'co.uk', 'in'];
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com'];
const STREETS = ['Main St', 'Oak Ave', 'Market St', 'Park Rd', 'High St', 'Elm St', 'Station Rd', 'Church Lane', 'Mill Rd', 'Lake View Dr', 'Hauptstraße', 'MG Road', 'King St', 'Queen St', 'Broadway'];
const PLACES = [
	{ city: 'Boston', state: 'MA', zip: '02110', country: 'United States', cc: '+1 617' },
	{ city: 'Austin', state: 'TX', zip: '78701', country: 'United States', cc: '+1 512' },
	{ city: 'San Francisco', state: 'CA', zip: '94105', country: 'United States', cc: '+1 415' },
	{ city: 'Chicago', state: 'IL', zip: '60601', country: 'United States', cc: '+1 312' },
	{ city: 'New York', state: 'NY', zip: '10001', country: 'United States', cc: '+1 212' },
	{ city: 'Seattle', state: 'WA', zip: '98101', country: 'United States', cc: '+1 206' },
	{ city: 'Toronto', state: 'ON', zip: 'M5H 2N2', country: 'Canada', cc: '+1 416' },
	{ city: 'London', state: 'England', zip: 'EC1A 1BB', country: 'United Kingdom', cc: '+44 20' },
	{ city: 'Manchester', state: 'England', zip: 'M1 1AE', country: 'United Kingdom', cc: '+44 161' },
	{ city: 'Berlin', state: 'Berlin', zip: '10115', country: 'Germany', cc: '+49 30' },
	{ city: 'Munich', state: 'Bavaria', zip: '80331', country: 'Germany', cc: '+49 89' },
	{ city: 'Bengaluru', state: 'Karnataka', zip: '560001', country: 'India', cc: '+91 80' },
	{ city: 'Mumbai', state: 'Maharashtra', zip: '400001', country: 'India', cc: '+91 22' },
	{ city: 'Sydney', state: 'NSW', zip: '2000', country: 'Australia', cc: '+61 2' },
	{ city: 'Paris', state: 'Île-de-France', zip: '75001', country: 'France', cc: '+33 1' },
];

const DAY = 86400000;
const HOUR = 3600000;

/** mulberry32: small, fast, good enough for demo data; same seed -> same sequence. */
function createRandom(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min, max) => min + Math.floor(next() * (max - min + 1));
	const pick = (list) => list[Math.floor(next() * list.length)];
	const chance = (p) => next() < p;
	function shuffle(list) {
		const out = list.slice();
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(next() * (i + 1));
			[out[i], out[j]] = [out[j], out[i]];
		}
		return out;
	}
	return { next, int, pick, chance, shuffle };
}

/** Zoho's Modified_Time shape: user's offset, no milliseconds (docs/crm-api-notes.md §2.6). */
function zohoTime(ms, offset) {
	const sign = offset[0] === '-' ? -1 : 1;
	const [h, m] = offset.slice(1).split(':').map(Number);
	const mins = sign * (h * 60 + m);
	const local = new Date(Math.floor(ms / 1000) * 1000 + mins * 60000).toISOString().slice(0, 19);
	return `${local}${offset}`;
}

const ascii = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/[^A-Za-z0-9]/g, '').toLowerCase();

/** Assigns `n` items to categories: the `forced` entries plus the rest by weight (exact counts), shuffled. */
function allocate(rnd, n, forced, weights) {
	const out = forced.slice(0, n);
	const rest = n - out.length;
	const names = Object.keys(weights);
	const total = names.reduce((s, k) => s + weights[k], 0);
	let given = 0;
	names.forEach((k, i) => {
		const count = i === names.length - 1 ? rest - given : Math.round((rest * weights[k]) / total);
		for (let j = 0; j < count; j++) out.push(k);
		given += count;
	});
	return rnd.shuffle(out);
}

/**
 * @param {object} [o]
 * @param {number} [o.contacts=300] people (each is one link; a "both" person is one record on each side)
 * @param {number} [o.companies=80]
 * @param {number} [o.seed=42]
 * @param {number} [o.baseTime] newest possible modification instant (ms); default 2025-06-02T09:00:00Z
 * @param {string} [o.utcOffset='+05:30'] Zoho user's offset for Created_Time / Modified_Time
 */
function makeSeed({ contacts = 300, companies = 80, seed = 42, baseTime = Date.UTC(2025, 5, 2, 9, 0, 0), utcOffset = '+05:30' } = {}) {
	const rnd = createRandom(seed);
	const hubspot = { contacts: [], companies: [] };
	const zoho = { Contacts: [], Accounts: [] };
	const links = [];
	const zt = (ms) => zohoTime(ms, utcOffset);
	const iso = (ms) => new Date(ms).toISOString();
	const phone = (place) => `${place.cc} ${rnd.int(200, 999)} ${String(rnd.int(0, 9999)).padStart(4, '0')}`;
	const times = () => {
		const created = baseTime - rnd.int(40, 700) * DAY - rnd.int(0, 86399) * 1000;
		const modified = Math.min(baseTime - HOUR * 49, created + rnd.int(0, 35) * DAY + rnd.int(0, 86399) * 1000);
		return { created, modified: Math.max(created, modified) };
	};

	// ---------------------------------------------------------------- companies
	const companyList = [];
	const usedNames = new Set();
	const usedDomains = new Set();
	for (let i = 0; i < companies; i++) {
		let name;
		let base;
		let attempts = 0;
		do {
			const a = rnd.pick(CO_A);
			// Past ~1,000 companies the word pairs run out: number them instead of looping forever.
			const b = attempts++ > 40 ? `${rnd.pick(CO_B)} ${i + 1}` : rnd.pick(CO_B);
			name = `${a}${rnd.chance(0.5) ? '' : ' '}${b} ${rnd.pick(CO_SUFFIX)}`;
			base = ascii(`${a}${b}`);
		} while (usedNames.has(name.split(' ').slice(0, -1).join(' ')) || usedNames.has(name));
		usedNames.add(name);
		usedNames.add(name.split(' ').slice(0, -1).join(' '));
		let domain = `${base}.${rnd.pick(TLDS)}`;
		for (let n = 2; usedDomains.has(domain); n++) domain = `${base}${n}.com`;
		usedDomains.add(domain);
		const industry = rnd.pick(Object.keys(INDUSTRY_MAP));
		companyList.push({ name, domain, industry, place: rnd.pick(PLACES), street: `${rnd.int(1, 999)} ${rnd.pick(STREETS)}`, employees: rnd.pick([8, 25, 60, 140, 320, 900, 2500, 12000]), revenue: rnd.int(5, 5000) * 100000, ...times() });
	}
	const companyCases = allocate(rnd, companies, companies >= 6 ? ['invalid:hubspotNoName', 'invalid:zohoNoName'] : [], { both: 54, conflict: 6, hubspotOnly: 20, zohoOnly: 20 });
	companyList.forEach((c, i) => {
		const kind = companyCases[i];
		c.case = kind.startsWith('invalid') ? 'invalid' : kind;
		c.onHubspot = ['both', 'conflict', 'hubspotOnly', 'invalid:hubspotNoName'].includes(kind);
		c.onZoho = ['both', 'conflict', 'zohoOnly', 'invalid:zohoNoName'].includes(kind);
		const link = { kind: 'company', key: c.domain, name: c.name, case: c.case, hubspotId: null, zohoIndex: null };
		const hsProps = {
			name: c.name,
			domain: c.domain,
			website: `https://www.${c.domain}`,
			phone: phone(c.place),
			industry: c.industry,
			numberofemployees: String(c.employees),
			annualrevenue: String(c.revenue),
			address: c.street,
			city: c.place.city,
			state: c.place.state,
			zip: c.place.zip,
			country: c.place.country,
		};
		const zData = {
			Account_Name: c.name,
			Website: `https://www.${c.domain}`,
			Phone: hsProps.phone,
			Industry: INDUSTRY_MAP[c.industry],
			Employees: c.employees,
			Annual_Revenue: c.revenue,
			Billing_Street: c.street,
			Billing_City: c.place.city,
			Billing_State: c.place.state,
			Billing_Code: c.place.zip, // Accounts use _Code, not _Zip (docs/crm-api-notes.md §2.6)
			Billing_Country: c.place.country,
		};
		let hsModified = c.modified;
		let zModified = c.modified;
		if (kind === 'conflict') {
			link.newer = rnd.chance(0.5) ? 'hubspot' : 'zoho';
			const later = c.modified + rnd.int(1, 48) * HOUR;
			if (link.newer === 'hubspot') hsModified = later;
			else zModified = later;
			const changed = phone(c.place);
			if (link.newer === 'hubspot') hsProps.phone = changed;
			else zData.Phone = changed;
			link.hubspot = { phone: hsProps.phone };
			link.zoho = { Phone: zData.Phone };
		}
		if (kind === 'invalid:hubspotNoName') {
			delete hsProps.name;
			link.invalid = { system: 'hubspot', field: 'name', reason: 'company without a name (Zoho Account_Name is mandatory)' };
		}
		if (kind === 'invalid:zohoNoName') {
			delete zData.Account_Name;
			link.invalid = { system: 'zoho', field: 'Account_Name', reason: 'account without Account_Name (mandatory)' };
		}
		if (c.onHubspot) {
			c.hubspotId = String(5001 + hubspot.companies.length);
			link.hubspotId = c.hubspotId;
			hubspot.companies.push({ id: c.hubspotId, properties: hsProps, createdAt: iso(c.created), updatedAt: iso(hsModified) });
		}
		if (c.onZoho) {
			link.zohoIndex = zoho.Accounts.length;
			zoho.Accounts.push({ ...zData, Created_Time: zt(c.created), Modified_Time: zt(zModified) });
		}
		c.link = link;
		links.push(link);
	});

	// ---------------------------------------------------------------- contacts
	const k = Math.max(1, Math.round(contacts / 100));
	const forced = contacts >= 12 ? [...Array(k).fill('invalid:zohoNoLastName'), ...Array(k).fill('invalid:zohoBadEmail'), ...Array(k).fill('invalid:hubspotNoLastName')] : [];
	const contactCases = allocate(rnd, contacts, forced, { both: 44, conflict: 10, hubspotOnly: 21, zohoOnly: 21 });
	const usedEmails = new Set();
	const linkable = companyList.filter((c) => c.case !== 'invalid');
	for (let i = 0; i < contacts; i++) {
		const kind = contactCases[i];
		const first = rnd.pick(FIRST);
		const last = rnd.pick(LAST);
		const company = linkable.length && rnd.chance(0.88) ? rnd.pick(linkable) : null;
		const place = company && rnd.chance(0.8) ? company.place : rnd.pick(PLACES);
		const domain = company ? company.domain : rnd.pick(FREE_MAIL);
		const local = `${ascii(first)}.${ascii(last)}`;
		let email = `${local}@${domain}`;
		for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
		usedEmails.add(email);
		const title = rnd.pick(TITLES);
		const { created, modified } = times();
		const street = `${rnd.int(1, 400)} ${rnd.pick(STREETS)}`;
		const hsProps = {
			email,
			firstname: first,
			lastname: last,
			phone: phone(place),
			jobtitle: title,
			company: company ? company.name : '',
			address: street,
			city: place.city,
			state: place.state,
			zip: place.zip,
			country: place.country,
			lifecyclestage: rnd.pick(['lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer']),
		};
		if (rnd.chance(0.3)) hsProps.mobilephone = phone(place);
		if (!hsProps.company) delete hsProps.company;
		const zData = {
			First_Name: first,
			Last_Name: last,
			Email: email,
			Phone: hsProps.phone,
			Title: title,
			Mailing_Street: street,
			Mailing_City: place.city,
			Mailing_State: place.state,
			Mailing_Zip: place.zip,
			Mailing_Country: place.country,
			Lead_Source: rnd.pick(['Advertisement', 'Cold Call', 'Employee Referral', 'Online Store', 'Partner', 'Web Download']),
		};
		if (hsProps.mobilephone) zData.Mobile = hsProps.mobilephone;
		const caseName = kind.startsWith('invalid') ? 'invalid' : kind;
		const onHubspot = ['both', 'conflict', 'hubspotOnly', 'invalid:hubspotNoLastName'].includes(kind);
		const onZoho = ['both', 'conflict', 'zohoOnly', 'invalid:zohoNoLastName', 'invalid:zohoBadEmail'].includes(kind);
		const link = { kind: 'contact', key: email, case: caseName, companyKey: company ? company.domain : null, hubspotId: null, zohoIndex: null };
		let hsModified = modified;
		let zModified = modified;
		if (kind === 'conflict') {
			link.newer = rnd.chance(0.5) ? 'hubspot' : 'zoho';
			const later = modified + rnd.int(1, 48) * HOUR;
			if (link.newer === 'hubspot') hsModified = later;
			else zModified = later;
			// The newer side got the edit: a new phone, a new title, or both.
			const what = rnd.pick(['phone', 'title', 'both']);
			const newPhone = phone(place);
			let newTitle = rnd.pick(TITLES);
			while (newTitle === title) newTitle = rnd.pick(TITLES);
			const target = link.newer === 'hubspot' ? { phone: 'phone', title: 'jobtitle', obj: hsProps } : { phone: 'Phone', title: 'Title', obj: zData };
			if (what !== 'title') target.obj[target.phone] = newPhone;
			if (what !== 'phone') target.obj[target.title] = newTitle;
			link.hubspot = { phone: hsProps.phone, jobtitle: hsProps.jobtitle };
			link.zoho = { Phone: zData.Phone, Title: zData.Title };
		}
		if (kind === 'invalid:zohoNoLastName') {
			delete zData.Last_Name;
			link.invalid = { system: 'zoho', field: 'Last_Name', reason: 'contact without Last_Name (mandatory in Zoho)' };
		}
		if (kind === 'invalid:zohoBadEmail') {
			zData.Email = rnd.chance(0.5) ? `${local}@@${domain}` : `${local} at ${domain}`;
			link.key = zData.Email;
			link.invalid = { system: 'zoho', field: 'Email', reason: 'malformed email (HubSpot rejects it with INVALID_EMAIL)' };
		}
		if (kind === 'invalid:hubspotNoLastName') {
			delete hsProps.lastname;
			link.invalid = { system: 'hubspot', field: 'lastname', reason: 'contact without lastname (Zoho Last_Name is mandatory)' };
		}
		if (onHubspot) {
			const id = String(101 + hubspot.contacts.length);
			link.hubspotId = id;
			const rec = { id, properties: hsProps, createdAt: iso(created), updatedAt: iso(hsModified) };
			if (company && company.onHubspot) rec.companyIds = [company.hubspotId];
			else delete hsProps.company;
			hubspot.contacts.push(rec);
		}
		if (onZoho) {
			link.zohoIndex = zoho.Contacts.length;
			// Account_Name by name: zoho.loadSeed() resolves it to the {id} lookup.
			if (company && company.onZoho) zData.Account_Name = company.name;
			zoho.Contacts.push({ ...zData, Created_Time: zt(created), Modified_Time: zt(zModified) });
		}
		links.push(link);
	}

	return { hubspot, zoho, links, meta: { seed, contacts, companies, baseTime: iso(baseTime), utcOffset } };
}

module.exports = { makeSeed, createRandom, zohoTime, INDUSTRY_MAP };
