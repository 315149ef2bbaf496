import type { MatchKeys } from './match';
import type { FieldEdit, ObjectKind, PayloadValue, SyncRecord, SystemName } from './types';

/**
 * The only I/O the engine needs, batch-shaped so 100 records cost one read, one lookup and one write per step.
 * Adapters (nodes/shared or a test fake) implement it over lib/hubspot and lib/zoho and chunk into the APIs' hundreds
 * themselves. Adapters convert native records with `hubspotToRecord` / `zohoToRecord` (records.ts) and fetch the
 * fields named by `propertiesToRead` (mappings.ts).
 */
export interface SyncReader {
	/**
	 * Current state of the given records, by id (HubSpot batch/read, Zoho COQL `id in (…)`). Ids that do not exist are
	 * simply absent from the result. Never trust an event payload: this read is what makes arrival order irrelevant.
	 */
	readRecords(system: SystemName, objectKind: ObjectKind, ids: readonly string[]): Promise<SyncRecord[]>;
	/**
	 * Possible matches for ALL keys at once: records with an id in `keys.ids`, an xref field holding one of
	 * `keys.xrefIds`, an email in `keys.emails` (contacts), a website/domain in `keys.domains` or a name in `keys.names`
	 * (companies). Extra candidates are fine (the engine re-checks exactly); missing ones cause duplicates, so use
	 * lag-free lookups: HubSpot batch read with idProperty=email, Zoho COQL (docs/crm-api-notes.md §1.6, §2.5, §3.1).
	 */
	findTargets(system: SystemName, objectKind: ObjectKind, keys: MatchKeys): Promise<SyncRecord[]>;
	/**
	 * Optional. Of the given HubSpot records, those whose latest change of a mapped property came through the API
	 * (an integration such as this sync: property history sourceType API/INTEGRATION), not from a person. Asked only
	 * when both sides changed within the same second and differ, which whole-second Zoho times cannot order.
	 */
	apiWrittenIds?(objectKind: ObjectKind, ids: readonly string[]): Promise<Set<string>>;
	/**
	 * Optional. Per record id, per CANONICAL field, its changes newest first: HubSpot property history (batch read with
	 * propertiesWithHistory, 50 a call), Zoho record timeline (one call per record). Asked only for records whose
	 * differing fields the per-field merge cannot settle from record times; ids without history may be absent.
	 */
	fieldHistory?(system: SystemName, objectKind: ObjectKind, ids: readonly string[]): Promise<Map<string, Record<string, FieldEdit[]>>>;
}

export interface RecordWrite {
	/** The source record id, for reporting. */
	sourceId: string;
	/** Target id for updates; absent for creates. */
	id?: string;
	/** Native target field name -> value. HubSpot: '' clears. Zoho: null clears. */
	fields: Record<string, PayloadValue>;
	/**
	 * Updates: the target's modifiedAt (epoch ms) as read. Zoho's If-Unmodified-Since is one header per request, so a
	 * batch writer sends the MAX of its batch's values: any record changed after our read then answers 412
	 * ALREADY_MODIFIED, and no unchanged record does. HubSpot has no equivalent; its writer ignores this.
	 */
	ifUnmodifiedSince?: number;
	/** Creates: natural key to upsert on (Zoho duplicate_check_fields, HubSpot idProperty), so retries never duplicate. */
	upsertKey?: { field: string; value: string };
}

export type WriteOutcome =
	| { ok: true; id: string; /** false when an upsert updated an existing record */ created?: boolean }
	| {
			ok: false;
			/** e.g. ALREADY_MODIFIED, DUPLICATE_DATA, INVALID_DATA, MANDATORY_NOT_FOUND, VALIDATION_ERROR, HTTP_429 */
			code: string;
			/** Names the field and value where the API does; never tokens or whole bodies. */
			message: string;
			retriable: boolean;
			field?: string;
	  };

export interface SyncWriter {
	/** Creates with upsert semantics; one outcome per input, same order. */
	createMany(system: SystemName, objectKind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]>;
	/** Updates by id; one outcome per input, same order. */
	updateMany(system: SystemName, objectKind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]>;
	/**
	 * Optional. True when `system` refuses an update whose target changed after `ifUnmodifiedSince` (Zoho answers 412).
	 * Where it does not (HubSpot has no conditional write), the engine re-reads the targets of updates it is about to
	 * write late and re-plans any that changed, so a person's edit made meanwhile is not overwritten. Absent: false.
	 */
	conditionalUpdates?(system: SystemName): boolean;
	/**
	 * Optional. Resolves when writes of this many records can go out without waiting (a client-side rate limiter has
	 * granted their calls). runSync calls it before its freshness re-read, so a long limiter wait cannot fall between
	 * that check and the write: a target without conditional writes (HubSpot) never gets data older than the check.
	 */
	prepare?(system: SystemName, objectKind: ObjectKind, counts: { creates: number; updates: number }): Promise<void>;
}

export interface SyncPorts {
	reader: SyncReader;
	writer: SyncWriter;
}

/** Zoho's 412 code: the target changed after we read it; runSync re-reads and re-plans such records once. */
export const ALREADY_MODIFIED = 'ALREADY_MODIFIED';
