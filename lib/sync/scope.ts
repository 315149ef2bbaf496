// Sync scope: conditions on the SOURCE record's own fields that decide whether a record is synced at all. A record
// out of scope is reported (an 'outOfScope' skip) and never written. Pure: the conditions are normalised once per
// run, then evaluated against each record's native values (HubSpot properties, Zoho fields).
import { toEpochMs } from './time';
import type { ObjectKind, SyncRecord, SystemName } from './types';

export type ScopeOperator = 'equals' | 'notEquals' | 'contains' | 'isSet' | 'isNotSet' | 'inList' | 'after' | 'before';

export const SCOPE_OPERATORS: readonly ScopeOperator[] = ['equals', 'notEquals', 'contains', 'isSet', 'isNotSet', 'inList', 'after', 'before'];

/** One condition as configured: which CRM's records it applies to, the native field name, operator and value. */
export interface ScopeCondition {
	system: SystemName;
	objectKind: ObjectKind;
	field: string;
	operator: ScopeOperator;
	/** equals / notEquals / contains: text; inList: comma- or newline-separated; after / before: a date. */
	value?: string;
}

export interface ScopeInput {
	conditions: readonly ScopeCondition[];
	/** all: every condition must hold (default); any: one is enough. */
	combine?: 'all' | 'any';
}

/** A condition ready to evaluate: text lowercased, lists split, dates turned into instants. */
export interface NormalisedCondition {
	system: SystemName;
	objectKind: ObjectKind;
	field: string;
	operator: ScopeOperator;
	text?: string;
	list?: readonly string[];
	instant?: number;
	/** "email is set", for reasons and messages. */
	label: string;
}

export interface SyncScope {
	conditions: readonly NormalisedCondition[];
	combine: 'all' | 'any';
}

/** A condition that cannot be evaluated (no field, unknown operator, a date that is not a date). */
export class ScopeConfigError extends Error {
	readonly kind = 'ScopeConfigError';
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'ScopeConfigError';
	}
}

export const isScopeConfigError = (e: unknown): e is ScopeConfigError => e instanceof ScopeConfigError;

const NEEDS_VALUE = new Set<ScopeOperator>(['equals', 'notEquals', 'contains', 'inList', 'after', 'before']);
const LABEL: Record<ScopeOperator, string> = {
	equals: 'equals',
	notEquals: 'does not equal',
	contains: 'contains',
	isSet: 'is set',
	isNotSet: 'is not set',
	inList: 'is one of',
	after: 'is after',
	before: 'is before',
};

/** Validates and normalises the conditions once per run; throws ScopeConfigError naming the field. */
export function normaliseScope(input: ScopeInput | undefined): SyncScope | undefined {
	const conditions = (input?.conditions ?? []).map(normaliseCondition).filter((c): c is NormalisedCondition => c !== undefined);
	if (conditions.length === 0) return undefined;
	return { conditions, combine: input?.combine === 'any' ? 'any' : 'all' };
}

function normaliseCondition(c: ScopeCondition, index: number): NormalisedCondition | undefined {
	const field = String(c.field ?? '').trim();
	const raw = String(c.value ?? '').trim();
	if (!field && !raw) return undefined; // an empty row in the editor
	if (!field) throw new ScopeConfigError(`Sync scope condition ${index + 1} names no field`, '');
	if (!SCOPE_OPERATORS.includes(c.operator)) throw new ScopeConfigError(`Sync scope: "${String(c.operator)}" is not an operator (field ${field})`, field);
	const base = { system: c.system, objectKind: c.objectKind, field, operator: c.operator };
	if (NEEDS_VALUE.has(c.operator) && raw === '') throw new ScopeConfigError(`Sync scope: "${field} ${LABEL[c.operator]}" needs a value`, field);
	const label = `${field} ${LABEL[c.operator]}${NEEDS_VALUE.has(c.operator) ? ` ${raw}` : ''}`;
	if (c.operator === 'after' || c.operator === 'before') {
		const instant = toEpochMs(raw);
		if (instant === 0) throw new ScopeConfigError(`Sync scope: "${raw.slice(0, 40)}" is not a date (field ${field})`, field);
		return { ...base, instant, label };
	}
	if (c.operator === 'inList') {
		const list = raw
			.split(/[,\n]/)
			.map((v) => v.trim().toLowerCase())
			.filter((v) => v !== '');
		return { ...base, list, label };
	}
	return { ...base, ...(raw ? { text: raw.toLowerCase() } : {}), label };
}

/** Native field names each system must read for the scope, per object kind (so readers fetch them). */
export function scopeFields(scope: SyncScope | undefined, system: SystemName, objectKind: ObjectKind): string[] {
	return [...new Set((scope?.conditions ?? []).filter((c) => c.system === system && c.objectKind === objectKind).map((c) => c.field))];
}

/** A native value as comparable strings: Zoho lookups by name, multi-selects element-wise, empty -> []. */
function valuesOf(raw: unknown): string[] {
	if (raw === null || raw === undefined) return [];
	if (Array.isArray(raw)) return raw.flatMap(valuesOf);
	if (typeof raw === 'object') {
		const o = raw as { name?: unknown; id?: unknown };
		return valuesOf(o.name ?? o.id);
	}
	const s = String(raw).trim();
	return s === '' ? [] : [s];
}

/** The native value of `field` on a record read by the adapters (HubSpot properties, Zoho flat fields). */
export function nativeValue(record: SyncRecord, field: string): unknown {
	const raw = (record.raw ?? {}) as { properties?: Record<string, unknown> } & Record<string, unknown>;
	return record.system === 'hubspot' ? raw.properties?.[field] : raw[field];
}

function holds(c: NormalisedCondition, raw: unknown): boolean {
	const values = valuesOf(raw);
	const lower = values.map((v) => v.toLowerCase());
	switch (c.operator) {
		case 'isSet':
			return values.length > 0;
		case 'isNotSet':
			return values.length === 0;
		case 'equals':
			return lower.some((v) => v === c.text);
		case 'notEquals':
			return !lower.some((v) => v === c.text);
		case 'contains':
			return lower.some((v) => v.includes(c.text ?? ''));
		case 'inList':
			return lower.some((v) => (c.list ?? []).includes(v));
		case 'after':
		case 'before': {
			const at = values.length > 0 ? toEpochMs(values[0]) : 0;
			if (at === 0) return false; // no date: neither after nor before
			return c.operator === 'after' ? at > (c.instant ?? 0) : at < (c.instant ?? 0);
		}
	}
}

const OUT_OF_SCOPE = 'out of scope: ';
/** True for the reason of an out-of-scope skip (callers that only see reasons, such as company linking). */
export const isOutOfScopeReason = (reason: string | undefined): boolean => reason?.startsWith(OUT_OF_SCOPE) === true;

export type ScopeVerdict = { inScope: true } | { inScope: false; reason: string };

/**
 * Whether a source record is in scope. Only conditions for the record's system and object kind count; with none, the
 * record is in scope. The reason names the condition(s) that failed.
 */
export function evaluateScope(scope: SyncScope | undefined, record: SyncRecord): ScopeVerdict {
	const mine = (scope?.conditions ?? []).filter((c) => c.system === record.system && c.objectKind === record.objectKind);
	if (mine.length === 0) return { inScope: true };
	const failed = mine.filter((c) => !holds(c, nativeValue(record, c.field)));
	const ok = scope?.combine === 'any' ? failed.length < mine.length : failed.length === 0;
	if (ok) return { inScope: true };
	const names = (scope?.combine === 'any' ? mine : failed).map((c) => `"${c.label}"`).join(', ');
	return { inScope: false, reason: `${OUT_OF_SCOPE}${scope?.combine === 'any' ? 'none of' : 'fails'} ${names}` };
}
