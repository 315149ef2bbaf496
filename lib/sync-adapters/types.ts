import type { HubspotClient, HubspotObject, HubspotRequester } from '../hubspot';
import type { MappingOptions, ObjectKind, SyncScope, XrefFields } from '../sync';
import type { ZohoClient, ZohoRecord } from '../zoho';

/** Everything the adapters need: the two clients plus the sync settings that decide which fields are read. */
export interface AdapterConfig {
	hubspot: HubspotClient;
	/**
	 * The HubSpot request pipeline, for the one call HubspotClient lacks: the v4 batch association read
	 * (POST /crm/v4/associations/contact/company/batch/read, docs/crm-api-notes.md §1.7).
	 */
	hubspotRequester: HubspotRequester;
	zoho: ZohoClient;
	/**
	 * Clients for record writes (create, update, upsert), when they must differ from the readers: the Sync node
	 * gives writers that never retry by themselves, so a failed write goes back to runSync's retry rounds and is
	 * re-planned from a fresh read instead of being sent again as it was.
	 */
	hubspotWriter?: HubspotClient;
	zohoWriter?: ZohoClient;
	/** Per object kind: the same MappingOptions given to runSync, so every mapped field is read. */
	mappings?: Partial<Record<ObjectKind, MappingOptions>>;
	/** One pair of cross-reference fields, used for contacts and companies alike. */
	xref?: XrefFields;
	/**
	 * Unused since the per-field merge became the default: field histories are read only for the records that need
	 * them (runSync asks through SyncReader.fieldHistory). Kept so existing callers still compile.
	 */
	perField?: boolean;
	/** The sync scope: its source fields are read with every record so runSync can decide scope without another call. */
	scope?: SyncScope;
}

/** Native records seen during one run, so linking can read Account_Name / associations without another call. */
export interface RecordCache {
	zoho: Map<string, ZohoRecord>;
	hubspot: Map<string, HubspotObject>;
}

/** One port's view: the config, the run's record cache, and the client that writes (a non-retrying one, if given). */
export interface PortSide<Writer> {
	config: AdapterConfig;
	cache: RecordCache;
	writer: Writer;
}

export const cacheKey = (kind: ObjectKind, id: string): string => `${kind}:${id}`;
