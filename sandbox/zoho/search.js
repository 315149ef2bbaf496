'use strict';
// Zoho Search API (docs/crm-api-notes.md §2.5): criteria > email > phone > word; `equals` matches like "contains";
// 204 with an empty body on no match; ≤2,000 results; fresh writes are invisible for searchLagMs.
const { parseTime } = require('./time');

/** Parses ((A:op:v)and(B:op:v)) into a tree; throws Error('INVALID_QUERY') on bad syntax. */
function parseCriteria(text) {
	let i = 0;
	const fail = (why) => {
		const e = new Error(why);
		e.code = 'INVALID_QUERY';
		throw e;
	};
	function group() {
		if (text[i] !== '(') fail('expected (');
		i++;
		let node;
		if (text[i] === '(') {
			node = expr();
		} else {
			const start = i;
			let value = '';
			let parts = [];
			while (i < text.length && text[i] !== ')') {
				if (text[i] === '\\' && i + 1 < text.length) {
					value += text[i + 1];
					i += 2;
					continue;
				}
				if (text[i] === ':' && parts.length < 2) {
					parts.push(value);
					value = '';
					i++;
					continue;
				}
				value += text[i++];
			}
			if (parts.length < 2) fail(`bad criterion at ${start}`);
			parts = [...parts, value];
			node = { field: parts[0], op: parts[1], value: parts[2] };
		}
		if (text[i] !== ')') fail('expected )');
		i++;
		return node;
	}
	function expr() {
		let left = group();
		for (;;) {
			const m = /^(and|or)/i.exec(text.slice(i));
			if (!m) return left;
			i += m[0].length;
			left = { join: m[0].toLowerCase(), left, right: group() };
		}
	}
	const tree = expr();
	if (i !== text.length) fail('trailing characters');
	return tree;
}

function countCriteria(node) {
	return node.join ? countCriteria(node.left) + countCriteria(node.right) : 1;
}

function scalar(v) {
	if (v && typeof v === 'object') return v.name !== undefined ? String(v.name) : String(v.id || '');
	return v === null || v === undefined ? '' : String(v);
}

function compare(a, b) {
	const ta = parseTime(a);
	const tb = parseTime(b);
	if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
	if (a !== '' && b !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b))) return Number(a) - Number(b);
	return a.localeCompare(b);
}

function matches(rec, node) {
	if (node.join) return node.join === 'and' ? matches(rec, node.left) && matches(rec, node.right) : matches(rec, node.left) || matches(rec, node.right);
	const actual = scalar(rec[node.field]).toLowerCase();
	const v = node.value.toLowerCase();
	switch (node.op) {
		// Documented quirk: equals behaves like contains ("ABC" matches "ABC Inc").
		case 'equals': return actual !== '' && actual.includes(v);
		case 'not_equal': return !actual.includes(v);
		case 'starts_with': return actual.startsWith(v);
		case 'in': return v.split(',').some((x) => actual === x.trim());
		case 'greater_than': return actual !== '' && compare(actual, v) > 0;
		case 'greater_equal': return actual !== '' && compare(actual, v) >= 0;
		case 'less_than': return actual !== '' && compare(actual, v) < 0;
		case 'less_equal': return actual !== '' && compare(actual, v) <= 0;
		case 'between': { const [lo, hi] = v.split(','); return compare(actual, lo) >= 0 && compare(actual, hi) <= 0; }
		default: { const e = new Error(`unsupported operator ${node.op}`); e.code = 'INVALID_QUERY'; throw e; }
	}
}

function mountSearch(core, env, { store, api }) {
	const { error } = store;
	const EMAILS = ['Email', 'Secondary_Email'];
	const PHONES = ['Phone', 'Mobile', 'Other_Phone', 'Home_Phone'];
	const searchHandler = api((ctx) => {
		const module = ctx.params.module;
		const q = ctx.query;
		let test;
		try {
			if (q.criteria) {
				const tree = parseCriteria(q.criteria);
				if (countCriteria(tree) > 10) return ctx.send(400, error('LIMIT_EXCEEDED', 'criteria limit exceeded', { limit: 10 }));
				const short = (n) => (n.join ? short(n.left) || short(n.right) : n.value.length < 2);
				if (short(tree)) return ctx.send(400, error('INVALID_QUERY', 'Please enter at least 2 characters to search', { param: 'criteria' }));
				test = (r) => matches(r, tree);
			} else if (q.email) {
				test = (r) => EMAILS.some((f) => scalar(r[f]).toLowerCase() === q.email.toLowerCase());
			} else if (q.phone) {
				const digits = q.phone.replace(/\D/g, '');
				test = (r) => PHONES.some((f) => digits && scalar(r[f]).replace(/\D/g, '').includes(digits));
			} else if (q.word) {
				const w = q.word.toLowerCase();
				if (w.length < 2) return ctx.send(400, error('INVALID_QUERY', 'Please enter at least 2 characters to search', { param: 'word' }));
				test = (r) => Object.entries(r).some(([k, v]) => !k.startsWith('_') && scalar(v).toLowerCase().includes(w));
			} else {
				return ctx.send(400, error('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'criteria' }));
			}
		} catch (e) {
			return ctx.send(400, error(e.code || 'INVALID_QUERY', 'invalid query formed', { reason: e.message }));
		}
		let found;
		try {
			found = [...store.data[module].values()].map((r) => store.searchable(r)).filter((r) => r && test(r));
		} catch (e) {
			return ctx.send(400, error(e.code || 'INVALID_QUERY', 'invalid query formed', { reason: e.message }));
		}
		if (found.length > 2000) return ctx.send(400, error('LIMIT_REACHED', 'search results exceed 2000 records', { limit: 2000 }));
		const perPage = Math.min(200, Math.max(1, Number(q.per_page) || 200));
		const page = Math.max(1, Number(q.page) || 1);
		const slice = found.slice((page - 1) * perPage, page * perPage);
		if (!slice.length) return ctx.send(204);
		const fields = q.fields ? q.fields.split(',').map((s) => s.trim()) : undefined;
		return ctx.send(200, { data: slice.map((r) => store.view(r, fields)), info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < found.length } });
	}, { module: true });
	core.route('GET', '/zoho/crm/v8/:module/search', searchHandler);
	// API v2 alias (n8n's built-in Zoho CRM node and HTTP Request calls: /crm/v2/contacts/search?email=...).
	core.route('GET', '/zoho/crm/v2/:module/search', (ctx) => {
		const m = String(ctx.params.module || '');
		const canonical = store.MODULES.find((name) => name.toLowerCase() === m.toLowerCase());
		if (canonical) ctx.params.module = canonical;
		return searchHandler(ctx);
	});
}

module.exports = { mountSearch, parseCriteria };
