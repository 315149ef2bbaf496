/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import { createCoalescer } from '../../../lib/http/coalesce';
import type { HttpRequest, HttpResponse } from '../../../lib/http/types';
import { HubspotClient } from '../../../lib/hubspot';
import type { HubspotClientOptions } from '../../../lib/hubspot/types';

interface Sent {
	path: string;
	body: { inputs: Array<{ id: string }>; properties?: string[]; idProperty?: string };
}

const ALWAYS = ['hs_object_id', 'createdate', 'lastmodifieddate'];

/**
 * A HubSpot stand-in over a fake transport: contacts 1..300 (email cN@x.com), contact N linked to company N+1000 when
 * N is even; every call answers on the next macrotask, so calls made meanwhile really overlap.
 */
function fakeHubspot(fail?: (s: Sent) => boolean) {
	const sent: Sent[] = [];
	const contact = (n: number) => ({
		id: String(n),
		properties: { hs_object_id: String(n), email: `c${n}@x.com`, firstname: `F${n}`, phone: `P${n}`, jobtitle: `J${n}`, createdate: 'c', lastmodifieddate: 'm' } as Record<string, string>,
		createdAt: 'c',
		updatedAt: 'm',
	});
	const transport = async (req: HttpRequest): Promise<HttpResponse> => {
		const path = req.url.replace('https://api.hubapi.com', '');
		const body = req.body as Sent['body'];
		sent.push({ path, body });
		await new Promise((r) => setImmediate(r));
		if (fail?.({ path, body })) return { statusCode: 500, headers: {}, body: { status: 'error', message: 'internal error', category: 'INTERNAL_ERROR' } };
		if (path === '/crm/v4/associations/contact/company/batch/read') {
			const results = body.inputs.filter((i) => Number(i.id) % 2 === 0).map((i) => ({ from: { id: i.id }, to: [{ toObjectId: Number(i.id) + 1000, associationTypes: [{ typeId: 1 }] }] }));
			return { statusCode: 207, headers: {}, body: { results, errors: [] } };
		}
		const found: ReturnType<typeof contact>[] = [];
		const missing: string[] = [];
		for (const { id } of body.inputs) {
			const n = body.idProperty === 'email' ? Number(/^c(\d+)@x\.com$/i.exec(id)?.[1] ?? NaN) : Number(id);
			if (n >= 1 && n <= 300) found.push(contact(n));
			else missing.push(id);
		}
		const listed = new Set([...(body.properties ?? []), ...ALWAYS]);
		const results = found.map((o) => ({ ...o, properties: Object.fromEntries(Object.entries(o.properties).filter(([k]) => listed.has(k))) }));
		const errors = missing.length ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: missing } }] : [];
		return { statusCode: errors.length ? 207 : 200, headers: {}, body: { status: 'COMPLETE', results, errors } };
	};
	const options = (extra: Partial<HubspotClientOptions> = {}): HubspotClientOptions => ({
		transport,
		sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
		now: Date.now,
		retry: { retries: 0 },
		...extra,
	});
	return { sent, options };
}

const reads = (sent: Sent[]) => sent.filter((s) => s.path === '/crm/v3/objects/contacts/batch/read');

describe('HubSpot reads shared across executions (one coalescer per credential)', () => {
	it('ten concurrent executions reading a few contacts each cost two batch reads, each getting exactly its own records', async () => {
		const hs = fakeHubspot();
		const coalesce = createCoalescer();
		// each execution has its own client (its own transport in n8n), the coalescer is the credential's
		const clients = Array.from({ length: 10 }, () => new HubspotClient(hs.options({ coalesce })));
		const asked = clients.map((_, i) => [String(i * 3 + 1), String(i * 3 + 2), '999']);
		const results = await Promise.all(clients.map((c, i) => c.batchRead('contacts', asked[i], { properties: ['email', 'firstname'] })));
		expect(reads(hs.sent)).toHaveLength(2);
		expect(reads(hs.sent)[1].body.inputs).toHaveLength(9 * 2 + 1);
		results.forEach((r, i) => {
			expect(r.results.map((o) => o.id).sort()).toEqual(asked[i].slice(0, 2).sort());
			expect(r.missing).toEqual(['999']);
		});
	});

	it('without a coalescer every execution makes its own call (the behaviour before sharing)', async () => {
		const hs = fakeHubspot();
		const clients = Array.from({ length: 10 }, () => new HubspotClient(hs.options()));
		await Promise.all(clients.map((c, i) => c.batchRead('contacts', [String(i + 1)], { properties: ['email'] })));
		expect(reads(hs.sent)).toHaveLength(10);
	});

	it('asks for the union of the properties and gives each caller only the ones it asked for', async () => {
		const hs = fakeHubspot();
		const coalesce = createCoalescer();
		const a = new HubspotClient(hs.options({ coalesce }));
		const b = new HubspotClient(hs.options({ coalesce }));
		const c = new HubspotClient(hs.options({ coalesce }));
		const [ra, rb, rc] = await Promise.all([
			a.batchRead('contacts', ['1'], { properties: ['email'] }),
			b.batchRead('contacts', ['2', '3'], { properties: ['phone'] }),
			c.batchRead('contacts', ['3'], { properties: ['jobtitle', 'email'] }),
		]);
		expect(reads(hs.sent)[1].body.properties).toEqual(['phone', 'jobtitle', 'email']);
		expect(Object.keys(ra.results[0].properties).sort()).toEqual([...ALWAYS, 'email'].sort());
		expect(rb.results.map((o) => Object.keys(o.properties).sort())).toEqual([[...ALWAYS, 'phone'].sort(), [...ALWAYS, 'phone'].sort()]);
		expect(rc.results).toHaveLength(1);
		expect(rc.results[0].properties).toEqual({ hs_object_id: '3', createdate: 'c', lastmodifieddate: 'm', jobtitle: 'J3', email: 'c3@x.com' });
		// the shared record is not the same object in two answers
		expect(rb.results.find((o) => o.id === '3')).not.toBe(rc.results[0]);
	});

	it('merges reads by email (case-insensitive) and gives each caller the contacts of its emails', async () => {
		const hs = fakeHubspot();
		const coalesce = createCoalescer();
		const mk = () => new HubspotClient(hs.options({ coalesce }));
		const [first, r1, r2] = await Promise.all([
			mk().batchRead('contacts', ['c1@x.com'], { properties: ['firstname'], idProperty: 'email' }),
			mk().batchRead('contacts', ['C5@x.com', 'nobody@x.com'], { properties: ['firstname'], idProperty: 'email' }),
			mk().batchRead('contacts', ['c6@x.com'], { properties: ['firstname'], idProperty: 'email' }),
		]);
		expect(reads(hs.sent)).toHaveLength(2);
		expect(reads(hs.sent)[1].body).toMatchObject({ idProperty: 'email', properties: ['firstname', 'email'] });
		expect(first.results.map((o) => o.id)).toEqual(['1']);
		expect(r1.results.map((o) => o.id)).toEqual(['5']);
		expect(r1.missing).toEqual(['nobody@x.com']);
		// email was added to find each caller's records; it was not asked for, so it is not handed back
		expect(r1.results[0].properties.email).toBeUndefined();
		expect(r2.results.map((o) => o.properties.firstname)).toEqual(['F6']);
	});

	it('sends an email asked for in two spellings once, and both callers get the contact', async () => {
		const hs = fakeHubspot();
		const coalesce = createCoalescer();
		const mk = () => new HubspotClient(hs.options({ coalesce }));
		const [, a, b] = await Promise.all([
			mk().batchRead('contacts', ['c1@x.com'], { properties: ['email'], idProperty: 'email' }),
			mk().batchRead('contacts', ['c9@x.com'], { properties: ['email'], idProperty: 'email' }),
			mk().batchRead('contacts', ['C9@X.com'], { properties: ['email'], idProperty: 'email' }),
		]);
		expect(reads(hs.sent)[1].body.inputs).toEqual([{ id: 'c9@x.com' }]);
		expect([a.results.map((o) => o.id), b.results.map((o) => o.id)]).toEqual([['9'], ['9']]);
	});

	it('never merges reads by id with reads by email, or a default-properties read with a listed one', async () => {
		const hs = fakeHubspot();
		const coalesce = createCoalescer();
		const mk = () => new HubspotClient(hs.options({ coalesce }));
		await Promise.all([
			mk().batchRead('contacts', ['1'], { properties: ['email'] }),
			mk().batchRead('contacts', ['c2@x.com'], { properties: ['email'], idProperty: 'email' }),
			mk().batchRead('contacts', ['3']),
		]);
		expect(reads(hs.sent).map((s) => s.body.inputs.map((i) => i.id))).toEqual([['1'], ['c2@x.com'], ['3']]);
	});

	it('keeps every merged call within 100 ids', async () => {
		const hs = fakeHubspot();
		const coalesce = createCoalescer();
		const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));
		const res = await Promise.all([1, 61, 121, 181].map((from) => new HubspotClient(hs.options({ coalesce })).batchRead('contacts', ids(from, 60), { properties: ['email'] })));
		expect(reads(hs.sent).every((s) => s.body.inputs.length <= 100)).toBe(true);
		expect(reads(hs.sent)).toHaveLength(4);
		res.forEach((r, i) => expect(r.results.map((o) => Number(o.id))).toEqual(ids(1 + i * 60, 60).map(Number)));
	});

	it('a failed shared call fails each execution in it, not the executions of the calls before or after', async () => {
		const hs = fakeHubspot((s) => s.body.inputs?.some((i) => i.id === '13'));
		const coalesce = createCoalescer();
		const mk = () => new HubspotClient(hs.options({ coalesce }));
		const results = await Promise.allSettled([
			mk().batchRead('contacts', ['1'], { properties: ['email'] }),
			mk().batchRead('contacts', ['13'], { properties: ['email'] }),
			mk().batchRead('contacts', ['14'], { properties: ['email'] }),
		]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
		expect(String((results[1] as PromiseRejectedResult).reason.message)).toContain('500');
		const after = await mk().batchRead('contacts', ['2'], { properties: ['email'] });
		expect(after.results.map((o) => o.id)).toEqual(['2']);
	});

	it('shares the contact -> company association read and gives each caller the links of its contacts', async () => {
		const hs = fakeHubspot();
		const coalesce = createCoalescer();
		const mk = () => new HubspotClient(hs.options({ coalesce }));
		const [a, b, c] = await Promise.all([mk().readContactCompanyIds(['2']), mk().readContactCompanyIds(['4', '5']), mk().readContactCompanyIds(['6'])]);
		const links = hs.sent.filter((s) => s.path.includes('/associations/'));
		expect(links.map((s) => s.body.inputs.map((i) => i.id))).toEqual([['2'], ['4', '5', '6']]);
		expect([...a]).toEqual([['2', ['1002']]]);
		expect([...b]).toEqual([['4', ['1004']]]);
		expect([...c]).toEqual([['6', ['1006']]]);
	});

	it('reads with property history are not shared (50 a call, rare)', async () => {
		const hs = fakeHubspot();
		const coalesce = createCoalescer();
		const mk = () => new HubspotClient(hs.options({ coalesce }));
		await Promise.all([1, 2, 3].map((n) => mk().batchRead('contacts', [String(n)], { properties: ['email'], propertiesWithHistory: ['email'] })));
		expect(reads(hs.sent)).toHaveLength(3);
	});
});
