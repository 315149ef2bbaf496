/* eslint-disable @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Shared setup for client tests: a sandbox on an ephemeral port and a HubspotClient sharing one fake clock,
// so limiter waits and Retry-After sleeps advance time instantly on both sides.
import { HubspotClient } from '../../../lib/hubspot';
import type { HubspotClientOptions } from '../../../lib/hubspot';
import { createFetchTransport, type FetchTransportOptions } from '../../support/fetch-transport';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

export interface FakeClock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
	sleeps: number[];
	advance: (ms: number) => void;
}

export function createFakeClock(start = Date.parse('2025-03-01T12:00:00.000Z')): FakeClock {
	let t = start;
	const sleeps: number[] = [];
	return {
		now: () => t,
		sleeps,
		advance: (ms) => void (t += ms),
		sleep: async (ms) => {
			sleeps.push(ms);
			t += ms;
		},
	};
}

export interface Harness {
	sandbox: any;
	clock: FakeClock;
	client: (options?: Partial<HubspotClientOptions>, transport?: FetchTransportOptions) => HubspotClient;
	close: () => Promise<void>;
}

export async function startHarness(hubspot: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<Harness> {
	const clock = createFakeClock();
	const sandbox = await startSandbox({ now: clock.now, hubspot, ...extra });
	return {
		sandbox,
		clock,
		client: (options = {}, transport = {}) =>
			new HubspotClient({
				transport: createFetchTransport({ getToken: () => sandbox.hubspot.privateAppToken, ...transport }),
				baseUrl: `${sandbox.url}/hubspot`,
				sleep: clock.sleep,
				now: clock.now,
				...options,
			}),
		close: () => sandbox.close(),
	};
}

/** Calls counted by the sandbox for one route, e.g. count(sb, 'POST', '/batch/read'). */
export function count(sandbox: any, method: string, routeSuffix: string): number {
	let n = 0;
	for (const [key, v] of sandbox.core.counts as Map<string, number>) {
		if (key.startsWith(`${method} /hubspot`) && key.endsWith(routeSuffix)) n += v;
	}
	return n;
}
