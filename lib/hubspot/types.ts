import type { Coalescer } from '../http/coalesce';
import type { RetryOptions } from '../http/retry';
import type { WindowLimiter } from '../http/limiter';
import type { RateBudget } from '../http/rate-budget';
import type { Now, Sleep, Transport } from '../http/types';

export type HubspotObjectType = 'contacts' | 'companies';

/** HubSpot returns every property value as a string or null. */
export type HubspotProperties = Record<string, string | null>;

export interface PropertyHistoryEntry {
	value: string;
	/** ISO UTC with ms. */
	timestamp: string;
	/** CRM_UI, API, INTEGRATION, IMPORT, WORKFLOWS… (docs/crm-api-notes.md §1.8). */
	sourceType: string;
	sourceId?: string;
	sourceLabel?: string;
	updatedByUserId?: number;
}

/** SimplePublicObject (docs/crm-api-notes.md §1.6). */
export interface HubspotObject {
	id: string;
	properties: HubspotProperties;
	propertiesWithHistory?: Record<string, PropertyHistoryEntry[]>;
	associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
	createdAt: string;
	updatedAt: string;
	archived?: boolean;
	/** Batch upsert only: true when the record was created. */
	new?: boolean;
}

/** Values to write: numbers and booleans are sent as strings; '' clears a property. */
export type PropertyInput = Record<string, string | number | boolean | null>;

export interface ReadOptions {
	properties?: string[];
	propertiesWithHistory?: string[];
	/** e.g. 'email' to read by email (skips the eventually consistent search index). */
	idProperty?: string;
	associations?: HubspotObjectType[];
}

export interface BatchReadResult {
	results: HubspotObject[];
	/** Requested ids (or idProperty values) HubSpot did not find. */
	missing: string[];
}

export type SearchOperator =
	| 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'BETWEEN' | 'IN' | 'NOT_IN'
	| 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' | 'CONTAINS_TOKEN' | 'NOT_CONTAINS_TOKEN';

export interface SearchFilter {
	propertyName: string;
	operator: SearchOperator;
	value?: string | number;
	highValue?: string | number;
	values?: Array<string | number>;
}

export interface SearchBody {
	filterGroups?: Array<{ filters: SearchFilter[] }>;
	properties?: string[];
	/** '-lastmodifieddate' or { propertyName, direction }. */
	sorts?: Array<string | { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }>;
	query?: string;
	limit?: number;
	after?: string;
}

export interface SearchPage {
	total: number;
	results: HubspotObject[];
	/** Cursor of the next page, absent on the last one. */
	after?: string;
}

export interface SearchAllResult {
	total: number;
	results: HubspotObject[];
	/** True when maxPages or HubSpot's 10,000-result cap stopped the paging early. */
	truncated: boolean;
}

export interface CreateInput {
	properties: PropertyInput;
	/** Company ids to link (contacts only), with the default contact->company type 279. */
	companyIds?: string[];
}
export interface UpdateInput {
	id: string;
	properties: PropertyInput;
	idProperty?: string;
}
export interface UpsertInput {
	/** The idProperty value, e.g. an email. */
	id: string;
	/** Must be a unique-value property: 'email' for contacts (the default for contacts). */
	idProperty?: string;
	properties: PropertyInput;
}

export interface AssociationPair {
	contactId: string;
	companyId: string;
}

export interface AccountInfo {
	portalId: number;
	timeZone?: string;
	uiDomain?: string;
	dataHostingLocation?: string;
	[key: string]: unknown;
}

export interface HubspotClientOptions {
	transport: Transport;
	/** Default https://api.hubapi.com (point it at the sandbox's /hubspot in tests). */
	baseUrl?: string;
	sleep: Sleep;
	now: Now;
	retry?: Partial<Omit<RetryOptions, 'sleep' | 'now'>>;
	/** Calls per rolling 10 s until HubSpot's X-HubSpot-RateLimit-Max says otherwise. Default 100 (Free/Starter). */
	tenSecondLimit?: number;
	/** Search calls per second. Default 5. */
	searchPerSecond?: number;
	/**
	 * Limiters to share between clients (HubSpot's limits are per app/token, not per client): every client of one
	 * process that gets the same objects waits its turn instead of drawing 429s. Default: the client's own.
	 */
	limiters?: HubspotLimiters;
	/**
	 * Shares object and association batch reads with every client given the same coalescer (one per credential and
	 * process): concurrent executions' small reads go out as one batch call (lib/http/coalesce.ts). Default: none.
	 */
	coalesce?: Coalescer;
}

export interface HubspotLimiters {
	/** The app's rolling-window budget, following HubSpot's rate-limit headers (lib/http/rate-budget.ts). */
	tenSecond: RateBudget;
	search: WindowLimiter;
}
