import { createCoalescer, unionOf, withoutOthers, type MergeSpec } from '../../../lib/http/coalesce';

/** A merge spec over id lists whose calls stay in flight until released, recording what each call asked for. */
function gatedSpec(limit = 100, failWith?: (ids: string[]) => Error | undefined) {
	const calls: string[][] = [];
	const gates: Array<() => void> = [];
	const spec: MergeSpec<string[], string[]> = {
		limit,
		keys: (ids) => ids,
		async send(requests) {
			const ids = unionOf(requests);
			calls.push(ids);
			await new Promise<void>((release) => gates.push(release));
			const error = failWith?.(ids);
			if (error) throw error;
			return requests.map((r) => r.map((id) => `answer:${id}`));
		},
	};
	const releaseNext = async () => {
		for (let i = 0; i < 20 && gates.length === 0; i++) await Promise.resolve();
		gates.shift()?.();
		for (let i = 0; i < 20; i++) await Promise.resolve();
	};
	return { spec, calls, releaseNext, inFlight: () => gates.length };
}

describe('createCoalescer: one call in flight per kind, the next one carrying every request that arrived meanwhile', () => {
	it('sends a lone request at once and alone', async () => {
		const c = createCoalescer();
		const g = gatedSpec();
		const p = c.run('read', ['1'], g.spec);
		expect(g.calls).toEqual([['1']]);
		await g.releaseNext();
		await expect(p).resolves.toEqual(['answer:1']);
	});

	it('merges the requests that arrive while a call is in flight into the next call; each gets its own answers', async () => {
		const c = createCoalescer();
		const g = gatedSpec();
		const all = Array.from({ length: 10 }, (_, i) => c.run('read', [String(i), 'shared'], g.spec));
		expect(g.calls).toEqual([['0', 'shared']]);
		await g.releaseNext();
		expect(g.calls).toHaveLength(2);
		expect(g.calls[1]).toEqual(['1', 'shared', '2', '3', '4', '5', '6', '7', '8', '9']);
		await g.releaseNext();
		const answers = await Promise.all(all);
		answers.forEach((a, i) => expect(a).toEqual([`answer:${i}`, 'answer:shared']));
		expect(g.calls).toHaveLength(2);
	});

	it('keeps different kinds apart: each kind has its own call in flight', async () => {
		const c = createCoalescer();
		const g = gatedSpec();
		void c.run('contacts', ['1'], g.spec);
		void c.run('companies', ['1'], g.spec);
		expect(g.calls).toEqual([['1'], ['1']]);
		expect(g.inFlight()).toBe(2);
	});

	it('bounds a merged call by the batch limit (distinct keys) and sends the rest in the call after', async () => {
		const c = createCoalescer();
		const g = gatedSpec(5);
		const first = c.run('read', ['a'], g.spec);
		const waiting = [['1', '2', '3'], ['3', '4', '5'], ['6', '7']].map((ids) => c.run('read', ids, g.spec));
		await g.releaseNext();
		// 1..5 are five distinct keys; 6,7 would make seven
		expect(g.calls[1]).toEqual(['1', '2', '3', '4', '5']);
		await g.releaseNext();
		expect(g.calls[2]).toEqual(['6', '7']);
		await g.releaseNext();
		await first;
		expect(await Promise.all(waiting)).toEqual([['answer:1', 'answer:2', 'answer:3'], ['answer:3', 'answer:4', 'answer:5'], ['answer:6', 'answer:7']]);
		expect(g.calls.every((ids) => ids.length <= 5)).toBe(true);
	});

	it('a request larger than the limit goes alone (its send splits it)', async () => {
		const c = createCoalescer();
		const g = gatedSpec(2);
		const p = c.run('read', ['1', '2', '3'], g.spec);
		expect(g.calls).toEqual([['1', '2', '3']]);
		await g.releaseNext();
		await expect(p).resolves.toHaveLength(3);
	});

	it('rejects every request of a failed call with its error, and only those: the next call still runs', async () => {
		const c = createCoalescer();
		const boom = new Error('HubSpot answered 500');
		const g = gatedSpec(100, (ids) => (ids.includes('bad') ? boom : undefined));
		const first = c.run('read', ['ok-1'], g.spec);
		const merged = [c.run('read', ['bad'], g.spec), c.run('read', ['ok-2'], g.spec)];
		await g.releaseNext();
		await expect(first).resolves.toEqual(['answer:ok-1']);
		await g.releaseNext();
		await expect(merged[0]).rejects.toBe(boom);
		await expect(merged[1]).rejects.toBe(boom);
		const after = c.run('read', ['ok-3'], g.spec);
		await g.releaseNext();
		await expect(after).resolves.toEqual(['answer:ok-3']);
	});

	it('a send that throws synchronously rejects its requests and frees the kind', async () => {
		const c = createCoalescer();
		const spec: MergeSpec<string[], string[]> = {
			limit: 10,
			keys: (ids) => ids,
			send: () => {
				throw new Error('bad request shape');
			},
		};
		await expect(c.run('read', ['1'], spec)).rejects.toThrow('bad request shape');
		const g = gatedSpec();
		const next = c.run('read', ['2'], g.spec);
		expect(g.calls).toEqual([['2']]);
		await g.releaseNext();
		await expect(next).resolves.toEqual(['answer:2']);
	});

	it('the merged call is made by the first waiting request\'s own send (its transport)', async () => {
		const c = createCoalescer();
		const used: string[] = [];
		const specOf = (who: string): MergeSpec<string[], string[]> => ({
			limit: 100,
			keys: (ids) => ids,
			send: async (requests) => {
				used.push(who);
				await Promise.resolve();
				return requests.map(() => []);
			},
		});
		await Promise.all([c.run('read', ['1'], specOf('A')), c.run('read', ['2'], specOf('B')), c.run('read', ['3'], specOf('C'))]);
		expect(used).toEqual(['A', 'B']);
	});
});

describe('createCoalescer with exclusive: requests whose keys overlap never share a call', () => {
	it('an overlapping request waits for the next call; the others behind it still join this one, in arrival order', async () => {
		const c = createCoalescer();
		const g = gatedSpec();
		const spec = { ...g.spec, exclusive: true };
		const first = c.run('write', ['x'], spec);
		const waiting = [['a@x.com'], ['b@x.com', 'a@x.com'], ['c@x.com'], ['d@x.com']].map((keys) => c.run('write', keys, spec));
		await g.releaseNext();
		expect(g.calls[1]).toEqual(['a@x.com', 'c@x.com', 'd@x.com']);
		await g.releaseNext();
		expect(g.calls[2]).toEqual(['b@x.com', 'a@x.com']);
		await g.releaseNext();
		await first;
		expect(await Promise.all(waiting)).toEqual([['answer:a@x.com'], ['answer:b@x.com', 'answer:a@x.com'], ['answer:c@x.com'], ['answer:d@x.com']]);
		expect(g.calls).toHaveLength(3);
	});

	it('a request overlapping one left behind waits too, so requests touching one key go out in arrival order', async () => {
		const c = createCoalescer();
		const g = gatedSpec();
		const spec = { ...g.spec, exclusive: true };
		void c.run('write', ['x'], spec);
		for (const keys of [['a'], ['a', 'b'], ['b'], ['c']]) void c.run('write', keys, spec);
		await g.releaseNext();
		// ['b'] does not overlap the call's ['a'], but it overlaps ['a','b'], which arrived before it and waits
		expect(g.calls[1]).toEqual(['a', 'c']);
		await g.releaseNext();
		expect(g.calls[2]).toEqual(['a', 'b']);
		await g.releaseNext();
		expect(g.calls[3]).toEqual(['b']);
	});

	it('requests with disjoint keys merge as without exclusive, within the limit', async () => {
		const c = createCoalescer();
		const g = gatedSpec(3);
		const spec = { ...g.spec, exclusive: true };
		void c.run('write', ['x'], spec);
		for (const keys of [['a'], ['b', 'c'], ['d']]) void c.run('write', keys, spec);
		await g.releaseNext();
		expect(g.calls[1]).toEqual(['a', 'b', 'c']);
		await g.releaseNext();
		expect(g.calls[2]).toEqual(['d']);
	});

	it('without exclusive, overlapping requests share a call (reads: one id asked twice is read once)', async () => {
		const c = createCoalescer();
		const g = gatedSpec();
		void c.run('read', ['x'], g.spec);
		for (const keys of [['a'], ['a', 'b']]) void c.run('read', keys, g.spec);
		await g.releaseNext();
		expect(g.calls[1]).toEqual(['a', 'b']);
	});
});

describe('createCoalescer with a clock: a stalled call does not hold up the reads that arrive after it', () => {
	it('sends the waiting requests at once when the call in flight has run stallMs, and merges again afterwards', async () => {
		let clock = 0;
		const c = createCoalescer({ now: () => clock, stallMs: 5_000 });
		const g = gatedSpec();
		const hung = c.run('read', ['1'], g.spec);
		clock = 1_000;
		const early = c.run('read', ['2'], g.spec);
		expect(g.calls).toEqual([['1']]);
		clock = 6_000;
		const late = c.run('read', ['3'], g.spec);
		// the early waiter goes with the late one, without waiting for the hung call
		expect(g.calls).toEqual([['1'], ['2', '3']]);
		const after = c.run('read', ['4'], g.spec);
		expect(g.calls).toHaveLength(2);
		await g.releaseNext();
		await expect(hung).resolves.toEqual(['answer:1']);
		// the hung call ended, but a call is still in flight and young: '4' waits for it
		expect(g.calls).toHaveLength(2);
		await g.releaseNext();
		await expect(Promise.all([early, late])).resolves.toEqual([['answer:2'], ['answer:3']]);
		expect(g.calls[2]).toEqual(['4']);
		await g.releaseNext();
		await expect(after).resolves.toEqual(['answer:4']);
	});

	it('without a clock a call in flight is never considered stalled', async () => {
		const c = createCoalescer();
		const g = gatedSpec();
		void c.run('read', ['1'], g.spec);
		void c.run('read', ['2'], g.spec);
		expect(g.calls).toEqual([['1']]);
	});
});

describe('property helpers', () => {
	it('unionOf keeps first-seen order without repeats', () => {
		expect(unionOf([['a', 'b'], undefined, ['b', 'c']])).toEqual(['a', 'b', 'c']);
	});
	it('withoutOthers removes what only other callers asked for, keeping defaults and kept names', () => {
		const row = { id: '1', email: 'e', phone: 'p', mobile: 'm', createdate: 'c' };
		expect(withoutOthers(row, ['email'], ['email', 'phone', 'mobile', 'id'], ['id'])).toEqual({ id: '1', email: 'e', createdate: 'c' });
	});
});

describe('createCoalescer settle: requests made in the same moment share the first call', () => {
	it('holds an idle kind\'s first call until settle resolves, so requests arriving meanwhile go in it', async () => {
		let open: () => void = () => undefined;
		const c = createCoalescer({ settle: () => new Promise<void>((resolve) => (open = resolve)) });
		const g = gatedSpec();
		const all = ['1', '2', '3'].map((id) => c.run('read', [id], g.spec));
		expect(g.calls).toEqual([]);
		open();
		await Promise.resolve();
		await Promise.resolve();
		expect(g.calls).toEqual([['1', '2', '3']]);
		await g.releaseNext();
		expect(await Promise.all(all)).toEqual([['answer:1'], ['answer:2'], ['answer:3']]);
	});

	it('without settle the first of the same moment goes alone (the behaviour settle removes)', () => {
		const c = createCoalescer();
		const g = gatedSpec();
		['1', '2', '3'].forEach((id) => void c.run('read', [id], g.spec));
		expect(g.calls).toEqual([['1']]);
	});

	it('does not settle behind a call in flight: the waiting requests go as soon as it ends', async () => {
		let settles = 0;
		const c = createCoalescer({ settle: async () => void settles++ });
		const g = gatedSpec();
		const first = c.run('read', ['1'], g.spec);
		await Promise.resolve();
		await Promise.resolve();
		expect(g.calls).toEqual([['1']]);
		const second = c.run('read', ['2'], g.spec);
		await g.releaseNext();
		expect(g.calls).toEqual([['1'], ['2']]);
		expect(settles).toBe(1);
		await g.releaseNext();
		await Promise.all([first, second]);
	});
});
