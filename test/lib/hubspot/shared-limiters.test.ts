import { createWindowLimiter } from '../../../lib/http/limiter';
import { createRequester } from '../../../lib/hubspot/request';

describe('HubSpot requesters sharing limiters', () => {
	it('two clients with the same limiters spend one 10-second budget between them', async () => {
		let clock = 0;
		const sleeps: number[] = [];
		const sleep = async (ms: number) => {
			sleeps.push(ms);
			clock += ms;
		};
		const now = () => clock;
		const sent: number[] = [];
		const transport = async () => {
			sent.push(clock);
			return { statusCode: 200, headers: {}, body: {} };
		};
		const limiters = { tenSecond: createWindowLimiter(3, 10_000, now, sleep), search: createWindowLimiter(5, 1_000, now, sleep) };
		const a = createRequester({ transport, sleep, now, limiters });
		const b = createRequester({ transport, sleep, now, limiters });
		await Promise.all([a.call('GET', '/x'), b.call('GET', '/x'), a.call('GET', '/x'), b.call('GET', '/x')]);
		// the fourth call, from either client, waits for the window to slide
		expect(sent.slice(0, 3)).toEqual([0, 0, 0]);
		expect(sent[3]).toBeGreaterThanOrEqual(10_000);

		const own = createRequester({ transport, sleep, now });
		sent.length = 0;
		const before = clock;
		await Promise.all([own.call('GET', '/x'), own.call('GET', '/x'), own.call('GET', '/x'), own.call('GET', '/x')]);
		// a client with its own limiter (default 100 per 10 s) is not held back by the shared one
		expect(sent).toEqual([before, before, before, before]);
	});
});
