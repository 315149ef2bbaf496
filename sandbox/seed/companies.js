'use strict';
// Seed companies: unique names and domains, each placed on HubSpot, Zoho or both by its case (both, conflict,
// hubspotOnly, zohoOnly, invalid), in each CRM's own field names.
const { INDUSTRY_MAP, CO_A, CO_B, CO_SUFFIX, TLDS, STREETS, PLACES, HOUR } = require('./data');

/** Adds `companies` companies to `s.hubspot.companies`, `s.zoho.Accounts` and `s.links`; returns them (with their links). */
function seedCompanies(s, companies) {
	const { rnd, hubspot, zoho, links, zt, iso, phone, times, ascii, allocate } = s;
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
	return companyList;
}

module.exports = { seedCompanies };
