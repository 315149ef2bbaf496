import { UPSERT_KEYS, ZOHO_MANDATORY } from './field-maps';
import { nativeField } from './mappings';
import { mergeRecord, type MergeOptions, type MergeResult } from './merge';
import { isEmpty } from './normalise';
import { checkValue, quote } from './validate';
import type {
	ConflictRule,
	Direction,
	FailureOperation,
	FieldMapping,
	MatchRule,
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
function rejectMerge(
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

const leftOutNote = (ctx: RecordPlanContext, merged: MergeResult): string =>
	merged.untranslatable.length === 0
		? ''
		: `; left out (no ${systemLabel(ctx.targetSystem, ctx.objectKind)} value): ${merged.untranslatable
				.map((u) => `${u.field}=${quote(u.value)}`)
				.join(', ')}`;

function addChange(merged: MergeResult, field: string, from: string | null, to: string): void {
	merged.payload[field] = to;
	merged.changes.push({ field, from, to });
}

export function planCreate(ctx: RecordPlanContext, source: SyncRecord): RecordPlan {
	const merged = mergeRecord(source, undefined, ctx.mappings, ctx.merge);
	const rejected = rejectMerge(ctx, source, merged, 'create');
	if (rejected) return rejected;
	const mandatory = ctx.targetSystem === 'zoho' ? ZOHO_MANDATORY[ctx.objectKind] : undefined;
	if (mandatory && isEmpty(merged.payload[mandatory.zoho] as string | null | undefined)) {
		const fb = ctx.mandatoryFallbacks;
		const value = !fb || fb === 'fail' ? undefined : ctx.objectKind === 'contact' ? fb.lastName : fb.accountName;
		if (value === undefined || isEmpty(value)) {
			const from = ctx.mappings.find((m) => m.field === mandatory.field);
			const name = from ? nativeField(from, ctx.sourceSystem) : mandatory.field;
			const msg = `${systemLabel(ctx.targetSystem, ctx.objectKind)} needs ${mandatory.zoho} but ${name} is empty and no fallback is set`;
			return failureOf(ctx, source, 'create', 'MANDATORY_NOT_FOUND', msg, { field: mandatory.zoho });
		}
		addChange(merged, mandatory.zoho, null, value);
	}
	if (ctx.xrefTargetField) addChange(merged, ctx.xrefTargetField, null, source.id);
	const upsertKey = createKey(ctx, source, merged);
	if (!upsertKey && needsKey(ctx)) return unsafeCreate(ctx, source);
	const reason = `no matching ${systemLabel(ctx.targetSystem, ctx.objectKind)}; create${leftOutNote(ctx, merged)}`;
	return {
		action: {
			...baseAction(ctx, source),
			type: 'create',
			changes: merged.changes,
			payload: merged.payload,
			reason,
			...(upsertKey ? { upsertKey } : {}),
		},
	};
}

/**
 * The key a create upserts on, so a second delivery (a retry, a concurrent execution, another queue worker) updates
 * the record the first one created instead of creating another: the target's natural unique key (Zoho Contacts Email,
 * HubSpot contact email), else the cross-reference field holding the source id. Zoho Accounts are never upserted on
 * Account_Name: two companies with one name would be merged.
 */
function createKey(ctx: RecordPlanContext, source: SyncRecord, merged: MergeResult): { field: string; value: string } | undefined {
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
const needsKey = (ctx: RecordPlanContext): boolean => ctx.objectKind === 'contact' || ctx.targetSystem === 'hubspot';

function unsafeCreate(ctx: RecordPlanContext, source: SyncRecord): RecordPlan {
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

const WHY: Record<ConflictRule, string> = {
	newestWins: 'source is newer or target empty',
	sourceWins: 'source wins',
	fillEmptyOnly: 'target fields empty',
};

export function planUpdate(
	ctx: RecordPlanContext,
	source: SyncRecord,
	target: SyncRecord,
	rule: MatchRule,
): RecordPlan {
	const merged = mergeRecord(source, target, ctx.mappings, ctx.merge);
	const rejected = rejectMerge(ctx, source, merged, 'update');
	if (rejected) return rejected;
	if (ctx.xrefTargetField && target.xrefId !== source.id)
		addChange(merged, ctx.xrefTargetField, target.xrefId ?? null, source.id);
	const common = {
		...baseAction(ctx, source),
		targetId: target.id,
		matchedBy: rule,
		...(merged.decisions.length > 0 ? { merge: merged.decisions } : {}),
		...(merged.needsHistory ? { needsHistory: merged.needsHistory } : {}),
	};
	const matched = `matched by ${rule}`;
	if (merged.changes.length > 0) {
		const n = merged.changes.length;
		return {
			action: {
				...common,
				type: 'update',
				changes: merged.changes,
				payload: merged.payload,
				ifUnmodifiedSince: target.modifiedAt,
				reason: `${matched}; ${n} field(s) differ (${WHY[ctx.conflictRule]})${leftOutNote(ctx, merged)}`,
			},
		};
	}
	if (merged.kept.length > 0) {
		const tgt = systemLabel(ctx.targetSystem, ctx.objectKind);
		const why = ctx.conflictRule === 'fillEmptyOnly' ? 'fill empty fields only' : ctx.merge.perField ? `${tgt} holds the newer value` : `${tgt} is newer`;
		return { action: { ...common, type: 'skip', reason: `${matched}; ${why} for ${merged.kept.join(', ')}` } };
	}
	return { action: { ...common, type: 'unchanged', reason: `${matched}; already in sync${leftOutNote(ctx, merged)}` } };
}
