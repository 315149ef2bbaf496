'use strict';
// Seed contacts: people at the seed companies (or with a free mail domain), each placed on HubSpot, Zoho or both by
// its case, with the invalid records each CRM would reject.
const { FIRST, LAST, TITLES, FREE_MAIL, STREETS, PLACES, HOUR } = require('./data');

/** Adds `contacts` people to `s.hubspot.contacts`, `s.zoho.Contacts` and `s.links`, linked to `companyList`. */
function seedContacts(s, contacts, companyList) {
	const { rnd, hubspot, zoho, links, zt, iso, phone, times, ascii, allocate } = s;
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
}

module.exports = { seedContacts };
