/* eslint-disable @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import { createFetchTransport } from '../../support/fetch-transport';
import { HubspotClient } from '../../../lib/hubspot';
import { count, startHarness, type Harness } from './sandbox-client';

describe('HubspotClient limits and OAuth', () => {
	let h: Harness;
	afterEach(() => h.close());

	it('follows X-HubSpot-RateLimit-Remaining: a limit lower than configured is waited out, not drawn as a 429', async () => {
		h = await startHarness({ tenSecondLimit: 2 });
		const client = h.client({ tenSecondLimit: 100 });
		await client.getAccountInfo();
		await client.getAccountInfo();
		await expect(client.getAccountInfo()).resolves.toMatchObject({ portalId: 62515 });
		expect(h.sandbox.core.log.map((e: any) => e.status)).toEqual([200, 200, 200]);
		expect(h.clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10000);
	});

	it('gives injected 429s HubSpot\'s shape and honours their Retry-After', async () => {
		h = await startHarness();
		const client = h.client();
		h.sandbox.core.faults.rate429 = 1;
		faultFirstCalls(h, 1);
		await expect(client.getAccountInfo()).resolves.toMatchObject({ portalId: 62515 });
		expect(h.clock.sleeps).toEqual([1000]);
	});

	it('keeps under the 10-second budget on the client side so the server never says 429', async () => {
		h = await startHarness({ tenSecondLimit: 3 });
		const client = h.client({ tenSecondLimit: 3 });
		for (let i = 0; i < 7; i++) await client.getAccountInfo();
		expect(h.sandbox.core.log.every((e: any) => e.status === 200)).toBe(true);
		expect(h.clock.sleeps.length).toBeGreaterThanOrEqual(2);
	});

	it('keeps search under 5 requests per second', async () => {
		h = await startHarness({ searchLagMs: 0 });
		const client = h.client();
		for (let i = 0; i < 11; i++) await client.search('contacts', {});
		expect(count(h.sandbox, 'POST', '/search')).toBe(11);
		expect(h.sandbox.core.log.every((e: any) => e.status === 200)).toBe(true);
		expect(h.clock.sleeps.length).toBe(2);
	});

	it('answers the search endpoint with 429 past 5 requests per second per token', async () => {
		h = await startHarness();
		const client = h.client({ searchPerSecond: 50, retry: { retries: 0 } });
		for (let i = 0; i < 5; i++) await client.search('contacts', {});
		const error = await client.search('contacts', {}).catch((e) => e);
		expect(error.statusCode).toBe(429);
		expect(error.body).toMatchObject({ errorType: 'RATE_LIMIT' });
	});

	it('refreshes an OAuth token that expired mid-run and the call succeeds', async () => {
		h = await startHarness({ autoApprove: true });
		const hs = h.sandbox.hubspot;
		const redirect = 'http://localhost:5678/rest/oauth2-credential/callback';
		const auth = await fetch(`${h.sandbox.url}/hubspot/oauth/authorize?client_id=${hs.clientId}&redirect_uri=${encodeURIComponent(redirect)}&scope=crm.objects.contacts.read&state=s1`, { redirect: 'manual' });
		const code = new URL(auth.headers.get('location')!).searchParams.get('code');
		const tokenCall = (form: Record<string, string>) =>
			fetch(`${h.sandbox.url}/hubspot/oauth/v1/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ client_id: hs.clientId, client_secret: hs.clientSecret, ...form }).toString(),
			}).then((r) => r.json());
		let tokens = await tokenCall({ grant_type: 'authorization_code', code: code!, redirect_uri: redirect });
		expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
		const client = new HubspotClient({
			transport: createFetchTransport({
				getToken: () => tokens.access_token,
				onUnauthorized: async () => {
					tokens = await tokenCall({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
				},
			}),
			baseUrl: `${h.sandbox.url}/hubspot`,
			sleep: h.clock.sleep,
			now: h.clock.now,
		});
		await client.getAccountInfo();
		const first = tokens.access_token;
		hs.expireTokens();
		await expect(client.batchRead('contacts', ['x@example.com'], { idProperty: 'email' })).resolves.toMatchObject({ missing: ['x@example.com'] });
		expect(tokens.access_token).not.toBe(first);
		expect(h.sandbox.core.log.filter((e: any) => e.status === 401)).toHaveLength(1);
		expect(count(h.sandbox, 'POST', '/oauth/v1/token')).toBe(2);
	});

	it('turns a transport timeout into a TimeoutError after retrying', async () => {
		h = await startHarness();
		const client = h.client({ retry: { retries: 1 } }, { timeoutMs: 150 });
		h.sandbox.core.faults.timeoutRate = 1;
		const error = await client.getAccountInfo().catch((e) => e);
		expect(error.kind).toBe('TimeoutError');
		expect(h.sandbox.core.log).toHaveLength(2);
	});
});

// Injected faults use core.faults.random: make it deterministic (first call faults, then not).
function faultFirstCalls(h: Harness, times: number) {
	let left = times;
	h.sandbox.core.faults.random = () => (left-- > 0 ? 0 : 1);
}
