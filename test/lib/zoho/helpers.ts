/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// Test helpers: a sandbox on an ephemeral port, a ZohoClient wired to it through a fetch transport that refreshes the
// OAuth token on 401 (as n8n's OAuth2 helper does), and a local HTTP receiver for notification callbacks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetchTransport } from '../../support/fetch-transport';
import { ZohoClient } from '../../../lib/zoho';
import type { ZohoClientOptions } from '../../../lib/zoho';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface ZohoHarness {
	sandbox: Sandbox;
	client: ZohoClient;
	sleeps: number[];
	refreshes: () => number;
	token: () => string;
	/** calls per route: e.g. count('POST /zoho/crm/v8/coql') */
	count: (key: string) => number;
	close: () => Promise<void>;
}

export async function startZohoHarness(
	sandboxOptions: Record<string, unknown> = {},
	clientOptions: Partial<ZohoClientOptions> = {},
): Promise<ZohoHarness> {
	const sandbox = await startSandbox({ zoho: { searchLagMs: 1000 }, ...sandboxOptions });
	let tokens = sandbox.zoho.issueTokens();
	let refreshes = 0;
	const sleeps: number[] = [];
	const transport = createFetchTransport({
		authScheme: 'Zoho-oauthtoken',
		getToken: () => tokens.access_token,
		onUnauthorized: async () => {
			refreshes++;
			const res = await fetch(`${sandbox.url}/zoho-accounts/oauth/v2/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'refresh_token',
					refresh_token: tokens.refresh_token,
					client_id: sandbox.zoho.clientId,
					client_secret: sandbox.zoho.clientSecret,
				}).toString(),
			});
			const body = (await res.json()) as { access_token: string };
			tokens = { ...tokens, access_token: body.access_token };
		},
	});
	const client = new ZohoClient({
		transport,
		apiDomain: tokens.api_domain,
		sleep: async (ms) => {
			sleeps.push(ms);
		},
		now: () => Date.now(),
		...clientOptions,
	});
	return {
		sandbox,
		client,
		sleeps,
		refreshes: () => refreshes,
		token: () => tokens.access_token,
		count: (key) => sandbox.core.counts.get(key) ?? 0,
		close: () => sandbox.close(),
	};
}

export interface Receiver {
	url: string;
	bodies: Array<Record<string, unknown>>;
	/** Answer the next n callbacks with 500. */
	failNext: (n: number) => void;
	close: () => Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const bodies: Array<Record<string, unknown>> = [];
	let failures = 0;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			if (failures > 0) {
				failures--;
				res.writeHead(500).end();
				return;
			}
			bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			res.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/zoho?src=test`,
		bodies,
		failNext: (n) => {
			failures = n;
		},
		close: () => new Promise<void>((ok) => server.close(() => ok())),
	};
}

export const contact = (i: number, extra: Record<string, unknown> = {}) => ({
	First_Name: `First${i}`,
	Last_Name: `Last${i}`,
	Email: `person${i}@example.com`,
	...extra,
});
