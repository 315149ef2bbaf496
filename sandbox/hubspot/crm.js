'use strict';
// CRM v3 object endpoints for contacts and companies (docs/crm-api-notes.md §1.6, §1.8, §1.10).
const { checkProperties } = require('./properties');
const { runSearch } = require('./search');

const TYPES = { contacts: 'contacts', contact: 'contacts', '0-1': 'contacts', companies: 'companies', company: 'companies', '0-2': 'companies' };
const UPPER = { contacts: 'CONTACT', companies: 'COMPANY' };
const MAX_BATCH = 100;

function mountCrm({ core, store, auth, options }) {
	const now = core.now;
	const lagMs = () => options.searchLagMs ?? 1000;
	const err = auth.errorBody;
	const P = '/hubspot/crm/v3/objects/:objectType';

	const validationError = (problems) => err(`Property values were not valid: ${JSON.stringify(problems)}`, 'VALIDATION_ERROR');
	const list = (v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? v.split(',') : []).map((s) => String(s).trim()).filter(Boolean);

	/** Auth + limits + object type; returns { type, headers, meta, reply } or null when a response was sent. */
	function enter(ctx, { search = false } = {}) {
		const a = auth.authenticate(ctx);
		if (!a) return null;
		const headers = auth.limit(ctx, a, { search });
		if (!headers) return null;
		const type = TYPES[ctx.params.objectType];
		if (!type) {
			ctx.send(400, err(`Unable to infer object type from: ${ctx.params.objectType}`, 'VALIDATION_ERROR'), headers);
			return null;
		}
		// Writes through a token show up as sourceType API in property history (docs/crm-api-notes.md §1.8).
		const meta = { sourceType: 'API', sourceId: a.kind === 'private' ? 'private-app' : `app:${options.appId}`, changeSource: 'API' };
		return { type, headers, meta, reply: (status, body) => ctx.send(status, body, headers) };
	}

	const batchEnvelope = (results, errors) => {
		const t = store.iso(now());
		const out = { status: 'COMPLETE', results, startedAt: t, completedAt: t };
		if (errors.length) Object.assign(out, { numErrors: errors.length, errors });
		return out;
	};

	const tooMany = (inputs) => (!Array.isArray(inputs) ? 'inputs must be an array' : inputs.length > MAX_BATCH ? `Too many inputs: ${inputs.length}. The maximum batch size is ${MAX_BATCH}.` : null);

	// --- batch read
	core.route('POST', `${P}/batch/read`, (ctx) => {
		const e = enter(ctx);
		if (!e) return;
		const b = ctx.body || {};
		const bad = tooMany(b.inputs);
		if (bad) return e.reply(400, err(bad, 'VALIDATION_ERROR'));
		const withHistory = list(b.propertiesWithHistory);
		// propertiesWithHistory lowers batch sizes (docs/crm-api-notes.md §1.8).
		if (withHistory.length && b.inputs.length > 50) return e.reply(400, err('Too many inputs with propertiesWithHistory: the maximum is 50.', 'VALIDATION_ERROR'));
		const results = [];
		const missing = [];
		const seen = new Set();
		for (const input of b.inputs) {
			const r = store.get(e.type, input.id, b.idProperty);
			if (!r) missing.push(String(input.id));
			else if (!seen.has(r.id)) {
				seen.add(r.id);
				results.push(store.view(e.type, r, { properties: list(b.properties), propertiesWithHistory: withHistory }));
			}
		}
		const errors = missing.length
			? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: `Could not get some ${UPPER[e.type]} objects, they may be deleted or not exist. Check that ids are valid.`, context: { ids: missing } }]
			: [];
		e.reply(errors.length ? 207 : 200, batchEnvelope(results, errors));
	});

	/**
	 * Batch writes are all-or-nothing, except when inputs carry objectWriteTraceId: then HubSpot answers 207 with the
	 * failed inputs in errors[] (docs/crm-api-notes.md §1.10).
	 */
	function batchWrite(ctx, handleOne) {
		const e = enter(ctx);
		if (!e) return;
		const inputs = (ctx.body || {}).inputs;
		const bad = tooMany(inputs);
		if (bad) return e.reply(400, err(bad, 'VALIDATION_ERROR'));
		const traced = inputs.length > 0 && inputs.every((i) => i && i.objectWriteTraceId !== undefined);
		// Validate everything first so an all-or-nothing batch writes nothing when one input is bad.
		const planned = inputs.map((input) => handleOne.plan(e, input || {}));
		const failures = planned.filter((p) => p.error);
		if (!traced && failures.length) {
			const f = failures[0].error;
			return e.reply(f.httpStatus, f.body);
		}
		const results = [];
		const errors = [];
		let firstError;
		planned.forEach((p, i) => {
			const trace = inputs[i] && inputs[i].objectWriteTraceId;
			const done = p.error ? p : p.apply();
			if (done.error) {
				// Only a duplicate inside the same untraced batch gets here (everything else was checked above).
				if (!traced) return void (firstError = firstError || done.error);
				errors.push({ ...done.error.body, status: 'error', context: { ...(done.error.body.context || {}), objectWriteTraceId: [String(trace)] } });
				return;
			}
			const out = { ...store.view(e.type, done.record, { properties: Object.keys(inputs[i].properties || {}) }), ...done.extra };
			if (traced) out.objectWriteTraceId = String(trace);
			results.push(out);
		});
		if (firstError) return e.reply(firstError.httpStatus, firstError.body);
		return e.reply(errors.length ? 207 : handleOne.okStatus, batchEnvelope(results, errors));
	}

	const fail = (httpStatus, body) => ({ error: { httpStatus, body } });
	const conflictFail = (res) => fail(409, err(res.message, 'CONFLICT'));
	const checked = (e, properties) => {
		const c = checkProperties(store.schema[e.type], properties);
		return c.problems.length ? fail(400, validationError(c.problems)) : { values: c.values };
	};
	const notFound = (e, id) => fail(404, err(`Object not found.  objectId are usually numeric.`, 'OBJECT_NOT_FOUND', { context: { id: [String(id)] } }));

	function planCreate(e, input) {
		const c = checked(e, input.properties);
		if (c.error) return c;
		const clash = store.findConflict(e.type, c.values);
		if (clash) return conflictFail({ message: store.conflictMessage(e.type, clash) });
		return {
			apply: () => {
				const res = store.create(e.type, c.values, e.meta);
				if (res.conflict) return conflictFail(res);
				for (const a of input.associations || []) linkFromCreate(e.type, res.record.id, a);
				return { record: res.record };
			},
		};
	}
	function linkFromCreate(type, id, a) {
		const toId = a && a.to && String(a.to.id);
		if (!toId) return;
		for (const t of a.types || [{ associationTypeId: type === 'contacts' ? 279 : 280 }]) {
			const typeId = Number(t.associationTypeId);
			if (type === 'contacts' && store.get('companies', toId)) store.link(id, toId, typeId);
			if (type === 'companies' && store.get('contacts', toId)) store.link(toId, id, store.REVERSE_TYPE[typeId] || 279);
		}
	}
	function planUpdate(e, input) {
		const r = store.get(e.type, input.id, input.idProperty);
		if (!r) return notFound(e, input.id);
		const c = checked(e, input.properties);
		if (c.error) return c;
		const clash = store.findConflict(e.type, c.values, r.id);
		if (clash) return conflictFail({ message: store.conflictMessage(e.type, clash) });
		return {
			apply: () => {
				const res = store.update(e.type, r, c.values, e.meta);
				return res.conflict ? conflictFail(res) : { record: res.record };
			},
		};
	}
	function planUpsert(e, input) {
		const idProperty = input.idProperty || 'hs_object_id';
		const def = store.schema[e.type][idProperty];
		// Upsert needs a unique-value property; companies have none by default (domain is not unique).
		if (!def || !(def.unique || idProperty === 'hs_object_id')) {
			return fail(400, err(`Property "${idProperty}" can't be used as idProperty for ${UPPER[e.type]} upsert: it must be a property with hasUniqueValue=true.`, 'VALIDATION_ERROR'));
		}
		const c = checked(e, input.properties);
		if (c.error) return c;
		return {
			apply: () => {
				const r = store.get(e.type, input.id, idProperty);
				if (r) {
					const res = store.update(e.type, r, c.values, e.meta);
					return res.conflict ? conflictFail(res) : { record: res.record, extra: { new: false } };
				}
				if (idProperty === 'hs_object_id') return notFound(e, input.id);
				const checkedId = checked(e, { [idProperty]: input.id });
				if (checkedId.error) return checkedId;
				const res = store.create(e.type, { ...c.values, ...checkedId.values }, e.meta);
				return res.conflict ? conflictFail(res) : { record: res.record, extra: { new: true } };
			},
		};
	}

	core.route('POST', `${P}/batch/create`, (ctx) => batchWrite(ctx, { plan: planCreate, okStatus: 201 }));
	core.route('POST', `${P}/batch/update`, (ctx) => batchWrite(ctx, { plan: planUpdate, okStatus: 200 }));
	core.route('POST', `${P}/batch/upsert`, (ctx) => batchWrite(ctx, { plan: planUpsert, okStatus: 200 }));

	// --- search
	core.route('POST', `${P}/search`, (ctx) => {
		const e = enter(ctx, { search: true });
		if (!e) return;
		const out = runSearch({ store, type: e.type, body: ctx.body, now, lagMs: lagMs() });
		if (out.error) return e.reply(400, err(out.error, 'VALIDATION_ERROR'));
		const properties = list((ctx.body || {}).properties);
		const body = { total: out.total, results: out.results.map((r) => store.view(e.type, r, { properties })) };
		if (out.after) body.paging = { next: { after: out.after } };
		return e.reply(200, body);
	});

	// --- create / list / get / update / archive
	core.route('POST', P, (ctx) => {
		const e = enter(ctx);
		if (!e) return;
		const p = planCreate(e, ctx.body || {});
		const done = p.error ? p : p.apply();
		if (done.error) return e.reply(done.error.httpStatus, done.error.body);
		return e.reply(201, store.view(e.type, done.record, { properties: Object.keys((ctx.body || {}).properties || {}) }));
	});
	core.route('GET', P, (ctx) => {
		const e = enter(ctx);
		if (!e) return;
		const limit = ctx.query.limit === undefined ? 10 : Number(ctx.query.limit);
		if (!(limit >= 1 && limit <= 100)) return e.reply(400, err(`limit must be between 1 and 100 (was ${ctx.query.limit})`, 'VALIDATION_ERROR'));
		const all = store.list(e.type).sort((a, b) => Number(a.id) - Number(b.id));
		const start = ctx.query.after ? all.findIndex((r) => Number(r.id) >= Number(ctx.query.after)) : 0;
		const from = start < 0 ? all.length : start;
		const page = all.slice(from, from + limit);
		const opts = { properties: list(ctx.query.properties), propertiesWithHistory: list(ctx.query.propertiesWithHistory), associations: list(ctx.query.associations) };
		const body = { results: page.map((r) => store.view(e.type, r, opts)) };
		const next = all[from + limit];
		if (next) body.paging = { next: { after: next.id, link: `/crm/v3/objects/${e.type}?after=${next.id}` } };
		return e.reply(200, body);
	});
	core.route('GET', `${P}/:id`, (ctx) => {
		const e = enter(ctx);
		if (!e) return;
		const r = store.get(e.type, ctx.params.id, ctx.query.idProperty);
		if (!r) return e.reply(404, notFound(e, ctx.params.id).error.body);
		const opts = { properties: list(ctx.query.properties), propertiesWithHistory: list(ctx.query.propertiesWithHistory), associations: list(ctx.query.associations) };
		return e.reply(200, store.view(e.type, r, opts));
	});
	core.route('PATCH', `${P}/:id`, (ctx) => {
		const e = enter(ctx);
		if (!e) return;
		const p = planUpdate(e, { id: ctx.params.id, idProperty: ctx.query.idProperty, properties: (ctx.body || {}).properties });
		const done = p.error ? p : p.apply();
		if (done.error) return e.reply(done.error.httpStatus, done.error.body);
		return e.reply(200, store.view(e.type, done.record, { properties: Object.keys((ctx.body || {}).properties || {}) }));
	});
	core.route('DELETE', `${P}/:id`, (ctx) => {
		const e = enter(ctx);
		if (!e) return;
		const r = store.get(e.type, ctx.params.id);
		if (r) r.archived = true;
		return e.reply(204);
	});

	// --- account info, used by credential tests
	core.route('GET', '/hubspot/account-info/v3/details', (ctx) => {
		const a = auth.authenticate(ctx);
		if (!a) return;
		const headers = auth.limit(ctx, a);
		if (!headers) return;
		ctx.send(200, {
			portalId: options.portalId, accountType: 'STANDARD', timeZone: 'US/Eastern', companyCurrency: 'USD',
			additionalCurrencies: [], utcOffset: '-05:00', utcOffsetMilliseconds: -18000000, uiDomain: 'app.hubspot.com', dataHostingLocation: 'na1',
		}, headers);
	});

	return { TYPES, enter };
}

module.exports = { mountCrm, TYPES };
