import { createWindowLimiter } from '../../../lib/http/limiter';
import { createRateBudget } from '../../../lib/http/rate-budget';
import { createRequester } from '../../../lib/hubspot/request';
import { createVirtualTime } from '../http/virtual-time';

/** A fake clock (sleep advances it), a transport that records when each call went out, and shared limiters. */
function fakeHubspot(tenSecondLimit: number) {
	const t = { clock: 0, sent: [] as number[] };
	const sleep = async (ms: number) => {
		t.clock += ms;
	};
	const now = () => t.clock;
	const transport = async () => {
		t.sent.push(t.clock);
		return { statusCode: 200, headers: {}, body: {} };
	};
	const limiters = { tenSecond: createRateBudget({ limit: tenSecondLimit, share: 1, now, sleep }), search: createWindowLimiter(5, 1_000, now, sleep) };
	return { t, sleep, now, transport, limiters };
}

describe('HubSpot requesters sharing limiters', () => {
	it('two clients with the same limiters spend one 10-second budget between them', async () => {
		// virtual time: concurrent sleepers overlap as in real time (a sleep that advances the clock at once would let
		// a waiter's 5-second slow-call timer jump the clock while the call it waits for is still in flight)
		const vt = createVirtualTime(0);
		const sent: number[] = [];
		const transport = async () => {
			sent.push(vt.now());
			return { statusCode: 200, headers: {}, body: {} };
		};
		const limiters = { tenSecond: createRateBudget({ limit: 3, share: 1, now: vt.now, sleep: vt.sleep }), search: createWindowLimiter(5, 1_000, vt.now, vt.sleep) };
		const a = createRequester({ transport, sleep: vt.sleep, now: vt.now, limiters });
		const b = createRequester({ transport, sleep: vt.sleep, now: vt.now, limiters });
		await vt.run(Promise.all([a.call('GET', '/x'), b.call('GET', '/x'), a.call('GET', '/x'), b.call('GET', '/x')]));
		// the fourth call, from either client, waits for the window to slide
		expect(sent.slice(0, 3)).toEqual([0, 0, 0]);
		expect(sent[3]).toBeGreaterThanOrEqual(10_000);

		const own = createRequester({ transport, sleep: vt.sleep, now: vt.now });
		sent.length = 0;
		const before = vt.now();
		await vt.run(Promise.all([own.call('GET', '/x'), own.call('GET', '/x'), own.call('GET', '/x'), own.call('GET', '/x')]));
		// a client with its own limiter (default 100 per 10 s) is not held back by the shared one
		expect(sent).toEqual([before, before, before, before]);
	});

	it('a reservation takes its slots at once; the calls that follow use them without waiting, and an old one lapses', async () => {
		const { t, sleep, now, transport, limiters } = fakeHubspot(1);
		const { sent } = t;
		const other = createRequester({ transport, sleep, now, limiters });
		const writer = createRequester({ transport, sleep, now, limiters });
		await other.call('GET', '/x');
		// the window is full: the reservation waits for it, as a call would
		await writer.reserve(1);
		const reservedAt = t.clock;
		expect(reservedAt).toBeGreaterThanOrEqual(10_000);
		// another client's call now has to wait for the next slot; the writer's call goes out at once
		const late = other.call('GET', '/x');
		await writer.call('PATCH', '/w');
		expect(sent[1]).toBe(reservedAt);
		await late;
		expect(sent[2]).toBeGreaterThanOrEqual(reservedAt + 10_000);

		// a reserved slot unused for more than 2 s lapses: the call then takes a slot of its own
		await writer.reserve(1);
		const before = t.clock;
		t.clock += 2500;
		sent.length = 0;
		await writer.call('PATCH', '/w');
		expect(sent[0]).toBeGreaterThan(before + 2500 - 1);
	});
});
