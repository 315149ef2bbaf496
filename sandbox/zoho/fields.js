'use strict';
// Zoho CRM v8 field metadata: GET /crm/v8/settings/fields?module=Contacts|Accounts
// (https://www.zoho.com/crm/developer/docs/api/v8/field-meta.html). Each field has api_name, field_label,
// display_label, data_type, json_type, read_only / field_read_only, system_mandatory, length and, for picklists,
// pick_list_values [{ display_value, actual_value, id }]. Needs the ZohoCRM.settings.fields scope.

const INDUSTRIES = [
	'ASP (Application Service Provider)', 'Communications', 'Consulting', 'Data/Telecom OEM', 'Education', 'ERP (Enterprise Resource Planning)',
	'Financial Services', 'Government', 'Government/Military', 'Large Enterprise', 'Management ISV', 'Manufacturing', 'MSP (Management Service Provider)',
	'Network Equipment Enterprise', 'Non-management ISV', 'Optical Networking', 'Retail', 'Service Provider', 'Small/Medium Enterprise',
	'Storage Equipment', 'Storage Service Provider', 'Systems Integrator', 'Technology', 'Wireless Industry',
];
const LEAD_SOURCES = ['Advertisement', 'Cold Call', 'Employee Referral', 'External Referral', 'Online Store', 'Partner', 'Public Relations', 'Sales Email Alias', 'Seminar Partner', 'Internal Seminar', 'Trade Show', 'Web Download', 'Web Research', 'Chat'];
const ACCOUNT_TYPES = ['Analyst', 'Competitor', 'Customer', 'Distributor', 'Integrator', 'Investor', 'Other', 'Partner', 'Press', 'Prospect', 'Reseller', 'Supplier', 'Vendor'];

const JSON_TYPE = { text: 'string', textarea: 'string', email: 'string', phone: 'string', website: 'string', picklist: 'string', integer: 'integer', bigint: 'string', double: 'double', currency: 'double', date: 'string', datetime: 'string', lookup: 'jsonobject', ownerlookup: 'jsonobject', boolean: 'boolean' };
const LENGTH = { text: 255, textarea: 32000, email: 100, phone: 30, website: 255, picklist: 120, integer: 9, bigint: 18, double: 16, currency: 16, date: 20, datetime: 120, lookup: 120, ownerlookup: 120, boolean: 5 };

// [api_name, label, data_type, flags] — flags: m = system mandatory, r = read only, c = custom field
const CONTACTS = [
	['Owner', 'Contact Owner', 'ownerlookup'], ['Lead_Source', 'Lead Source', 'picklist', '', LEAD_SOURCES], ['First_Name', 'First Name', 'text'],
	['Last_Name', 'Last Name', 'text', 'm'], ['Full_Name', 'Full Name', 'text', 'r'], ['Account_Name', 'Account Name', 'lookup'], ['Email', 'Email', 'email'],
	['Secondary_Email', 'Secondary Email', 'email'], ['Title', 'Title', 'text'], ['Department', 'Department', 'text'], ['Phone', 'Phone', 'phone'],
	['Mobile', 'Mobile', 'phone'], ['Date_of_Birth', 'Date of Birth', 'date'], ['Email_Opt_Out', 'Email Opt Out', 'boolean'],
	['Mailing_Street', 'Mailing Street', 'text'], ['Mailing_City', 'Mailing City', 'text'], ['Mailing_State', 'Mailing State', 'text'],
	['Mailing_Zip', 'Mailing Zip', 'text'], ['Mailing_Country', 'Mailing Country', 'text'], ['Description', 'Description', 'textarea'],
	['Created_By', 'Created By', 'ownerlookup', 'r'], ['Modified_By', 'Modified By', 'ownerlookup', 'r'], ['Created_Time', 'Created Time', 'datetime', 'r'],
	['Modified_Time', 'Modified Time', 'datetime', 'r'], ['HubSpot_ID', 'HubSpot ID', 'text', 'c'],
];
const ACCOUNTS = [
	['Owner', 'Account Owner', 'ownerlookup'], ['Account_Name', 'Account Name', 'text', 'm'], ['Account_Type', 'Account Type', 'picklist', '', ACCOUNT_TYPES],
	['Industry', 'Industry', 'picklist', '', INDUSTRIES], ['Website', 'Website', 'website'], ['Phone', 'Phone', 'phone'], ['Employees', 'Employees', 'integer'],
	['Annual_Revenue', 'Annual Revenue', 'currency'], ['Billing_Street', 'Billing Street', 'text'], ['Billing_City', 'Billing City', 'text'],
	['Billing_State', 'Billing State', 'text'], ['Billing_Code', 'Billing Code', 'text'], ['Billing_Country', 'Billing Country', 'text'],
	['Description', 'Description', 'textarea'], ['Created_By', 'Created By', 'ownerlookup', 'r'], ['Modified_By', 'Modified By', 'ownerlookup', 'r'],
	['Created_Time', 'Created Time', 'datetime', 'r'], ['Modified_Time', 'Modified Time', 'datetime', 'r'], ['HubSpot_ID', 'HubSpot ID', 'text', 'c'],
];

function toField(module, [apiName, label, type, flags = '', picklist], i) {
	const base = module === 'Contacts' ? '48768760000000020' : '48768760000000030';
	return {
		api_name: apiName, field_label: label, display_label: label, data_type: type, json_type: JSON_TYPE[type] || 'string', length: LENGTH[type] || 255,
		id: `${base}${String(i).padStart(2, '0')}`, custom_field: flags.includes('c'), read_only: flags.includes('r'), field_read_only: flags.includes('r'),
		system_mandatory: flags.includes('m'), visible: true, api_type: 'api',
		pick_list_values: (picklist || []).map((v, n) => ({ display_value: v, actual_value: v, sequence_number: n + 1, id: `${base}${String(i).padStart(2, '0')}${String(n).padStart(2, '0')}`, type: 'used' })),
		...(type === 'lookup' ? { lookup: { module: { api_name: 'Accounts', id: '4876876000000002179' } } } : {}),
	};
}

const FIELDS = { Contacts: CONTACTS, Accounts: ACCOUNTS };

function mountFields(core, { store, api, auth }) {
	core.route('GET', '/zoho/crm/v8/settings/fields', api((ctx, who) => {
		if (!auth.requireScope(ctx, who, 'ZohoCRM.settings.fields')) return undefined;
		const module = ctx.query.module;
		if (!module) return ctx.send(400, auth.zohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'module' }));
		if (!store.MODULES.includes(module)) return ctx.send(400, auth.zohoError('INVALID_MODULE', 'the module name given seems to be invalid', { param_name: 'module' }));
		return ctx.send(200, { fields: FIELDS[module].map((f, i) => toField(module, f, i)) });
	}));
}

module.exports = { mountFields, INDUSTRIES };
