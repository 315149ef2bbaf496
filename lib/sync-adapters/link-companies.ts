// Contact -> company linking after a contact sync: HubSpot association <-> Zoho Account_Name lookup (docs/crm-api-notes.md §1.7,
// §2.6). The company itself is synced first with the same rules (so it is created when the direction creates).
import { describeError } from '../sync/port-errors';
import { isOutOfScopeReason, type Direction, type SyncAction, type SyncFailure } from '../sync';
import { readContactCompanyIds } from './hubspot-links';
import { cacheKey, type AdapterConfig, type RecordCache } from './types';

export interface CompanyLink {
	contactSourceId: string;
	contactTargetId: string;
	companySourceId: string;
	companyTargetId: string;
	/** linked: the link was written; unchanged: it was already there. */
	action: 'linked' | 'unchanged';
}

export type LinkFailure = Omit<SyncFailure, 'operation'> & { operation: 'link' };

export interface LinkResult {
	links: CompanyLink[];
	failures: LinkFailure[];
}

/** Syncs the given source company ids and returns source company id -> target company id. */
export type SyncCompanies = (ids: string[]) => Promise<{ targets: Map<string, string>; reasons: Map<string, string> }>;

const lookupId = (v: unknown): string | undefined => {
	const id = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

export async function linkCompanies(
	config: AdapterConfig,
	cache: RecordCache,
	direction: Direction,
	contacts: readonly SyncAction[],
	syncCompanies: SyncCompanies,
): Promise<LinkResult> {
	const result: LinkResult = { links: [], failures: [] };
	const fail = (a: SyncAction, error: string, code: string, retriable: boolean) =>
		result.failures.push({ operation: 'link', direction, objectKind: 'contact', recordId: a.sourceId, error, code, retriable, field: direction === 'hubspotToZoho' ? 'Account_Name' : 'associations' });
	const guard = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
		try {
			return await run();
		} catch (e) {
			const d = describeError(e);
			for (const a of contacts) fail(a, `company link not written (${what} failed): ${d.message}`, d.code, d.retriable);
			return undefined;
		}
	};

	// Source contact -> its company in the source system.
	const companyOf = new Map<string, string>();
	if (direction === 'hubspotToZoho') {
		const read = await guard('HubSpot association read', () => readContactCompanyIds(config.hubspotRequester, contacts.map((a) => a.sourceId)));
		if (!read) return result;
		for (const [contact, companies] of read) if (companies[0]) companyOf.set(contact, companies[0]);
	} else {
		for (const a of contacts) {
			const account = lookupId(cache.zoho.get(cacheKey('contact', a.sourceId))?.Account_Name);
			if (account) companyOf.set(a.sourceId, account);
		}
	}
	if (companyOf.size === 0) return result;

	const synced = await guard('company sync', () => syncCompanies([...new Set(companyOf.values())]));
	if (!synced) return result;
	const wanted: Array<{ a: SyncAction; company: string; target: string }> = [];
	for (const a of contacts) {
		const company = companyOf.get(a.sourceId);
		if (!company) continue;
		const target = synced.targets.get(company);
		if (target) wanted.push({ a, company, target });
		// A company outside the sync scope is not written, so its contacts stay unlinked: the scope's choice, not a failure.
		else if (!isOutOfScopeReason(synced.reasons.get(company))) fail(a, `company ${company} has no counterpart to link: ${synced.reasons.get(company) ?? 'not synced'}`, 'COMPANY_NOT_SYNCED', false);
	}
	if (wanted.length === 0) return result;

	const current = new Map<string, string[]>();
	if (direction === 'hubspotToZoho') {
		for (const w of wanted) {
			const account = lookupId(cache.zoho.get(cacheKey('contact', w.a.targetId ?? ''))?.Account_Name);
			current.set(w.a.targetId ?? '', account ? [account] : []);
		}
	} else {
		const read = await guard('HubSpot association read', () => readContactCompanyIds(config.hubspotRequester, wanted.map((w) => w.a.targetId ?? '')));
		if (!read) return result;
		for (const [k, v] of read) current.set(k, v);
	}
	const toLink = wanted.filter((w) => !(current.get(w.a.targetId ?? '') ?? []).includes(w.target));
	const link = (w: (typeof wanted)[number], action: CompanyLink['action']) =>
		result.links.push({ contactSourceId: w.a.sourceId, contactTargetId: w.a.targetId ?? '', companySourceId: w.company, companyTargetId: w.target, action });
	for (const w of wanted) if (!toLink.includes(w)) link(w, 'unchanged');
	if (toLink.length === 0) return result;

	if (direction === 'hubspotToZoho') {
		// Account_Name is a lookup: written as {id} (§2.6); trigger [] so Zoho automations do not react.
		const records = toLink.map((w) => ({ id: w.a.targetId ?? '', Account_Name: { id: w.target } }));
		const res = await guard('Zoho Account_Name update', () => config.zoho.update('Contacts', records, { trigger: [] }));
		if (!res) return result;
		toLink.forEach((w, i) => {
			const o = res.outcomes[i];
			if (o?.ok) link(w, 'linked');
			else fail(w.a, o ? o.error.message : 'Zoho returned no result for this link', o ? o.error.code : 'NO_RESULT', false);
		});
	} else {
		const pairs = toLink.map((w) => ({ contactId: w.a.targetId ?? '', companyId: w.target }));
		const res = await guard('HubSpot association write', () => config.hubspot.batchAssociate(pairs));
		if (!res) return result;
		toLink.forEach((w) => {
			const bad = res.failed.find((f) => f.contactId === w.a.targetId && f.companyId === w.target);
			if (bad) fail(w.a, `HubSpot association to company ${w.target} failed: ${bad.message}`, 'ASSOCIATION_FAILED', false);
			else link(w, 'linked');
		});
	}
	return result;
}
