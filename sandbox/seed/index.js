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

const { INDUSTRY_MAP, DAY, HOUR } = require('./data');
const { seedCompanies } = require('./companies');
const { seedContacts } = require('./contacts');

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
	const s = { rnd, hubspot, zoho, links, zt, iso, phone, times, ascii, allocate };
	const companyList = seedCompanies(s, companies);
	seedContacts(s, contacts, companyList);

	return { hubspot, zoho, links, meta: { seed, contacts, companies, baseTime: iso(baseTime), utcOffset } };
}

module.exports = { makeSeed, createRandom, zohoTime, INDUSTRY_MAP };
