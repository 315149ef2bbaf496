'use strict';
// CRM search: filterGroups (OR) of filters (AND), sorts, paging <=200, 10,000-result cap, and an index that lags
// behind writes (docs/crm-api-notes.md §1.6).

const MAX_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS = 18;
const MAX_RESULTS = 10000;

function asComparable(def, value) {
	if (value === null || value === undefined || value === '') return null;
	if (def && def.type === 'number') return Number(value);
	if (def && def.type === 'datetime') {
		// Filters on datetimes take epoch ms or ISO strings.
		return /^\d+$/.test(String(value)) ? Number(value) : Date.parse(String(value));
	}
	return String(value).toLowerCase();
}

function matchFilter(schema, record, f) {
	const def = schema[f.propertyName];
	const raw = record.properties[f.propertyName];
	const have = asComparable(def, raw);
	const v = asComparable(def, f.value);
	switch (f.operator) {
		case 'HAS_PROPERTY': return have !== null;
		case 'NOT_HAS_PROPERTY': return have === null;
		case 'EQ': return have !== null && have === v;
		case 'NEQ': return have !== v;
		case 'LT': return have !== null && have < v;
		case 'LTE': return have !== null && have <= v;
		case 'GT': return have !== null && have > v;
		case 'GTE': return have !== null && have >= v;
		case 'BETWEEN': return have !== null && have >= v && have <= asComparable(def, f.highValue);
		case 'IN': return have !== null && (f.values || []).map((x) => asComparable(def, x)).includes(have);
		case 'NOT_IN': return !(f.values || []).map((x) => asComparable(def, x)).includes(have);
		case 'CONTAINS_TOKEN':
		case 'NOT_CONTAINS_TOKEN': {
			const pattern = String(f.value ?? '').toLowerCase();
			const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
			const tokens = have === null ? [] : String(have).split(/[\s@.,;:_\-/]+/).concat(String(have));
			const hit = tokens.some((t) => re.test(t));
			return f.operator === 'CONTAINS_TOKEN' ? hit : !hit;
		}
		default: return false;
	}
}

/** Returns { error } (HubSpot 400 message) or { total, results: records, after }. */
function runSearch({ store, type, body, now, lagMs }) {
	const b = body || {};
	const groups = b.filterGroups || [];
	const limit = b.limit === undefined ? 10 : Number(b.limit);
	if (!(limit >= 0 && limit <= 200)) return { error: `limit must be between 0 and 200 (was ${b.limit})` };
	if (groups.length > MAX_GROUPS) return { error: `Too many filter groups: ${groups.length}. The maximum is ${MAX_GROUPS}.` };
	let total = 0;
	for (const g of groups) {
		const n = (g.filters || []).length;
		if (n > MAX_FILTERS_PER_GROUP) return { error: `Too many filters in a group: ${n}. The maximum is ${MAX_FILTERS_PER_GROUP}.` };
		total += n;
	}
	if (total > MAX_FILTERS) return { error: `Too many filters: ${total}. The maximum is ${MAX_FILTERS}.` };
	const schema = store.schema[type];
	for (const g of groups) for (const f of g.filters || []) {
		if (!schema[f.propertyName]) return { error: `There was a problem with the request: property ${f.propertyName} does not exist.` };
	}
	const after = Number(b.after || 0);
	if (after + limit > MAX_RESULTS) return { error: `Paging past ${MAX_RESULTS} results is not supported: narrow the query.` };
	// The index is eventually consistent: a record written less than lagMs ago is not visible yet.
	const horizon = now() - lagMs;
	let hits = store.list(type).filter((r) => r.writtenAt <= horizon);
	if (groups.length) hits = hits.filter((r) => groups.some((g) => (g.filters || []).every((f) => matchFilter(schema, r, f))));
	if (b.query) {
		const q = String(b.query).toLowerCase();
		hits = hits.filter((r) => Object.values(r.properties).some((v) => v && String(v).toLowerCase().includes(q)));
	}
	const sorts = (b.sorts || []).map((s) => (typeof s === 'string'
		? { name: s.replace(/^-/, ''), desc: s.startsWith('-') }
		: { name: s.propertyName, desc: s.direction === 'DESCENDING' }));
	sorts.push({ name: 'hs_object_id', desc: false });
	hits.sort((x, y) => {
		for (const s of sorts) {
			const def = schema[s.name];
			const a = asComparable(def || { type: s.name === 'hs_object_id' ? 'number' : 'string' }, x.properties[s.name]);
			const c = asComparable(def || { type: s.name === 'hs_object_id' ? 'number' : 'string' }, y.properties[s.name]);
			if (a === c) continue;
			if (a === null) return 1;
			if (c === null) return -1;
			return (a < c ? -1 : 1) * (s.desc ? -1 : 1);
		}
		return 0;
	});
	const page = hits.slice(after, after + limit);
	const next = after + limit < Math.min(hits.length, MAX_RESULTS) ? String(after + limit) : undefined;
	return { total: hits.length, results: page, after: next };
}

module.exports = { runSearch, matchFilter };
