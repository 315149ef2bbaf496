// Property definitions: GET /crm/v3/properties/{objectType} (https://developers.hubspot.com/docs/api/crm/properties).
// Used by the Sync node's field pickers and its mapping check; one call lists every non-archived property.
import type { HubspotRequester } from './request';
import type { HubspotObjectType } from './types';

/** One property as HubSpot describes it (the parts the pickers and the mapping check read). */
export interface HubspotProperty {
	name: string;
	label: string;
	/** Data type: string, number, date, datetime, enumeration, bool, phone_number, object_coordinates, json. */
	type: string;
	/** UI control: text, textarea, number, select, radio, checkbox, booleancheckbox, date, phonenumber, calculation_*… */
	fieldType: string;
	description?: string;
	options: Array<{ label: string; value: string; hidden?: boolean }>;
	/** Values only HubSpot sets (modificationMetadata.readOnlyValue) or calculated properties: writes are refused. */
	readOnly: boolean;
	hasUniqueValue: boolean;
	hidden: boolean;
}

interface PropertyJson {
	name?: unknown;
	label?: unknown;
	type?: unknown;
	fieldType?: unknown;
	description?: unknown;
	options?: Array<{ label?: unknown; value?: unknown; hidden?: unknown }>;
	calculated?: unknown;
	hasUniqueValue?: unknown;
	hidden?: unknown;
	modificationMetadata?: { readOnlyValue?: unknown };
}

export async function listProperties(http: HubspotRequester, type: HubspotObjectType): Promise<HubspotProperty[]> {
	const res = await http.call<{ results?: PropertyJson[] }>('GET', `/crm/v3/properties/${type}`);
	return (res.body?.results ?? []).filter((p) => typeof p.name === 'string' && p.name !== '').map(toProperty);
}

function toProperty(p: PropertyJson): HubspotProperty {
	const name = String(p.name);
	return {
		name,
		label: typeof p.label === 'string' && p.label ? p.label : name,
		type: String(p.type ?? 'string'),
		fieldType: String(p.fieldType ?? 'text'),
		...(typeof p.description === 'string' && p.description ? { description: p.description } : {}),
		options: (p.options ?? []).map((o) => ({ label: String(o.label ?? o.value ?? ''), value: String(o.value ?? ''), ...(o.hidden === true ? { hidden: true } : {}) })),
		readOnly: p.modificationMetadata?.readOnlyValue === true || p.calculated === true,
		hasUniqueValue: p.hasUniqueValue === true,
		hidden: p.hidden === true,
	};
}
