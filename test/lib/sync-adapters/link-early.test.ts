/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Issue 13, item 2: the company link's first half (HubSpot association read, company sync) runs beside the contact
// writes, not after them. Calls are timed at the transport: start and end of each, by kind.
import type { Transport } from '../../../lib/http';
import type { SyncBatchOptions } from '../../../lib/sync-adapters';
import { iso, useSyncHarness } from './support';

const h = useSyncHarness();

const MIN = 60_000;
const opts = (o: Partial<SyncBatchOptions> = {}): SyncBatchOptions => ({ now: () => Date.now(), ...o });
const wait = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

interface Span {
	kind: string;
	start: number;
	end: number;
}

const kindOf = (method: string, url: string, body?: unknown): string => {
	if (url.includes('/coql') && JSON.stringify(body ?? '').includes('from Accounts')) return 'account-coql';
	if (url.includes('/associations/contact/company/batch/read')) return 'assoc-read';
	if (url.includes('/crm/v3/objects/companies/batch/read')) return 'company-read';
	if (url.includes('/crm/v3/objects/contacts/batch/read')) return 'contact-read';
	if (url.includes('/coql')) return 'coql';
	if (url.includes('/Contacts/upsert')) return 'contact-upsert';
	if (url.includes('/Accounts/upsert')) return 'account-upsert';
	return `${method} ${new URL(url).pathname}`;
};

/** Every call slowed by `latency` ms (or as it says per kind) and timed; `fail` answers the matching kinds with a 400. */
function timed(spans: Span[], latency: number | ((kind: string) => number) = 30, fail?: (kind: string) => boolean) {
	return (t: Transport): Transport =>
		async (req) => {
			const kind = kindOf(req.method, req.url, req.body);
			const start = Date.now();
			await wait(typeof latency === 'number' ? latency : latency(kind));
			const res = fail?.(kind)
				? { statusCode: 400, headers: { 'content-type': 'application/json' }, body: { status: 'error', message: 'injected', category: 'VALIDATION_ERROR' } }
				: await t(req);
			spans.push({ kind, start, end: Date.now() });
			return res;
		};
}

const span = (spans: Span[], kind: string): Span => {
	const s = spans.find((x) => x.kind === kind);
	if (!s) throw new Error(`no ${kind} call among ${spans.map((x) => x.kind).join(', ')}`);
	return s;
};

const seedContact = (email: string, updatedAt = iso(MIN)) =>
	h.sb.hubspot.loadSeed({ contacts: [{ properties: { firstname: 'A', lastname: 'B', email }, updatedAt }] }).contacts[0] as string;

/** The most calls that ran one after another (each starting after the previous ended). */
function longestChain(spans: Span[]): number {
	let chain = 0;
	let lastEnd = -Infinity;
	for (const s of [...spans].sort((a, b) => a.end - b.end)) {
		if (s.start >= lastEnd) {
			chain++;
			lastEnd = s.end;
		}
	}
	return chain;
}

describe('HubSpot -> Zoho: the association read runs beside the contact write', () => {
	it('starts the association read of a new contact before its Zoho upsert has answered: 3 calls in a row', async () => {
		const id = seedContact('new@example.com');
		const spans: Span[] = [];
		const r = await h.adapters({}, timed(spans)).syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [id] }, opts());
		expect(r.failures).toEqual([]);
		expect(r.actions).toEqual([expect.objectContaining({ type: 'create', applied: true })]);
		expect(span(spans, 'assoc-read').start).toBeLessThan(span(spans, 'contact-upsert').end);
		expect(spans.map((s) => s.kind).sort()).toEqual(['assoc-read', 'coql', 'contact-read', 'contact-upsert'].sort());
		expect(longestChain(spans)).toBe(3);
	});

	it('syncs the contact\'s company beside the contact upsert and then links them', async () => {
		const seeded = h.sb.hubspot.loadSeed({
			companies: [{ properties: { name: 'Acme', domain: 'acme.com' }, updatedAt: iso(MIN) }],
			contacts: [{ properties: { firstname: 'A', lastname: 'B', email: 'ab@acme.com' }, updatedAt: iso(MIN) }],
		});
		h.sb.hubspot.store.link(seeded.contacts[0], seeded.companies[0], 279);
		const spans: Span[] = [];
		// a slow contact upsert: the association read and the company's own read both fit inside it
		const slowUpsert = (kind: string) => (kind === 'contact-upsert' ? 200 : 30);
		const r = await h.adapters({}, timed(spans, slowUpsert)).syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: seeded.contacts }, opts());
		expect(r.failures).toEqual([]);
		const [account] = h.sb.zoho.listRecords('Accounts') as Array<Record<string, any>>;
		expect(r.links).toEqual([expect.objectContaining({ companySourceId: seeded.companies[0], companyTargetId: account.id, action: 'linked' })]);
		expect(r.companyRequestedBy).toEqual({ [seeded.companies[0]]: seeded.contacts });
		expect(span(spans, 'company-read').start).toBeLessThan(span(spans, 'contact-upsert').end);
		// the account lookups by website and by name go out together
		const [byWebsite, byName] = spans.filter((x) => x.kind === 'account-coql');
		expect(byName.start).toBeLessThan(byWebsite.end);
	});

	it('reports the link as failed, naming the association read, when that read fails; the contact is still synced', async () => {
		const id = seedContact('fail@example.com');
		const spans: Span[] = [];
		const r = await h.adapters({}, timed(spans, 5, (k) => k === 'assoc-read')).syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [id] }, opts());
		expect(r.actions).toEqual([expect.objectContaining({ type: 'create', applied: true })]);
		expect(r.failures).toEqual([
			expect.objectContaining({ operation: 'link', recordId: id, field: 'Account_Name', error: expect.stringMatching(/^company link not written \(HubSpot association read failed\)/) }),
		]);
		expect(h.sb.zoho.listRecords('Contacts')).toHaveLength(1);
	});

	it('reads no association for an updated contact whose event says the link is unchanged, nor for an unchanged one', async () => {
		const id = seedContact('upd@example.com', iso(10 * MIN));
		const adapters = h.adapters();
		await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [id] }, opts());
		const spans: Span[] = [];
		const unchanged = await h.adapters({}, timed(spans, 0)).syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [id] }, opts());
		expect(unchanged.actions.map((a) => a.type)).toEqual(['unchanged']);
		expect(spans.map((s) => s.kind)).not.toContain('assoc-read');
		h.sb.hubspot.updateObject('contacts', id, { firstname: 'Changed' });
		const updated = await h.adapters({}, timed(spans, 0)).syncBatch(
			{ direction: 'hubspotToZoho', objectKind: 'contact', ids: [id], linkUnchangedIds: [id] },
			opts(),
		);
		expect(updated.actions).toEqual([expect.objectContaining({ type: 'update', applied: true })]);
		expect(spans.map((s) => s.kind)).not.toContain('assoc-read');
	});

	it('ends the company sync it started for a contact whose write then failed before returning', async () => {
		const seeded = h.sb.hubspot.loadSeed({
			companies: [{ properties: { name: 'Initech', domain: 'initech.com' }, updatedAt: iso(MIN) }],
			contacts: [{ properties: { firstname: 'P', lastname: 'G', email: 'pg@initech.com' }, updatedAt: iso(MIN) }],
		});
		h.sb.hubspot.store.link(seeded.contacts[0], seeded.companies[0], 279);
		const spans: Span[] = [];
		const r = await h.adapters({}, timed(spans, 20, (k) => k === 'contact-upsert')).syncBatch(
			{ direction: 'hubspotToZoho', objectKind: 'contact', ids: seeded.contacts },
			opts(),
		);
		const settled = spans.length;
		await wait(150);
		expect(spans).toHaveLength(settled);
		expect(r.failures).toEqual([expect.objectContaining({ operation: 'create', recordId: seeded.contacts[0], code: 'HTTP_400' })]);
		expect(r.links).toEqual([]);
		// the company was synced beside the contact's write (by its own rules), and that is reported
		expect(r.companyActions).toEqual([expect.objectContaining({ type: 'create', applied: true, sourceId: seeded.companies[0] })]);
	});
});

describe('Zoho -> HubSpot: the HubSpot lookups of one batch go out together', () => {
	it('reads the target named by the cross-reference and the targets by email at once, after the xref search that ran beside the Zoho read', async () => {
		const xref = { hubspotField: 'zoho_contact_id', zohoField: 'HubSpot_Id' };
		const [target] = h.sb.hubspot.loadSeed({ contacts: [{ properties: { firstname: 'T', lastname: 'X', email: 't@example.com' }, updatedAt: iso(30 * MIN) }] }).contacts;
		const z = h.sb.zoho.loadSeed({
			Contacts: [
				{ First_Name: 'T', Last_Name: 'X', Email: 't@example.com', HubSpot_Id: target, Title: 'CTO', Modified_Time: iso(MIN) },
				{ First_Name: 'N', Last_Name: 'Y', Email: 'n@example.com', Title: 'CEO', Modified_Time: iso(MIN) },
			],
		}).Contacts;
		const spans: Span[] = [];
		const adapters = h.adapters({ xref }, timed(spans));
		// one call first: HubSpot's rate budget lets a single probe go alone until a response has reported the window
		await adapters.config.hubspot.batchRead('contacts', [target]);
		spans.length = 0;
		const r = await adapters.syncBatch({ direction: 'zohoToHubspot', objectKind: 'contact', ids: z, linkUnchangedIds: z }, opts());
		expect(r.failures).toEqual([]);
		expect(r.actions.find((a) => a.sourceId === z[0])).toMatchObject({ type: 'update', targetId: target, matchedBy: 'xref' });
		const search = span(spans, 'POST /hubspot/crm/v3/objects/contacts/search');
		expect(search.start).toBeLessThan(span(spans, 'GET /zoho/crm/v8/Contacts').end);
		const reads = spans.filter((x) => x.kind === 'contact-read');
		expect(reads).toHaveLength(2);
		expect(reads[1].start).toBeLessThan(reads[0].end);
	});
});

describe('Zoho -> HubSpot: the company sync stays after the contact write', () => {
	it('reads the Zoho account only after the HubSpot contact update answered (its reserved rate-limit slot is its own)', async () => {
		h.sb.hubspot.options.searchLagMs = 0;
		h.sb.hubspot.loadSeed({ companies: [{ properties: { name: 'Globex', domain: 'globex.com' }, updatedAt: iso(30 * MIN) }] });
		const [hsContact] = h.sb.hubspot.loadSeed({ contacts: [{ properties: { firstname: 'G', lastname: 'X', email: 'g@globex.com' }, updatedAt: iso(30 * MIN) }] }).contacts;
		const z = h.sb.zoho.loadSeed({
			Accounts: [{ Account_Name: 'Globex', Website: 'https://www.globex.com', Modified_Time: iso(40 * MIN) }],
			Contacts: [{ First_Name: 'G', Last_Name: 'X', Email: 'g@globex.com', Title: 'CFO', Account_Name: 'Globex', Modified_Time: iso(MIN) }],
		});
		const spans: Span[] = [];
		const r = await h.adapters({}, timed(spans)).syncBatch({ direction: 'zohoToHubspot', objectKind: 'contact', ids: z.Contacts }, opts());
		delete h.sb.hubspot.options.searchLagMs;
		expect(r.actions).toEqual([expect.objectContaining({ type: 'update', targetId: hsContact, applied: true })]);
		expect(r.links).toEqual([expect.objectContaining({ contactTargetId: hsContact, action: 'linked' })]);
		const update = span(spans, 'POST /hubspot/crm/v3/objects/contacts/batch/update');
		expect(span(spans, 'GET /zoho/crm/v8/Accounts').start).toBeGreaterThanOrEqual(update.end);
	});
});
