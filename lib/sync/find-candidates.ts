import { collectMatchKeys, type MatchKeys } from './match';
import { normaliseEmail } from './normalise';
import type { SyncRun } from './run-types';
import type { SyncRecord } from './types';

/**
 * Two lookups need only what the events gave, not the source read, so they start beside that read (issue 13: one round
 * trip less on the critical path): with a cross-reference field on the target, the targets holding the source ids; for
 * contacts, the targets with the emails the events name (HubSpot property-change events carry the new value). The rest
 * of the lookup (ids named by the sources' own xref field, emails the events did not name, domains, names) follows the
 * read, and only for what the first answer did not settle, so every record's match is the one a single lookup would give.
 */
export interface EarlyLookup {
	/** The source ids asked for by xref (targets whose xref field holds one of them are in `answer`). */
	asked: ReadonlySet<string>;
	/** The normalised emails asked for (every target with one of them is in `answer`). */
	askedEmails: ReadonlySet<string>;
	/** Whether the target has a cross-reference field (else no lookup by source id is ever needed). */
	xref: boolean;
	/** Rejects when the lookup failed: the records read then fail as 'match', as with a single lookup. */
	answer: Promise<SyncRecord[]>;
}

const noKeys = (): MatchKeys => ({ ids: [], xrefIds: [], emails: [], domains: [], names: [] });

/** Starts the lookup of what the events already tell (xref ids, hinted emails); undefined when there is nothing to ask. */
export function startEarlyLookup(run: SyncRun, ids: readonly string[], emailHints: readonly string[] = []): EarlyLookup | undefined {
	const { options, targetSystem, objectKind } = run;
	const field = targetSystem === 'zoho' ? options.xref?.zohoField : options.xref?.hubspotField;
	const xrefIds = field ? [...ids] : [];
	const emails = objectKind === 'contact' ? [...new Set(emailHints.filter((e) => typeof e === 'string' && e.trim() !== '').map(normaliseEmail))] : [];
	if (ids.length === 0 || xrefIds.length + emails.length === 0) return undefined;
	run.result.calls.lookups++;
	const answer = run.ports.reader.findTargets(targetSystem, objectKind, { ...noKeys(), xrefIds, emails });
	// Awaited later (or never, when the read fails): no unhandled rejection meanwhile.
	answer.catch(() => undefined);
	return { asked: new Set(xrefIds), askedEmails: new Set(emails), xref: !!field, answer };
}

/**
 * All candidates for `records`: one lookup of every match key, or, after an early lookup, its answer plus one
 * lookup of what it left open. A record is settled by the early answer when a target its own xref names is there
 * (rule 1) or a target points to it (rule 2): matchRecord then never looks at its email or name, so those are not
 * looked up; an email the early lookup asked for is not asked again. Throws when a lookup fails.
 */
export async function findCandidates(run: SyncRun, records: readonly SyncRecord[], early: EarlyLookup | undefined): Promise<SyncRecord[]> {
	const { ports, targetSystem, objectKind } = run;
	const keys = collectMatchKeys(objectKind, records);
	if (!early) {
		run.result.calls.lookups++;
		return ports.reader.findTargets(targetSystem, objectKind, keys);
	}
	const first = await early.answer;
	const rest = openKeys(run, records, early, first);
	if (!rest) return first;
	run.result.calls.lookups++;
	const more = await ports.reader.findTargets(targetSystem, objectKind, rest);
	// One copy per record (the newer read wins): a target found twice would count as two hits (ambiguous).
	return [...new Map([...first, ...more].map((r) => [r.id, r])).values()];
}

/** The match keys the early answer left open, or undefined when it settled every record. */
function openKeys(run: SyncRun, records: readonly SyncRecord[], early: EarlyLookup, first: readonly SyncRecord[]): MatchKeys | undefined {
	const { asked, askedEmails } = early;
	const found = new Set(first.map((c) => c.id));
	const pointing = new Set(first.map((c) => c.xrefId).filter((id): id is string => !!id));
	const settled = (r: SyncRecord) => asked.has(r.id) && ((!!r.xrefId && found.has(r.xrefId)) || pointing.has(r.id));
	const open = records.filter((r) => !settled(r));
	const natural = collectMatchKeys(run.objectKind, open);
	const keys: MatchKeys = {
		...natural,
		ids: collectMatchKeys(run.objectKind, records).ids.filter((id) => !found.has(id)),
		// a record read under another id than the event's (a merge) was not asked for yet
		xrefIds: early.xref ? natural.xrefIds.filter((id) => !asked.has(id)) : [],
		// every target with an asked email is in the first answer already
		emails: natural.emails.filter((e) => !askedEmails.has(e)),
	};
	const any = keys.ids.length + keys.xrefIds.length + keys.emails.length + keys.domains.length + keys.names.length > 0;
	return any ? keys : undefined;
}
