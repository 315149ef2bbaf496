// Field metadata: GET /crm/v8/settings/fields?module=Contacts|Accounts
// (https://www.zoho.com/crm/developer/docs/api/v8/field-meta.html). Needs the ZohoCRM.settings.fields.READ scope.
// Used by the Sync node's field pickers and its mapping check.
import type { ZohoRequester } from './client-core';
import type { ZohoModule } from './types';

export interface ZohoField {
	apiName: string;
	label: string;
	/** text, textarea, email, phone, website, picklist, multiselectpicklist, integer, bigint, double, currency, decimal,
	 * percent, date, datetime, boolean, lookup, ownerlookup, autonumber, formula… */
	dataType: string;
	/** read_only or field_read_only: Zoho refuses or ignores writes. */
	readOnly: boolean;
	/** system_mandatory: a create without it fails with MANDATORY_NOT_FOUND. */
	required: boolean;
	custom: boolean;
	length?: number;
	/** Picklists: the values Zoho stores (actual_value) and shows (display_value). */
	options: Array<{ label: string; value: string }>;
}

interface FieldJson {
	api_name?: unknown;
	field_label?: unknown;
	display_label?: unknown;
	data_type?: unknown;
	read_only?: unknown;
	field_read_only?: unknown;
	system_mandatory?: unknown;
	custom_field?: unknown;
	length?: unknown;
	pick_list_values?: Array<{ display_value?: unknown; actual_value?: unknown }>;
}

export async function listFields(http: ZohoRequester, module: ZohoModule): Promise<ZohoField[]> {
	const { response } = await http.call<{ fields?: FieldJson[] }>('GET', '/settings/fields', { qs: { module } });
	return (response.body?.fields ?? []).filter((f) => typeof f.api_name === 'string' && f.api_name !== '').map(toField);
}

function toField(f: FieldJson): ZohoField {
	const apiName = String(f.api_name);
	const label = typeof f.display_label === 'string' && f.display_label ? f.display_label : typeof f.field_label === 'string' && f.field_label ? f.field_label : apiName;
	return {
		apiName,
		label,
		dataType: String(f.data_type ?? 'text'),
		readOnly: f.read_only === true || f.field_read_only === true,
		required: f.system_mandatory === true,
		custom: f.custom_field === true,
		...(typeof f.length === 'number' ? { length: f.length } : {}),
		options: (f.pick_list_values ?? []).map((o) => ({ label: String(o.display_value ?? o.actual_value ?? ''), value: String(o.actual_value ?? o.display_value ?? '') })),
	};
}
