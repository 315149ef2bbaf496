'use strict';
// The load test's plan: how many operations of each kind make about --events webhook events, and when each happens
// (seeded, so a run can be repeated).
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
/** pick and shuffle drawing from one seeded generator. */
function drawing(rnd) {
	const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
	const shuffle = (arr) => {
	for (let i = arr.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[arr[i], arr[j]] = [arr[j], arr[i]];
	}
	return arr;
	};
	return { pick, shuffle };
}

/**
 * Event arithmetic (what the sandbox sends, as HubSpot and Zoho do): a HubSpot contact creation is 1 creation event +
 * 1 propertyChange per property set (email, first name, last name, job title: 5 in all); a HubSpot edit of first name
 * and job title is 2 events; a company creation is 3 (creation, name, domain); a Zoho edit is 1 notification.
 */
function makePlan({ events: EVENTS, dup: DUP, rate: RATE }) {
	const dups = Math.round(EVENTS * DUP);
	const base = EVENTS - dups;
	const creates = Math.max(5, Math.round(base * 0.04));
	const invalid = Math.max(2, Math.round(creates * 0.1));
	const companies = Math.max(2, Math.round(base * 0.005));
	const rest = Math.max(10, base - 5 * creates - 3 * companies);
	const hsEdits = Math.round((rest * 0.4) / 2);
	const zEdits = Math.max(1, rest - 2 * hsEdits);
	const shared = Math.max(10, Math.round(base * 0.2));
	const sharedCompanies = Math.max(2, Math.round(shared / 40));
	const durationMs = Math.max(30000, Math.round((EVENTS / RATE) * 1000));
	return { dups, creates, invalid, companies, hsEdits, zEdits, shared, sharedCompanies, durationMs };
}

const SLOT_MS = 1500; // edits of one record are at least this far apart: both CRMs keep whole seconds

function schedule(plan, rnd) {
	const ops = [];
	const slots = Math.max(2, Math.floor(plan.durationMs / SLOT_MS) - 1);
	const used = new Map(); // shared index -> Set(slot)
	const edit = (system) => {
		for (let tries = 0; tries < 50; tries++) {
			const i = Math.floor(rnd() * plan.shared);
			const s = Math.floor(rnd() * slots);
			const set = used.get(i) || new Set();
			if (set.has(s) || set.has(s - 1) || set.has(s + 1)) continue;
			set.add(s);
			used.set(i, set);
			ops.push({ kind: system === 'hubspot' ? 'hsEdit' : 'zEdit', index: i, at: s * SLOT_MS + Math.floor(rnd() * 300) });
			return;
		}
	};
	for (let k = 0; k < plan.hsEdits; k++) edit('hubspot');
	for (let k = 0; k < plan.zEdits; k++) edit('zoho');
	for (let k = 0; k < plan.creates; k++) ops.push({ kind: 'hsCreate', index: k, invalid: k < plan.invalid, at: Math.floor(rnd() * plan.durationMs * 0.9) });
	for (let k = 0; k < plan.companies; k++) ops.push({ kind: 'hsCompany', index: k, at: Math.floor(rnd() * plan.durationMs * 0.9) });
	// duplicates: re-sent deliveries, drawn when they are due from what was delivered so far
	for (let k = 0; k < plan.dups; k++) ops.push({ kind: 'dup', at: 3000 + Math.floor(rnd() * (plan.durationMs + 5000)) });
	ops.sort((a, b) => a.at - b.at);
	return ops;
}

module.exports = { prng, drawing, makePlan, schedule };
