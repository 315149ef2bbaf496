import { filterUnseen, seenStateIn } from '../../../lib/webhooks/seen-set';
import { safeEqual } from '../../../lib/webhooks/safe-compare';

describe('filterUnseen', () => {
	it('drops duplicates inside one batch and across calls', () => {
		const state = seenStateIn({});
		expect(filterUnseen(state, ['a', 'b', 'a'], (x) => x).fresh).toEqual(['a', 'b']);
		const second = filterUnseen(state, ['b', 'c'], (x) => x);
		expect(second.fresh).toEqual(['c']);
		expect(second.duplicates).toEqual(['b']);
	});
	it('keeps at most cap keys, oldest out', () => {
		const state = seenStateIn({});
		filterUnseen(state, ['1', '2', '3', '4'], (x) => x, 3);
		expect(state.keys).toEqual(['2', '3', '4']);
		expect(filterUnseen(state, ['1'], (x) => x, 3).fresh).toEqual(['1']);
	});
	it('stores its state as plain JSON inside the holder and repairs a broken one', () => {
		const holder: Record<string, unknown> = { seen: 'garbage' };
		filterUnseen(seenStateIn(holder), ['k'], (x) => x);
		expect(JSON.parse(JSON.stringify(holder))).toEqual({ seen: { keys: ['k'] } });
	});
	it('asks a read-only SeenView key by key, records nothing in it and never lists it', () => {
		const asked: string[] = [];
		const view = {
			has: (k: string) => {
				asked.push(k);
				return k === 'old';
			},
			get keys(): string[] {
				throw new Error('the whole record was listed');
			},
		};
		const r = filterUnseen(view, ['old', 'new', 'new'], (x) => x);
		expect(r).toEqual({ fresh: ['new'], duplicates: ['old', 'new'] });
		expect(asked).toEqual(['old', 'new']);
	});
});

describe('safeEqual', () => {
	it('compares equal, unequal and different-length strings', () => {
		expect(safeEqual('token-1', 'token-1')).toBe(true);
		expect(safeEqual('token-1', 'token-2')).toBe(false);
		expect(safeEqual('token', 'token-1')).toBe(false);
		expect(safeEqual('', '')).toBe(true);
	});
});
