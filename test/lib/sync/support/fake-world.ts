/**
 * In-memory HubSpot + Zoho for engine tests: implements SyncPorts over two maps, converts through the real
 * hubspotToRecord / zohoToRecord, counts port calls, and enforces Zoho's If-Unmodified-Since (412) and upsert keys.
 */
import {
	hubspotToRecord,
	normaliseDomain,
	resolveMappings,
	zohoToRecord,
	type CustomMapping,
	type MatchKeys,
	type ObjectKind,
	type RecordWrite,
	type SyncPorts,
	type SyncRecord,
	type SystemName,
	type WriteOutcome,
} from '../../../../lib/sync';

export interface FakeClock {
	now: () => number;
	set: (ms: number) => void;
	advance: (ms: number) => void;
}

export function fakeClock(start = Date.UTC(2024, 0, 15, 10, 0, 0)): FakeClock {
	let t = start;
	return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
}

interface Stored {
	id: string;
	kind: ObjectKind;
	fields: Record<string, unknown>;
	modifiedAt: number;
	fieldTimes: Record<string, number>;
}

/** Zoho's Modified_Time: the user's offset, no milliseconds (docs/crm-api-notes.md §2.6). */
export function zohoTime(ms: number): string {
	const shifted = new Date(Math.floor(ms / 1000) * 1000 + 330 * 60000);
	return `${shifted.toISOString().slice(0, 19)}+05:30`;
}

export interface WorldOptions {
	mappings?: CustomMapping[];
	/** Give the engine per-field times for Zoho records too (as a timeline read would). */
	zohoFieldTimes?: boolean;
	xref?: { hubspotField?: string; zohoField?: string };
}

export function createWorld(clock: FakeClock, options: WorldOptions = {}) {
	const stores: Record<SystemName, Map<string, Stored>> = { hubspot: new Map(), zoho: new Map() };
	const calls = { readRecords: 0, findTargets: 0, createMany: 0, updateMany: 0, written: 0 };
	let nextId = 1000;
	const hooks: { beforeUpdate?: (system: SystemName, writes: readonly RecordWrite[]) => void } = {};

	const stamp = (system: SystemName, ms: number): number => (system === 'zoho' ? Math.floor(ms / 1000) * 1000 : ms);

	function put(system: SystemName, kind: ObjectKind, fields: Record<string, unknown>, id?: string): string {
		const recordId = id ?? String(nextId++);
		const at = stamp(system, clock.now());
		const fieldTimes: Record<string, number> = {};
		for (const f of Object.keys(fields)) fieldTimes[f] = at;
		stores[system].set(recordId, { id: recordId, kind, fields: { ...fields }, modifiedAt: at, fieldTimes });
		return recordId;
	}

	function edit(system: SystemName, id: string, fields: Record<string, unknown>): void {
		const r = stores[system].get(id);
		if (!r) throw new Error(`no ${system} record ${id}`);
		const at = stamp(system, clock.now());
		for (const [f, v] of Object.entries(fields)) {
			r.fields[f] = system === 'hubspot' && v === null ? '' : v;
			r.fieldTimes[f] = at;
		}
		r.modifiedAt = at;
	}

	function toRecord(system: SystemName, r: Stored): SyncRecord {
		const mappings = resolveMappings(r.kind, { mappings: options.mappings });
		if (system === 'hubspot') {
			const history: Record<string, Array<{ value: unknown; timestamp: string }>> = {};
			for (const [f, t] of Object.entries(r.fieldTimes))
				history[f] = [{ value: r.fields[f], timestamp: new Date(t).toISOString() }];
			return hubspotToRecord(
				{
					id: r.id,
					properties: r.fields,
					updatedAt: new Date(r.modifiedAt).toISOString(),
					propertiesWithHistory: history,
				},
				r.kind,
				{ mappings, xrefField: options.xref?.hubspotField },
			);
		}
		const fieldTimes = options.zohoFieldTimes
			? Object.fromEntries(Object.entries(r.fieldTimes).map(([f, t]) => [f, zohoTime(t)]))
			: undefined;
		return zohoToRecord({ id: r.id, ...r.fields, Modified_Time: zohoTime(r.modifiedAt) }, r.kind, {
			mappings,
			xrefField: options.xref?.zohoField,
			fieldTimes,
		});
	}

	const all = (system: SystemName, kind: ObjectKind) =>
		[...stores[system].values()].filter((r) => r.kind === kind).map((r) => toRecord(system, r));

	function matchesKeys(r: SyncRecord, keys: MatchKeys): boolean {
		const email = (r.fields.email ?? '').toLowerCase().trim();
		const domains = [r.fields.website, r.fields.domain].filter((x): x is string => !!x).map(normaliseDomain);
		return (
			keys.ids.includes(r.id) ||
			(r.xrefId !== undefined && keys.xrefIds.includes(r.xrefId)) ||
			(email !== '' && keys.emails.includes(email)) ||
			domains.some((d) => keys.domains.includes(d)) ||
			keys.names.some((n) => n.toLowerCase() === (r.fields.name ?? '').toLowerCase())
		);
	}

	function applyFields(system: SystemName, r: Stored, fields: Record<string, unknown>): void {
		edit(system, r.id, fields);
	}

	const ports: SyncPorts = {
		reader: {
			async readRecords(system, kind, ids) {
				calls.readRecords++;
				return all(system, kind).filter((r) => ids.includes(r.id));
			},
			async findTargets(system, kind, keys) {
				calls.findTargets++;
				return all(system, kind).filter((r) => matchesKeys(r, keys));
			},
		},
		writer: {
			async createMany(system, kind, writes) {
				calls.createMany++;
				calls.written += writes.length;
				return writes.map((w): WriteOutcome => {
					const key = w.upsertKey;
					const existing = key
						? [...stores[system].values()].find(
								(r) => r.kind === kind && String(r.fields[key.field] ?? '').toLowerCase() === key.value.toLowerCase(),
							)
						: undefined;
					if (existing) {
						applyFields(system, existing, w.fields);
						return { ok: true, id: existing.id, created: false };
					}
					return { ok: true, id: put(system, kind, w.fields), created: true };
				});
			},
			async updateMany(system, kind, writes) {
				calls.updateMany++;
				calls.written += writes.length;
				hooks.beforeUpdate?.(system, writes);
				// Zoho: one If-Unmodified-Since per request = the max of the batch (see ports.ts).
				const since = Math.max(...writes.map((w) => w.ifUnmodifiedSince ?? -Infinity));
				const stale =
					system === 'zoho' &&
					Number.isFinite(since) &&
					writes.some((w) => (stores[system].get(w.id ?? '')?.modifiedAt ?? 0) > since);
				return writes.map((w): WriteOutcome => {
					const r = stores[system].get(w.id ?? '');
					if (!r || r.kind !== kind)
						return { ok: false, code: 'INVALID_DATA', message: 'no such record', retriable: false };
					if (stale) return { ok: false, code: 'ALREADY_MODIFIED', message: 'record modified', retriable: true };
					applyFields(system, r, w.fields);
					return { ok: true, id: r.id };
				});
			},
		},
	};

	return {
		stores,
		calls,
		ports,
		hooks,
		put,
		edit,
		record: (system: SystemName, id: string) => stores[system].get(id),
		fields: (system: SystemName, id: string) => ({ ...stores[system].get(id)?.fields }),
		resetCalls: () => Object.keys(calls).forEach((k) => (calls[k as keyof typeof calls] = 0)),
	};
}

export type FakeWorld = ReturnType<typeof createWorld>;

/** Every ordering of xs (n! of them; keep n small). */
export function permutations<T>(xs: readonly T[]): T[][] {
	if (xs.length <= 1) return [xs.slice()];
	return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}
