'use strict';
// Zoho COQL (docs/crm-api-notes.md §2.5): POST /crm/v8/coql {select_query}. A sensible subset:
// select f1, f2 from Contacts|Accounts [where …] [order by f [asc|desc], …] [limit n [offset m] | limit m, n].
// Conditions: = != > >= < <= like, in (…) / not in (…) with ≤50 values, is [not] null, between, joined by and/or with
// parentheses. Strings compare case-insensitively; date-times compare as instants. No indexing lag; 204 when empty.
const { parseTime } = require('./time');

class CoqlError extends Error {
	constructor(code, message, details = {}) {
		super(message);
		this.code = code;
		this.details = details;
	}
}

function tokenize(q) {
	const tokens = [];
	const re = /\s*(?:('(?:[^'\\]|\\.|'')*')|(-?\d+(?:\.\d+)?)|(>=|<=|!=|<>|=|>|<|\(|\)|,)|([A-Za-z_][A-Za-z0-9_.$]*))/y;
	let m;
	let last = 0;
	while ((m = re.exec(q))) {
		last = re.lastIndex;
		if (m[1] !== undefined) tokens.push({ t: 'str', v: m[1].slice(1, -1).replace(/''/g, "'").replace(/\\(.)/g, '$1') });
		else if (m[2] !== undefined) tokens.push({ t: 'num', v: Number(m[2]) });
		else if (m[3] !== undefined) tokens.push({ t: 'op', v: m[3] === '<>' ? '!=' : m[3] });
		else tokens.push({ t: 'id', v: m[4] });
	}
	if (q.slice(last).trim() !== '') throw new CoqlError('SYNTAX_ERROR', `error at or near "${q.slice(last, last + 10)}"`);
	return tokens;
}

function parse(query) {
	const tk = tokenize(query);
	let i = 0;
	const peek = () => tk[i];
	const kw = (w) => peek() && peek().t === 'id' && peek().v.toLowerCase() === w;
	const expect = (w) => {
		if (!kw(w)) throw new CoqlError('SYNTAX_ERROR', `expected ${w}`);
		i++;
	};
	const op = (v) => peek() && peek().t === 'op' && peek().v === v;
	const value = () => {
		const t = tk[i++];
		if (!t) throw new CoqlError('SYNTAX_ERROR', 'value expected');
		if (t.t === 'str' || t.t === 'num') return t.v;
		if (t.t === 'id' && ['null', 'true', 'false'].includes(t.v.toLowerCase())) return { null: null, true: true, false: false }[t.v.toLowerCase()];
		throw new CoqlError('SYNTAX_ERROR', `unexpected ${t.v}`);
	};
	const ident = () => {
		const t = tk[i++];
		if (!t || t.t !== 'id') throw new CoqlError('SYNTAX_ERROR', 'field name expected');
		return t.v;
	};
	expect('select');
	const fields = [ident()];
	while (op(',')) {
		i++;
		fields.push(ident());
	}
	expect('from');
	const module = ident();
	let where = null;
	let criteria = 0;
	const cond = () => {
		if (op('(')) {
			i++;
			const e = orExpr();
			if (!op(')')) throw new CoqlError('SYNTAX_ERROR', 'expected )');
			i++;
			return e;
		}
		const field = ident();
		criteria++;
		if (kw('is')) {
			i++;
			const not = kw('not') ? (i++, true) : false;
			expect('null');
			return { field, cmp: not ? 'notnull' : 'null' };
		}
		if (kw('not') || kw('in')) {
			const not = kw('not') ? (i++, true) : false;
			expect('in');
			if (!op('(')) throw new CoqlError('SYNTAX_ERROR', 'expected (');
			i++;
			const values = [value()];
			while (op(',')) {
				i++;
				values.push(value());
			}
			if (!op(')')) throw new CoqlError('SYNTAX_ERROR', 'expected )');
			i++;
			if (values.length > 50) throw new CoqlError('LIMIT_EXCEEDED', 'in operator accepts at most 50 values', { operator: 'in', limit: 50, field });
			return { field, cmp: not ? 'notin' : 'in', values };
		}
		if (kw('like')) {
			i++;
			return { field, cmp: 'like', value: value() };
		}
		if (kw('between')) {
			i++;
			const lo = value();
			expect('and');
			return { field, cmp: 'between', values: [lo, value()] };
		}
		const t = tk[i++];
		if (!t || t.t !== 'op' || !['=', '!=', '>', '>=', '<', '<='].includes(t.v)) throw new CoqlError('SYNTAX_ERROR', `operator expected after ${field}`);
		return { field, cmp: t.v, value: value() };
	};
	/** Left-associative chain of `next` joined by the keyword `word` (AND binds tighter than OR). */
	const joined = (word, next) => () => {
		let l = next();
		while (kw(word)) {
			i++;
			l = { join: word, left: l, right: next() };
		}
		return l;
	};
	const andExpr = joined('and', cond);
	const orExpr = joined('or', andExpr);
	if (kw('where')) {
		i++;
		where = orExpr();
	}
	const order = [];
	if (kw('order')) {
		i++;
		expect('by');
		do {
			if (op(',')) i++;
			const f = ident();
			const dir = kw('desc') ? (i++, 'desc') : kw('asc') ? (i++, 'asc') : 'asc';
			order.push({ field: f, dir });
		} while (op(','));
	}
	let limit = 200;
	let offset = 0;
	if (kw('limit')) {
		i++;
		const a = value();
		if (op(',')) {
			i++;
			offset = Number(a);
			limit = Number(value());
		} else limit = Number(a);
	}
	if (kw('offset')) {
		i++;
		offset = Number(value());
	}
	if (i !== tk.length) throw new CoqlError('SYNTAX_ERROR', `error at or near "${tk[i].v}"`);
	if (fields.length > 50) throw new CoqlError('LIMIT_EXCEEDED', 'select accepts at most 50 fields', { clause: 'select', limit: 50 });
	if (criteria > 25) throw new CoqlError('LIMIT_EXCEEDED', 'where accepts at most 25 criteria', { clause: 'where', limit: 25 });
	if (!(limit >= 1 && limit <= 2000)) throw new CoqlError('LIMIT_EXCEEDED', 'limit must be between 1 and 2000', { clause: 'limit', limit: 2000 });
	if (offset + limit > 100000) throw new CoqlError('LIMIT_EXCEEDED', 'offset beyond 100000 records', { clause: 'offset', limit: 100000 });
	return { fields, module, where, order, limit, offset };
}

function fieldValue(rec, path) {
	const [head, sub] = path.split('.');
	const v = rec[head];
	if (v && typeof v === 'object') return sub ? v[sub] : v.id; // a lookup compares by id
	return v;
}

function cmpValues(a, b) {
	if (typeof a === 'string' && typeof b === 'string') {
		const ta = parseTime(a);
		const tb = parseTime(b);
		if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
		return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
	}
	if (typeof a === 'number' || typeof b === 'number') return Number(a) - Number(b);
	return String(a).toLowerCase() === String(b).toLowerCase() ? 0 : String(a) < String(b) ? -1 : 1;
}

/**
 * v equals one of an in-list's values as cmpValues says (times as instants, other strings case-insensitively). The list
 * side is prepared once per query: comparing value by value parsed every listed time again for each row.
 */
function inValues(v, node) {
	if (!node.prepared) {
		const lower = new Set();
		const times = new Set();
		for (const x of node.values) {
			if (typeof x !== 'string') continue;
			lower.add(x.toLowerCase());
			const t = parseTime(x);
			if (!Number.isNaN(t)) times.add(t);
		}
		node.prepared = { lower, times, strings: node.values.every((x) => typeof x === 'string') };
	}
	const p = node.prepared;
	if (typeof v !== 'string' || !p.strings) return node.values.some((x) => cmpValues(v, x) === 0);
	if (p.lower.has(v.toLowerCase())) return true;
	if (p.times.size === 0) return false;
	const t = parseTime(v);
	return !Number.isNaN(t) && p.times.has(t);
}

function test(rec, node) {
	if (node.join) return node.join === 'and' ? test(rec, node.left) && test(rec, node.right) : test(rec, node.left) || test(rec, node.right);
	const v = fieldValue(rec, node.field);
	const empty = v === null || v === undefined || v === '';
	switch (node.cmp) {
		case 'null': return empty;
		case 'notnull': return !empty;
		case 'in': return !empty && inValues(v, node);
		case 'notin': return !empty && !inValues(v, node);
		case 'like': {
			const re = new RegExp(`^${String(node.value).split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
			return !empty && re.test(String(v));
		}
		case 'between': return !empty && cmpValues(v, node.values[0]) >= 0 && cmpValues(v, node.values[1]) <= 0;
		case '=': return !empty && cmpValues(v, node.value) === 0;
		case '!=': return empty || cmpValues(v, node.value) !== 0;
		case '>': return !empty && cmpValues(v, node.value) > 0;
		case '>=': return !empty && cmpValues(v, node.value) >= 0;
		case '<': return !empty && cmpValues(v, node.value) < 0;
		case '<=': return !empty && cmpValues(v, node.value) <= 0;
		default: return false;
	}
}

function mountCoql(core, env, { store, api, auth }) {
	const { error } = store;
	core.route('POST', '/zoho/crm/v8/coql', api((ctx, who) => {
		if (!auth.requireScope(ctx, who, 'ZohoCRM.coql')) return undefined;
		const q = ctx.body && typeof ctx.body === 'object' ? ctx.body.select_query : undefined;
		if (typeof q !== 'string' || !q.trim()) return ctx.send(400, error('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'select_query' }));
		let parsed;
		try {
			parsed = parse(q.trim());
		} catch (e) {
			if (!(e instanceof CoqlError)) throw e;
			return ctx.send(400, error(e.code, e.message, e.details));
		}
		if (!store.MODULES.includes(parsed.module)) return ctx.send(400, error('INVALID_QUERY', 'invalid query formed', { reason: 'invalid module', clause: 'from', module: parsed.module }));
		let rows = [...store.data[parsed.module].values()].filter((r) => !parsed.where || test(r, parsed.where));
		if (parsed.order.length) {
			rows.sort((a, b) => {
				for (const o of parsed.order) {
					const ka = o.field === 'Modified_Time' ? a._modifiedMs : o.field === 'Created_Time' ? a._createdMs : fieldValue(a, o.field);
					const kb = o.field === 'Modified_Time' ? b._modifiedMs : o.field === 'Created_Time' ? b._createdMs : fieldValue(b, o.field);
					const c = ka === kb ? 0 : ka === undefined || ka === null ? -1 : kb === undefined || kb === null ? 1 : cmpValues(ka, kb);
					if (c) return o.dir === 'desc' ? -c : c;
				}
				return 0;
			});
		}
		const total = rows.length;
		rows = rows.slice(parsed.offset, parsed.offset + parsed.limit);
		if (!rows.length) return ctx.send(204);
		const data = rows.map((r) => {
			const out = { id: r.id };
			for (const f of parsed.fields) {
				const [head] = f.split('.');
				const v = r[head];
				// COQL returns lookups as {id} only unless a sub-field is selected.
				out[f] = v && typeof v === 'object' ? (f.includes('.') ? fieldValue(r, f) : { id: v.id }) : v === undefined ? null : v;
			}
			return out;
		});
		return ctx.send(200, { data, info: { count: data.length, more_records: parsed.offset + parsed.limit < total } });
	}));
}

module.exports = { mountCoql, parseCoql: parse, CoqlError };
