// Checks the resolved field mappings (and the scope's fields) against the two CRMs' field lists before anything is
// written: a mapping into a read-only or unknown field, or between types that cannot hold each other's values, would
// otherwise fail every record, one by one. Pure: the caller lists the fields (one call per CRM and object) and passes them.
import { appliesTo } from './mappings';
import type { SyncScope } from './scope';
import type { Direction, FieldMapping, ObjectKind, SystemName } from './types';

/** A field's value family, from HubSpot's property type or Zoho's data_type. */
export type FieldFamily = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'enum' | 'multiEnum' | 'lookup' | 'other';

/** One field of one CRM object as the pickers and the check see it. */
export interface FieldInfo {
	name: string;
	label: string;
	family: FieldFamily;
	/** The CRM's own type name (HubSpot type, Zoho data_type), for messages. */
	type: string;
	readOnly: boolean;
	required: boolean;
	/** Picklist values as stored (HubSpot internal values, Zoho actual values). */
	options: string[];
	/** Their labels, same order, when the CRM gives them. */
	optionLabels?: string[];
}

export type FieldCatalog = Partial<Record<SystemName, Partial<Record<ObjectKind, readonly FieldInfo[]>>>>;

export interface MappingProblem {
	system: SystemName;
	objectKind: ObjectKind;
	field: string;
	message: string;
}

const SYSTEM: Record<SystemName, string> = { hubspot: 'HubSpot', zoho: 'Zoho CRM' };
const OBJECT: Record<SystemName, Record<ObjectKind, string>> = { hubspot: { contact: 'contacts', company: 'companies' }, zoho: { contact: 'Contacts', company: 'Accounts' } };
const where = (s: SystemName, k: ObjectKind, f: string) => `${SYSTEM[s]} ${OBJECT[s][k]} field "${f}"`;

/** Which source families a target family accepts; text takes anything written as text. */
const ACCEPTS: Record<FieldFamily, readonly FieldFamily[]> = {
	text: ['text', 'number', 'date', 'datetime', 'boolean', 'enum', 'multiEnum', 'other', 'lookup'],
	number: ['number'],
	date: ['date', 'datetime'],
	datetime: ['datetime', 'date'],
	boolean: ['boolean'],
	enum: ['enum', 'text', 'boolean'],
	multiEnum: ['multiEnum', 'enum', 'text'],
	lookup: [],
	other: ['other', 'text'],
};

export interface CheckOptions {
	directions: readonly Direction[];
	/** User-given value maps only (default maps are not checked against an org's picklists). */
	checkValueMaps?: (m: FieldMapping) => boolean;
	scope?: SyncScope;
}

/**
 * Every problem with the mappings of `objectKind` for the given directions, and with the scope's fields. Fields of a
 * system whose list is absent from the catalog are not checked (the list could not be read).
 */
export function checkMappings(objectKind: ObjectKind, mappings: readonly FieldMapping[], catalog: FieldCatalog, options: CheckOptions): MappingProblem[] {
	const problems: MappingProblem[] = [];
	const list = (s: SystemName) => catalog[s]?.[objectKind];
	const find = (s: SystemName, name: string) => list(s)?.find((f) => f.name === name);
	const add = (system: SystemName, field: string, message: string) => {
		if (!problems.some((p) => p.system === system && p.field === field && p.message === message)) problems.push({ system, objectKind, field, message });
	};
	const known = (s: SystemName, name: string): FieldInfo | undefined => {
		if (!list(s)) return undefined;
		const f = find(s, name);
		if (!f) add(s, name, `${where(s, objectKind, name)} does not exist`);
		return f;
	};
	for (const direction of options.directions) {
		const [source, target]: [SystemName, SystemName] = direction === 'hubspotToZoho' ? ['hubspot', 'zoho'] : ['zoho', 'hubspot'];
		for (const m of mappings) {
			if (!appliesTo(m, direction)) continue;
			const sourceName = source === 'hubspot' ? m.hubspot : m.zoho;
			const targetName = target === 'hubspot' ? m.hubspot : m.zoho;
			const from = known(source, sourceName);
			const to = known(target, targetName);
			if (to?.readOnly) add(target, targetName, `${where(target, objectKind, targetName)} is read-only: it cannot be written from ${where(source, objectKind, sourceName)}`);
			if (from && to && !to.readOnly && !ACCEPTS[to.family].includes(from.family))
				add(target, targetName, `${where(target, objectKind, targetName)} (${to.type}) cannot hold values of ${where(source, objectKind, sourceName)} (${from.type})`);
			if (m.valueMap && options.checkValueMaps?.(m)) {
				const [hubspotField, zohoField] = [find('hubspot', m.hubspot), find('zoho', m.zoho)];
				for (const [h, z] of Object.entries(m.valueMap)) {
					if (hubspotField?.options.length && !hubspotField.options.includes(h)) add('hubspot', m.hubspot, `value map: "${h}" is not an option of ${where('hubspot', objectKind, m.hubspot)}`);
					if (zohoField?.options.length && !zohoField.options.includes(z)) add('zoho', m.zoho, `value map: "${z}" is not an option of ${where('zoho', objectKind, m.zoho)}`);
				}
				const targets = Object.values(m.valueMap);
				const twice = targets.find((z, i) => targets.indexOf(z) !== i);
				if (twice !== undefined) add('zoho', m.zoho, `value map of ${where('zoho', objectKind, m.zoho)}: "${twice}" is mapped from two HubSpot values (a map must be one-to-one)`);
			}
		}
	}
	for (const c of options.scope?.conditions ?? []) {
		if (c.objectKind !== objectKind) continue;
		const f = known(c.system, c.field);
		if (f && (c.operator === 'after' || c.operator === 'before') && f.family !== 'date' && f.family !== 'datetime')
			add(c.system, c.field, `sync scope "${c.label}": ${where(c.system, objectKind, c.field)} is not a date (${f.type})`);
	}
	return problems;
}

/** HubSpot property type (and fieldType) -> family. */
export function hubspotFamily(type: string, fieldType = ''): FieldFamily {
	if (type === 'number') return 'number';
	if (type === 'date') return 'date';
	if (type === 'datetime') return 'datetime';
	if (type === 'bool') return 'boolean';
	if (type === 'enumeration') return fieldType === 'checkbox' ? 'multiEnum' : fieldType === 'booleancheckbox' ? 'boolean' : 'enum';
	if (type === 'string' || type === 'phone_number') return 'text';
	return 'other';
}

/** Zoho data_type -> family. */
export function zohoFamily(dataType: string): FieldFamily {
	if (['integer', 'bigint', 'double', 'currency', 'decimal', 'percent', 'long'].includes(dataType)) return 'number';
	if (dataType === 'date') return 'date';
	if (dataType === 'datetime') return 'datetime';
	if (dataType === 'boolean') return 'boolean';
	if (dataType === 'picklist') return 'enum';
	if (dataType === 'multiselectpicklist') return 'multiEnum';
	if (dataType === 'lookup' || dataType === 'ownerlookup' || dataType === 'multiselectlookup') return 'lookup';
	if (['text', 'textarea', 'email', 'phone', 'website', 'autonumber', 'formula'].includes(dataType)) return 'text';
	return 'other';
}
