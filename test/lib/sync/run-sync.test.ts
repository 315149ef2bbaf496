import { runSync, type RunSyncOptions, type SyncPorts } from '../../../lib/sync';
import { createWorld, fakeClock, type FakeWorld } from './support/fake-world';

const SEC = 1000;

function setup(o: Partial<RunSyncOptions> = {}, worldOptions = {}) {
	const clock = fakeClock();
	const world = createWorld(clock, worldOptions);
	const options: RunSyncOptions = { now: clock.now, ...o };
	return { clock, world, options };
}

function seedHubspotContacts(world: FakeWorld, n: number): string[] {
	return Array.from({ length: n }, (_, i) =>
		world.put('hubspot', 'contact', { firstname: `First${i}`, lastname: `Last${i}`, email: `user${i}@example.com` }),
	);
}

describe('runSync', () => {
	it('syncs 100 new HubSpot contacts with one read, one lookup and one write', async () => {
		const { clock, world, options } = setup();
		const ids = seedHubspotContacts(world, 100);
		clock.advance(5 * SEC);
		const result = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids }, options);
		expect(result.failures).toEqual([]);
		expect(result.actions.filter((a) => a.type === 'create' && a.applied)).toHaveLength(100);
		expect(world.calls).toMatchObject({ readRecords: 1, findTargets: 1, createMany: 1, updateMany: 0 });
		expect(world.stores.zoho.size).toBe(100);
		expect(result.calls).toEqual({ reads: 1, lookups: 1, writes: 1 });
	});

	it('writes nothing the second time the same state is synced (idempotence)', async () => {
		const { clock, world, options } = setup();
		const ids = seedHubspotContacts(world, 10);
		clock.advance(5 * SEC);
		await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids }, options);
		clock.advance(5 * SEC);
		world.resetCalls();
		const again = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids }, options);
		const echo = await runSync(
			world.ports,
			{ direction: 'zohoToHubspot', objectKind: 'contact', ids: [...world.stores.zoho.keys()] },
			options,
		);
		expect(again.actions.every((a) => a.type === 'unchanged')).toBe(true);
		expect(echo.actions.every((a) => a.type === 'unchanged')).toBe(true);
		expect(world.calls.createMany + world.calls.updateMany).toBe(0);
		expect(world.calls.readRecords + world.calls.findTargets).toBe(4);
	});

	it('dedupes duplicate ids from one batch of events into one record', async () => {
		const { world, options } = setup();
		const [id] = seedHubspotContacts(world, 1);
		const result = await runSync(
			world.ports,
			{ direction: 'hubspotToZoho', objectKind: 'contact', ids: [id, id, ` ${id} `] },
			options,
		);
		expect(result.actions).toHaveLength(1);
		expect(world.calls.written).toBe(1);
	});

	it('plans but writes nothing on a dry run', async () => {
		const { world, options } = setup({ dryRun: true });
		const ids = seedHubspotContacts(world, 3);
		const result = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids }, options);
		expect(result.dryRun).toBe(true);
		expect(result.actions.map((a) => a.type)).toEqual(['create', 'create', 'create']);
		expect(result.actions.some((a) => a.applied)).toBe(false);
		expect(world.calls.createMany + world.calls.updateMany).toBe(0);
		expect(world.stores.zoho.size).toBe(0);
	});

	it('reports a missing source record as skipped and a Zoho-only contact creates nothing in HubSpot', async () => {
		const { world, options } = setup();
		const z = world.put('zoho', 'contact', { Last_Name: 'Only', Email: 'only@example.com' });
		const result = await runSync(
			world.ports,
			{ direction: 'zohoToHubspot', objectKind: 'contact', ids: [z, 'gone'] },
			options,
		);
		expect(result.actions.map((a) => [a.sourceId, a.type])).toEqual([
			['gone', 'skip'],
			[z, 'skip'],
		]);
		expect(world.stores.hubspot.size).toBe(0);
		expect(world.calls.createMany).toBe(0);
	});

	it('re-reads and re-plans a record answered 412 ALREADY_MODIFIED, keeping the newer concurrent edit', async () => {
		const { clock, world, options } = setup();
		const h = world.put('hubspot', 'contact', {
			lastname: 'Doe',
			email: 'jane@example.com',
			jobtitle: 'CEO',
			phone: '111',
		});
		const z = world.put('zoho', 'contact', { Last_Name: 'Doe', Email: 'jane@example.com', Title: 'CTO', Phone: '111' });
		clock.advance(10 * SEC);
		world.edit('hubspot', h, { jobtitle: 'Founder' });
		clock.advance(10 * SEC);
		let once = true;
		world.hooks.beforeUpdate = (system) => {
			if (system !== 'zoho' || !once) return;
			once = false;
			clock.advance(2 * SEC);
			world.edit('zoho', z, { Phone: '222' });
			clock.advance(2 * SEC);
		};
		const result = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [h] }, options);
		// the 412'd write is planned again from a fresh read: HubSpot's title edit still goes, Zoho's phone edit stays
		expect(world.calls.updateMany).toBe(2);
		expect(world.calls.readRecords).toBe(2);
		expect(result.failures).toEqual([]);
		expect(result.actions).toEqual([expect.objectContaining({ type: 'update', sourceId: h, payload: { Title: 'Founder' } })]);
		expect(world.fields('zoho', z)).toMatchObject({ Title: 'Founder', Phone: '222' });
	});

	it('turns a second 412 into a retriable failure without throwing', async () => {
		const { clock, world, options } = setup();
		const h = world.put('hubspot', 'contact', { lastname: 'Doe', email: 'jane@example.com', jobtitle: 'CEO' });
		const z = world.put('zoho', 'contact', { Last_Name: 'Doe', Email: 'jane@example.com', Title: 'CTO' });
		clock.advance(10 * SEC);
		world.edit('hubspot', h, { jobtitle: 'Founder' });
		clock.advance(10 * SEC);
		world.hooks.beforeUpdate = (system) => {
			if (system !== 'zoho') return;
			clock.advance(2 * SEC);
			world.edit('zoho', z, { Phone: String(clock.now()) });
			clock.advance(60 * SEC);
			world.edit('hubspot', h, { jobtitle: `Founder ${clock.now()}` });
		};
		const result = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [h] }, options);
		expect(world.calls.updateMany).toBe(2);
		expect(result.failures).toEqual([
			expect.objectContaining({ operation: 'update', recordId: h, code: 'ALREADY_MODIFIED', retriable: true }),
		]);
	});

	describe('retry rounds (retryRounds): a failed write is re-read and re-planned, never re-sent as it was', () => {
		const throttled = () =>
			Object.assign(new Error('Request failed with status 429: PATCH https://api.hubapi.com/crm/v3/objects/contacts/batch/update'), {
				kind: 'HttpError',
				statusCode: 429,
				retryAfterMs: 3000,
			});

		it('writes the values the source holds after the wait, not the ones read before the 429', async () => {
			const { clock, world } = setup();
			const sleeps: number[] = [];
			const z = world.put('zoho', 'contact', { Last_Name: 'Doe', Email: 'jane@example.com', Title: 'Start' });
			const h = world.put('hubspot', 'contact', { lastname: 'Doe', email: 'jane@example.com', jobtitle: 'Old' });
			clock.advance(10 * SEC);
			world.edit('zoho', z, { Title: 'Edit 1' });
			clock.advance(10 * SEC);
			let failures = 2;
			const ports: SyncPorts = {
				reader: world.ports.reader,
				writer: {
					createMany: world.ports.writer.createMany,
					updateMany: async (system, kind, writes) => {
						if (failures-- > 0) throw throttled();
						return world.ports.writer.updateMany(system, kind, writes);
					},
				},
			};
			const options: RunSyncOptions = {
				now: clock.now,
				retryRounds: 3,
				sleep: async (ms) => {
					sleeps.push(ms);
					clock.advance(ms);
					// the user edits the source in Zoho while we wait
					if (sleeps.length === 1) world.edit('zoho', z, { Title: 'Edit 2' });
				},
			};
			const result = await runSync(ports, { direction: 'zohoToHubspot', objectKind: 'contact', ids: [z] }, options);
			expect(result.failures).toEqual([]);
			expect(world.fields('hubspot', h)).toMatchObject({ jobtitle: 'Edit 2' });
			// first wait honours Retry-After 3 s; then 2 s doubling is below it, so 3 s again
			expect(sleeps).toEqual([3000, 3000]);
			expect(world.calls.readRecords).toBe(3);
		});

		it('re-reads the source before a late write and re-plans a record that changed meanwhile', async () => {
			const { clock, world } = setup();
			const z = world.put('zoho', 'contact', { Last_Name: 'Doe', Email: 'late@example.com', Title: 'Edit 1' });
			const h = world.put('hubspot', 'contact', { lastname: 'Doe', email: 'late@example.com', jobtitle: 'Old' });
			clock.advance(10 * SEC);
			world.edit('zoho', z, { Title: 'Edit 1b' });
			clock.advance(10 * SEC);
			let slow = true;
			const ports: SyncPorts = {
				reader: {
					readRecords: world.ports.reader.readRecords,
					findTargets: async (system, kind, keys) => {
						if (slow) {
							slow = false;
							// the target lookup is slow (retries); meanwhile a person edits the source again
							clock.advance(5 * SEC);
							world.edit('zoho', z, { Title: 'Edit 2' });
						}
						return world.ports.reader.findTargets(system, kind, keys);
					},
				},
				writer: world.ports.writer,
			};
			const result = await runSync(ports, { direction: 'zohoToHubspot', objectKind: 'contact', ids: [z] }, { now: clock.now });
			expect(result.failures).toEqual([]);
			expect(world.fields('hubspot', h)).toMatchObject({ jobtitle: 'Edit 2' });
			expect(world.calls.readRecords).toBe(3); // plan, re-check, re-plan
			expect(world.calls.updateMany).toBe(1); // 'Edit 1b' was never written
		});

		it('waits for the target\'s write slot before the freshness re-read, so an edit made during that wait is what gets written', async () => {
			const { clock, world } = setup();
			const z = world.put('zoho', 'contact', { Last_Name: 'Doe', Email: 'queued@example.com', Title: 'Edit 1' });
			const h = world.put('hubspot', 'contact', { lastname: 'Doe', email: 'queued@example.com', jobtitle: 'Old' });
			clock.advance(10 * SEC);
			world.edit('zoho', z, { Title: 'Edit 1b' });
			clock.advance(10 * SEC);
			const prepared: Array<{ creates: number; updates: number }> = [];
			const ports: SyncPorts = {
				reader: world.ports.reader,
				writer: {
					...world.ports.writer,
					prepare: async (_system, _kind, counts) => {
						prepared.push(counts);
						if (prepared.length === 1) {
							// the write queues behind other executions in HubSpot's rate limiter; a person edits Zoho meanwhile
							clock.advance(8 * SEC);
							world.edit('zoho', z, { Title: 'Edit 2' });
						}
					},
				},
			};
			const result = await runSync(ports, { direction: 'zohoToHubspot', objectKind: 'contact', ids: [z] }, { now: clock.now });
			expect(result.failures).toEqual([]);
			expect(world.fields('hubspot', h)).toMatchObject({ jobtitle: 'Edit 2' });
			expect(prepared[0]).toEqual({ creates: 0, updates: 1 });
			expect(world.calls.updateMany).toBe(1); // 'Edit 1b' was never written
		});

		it('re-reads a HubSpot target before a late write: a person\'s HubSpot edit made meanwhile is not overwritten', async () => {
			const { clock, world } = setup();
			const z = world.put('zoho', 'contact', { Last_Name: 'Doe', Email: 'target@example.com', Title: 'Zoho edit' });
			const h = world.put('hubspot', 'contact', { lastname: 'Doe', email: 'target@example.com', jobtitle: 'Old' });
			clock.advance(10 * SEC);
			world.edit('zoho', z, { Title: 'Zoho edit 2' });
			clock.advance(10 * SEC);
			let waits = 0;
			const ports: SyncPorts = {
				reader: world.ports.reader,
				writer: {
					...world.ports.writer,
					conditionalUpdates: (system) => system === 'zoho',
					prepare: async () => {
						if (waits++ === 0) {
							// the write queues in HubSpot's rate limiter; a person edits the HubSpot contact meanwhile
							clock.advance(8 * SEC);
							world.edit('hubspot', h, { jobtitle: 'HubSpot edit (newest)' });
						}
					},
				},
			};
			const result = await runSync(ports, { direction: 'zohoToHubspot', objectKind: 'contact', ids: [z] }, { now: clock.now });
			expect(result.failures).toEqual([]);
			// before: the older Zoho title landed over the newer HubSpot edit (HubSpot has no conditional write)
			expect(world.fields('hubspot', h)).toMatchObject({ jobtitle: 'HubSpot edit (newest)' });
		});

		it('does not re-read the target when its updates are conditional (Zoho answers 412 by itself)', async () => {
			const { clock, world } = setup();
			const [h] = seedHubspotContacts(world, 1);
			world.put('zoho', 'contact', { Last_Name: 'Last0', Email: 'user0@example.com', First_Name: 'Other' });
			clock.advance(10 * SEC);
			world.edit('hubspot', h, { firstname: 'Newer' });
			clock.advance(10 * SEC);
			const ports: SyncPorts = {
				reader: world.ports.reader,
				writer: { ...world.ports.writer, conditionalUpdates: (system) => system === 'zoho', prepare: async () => clock.advance(5 * SEC) },
			};
			world.resetCalls();
			await runSync(ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [h] }, { now: clock.now });
			expect(world.calls.readRecords).toBe(2); // the read and the source re-check, no target re-read
			expect(world.calls.updateMany).toBe(1);
		});

		it('reports the record as a retriable failure once every round failed', async () => {
			const { clock, world } = setup();
			const [h] = seedHubspotContacts(world, 1);
			world.put('zoho', 'contact', { Last_Name: 'Last0', Email: 'user0@example.com', First_Name: 'Other' });
			clock.advance(10 * SEC);
			world.edit('hubspot', h, { firstname: 'Newer' });
			const sleeps: number[] = [];
			const ports: SyncPorts = {
				reader: world.ports.reader,
				writer: {
					createMany: world.ports.writer.createMany,
					updateMany: async () => {
						throw Object.assign(new Error('Request timed out after 30000 ms'), { kind: 'TimeoutError' });
					},
				},
			};
			const result = await runSync(ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [h] }, {
				now: clock.now,
				retryRounds: 2,
				sleep: async (ms) => void sleeps.push(ms),
			});
			expect(sleeps).toEqual([1000, 2000]);
			expect(result.failures).toEqual([expect.objectContaining({ operation: 'update', recordId: h, code: 'TimeoutError', retriable: true })]);
		});

		it('without retryRounds reports a 429 at once (no wait, no second read)', async () => {
			const { clock, world, options } = setup();
			const [h] = seedHubspotContacts(world, 1);
			clock.advance(5 * SEC);
			const ports: SyncPorts = {
				reader: world.ports.reader,
				writer: {
					createMany: async () => {
						throw throttled();
					},
					updateMany: world.ports.writer.updateMany,
				},
			};
			const result = await runSync(ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [h] }, options);
			expect(result.failures).toEqual([expect.objectContaining({ operation: 'create', code: 'HTTP_429', retriable: true })]);
			expect(world.calls.readRecords).toBe(1);
		});
	});

	describe('per-field merge: field histories are read only when needed, in one call per CRM', () => {
		it('reads HubSpot history once for the close pairs only, and Zoho timelines only for fields it cannot settle', async () => {
			const { clock, world, options } = setup();
			const pair = (i: number, title: string) => {
				const h = world.put('hubspot', 'contact', { lastname: `L${i}`, email: `p${i}@example.com`, jobtitle: title, phone: '100' });
				const z = world.put('zoho', 'contact', { Last_Name: `L${i}`, Email: `p${i}@example.com`, Title: title, Phone: '100' });
				return { h, z };
			};
			const unchanged = pair(0, 'Same');
			const farApart = pair(1, 'Old');
			const phoneEdit = pair(2, 'Old');
			const concurrent = pair(3, 'Old');
			clock.advance(2 * 3600 * SEC);
			world.edit('hubspot', phoneEdit.h, { phone: '288' }); // HubSpot person edit, not yet synced
			world.edit('hubspot', concurrent.h, { jobtitle: 'From HubSpot' });
			clock.advance(3 * SEC);
			world.edit('zoho', farApart.z, { Title: 'New' });
			world.edit('zoho', phoneEdit.z, { Title: 'CTO' });
			world.edit('zoho', concurrent.z, { Title: 'From Zoho' });
			clock.advance(5 * SEC);
			world.resetCalls();
			const result = await runSync(
				world.ports,
				{ direction: 'zohoToHubspot', objectKind: 'contact', ids: [unchanged.z, farApart.z, phoneEdit.z, concurrent.z] },
				options,
			);
			expect(result.failures).toEqual([]);
			expect(world.calls).toMatchObject({ readRecords: 1, findTargets: 1, hubspotHistory: 1, zohoHistory: 1, updateMany: 1 });
			// the phone edit made in HubSpot survives the Zoho title edit; the title goes to HubSpot
			expect(world.fields('hubspot', phoneEdit.h)).toMatchObject({ phone: '288', jobtitle: 'CTO' });
			expect(world.fields('hubspot', farApart.h)).toMatchObject({ jobtitle: 'New' });
			// same field changed on both sides 3 s apart: the newer change (Zoho's) wins and is named a conflict
			expect(world.fields('hubspot', concurrent.h)).toMatchObject({ jobtitle: 'From Zoho' });
			const byId = new Map(result.actions.map((a) => [a.sourceId, a]));
			expect(byId.get(unchanged.z)).toMatchObject({ type: 'unchanged' });
			expect(byId.get(phoneEdit.z)?.merge).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ hubspot: 'phone', from: 'hubspot', conflict: false }),
					expect.objectContaining({ hubspot: 'jobtitle', from: 'zoho' }),
				]),
			);
			expect(byId.get(concurrent.z)?.merge).toEqual([expect.objectContaining({ hubspot: 'jobtitle', from: 'zoho', conflict: true })]);
		});

		it('reads no history when every differing pair is hours apart (the common single-side edit)', async () => {
			const { clock, world, options } = setup();
			const h = world.put('hubspot', 'contact', { lastname: 'Doe', email: 'd@example.com', jobtitle: 'Old' });
			const z = world.put('zoho', 'contact', { Last_Name: 'Doe', Email: 'd@example.com', Title: 'Old' });
			clock.advance(3 * 3600 * SEC);
			world.edit('zoho', z, { Title: 'New' });
			world.resetCalls();
			await runSync(world.ports, { direction: 'zohoToHubspot', objectKind: 'contact', ids: [z] }, options);
			expect(world.calls).toMatchObject({ readRecords: 1, findTargets: 1, hubspotHistory: 0, zohoHistory: 0, updateMany: 1 });
			expect(world.fields('hubspot', h)).toMatchObject({ jobtitle: 'New' });
		});

		it('without a fieldHistory port, plans by record times as before', async () => {
			const { clock, world, options } = setup({}, { noHistoryPort: true });
			const h = world.put('hubspot', 'contact', { lastname: 'Doe', email: 'd@example.com', phone: '100', jobtitle: 'Old' });
			const z = world.put('zoho', 'contact', { Last_Name: 'Doe', Email: 'd@example.com', Phone: '100', Title: 'Old' });
			clock.advance(60 * SEC);
			world.edit('hubspot', h, { phone: '288' });
			clock.advance(3 * SEC);
			world.edit('zoho', z, { Title: 'CTO' });
			await runSync(world.ports, { direction: 'zohoToHubspot', objectKind: 'contact', ids: [z] }, options);
			expect(world.fields('hubspot', h)).toMatchObject({ phone: '100', jobtitle: 'CTO' });
		});
	});

	it('turns per-record write errors and a thrown batch into failures while the rest syncs', async () => {
		const { clock, world, options } = setup();
		const ids = seedHubspotContacts(world, 3);
		const ports: SyncPorts = {
			reader: world.ports.reader,
			writer: {
				createMany: async (system, kind, writes) => {
					const out = await world.ports.writer.createMany(system, kind, writes.slice(1));
					return [
						{
							ok: false,
							code: 'INVALID_DATA',
							message: "field Email: value 'x' is invalid",
							retriable: false,
							field: 'Email',
						},
						...out,
					];
				},
				updateMany: async () => {
					throw Object.assign(
						new Error('Request failed with status 503: PUT https://www.zohoapis.com/crm/v8/Contacts'),
						{ kind: 'HttpError', statusCode: 503 },
					);
				},
			},
		};
		const result = await runSync(ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids }, options);
		expect(result.actions.filter((a) => a.applied).map((a) => a.sourceId)).toEqual(ids.slice(1));
		expect(result.failures).toEqual([
			expect.objectContaining({
				operation: 'create',
				recordId: ids[0],
				code: 'INVALID_DATA',
				field: 'Email',
				retriable: false,
			}),
		]);

		clock.advance(5000);
		for (const id of ids.slice(1)) world.edit('hubspot', id, { jobtitle: 'Founder' });
		clock.advance(5000);
		const update = await runSync(
			ports,
			{ direction: 'hubspotToZoho', objectKind: 'contact', ids: ids.slice(1).concat('x') },
			options,
		);
		expect(update.actions).toEqual([expect.objectContaining({ sourceId: 'x', type: 'skip' })]);
		// the 'x' id is missing -> skip; two updates fail together as one retriable 503
		expect(update.failures.map((f) => [f.operation, f.recordId, f.code, f.retriable])).toEqual([
			['update', ids[1], 'HTTP_503', true],
			['update', ids[2], 'HTTP_503', true],
		]);
		expect(update.failures[0].error).not.toMatch(/token|Bearer/i);
	});

	it('writes cross-reference ids into both CRMs with one extra batched write, then matches by xref', async () => {
		const xref = { hubspotField: 'zoho_id', zohoField: 'HubSpot_Id' };
		const { clock, world, options } = setup({ writeXref: true, xref }, { xref });
		const ids = seedHubspotContacts(world, 5);
		const result = await runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids }, options);
		expect(result.failures).toEqual([]);
		expect(world.calls).toMatchObject({ createMany: 1, updateMany: 1 });
		for (const a of result.actions) {
			expect(world.fields('hubspot', a.sourceId).zoho_id).toBe(a.targetId);
			expect(world.fields('zoho', a.targetId ?? '').HubSpot_Id).toBe(a.sourceId);
		}
		clock.advance(5 * SEC);
		world.edit('hubspot', ids[0], { email: 'changed@example.com' });
		clock.advance(5 * SEC);
		const next = await runSync(
			world.ports,
			{ direction: 'hubspotToZoho', objectKind: 'contact', ids: [ids[0]] },
			options,
		);
		expect(next.actions[0]).toMatchObject({
			type: 'update',
			matchedBy: 'xref',
			payload: { Email: 'changed@example.com' },
		});
	});

	it('10 concurrent runs on one new contact leave exactly one Zoho contact (upsert key)', async () => {
		const { world, options } = setup();
		const [id] = seedHubspotContacts(world, 1);
		await Promise.all(
			Array.from({ length: 10 }, () =>
				runSync(world.ports, { direction: 'hubspotToZoho', objectKind: 'contact', ids: [id] }, options),
			),
		);
		expect(world.stores.zoho.size).toBe(1);
	});
});
