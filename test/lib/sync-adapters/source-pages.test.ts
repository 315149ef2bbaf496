import nock from 'nock';
import { hubspotIdPages, zohoIdPages } from '../../../lib/sync-adapters';
import { startSyncHarness, type SyncHarness } from './support';

async function collect(pages: AsyncGenerator<string[]>): Promise<string[][]> {
	const out: string[][] = [];
	for await (const p of pages) out.push(p);
	return out;
}

const numeric = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

describe('source id pagers for the bulk reconcile, against the sandbox', () => {
	let h: SyncHarness;
	beforeAll(async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		h = await startSyncHarness({ hubspot: { searchLagMs: 0 } });
	});
	afterAll(async () => {
		await h.close();
		nock.enableNetConnect();
	});
	beforeEach(() => {
		h.sb.hubspot.reset();
		h.sb.zoho.reset();
		h.sb.core.resetLog();
	});

	it('HubSpot: every contact exactly once, in id order, one search per page', async () => {
		const old = Date.parse('2024-01-01T00:00:00Z');
		h.sb.hubspot.loadSeed({ contacts: Array.from({ length: 230 }, (_, i) => ({ properties: { email: `p${i}@pages.test`, lastname: `P${i}` }, createdAt: old, updatedAt: old })) });
		const expected = h.sb.hubspot.listObjects('contacts').map((o: { id: string }) => String(o.id)).sort(numeric);
		h.sb.core.resetLog();
		const pages = await collect(hubspotIdPages(h.adapters().config.hubspot, 'contact', { pageSize: 50 }));
		expect(pages.map((p) => p.length)).toEqual([50, 50, 50, 50, 30]);
		expect(pages.flat()).toEqual(expected);
		expect(h.calls().byRoute['POST /hubspot/crm/v3/objects/:objectType/search']).toBe(5);
	});

	it('HubSpot: goes past the 10,000-results cap of one search query', async () => {
		const old = Date.parse('2024-01-01T00:00:00Z');
		h.sb.hubspot.loadSeed({ companies: Array.from({ length: 10_150 }, (_, i) => ({ properties: { name: `Co ${i}` }, createdAt: old, updatedAt: old })) });
		const ids = (await collect(hubspotIdPages(h.adapters().config.hubspot, 'company'))).flat();
		expect(ids).toHaveLength(10_150);
		expect(new Set(ids).size).toBe(10_150);
	});

	it('HubSpot: Modified Since keeps only records modified at or after the instant', async () => {
		const old = Date.parse('2024-01-01T00:00:00Z');
		const recent = Date.parse('2025-06-01T00:00:00Z');
		h.sb.hubspot.loadSeed({
			contacts: [
				...Array.from({ length: 5 }, (_, i) => ({ properties: { email: `old${i}@pages.test` }, createdAt: old, updatedAt: old })),
				...Array.from({ length: 3 }, (_, i) => ({ properties: { email: `new${i}@pages.test` }, createdAt: old, updatedAt: recent })),
			],
		});
		const ids = (await collect(hubspotIdPages(h.adapters().config.hubspot, 'contact', { since: Date.parse('2025-01-01T00:00:00Z') }))).flat();
		const emails = ids.map((id) => h.sb.hubspot.listObjects('contacts').find((o: { id: string }) => String(o.id) === id).properties.email).sort();
		expect(emails).toEqual(['new0@pages.test', 'new1@pages.test', 'new2@pages.test']);
	});

	it('Zoho: every record once in id order, and the query restarts after the last id before COQL\'s offset reach', async () => {
		h.sb.zoho.loadSeed({ Contacts: Array.from({ length: 95 }, (_, i) => ({ Last_Name: `Z${i}`, Email: `z${i}@pages.test` })) });
		const expected = h.sb.zoho.listRecords('Contacts').map((r: { id: string }) => String(r.id)).sort(numeric);
		const queries: string[] = [];
		const adapters = h.adapters({}, (t) => async (req) => {
			if (/\/coql$/.test(req.url)) queries.push(String((req.body as { select_query?: string }).select_query));
			return t(req);
		});
		const pages = await collect(zohoIdPages(adapters.config.zoho, 'contact', { pageSize: 20, offsetReach: 45 }));
		expect(pages.flat()).toEqual(expected);
		// offsets 0 and 20, then (40 + 20 > 45) a fresh query after the 40th id, and so on
		expect(queries[0]).toMatch(/where id is not null order by id asc limit 20 offset 0$/);
		expect(queries[1]).toMatch(/offset 20$/);
		expect(queries[2]).toContain(`(id is not null) and id > '${expected[39]}'`);
		expect(queries[2]).toMatch(/offset 0$/);
		expect(queries).toHaveLength(pages.length);
	});

	it('Zoho: Modified Since filters on Modified_Time', async () => {
		h.sb.zoho.loadSeed({
			Contacts: [
				{ Last_Name: 'Old', Email: 'old@pages.test', Modified_Time: '2024-01-01T00:00:00+00:00' },
				{ Last_Name: 'New', Email: 'new@pages.test', Modified_Time: '2025-06-01T00:00:00+00:00' },
			],
		});
		const ids = (await collect(zohoIdPages(h.adapters().config.zoho, 'contact', { since: Date.parse('2025-01-01T00:00:00Z') }))).flat();
		expect(ids.map((id) => h.sb.zoho.getRecord('Contacts', id).Last_Name)).toEqual(['New']);
	});
});
