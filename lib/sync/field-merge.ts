import { translateValue } from './mappings';
import { sameValue } from './normalise';
import { clampInstant, compareInstants, newerSide } from './time';
import type { FieldDecision, FieldEdit, FieldMapping, FieldValue, SyncRecord, SystemName } from './types';

/**
 * Per-field histories are read only for pairs whose record times are this close (or when a field cannot be settled
 * otherwise). Further apart, the older side's edits had this long to be synced by its webhook or by the scheduled
 * Sync Recent Changes (every 15 minutes over 30 in the templates), so the newer record's values are the newer ones.
 */
export const HISTORY_WINDOW_MS = 60 * 60 * 1000;

/**
 * When HubSpot's person edit of a field is older than Zoho's record change by more than this, Zoho's different value is
 * taken as the later edit without reading Zoho's timeline (one call per record). Closer, both edits may have been made
 * before either was synced (webhooks deliver within seconds to minutes), and only the timeline can order them.
 */
export const TIMELINE_WINDOW_MS = 10 * 60 * 1000;

/**
 * A value written through the API more than this long after the other side's last change cannot be our copy of that
 * side's current value (a copy is written within seconds of its read: runSync re-reads sources older than 2 s before
 * writing). Such a write is another app's edit, and is dated as one.
 */
export const COPY_GRACE_MS = 60 * 1000;

export interface FieldVerdict {
	winner: SystemName;
	conflict: boolean;
	basis: string;
	/** The verdict is provisional: this CRM's field history (not read yet) would settle the field. */
	needs?: SystemName;
}

interface Side {
	system: SystemName;
	value: FieldValue;
	/** Newest first; only when it describes the current value. */
	history?: FieldEdit[];
	/** History was read for this record (a missing field then means "unknown", not "ask again"). */
	read: boolean;
	/** Upper bound of this field's last change: its own time if known, else the record's. */
	at: number;
	copy: boolean;
}


function sideOf(m: FieldMapping, r: SyncRecord, now: number): Side {
	const value = r.fields[m.field] ?? null;
	const all = r.fieldHistory?.[m.field];
	// A history whose newest entry is not the value we read describes another moment: ignore it.
	const history = all && all.length > 0 && sameValue(m.kind, all[0].value, value) ? all : undefined;
	const at = clampInstant(history ? history[0].at : r.modifiedAt, now);
	return { system: r.system, value, history, read: r.fieldHistory !== undefined, at, copy: history?.[0].byApi === true };
}

/** `side` held `value` (the other CRM's current value) before its current one: it changed since they agreed. */
function heldBefore(m: FieldMapping, side: Side, other: Side): boolean {
	if (!side.history) return false;
	const t = translateValue(m, other.value, other.system === 'hubspot' ? 'hubspotToZoho' : 'zohoToHubspot');
	if (!t.ok) return false;
	const older = [...side.history.slice(1).map((e) => e.value), ...side.history.map((e) => e.previous)];
	return older.some((v) => v !== undefined && v !== null && sameValue(m.kind, v, t.value));
}

/**
 * Which CRM's value of one mapped field wins when both hold different non-empty values. Uses each side's field
 * history when the record carries it (HubSpot property history, Zoho timeline); says which history it needs when it
 * cannot settle the field without one (`needs`, with a provisional verdict by record times). Pure and symmetric: the same state gives the same
 * verdict whichever CRM the event came from, which is what makes the result independent of arrival order.
 */
export function decideField(
	m: FieldMapping,
	hubspotRecord: SyncRecord,
	zohoRecord: SyncRecord,
	options: { now: number; tieWinner: SystemName },
): FieldVerdict {
	const { now, tieWinner } = options;
	const h = sideOf(m, hubspotRecord, now);
	const z = sideOf(m, zohoRecord, now);
	const win = (winner: SystemName, basis: string, conflict = false): FieldVerdict => ({ winner, conflict, basis });
	const byTime = (basis: string, conflict: boolean): FieldVerdict => {
		const w = newerSide(
			{ system: 'hubspot', at: h.at, writtenByApi: h.copy },
			{ system: 'zoho', at: z.at, writtenByApi: z.copy },
			now,
			tieWinner,
		);
		return win(w === 'source' ? 'hubspot' : 'zoho', basis, conflict);
	};
	const recordTimes = () => byTime('newer record (no field history)', false);

	if (!h.history) {
		// Without HubSpot's history nothing is known per field. Close record times: ask for it.
		const close = Math.abs(clampInstant(hubspotRecord.modifiedAt, now) - clampInstant(zohoRecord.modifiedAt, now)) <= HISTORY_WINDOW_MS;
		return !h.read && close ? { ...recordTimes(), needs: 'hubspot' } : recordTimes();
	}

	// A copy carries the other side's older data: it loses to an edit, unless written long after that side's change.
	if (h.copy && !z.copy) {
		if (h.at > z.at + COPY_GRACE_MS) return win('hubspot', 'HubSpot value written through the API after Zoho\'s last change');
		return win('zoho', 'HubSpot value is a copy written by an integration; Zoho\'s edit wins');
	}
	if (z.copy && !h.copy) {
		if (z.at > h.at + COPY_GRACE_MS) return win('zoho', 'Zoho value written through the API after HubSpot\'s last change');
		return win('hubspot', 'Zoho value is a copy written by an integration; HubSpot\'s edit wins');
	}

	const hMoved = heldBefore(m, h, z);
	if (z.history) {
		const zMoved = heldBefore(m, z, h);
		if (hMoved && !zMoved) return win('hubspot', 'only HubSpot changed it');
		if (zMoved && !hMoved) return win('zoho', 'only Zoho changed it');
		return byTime('both changed it; the newer change wins', true);
	}
	// Zoho's field time unknown; its record time is an upper bound.
	if (compareInstants(h.at, z.at) > 0) return win('hubspot', 'HubSpot changed it after Zoho\'s last change');
	if (hMoved) return win('hubspot', 'only HubSpot changed it');
	if (z.at - h.at > TIMELINE_WINDOW_MS) return win('zoho', 'Zoho changed the record well after HubSpot changed this field');
	const verdict = byTime(`newer change (Zoho's by its record time)`, true);
	return z.read ? verdict : { ...verdict, needs: 'zoho' };
}


/** For output items: which fields came from which CRM (HubSpot property / Zoho field names) and the true conflicts. */
export function summariseMerge(decisions: readonly FieldDecision[]): {
	fromHubspot: string[];
	fromZoho: string[];
	conflicts: Array<{ hubspot: string; zoho: string; kept: SystemName; basis: string }>;
} {
	return {
		fromHubspot: decisions.filter((d) => d.from === 'hubspot').map((d) => d.hubspot),
		fromZoho: decisions.filter((d) => d.from === 'zoho').map((d) => d.zoho),
		conflicts: decisions.filter((d) => d.conflict).map((d) => ({ hubspot: d.hubspot, zoho: d.zoho, kept: d.from, basis: d.basis })),
	};
}
