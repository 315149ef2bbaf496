'use strict';
// In-memory HubSpot portal: contacts, companies, property history, contact<->company associations.
const { ALWAYS_RETURNED, DEFAULT_PROPERTIES, LAST_MODIFIED, LIFECYCLE_STAGES } = require('./properties');

const LABEL = { contacts: 'Contact', companies: 'Company' };
// HUBSPOT_DEFINED association type ids (docs/crm-api-notes.md §1.7): contact->company 1 primary / 279, company->contact 2 / 280.
const REVERSE_TYPE = { 1: 2, 279: 280, 2: 1, 280: 279 };

function createStore({ now, schema, onChange = () => {} }) {
	const objects = { contacts: new Map(), companies: new Map() };
	const links = new Map(); // `${contactId}|${companyId}` -> Set(contact->company type ids)
	// Each side's partners, so listing one record's links does not scan every link (bulk tests hold 50,000 contacts).
	const partners = { contacts: new Map(), companies: new Map() };
	const addPartner = (side, id, other) => (partners[side].get(id) || partners[side].set(id, new Set()).get(id)).add(other);
	let nextId = { contacts: 101, companies: 5001 };
	const iso = (ms) => new Date(ms).toISOString();

	function findBy(type, name, value) {
		if (value === null || value === undefined) return undefined;
		const wanted = name === 'email' ? String(value).toLowerCase() : String(value);
		if (name === 'hs_object_id') return objects[type].get(wanted);
		for (const r of objects[type].values()) if (!r.archived && r.properties[name] === wanted) return r;
		return undefined;
	}

	/** A unique-value property already used by another record -> { id, name, value }. */
	function findConflict(type, values, selfId) {
		for (const [name, value] of Object.entries(values)) {
			if (!schema[type][name]?.unique || value === null) continue;
			const other = findBy(type, name, value);
			if (other && other.id !== selfId) return { id: other.id, name, value };
		}
		return undefined;
	}

	function conflictMessage(type, conflict) {
		// The email wording is HubSpot's (docs/crm-api-notes.md §1.6); clients parse "Existing ID: N".
		if (conflict.name === 'email') return `${LABEL[type]} already exists. Existing ID: ${conflict.id}`;
		return `${LABEL[type]} with ${conflict.name} "${conflict.value}" already exists. Existing ID: ${conflict.id}`;
	}

	function record(type, meta) {
		const at = meta.at ?? now();
		const id = meta.id ? String(meta.id) : String(nextId[type]++);
		if (Number(id) >= nextId[type]) nextId[type] = Number(id) + 1;
		const r = { id, type, properties: {}, history: {}, createdAt: meta.createdAt ?? at, updatedAt: at, writtenAt: now(), archived: false };
		r.properties.hs_object_id = id;
		r.properties.createdate = iso(r.createdAt);
		r.properties[LAST_MODIFIED[type]] = iso(at);
		objects[type].set(id, r);
		return r;
	}

	function applyValues(type, r, values, meta, created) {
		const at = meta.at ?? now();
		const changed = [];
		for (const [name, value] of Object.entries(values)) {
			const old = r.properties[name] ?? null;
			// lifecyclestage only moves forward unless cleared first (docs/crm-api-notes.md §1.8): a step back is ignored.
			if (name === 'lifecyclestage' && old && value && LIFECYCLE_STAGES.indexOf(value) < LIFECYCLE_STAGES.indexOf(old)) continue;
			if (old === value && !created) continue;
			r.properties[name] = value;
			const entry = { value: value ?? '', timestamp: iso(at), sourceType: meta.sourceType };
			if (meta.sourceId) entry.sourceId = meta.sourceId;
			(r.history[name] = r.history[name] || []).unshift(entry);
			if (value !== null || !created) changed.push({ name, value: value ?? '' });
		}
		if (changed.length || created) {
			r.updatedAt = Math.max(at, r.createdAt);
			r.writtenAt = now();
			r.properties[LAST_MODIFIED[type]] = iso(r.updatedAt);
		}
		return changed;
	}

	/** values must be validated already. Returns { record } or { conflict, message }. */
	function create(type, values, given) {
		const meta = { ...given, at: given.at ?? now() };
		const conflict = findConflict(type, values);
		if (conflict) return { conflict, message: conflictMessage(type, conflict) };
		const r = record(type, meta);
		const changed = applyValues(type, r, values, meta, true);
		onChange({ type, record: r, created: true, changed, meta });
		return { record: r };
	}

	function update(type, r, values, given) {
		const meta = { ...given, at: given.at ?? now() };
		const conflict = findConflict(type, values, r.id);
		if (conflict) return { conflict, message: conflictMessage(type, conflict) };
		const changed = applyValues(type, r, values, meta, false);
		if (changed.length) onChange({ type, record: r, created: false, changed, meta });
		return { record: r, changed };
	}

	function link(contactId, companyId, typeId = 279) {
		const key = `${contactId}|${companyId}`;
		const set = links.get(key) || new Set();
		set.add(typeId);
		// A labelled link implies the unlabelled one, as in HubSpot.
		set.add(typeId === 1 || typeId === 2 ? 279 : typeId);
		links.set(key, set);
		addPartner('contacts', String(contactId), String(companyId));
		addPartner('companies', String(companyId), String(contactId));
	}
	const unlink = (contactId, companyId) => {
		partners.contacts.get(String(contactId))?.delete(String(companyId));
		partners.companies.get(String(companyId))?.delete(String(contactId));
		return links.delete(`${contactId}|${companyId}`);
	};

	/** Associations seen from `fromType` record `id`: [{ toId, typeIds }], in the order the links were made. */
	function linksOf(fromType, id) {
		const out = [];
		for (const other of partners[fromType]?.get(String(id)) || []) {
			const set = links.get(fromType === 'contacts' ? `${id}|${other}` : `${other}|${id}`);
			if (!set) continue;
			if (fromType === 'contacts') out.push({ toId: other, typeIds: [...set] });
			else out.push({ toId: other, typeIds: [...set].map((t) => REVERSE_TYPE[t]) });
		}
		return out;
	}

	function get(type, id, idProperty) {
		const r = idProperty && idProperty !== 'hs_object_id' ? findBy(type, idProperty, id) : objects[type].get(String(id));
		return r && !r.archived ? r : undefined;
	}

	/** SimplePublicObject view (docs/crm-api-notes.md §1.6). */
	function view(type, r, opts = {}) {
		const names = opts.properties && opts.properties.length ? [...new Set([...opts.properties, ...ALWAYS_RETURNED[type]])] : DEFAULT_PROPERTIES[type];
		const properties = {};
		for (const n of names) if (schema[type][n]) properties[n] = r.properties[n] ?? null;
		const out = { id: r.id, properties, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt), archived: false };
		if (opts.propertiesWithHistory && opts.propertiesWithHistory.length) {
			out.propertiesWithHistory = {};
			for (const n of opts.propertiesWithHistory) if (schema[type][n]) out.propertiesWithHistory[n] = (r.history[n] || []).map((e) => ({ ...e }));
		}
		if (opts.associations && opts.associations.length) {
			const other = type === 'contacts' ? 'companies' : 'contacts';
			if (opts.associations.includes(other)) {
				const singular = type === 'contacts' ? 'contact_to_company' : 'company_to_contact';
				const results = [];
				for (const l of linksOf(type, r.id)) {
					for (const t of l.typeIds) results.push({ id: l.toId, type: t === 279 || t === 280 ? `${singular}_unlabeled` : singular });
				}
				if (results.length) out.associations = { [other]: { results } };
			}
		}
		return out;
	}

	const list = (type) => [...objects[type].values()].filter((r) => !r.archived);

	function reset() {
		objects.contacts.clear();
		objects.companies.clear();
		links.clear();
		partners.contacts.clear();
		partners.companies.clear();
		nextId = { contacts: 101, companies: 5001 };
	}

	return { objects, schema, findConflict, conflictMessage, create, update, get, findBy, view, list, link, unlink, linksOf, reset, iso, REVERSE_TYPE };
}

module.exports = { createStore };
