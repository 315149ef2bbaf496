/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import nock from 'nock';
import { computeSignatureV1, computeSignatureV3 } from '../../../lib/hubspot/webhook-signature';
import { isHttpError } from '../../../lib/http';
import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

const SECRET = 'hs-client-secret-0f3c9d2a';
const TOKEN = 'pat-na1-secret-token';

const event = (i: number, over: Record<string, unknown> = {}) => ({
	eventId: 100 + i, subscriptionId: 1, portalId: 62515, appId: 1160452, occurredAt: 1735689600000 + i,
	subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 5000 + i, changeSource: 'CRM_UI', changeFlag: 'NEW', ...over,
});

// Each setup is its own trigger node (as in n8n, where node ids are UUIDs): the seen record is also kept in
// process memory per workflow and node (nodes/HubspotSyncTrigger/recent-keys.ts), so ids must not repeat.
let nodeCount = 0;

function setup(parameters: Record<string, unknown> = {}, baseUrl = 'https://api.hubapi.com') {
	const h = createHarness({
		credentials: { hs: { type: 'hubspotSyncPrivateAppApi', data: { accessToken: TOKEN, clientSecret: SECRET, baseUrl } } },
	});
	const t = h.trigger({
		id: `hubspot-trigger-${++nodeCount}`,
		name: 'HubSpot Sync Trigger',
		type: `${PACKAGE_NAME}.hubspotSyncTrigger`,
		webhookId: 'b1e6c0de-0000-4000-8000-000000000001',
		parameters: { events: ['contact.creation', 'company.creation'], ...parameters },
		credentials: { hubspotSyncPrivateAppApi: { id: 'hs', name: 'HubSpot' } },
	});
	return { h, t };
}

function signedV3(url: string, body: string, { secret = SECRET, timestamp = Date.now() } = {}) {
	const ts = String(timestamp);
	return {
		headers: { 'Content-Type': 'application/json', 'X-HubSpot-Signature-v3': computeSignatureV3(secret, 'POST', url, body, ts), 'X-HubSpot-Request-Timestamp': ts },
		rawBody: body,
		url: new URL(url).pathname,
	};
}

describe('HubSpot Sync Trigger webhook()', () => {
	it('turns a signed batch of 100 events into one execution of 100 items', async () => {
		const { t } = setup();
		const body = JSON.stringify(Array.from({ length: 100 }, (_, i) => event(i)));
		const r = await t.webhook(signedV3(t.webhookUrl, body));
		const items = r.result.workflowData?.[0] ?? [];
		expect(items).toHaveLength(100);
		expect(items[0].json).toMatchObject({ system: 'hubspot', objectType: 'contact', objectId: '5000', eventType: 'creation', eventId: '100', portalId: '62515' });
		expect(r.response.statusCode).toBe(200);
	});

	it('starts no execution for a replayed delivery (dedupe in static data)', async () => {
		const { t } = setup();
		const body = JSON.stringify([event(1), event(2)]);
		expect((await t.webhook(signedV3(t.webhookUrl, body))).result.workflowData?.[0]).toHaveLength(2);
		const replay = await t.webhook(signedV3(t.webhookUrl, JSON.stringify([event(2, { attemptNumber: 1 }), event(3)])));
		expect(replay.result.workflowData?.[0].map((i) => i.json.objectId)).toEqual(['5003']);
		const again = await t.webhook(signedV3(t.webhookUrl, body));
		expect(again.result).toEqual({});
		expect((t.staticData.seen as { keys: string[] }).keys).toHaveLength(3);
	});

	it('picks up a rotated client secret: a failed check re-reads the credential (at most every 5 s)', async () => {
		const withSecret = (secret: string) => {
			const h = createHarness({ credentials: { rot: { type: 'hubspotSyncPrivateAppApi', data: { accessToken: TOKEN, clientSecret: secret } } } });
			return h.trigger({
				id: `hubspot-trigger-${++nodeCount}`,
				name: 'HubSpot Sync Trigger',
				type: `${PACKAGE_NAME}.hubspotSyncTrigger`,
				webhookId: 'b1e6c0de-0000-4000-8000-000000000002',
				parameters: { events: ['contact.creation'] },
				credentials: { hubspotSyncPrivateAppApi: { id: 'rot', name: 'HubSpot' } },
			});
		};
		const realNow = Date.now;
		let offset = 0;
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
		try {
			const before = withSecret('old-secret-1111');
			const ok = await before.webhook(signedV3(before.webhookUrl, JSON.stringify([event(71)]), { secret: 'old-secret-1111', timestamp: Date.now() }));
			expect(ok.result.workflowData?.[0]).toHaveLength(1);
			const after = withSecret('new-secret-2222');
			const early = await after.webhook(signedV3(after.webhookUrl, JSON.stringify([event(72)]), { secret: 'new-secret-2222', timestamp: Date.now() }));
			expect(early.response.statusCode).toBe(401);
			offset += 6000;
			const later = await after.webhook(signedV3(after.webhookUrl, JSON.stringify([event(73)]), { secret: 'new-secret-2222', timestamp: Date.now() }));
			expect(later.result.workflowData?.[0]).toHaveLength(1);
			const oldOne = await after.webhook(signedV3(after.webhookUrl, JSON.stringify([event(74)]), { secret: 'old-secret-1111', timestamp: Date.now() }));
			expect(oldOne.response.statusCode).toBe(401);
		} finally {
			clock.mockRestore();
		}
	});

	it('drops unselected events and own changes', async () => {
		const { t } = setup({ options: { dropOwnChanges: true, ownAppId: '777' } });
		const body = JSON.stringify([
			event(1, { subscriptionType: 'contact.deletion' }),
			event(2, { changeSource: 'INTEGRATION', sourceId: '777' }),
			event(3, { subscriptionType: 'company.creation' }),
		]);
		const r = await t.webhook(signedV3(t.webhookUrl, body));
		expect(r.result.workflowData?.[0].map((i) => i.json.objectType)).toEqual(['company']);
	});

	// Every genuine app delivery carries v1 next to v3 (sandbox/hubspot/webhooks.js sends both, as HubSpot does).
	function genuineDelivery(url: string, body: string) {
		const s = signedV3(url, body);
		return { ...s, headers: { ...s.headers, 'X-HubSpot-Signature': computeSignatureV1(SECRET, body), 'X-HubSpot-Signature-Version': 'v1' } };
	}
	function stripV3(d: ReturnType<typeof genuineDelivery>) {
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the rest is the headers without the dropped ones
		const { 'X-HubSpot-Signature-v3': _s, 'X-HubSpot-Request-Timestamp': _t, ...headers } = d.headers;
		return { ...d, headers };
	}

	it.each([
		['version 1, options never set', 1, undefined],
		['version 1.1, options never set', 1.1, undefined],
		['version 1.1, options {}', 1.1, {}],
	])('rejects a genuine delivery replayed without its v3 headers (%s): 401, no execution, no key remembered', async (_name, typeVersion, options) => {
		const { t } = setup(options === undefined ? {} : { options });
		t.node.typeVersion = typeVersion;
		const body = JSON.stringify([event(31)]);
		const replay = stripV3(genuineDelivery(t.webhookUrl, body));
		const r = await t.webhook(replay);
		expect(r.response.statusCode).toBe(401);
		expect(r.result).toEqual({ noWebhookResponse: true });
		expect((r.response.body as { message: string }).message).toMatch(/no v3 signature/);
		expect(t.staticData.seen).toBeUndefined();
		// the same delivery with its v3 headers still runs: nothing was remembered by the refused copy
		expect((await t.webhook(genuineDelivery(t.webhookUrl, body))).result.workflowData?.[0]).toHaveLength(1);
	});

	it('rejects a v1-signed request that keeps the timestamp header but drops the v3 signature, even with legacy signatures accepted', async () => {
		const { t } = setup({ options: { acceptLegacySignatures: true } });
		const d = genuineDelivery(t.webhookUrl, JSON.stringify([event(32)]));
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the rest is the headers without the dropped ones
		const { 'X-HubSpot-Signature-v3': _s, ...headers } = d.headers;
		const r = await t.webhook({ ...d, headers });
		expect(r.response.statusCode).toBe(401);
		expect(r.result).toEqual({ noWebhookResponse: true });
	});

	it('accepts a v1 signature only with the Accept Legacy Signatures option', async () => {
		const { t } = setup({ options: { acceptLegacySignatures: true } });
		const body = JSON.stringify([event(1)]);
		const r = await t.webhook({ headers: { 'X-HubSpot-Signature': computeSignatureV1(SECRET, body), 'X-HubSpot-Signature-Version': 'v1' }, rawBody: body });
		expect(r.result.workflowData?.[0]).toHaveLength(1);
		const strict = setup().t;
		const refused = await strict.webhook({ headers: { 'X-HubSpot-Signature': computeSignatureV1(SECRET, body), 'X-HubSpot-Signature-Version': 'v1' }, rawBody: body });
		expect(refused.response.statusCode).toBe(401);
	});

	it('describes the legacy option as giving up replay protection, off by default', () => {
		const { h } = setup();
		const type = h.getNodeType(`${PACKAGE_NAME}.hubspotSyncTrigger`) as { description: { properties: Array<{ name: string; options?: Array<{ name: string; default: unknown; description?: string }> }> } };
		const option = type.description.properties.find((p) => p.name === 'options')?.options?.find((o) => o.name === 'acceptLegacySignatures');
		expect(option?.default).toBe(false);
		expect(option?.description).toMatch(/replay protection/);
	});

	it('verifies against the public webhook URL override, not n8n\'s own URL', async () => {
		const publicUrl = 'https://hooks.example.com/hs';
		const { t } = setup({ options: { publicWebhookUrl: publicUrl } });
		const body = JSON.stringify([event(1)]);
		expect((await t.webhook(signedV3(publicUrl, body))).result.workflowData?.[0]).toHaveLength(1);
		expect((await t.webhook(signedV3(t.webhookUrl, body))).response.statusCode).toBe(401);
	});

	const rejections: Array<[string, (url: string, body: string) => Parameters<ReturnType<typeof setup>['t']['webhook']>[0]]> = [
		['a bad signature (other secret)', (url, body) => signedV3(url, body, { secret: 'not-the-secret' })],
		['a mutated body', (url, body) => ({ ...signedV3(url, body), rawBody: body.replace('5001', '5002') })],
		['a signature of the wrong length', (url, body) => {
			const s = signedV3(url, body);
			return { ...s, headers: { ...s.headers, 'X-HubSpot-Signature-v3': 'c2hvcnQ=' } };
		}],
		['a stale timestamp', (url, body) => signedV3(url, body, { timestamp: Date.now() - 6 * 60_000 })],
		['a missing timestamp', (url, body) => {
			const s = signedV3(url, body);
			return { ...s, headers: { 'X-HubSpot-Signature-v3': s.headers['X-HubSpot-Signature-v3'] } };
		}],
		['missing signature headers', (_url, body) => ({ headers: { 'Content-Type': 'application/json' }, rawBody: body })],
	];
	it.each(rejections)('answers 401 and starts no execution for %s', async (_name, make) => {
		const { t } = setup();
		const body = JSON.stringify([event(1)]);
		const r = await t.webhook(make(t.webhookUrl, body));
		expect(r.response.statusCode).toBe(401);
		expect(r.result).toEqual({ noWebhookResponse: true });
		expect((r.response.body as { message: string }).message).toMatch(/^Invalid HubSpot webhook signature/);
		expect(JSON.stringify(r.response.body)).not.toContain(SECRET);
		expect(t.staticData.seen).toBeUndefined();
	});

	it('answers 400 for a signed body that is not an event array', async () => {
		const { t } = setup();
		const r = await t.webhook(signedV3(t.webhookUrl, '{"not":"an array"}'));
		expect(r.response.statusCode).toBe(400);
		expect(r.result.workflowData).toBeUndefined();
	});

	it('puts no secret in items', async () => {
		const { t } = setup();
		const r = await t.webhook(signedV3(t.webhookUrl, JSON.stringify([event(1)])));
		const text = JSON.stringify(r.result.workflowData);
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain(TOKEN);
	});
});

describe('HubSpot Sync Trigger lifecycle', () => {
	it('manual mode stores nothing and reports the webhook as existing', async () => {
		const { t } = setup();
		expect(await t.checkExists()).toBe(true);
		expect(await t.create()).toBe(true);
		expect(await t.delete()).toBe(true);
		expect(t.staticData).toEqual({});
	});

	describe('automatic mode against the sandbox', () => {
		let sandbox: any;
		beforeAll(async () => {
			nock.disableNetConnect();
			nock.enableNetConnect('127.0.0.1');
			sandbox = await startSandbox({});
		});
		afterAll(async () => {
			await sandbox.close();
			nock.enableNetConnect();
		});

		it('registers the target URL and subscriptions on activation and removes them on deactivation', async () => {
			const { t } = setup(
				{
					events: ['contact.creation', 'contact.propertyChange'],
					properties: 'email, phone',
					subscriptionManagement: 'automatic',
					appId: String(sandbox.hubspot.appId),
					developerApiKey: sandbox.hubspot.developerApiKey,
				},
				`${sandbox.url}/hubspot`,
			);
			expect(await t.checkExists()).toBe(false);
			expect(await t.create()).toBe(true);
			expect(sandbox.hubspot.subscriptions.map((s: { eventType: string; propertyName?: string }) => `${s.eventType}:${s.propertyName ?? ''}`)).toEqual([
				'contact.creation:', 'contact.propertyChange:email', 'contact.propertyChange:phone',
			]);
			expect(t.staticData.targetUrl).toBe(t.webhookUrl);
			expect(JSON.stringify(t.staticData)).not.toContain(sandbox.hubspot.developerApiKey);
			expect(await t.checkExists()).toBe(true);
			expect(await t.delete()).toBe(true);
			expect(sandbox.hubspot.subscriptions).toEqual([]);
			expect(await t.checkExists()).toBe(false);
		});

		it('names what to fix when the developer API key is wrong, without echoing it', async () => {
			const { t } = setup(
				{ subscriptionManagement: 'automatic', appId: String(sandbox.hubspot.appId), developerApiKey: 'wrong-dev-key-42' },
				`${sandbox.url}/hubspot`,
			);
			const error = (await t.create().catch((e: unknown) => e)) as Error & { description?: string };
			expect(error.message).toMatch(/Could not register the HubSpot webhook: Request failed with status 401/);
			expect(error.description).toMatch(/developer API key/);
			expect(error.message).not.toContain('wrong-dev-key-42');
			expect(isHttpError(error.cause) && error.cause.statusCode).toBe(401);
		});
	});
});
