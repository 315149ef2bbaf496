import { SecretCache } from '../../../lib/webhooks/secret-cache';

function setup(secret = 's1') {
	let now = 1_000_000;
	let value = secret;
	const reads: string[] = [];
	const cache = new SecretCache({ now: () => now, ttlMs: 60_000, refreshMs: 5_000 });
	const read = (key = 'k') => async () => {
		reads.push(key);
		await Promise.resolve();
		return value;
	};
	return {
		cache,
		read,
		reads,
		advance: (ms: number) => (now += ms),
		rotate: (next: string) => (value = next),
	};
}

describe('SecretCache', () => {
	it('reads a credential once and reuses its secret until the TTL ends', async () => {
		const t = setup();
		expect(await t.cache.get('k', t.read())).toEqual({ secret: 's1', cached: false });
		t.advance(59_000);
		expect(await t.cache.get('k', t.read())).toEqual({ secret: 's1', cached: true });
		t.advance(2_000);
		expect(await t.cache.get('k', t.read())).toEqual({ secret: 's1', cached: false });
		expect(t.reads).toHaveLength(2);
	});
	it('shares one read among concurrent callers (no stampede of decrypts when the entry expires under load)', async () => {
		const t = setup();
		const answers = await Promise.all(Array.from({ length: 50 }, () => t.cache.get('k', t.read())));
		expect(t.reads).toHaveLength(1);
		expect(new Set(answers.map((a) => a.secret))).toEqual(new Set(['s1']));
		t.advance(61_000);
		await Promise.all(Array.from({ length: 50 }, () => t.cache.get('k', t.read())));
		expect(t.reads).toHaveLength(2);
	});
	it('re-reads a rotated secret on request, at most once per refresh interval', async () => {
		const t = setup();
		await t.cache.get('k', t.read());
		t.rotate('s2');
		t.advance(1_000);
		expect(await t.cache.get('k', t.read(), true)).toEqual({ secret: 's1', cached: true });
		t.advance(5_000);
		expect(await t.cache.get('k', t.read(), true)).toEqual({ secret: 's2', cached: false });
		expect(await t.cache.get('k', t.read())).toEqual({ secret: 's2', cached: true });
	});
	it('keeps credentials apart: another key is read on its own', async () => {
		const t = setup();
		await t.cache.get('a', t.read('a'));
		await t.cache.get('b', t.read('b'));
		expect(t.reads).toEqual(['a', 'b']);
	});
	it('does not keep a failed read: the next caller reads again', async () => {
		const t = setup();
		await expect(t.cache.get('k', async () => Promise.reject(new Error('decrypt failed')))).rejects.toThrow('decrypt failed');
		expect(await t.cache.get('k', t.read())).toEqual({ secret: 's1', cached: false });
	});
	it('holds at most maxEntries credentials, oldest out', async () => {
		const cache = new SecretCache({ now: () => 0, maxEntries: 2 });
		let reads = 0;
		const read = async () => `s${++reads}`;
		await cache.get('a', read);
		await cache.get('b', read);
		await cache.get('c', read);
		expect((await cache.get('b', read)).cached).toBe(true);
		expect((await cache.get('a', read)).cached).toBe(false);
	});
});
