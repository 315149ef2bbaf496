import type { ConcurrencyLimiter, CrmRecordError, Now, RetryOptions, Sleep, Transport } from '../http';
import type { Coalescer } from '../http/coalesce';

export type ZohoModule = 'Contacts' | 'Accounts';

/** A Zoho record as the API returns it: `id` plus API-named fields (Last_Name, Modified_Time, Account_Name{name,id} …). */
export interface ZohoRecord {
	id: string;
	[field: string]: unknown;
}

export interface ZohoClientOptions {
	transport: Transport;
	/** `api_domain` from the token response, e.g. https://www.zohoapis.eu (see resolveZohoApiDomain). */
	apiDomain: string;
	sleep: Sleep;
	now: Now;
	retry?: Partial<Omit<RetryOptions, 'sleep' | 'now'>>;
	/** Requests in flight at once (Zoho counts concurrency per org and app, docs/crm-api-notes.md §2.8). Default 5. */
	maxInFlight?: number;
	/** A cap shared with other clients of the same org and app (every execution of a process); wins over maxInFlight. */
	limiter?: ConcurrencyLimiter;
	/**
	 * Called with X-API-CREDITS-REMAINING when a response carries it: Zoho sends it once half of the rolling 24-hour
	 * credits are used (https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html).
	 */
	onApiCredits?: (remaining: number) => void;
	/**
	 * Shares reads by id and COQL `in` lookups with every client given the same coalescer (one per credential and
	 * process): concurrent executions' small reads go out as one call (lib/http/coalesce.ts). Default: none.
	 */
	coalesce?: Coalescer;
}

export interface WriteOptions {
	/** Zoho automations to run; default [] so workflows do not react to sync writes (docs/crm-api-notes.md §2.3). */
	trigger?: string[];
	/** Upsert only. Default: Zoho's system fields (Contacts Email, Accounts Account_Name). */
	duplicateCheckFields?: string[];
	/** Server-side newest-wins: an instant (epoch ms) or a Zoho time string. 412 ALREADY_MODIFIED if changed after. */
	ifUnmodifiedSince?: number | string;
}

export interface WriteSuccess {
	ok: true;
	/** Position of the record in the input array. */
	index: number;
	id: string;
	action: 'insert' | 'update';
	modifiedTime?: string;
	/** Upsert: the field that matched an existing record, null for an insert. */
	duplicateField?: string | null;
}

export interface WriteFailure {
	ok: false;
	index: number;
	error: CrmRecordError;
}

export type WriteOutcome = WriteSuccess | WriteFailure;

export interface WriteResult {
	outcomes: WriteOutcome[];
	succeeded: WriteSuccess[];
	failed: WriteFailure[];
}

export interface CoqlResult {
	data: ZohoRecord[];
	moreRecords: boolean;
}

export type WatchEvent = `${ZohoModule}.${'create' | 'edit' | 'delete' | 'all'}`;

export interface WatchChannelInput {
	/** A long you choose (string of digits), echoed on every callback. */
	channelId: string;
	events: WatchEvent[];
	notifyUrl: string;
	/** ≤50 characters, echoed on every callback: check it in constant time. */
	token?: string;
	/** Epoch ms or ISO string; at most one week ahead. Default: one week minus a minute. */
	expiry?: number | string;
	notifyOnRelatedAction?: boolean;
	returnAffectedFieldValues?: boolean;
}

export interface WatchChannelResult {
	channelId: string;
	/** Expiry as Zoho reports it, and as epoch ms. */
	channelExpiry: string;
	expiresAt: number;
	resources: Array<{ resourceName: string; resourceUri: string; resourceId: string }>;
}

export interface ChannelInfo {
	channelId: string;
	events: string[];
	notifyUrl: string;
	channelExpiry: string;
	expiresAt: number;
	resourceName: string;
}
