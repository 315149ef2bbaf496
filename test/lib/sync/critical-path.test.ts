/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Issue 13, item 2: fewer port calls one after another. runSync tells its caller which records it is about to write
// (onWrites), and with a cross-reference field the lookup by source id runs beside the source read.
import { collectMatchKeys, planSync, runSync, type MatchKeys, type RunSyncOptions, type SyncPlan, type SyncPorts } from '../../../lib/sync';
import { createWorld, fakeClock, type FakeWorld } from './support/fake-world';

const SEC = 1000;
const xref = { hubspotField: 'zoho_id', zohoField: 'HubSpot_Id' };

interface Call {
	name: string;
	keys?: MatchKeys;
	start: number;
	end: number;
}

/** The world's ports, each call taking a few ms of real time and logged with its start and end (in log order). */
function timedPorts(world: FakeWorld, log: Call[], ms = 15): SyncPorts {
	let tick = 0;
	const wrap = <A extends unknown[], R>(name: string, f: (...a: A) => Promise<R>, keysAt?: number) =>
		async (...a: A): Promise<R> => {
			const call: Call = { name, start: tick++, end: -1, ...(keysAt !== undefined ? { keys: a[keysAt] as MatchKeys } : {}) };
			log.push(call);
			await new Promise((ok) => setTimeout(ok, ms));
			const r = await f(...a);
			call.end = tick++;
			return r;
		};
	const { reader, writer } = world.ports;
	return {
		reader: { ...reader, readRecords: wrap('read', reader.readRecords), findTargets: wrap('find', reader.findTargets, 2) },
		writer: { ...writer, createMany: wrap('create', writer.createMany), updateMany: wrap('update', writer.updateMany) },
	};
}

function setup(worldOptions = {}) {
	const clock = fakeClock();
	const world = createWorld(clock, worldOptions);
	const options: RunSyncOptions = { now: clock.now };
	return { clock, world, options };
}

describe('runSync onWrites', () => {
	it('names the creates and updates before the write port is called, never on a dry run, and ignores a throw', async () => {
		const { clock, world, options } = setup();
		const fresh = world.put('hubspot', 'contact', { firstname: 'N', lastname: 'New', email: 'new@example.com' });
		const log: Call[] = [];
		const ports = timedPorts(world, log);
		clock.advance(5 * SEC);
		const seen: Array<{ ids: string[]; writesStarted: number }> = [];
		const onWrites = (actions: readonly { sourceId: string; type: string }[]) => {
			seen.push({ ids: actions.map((a) => `${a.type}:${a.sourceId}`), writesStarted: log.filter((c) => c.name === 'create').length });
			throw new Error('the caller\'s side work failed');
		};
		const dry = await runSync(ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [fresh] }, { ...options, dryRun: true, onWrites });
		expect(dry.actions).toEqual([expect.objectContaining({ type: 'create' })]);
		expect(seen).toEqual([]);
		const r = await runSync(ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [fresh] }, { ...options, onWrites });
		expect(r.failures).toEqual([]);
		expect(r.actions).toEqual([expect.objectContaining({ type: 'create', applied: true })]);
		expect(seen).toEqual([{ ids: [`create:${fresh}`], writesStarted: 0 }]);
	});
});

describe('with a cross-reference field, the lookup by source id runs beside the source read', () => {
	it('starts the xref lookup before the read answers and settles an xref match without an email lookup', async () => {
		const { clock, world, options } = setup({ xref });
		const hs = world.put('hubspot', 'contact', { firstname: 'A', lastname: 'B', email: 'new-address@example.com' });
		world.put('zoho', 'contact', { First_Name: 'A', Last_Name: 'B', Email: 'old-address@example.com', HubSpot_Id: hs });
		clock.advance(5 * SEC);
		const log: Call[] = [];
		const r = await runSync(timedPorts(world, log), { direction: 'hubspotToZoho', objectKind: 'contact', ids: [hs] }, { ...options, xref });
		expect(r.actions).toEqual([expect.objectContaining({ type: 'update', matchedBy: 'xref', payload: { Email: 'new-address@example.com' } })]);
		const [read] = log.filter((c) => c.name === 'read');
		const finds = log.filter((c) => c.name === 'find');
		expect(finds).toHaveLength(1);
		expect(finds[0].start).toBeLessThan(read.end);
		expect(finds[0].keys).toMatchObject({ xrefIds: [hs], emails: [] });
		expect(r.calls.lookups).toBe(1);
	});

	it('looks up a new record by email after the read, in one more lookup', async () => {
		const { clock, world, options } = setup({ xref });
		const hs = world.put('hubspot', 'contact', { firstname: 'A', lastname: 'B', email: 'brand-new@example.com' });
		clock.advance(5 * SEC);
		const log: Call[] = [];
		const r = await runSync(timedPorts(world, log), { direction: 'hubspotToZoho', objectKind: 'contact', ids: [hs] }, { ...options, xref });
		expect(r.actions).toEqual([expect.objectContaining({ type: 'create', applied: true })]);
		expect(log.filter((c) => c.name === 'find').map((c) => c.keys)).toEqual([
			expect.objectContaining({ xrefIds: [hs], emails: [] }),
			expect.objectContaining({ xrefIds: [], emails: ['brand-new@example.com'] }),
		]);
	});

	it('fails the records read as "match" when the early lookup fails, and reports a failed read as a read', async () => {
		const { clock, world, options } = setup({ xref });
		const hs = world.put('hubspot', 'contact', { firstname: 'A', lastname: 'B', email: 'x@example.com' });
		clock.advance(5 * SEC);
		const failing = (what: 'readRecords' | 'findTargets'): SyncPorts => ({
			...world.ports,
			reader: { ...world.ports.reader, [what]: async () => Promise.reject(new Error(`${what} down`)) },
		});
		const request = { direction: 'hubspotToZoho', objectKind: 'contact', ids: [hs] } as const;
		const lookup = await runSync(failing('findTargets'), request, { ...options, xref });
		expect(lookup.failures).toEqual([expect.objectContaining({ operation: 'match', recordId: hs, error: expect.stringMatching(/findTargets down/) })]);
		const read = await runSync(failing('readRecords'), request, { ...options, xref });
		expect(read.failures).toEqual([expect.objectContaining({ operation: 'read', recordId: hs, error: expect.stringMatching(/readRecords down/) })]);
	});

	it('gives every record the match one lookup of all keys gives (xref id, pointing, ambiguous, email, new)', async () => {
		const { clock, world, options } = setup({ xref });
		const c = (email: string, extra: Record<string, unknown> = {}) => world.put('hubspot', 'contact', { firstname: 'F', lastname: 'L', email, ...extra });
		const z = (email: string, extra: Record<string, unknown> = {}) => world.put('zoho', 'contact', { First_Name: 'F', Last_Name: 'L', Email: email, ...extra });
		const fresh = c('fresh@example.com');
		const pointed = c('pointed@example.com');
		z('pointed-elsewhere@example.com', { HubSpot_Id: pointed });
		z('pointed@example.com'); // same email, but the pointing target wins
		const named = c('named@example.com');
		const namedTarget = z('named-target@example.com');
		world.edit('hubspot', named, { zoho_id: namedTarget });
		z('named@example.com', { HubSpot_Id: named }); // points back, but the source names another target
		const twice = c('twice@example.com');
		z('t1@example.com', { HubSpot_Id: twice });
		z('t2@example.com', { HubSpot_Id: twice });
		const byEmail = c('by-email@example.com');
		z('BY-EMAIL@example.com');
		const dangling = c('dangling@example.com', { zoho_id: '999999' });
		z('dangling@example.com');
		// a target found twice (it points to one source and carries another's email) still counts once
		const shared = c('shared-1@example.com');
		z('shared-2@example.com', { HubSpot_Id: shared });
		const sharer = c('shared-2@example.com');
		const ids = [fresh, pointed, named, twice, byEmail, dangling, shared, sharer];
		clock.advance(5 * SEC);
		const split = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids }, { ...options, xref, dryRun: true });
		// the reference: one lookup of every key after the read, as before the split
		const sources = await world.ports.reader.readRecords('hubspot', 'contact', ids);
		const candidates = await world.ports.reader.findTargets('zoho', 'contact', collectMatchKeys('contact', sources));
		const one = planSync({ direction: 'hubspotToZoho', objectKind: 'contact', sources, candidates, options: { ...options, xref, now: clock.now() } });
		const outcome = (p: SyncPlan) =>
			Object.fromEntries([
				...p.actions.map((a) => [a.sourceId, `${a.type} ${a.targetId ?? '-'} ${a.matchedBy ?? '-'}`]),
				...p.failures.map((f) => [f.recordId, `failed ${f.code}`]),
			]);
		expect(outcome(split)).toEqual(outcome(one));
		expect(outcome(one)).toMatchObject({ [twice]: 'failed AMBIGUOUS_MATCH', [fresh]: 'create - -', [named]: `update ${namedTarget} xref` });
	});
});


describe('emails the events name (HubSpot property changes) are looked up beside the source read', () => {
	it('starts the email lookup before the read answers and needs no lookup after it when the read email was hinted', async () => {
		const { clock, world, options } = setup();
		const hs = world.put('hubspot', 'contact', { firstname: 'A', lastname: 'B', email: 'Brand-New@example.com' });
		clock.advance(5 * SEC);
		const log: Call[] = [];
		const r = await runSync(timedPorts(world, log), { direction: 'hubspotToZoho', objectKind: 'contact', ids: [hs], emailHints: [' brand-new@EXAMPLE.com'] }, options);
		expect(r.actions).toEqual([expect.objectContaining({ type: 'create', applied: true })]);
		const [read] = log.filter((c) => c.name === 'read');
		const finds = log.filter((c) => c.name === 'find');
		expect(finds.map((c) => c.keys)).toEqual([expect.objectContaining({ xrefIds: [], emails: ['brand-new@example.com'] })]);
		expect(finds[0].start).toBeLessThan(read.end);
		expect(r.calls.lookups).toBe(1);
	});

	it('looks a record up again by its read email when the hint was stale, and matches the existing target', async () => {
		const { clock, world, options } = setup();
		const hs = world.put('hubspot', 'contact', { firstname: 'A', lastname: 'B', email: 'now@example.com' });
		const target = world.put('zoho', 'contact', { First_Name: 'A', Last_Name: 'Old', Email: 'now@example.com' });
		world.put('zoho', 'contact', { First_Name: 'A', Last_Name: 'B', Email: 'before@example.com' });
		clock.advance(5 * SEC);
		world.edit('hubspot', hs, { lastname: 'B' });
		const log: Call[] = [];
		const r = await runSync(timedPorts(world, log), { direction: 'hubspotToZoho', objectKind: 'contact', ids: [hs], emailHints: ['before@example.com'] }, options);
		expect(r.actions).toEqual([expect.objectContaining({ type: 'update', targetId: target, matchedBy: 'email' })]);
		expect(log.filter((c) => c.name === 'find').map((c) => c.keys?.emails)).toEqual([['before@example.com'], ['now@example.com']]);
	});

	it.each([
		['without a cross-reference field', {}],
		['with a cross-reference field', { xref }],
	])('gives every record the match one lookup of all keys gives, %s, whatever the hints say', async (_label, extra: Partial<RunSyncOptions>) => {
		const { clock, world, options } = setup(extra);
		const c = (email: string) => world.put('hubspot', 'contact', { firstname: 'F', lastname: 'L', email });
		const z = (email: string, more: Record<string, unknown> = {}) => world.put('zoho', 'contact', { First_Name: 'F', Last_Name: 'L', Email: email, ...more });
		const hinted = c('hinted@example.com');
		z('HINTED@example.com');
		const stale = c('stale-now@example.com');
		z('stale-now@example.com');
		z('stale-before@example.com');
		const twice = c('twice@example.com');
		z('twice@example.com');
		z('Twice@example.com');
		const fresh = c('fresh@example.com');
		const unhinted = c('unhinted@example.com');
		z('unhinted@example.com');
		const pointed = c('pointed@example.com');
		z('pointed-elsewhere@example.com', { HubSpot_Id: pointed });
		z('pointed@example.com');
		const ids = [hinted, stale, twice, fresh, unhinted, pointed];
		const emailHints = ['hinted@example.com', 'stale-before@example.com', 'twice@example.com', 'fresh@example.com', 'pointed@example.com', 'nobody@example.com', ''];
		clock.advance(5 * SEC);
		const runOptions = { ...options, ...extra, dryRun: true };
		const hintedRun = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids, emailHints }, runOptions);
		const sources = await world.ports.reader.readRecords('hubspot', 'contact', ids);
		const candidates = await world.ports.reader.findTargets('zoho', 'contact', collectMatchKeys('contact', sources));
		const one = planSync({ direction: 'hubspotToZoho', objectKind: 'contact', sources, candidates, options: { ...runOptions, now: clock.now() } });
		const outcome = (p: SyncPlan) =>
			Object.fromEntries([
				...p.actions.map((a) => [a.sourceId, `${a.type} ${a.targetId ?? '-'} ${a.matchedBy ?? '-'}`]),
				...p.failures.map((f) => [f.recordId, `failed ${f.code}`]),
			]);
		expect(outcome(hintedRun)).toEqual(outcome(one));
		expect(outcome(one)).toMatchObject({ [twice]: 'failed AMBIGUOUS_MATCH', [fresh]: 'create - -' });
		expect(outcome(one)[stale]).toMatch(/^(update|unchanged) \S+ email$/);
	});

	it('ignores hints for companies (they have no email key)', async () => {
		const { clock, world, options } = setup();
		const hs = world.put('hubspot', 'company', { name: 'Acme', domain: 'acme.com' });
		clock.advance(5 * SEC);
		const log: Call[] = [];
		await runSync(timedPorts(world, log), { direction: 'hubspotToZoho', objectKind: 'company', ids: [hs], emailHints: ['x@acme.com'] }, options);
		const finds = log.filter((c) => c.name === 'find');
		expect(finds).toHaveLength(1);
		expect(finds[0].keys?.emails).toEqual([]);
		expect(finds[0].start).toBeGreaterThan(log.find((c) => c.name === 'read')?.end ?? Infinity);
	});
});
