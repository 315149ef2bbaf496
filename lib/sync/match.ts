import { isEmpty, matchName, normaliseDomain, normaliseEmail } from './normalise';
import type { MatchRule, ObjectKind, SyncRecord } from './types';

/**
 * Everything one batched lookup needs. A `findTargets` port may return extra candidates (Zoho `equals` behaves like
 * "contains", a Website search is fuzzy): the engine re-checks every candidate exactly.
 */
export interface MatchKeys {
	/** Target ids named by the sources' xref field. */
	ids: string[];
	/** Source ids: targets whose own xref field holds one of them also match. */
	xrefIds: string[];
	/** Contacts: normalised emails. */
	emails: string[];
	/** Companies: bare domains (acme.com). */
	domains: string[];
	/** Companies: names as written by the source (trimmed, whitespace collapsed). */
	names: string[];
}

export type MatchResult =
	| { kind: 'matched'; target: SyncRecord; rule: MatchRule }
	| { kind: 'missing' }
	| { kind: 'ambiguous'; rule: MatchRule; candidateIds: string[] }
	/** Companies with the same name whose domains differ on both sides: not the same company, never merged. */
	| { kind: 'nameOnly'; rule: 'name'; conflicting: SyncRecord[] };

const uniq = (xs: Array<string | null | undefined>): string[] =>
	[...new Set(xs.filter((x): x is string => typeof x === 'string' && x !== ''))].sort();

/** Every bare domain a company record carries (website and domain). */
export function recordDomains(r: SyncRecord): string[] {
	return uniq([r.fields.website, r.fields.domain].map((v) => (isEmpty(v) ? null : normaliseDomain(v))));
}

const recordEmail = (r: SyncRecord): string | null => (isEmpty(r.fields.email) ? null : normaliseEmail(r.fields.email));

export function collectMatchKeys(objectKind: ObjectKind, sources: readonly SyncRecord[]): MatchKeys {
	return {
		ids: uniq(sources.map((s) => s.xrefId)),
		xrefIds: uniq(sources.map((s) => s.id)),
		emails: objectKind === 'contact' ? uniq(sources.map(recordEmail)) : [],
		domains: objectKind === 'company' ? uniq(sources.flatMap(recordDomains)) : [],
		names:
			objectKind === 'company'
				? uniq(sources.map((s) => (isEmpty(s.fields.name) ? null : s.fields.name.replace(/\s+/g, ' ').trim())))
				: [],
	};
}

function decide(rule: MatchRule, hits: SyncRecord[]): MatchResult | undefined {
	if (hits.length === 1) return { kind: 'matched', target: hits[0], rule };
	if (hits.length > 1) return { kind: 'ambiguous', rule, candidateIds: hits.map((h) => h.id).sort() };
	return undefined;
}

/**
 * Rules in order (issue 5): cross-reference id, then email for contacts, then domain and exact normalised name for
 * companies. The first rule with any hit decides: one hit matches, several fail as ambiguous (never guess).
 * A name is only a match when the two records do not both carry domains that differ (issue 12: "Acme" acme.com and
 * "ACME" acme.de are two companies); when every same-name record differs so, the result is `nameOnly`.
 */
export function matchRecord(source: SyncRecord, candidates: readonly SyncRecord[]): MatchResult {
	const pool = candidates.filter((c) => c.objectKind === source.objectKind && c.system !== source.system);
	if (source.xrefId) {
		const byId = pool.filter((c) => c.id === source.xrefId);
		if (byId.length > 0) return { kind: 'matched', target: byId[0], rule: 'xref' };
	}
	const pointing = decide(
		'xref',
		pool.filter((c) => c.xrefId === source.id),
	);
	if (pointing) return pointing;

	if (source.objectKind === 'contact') {
		const email = recordEmail(source);
		return (
			(email &&
				decide(
					'email',
					pool.filter((c) => recordEmail(c) === email),
				)) || { kind: 'missing' }
		);
	}
	const domains = recordDomains(source);
	if (domains.length > 0) {
		const byDomain = decide(
			'domain',
			pool.filter((c) => recordDomains(c).some((d) => domains.includes(d))),
		);
		if (byDomain) return byDomain;
	}
	const name = matchName(source.fields.name);
	if (!name) return { kind: 'missing' };
	const sameName = pool.filter((c) => matchName(c.fields.name) === name);
	const differ = (c: SyncRecord) => domains.length > 0 && recordDomains(c).length > 0;
	const compatible = sameName.filter((c) => !differ(c));
	if (compatible.length === 0 && sameName.length > 0) return { kind: 'nameOnly', rule: 'name', conflicting: sameName };
	return decide('name', compatible) || { kind: 'missing' };
}
