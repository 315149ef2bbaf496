/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import { EventEmitter } from 'node:events';
import { whenHandedOver } from '../../../lib/webhooks/handover';
import { holdUntilHandedOver, persistConfirmed, RecentKeys } from '../../../lib/webhooks/recent-keys';
import { filterUnseen } from '../../../lib/webhooks/seen-set';

function fakeResponse() {
	const res = Object.assign(new EventEmitter(), { statusCode: 200 });
	const answer = (status: number) => {
		res.statusCode = status;
		res.emit('finish');
		res.emit('close');
	};
	return { res, answer };
}

describe('RecentKeys', () => {
	it('merges stored keys with confirmed ones, oldest first, without repeats, then adds pending ones', () => {
		const k = new RecentKeys();
		k.confirm('s', ['b', 'c'], 10);
		k.hold('s', ['p'], 10);
		expect(k.recall('s', { keys: ['a', 'b'] }, 10).keys).toEqual(['a', 'b', 'c', 'p']);
		expect(k.confirmed('s')).toEqual(['a', 'b', 'c']);
		expect(k.recall('unknown', { keys: ['x'] }, 10).keys).toEqual(['x']);
	});
	it('keeps at most cap confirmed keys, oldest out', () => {
		const k = new RecentKeys();
		k.confirm('s', ['1', '2', '3', '4'], 3);
		expect(k.confirmed('s')).toEqual(['2', '3', '4']);
	});
	it('forgets released keys and never persists pending ones', () => {
		const k = new RecentKeys();
		k.hold('s', ['a', 'b'], 10);
		k.release('s', ['a']);
		expect(k.recall('s', { keys: [] }, 10).keys).toEqual(['b']);
		expect(k.confirmed('s')).toEqual([]);
	});
	it('bounds pending keys of deliveries that never settle', () => {
		const k = new RecentKeys();
		k.hold('s', ['1', '2', '3'], 2);
		expect(k.recall('s', { keys: [] }, 2).keys).toEqual(['2', '3']);
	});
	it('answers a delivery from the record itself: filtering against recall() never copies the window', () => {
		const k = new RecentKeys();
		k.confirm('s', Array.from({ length: 5000 }, (_, i) => `k${i}`), 5000);
		k.hold('s', ['pending'], 5000);
		const view = k.recall('s', { keys: ['k1', 'k2'] }, 5000);
		const listed = jest.spyOn(view, 'keys', 'get');
		const r = filterUnseen(view, ['k4999', 'pending', 'new'], (x) => x, 5000);
		expect(r).toEqual({ fresh: ['new'], duplicates: ['k4999', 'pending'] });
		expect(listed).not.toHaveBeenCalled();
		expect(k.confirmed('s', 2)).toEqual(['k4998', 'k4999']);
	});
	it('forgets the least recently used triggers beyond maxScopes', () => {
		const k = new RecentKeys(50);
		for (let i = 0; i < 51; i++) k.confirm(`lru-${i}`, [`k${i}`], 10);
		expect(k.confirmed('lru-0')).toEqual([]);
		expect(k.confirmed('lru-50')).toEqual(['k50']);
	});
});

describe('holdUntilHandedOver', () => {
	it('confirms the keys when n8n answered 2xx', () => {
		const k = new RecentKeys();
		const { res, answer } = fakeResponse();
		holdUntilHandedOver(k, 's', ['a'], 10, res);
		expect(k.confirmed('s')).toEqual([]);
		expect(k.recall('s', { keys: [] }, 10).keys).toEqual(['a']);
		answer(200);
		expect(k.confirmed('s')).toEqual(['a']);
	});
	it.each([
		['answered 500', (r: ReturnType<typeof fakeResponse>) => r.answer(500)],
		['closed before an answer', (r: ReturnType<typeof fakeResponse>) => r.res.emit('close')],
	])('releases the keys when n8n %s', (_name, settle) => {
		const k = new RecentKeys();
		const r = fakeResponse();
		holdUntilHandedOver(k, 's', ['a'], 10, r.res);
		settle(r);
		expect(k.recall('s', { keys: [] }, 10).keys).toEqual([]);
	});
	it('confirms at once when the response cannot be observed', () => {
		const k = new RecentKeys();
		holdUntilHandedOver(k, 's', ['a'], 10, {});
		expect(k.confirmed('s')).toEqual(['a']);
	});
	it('persists only what changed', () => {
		const k = new RecentKeys();
		k.confirm('s', ['a', 'b', 'c'], 10);
		const holder: Record<string, unknown> = {};
		persistConfirmed(k, 's', holder, 'seen', { keys: ['a', 'b', 'c'] }, 2);
		expect(holder).toEqual({ seen: { keys: ['b', 'c'] } });
		const same: Record<string, unknown> = {};
		persistConfirmed(k, 's', same, 'seen', { keys: ['b', 'c'] }, 2);
		expect(same).toEqual({});
	});
});

describe('whenHandedOver', () => {
	it('settles once, after the answer finished', () => {
		const { res, answer } = fakeResponse();
		const calls: boolean[] = [];
		expect(whenHandedOver(res, (ok) => calls.push(ok))).toBe(true);
		expect(calls).toEqual([]);
		answer(204);
		expect(calls).toEqual([true]);
	});
	it('reports false for something that is not a response', () => {
		expect(whenHandedOver(undefined, () => undefined)).toBe(false);
		expect(whenHandedOver({ statusCode: 200 }, () => undefined)).toBe(false);
	});
});
