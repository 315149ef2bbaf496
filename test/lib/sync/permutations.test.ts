import { runSync, type RunSyncOptions, type SystemName } from '../../../lib/sync';
import { createWorld, fakeClock, permutations, type WorldOptions } from './support/fake-world';

const SEC = 1000;

interface Edit {
	system: SystemName;
	atMs: number;
	fields: Record<string, unknown>;
}

interface Scenario {
	kind: 'contact' | 'company';
	hubspot: Record<string, unknown>;
	zoho: Record<string, unknown>;
	edits: Edit[];
	world?: WorldOptions;
	/** Clock skew: move this system's record modifiedAt ahead after the edits. */
	skewMs?: { system: SystemName; ms: number };
	options?: Partial<RunSyncOptions>;
}

/** Seeds a linked pair, applies the edits at their times, then delivers one event per edit in `order`. */
async function play(s: Scenario, order: SystemName[]) {
	const clock = fakeClock();
	const world = createWorld(clock, s.world);
	const start = clock.now();
	const h = world.put('hubspot', s.kind, s.hubspot);
	const z = world.put('zoho', s.kind, s.zoho);
	// With cross-reference fields, the pair is linked as a first sync with Write Cross-Reference IDs leaves it.
	const xref = s.world?.xref;
	if (xref?.hubspotField) world.record('hubspot', h)!.fields[xref.hubspotField] = z;
	if (xref?.zohoField) world.record('zoho', z)!.fields[xref.zohoField] = h;
	for (const e of [...s.edits].sort((a, b) => a.atMs - b.atMs)) {
		clock.set(start + e.atMs);
		world.edit(e.system, e.system === 'hubspot' ? h : z, e.fields);
	}
	if (s.skewMs) {
		const r = world.record(s.skewMs.system, s.skewMs.system === 'hubspot' ? h : z);
		if (r) {
			r.modifiedAt += s.skewMs.ms;
			// the CRM's clock is skewed for its field history too
			for (const edits of Object.values(r.history)) for (const e of edits) e.at += s.skewMs.ms;
		}
	}
	clock.set(start + 60 * SEC);
	const options: RunSyncOptions = { now: clock.now, ...s.options };
	const sync = async (from: SystemName) => {
		const direction = from === 'hubspot' ? 'hubspotToZoho' : 'zohoToHubspot';
		const result = await runSync(
			world.ports,
			{ direction, objectKind: s.kind, ids: [from === 'hubspot' ? h : z] },
			options,
		);
		expect(result.failures).toEqual([]);
		clock.advance(SEC);
	};
	for (const from of order) await sync(from);
	const final = { hubspot: world.fields('hubspot', h), zoho: world.fields('zoho', z) };
	// Idempotence: syncing the converged state again in both directions writes nothing.
	world.resetCalls();
	await sync('hubspot');
	await sync('zoho');
	expect(world.calls.createMany + world.calls.updateMany).toBe(0);
	expect(world.stores.zoho.size + world.stores.hubspot.size).toBe(2);
	return final;
}

async function allOrdersAgree(s: Scenario, events: SystemName[]) {
	const orders = permutations(events);
	const finals = [];
	for (const order of orders) finals.push(await play(s, order));
	for (const f of finals) expect(f).toEqual(finals[0]);
	return finals[0];
}

const janeH = { firstname: 'Jane', lastname: 'Doe', email: 'jane@example.com', phone: '+1 555 0100', jobtitle: 'CEO' };
const janeZ = { First_Name: 'Jane', Last_Name: 'Doe', Email: 'jane@example.com', Phone: '+1 555 0100', Title: 'CEO' };

describe('permutations: any arrival order of the same edits gives the same final state', () => {
	it('per record (perField off, opt-in): the newest record wins every differing field, in all 24 orders', async () => {
		const s: Scenario = {
			kind: 'contact',
			hubspot: janeH,
			zoho: janeZ,
			options: { perField: false },
			edits: [
				{ system: 'hubspot', atMs: 10 * SEC, fields: { firstname: 'Janet' } },
				{ system: 'zoho', atMs: 20 * SEC, fields: { Phone: '+1 555 0199' } },
				{ system: 'hubspot', atMs: 30 * SEC, fields: { jobtitle: 'Founder' } },
			],
		};
		const final = await allOrdersAgree(s, ['hubspot', 'zoho', 'hubspot', 'zoho']);
		expect(final.zoho).toMatchObject({ First_Name: 'Janet', Title: 'Founder', Phone: '+1 555 0100' });
		expect(final.hubspot).toMatchObject({ firstname: 'Janet', jobtitle: 'Founder', phone: '+1 555 0100' });
	});

	it('per field (property history on both sides): edits to different fields on both sides all survive', async () => {
		const s: Scenario = {
			kind: 'contact',
			hubspot: janeH,
			zoho: janeZ,
			world: { zohoFieldTimes: true },
			options: { perField: true },
			edits: [
				{ system: 'hubspot', atMs: 10 * SEC, fields: { firstname: 'Janet' } },
				{ system: 'zoho', atMs: 20 * SEC, fields: { Phone: '+1 555 0199' } },
				{ system: 'hubspot', atMs: 30 * SEC, fields: { jobtitle: 'Founder' } },
				{ system: 'zoho', atMs: 40 * SEC, fields: { Mobile: '+1 555 0177' } },
			],
		};
		const final = await allOrdersAgree(s, ['hubspot', 'zoho', 'hubspot', 'zoho']);
		expect(final.zoho).toMatchObject({
			First_Name: 'Janet',
			Title: 'Founder',
			Phone: '+1 555 0199',
			Mobile: '+1 555 0177',
		});
		expect(final.hubspot).toMatchObject({
			firstname: 'Janet',
			jobtitle: 'Founder',
			phone: '+1 555 0199',
			mobilephone: '+1 555 0177',
		});
	});

	it('issue 12 item 14: a HubSpot phone edit and a Zoho title edit 3 s later are both kept, in every order', async () => {
		const s: Scenario = {
			kind: 'contact',
			hubspot: janeH,
			zoho: janeZ,
			edits: [
				{ system: 'hubspot', atMs: 10 * SEC, fields: { phone: '+1 555 0288' } },
				{ system: 'zoho', atMs: 13 * SEC, fields: { Title: 'CTO' } },
			],
		};
		const final = await allOrdersAgree(s, ['hubspot', 'zoho', 'zoho', 'hubspot']);
		expect(final.hubspot).toMatchObject({ phone: '+1 555 0288', jobtitle: 'CTO' });
		expect(final.zoho).toMatchObject({ Phone: '+1 555 0288', Title: 'CTO' });
	});

	it('edits on both sides of several fields, some of the same field, interleaved: same result in every order', async () => {
		const s: Scenario = {
			kind: 'contact',
			hubspot: janeH,
			zoho: janeZ,
			edits: [
				{ system: 'zoho', atMs: 5 * SEC, fields: { Title: 'CTO', Mobile: '+1 555 0177' } },
				{ system: 'hubspot', atMs: 8 * SEC, fields: { jobtitle: 'COO', phone: '+1 555 0288' } },
				{ system: 'zoho', atMs: 12 * SEC, fields: { First_Name: 'Janet' } },
			],
		};
		const final = await allOrdersAgree(s, ['hubspot', 'zoho', 'hubspot', 'zoho']);
		expect(final.hubspot).toMatchObject({ jobtitle: 'COO', phone: '+1 555 0288', mobilephone: '+1 555 0177', firstname: 'Janet' });
		expect(final.zoho).toMatchObject({ Title: 'COO', Phone: '+1 555 0288', Mobile: '+1 555 0177', First_Name: 'Janet' });
	});

	it('conflicting edits of one field end at the newest value', async () => {
		const s: Scenario = {
			kind: 'contact',
			hubspot: janeH,
			zoho: janeZ,
			edits: [
				{ system: 'zoho', atMs: 10 * SEC, fields: { Title: 'CTO' } },
				{ system: 'hubspot', atMs: 20 * SEC, fields: { jobtitle: 'COO' } },
				{ system: 'zoho', atMs: 30 * SEC, fields: { Title: 'Chair' } },
			],
		};
		const final = await allOrdersAgree(s, ['zoho', 'hubspot', 'zoho']);
		expect(final.hubspot.jobtitle).toBe('Chair');
		expect(final.zoho.Title).toBe('Chair');
	});

	it('edits in the same second tie to HubSpot in every order', async () => {
		const s: Scenario = {
			kind: 'contact',
			hubspot: janeH,
			zoho: janeZ,
			edits: [
				{ system: 'hubspot', atMs: 10 * SEC + 200, fields: { jobtitle: 'From HubSpot' } },
				{ system: 'zoho', atMs: 10 * SEC + 700, fields: { Title: 'From Zoho' } },
			],
		};
		const final = await allOrdersAgree(s, ['hubspot', 'zoho', 'zoho']);
		expect(final.zoho.Title).toBe('From HubSpot');
	});

	it('a record dated a day ahead counts as modified now (clamped): every order ends the same', async () => {
		const s: Scenario = {
			kind: 'contact',
			hubspot: janeH,
			zoho: janeZ,
			skewMs: { system: 'zoho', ms: 24 * 3600 * SEC },
			edits: [
				{ system: 'zoho', atMs: 10 * SEC, fields: { Title: 'Skewed' } },
				{ system: 'hubspot', atMs: 50 * SEC, fields: { jobtitle: 'Present', firstname: 'Janet' } },
			],
		};
		const final = await allOrdersAgree(s, ['hubspot', 'zoho', 'hubspot']);
		// Title: both changed it, Zoho's change (a day ahead, counted as now) wins; firstname: only HubSpot changed it
		expect(final.hubspot).toMatchObject({ jobtitle: 'Skewed', firstname: 'Janet' });
		expect(final.zoho).toMatchObject({ Title: 'Skewed', First_Name: 'Janet' });
	});

	it('companies: website/domain cosmetics never ping-pong and each side\'s account edits are kept', async () => {
		const s: Scenario = {
			kind: 'company',
			hubspot: {
				name: 'Acme Inc',
				domain: 'acme.com',
				website: 'https://www.acme.com/',
				industry: 'RETAIL',
				numberofemployees: '120',
			},
			zoho: { Account_Name: 'Acme Inc', Website: 'acme.com', Industry: 'Retail', Employees: 120 },
			// The website changes on one side: by name alone the two would no longer match (their domains differ), so
			// the pair is linked by cross-reference ids, as the README recommends for companies.
			world: { xref: { hubspotField: 'zoho_id', zohoField: 'HubSpot_Id' } },
			edits: [
				{ system: 'hubspot', atMs: 10 * SEC, fields: { numberofemployees: '200' } },
				{ system: 'zoho', atMs: 20 * SEC, fields: { Website: 'https://www.acme.io', Industry: 'Technology' } },
			],
		};
		const final = await allOrdersAgree(s, ['hubspot', 'zoho', 'hubspot']);
		expect(final.hubspot).toMatchObject({
			domain: 'acme.io',
			website: 'https://www.acme.io',
			industry: 'INFORMATION_TECHNOLOGY_AND_SERVICES',
			numberofemployees: '200',
		});
		expect(final.zoho).toMatchObject({ Website: 'https://www.acme.io', Industry: 'Technology', Employees: 200 });
	});
});
