// What planning one record shares: the batch's context, the builders of actions and failures, the checks a merge
// must pass, and the messages that name a record's problem. Decisions live in plan-record.ts.
import { UPSERT_KEYS } from './field-maps';
import { recordDomains } from './match';
import { nativeField } from './mappings';
import type { MergeOptions, MergeResult } from './merge';
import { checkValue, quote } from './validate';
import type {
	ConflictRule,
	Direction,
	FailureOperation,
	FieldMapping,
	ObjectKind,
	SyncAction,
	SyncFailure,
	SyncRecord,
	SystemName,
} from './types';

/** Everything planSync resolves once per batch. */
export interface RecordPlanContext {
	direction: Direction;
	objectKind: ObjectKind;
	sourceSystem: SystemName;
	targetSystem: SystemName;
	mappings: readonly FieldMapping[];
	merge: MergeOptions;
	conflictRule: ConflictRule;
	mandatoryFallbacks?: { lastName?: string; accountName?: string } | 'fail';
	/** Target-side field that stores the source id, when writeXref is on. */
	xrefTargetField?: string;
	/** Target-side cross-reference field as configured (written or not), for messages. */
	xrefConfiguredField?: string;
	unmappedValue: 'fail' | 'skipField';
	/** A source with no match: create it in the target, or skip it. */
	whenMissing: 'create' | 'skip';
}

export type RecordPlan = { action: SyncAction } | { failure: SyncFailure };

export const systemLabel = (system: SystemName, kind: ObjectKind): string =>
	system === 'hubspot' ? `HubSpot ${kind}` : `Zoho ${kind === 'contact' ? 'contact' : 'account'}`;

export function failureOf(
	ctx: RecordPlanContext,
	source: SyncRecord,
	operation: FailureOperation,
	code: string,
	message: string,
	extra: Partial<SyncFailure> = {},
): RecordPlan {
	const error = `${systemLabel(ctx.sourceSystem, ctx.objectKind)} ${source.id}: ${message}`;
	const { direction, objectKind } = ctx;
	return {
		failure: { operation, direction, objectKind, recordId: source.id, error, code, retriable: false, ...extra },
	};
}

export function baseAction(ctx: RecordPlanContext, source: SyncRecord) {
	const { direction, objectKind, sourceSystem, targetSystem } = ctx;
	return { direction, objectKind, sourceSystem, sourceId: source.id, targetSystem, changes: [], payload: {} };
}

/** Unmapped picklist values and invalid values fail the record (named field, value, record id). */
export function rejectMerge(
	ctx: RecordPlanContext,
	source: SyncRecord,
	merged: MergeResult,
	operation: 'create' | 'update',
): RecordPlan | undefined {
	const tgt = systemLabel(ctx.targetSystem, ctx.objectKind);
	const bad = merged.untranslatable[0];
	if (bad && ctx.unmappedValue === 'fail') {
		const msg = `field ${bad.field}: value ${quote(bad.value)} has no ${tgt} counterpart (add it to the value map)`;
		return failureOf(ctx, source, operation, 'UNMAPPED_VALUE', msg, { field: bad.field });
	}
	for (const change of merged.changes) {
		const m = ctx.mappings.find((x) => nativeField(x, ctx.targetSystem) === change.field);
		const problem = m ? checkValue(m.kind, change.to) : undefined;
		if (problem) {
			const msg = `field ${change.field}: value ${quote(change.to)} ${problem}`;
			return failureOf(ctx, source, operation, 'INVALID_DATA', msg, { field: change.field });
		}
	}
	return undefined;
}

export const leftOutNote = (ctx: RecordPlanContext, merged: MergeResult): string =>
	merged.untranslatable.length === 0
		? ''
		: `; left out (no ${systemLabel(ctx.targetSystem, ctx.objectKind)} value): ${merged.untranslatable
				.map((u) => `${u.field}=${quote(u.value)}`)
				.join(', ')}`;

export function addChange(merged: MergeResult, field: string, from: string | null, to: string): void {
	merged.payload[field] = to;
	merged.changes.push({ field, from, to });
}

/**
 * The key a create upserts on, so a second delivery (a retry, a concurrent execution, another queue worker) updates
 * the record the first one created instead of creating another: the target's natural unique key (Zoho Contacts Email,
 * HubSpot contact email), else the cross-reference field holding the source id. Zoho Accounts are never upserted on
 * Account_Name: two companies with one name would be merged.
 */
export function createKey(ctx: RecordPlanContext, source: SyncRecord, merged: MergeResult): { field: string; value: string } | undefined {
	const keyField = UPSERT_KEYS[ctx.objectKind][ctx.targetSystem];
	const keyValue = keyField ? merged.payload[keyField] : undefined;
	if (keyField && typeof keyValue === 'string' && keyValue.trim() !== '') return { field: keyField, value: keyValue };
	return ctx.xrefTargetField ? { field: ctx.xrefTargetField, value: source.id } : undefined;
}

/**
 * Creates that need a key: contacts (without email and cross-reference nothing tells a later delivery that the record
 * exists, so each one would create another) and HubSpot companies (found only through HubSpot's search, which lags
 * writes by seconds). Zoho accounts are found by COQL, which has no lag, so they may be inserted without one.
 */
export const needsKey = (ctx: RecordPlanContext): boolean => ctx.objectKind === 'contact' || ctx.targetSystem === 'hubspot';

export function unsafeCreate(ctx: RecordPlanContext, source: SyncRecord): RecordPlan {
	const field = ctx.xrefConfiguredField;
	const target = ctx.targetSystem === 'zoho' ? 'Zoho Cross-Reference Field' : 'HubSpot Cross-Reference Property';
	const xref = field
		? `its cross-reference field ${field} is not written (Write Cross-Reference IDs is off)`
		: 'no cross-reference field is set';
	const why =
		ctx.objectKind === 'contact'
			? `has no email and ${xref}`
			: `has no unique key in HubSpot (${xref}; HubSpot's search lags new companies by seconds)`;
	const fix = `set "${target}" with "Write Cross-Reference IDs"${ctx.objectKind === 'contact' ? ' or add an email' : ''}`;
	return failureOf(ctx, source, 'create', 'NO_MATCH_KEY', `${why}: cannot be matched safely, so it was not created; ${fix}`);
}

/** "'ACME' (acme.de) matches Zoho account 4000 'Acme' by name but its website acme.com differs: not merged". */
export function nameOnlyMessage(source: SyncRecord, conflicting: readonly SyncRecord[], tgt: string): string {
	const describe = (r: SyncRecord) => `${quote(r.fields.name)} (${recordDomains(r).join(', ')})`;
	const site = conflicting[0]?.system === 'zoho' ? 'website' : 'domain';
	const others = conflicting.map((c) => `${c.id} ${describe(c)}`).join('; ');
	const theirs = conflicting.length === 1 ? `its ${site} ${recordDomains(conflicting[0]).join(', ')} differs` : `their ${site}s differ`;
	return (
		`${describe(source)} matches ${tgt} ${conflicting.length === 1 ? `${conflicting[0].id} ${quote(conflicting[0].fields.name)}` : `records ${others}`} ` +
		`by name but ${theirs}: not merged (if they are one company, link them through the cross-reference field)`
	);
}

