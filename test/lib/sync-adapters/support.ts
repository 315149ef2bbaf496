/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// A sandbox on an ephemeral port and sync adapters wired to it over real HTTP (fetch transport), with call counting.
import { createFetchTransport } from '../../support/fetch-transport';
import type { AdapterConfig, SyncAdapters } from '../../../lib/sync-adapters';
import { createSyncAdaptersFromOptions } from '../../../scripts/lib/sync-adapters';
import type { HttpRequest, Transport } from '../../../lib/http';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface SyncHarness {
	sb: Sandbox;
	adapters: (settings?: Omit<AdapterConfig, 'hubspot' | 'hubspotRequester' | 'zoho'>, wrap?: (t: Transport) => Transport) => SyncAdapters;
	/** API calls counted by the sandbox (HubSpot and Zoho CRM routes, not OAuth), split into reads and writes. */
	calls: () => { total: number; reads: number; writes: number; byRoute: Record<string, number> };
	close: () => Promise<void>;
}

const isRead = (key: string) => key.startsWith('GET ') || /batch\/read|\/search|\/coql/.test(key);

export async function startSyncHarness(options: Record<string, unknown> = {}): Promise<SyncHarness> {
	const sb = await startSandbox({ zoho: { searchLagMs: 1000 }, ...options });
	const tokens = sb.zoho.issueTokens();
	const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, Math.min(ms, 50)));
	const now = () => Date.now();
	return {
		sb,
		adapters: (settings = {}, wrap = (t) => t) =>
			createSyncAdaptersFromOptions(
				{
					hubspot: {
						transport: wrap(createFetchTransport({ getToken: () => sb.hubspot.privateAppToken })),
						baseUrl: `${sb.url}/hubspot`,
						sleep,
						now,
						tenSecondLimit: 10_000,
					},
					zoho: {
						transport: wrap(createFetchTransport({ getToken: () => tokens.access_token })),
						apiDomain: tokens.api_domain,
						sleep,
						now,
					},
				},
				settings,
			),
		calls: () => {
			const byRoute: Record<string, number> = {};
			for (const [k, v] of sb.core.counts as Map<string, number>) {
				if (/^\w+ \/(hubspot\/crm|zoho\/crm)\//.test(k)) byRoute[k] = v;
			}
			const sum = (f: (k: string) => boolean) => Object.entries(byRoute).filter(([k]) => f(k)).reduce((n, [, v]) => n + v, 0);
			return { total: sum(() => true), reads: sum(isRead), writes: sum((k) => !isRead(k)), byRoute };
		},
		close: () => sb.close(),
	};
}

export type { HttpRequest };

export const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

/**
 * One harness for a test file, started before its tests, closed after them, with the sandbox's records and request log
 * reset before each test. The returned object stands for the harness once it has started.
 */
export function useSyncHarness(options: Record<string, unknown> = {}): SyncHarness {
	let started: SyncHarness | undefined;
	beforeAll(async () => {
		started = await startSyncHarness(options);
	});
	afterAll(() => started?.close());
	beforeEach(() => {
		const { sb } = current();
		sb.hubspot.reset();
		sb.zoho.reset();
		sb.core.resetLog();
	});
	const current = (): SyncHarness => {
		if (!started) throw new Error('useSyncHarness: the harness is used before beforeAll started it');
		return started;
	};
	return new Proxy({} as SyncHarness, { get: (_target, key) => current()[key as keyof SyncHarness] });
}
