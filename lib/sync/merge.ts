import { appliesTo, nativeField, toPayloadValue, translateValue } from './mappings';
import { isEmpty, sameValue } from './normalise';
import { newerSide } from './time';
import type {
	ConflictRule,
	Direction,
	FieldChange,
	FieldMapping,
	FieldValue,
	PayloadValue,
	SyncRecord,
	SystemName,
} from './types';

export interface MergeOptions {
	direction: Direction;
	conflictRule: ConflictRule;
	/** newestWins per field using fieldModifiedAt (HubSpot property history) where present; else per record. */
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
}

const timeOf = (r: SyncRecord, field: string, perField: boolean): number =>
	(perField ? r.fieldModifiedAt?.[field] : undefined) ?? r.modifiedAt;

/**
 * Decide every mapped field for one source/target pair. Returns the diff as plain data; an empty `changes` means
 * nothing to write. Rules:
 * - equal after normalisation: nothing (this is what stops echoes);
 * - an EMPTY source value never overwrites a non-empty target under newestWins and fillEmptyOnly (like HubSpot's own
 *   data sync): clearing a field in one CRM does not clear it in the other. Only sourceWins clears, and never a
 *   protected (mandatory) field;
 * - an empty target is filled under every rule;
 * - both set and different: fillEmptyOnly keeps the target, sourceWins writes, newestWins writes only when the source
 *   side is newer (instants, clamped, second precision, ties to `tieWinner`).
 * Without a target (create) every non-empty mapped source value is written.
 */
export function mergeRecord(
	source: SyncRecord,
	target: SyncRecord | undefined,
	mappings: readonly FieldMapping[],
	options: MergeOptions,
): MergeResult {
	const result: MergeResult = { changes: [], payload: {}, kept: [], untranslatable: [] };
	const targetSystem: SystemName = source.system === 'hubspot' ? 'zoho' : 'hubspot';
	const write = (m: FieldMapping, from: FieldValue, value: FieldValue): void => {
		const field = nativeField(m, targetSystem);
		const to = toPayloadValue(m, value, targetSystem);
		result.payload[field] = to;
		result.changes.push({ field, from, to });
	};
	const sourceIsNewer = (m: FieldMapping): boolean =>
		!target ||
		newerSide(
			{ system: source.system, at: timeOf(source, m.field, options.perField), writtenByApi: source.writtenByApi },
			{ system: target.system, at: timeOf(target, m.field, options.perField), writtenByApi: target.writtenByApi },
			options.now,
			options.tieWinner,
		) === 'source';

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
			write(m, tgt, translated.value);
		} else if (options.conflictRule === 'newestWins' && sourceIsNewer(m)) {
			write(m, tgt, translated.value);
		} else {
			result.kept.push(field);
		}
	}
	return result;
}
