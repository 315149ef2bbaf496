// SyncPorts over ZohoClient: reads by id (100 a call), COQL lookups (no search lag, §2.5), writes in hundreds with
// trigger [] (no Zoho automation reacts to sync writes) and If-Unmodified-Since = the max of each batch (§2.3).
import { isAlreadyModifiedError, type ZohoModule, type ZohoRecord, type WriteOutcome as ZohoWriteOutcome } from '../zoho';
import { chunk } from '../zoho/records';
import {
	ALREADY_MODIFIED,
	propertiesToRead,
	resolveMappings,
	scopeFields,
	zohoToRecord,
	type MatchKeys,
	type ObjectKind,
	type RecordWrite,
	type SyncRecord,
	type WriteOutcome,
} from '../sync';
import { readZohoHistory, type CanonicalHistory } from './field-history';
import { failedOutcome, sameOutcome } from './outcomes';
import { cacheKey, type AdapterConfig, type RecordCache } from './types';

export const ZOHO_MODULE: Record<ObjectKind, ZohoModule> = { contact: 'Contacts', company: 'Accounts' };
const WRITE_BATCH = 100;

export function createZohoPort(config: AdapterConfig, cache: RecordCache) {
	const zoho = config.zoho;
	const writer = config.zohoWriter ?? config.zoho;
	const mappingsOf = (kind: ObjectKind) => resolveMappings(kind, config.mappings?.[kind]);
	// Contacts also read Account_Name (the account lookup) so linking needs no extra call.
	const fields = (kind: ObjectKind) => [
		...new Set([
			...propertiesToRead('zoho', kind, mappingsOf(kind), config.xref?.zohoField),
			...scopeFields(config.scope, 'zoho', kind),
			...(kind === 'contact' ? ['Account_Name'] : []),
		]),
	];
	const toRecords = (kind: ObjectKind, rows: ZohoRecord[]): SyncRecord[] =>
		rows.map((r) => {
			cache.zoho.set(cacheKey(kind, String(r.id)), r);
			return zohoToRecord(r, kind, { mappings: mappingsOf(kind), xrefField: config.xref?.zohoField });
		});
	const coqlIn = async (kind: ObjectKind, field: string, values: string[]): Promise<ZohoRecord[]> => {
		const out = await zoho.findByValues(ZOHO_MODULE[kind], field, values, ['id', ...fields(kind)]);
		const wanted = lowerSet(values);
		return out.filter((r) => wanted.has(String(r[field] ?? '').toLowerCase()));
	};

	return {
		async readRecords(kind: ObjectKind, ids: readonly string[]): Promise<SyncRecord[]> {
			if (ids.length === 0) return [];
			return toRecords(kind, await zoho.getRecords(ZOHO_MODULE[kind], [...ids], fields(kind)));
		},

		/** Record timelines (one call per record), per canonical field; see field-history.ts. */
		fieldHistory(kind: ObjectKind, ids: readonly string[]): Promise<Map<string, CanonicalHistory>> {
			return readZohoHistory(zoho, ZOHO_MODULE[kind], mappingsOf(kind), ids, (id) => cache.zoho.get(cacheKey(kind, id)));
		},

		async findTargets(kind: ObjectKind, keys: MatchKeys): Promise<SyncRecord[]> {
			const module = ZOHO_MODULE[kind];
			const found: ZohoRecord[] = [];
			if (keys.ids.length) found.push(...(await zoho.getRecords(module, keys.ids, fields(kind))));
			const xref = config.xref?.zohoField;
			if (xref && keys.xrefIds.length) found.push(...(await coqlIn(kind, xref, keys.xrefIds)));
			if (kind === 'contact' && keys.emails.length) found.push(...(await zoho.findByEmails(module, keys.emails, fields(kind))));
			if (kind === 'company') {
				if (keys.domains.length) found.push(...(await zoho.findAccountsByWebsites(keys.domains, fields(kind))));
				if (keys.names.length) found.push(...(await zoho.findAccountsByNames(keys.names, fields(kind))));
			}
			const byId = new Map(found.map((r) => [String(r.id), r]));
			return toRecords(kind, [...byId.values()]);
		},

		/**
		 * Creates are upserts on the plan's natural key (Contacts Email, Accounts Account_Name) as
		 * duplicate_check_fields, so ten concurrent deliveries of one new contact leave one record. Writes without a
		 * key (a contact with no email) are inserts.
		 */
		async createMany(kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> {
			const outcomes: WriteOutcome[] = [];
			const groups = new Map<string, number[]>();
			writes.forEach((w, i) => {
				const key = w.upsertKey?.field ?? '';
				groups.set(key, [...(groups.get(key) ?? []), i]);
			});
			for (const [keyField, indexes] of groups) {
				const records = indexes.map((i) => ({ ...writes[i].fields }));
				const res = keyField
					? await writer.upsert(ZOHO_MODULE[kind], records, { trigger: [], duplicateCheckFields: [keyField] })
					: await writer.insert(ZOHO_MODULE[kind], records, { trigger: [] });
				indexes.forEach((i, n) => (outcomes[i] = toOutcome(res.outcomes[n])));
			}
			return outcomes;
		},

		/**
		 * Updates in calls of 100, each with If-Unmodified-Since = the max read time of its records: a record changed
		 * after our read answers 412 and nothing in that call is written; runSync then re-reads and re-plans them.
		 */
		async updateMany(kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> {
			const outcomes: WriteOutcome[] = [];
			for (const part of chunk([...writes], WRITE_BATCH)) {
				const times = part.map((w) => w.ifUnmodifiedSince).filter((t): t is number => typeof t === 'number' && t > 0);
				const since = times.length ? Math.max(...times) : undefined;
				const records = part.map((w) => ({ ...w.fields, id: w.id ?? '' }));
				let result: Awaited<ReturnType<typeof writer.update>> | undefined;
				let failure: unknown;
				try {
					result = await writer.update(ZOHO_MODULE[kind], records, { trigger: [], ...(since ? { ifUnmodifiedSince: since } : {}) });
				} catch (e) {
					failure = e;
				}
				// Classified outside the catch (n8n's lint allows only NodeApiError/NodeOperationError thrown inside one).
				if (failure !== undefined && !isAlreadyModifiedError(failure)) throw failure;
				if (!result) {
					const message = 'Zoho record changed after it was read (412 ALREADY_MODIFIED); nothing in this batch was written';
					outcomes.push(...sameOutcome(part.length, { ok: false, code: ALREADY_MODIFIED, message, retriable: true }));
					continue;
				}
				const res = result;
				outcomes.push(...part.map((_, n) => toOutcome(res.outcomes[n])));
			}
			return outcomes;
		},
	};
}

const lowerSet = (values: string[]): Set<string> => new Set(values.map((v) => v.toLowerCase()));

function toOutcome(o: ZohoWriteOutcome | undefined): WriteOutcome {
	if (!o) return { ok: false, code: 'NO_RESULT', message: 'Zoho returned no result for this record', retriable: true };
	if (!o.ok) return failedOutcome(o.error);
	return { ok: true, id: o.id, created: o.action === 'insert' };
}
