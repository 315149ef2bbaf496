import type { SystemName } from './types';

/** Instants more than this far ahead of `now` are clock skew or bad data: they count as `now` (house-style, TinyBase). */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** Timestamp (epoch ms, ISO string with offset, or Date) -> epoch ms; unreadable -> 0 (oldest, never wins a tie). */
export function toEpochMs(value: unknown): number {
	if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
	if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : 0;
	if (typeof value === 'string' && value.trim() !== '') {
		const trimmed = value.trim();
		// HubSpot sometimes returns epoch-ms strings for datetime properties.
		if (/^\d{10,}$/.test(trimmed)) return Number(trimmed);
		// Date.parse compares instants: Zoho's "2019-03-22T11:10:55+05:30" and HubSpot's "...Z" both work.
		const ms = Date.parse(trimmed);
		return Number.isFinite(ms) ? ms : 0;
	}
	return 0;
}

export function clampInstant(ms: number, now: number): number {
	if (!Number.isFinite(ms)) return 0;
	return ms > now + MAX_FUTURE_SKEW_MS ? now : ms;
}

/**
 * Compare two instants at whole-second precision: Zoho's Modified_Time has no milliseconds (docs/crm-api-notes.md §2.6), so a
 * HubSpot edit at .500 and a Zoho edit at .900 of the same second cannot be ordered honestly. Same second = tie.
 */
export function compareInstants(a: number, b: number): -1 | 0 | 1 {
	const sa = Math.floor(a / 1000);
	const sb = Math.floor(b / 1000);
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Which side holds the newer value. Ties go to a fixed system (`tieWinner`, HubSpot by default, whose emails are unique),
 * never to "whoever arrived first", so the result does not depend on event order.
 */
export function newerSide(
	source: { system: SystemName; at: number; writtenByApi?: boolean },
	target: { system: SystemName; at: number; writtenByApi?: boolean },
	now: number,
	tieWinner: SystemName,
): 'source' | 'target' {
	const c = compareInstants(clampInstant(source.at, now), clampInstant(target.at, now));
	if (c !== 0) return c > 0 ? 'source' : 'target';
	// Same second: a copy written through the API loses to a person's edit (it can only be older data).
	if (source.writtenByApi === true && target.writtenByApi !== true) return 'target';
	if (target.writtenByApi === true && source.writtenByApi !== true) return 'source';
	return source.system === tieWinner ? 'source' : 'target';
}

/** Whether two instants fall in the same whole second (after clamping), so newestWins cannot order them. */
export function sameSecond(a: number, b: number, now: number): boolean {
	return compareInstants(clampInstant(a, now), clampInstant(b, now)) === 0;
}
