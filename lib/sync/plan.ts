import { ZOHO_MANDATORY } from './field-maps';
import { matchRecord } from './match';
import { resolveMappings, type MappingOptions } from './mappings';
import { matchName, normaliseEmail } from './normalise';
import { systemLabel, type RecordPlanContext } from './plan-context';
import { planRecord } from './plan-record';
import { clampInstant } from './time';
import {
	sourceSystemOf,
	targetSystemOf,
	type ConflictRule,
	type Direction,
	type ObjectKind,
	type SyncAction,
	type SyncPlan,
	type SyncRecord,
	type SystemName,
} from './types';

export interface XrefFields {
	/** HubSpot property holding the Zoho id. */
	hubspotField?: string;
	/** Zoho field holding the HubSpot id. */
	zohoField?: string;
}

export interface PlanOptions extends MappingOptions {
	/** Default: create for hubspotToZoho, skip for zohoToHubspot (issue 5: Zoho -> HubSpot does nothing when missing). */
	whenMissing?: 'create' | 'skip';
	/** Default newestWins. */
	conflictRule?: ConflictRule;
	/** newestWins per field from the records' field histories (default true); false: the newer record wins every field. */
	perField?: boolean;
	/** Zoho creates need Last_Name / Account_Name: a fallback value, or 'fail' (default) to fail the record. */
	mandatoryFallbacks?: { lastName?: string; accountName?: string } | 'fail';
	/** Cross-reference fields; matching uses them whenever set. */
	xref?: XrefFields;
	/** Write the source id into the target's xref field (runSync also writes the target id back to the source). */
	writeXref?: boolean;
	/** Who wins a same-second tie under newestWins. Default 'hubspot'. */
	tieWinner?: SystemName;
	/** A picklist value with no counterpart: fail the record (default, docs/crm-api-notes.md §3.4) or leave that field out. */
	unmappedValue?: 'fail' | 'skipField';
	/** Epoch ms, from the injected clock. */
	now: number;
}

export interface PlanInput {
	direction: Direction;
	objectKind: ObjectKind;
	sources: readonly SyncRecord[];
	/** Target records from the batched lookup (may include extras; matching re-checks exactly). */
	candidates: readonly SyncRecord[];
	options: PlanOptions;
}

/** Pure: read state in, one typed action or one failure per distinct source record out. Nothing is written here. */
export function planSync(input: PlanInput): SyncPlan {
	const { direction, objectKind, options } = input;
	const ctx = recordContext(direction, objectKind, options);
	const plan: SyncPlan = { actions: [], failures: [] };
	const planned: Planned[] = [];
	for (const source of dedupeRecords(input.sources, options.now)) {
		const result = planRecord(ctx, source, matchRecord(source, input.candidates));
		if ('failure' in result) plan.failures.push(result.failure);
		else planned.push({ source, action: result.action, key: targetKey(result.action) });
	}
	plan.actions = resolveCollisions(planned, options.now, systemLabel(ctx.targetSystem, objectKind));
	return plan;
}

/** The options resolved once per batch, with their defaults, for planning each record. */
function recordContext(direction: Direction, objectKind: ObjectKind, options: PlanOptions): RecordPlanContext {
	const targetSystem = targetSystemOf(direction);
	const mandatory = targetSystem === 'zoho' ? ZOHO_MANDATORY[objectKind] : undefined;
	const conflictRule = options.conflictRule ?? 'newestWins';
	const xrefField = targetSystem === 'zoho' ? options.xref?.zohoField : options.xref?.hubspotField;
	return {
		direction,
		objectKind,
		sourceSystem: sourceSystemOf(direction),
		targetSystem,
		mappings: resolveMappings(objectKind, options),
		conflictRule,
		merge: {
			direction,
			conflictRule,
			perField: options.perField !== false,
			now: options.now,
			tieWinner: options.tieWinner ?? 'hubspot',
			protectedFields: mandatory ? [mandatory.field] : [],
		},
		mandatoryFallbacks: options.mandatoryFallbacks,
		xrefTargetField: options.writeXref ? xrefField : undefined,
		xrefConfiguredField: xrefField,
		unmappedValue: options.unmappedValue ?? 'fail',
		whenMissing: options.whenMissing ?? (direction === 'hubspotToZoho' ? 'create' : 'skip'),
	};
}

interface Planned {
	source: SyncRecord;
	action: SyncAction;
	key?: string;
}

function targetKey(a: SyncAction): string | undefined {
	if (a.targetId) return `id:${a.targetId}`;
	if (!a.upsertKey) return undefined;
	const v = a.upsertKey.value;
	return `new:${a.upsertKey.field}:${v.includes('@') ? normaliseEmail(v) : (matchName(v) ?? v)}`;
}

/** Duplicate events in one batch are one record: keep one per id (the newest read). */
export function dedupeRecords(records: readonly SyncRecord[], now: number): SyncRecord[] {
	const byId = new Map<string, SyncRecord>();
	for (const r of records) {
		const seen = byId.get(r.id);
		if (!seen || clampInstant(r.modifiedAt, now) > clampInstant(seen.modifiedAt, now)) byId.set(r.id, r);
	}
	return [...byId.values()];
}

/**
 * Two sources in one batch aiming at the same target (one Zoho contact matched by two HubSpot contacts, two creates
 * with one email) would overwrite each other in arbitrary order. The newest source wins (ties: smallest id, so the
 * outcome never depends on arrival order); the others are skipped with a reason naming the winner.
 */
function resolveCollisions(planned: Planned[], now: number, tgt: string): SyncAction[] {
	const winners = new Map<string, SyncRecord>();
	for (const p of planned) {
		if (!p.key || p.action.type === 'skip') continue;
		const w = winners.get(p.key);
		const t = clampInstant(p.source.modifiedAt, now);
		const wt = w ? clampInstant(w.modifiedAt, now) : -1;
		if (!w || t > wt || (t === wt && p.source.id < w.id)) winners.set(p.key, p.source);
	}
	return planned.map((p) => {
		const w = p.key ? winners.get(p.key) : undefined;
		if (!w || w.id === p.source.id || p.action.type === 'skip') return p.action;
		const a = p.action;
		const reason = `the same ${tgt} is the target of newer source record ${w.id} in this batch`;
		const { direction, objectKind, sourceSystem, sourceId, targetSystem, targetId, matchedBy } = a;
		const ids = { direction, objectKind, sourceSystem, sourceId, targetSystem };
		return { ...ids, ...(targetId ? { targetId, matchedBy } : {}), type: 'skip', changes: [], payload: {}, reason };
	});
}
