// Per-field merge through the adapters against the sandbox, on one frozen CRM clock, counting the API calls that
// field histories cost (HubSpot batch read with propertiesWithHistory, Zoho record timeline).
import type { SyncBatchOptions } from '../../../lib/sync-adapters';
import { useSyncHarness } from './support';

let clockMs = Date.now();
const t = useSyncHarness({ now: () => clockMs });

const SEC = 1000;
const MIN = 60 * SEC;
const opts = (o: Partial<SyncBatchOptions> = {}): SyncBatchOptions => ({ now: () => Date.now(), ...o });
const zTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00');
const historyReads = () => Object.entries(t.calls().byRoute).filter(([k]) => k.includes('batch/read') && !k.includes('associations')).reduce((n, [, v]) => n + v, 0);
const timelineReads = () => Object.entries(t.calls().byRoute).filter(([k]) => k.includes('__timeline')).reduce((n, [, v]) => n + v, 0);

function seedPair(i: number, at: number, fields: { phone: string; title: string }) {
	const [z] = t.sb.zoho.loadSeed({ Contacts: [{ Last_Name: `Pair${i}`, Email: `pair${i}@example.com`, Phone: fields.phone, Title: fields.title, Modified_Time: zTime(at), Created_Time: zTime(at) }] }).Contacts;
	const [h] = t.sb.hubspot.loadSeed({ contacts: [{ properties: { lastname: `Pair${i}`, email: `pair${i}@example.com`, phone: fields.phone, jobtitle: fields.title }, createdAt: at, updatedAt: at }] }).contacts;
	return { z, h };
}

describe('per-field merge through the adapters (issue 12, item 14)', () => {
	it('a HubSpot phone edit and a Zoho title edit 3 s later are both kept, whichever sync runs first', async () => {
		const T = Math.floor(Date.now() / 1000) * 1000 - 30 * SEC;
		clockMs = T - 10 * MIN;
		const { z, h } = seedPair(1, clockMs, { phone: '+1 555 0100', title: 'Engineer' });
		const adapters = t.adapters();
		clockMs = T;
		t.sb.hubspot.updateObject('contacts', h, { phone: '+1 555 0288' }); // a person, in HubSpot's UI
		clockMs = T + 3 * SEC;
		t.sb.zoho.updateRecord('Contacts', z, { Title: 'CTO' }, { notify: false }); // a person, in Zoho
		clockMs = T + 4 * SEC;
		t.sb.core.resetLog();
		// HubSpot's delivery of the phone change is late: the Zoho -> HubSpot sync runs first
		const z2h = await adapters.syncBatch({ direction: 'zohoToHubspot', objectKind: 'contact', ids: [z] }, opts());
		expect(z2h.failures).toEqual([]);
		expect(z2h.actions).toEqual([expect.objectContaining({ type: 'update', payload: { jobtitle: 'CTO' } })]);
		expect(z2h.actions[0].merge).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ hubspot: 'phone', from: 'hubspot', conflict: false, basis: 'only HubSpot changed it' }),
				expect.objectContaining({ hubspot: 'jobtitle', from: 'zoho', conflict: false }),
			]),
		);
		// one HubSpot history read (batch), no Zoho timeline: HubSpot's history alone shows who changed what
		expect(historyReads()).toBe(2); // the source lookup by email + the history read
		expect(timelineReads()).toBe(0);
		const phoneHistory = t.sb.hubspot.getObject('contacts', h).propertiesWithHistory.phone.map((e: { value: string; sourceType: string }) => `${e.sourceType} ${e.value}`);
		expect(phoneHistory).toEqual(['CRM_UI +1 555 0288', 'IMPORT +1 555 0100']);

		clockMs = T + 8 * SEC;
		const h2z = await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [h] }, opts());
		expect(h2z.failures).toEqual([]);
		expect(h2z.actions).toEqual([expect.objectContaining({ type: 'update', payload: { Phone: '+1 555 0288' } })]);
		expect(t.sb.zoho.getRecord('Contacts', z)).toMatchObject({ Phone: '+1 555 0288', Title: 'CTO' });
		expect(t.sb.hubspot.getObject('contacts', h).properties).toMatchObject({ phone: '+1 555 0288', jobtitle: 'CTO' });

		// converged: syncing again either way writes nothing
		clockMs = T + 12 * SEC;
		const again = [
			await adapters.syncBatch({ direction: 'zohoToHubspot', objectKind: 'contact', ids: [z] }, opts()),
			await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [h] }, opts()),
		];
		expect(again.flatMap((r) => r.actions.map((a) => a.type))).toEqual(['unchanged', 'unchanged']);
	});

	it('100 Zoho edits of records HubSpot changed half an hour before cost 2 history reads (50 a call) and no timeline', async () => {
		const T = Math.floor(Date.now() / 1000) * 1000 - 60 * SEC;
		clockMs = T - 30 * MIN;
		const pairs = Array.from({ length: 100 }, (_, i) => seedPair(100 + i, clockMs, { phone: `+1 555 1${String(i).padStart(3, '0')}`, title: 'Old' }));
		clockMs = T;
		for (const p of pairs) t.sb.zoho.updateRecord('Contacts', p.z, { Title: 'New' }, { notify: false });
		t.sb.core.resetLog();
		const r = await t.adapters().syncBatch({ direction: 'zohoToHubspot', objectKind: 'contact', ids: pairs.map((p) => p.z) }, opts());
		expect(r.failures).toEqual([]);
		expect(r.actions.filter((a) => a.type === 'update')).toHaveLength(100);
		expect(timelineReads()).toBe(0);
		const calls = t.calls();
		// read 1 (Zoho) + lookup 1 (HubSpot by email) + history 2 + write 1 (+ the company link check's reads)
		expect(historyReads()).toBe(3);
		expect(calls.writes).toBe(1);
		expect(calls.total).toBeLessThanOrEqual(7);
	});

	it('the same field changed on both sides minutes apart: one Zoho timeline read, the newer change wins, named a conflict', async () => {
		const T = Math.floor(Date.now() / 1000) * 1000 - 5 * MIN;
		clockMs = T - 30 * MIN;
		const { z, h } = seedPair(2, clockMs, { phone: '+1 555 0100', title: 'Engineer' });
		clockMs = T;
		t.sb.hubspot.updateObject('contacts', h, { jobtitle: 'Lead Engineer' });
		clockMs = T + 2 * MIN;
		t.sb.zoho.updateRecord('Contacts', z, { Title: 'Staff Engineer' }, { notify: false });
		t.sb.core.resetLog();
		const r = await t.adapters().syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids: [h] }, opts());
		expect(timelineReads()).toBe(1);
		expect(r.actions).toEqual([expect.objectContaining({ type: 'skip' })]);
		expect(r.actions[0].merge).toEqual([expect.objectContaining({ hubspot: 'jobtitle', from: 'zoho', conflict: true })]);
		expect(t.sb.zoho.getRecord('Contacts', z)).toMatchObject({ Title: 'Staff Engineer' });
	});
});
