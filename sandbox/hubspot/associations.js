'use strict';
// CRM v4 associations between contacts and companies (docs/crm-api-notes.md §1.7).
// HUBSPOT_DEFINED type ids: 1 contact->company primary, 279 contact->company, 2 company->contact primary, 280 company->contact.
const { TYPES } = require('./crm');

const TYPE_ID = { contacts: '0-1', companies: '0-2' };
const DEFAULT_TYPE = { contacts: 279, companies: 280 };
const LABELS = {
	'contacts|companies': [{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' }, { category: 'HUBSPOT_DEFINED', typeId: 279, label: null }],
	'companies|contacts': [{ category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' }, { category: 'HUBSPOT_DEFINED', typeId: 280, label: null }],
};

function mountAssociations({ core, store, auth }) {
	const err = auth.errorBody;
	const now = core.now;

	function enter(ctx, fromKey, toKey) {
		const a = auth.authenticate(ctx);
		if (!a) return null;
		const headers = auth.limit(ctx, a);
		if (!headers) return null;
		const from = TYPES[ctx.params[fromKey]];
		const to = TYPES[ctx.params[toKey]];
		if (!from || !to || from === to) {
			ctx.send(400, err(`Unsupported association: ${ctx.params[fromKey]} -> ${ctx.params[toKey]}`, 'VALIDATION_ERROR'), headers);
			return null;
		}
		return { from, to, reply: (s, b) => ctx.send(s, b, headers) };
	}

	/** Links from/to in the from-type's direction; typeId is in the from->to direction. */
	function link(from, fromId, toId, typeId) {
		if (from === 'contacts') store.link(fromId, toId, typeId);
		else store.link(toId, fromId, store.REVERSE_TYPE[typeId]);
	}
	const unlink = (from, fromId, toId) => (from === 'contacts' ? store.unlink(fromId, toId) : store.unlink(toId, fromId));
	const missing = (e, fromId, toId) => !store.get(e.from, fromId) || !store.get(e.to, toId);
	const notFound = (e, fromId, toId) => e.reply(404, err(`One or more objects were not found: ${fromId}, ${toId}`, 'OBJECT_NOT_FOUND'));
	const labelsOf = (e, typeIds) => typeIds.map((t) => LABELS[`${e.from}|${e.to}`].find((l) => l.typeId === t)).filter(Boolean);
	const envelope = (results, errors = []) => {
		const t = store.iso(now());
		const out = { status: 'COMPLETE', results, startedAt: t, completedAt: t };
		if (errors.length) Object.assign(out, { numErrors: errors.length, errors });
		return out;
	};
	const defaultSpec = (e) => ({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: DEFAULT_TYPE[e.from] });

	const V4 = '/hubspot/crm/v4/objects/:fromType/:fromId/associations';
	core.route('PUT', `${V4}/default/:toType/:toId`, (ctx) => {
		const e = enter(ctx, 'fromType', 'toType');
		if (!e) return;
		const { fromId, toId } = ctx.params;
		if (missing(e, fromId, toId)) return notFound(e, fromId, toId);
		link(e.from, fromId, toId, DEFAULT_TYPE[e.from]);
		const back = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: DEFAULT_TYPE[e.to] };
		return e.reply(200, envelope([
			{ from: { id: fromId }, to: { id: toId }, associationSpec: defaultSpec(e) },
			{ from: { id: toId }, to: { id: fromId }, associationSpec: back },
		]));
	});
	core.route('PUT', `${V4}/:toType/:toId`, (ctx) => {
		const e = enter(ctx, 'fromType', 'toType');
		if (!e) return;
		const { fromId, toId } = ctx.params;
		if (missing(e, fromId, toId)) return notFound(e, fromId, toId);
		const specs = Array.isArray(ctx.body) ? ctx.body : [];
		if (!specs.length) return e.reply(400, err('Request body must be a list of association specs.', 'VALIDATION_ERROR'));
		for (const s of specs) {
			if (!labelsOf(e, [Number(s.associationTypeId)]).length) return e.reply(400, err(`Invalid association type id ${s.associationTypeId} for ${e.from} -> ${e.to}`, 'VALIDATION_ERROR'));
		}
		for (const s of specs) link(e.from, fromId, toId, Number(s.associationTypeId));
		const found = store.linksOf(e.from, fromId).find((l) => l.toId === toId);
		return e.reply(200, {
			fromObjectTypeId: TYPE_ID[e.from], fromObjectId: Number(fromId), toObjectTypeId: TYPE_ID[e.to], toObjectId: Number(toId),
			labels: labelsOf(e, found ? found.typeIds : []).map((l) => l.label).filter(Boolean),
		});
	});
	core.route('GET', `${V4}/:toType`, (ctx) => {
		const e = enter(ctx, 'fromType', 'toType');
		if (!e) return;
		const results = store.linksOf(e.from, ctx.params.fromId).map((l) => ({
			toObjectId: Number(l.toId),
			associationTypes: labelsOf(e, l.typeIds).map((x) => ({ category: x.category, typeId: x.typeId, label: x.label })),
		}));
		return e.reply(200, { results });
	});
	core.route('DELETE', `${V4}/:toType/:toId`, (ctx) => {
		const e = enter(ctx, 'fromType', 'toType');
		if (!e) return;
		unlink(e.from, ctx.params.fromId, ctx.params.toId);
		return e.reply(204);
	});

	const B = '/hubspot/crm/v4/associations/:fromType/:toType/batch';
	const inputsOf = (ctx, e) => {
		const inputs = (ctx.body || {}).inputs;
		if (!Array.isArray(inputs)) return void e.reply(400, err('inputs must be an array', 'VALIDATION_ERROR'));
		if (inputs.length > 2000) return void e.reply(400, err('Too many inputs: the maximum is 2000.', 'VALIDATION_ERROR'));
		return inputs;
	};
	/** A batch endpoint: checks the path and inputs, runs `each(e, input, results, errors)`, answers 207 on any error. */
	const batch = (each, okStatus = () => 200) => (ctx) => {
		const e = enter(ctx, 'fromType', 'toType');
		if (!e) return;
		const inputs = inputsOf(ctx, e);
		if (!inputs) return;
		const results = [];
		const errors = [];
		for (const i of inputs) each(e, i, results, errors);
		return e.reply(errors.length ? 207 : okStatus(), envelope(results, errors));
	};
	core.route('POST', `${B}/read`, batch((e, i, results, errors) => {
		const id = String(i.id);
		const to = store.linksOf(e.from, id).map((l) => ({ toObjectId: Number(l.toId), associationTypes: labelsOf(e, l.typeIds) }));
		if (to.length) results.push({ from: { id }, to });
		else errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: `No ${e.to} is associated with ${e.from} ${id}.`, context: { fromObjectId: [id] } });
	}));
	const batchLink = (useDefault) =>
		batch((e, i, results, errors) => {
			const fromId = String(i.from && i.from.id);
			const toId = String(i.to && i.to.id);
			if (missing(e, fromId, toId)) {
				errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: `One or more objects were not found: ${fromId}, ${toId}`, context: { fromObjectId: [fromId], toObjectId: [toId] } });
				return;
			}
			const types = useDefault ? [defaultSpec(e)] : i.types || [];
			for (const t of types) link(e.from, fromId, toId, Number(t.associationTypeId));
			results.push(useDefault
				? { from: { id: fromId }, to: { id: toId }, associationSpec: defaultSpec(e) }
				: { fromObjectTypeId: TYPE_ID[e.from], fromObjectId: Number(fromId), toObjectTypeId: TYPE_ID[e.to], toObjectId: Number(toId), labels: [] });
		}, () => (useDefault ? 200 : 201));
	core.route('POST', `${B}/create`, batchLink(false));
	core.route('POST', `${B}/associate/default`, batchLink(true));
	core.route('POST', `${B}/archive`, (ctx) => {
		const e = enter(ctx, 'fromType', 'toType');
		if (!e) return;
		const inputs = inputsOf(ctx, e);
		if (!inputs) return;
		for (const i of inputs) for (const t of i.to || []) unlink(e.from, String(i.from && i.from.id), String(t.id));
		return e.reply(204);
	});
	core.route('GET', '/hubspot/crm/v4/associations/:fromType/:toType/labels', (ctx) => {
		const e = enter(ctx, 'fromType', 'toType');
		if (!e) return;
		return e.reply(200, { results: LABELS[`${e.from}|${e.to}`] });
	});
}

module.exports = { mountAssociations };
