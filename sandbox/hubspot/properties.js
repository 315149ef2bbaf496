'use strict';
// HubSpot property definitions the emulator knows (docs/crm-api-notes.md §1.8) and HubSpot-shaped validation.
// Enumerations take internal values only, case-sensitive (INVALID_OPTION otherwise).

const LIFECYCLE_STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
const LEAD_STATUSES = ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'];
const INDUSTRIES = [
	'ACCOUNTING', 'AIRLINES_AVIATION', 'APPAREL_FASHION', 'AUTOMOTIVE', 'BANKING', 'BIOTECHNOLOGY', 'BROADCAST_MEDIA',
	'CHEMICALS', 'COMPUTER_HARDWARE', 'COMPUTER_NETWORKING', 'COMPUTER_SOFTWARE', 'CONSTRUCTION', 'CONSUMER_ELECTRONICS',
	'CONSUMER_GOODS', 'EDUCATION_MANAGEMENT', 'ENTERTAINMENT', 'FINANCIAL_SERVICES', 'FOOD_BEVERAGES', 'HOSPITAL_HEALTH_CARE',
	'HOSPITALITY', 'INFORMATION_TECHNOLOGY_AND_SERVICES', 'INSURANCE', 'INTERNET', 'LOGISTICS_AND_SUPPLY_CHAIN',
	'MANAGEMENT_CONSULTING', 'MARKETING_AND_ADVERTISING', 'MECHANICAL_OR_INDUSTRIAL_ENGINEERING', 'MEDICAL_DEVICES',
	'NONPROFIT_ORGANIZATION_MANAGEMENT', 'OIL_ENERGY', 'PHARMACEUTICALS', 'REAL_ESTATE', 'RETAIL', 'TELECOMMUNICATIONS',
	'TRANSPORTATIONTRUCKINGRAILROAD', 'UTILITIES', 'WHOLESALE',
];
const COMPANY_TYPES = ['PROSPECT', 'PARTNER', 'RESELLER', 'VENDOR', 'OTHER'];

const text = (name) => ({ name, type: 'string' });
const sys = (name, type = 'datetime') => ({ name, type, readOnly: true });

function contactDefs(extra) {
	return [
		{ name: 'email', type: 'string', unique: true, email: true },
		...['firstname', 'lastname', 'phone', 'mobilephone', 'company', 'jobtitle', 'address', 'city', 'state', 'zip', 'country', 'website', 'hs_additional_emails'].map(text),
		{ name: 'lifecyclestage', type: 'enumeration', options: LIFECYCLE_STAGES },
		{ name: 'hs_lead_status', type: 'enumeration', options: LEAD_STATUSES },
		sys('createdate'), sys('lastmodifieddate'), sys('hs_object_id', 'number'),
		...extra,
	];
}

function companyDefs(extra) {
	return [
		...['name', 'domain', 'website', 'phone', 'address', 'city', 'state', 'zip', 'country', 'description'].map(text),
		{ name: 'industry', type: 'enumeration', options: INDUSTRIES },
		{ name: 'type', type: 'enumeration', options: COMPANY_TYPES },
		{ name: 'numberofemployees', type: 'number', integer: true },
		{ name: 'annualrevenue', type: 'number' },
		sys('createdate'), sys('hs_lastmodifieddate'), sys('hs_object_id', 'number'),
		...extra,
	];
}

/** Custom properties: { contacts: [{name, unique?}], companies: [...] }. Defaults: one cross-reference id per side. */
function buildSchema(custom = {}) {
	const toDefs = (list) => (list || []).map((p) => (typeof p === 'string' ? { name: p, type: 'string' } : { type: 'string', ...p }));
	const contacts = contactDefs(toDefs(custom.contacts ?? [{ name: 'zoho_contact_id', unique: true }]));
	const companies = companyDefs(toDefs(custom.companies ?? [{ name: 'zoho_account_id', unique: true }]));
	const index = (defs) => Object.fromEntries(defs.map((d) => [d.name, d]));
	return { contacts: index(contacts), companies: index(companies) };
}

const DEFAULT_PROPERTIES = {
	contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
	companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
};
const ALWAYS_RETURNED = {
	contacts: ['createdate', 'hs_object_id', 'lastmodifieddate'],
	companies: ['createdate', 'hs_object_id', 'hs_lastmodifieddate'],
};
const LAST_MODIFIED = { contacts: 'lastmodifieddate', companies: 'hs_lastmodifieddate' };

function invalid(name, error, message) {
	return { isValid: false, message, error, name, localizedErrorMessage: message };
}

/**
 * Validates and normalises a property write. Returns { values, problems } where values are strings or null ("" clears)
 * and problems are HubSpot's "Property values were not valid" items.
 */
function checkProperties(schema, properties) {
	const values = {};
	const problems = [];
	for (const [name, raw] of Object.entries(properties || {})) {
		const def = schema[name];
		if (!def) {
			problems.push(invalid(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`));
			continue;
		}
		if (def.readOnly) {
			problems.push(invalid(name, 'READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`));
			continue;
		}
		if (raw === null || raw === undefined || raw === '') {
			values[name] = null;
			continue;
		}
		const value = String(raw);
		if (def.type === 'enumeration' && !def.options.includes(value)) {
			const allowed = def.options.map((o) => `value: "${o}"`).join(', ');
			problems.push(invalid(name, 'INVALID_OPTION', `${value} was not one of the allowed options: [${allowed}]`));
			continue;
		}
		if (def.type === 'number' && (!/^-?\d+(\.\d+)?$/.test(value) || (def.integer && value.includes('.')))) {
			problems.push(invalid(name, def.integer ? 'INVALID_INTEGER' : 'INVALID_DECIMAL', `${value} is not a valid ${def.integer ? 'integer' : 'number'}.`));
			continue;
		}
		if (def.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
			problems.push(invalid(name, 'INVALID_EMAIL', `Email address ${value} is invalid`));
			continue;
		}
		values[name] = def.email ? value.toLowerCase() : value;
	}
	return { values, problems };
}

const LABELS = {
	email: 'Email', firstname: 'First Name', lastname: 'Last Name', phone: 'Phone Number', mobilephone: 'Mobile Phone Number', company: 'Company Name',
	jobtitle: 'Job Title', address: 'Street Address', city: 'City', state: 'State/Region', zip: 'Postal Code', country: 'Country/Region',
	website: 'Website URL', hs_additional_emails: 'Additional email addresses', lifecyclestage: 'Lifecycle Stage', hs_lead_status: 'Lead Status',
	createdate: 'Create Date', lastmodifieddate: 'Last Modified Date', hs_lastmodifieddate: 'Last Modified Date', hs_object_id: 'Record ID',
	name: 'Company name', domain: 'Company Domain Name', industry: 'Industry', type: 'Type', numberofemployees: 'Number of Employees',
	annualrevenue: 'Annual Revenue', description: 'Description',
};
const PHONE_PROPERTIES = new Set(['phone', 'mobilephone']);
const optionLabel = (v) => v.toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

/**
 * A property definition as GET /crm/v3/properties/{objectType} returns it
 * (https://developers.hubspot.com/docs/api/crm/properties): type is the data type, fieldType the UI control,
 * modificationMetadata.readOnlyValue marks values only HubSpot sets. HubSpot has no "required" flag on properties.
 */
function toPropertyJson(def, group, at) {
	const type = def.type === 'string' ? 'string' : def.type;
	const fieldType =
		def.type === 'enumeration' ? 'select' : def.type === 'number' ? 'number' : def.type === 'datetime' ? 'date' : PHONE_PROPERTIES.has(def.name) ? 'phonenumber' : 'text';
	return {
		updatedAt: at, createdAt: at, name: def.name, label: def.label || LABELS[def.name] || def.name, type, fieldType,
		description: def.description || '', groupName: group,
		options: (def.options || []).map((value, i) => ({ label: optionLabel(value), value, displayOrder: i, hidden: false })),
		displayOrder: -1, calculated: false, externalOptions: false, hasUniqueValue: def.unique === true, hidden: false,
		modificationMetadata: { archivable: !def.readOnly, readOnlyDefinition: !def.name.startsWith('zoho_'), readOnlyValue: def.readOnly === true },
		formField: !def.readOnly, dataSensitivity: 'non_sensitive',
	};
}

/** GET /crm/v3/properties/{objectType}: every (non-archived) property of contacts or companies. */
function mountProperties({ core, auth, schema, types }) {
	core.route('GET', '/hubspot/crm/v3/properties/:objectType', (ctx) => {
		const a = auth.authenticate(ctx);
		if (!a) return;
		const headers = auth.limit(ctx, a);
		if (!headers) return;
		const type = types[ctx.params.objectType];
		if (!type) return ctx.send(400, auth.errorBody(`Unable to infer object type from: ${ctx.params.objectType}`, 'VALIDATION_ERROR'), headers);
		const at = '2020-01-01T00:00:00Z';
		const group = type === 'contacts' ? 'contactinformation' : 'companyinformation';
		ctx.send(200, { results: Object.values(schema[type]).map((d) => toPropertyJson(d, group, at)) }, headers);
	});
}

module.exports = { mountProperties, buildSchema, checkProperties, DEFAULT_PROPERTIES, ALWAYS_RETURNED, LAST_MODIFIED, LIFECYCLE_STAGES, INDUSTRIES };
