'use strict';
// Zoho CRM v8 Records API for Contacts and Accounts (docs/crm-api-notes.md §2.3, §2.4): get, list (fields required),
// insert, update, upsert with duplicate_check_fields, delete; per-record results inside 2xx;
// If-Unmodified-Since -> 412 ALREADY_MODIFIED; `trigger` recorded; notifications after each write.
const { parseTime } = require('./time');

const DEFAULT_DUPLICATE_CHECK = { Contacts: ['Email'], Accounts: ['Account_Name'] };
const API = '/zoho/crm/v8';
const API_V2 = '/zoho/crm/v2';

function mountRecords(core, env, { store, auth, notifier, api, writes }) {
	const { error } = store;
	const moduleOf = (ctx) => ctx.params.module;

	function success(rec, action, extra = {}) {
		return {
			code: 'SUCCESS',
			...extra,
			details: { Modified_Time: rec.Modified_Time, Modified_By: { ...rec.Modified_By }, Created_Time: rec.Created_Time, id: rec.id, Created_By: { ...rec.Created_By } },
			message: action === 'insert' ? 'record added' : 'record updated',
			status: 'success',
		};
	}

	/** Validates the request envelope; sends the error and returns null when it is unusable. */
	function readData(ctx) {
		const body = ctx.body;
		if (!body || typeof body !== 'object' || body.__invalidJson !== undefined) {
			ctx.send(400, error('INVALID_DATA', 'body', { expected_data_type: 'jsonobject' }));
			return null;
		}
		if (!Array.isArray(body.data) || body.data.length === 0) {
			ctx.send(400, error('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data', json_path: '$.data' }));
			return null;
		}
		if (body.data.length > 100) {
			ctx.send(400, error('LIMIT_EXCEEDED', 'the number of records exceeds the limit', { api_name: 'data', json_path: '$.data', limit: 100 }));
			return null;
		}
		if (body.trigger !== undefined && !Array.isArray(body.trigger)) {
			ctx.send(400, error('INVALID_DATA', 'invalid data', { api_name: 'trigger', expected_data_type: 'jsonarray' }));
			return null;
		}
		return body;
	}

	/** If-Unmodified-Since: 412 ALREADY_MODIFIED when any targeted record changed after it (nothing is written). */
	function preconditionFails(ctx, module, ids) {
		const h = ctx.headers['if-unmodified-since'];
		if (!h) return false;
		const since = parseTime(h);
		if (Number.isNaN(since)) {
			ctx.send(400, error('INVALID_DATA', 'invalid data', { api_name: 'If-Unmodified-Since', expected_data_type: 'datetime' }));
			return true;
		}
		for (const id of ids) {
			const rec = store.data[module].get(id);
			// Modified_Time has second precision, so compare whole seconds.
			if (rec && Math.floor(rec._modifiedMs / 1000) * 1000 > since) {
				ctx.send(412, error('ALREADY_MODIFIED', 'the record has been modified after the given time', { id }));
				return true;
			}
		}
		return false;
	}

	function respond(ctx, results, okStatus) {
		const failed = results.filter((r) => r.status === 'error').length;
		// All failed -> 400 with the same data array; some failed -> 202; none -> okStatus. Always check data[i].status.
		const status = failed === results.length ? 400 : failed ? 202 : okStatus;
		return ctx.send(status, { data: results });
	}

	function emitWrites(module, inserted, updated) {
		if (inserted.length) notifier.emit(module, 'insert', inserted.map((r) => r.id), null);
		if (updated.length) notifier.emit(module, 'update', updated.map((u) => u.rec.id), updated.map((u) => ({ [u.rec.id]: u.changed })));
	}

	function logWrite(ctx, module, op, body, ids) {
		// Zoho runs workflows/approvals/blueprints unless `trigger` says otherwise; recorded for tests.
		writes.push({ at: core.now(), module, op, ids, trigger: body.trigger === undefined ? ['workflow', 'approval', 'blueprint'] : body.trigger, triggerGiven: body.trigger !== undefined });
	}

	function insertHandler(ctx, module) {
		const body = readData(ctx);
		if (!body) return;
		const inserted = [];
		const results = body.data.map((input, i) => {
			const bad = store.validate(module, input, i, true);
			if (bad) return bad;
			const dup = store.findDuplicate(module, input, store.uniqueFields[module] || []);
			if (dup) return error('DUPLICATE_DATA', 'duplicate data', { api_name: dup.field, json_path: `$.data[${i}].${dup.field}`, duplicate_record: { module: { api_name: module, id: null }, id: dup.rec.id, Owner: { ...dup.rec.Owner } } });
			const rec = store.insert(module, input, 'api');
			inserted.push(rec);
			return success(rec, 'insert');
		});
		logWrite(ctx, module, 'insert', body, inserted.map((r) => r.id));
		emitWrites(module, inserted, []);
		respond(ctx, results, 201);
	}

	function updateHandler(ctx, module, pathId) {
		const body = readData(ctx);
		if (!body) return;
		const ids = body.data.map((d) => (pathId && body.data.length === 1 ? pathId : d && d.id));
		if (preconditionFails(ctx, module, ids.filter(Boolean))) return;
		const updated = [];
		const results = body.data.map((input, i) => {
			const id = ids[i];
			if (!id) return error('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: `$.data[${i}].id` });
			if (!store.data[module].has(id)) return error('INVALID_DATA', 'the related id given seems to be invalid', { api_name: 'id', json_path: `$.data[${i}].id` });
			const bad = store.validate(module, input, i, false);
			if (bad) return bad;
			const dup = store.findDuplicate(module, input, store.uniqueFields[module] || [], id);
			if (dup) return error('DUPLICATE_DATA', 'duplicate data', { api_name: dup.field, json_path: `$.data[${i}].${dup.field}`, duplicate_record: { module: { api_name: module, id: null }, id: dup.rec.id } });
			const u = store.update(module, id, input, 'api');
			updated.push(u);
			return success(u.rec, 'update');
		});
		logWrite(ctx, module, 'update', body, updated.map((u) => u.rec.id));
		emitWrites(module, [], updated.filter((u) => u.changed.length));
		respond(ctx, results, 200);
	}

	function upsertHandler(ctx, module) {
		const body = readData(ctx);
		if (!body) return;
		const unique = store.uniqueFields[module] || [];
		const given = Array.isArray(body.duplicate_check_fields) && body.duplicate_check_fields.length ? body.duplicate_check_fields : null;
		// Only the module's system duplicate-check fields and its unique fields ("Do not allow duplicate values") may be
		// listed; without the array Zoho checks the system fields first, then the unique fields
		// (https://www.zoho.com/crm/developer/docs/api/v8/upsert-records.html). The error for another field is not
		// documented: answered here as a request-level INVALID_DATA naming it.
		const allowed = [...DEFAULT_DUPLICATE_CHECK[module], ...unique];
		const bad = given && given.findIndex((f) => !allowed.includes(f));
		if (given && bad >= 0) {
			return ctx.send(400, error('INVALID_DATA', 'invalid data', { api_name: given[bad], json_path: `$.duplicate_check_fields[${bad}]`, reason: 'not a duplicate check field or a unique field' }));
		}
		const checkFields = given || [...DEFAULT_DUPLICATE_CHECK[module], ...unique.filter((f) => !DEFAULT_DUPLICATE_CHECK[module].includes(f))];
		const matches = body.data.map((input) => (input && typeof input === 'object' ? input.id && store.data[module].has(input.id) ? { rec: store.data[module].get(input.id), field: null } : store.findDuplicate(module, input, checkFields) : null));
		if (preconditionFails(ctx, module, matches.filter(Boolean).map((m) => m.rec.id))) return;
		const inserted = [];
		const updated = [];
		const results = body.data.map((input, i) => {
			const match = matches[i];
			const bad = store.validate(module, input, i, !match);
			if (bad) return bad;
			// Unique fields stay unique whichever field the upsert matched on (or none): DUPLICATE_DATA, as on insert.
			const dup = store.findDuplicate(module, input, unique, match ? match.rec.id : undefined);
			if (dup) return error('DUPLICATE_DATA', 'duplicate data', { api_name: dup.field, json_path: `$.data[${i}].${dup.field}`, duplicate_record: { module: { api_name: module, id: null }, id: dup.rec.id } });
			if (match) {
				const u = store.update(module, match.rec.id, input, 'api');
				updated.push(u);
				return { ...success(u.rec, 'update'), duplicate_field: match.field, action: 'update' };
			}
			const rec = store.insert(module, input, 'api');
			inserted.push(rec);
			return { ...success(rec, 'insert'), duplicate_field: null, action: 'insert' };
		});
		logWrite(ctx, module, 'upsert', body, [...inserted.map((r) => r.id), ...updated.map((u) => u.rec.id)]);
		emitWrites(module, inserted, updated.filter((u) => u.changed.length));
		respond(ctx, results, inserted.length ? 201 : 200);
	}

	function deleteHandler(ctx, module, ids) {
		if (!ids.length) return ctx.send(400, error('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'ids' }));
		const deleted = [];
		const results = ids.map((id) => {
			if (!store.data[module].has(id)) return error('INVALID_DATA', 'the related id given seems to be invalid', { id });
			store.remove(module, id);
			deleted.push(id);
			return { code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' };
		});
		writes.push({ at: core.now(), module, op: 'delete', ids: deleted, trigger: null });
		if (deleted.length) notifier.emit(module, 'delete', deleted, null);
		return respond(ctx, results, 200);
	}

	function fieldsParam(ctx) {
		const f = ctx.query.fields;
		if (!f) {
			ctx.send(400, error('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'fields' }));
			return null;
		}
		return f.split(',').map((s) => s.trim()).filter(Boolean);
	}

	function listHandler(ctx, module) {
		const fields = fieldsParam(ctx);
		if (!fields) return;
		if (ctx.query.ids) {
			const ids = ctx.query.ids.split(',').map((s) => s.trim());
			if (ids.length > 100) return ctx.send(400, error('LIMIT_EXCEEDED', 'the number of ids exceeds the limit', { param: 'ids', limit: 100 }));
			const found = ids.map((id) => store.data[module].get(id)).filter(Boolean).map((r) => store.view(r, fields));
			if (!found.length) return ctx.send(204);
			return ctx.send(200, { data: found, info: { per_page: found.length, count: found.length, page: 1, more_records: false } });
		}
		const perPage = Math.min(200, Math.max(1, Number(ctx.query.per_page) || 200));
		const page = Math.max(1, Number(ctx.query.page) || 1);
		const sortBy = ['id', 'Created_Time', 'Modified_Time'].includes(ctx.query.sort_by) ? ctx.query.sort_by : 'id';
		const desc = (ctx.query.sort_order || 'desc') === 'desc';
		const key = (r) => (sortBy === 'Created_Time' ? r._createdMs : sortBy === 'Modified_Time' ? r._modifiedMs : r.id);
		const all = [...store.data[module].values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (desc ? -1 : 1));
		const slice = all.slice((page - 1) * perPage, page * perPage);
		if (!slice.length) return ctx.send(204);
		return ctx.send(200, {
			data: slice.map((r) => store.view(r, fields)),
			info: { per_page: perPage, count: slice.length, page, sort_by: sortBy, sort_order: desc ? 'desc' : 'asc', more_records: page * perPage < all.length },
		});
	}

	function getHandler(ctx, module) {
		const rec = store.data[module].get(ctx.params.id);
		if (!rec) return ctx.send(204);
		const ims = ctx.headers['if-modified-since'];
		if (ims && !Number.isNaN(parseTime(ims)) && Math.floor(rec._modifiedMs / 1000) * 1000 <= parseTime(ims)) return ctx.send(304);
		const fields = ctx.query.fields ? ctx.query.fields.split(',').map((s) => s.trim()) : undefined;
		return ctx.send(200, { data: [store.view(rec, fields)] });
	}

	/**
	 * GET /{Module}/{id}/__timeline: sort_by=audited_time with sort_order (default newest first), per_page (first page
	 * only, at most 200; default 25 as in Zoho's sample) and page_token for the next pages; 204 when there is nothing.
	 */
	function timelineHandler(ctx, module) {
		const rec = store.data[module].get(ctx.params.id);
		if (!rec) return ctx.send(400, error('INVALID_DATA', 'the related id given seems to be invalid', { resource_path_index: 1 }));
		if (ctx.query.page_token && ctx.query.per_page) return ctx.send(400, error('NOT_SUPPORTED', 'per_page cannot be given with page_token', { param_name: 'per_page' }));
		let all = store.timeline(rec);
		if (ctx.query.sort_order === 'asc') all = all.reverse();
		let start = 0;
		let perPage = Math.min(200, Math.max(1, Number(ctx.query.per_page) || 25));
		if (ctx.query.page_token) {
			let token = {};
			try {
				token = JSON.parse(Buffer.from(String(ctx.query.page_token), 'base64url').toString('utf8'));
			} catch {
				return ctx.send(400, error('INVALID_DATA', 'invalid page_token', { param_name: 'page_token' }));
			}
			start = Number(token.start) || 0;
			perPage = Number(token.perPage) || perPage;
		}
		const slice = all.slice(start, start + perPage);
		if (!slice.length) return ctx.send(204);
		const more = start + perPage < all.length;
		const next = more ? Buffer.from(JSON.stringify({ start: start + perPage, perPage })).toString('base64url') : null;
		return ctx.send(200, { __timeline: slice, info: { next_page_token: next, previous_page_token: null, count: slice.length, more_records: more, page: Math.floor(start / perPage) + 1, per_page: perPage } });
	}

	const mod = (handler, write) => api((ctx) => handler(ctx, moduleOf(ctx)), { module: true, write });
	core.route('GET', `${API}/:module/:id/__timeline`, mod(timelineHandler));
	core.route('POST', `${API}/:module/upsert`, mod(upsertHandler, true));
	core.route('GET', `${API}/:module/:id`, mod(getHandler));
	core.route('PUT', `${API}/:module/:id`, mod((ctx, m) => updateHandler(ctx, m, ctx.params.id), true));
	core.route('DELETE', `${API}/:module/:id`, mod((ctx, m) => deleteHandler(ctx, m, [ctx.params.id]), true));
	core.route('GET', `${API}/:module`, mod(listHandler));
	core.route('POST', `${API}/:module`, mod(insertHandler, true));
	core.route('PUT', `${API}/:module`, mod((ctx, m) => updateHandler(ctx, m, null), true));
	core.route('DELETE', `${API}/:module`, mod((ctx, m) => deleteHandler(ctx, m, String(ctx.query.ids || '').split(',').filter(Boolean)), true));

	// API v2 alias for n8n's built-in Zoho CRM node, which calls `${api_domain}/crm/v2/<module>` with lower-case
	// module names (e.g. POST /crm/v2/contacts/upsert): same handlers, same behaviour, module name canonicalised.
	const v2 = (handler) => v2Module(store, handler);
	core.route('POST', `${API_V2}/:module/upsert`, v2(mod(upsertHandler, true)));
	core.route('GET', `${API_V2}/:module/:id`, v2(mod(getHandler)));
	core.route('PUT', `${API_V2}/:module/:id`, v2(mod((ctx, m) => updateHandler(ctx, m, ctx.params.id), true)));
	core.route('DELETE', `${API_V2}/:module/:id`, v2(mod((ctx, m) => deleteHandler(ctx, m, [ctx.params.id]), true)));
	core.route('GET', `${API_V2}/:module`, v2(mod(listHandler)));
	core.route('POST', `${API_V2}/:module`, v2(mod(insertHandler, true)));
	core.route('PUT', `${API_V2}/:module`, v2(mod((ctx, m) => updateHandler(ctx, m, null), true)));
	core.route('DELETE', `${API_V2}/:module`, v2(mod((ctx, m) => deleteHandler(ctx, m, String(ctx.query.ids || '').split(',').filter(Boolean)), true)));
}

/** Wraps a route handler so `contacts` / `CONTACTS` reach the module `Contacts` (Zoho module API names are case-insensitive in v2). */
function v2Module(store, handler) {
	return (ctx) => {
		const m = String(ctx.params.module || '');
		const canonical = store.MODULES.find((name) => name.toLowerCase() === m.toLowerCase());
		if (canonical) ctx.params.module = canonical;
		return handler(ctx);
	};
}

module.exports = { mountRecords, DEFAULT_DUPLICATE_CHECK, v2Module };
