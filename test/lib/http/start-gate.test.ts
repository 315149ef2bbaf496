import { createStartGate } from '../../../lib/http/start-gate';

/** A fake clock whose sleeps resolve only when the test advances time past them. */
function fakeTime() {
	let t = 1_000;
	const sleepers: Array<{ until: number; wake: () => void }> = [];
	return {
		now: () => t,
		sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ until: t + ms, wake })),
		async advance(ms: number) {
			t += ms;
			for (const s of sleepers.filter((x) => x.until <= t)) {
				sleepers.splice(sleepers.indexOf(s), 1);
				s.wake();
			}
			for (let i = 0; i < 10; i++) await Promise.resolve();
		},
	};
}

const flush = async () => {
	for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('createStartGate: executions accepted together start together', () => {
	it('lets a lone execution go at once', async () => {
		const time = fakeTime();
		const gate = createStartGate(time);
		gate.arrived('hubspot');
		gate.started('hubspot');
		let done = false;
		void gate.wait('hubspot').then(() => (done = true));
		await flush();
		expect(done).toBe(true);
	});

	it('holds the executions that started first until every delivery accepted before them has started, then releases them together', async () => {
		const time = fakeTime();
		const gate = createStartGate(time);
		for (let i = 0; i < 3; i++) gate.arrived('hubspot');
		const released: number[] = [];
		gate.started('hubspot');
		void gate.wait('hubspot').then(() => released.push(1));
		await time.advance(30);
		gate.started('hubspot');
		void gate.wait('hubspot').then(() => released.push(2));
		await flush();
		expect(released).toEqual([]);
		await time.advance(30);
		gate.started('hubspot');
		void gate.wait('hubspot').then(() => released.push(3));
		await flush();
		expect(released.sort()).toEqual([1, 2, 3]);
	});

	it('never waits for deliveries accepted after it started waiting', async () => {
		const time = fakeTime();
		const gate = createStartGate(time);
		gate.arrived('hubspot');
		gate.arrived('hubspot');
		gate.started('hubspot');
		let done = false;
		void gate.wait('hubspot').then(() => (done = true));
		gate.arrived('hubspot');
		gate.arrived('hubspot');
		gate.started('hubspot');
		await flush();
		expect(done).toBe(true);
	});

	it('stops holding for a delivery that never starts once it has waited expireMs since it was accepted', async () => {
		const time = fakeTime();
		const gate = createStartGate({ ...time, expireMs: 500 });
		gate.arrived('hubspot');
		gate.arrived('hubspot'); // its workflow never reaches the Sync node
		gate.started('hubspot');
		let done = false;
		void gate.wait('hubspot').then(() => (done = true));
		await time.advance(499);
		expect(done).toBe(false);
		await time.advance(1);
		expect(done).toBe(true);
		// and it no longer holds a later execution either
		let later = false;
		void gate.wait('hubspot').then(() => (later = true));
		await flush();
		expect(later).toBe(true);
	});

	it('keeps sources apart: a Zoho delivery does not hold a HubSpot execution', async () => {
		const time = fakeTime();
		const gate = createStartGate(time);
		gate.arrived('zoho');
		gate.arrived('hubspot');
		gate.started('hubspot');
		let done = false;
		void gate.wait('hubspot').then(() => (done = true));
		await flush();
		expect(done).toBe(true);
	});

	it('does not wait when nothing was accepted in this process (a queue-mode worker)', async () => {
		const time = fakeTime();
		const gate = createStartGate(time);
		gate.started('hubspot');
		gate.started('hubspot');
		let done = false;
		void gate.wait('hubspot').then(() => (done = true));
		await flush();
		expect(done).toBe(true);
	});
});
