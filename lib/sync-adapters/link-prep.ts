// The first half of linking a contact to its company, which needs neither the contact's write nor its target id: the
// contact's company in the source system (HubSpot association read, or Account_Name as read from Zoho) and the sync of
// that company. syncBatch starts it as soon as runSync knows which contacts it will write, so it runs beside their
// writes instead of after them; linkCompanies awaits it.
import type { Direction, SyncAction } from '../sync';
import { readContactCompanyIds } from './hubspot-links';
import { cacheKey, type AdapterConfig, type RecordCache } from './types';

/** Syncs the given source company ids and returns source company id -> target company id. */
export type SyncCompanies = (ids: string[]) => Promise<{ targets: Map<string, string>; reasons: Map<string, string> }>;

/** What one preparation found. Never a rejection: a failed step is named in `failed`. */
export interface LinkPrep {
	/** Source contact id -> its source company id (contacts without a company are absent). */
	companyOf: Map<string, string>;
	/** Source company id -> target company id, and why a company has none. */
	targets: Map<string, string>;
	reasons: Map<string, string>;
	/** The step that failed: every contact of this preparation fails its link naming it. */
	failed?: { what: string; error: unknown };
}

/** Per source contact id, the preparation started for it (syncBatch's early start). */
export type EarlyLinks = ReadonlyMap<string, Promise<LinkPrep>>;

export const lookupId = (v: unknown): string | undefined => {
	const id = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

/**
 * The contacts' source companies, then a sync of those not in `known` (companies an earlier preparation of this batch
 * already synced). HubSpot -> Zoho reads the associations (one batch call); Zoho -> HubSpot takes Account_Name from the
 * Zoho records already read (no call).
 */
export async function prepareLinks(
	config: AdapterConfig,
	cache: RecordCache,
	direction: Direction,
	contacts: readonly SyncAction[],
	syncCompanies: SyncCompanies,
	known?: ReadonlySet<string>,
): Promise<LinkPrep> {
	const prep: LinkPrep = { companyOf: new Map(), targets: new Map(), reasons: new Map() };
	let what = 'HubSpot association read';
	try {
		if (direction === 'hubspotToZoho') {
			const read = await readContactCompanyIds(config.hubspotRequester, contacts.map((a) => a.sourceId));
			for (const [contact, companies] of read) if (companies[0]) prep.companyOf.set(contact, companies[0]);
		} else {
			for (const a of contacts) {
				const account = lookupId(cache.zoho.get(cacheKey('contact', a.sourceId))?.Account_Name);
				if (account) prep.companyOf.set(a.sourceId, account);
			}
		}
		const todo = [...new Set(prep.companyOf.values())].filter((id) => !known?.has(id));
		if (todo.length === 0) return prep;
		what = 'company sync';
		const synced = await syncCompanies(todo);
		prep.targets = synced.targets;
		prep.reasons = synced.reasons;
	} catch (error) {
		prep.failed = { what, error };
	}
	return prep;
}
