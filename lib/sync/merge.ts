import { decideField, type FieldVerdict } from './field-merge';
import { appliesTo, nativeField, toPayloadValue, translateValue } from './mappings';
import { isEmpty, sameValue } from './normalise';
import { newerSide } from './time';
import type {
	ConflictRule,
	Direction,
	FieldChange,
	FieldDecision,
	FieldMapping,
	FieldValue,
	PayloadValue,
	SyncRecord,
	SystemName,
} from './types';

export interface MergeOptions {
	direction: Direction;
	conflictRule: ConflictRule;
	/**
	 * newestWins per field (default): each differing field goes to the CRM that changed it since they last agreed, or
	 * to the newer change when both did, from the records' fieldHistory (see field-merge.ts). false: per record.
	 */
	perField: boolean;
	now: number;
	tieWinner: SystemName;
	/** Canonical fields never cleared (Zoho's mandatory Last_Name / Account_Name). */
	protectedFields: readonly string[];
}

export interface MergeResult {
	changes: FieldChange[];
	payload: Record<string, PayloadValue>;
	/** Target field names whose differing value was kept because the target is newer (or fillEmptyOnly). */
	kept: string[];
	/** Source values with no counterpart in the target's picklist: target field name and the source value. */
	untranslatable: Array<{ field: string; value: string }>;
	/** Per-field merge of a matched pair: how each field whose values differed was settled. */
	decisions: FieldDecision[];
	/** A field was settled provisionally; this CRM's field history would settle it (runSync reads it and re-plans). */
	needsHistory?: SystemName;
}


/**
 * Decide every mapped field for one source/target pair. Returns the diff as plain data; an empty `changes` means
 * nothing to write. Rules:
 * - equal after normalisation: nothing (this is what stops echoes);
 * - an EMPTY source value never overwrites a non-empty target under newestWins and fillEmptyOnly (like HubSpot's own
 *   data sync): clearing a field in one CRM does not clear it in the other. Only sourceWins clears, and never a
 *   protected (mandatory) field;
 * - an empty target is filled under every rule;
 * - both set and different: fillEmptyOnly keeps the target, sourceWins writes; newestWins per field (decideField):
 *   the side that changed the field since the two last agreed, else the newer change; a copy written by an integration
 *   loses to a person's edit. Per record (perField off): the newer record (instants, clamped, second precision, ties
 *   to `tieWinner`).
 * Without a target (create) every non-empty mapped source value is written.
 */
export function mergeRecord(
	source: SyncRecord,
	target: SyncRecord | undefined,
	mappings: readonly FieldMapping[],
	options: MergeOptions,
): MergeResult {
	const result: MergeResult = { changes: [], payload: {}, kept: [], untranslatable: [], decisions: [] };
	const targetSystem: SystemName = source.system === 'hubspot' ? 'zoho' : 'hubspot';
	const write = (m: FieldMapping, from: FieldValue, value: FieldValue): void => {
		const field = nativeField(m, targetSystem);
		const to = toPayloadValue(m, value, targetSystem);
		result.payload[field] = to;
		result.changes.push({ field, from, to });
	};
	const sourceIsNewer = newerTest(source, target, options, result);

	for (const m of mappings) {
		if (!appliesTo(m, options.direction)) continue;
		const src = source.fields[m.field] ?? null;
		const tgt = target ? (target.fields[m.field] ?? null) : null;
		const field = nativeField(m, targetSystem);

		if (isEmpty(src)) {
			const clear = options.conflictRule === 'sourceWins' && !isEmpty(tgt);
			if (clear && !options.protectedFields.includes(m.field)) write(m, tgt, null);
			continue;
		}
		const translated = translateValue(m, src, options.direction);
		if (!translated.ok) {
			const targetWinsAnyway =
				!isEmpty(tgt) &&
				(options.conflictRule === 'fillEmptyOnly' || (options.conflictRule === 'newestWins' && !sourceIsNewer(m)));
			if (!targetWinsAnyway) result.untranslatable.push({ field, value: src });
			continue;
		}
		if (target && sameValue(m.kind, translated.value, tgt)) continue;
		if (isEmpty(tgt) || options.conflictRule === 'sourceWins') {
			if (target && isEmpty(tgt) && options.perField && options.conflictRule === 'newestWins') {
				const basis = `${target.system === 'hubspot' ? 'HubSpot' : 'Zoho'} value empty`;
				result.decisions.push({ field: m.field, hubspot: m.hubspot, zoho: m.zoho, from: source.system, conflict: false, basis });
			}
			write(m, tgt, translated.value);
		} else if (options.conflictRule === 'newestWins' && sourceIsNewer(m)) {
			write(m, tgt, translated.value);
		} else {
			result.kept.push(field);
		}
	}
	return result;
}

/**
 * Whether the source's value of a mapping wins under newestWins: per field from decideField (each verdict recorded
 * once in `result.decisions`, and the history it still needs in `result.needsHistory`), else by record times.
 */
function newerTest(
	source: SyncRecord,
	target: SyncRecord | undefined,
	options: MergeOptions,
	result: MergeResult,
): (m: FieldMapping) => boolean {
	const verdicts = new Map<string, FieldVerdict>();
	const verdictOf = (m: FieldMapping, t: SyncRecord): FieldVerdict => {
		let v = verdicts.get(m.field);
		if (!v) {
			const [h, z] = source.system === 'hubspot' ? [source, t] : [t, source];
			v = decideField(m, h, z, { now: options.now, tieWinner: options.tieWinner });
			verdicts.set(m.field, v);
			if (v.needs && (!result.needsHistory || v.needs === 'hubspot')) result.needsHistory = v.needs;
			result.decisions.push({ field: m.field, hubspot: m.hubspot, zoho: m.zoho, from: v.winner, conflict: v.conflict, basis: v.basis });
		}
		return v;
	};
	return (m) => {
		if (!target) return true;
		if (options.perField) return verdictOf(m, target).winner === source.system;
		const side = (r: SyncRecord) => ({ system: r.system, at: r.modifiedAt, writtenByApi: r.writtenByApi });
		return newerSide(side(source), side(target), options.now, options.tieWinner) === 'source';
	};
}
