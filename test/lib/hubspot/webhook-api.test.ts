/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import nock from 'nock';
import { isHttpError, isConfigError } from '../../../lib/http/errors';
import {
	createHubspotWebhooksApi,
	desiredSubscriptions,
	hubspotWebhooksRegistered,
	registerHubspotWebhooks,
	unregisterHubspotWebhooks,
} from '../../../lib/hubspot/webhooks-api';
import { createFetchTransport } from '../../support/fetch-transport';
import { startHarness, type Harness } from './sandbox-client';

const TARGET = 'https://n8n.test/webhook/abc/webhook';

describe('HubSpot webhooks API against the sandbox', () => {
	let h: Harness;
	beforeAll(async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		h = await startHarness();
	});
	afterAll(async () => {
		await h.close();
		nock.enableNetConnect();
	});
	beforeEach(() => h.sandbox.hubspot.reset());

	const api = (developerApiKey = h.sandbox.hubspot.developerApiKey as string) =>
		createHubspotWebhooksApi({
			transport: createFetchTransport(),
			appId: String(h.sandbox.hubspot.appId),
			developerApiKey,
			baseUrl: `${h.sandbox.url}/hubspot`,
			sleep: h.clock.sleep,
			now: h.clock.now,
		});

	it('registers the target URL and active subscriptions, reports them, then removes them', async () => {
		const desired = desiredSubscriptions(['contact.creation', 'contact.propertyChange'], ['email', 'phone']);
		expect(await hubspotWebhooksRegistered(api(), TARGET, desired)).toBe(false);
		const created = await registerHubspotWebhooks(api(), TARGET, desired);
		expect(created).toHaveLength(3);
		expect(h.sandbox.hubspot.subscriptions.map((s: { eventType: string; propertyName?: string; active: boolean }) => [s.eventType, s.propertyName, s.active])).toEqual([
			['contact.creation', undefined, true],
			['contact.propertyChange', 'email', true],
			['contact.propertyChange', 'phone', true],
		]);
		expect(await hubspotWebhooksRegistered(api(), TARGET, desired)).toBe(true);
		// Registering again creates nothing new.
		expect(await registerHubspotWebhooks(api(), TARGET, desired)).toEqual([]);
		await unregisterHubspotWebhooks(api(), TARGET, created);
		expect(h.sandbox.hubspot.subscriptions).toEqual([]);
		expect(await api().getSettings()).toBeUndefined();
	});

	it('leaves the target URL alone when another workflow took it over', async () => {
		const created = await registerHubspotWebhooks(api(), TARGET, desiredSubscriptions(['company.creation'], []));
		await api().putSettings('https://other.test/hook');
		await unregisterHubspotWebhooks(api(), TARGET, created);
		expect((await api().getSettings())?.targetUrl).toBe('https://other.test/hook');
	});

	it('fails with a 401 HttpError that does not contain the developer API key', async () => {
		const key = 'wrong-key-very-secret-123';
		const error = await api(key).listSubscriptions().catch((e: unknown) => e);
		expect(isHttpError(error)).toBe(true);
		expect(isHttpError(error) && error.statusCode).toBe(401);
		expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toContain(key);
	});
});

describe('desiredSubscriptions', () => {
	it('needs a property list for property changes', () => {
		expect(() => desiredSubscriptions(['contact.propertyChange'], [])).toThrow(/needs at least one property/);
		try {
			desiredSubscriptions(['company.propertyChange'], []);
		} catch (e) {
			expect(isConfigError(e)).toBe(true);
		}
	});
	it('rejects a non-numeric app id', () => {
		expect(() => createHubspotWebhooksApi({ transport: async () => ({ statusCode: 200, headers: {}, body: {} }), appId: 'abc', developerApiKey: 'k', sleep: async () => undefined, now: () => 0 })).toThrow(/app ID/);
	});
});
