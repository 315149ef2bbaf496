'use strict';
// Zoho CRM record store for Contacts and Accounts: ids, system fields, per-record validation with Zoho's
// error codes (docs/crm-api-notes.md §2.3, §2.4, §2.6), a search index that lags behind writes (§2.5).
const { formatZohoTime } = require('./time');

const MODULES = ['Contacts', 'Accounts'];
const MANDATORY = { Contacts: 'Last_Name', Accounts: 'Account_Name' };
const EMAIL_FIELDS = ['Email', 'Secondary_Email'];
const INTEGER_FIELDS = ['Employees'];
const NUMBER_FIELDS = ['Annual_Revenue'];
const READ_ONLY = ['id', 'Full_Name', 'Created_Time', 'Modified_Time', 'Created_By', 'Modified_By', 'Owner'];
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

const USERS = {
	api: { id: '4876876000000410001', name: 'Sandbox Integration', email: 'integration@sandbox.zoho.test' },
	page: { id: '4876876000000410002', name: 'Sandbox Page User', email: 'person@sandbox.zoho.test' },
};

function createStore(core, opts) {
	const now = core.now;
	const utcOffset = () => opts.utcOffset || '+05:30';
	const searchLagMs = () => (opts.searchLagMs === undefined ? 1000 : opts.searchLagMs);
	// Fields with "Do not allow duplicate values" (read on every write, so a test may change opts.uniqueFields). By
	// default the cross-reference field the tests and demo use, HubSpot_ID, is unique in both modules, as a Zoho org
	// set up for the sync's cross-reference option should have it.
	const uniqueFields = () => opts.uniqueFields || { Contacts: ['HubSpot_ID'], Accounts: ['Account_Name', 'HubSpot_ID'] };
	const data = { Contacts: new Map(), Accounts: new Map() };
	let seq = 1;
	const newId = () => `4876876000${String(1000000 + seq++).padStart(9, '0')}`;

	const userOf = (who) => (typeof who === 'object' && who ? who : USERS[who || 'api']);

	function error(code, message, details) {
		return { code, details, message, status: 'error' };
	}

	/** Validates one record body; returns a Zoho per-record error or null. `isInsert` checks mandatory fields. */
	function validate(module, input, index, isInsert) {
		const path = (f) => `$.data[${index}].${f}`;
		if (typeof input !== 'object' || input === null || Array.isArray(input)) {
			return error('INVALID_DATA', 'invalid data', { expected_data_type: 'jsonobject', json_path: `$.data[${index}]` });
		}
		const mandatory = MANDATORY[module];
		const mv = input[mandatory];
		if ((isInsert && (mv === undefined || mv === null || mv === '')) || (!isInsert && mandatory in input && (mv === null || mv === ''))) {
			return error('MANDATORY_NOT_FOUND', 'required field not found', { api_name: mandatory, json_path: path(mandatory) });
		}
		for (const [field, value] of Object.entries(input)) {
			if (value === null || READ_ONLY.includes(field) || field.startsWith('$')) continue;
			const bad = (type, extra = {}) => error('INVALID_DATA', 'invalid data', { expected_data_type: type, api_name: field, json_path: path(field), ...extra });
			if (module === 'Contacts' && field === 'Account_Name') {
				const id = typeof value === 'object' ? value.id : undefined;
				if (typeof id !== 'string' || !data.Accounts.has(id)) return bad('lookup');
				continue;
			}
			if (INTEGER_FIELDS.includes(field)) {
				if (!Number.isInteger(value)) return bad('integer');
				continue;
			}
			if (NUMBER_FIELDS.includes(field)) {
				if (typeof value !== 'number' || !Number.isFinite(value)) return bad('double');
				continue;
			}
			if (typeof value === 'object') return bad('text');
			if (EMAIL_FIELDS.includes(field) && (typeof value !== 'string' || !EMAIL_RE.test(value))) return bad('email');
			if (typeof value === 'string' && value.length > 255) return bad('text', { maximum_length: 255 });
		}
		return null;
	}

	/** Finds an existing record whose unique field equals the input's (DUPLICATE_DATA on insert). */
	function findDuplicate(module, input, fields, exceptId) {
		for (const f of fields) {
			const v = input[f];
			if (typeof v !== 'string' || v === '') continue;
			for (const rec of data[module].values()) {
				if (rec.id !== exceptId && typeof rec[f] === 'string' && rec[f].toLowerCase() === v.toLowerCase()) return { field: f, rec };
			}
		}
		return null;
	}

	function applyFields(module, rec, input) {
		const changed = [];
		for (const [field, value] of Object.entries(input)) {
			if (READ_ONLY.includes(field) || field.startsWith('$')) continue;
			let next = value;
			if (module === 'Contacts' && field === 'Account_Name' && value) {
				// Lookup: written as {id}, read back as {name, id}.
				next = { name: data.Accounts.get(value.id).Account_Name, id: value.id };
			}
			if (JSON.stringify(rec[field]) !== JSON.stringify(next)) changed.push(field);
			rec[field] = next === undefined ? null : next;
		}
		if (module === 'Contacts') rec.Full_Name = [rec.First_Name, rec.Last_Name].filter(Boolean).join(' ');
		return changed;
	}

	function stamp(rec, who, created) {
		const t = now();
		const user = userOf(who);
		const ref = { id: user.id, name: user.name, email: user.email };
		rec._modifiedMs = t;
		rec.Modified_Time = formatZohoTime(t, utcOffset());
		rec.Modified_By = ref;
		if (created) {
			rec._createdMs = t;
			rec.Created_Time = rec.Modified_Time;
			rec.Created_By = ref;
			rec.Owner = ref;
		}
	}

	/**
	 * The record timeline (GET /{Module}/{id}/__timeline, https://www.zoho.com/crm/developer/docs/api/v8/timeline-of-a-record.html):
	 * one entry per write, API writes included, with who (done_by), how (source: crm_api for API calls, crm_ui for a
	 * person) and each changed field's old and new value. Kept newest first.
	 */
	const timelineValue = (v) => (v === null || v === undefined ? null : typeof v === 'object' ? (v.name ?? v.id ?? null) : String(v));
	let timelineSeq = 1;
	function audit(rec, who, action, fieldHistory) {
		const user = userOf(who);
		const entry = {
			_ms: now(),
			id: `4876876000${String(5000000 + timelineSeq++).padStart(9, '0')}`,
			action,
			source: who === 'api' || who === undefined ? 'crm_api' : 'crm_ui',
			done_by: { id: user.id, name: user.name },
			type: 'timeline',
			field_history: fieldHistory,
		};
		(rec._timeline = rec._timeline || []).unshift(entry);
	}

	/** Timeline entries as the API shows them: newest first, audited_time in the user's offset. */
	function timeline(rec) {
		return (rec._timeline || []).map(({ _ms, ...e }) => ({ ...JSON.parse(JSON.stringify(e)), audited_time: formatZohoTime(_ms, utcOffset()) }));
	}

	function snapshot(rec) {
		return rec ? JSON.parse(JSON.stringify(rec)) : null;
	}

	function markIndexed(rec, before) {
		rec._indexAt = now() + searchLagMs();
		rec._indexedVersion = before; // what search sees until the lag has passed
	}

	function insert(module, input, who) {
		const rec = { id: newId() };
		applyFields(module, rec, input);
		stamp(rec, who, true);
		audit(rec, who, 'added', null);
		markIndexed(rec, null);
		data[module].set(rec.id, rec);
		return rec;
	}

	function update(module, id, input, who) {
		const rec = data[module].get(id);
		const before = snapshot(rec);
		const changed = applyFields(module, rec, input);
		stamp(rec, who, false);
		if (changed.length) audit(rec, who, 'updated', changed.map((f) => ({ api_name: f, id: null, _value: { old: timelineValue(before[f]), new: timelineValue(rec[f]) } })));
		markIndexed(rec, before);
		// A renamed account is shown with its new name in every contact's lookup.
		if (module === 'Accounts' && changed.includes('Account_Name')) {
			for (const c of data.Contacts.values()) if (c.Account_Name && c.Account_Name.id === id) c.Account_Name.name = rec.Account_Name;
		}
		return { rec, changed };
	}

	function remove(module, id) {
		const rec = data[module].get(id);
		data[module].delete(id);
		if (module === 'Accounts') for (const c of data.Contacts.values()) if (c.Account_Name && c.Account_Name.id === id) c.Account_Name = null;
		return rec;
	}

	/** Public view of a record: no underscore fields, optionally restricted to `fields` (id always kept). */
	function view(rec, fields) {
		const out = {};
		for (const [k, v] of Object.entries(rec)) {
			if (k.startsWith('_')) continue;
			if (fields && k !== 'id' && !fields.includes(k)) continue;
			out[k] = v === undefined ? null : JSON.parse(JSON.stringify(v));
		}
		if (fields) for (const f of fields) if (!(f in out)) out[f] = null;
		return out;
	}

	/** The version of a record search can see (search lags writes by searchLagMs). */
	function searchable(rec) {
		return now() >= rec._indexAt ? rec : rec._indexedVersion;
	}

	function reset() {
		data.Contacts.clear();
		data.Accounts.clear();
	}

	return {
		data, MODULES, USERS, timeline, validate, findDuplicate, insert, update, remove, view, searchable, reset, error, userOf,
		get uniqueFields() {
			return uniqueFields();
		},
	};
}

module.exports = { createStore, MODULES, USERS };
