// SyncPorts over ZohoClient: reads by id (100 a call), COQL lookups (no search lag, §2.5), writes in hundreds with
// trigger [] (no Zoho automation reacts to sync writes) and If-Unmodified-Since = the max of each batch (§2.3).
import { isAlreadyModifiedError, type ZohoClient, type ZohoModule, type ZohoRecord, type WriteOutcome as ZohoWriteOutcome } from '../zoho';
import { chunk } from '../zoho/records';
import { ALREADY_MODIFIED, zohoToRecord, type MatchKeys, type ObjectKind, type RecordWrite, type SyncRecord, type WriteOutcome } from '../sync';
import { readZohoHistory, type CanonicalHistory } from './field-history';
import { failedOutcome, sameOutcome } from './outcomes';
import { fieldsToRead, mappingsOf } from './port-fields';
import { cacheKey, type AdapterConfig, type PortSide, type RecordCache } from './types';

export const ZOHO_MODULE: Record<ObjectKind, ZohoModule> = { contact: 'Contacts', company: 'Accounts' };
const WRITE_BATCH = 100;

/** The Zoho port also reads through its own (retrying) client. */
interface ZohoSide extends PortSide<ZohoClient> {
	zoho: ZohoClient;
}

export function createZohoPort(config: AdapterConfig, cache: RecordCache) {
	const side: ZohoSide = { config, cache, zoho: config.zoho, writer: config.zohoWriter ?? config.zoho };
	return {
		async readRecords(kind: ObjectKind, ids: readonly string[]): Promise<SyncRecord[]> {
			if (ids.length === 0) return [];
			return toRecords(side, kind, await side.zoho.getRecords(ZOHO_MODULE[kind], [...ids], fields(side, kind)));
		},

		/** Record timelines (one call per record), per canonical field; see field-history.ts. */
		fieldHistory(kind: ObjectKind, ids: readonly string[]): Promise<Map<string, CanonicalHistory>> {
			return readZohoHistory(side.zoho, ZOHO_MODULE[kind], mappingsOf(config, kind), ids, (id) => cache.zoho.get(cacheKey(kind, id)));
		},

		findTargets: (kind: ObjectKind, keys: MatchKeys): Promise<SyncRecord[]> => findTargets(side, kind, keys),
		createMany: (kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> => createMany(side, kind, writes),
		updateMany: (kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> => updateMany(side, kind, writes),
	};
}

/** Contacts also read Account_Name (the account lookup) so linking needs no extra call. */
const fields = (side: ZohoSide, kind: ObjectKind): string[] => fieldsToRead(side.config, 'zoho', kind, kind === 'contact' ? ['Account_Name'] : []);

function toRecords(side: ZohoSide, kind: ObjectKind, rows: ZohoRecord[]): SyncRecord[] {
	const options = { mappings: mappingsOf(side.config, kind), xrefField: side.config.xref?.zohoField };
	return rows.map((r) => {
		side.cache.zoho.set(cacheKey(kind, String(r.id)), r);
		return zohoToRecord(r, kind, options);
	});
}

async function coqlIn(side: ZohoSide, kind: ObjectKind, field: string, values: string[]): Promise<ZohoRecord[]> {
	// COQL `in`, 100 values a call, shared with other executions' lookups on the same field (lib/zoho/shared-reads.ts).
	const out = await side.zoho.findByValues(ZOHO_MODULE[kind], field, values, ['id', ...fields(side, kind)]);
	const wanted = new Set(values.map((v) => v.toLowerCase()));
	return out.filter((r) => wanted.has(String(r[field] ?? '').toLowerCase()));
}

/** The lookups by id, xref, email, website and name are independent: they run at once, not one after another. */
async function findTargets(side: ZohoSide, kind: ObjectKind, keys: MatchKeys): Promise<SyncRecord[]> {
	const { zoho } = side;
	const module = ZOHO_MODULE[kind];
	const read = fields(side, kind);
	const xref = side.config.xref?.zohoField;
	const none = Promise.resolve<ZohoRecord[]>([]);
	const found = await Promise.all([
		keys.ids.length ? zoho.getRecords(module, keys.ids, read) : none,
		xref && keys.xrefIds.length ? coqlIn(side, kind, xref, keys.xrefIds) : none,
		kind === 'contact' && keys.emails.length ? zoho.findByEmails(module, keys.emails, read) : none,
		kind === 'company' && keys.domains.length ? zoho.findAccountsByWebsites(keys.domains, read) : none,
		kind === 'company' && keys.names.length ? zoho.findAccountsByNames(keys.names, read) : none,
	]);
	const byId = new Map(found.flat().map((r) => [String(r.id), r]));
	return toRecords(side, kind, [...byId.values()]);
}

/**
 * Creates are upserts on the plan's natural key (Contacts Email, Accounts Account_Name) as
 * duplicate_check_fields, so ten concurrent deliveries of one new contact leave one record. Writes without a
 * key (a contact with no email) are inserts, sent after the upserts. Both go out with other executions' creates of
 * the moment, one call for up to 100 records (lib/zoho/shared-writes.ts).
 */
async function createMany(side: ZohoSide, kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> {
	const outcomes: WriteOutcome[] = [];
	const groups = new Map<string, number[]>();
	writes.forEach((w, i) => {
		const key = w.upsertKey?.field ?? '';
		groups.set(key, [...(groups.get(key) ?? []), i]);
	});
	// Inserts (no key) go last: an upsert repeated by a retry round finds its record by key, an insert would create it
	// again, so nothing that can still fail follows an insert.
	for (const [keyField, indexes] of [...groups].sort(([a], [b]) => Number(a === '') - Number(b === ''))) {
		const records = indexes.map((i) => ({ ...writes[i].fields }));
		const res = keyField
			? await side.writer.upsert(ZOHO_MODULE[kind], records, { trigger: [], duplicateCheckFields: [keyField] })
			: await side.writer.insert(ZOHO_MODULE[kind], records, { trigger: [] });
		indexes.forEach((i, n) => (outcomes[i] = toOutcome(res.outcomes[n])));
	}
	return outcomes;
}

/**
 * Updates in calls of 100, each with If-Unmodified-Since = the max read time of its records: a record changed
 * after our read answers 412 and nothing in that call is written; runSync then re-reads and re-plans them.
 */
async function updateMany(side: ZohoSide, kind: ObjectKind, writes: readonly RecordWrite[]): Promise<WriteOutcome[]> {
	const outcomes: WriteOutcome[] = [];
	for (const part of chunk([...writes], WRITE_BATCH)) {
		const times = part.map((w) => w.ifUnmodifiedSince).filter((t): t is number => typeof t === 'number' && t > 0);
		const since = times.length ? Math.max(...times) : undefined;
		const records = part.map((w) => ({ ...w.fields, id: w.id ?? '' }));
		let result: Awaited<ReturnType<ZohoClient['update']>> | undefined;
		let failure: unknown;
		try {
			result = await side.writer.update(ZOHO_MODULE[kind], records, { trigger: [], ...(since ? { ifUnmodifiedSince: since } : {}) });
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
}

function toOutcome(o: ZohoWriteOutcome | undefined): WriteOutcome {
	if (!o) return { ok: false, code: 'NO_RESULT', message: 'Zoho returned no result for this record', retriable: true };
	if (!o.ok) return failedOutcome(o.error);
	return { ok: true, id: o.id, created: o.action === 'insert' };
}
