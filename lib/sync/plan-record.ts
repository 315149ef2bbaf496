import { ZOHO_MANDATORY } from './field-maps';
import type { MatchResult } from './match';
import { nativeField } from './mappings';
import { mergeRecord } from './merge';
import { isEmpty } from './normalise';
import {
	addChange,
	baseAction,
	createKey,
	failureOf,
	leftOutNote,
	nameOnlyMessage,
	needsKey,
	rejectMerge,
	systemLabel,
	unsafeCreate,
	type RecordPlan,
	type RecordPlanContext,
} from './plan-context';
import type { ConflictRule, MatchRule, SyncRecord } from './types';

/**
 * One source record's plan from its match: an update (or skip/unchanged) of the matched target, a create or a skip
 * when nothing matched, or a failure when the match is ambiguous. The one way into planning a record.
 */
export function planRecord(ctx: RecordPlanContext, source: SyncRecord, match: MatchResult): RecordPlan {
	const tgt = systemLabel(ctx.targetSystem, ctx.objectKind);
	if (match.kind === 'ambiguous') {
		const ids = match.candidateIds;
		const msg = `ambiguous match by ${match.rule}: ${ids.length} ${tgt} records (${ids.join(', ')})`;
		return failureOf(ctx, source, 'match', 'AMBIGUOUS_MATCH', msg, { candidates: ids });
	}
	if (match.kind === 'nameOnly') {
		const ids = match.conflicting.map((c) => c.id).sort();
		return failureOf(ctx, source, 'match', 'AMBIGUOUS_MATCH', nameOnlyMessage(source, match.conflicting, tgt), { candidates: ids });
	}
	if (match.kind === 'matched') return planUpdate(ctx, source, match.target, match.rule);
	if (ctx.whenMissing === 'create') return planCreate(ctx, source);
	const reason = `no matching ${tgt}; when missing: skip`;
	return { action: { ...baseAction(ctx, source), type: 'skip' as const, reason } };
}

function planCreate(ctx: RecordPlanContext, source: SyncRecord): RecordPlan {
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

const WHY: Record<ConflictRule, string> = {
	newestWins: 'source is newer or target empty',
	sourceWins: 'source wins',
	fillEmptyOnly: 'target fields empty',
};

function planUpdate(
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
