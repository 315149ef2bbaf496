/** Shared data types of the pure sync engine. Plain data only: no classes, no I/O. */

export type SystemName = 'hubspot' | 'zoho';
export type Direction = 'hubspotToZoho' | 'zohoToHubspot';
export type ObjectKind = 'contact' | 'company';
export type MappingDirection = 'both' | Direction;

/** newestWins: per field, the newer change wins (per record when perField is off); sourceWins: mirror; fillEmptyOnly. */
export type ConflictRule = 'newestWins' | 'sourceWins' | 'fillEmptyOnly';

/** How a value is compared and written. `enum` values are translated through the mapping's valueMap. */
export type FieldKind = 'text' | 'email' | 'phone' | 'url' | 'domain' | 'number' | 'enum';

export type FieldValue = string | null;

/**
 * One record as the engine sees it. `fields` is keyed by CANONICAL field name (firstName, email, website …) and holds
 * the value as stored in `system` (HubSpot internal enum values, Zoho labels), stringified; empty string is null.
 */
export interface SyncRecord {
	system: SystemName;
	objectKind: ObjectKind;
	id: string;
	fields: Record<string, FieldValue>;
	/** Last modification instant, epoch ms (HubSpot updatedAt, Zoho Modified_Time converted from its offset). */
	modifiedAt: number;
	/** Per canonical field, epoch ms of its last change (HubSpot property history; Zoho timeline if read). */
	fieldModifiedAt?: Record<string, number>;
	/**
	 * Per canonical field, its changes as the CRM's own history reports them, newest first (HubSpot property history,
	 * Zoho record timeline). Absent: not read. Present but without a field: read, and that field's change is unknown.
	 */
	fieldHistory?: Record<string, FieldEdit[]>;
	/** Cross-reference: the id of the counterpart in the other system, when the configured xref field holds one. */
	xrefId?: string;
	/**
	 * The latest change came through the API (most likely this sync copying the other side), not from a person. Known
	 * only after runSync asked (same-second ties); such a side loses a same-second tie against a person's edit.
	 */
	writtenByApi?: boolean;
	raw?: unknown;
}

/** A field mapping between the two CRMs, named by a canonical field. */
export interface FieldMapping {
	field: string;
	hubspot: string;
	zoho: string;
	direction: MappingDirection;
	kind: FieldKind;
	/** For `enum`: HubSpot internal value -> Zoho label. Must be one-to-one (else the two sides ping-pong). */
	valueMap?: Record<string, string>;
	/** HubSpot property read when `hubspot` is empty (company website falls back to domain). */
	hubspotFallback?: string;
}

/** A mapping added in the node UI. Values are copied verbatim (kind text) unless `kind`/`valueMap` say otherwise. */
export interface CustomMapping {
	hubspotField: string;
	zohoField: string;
	direction: MappingDirection;
	kind?: FieldKind;
	valueMap?: Record<string, string>;
}

/** One change of one field in one CRM, from its history. */
export interface FieldEdit {
	/** The value set, as stored in that system (stringified; empty is null). */
	value: FieldValue;
	/** The value before this change, when the history says (Zoho's timeline does). */
	previous?: FieldValue;
	/** Epoch ms. */
	at: number;
	/**
	 * Written through the API (HubSpot sourceType API/INTEGRATION, Zoho timeline source crm_api/bulkapi): most likely
	 * this sync copying the other CRM, so a copy of older data, not a person's edit.
	 */
	byApi: boolean;
}

/** How the per-field merge settled one field whose values differed (output items show these). */
export interface FieldDecision {
	/** Canonical field name. */
	field: string;
	hubspot: string;
	zoho: string;
	/** The CRM whose value both end up holding. */
	from: SystemName;
	/** Both CRMs changed this field since they last agreed: settled by the newer change (or the tie rule). */
	conflict: boolean;
	/** Why, in words: "only HubSpot changed it", "HubSpot's value is a copy; Zoho's edit wins", … */
	basis: string;
}

export interface FieldChange {
	/** Target field name (HubSpot property or Zoho API name). */
	field: string;
	from: FieldValue;
	to: PayloadValue;
}

export type PayloadValue = string | number | null;

export type SyncActionType = 'create' | 'update' | 'skip' | 'unchanged';

export interface SyncAction {
	type: SyncActionType;
	direction: Direction;
	objectKind: ObjectKind;
	sourceSystem: SystemName;
	sourceId: string;
	targetSystem: SystemName;
	targetId?: string;
	/** Field changes in target field names; empty for skip/unchanged. */
	changes: FieldChange[];
	reason: string;
	/** Target field name -> value to write (creates: every mapped non-empty value; updates: the changes). */
	payload: Record<string, PayloadValue>;
	/** Updates only: the target's modifiedAt as read; Zoho writers send it as If-Unmodified-Since (412 if newer). */
	ifUnmodifiedSince?: number;
	/** Creates only: the natural key the writer should upsert on, so concurrent deliveries cannot duplicate. */
	upsertKey?: { field: string; value: string };
	/** How the target was found: xref, email, domain, name. */
	matchedBy?: MatchRule;
	/** Set by runSync after a successful write. */
	applied?: boolean;
	/** A skip because the source record is outside the sync scope (lib/sync/scope.ts). */
	outOfScope?: boolean;
	/** Matched pairs: how each differing field was settled (from which CRM, and the true conflicts). */
	merge?: FieldDecision[];
	/**
	 * Set by the planner when a differing field could only be settled by record times and that CRM's per-field history
	 * would settle it; runSync reads that history (batched, only for these records) and plans again.
	 */
	needsHistory?: SystemName;
}

export type MatchRule = 'xref' | 'email' | 'domain' | 'name';

export type FailureOperation = 'read' | 'match' | 'plan' | 'create' | 'update' | 'writeXref';

export interface SyncFailure {
	operation: FailureOperation;
	direction: Direction;
	objectKind: ObjectKind;
	/** Source record id (the record the user would look for). */
	recordId: string;
	/** A message naming the field and value when there is one; never secrets. */
	error: string;
	code: string;
	retriable: boolean;
	field?: string;
	/** Ambiguous matches: the candidate target ids. */
	candidates?: string[];
	/** The source record's modified time as read (epoch ms), when it was read. */
	sourceModifiedAt?: number;
}

export interface SyncPlan {
	actions: SyncAction[];
	failures: SyncFailure[];
}

export const sourceSystemOf = (direction: Direction): SystemName =>
	direction === 'hubspotToZoho' ? 'hubspot' : 'zoho';
export const targetSystemOf = (direction: Direction): SystemName =>
	direction === 'hubspotToZoho' ? 'zoho' : 'hubspot';
