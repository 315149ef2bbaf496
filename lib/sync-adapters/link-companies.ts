// Contact -> company linking after a contact sync: HubSpot association <-> Zoho Account_Name lookup (docs/crm-api-notes.md §1.7,
// §2.6). The company itself is synced first with the same rules (so it is created when the direction creates); that
// half may already have run beside the contact writes (link-prep.ts).
import { describeError, isOutOfScopeReason, type Direction, type SyncAction, type SyncFailure } from '../sync';
import { readContactCompanyIds } from './hubspot-links';
import { lookupId, prepareLinks, type EarlyLinks, type LinkPrep, type SyncCompanies } from './link-prep';
import { cacheKey, type AdapterConfig, type RecordCache } from './types';

export type { EarlyLinks, LinkPrep, SyncCompanies } from './link-prep';

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

type Wanted = { a: SyncAction; company: string; target: string };

/** One linking pass: its inputs, its result, and the two ways a step records failure. */
interface LinkRun {
	config: AdapterConfig;
	cache: RecordCache;
	direction: Direction;
	contacts: readonly SyncAction[];
	result: LinkResult;
	fail: (a: SyncAction, error: string, code: string, retriable: boolean) => void;
	/** Runs one call; a thrown error fails every contact's link, naming `what`, and gives undefined. */
	guard: <T>(what: string, call: () => Promise<T>) => Promise<T | undefined>;
}

export async function linkCompanies(
	config: AdapterConfig,
	cache: RecordCache,
	direction: Direction,
	contacts: readonly SyncAction[],
	syncCompanies: SyncCompanies,
	early?: EarlyLinks,
): Promise<LinkResult> {
	const result: LinkResult = { links: [], failures: [] };
	const fail = (a: SyncAction, error: string, code: string, retriable: boolean) =>
		result.failures.push({ operation: 'link', direction, objectKind: 'contact', recordId: a.sourceId, error, code, retriable, field: direction === 'hubspotToZoho' ? 'Account_Name' : 'associations' });
	const guard = async <T>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
		try {
			return await call();
		} catch (e) {
			const d = describeError(e);
			for (const a of contacts) fail(a, `company link not written (${what} failed): ${d.message}`, d.code, d.retriable);
			return undefined;
		}
	};
	const run: LinkRun = { config, cache, direction, contacts, result, fail, guard };

	const synced = await gatherPreps(run, syncCompanies, early);
	const wanted: Wanted[] = [];
	for (const a of contacts) {
		const company = synced.companyOf.get(a.sourceId);
		if (!company) continue;
		const target = synced.targets.get(company);
		if (target) wanted.push({ a, company, target });
		// A company outside the sync scope is not written, so its contacts stay unlinked: the scope's choice, not a failure.
		else if (!isOutOfScopeReason(synced.reasons.get(company))) fail(a, `company ${company} has no counterpart to link: ${synced.reasons.get(company) ?? 'not synced'}`, 'COMPANY_NOT_SYNCED', false);
	}
	if (wanted.length === 0) return result;
	const current = await targetLinks(run, wanted);
	if (!current) return result;
	const toLink = wanted.filter((w) => !(current.get(w.a.targetId ?? '') ?? []).includes(w.target));
	for (const w of wanted) if (!toLink.includes(w)) addLink(run, w, 'unchanged');
	if (toLink.length > 0) await writeLinks(run, toLink);
	return result;
}

const addLink = (run: LinkRun, w: Wanted, action: CompanyLink['action']): void => {
	run.result.links.push({ contactSourceId: w.a.sourceId, contactTargetId: w.a.targetId ?? '', companySourceId: w.company, companyTargetId: w.target, action });
};

/**
 * The contacts' companies and their targets: the preparations syncBatch started beside the contact writes, awaited,
 * and one made now for the contacts it did not cover (skipping companies already synced). The contacts of a failed
 * step fail their link here, naming the step, and are left out of the answer.
 */
async function gatherPreps(run: LinkRun, syncCompanies: SyncCompanies, early: EarlyLinks | undefined): Promise<LinkPrep> {
	const merged: LinkPrep = { companyOf: new Map(), targets: new Map(), reasons: new Map() };
	const add = (prep: LinkPrep, contacts: readonly SyncAction[]): void => {
		if (prep.failed) {
			const d = describeError(prep.failed.error);
			for (const a of contacts) run.fail(a, `company link not written (${prep.failed.what} failed): ${d.message}`, d.code, d.retriable);
			return;
		}
		for (const a of contacts) {
			const company = prep.companyOf.get(a.sourceId);
			if (company) merged.companyOf.set(a.sourceId, company);
		}
		for (const [k, v] of prep.targets) merged.targets.set(k, v);
		for (const [k, v] of prep.reasons) merged.reasons.set(k, v);
	};
	const started = new Map<Promise<LinkPrep>, SyncAction[]>();
	const late: SyncAction[] = [];
	for (const a of run.contacts) {
		const prep = early?.get(a.sourceId);
		if (prep) started.set(prep, [...(started.get(prep) ?? []), a]);
		else late.push(a);
	}
	for (const [prep, contacts] of started) add(await prep, contacts);
	if (late.length > 0) {
		const done = new Set([...merged.targets.keys(), ...merged.reasons.keys()]);
		add(await prepareLinks(run.config, run.cache, run.direction, late, syncCompanies, done), late);
	}
	return merged;
}

/** Target contact id -> the companies it is linked to now (undefined when the association read failed). */
async function targetLinks(run: LinkRun, wanted: Wanted[]): Promise<Map<string, string[]> | undefined> {
	const current = new Map<string, string[]>();
	if (run.direction === 'hubspotToZoho') {
		for (const w of wanted) {
			const account = lookupId(run.cache.zoho.get(cacheKey('contact', w.a.targetId ?? ''))?.Account_Name);
			current.set(w.a.targetId ?? '', account ? [account] : []);
		}
		return current;
	}
	const read = await run.guard('HubSpot association read', () => readContactCompanyIds(run.config.hubspotRequester, wanted.map((w) => w.a.targetId ?? '')));
	if (!read) return undefined;
	for (const [k, v] of read) current.set(k, v);
	return current;
}

async function writeLinks(run: LinkRun, toLink: Wanted[]): Promise<void> {
	if (run.direction === 'hubspotToZoho') {
		// Account_Name is a lookup: written as {id} (§2.6); trigger [] so Zoho automations do not react.
		const records = toLink.map((w) => ({ id: w.a.targetId ?? '', Account_Name: { id: w.target } }));
		const res = await run.guard('Zoho Account_Name update', () => run.config.zoho.update('Contacts', records, { trigger: [] }));
		if (!res) return;
		toLink.forEach((w, i) => {
			const o = res.outcomes[i];
			if (o?.ok) addLink(run, w, 'linked');
			else run.fail(w.a, o ? o.error.message : 'Zoho returned no result for this link', o ? o.error.code : 'NO_RESULT', false);
		});
		return;
	}
	const pairs = toLink.map((w) => ({ contactId: w.a.targetId ?? '', companyId: w.target }));
	const res = await run.guard('HubSpot association write', () => run.config.hubspot.batchAssociate(pairs));
	if (!res) return;
	toLink.forEach((w) => {
		const bad = res.failed.find((f) => f.contactId === w.a.targetId && f.companyId === w.target);
		if (bad) run.fail(w.a, `HubSpot association to company ${w.target} failed: ${bad.message}`, 'ASSOCIATION_FAILED', false);
		else addLink(run, w, 'linked');
	});
}
