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
	type FieldEdit,
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
	/** Native field -> changes, newest first; byApi for writes through the ports (our sync), not for edits. */
	history: Record<string, FieldEdit[]>;
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
	/** Offer no fieldHistory port method (an adapter without history support). */
	noHistoryPort?: boolean;
	xref?: { hubspotField?: string; zohoField?: string };
}

export function createWorld(clock: FakeClock, options: WorldOptions = {}) {
	const stores: Record<SystemName, Map<string, Stored>> = { hubspot: new Map(), zoho: new Map() };
	const calls = { readRecords: 0, findTargets: 0, createMany: 0, updateMany: 0, written: 0, hubspotHistory: 0, zohoHistory: 0 };
	let nextId = 1000;
	const hooks: { beforeUpdate?: (system: SystemName, writes: readonly RecordWrite[]) => void } = {};

	const stamp = (system: SystemName, ms: number): number => (system === 'zoho' ? Math.floor(ms / 1000) * 1000 : ms);

	function put(system: SystemName, kind: ObjectKind, fields: Record<string, unknown>, id?: string): string {
		const recordId = id ?? String(nextId++);
		const at = stamp(system, clock.now());
		const fieldTimes: Record<string, number> = {};
		const history: Record<string, FieldEdit[]> = {};
		for (const [f, v] of Object.entries(fields)) {
			fieldTimes[f] = at;
			history[f] = [{ value: v === null || v === undefined || v === '' ? null : String(v), at, byApi }];
		}
		stores[system].set(recordId, { id: recordId, kind, fields: { ...fields }, modifiedAt: at, fieldTimes, history });
		return recordId;
	}
	let byApi = false;

	/** A person's edit in that CRM (writes through the ports are recorded as API copies). */
	function edit(system: SystemName, id: string, fields: Record<string, unknown>): void {
		const r = stores[system].get(id);
		if (!r) throw new Error(`no ${system} record ${id}`);
		const at = stamp(system, clock.now());
		for (const [f, v] of Object.entries(fields)) {
			const next = system === 'hubspot' && v === null ? '' : v;
			const old = r.fields[f];
			r.fields[f] = next;
			r.fieldTimes[f] = at;
			if (String(old ?? '') !== String(next ?? '')) {
				const value = next === null || next === undefined || next === '' ? null : String(next);
				const previous = old === null || old === undefined || old === '' ? null : String(old);
				(r.history[f] = r.history[f] ?? []).unshift({ value, previous, at, byApi });
			}
		}
		r.modifiedAt = at;
	}
	const asApi = <T>(fn: () => T): T => {
		byApi = true;
		try {
			return fn();
		} finally {
			byApi = false;
		}
	};

	function toRecord(system: SystemName, r: Stored): SyncRecord {
		const mappings = resolveMappings(r.kind, { mappings: options.mappings });
		if (system === 'hubspot') {
			return hubspotToRecord(
				{ id: r.id, properties: r.fields, updatedAt: new Date(r.modifiedAt).toISOString() },
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

	/** Canonical-keyed histories, as an adapter's fieldHistory returns them. */
	function historyOf(system: SystemName, r: Stored): Record<string, FieldEdit[]> {
		const mappings = resolveMappings(r.kind, { mappings: options.mappings });
		const out: Record<string, FieldEdit[]> = {};
		for (const m of mappings) {
			const edits = r.history[system === 'hubspot' ? m.hubspot : m.zoho];
			if (edits?.length) out[m.field] = edits.map((e) => ({ ...e }));
		}
		return out;
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
		asApi(() => edit(system, r.id, fields));
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
			...(options.noHistoryPort
				? {}
				: {
						async fieldHistory(system: SystemName, kind: ObjectKind, ids: readonly string[]) {
							calls[system === 'hubspot' ? 'hubspotHistory' : 'zohoHistory']++;
							const out = new Map<string, Record<string, FieldEdit[]>>();
							for (const id of ids) {
								const r = stores[system].get(id);
								if (r && r.kind === kind) out.set(id, historyOf(system, r));
							}
							return out;
						},
					}),
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
					return { ok: true, id: asApi(() => put(system, kind, w.fields)), created: true };
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
		/** A write through the API by another integration (recorded as an API change, like our copies). */
		apiEdit: (system: SystemName, id: string, fields: Record<string, unknown>) => asApi(() => edit(system, id, fields)),
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
