/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import nock from 'nock';
import { isHttpError } from '../../../lib/http';
import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

interface Channel {
	channelId: string;
	token: string;
	expiresAt: string;
	events: string[];
}

describe('Zoho CRM Sync Trigger', () => {
	let sandbox: any;
	let nodeCount = 0;
	beforeAll(async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		sandbox = await startSandbox({});
	});
	afterAll(async () => {
		await sandbox.close();
		nock.enableNetConnect();
	});
	beforeEach(() => sandbox.zoho.reset());

	function setup(parameters: Record<string, unknown> = {}) {
		const h = createHarness({
			credentials: {
				z: {
					type: 'zohoCrmSyncOAuth2Api',
					data: {
						clientId: sandbox.zoho.clientId, clientSecret: sandbox.zoho.clientSecret, authentication: 'body',
						authUrl: `${sandbox.url}/zoho-accounts/oauth/v2/auth`, accessTokenUrl: `${sandbox.url}/zoho-accounts/oauth/v2/token`,
						apiDomainOverride: `${sandbox.url}/zoho`, oauthTokenData: sandbox.zoho.issueTokens(),
					},
				},
			},
		});
		// a node id per setup, as in n8n (UUIDs): dedupe keys and the activation back-off are kept per workflow and node
		const t = h.trigger({
			id: `zoho-trigger-${++nodeCount}`,
			name: 'Zoho CRM Sync Trigger',
			type: `${PACKAGE_NAME}.zohoCrmSyncTrigger`,
			webhookId: 'c0ffee00-0000-4000-8000-000000000002',
			parameters: { events: ['Contacts.edit', 'Accounts.create'], ...parameters },
			credentials: { zohoCrmSyncOAuth2Api: { id: 'z', name: 'Zoho' } },
		});
		return { h, t };
	}
	const channelOf = (t: ReturnType<typeof setup>['t']) => t.staticData.channel as unknown as Channel;
	const callback = (c: Channel, over: Record<string, unknown> = {}) => ({
		body: {
			server_time: 1718115953625, query_params: {}, module: 'Contacts', resource_uri: `${sandbox.url}/zoho/crm/v8/Contacts`,
			ids: ['5725767000003000010', '5725767000003000011'], affected_fields: [{ '5725767000003000010': ['Mobile'] }],
			operation: 'update', channel_id: c.channelId, token: c.token, ...over,
		},
	});

	it('registers a channel on activation, verifies it, and disables it on deactivation', async () => {
		const { t } = setup();
		expect(await t.checkExists()).toBe(false);
		expect(await t.create()).toBe(true);
		const c = channelOf(t);
		expect(c.channelId).toMatch(/^\d+$/);
		expect(Number(c.channelId)).toBeLessThan(2 ** 48);
		expect(c.token.length).toBeLessThanOrEqual(50);
		expect(Date.parse(c.expiresAt) - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
		const listed = sandbox.zoho.listChannels().filter((x: { channel_id: string }) => String(x.channel_id) === c.channelId);
		expect(listed.length).toBeGreaterThan(0);
		expect(listed[0]).toMatchObject({ notify_url: t.webhookUrl, notify_on_related_action: false });
		expect(await t.checkExists()).toBe(true);
		expect(await t.delete()).toBe(true);
		expect(t.staticData.channel).toBeUndefined();
		expect(sandbox.zoho.listChannels().filter((x: { channel_id: string; expired: boolean }) => String(x.channel_id) === c.channelId && !x.expired)).toEqual([]);
		expect(await t.checkExists()).toBe(false);
	});

	it('renews the channel in checkExists when it expires within 24 hours', async () => {
		const { t } = setup();
		await t.create();
		const c = channelOf(t);
		c.expiresAt = new Date(Date.now() + 3600_000).toISOString();
		expect(await t.checkExists()).toBe(true);
		expect(Date.parse(channelOf(t).expiresAt) - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
		expect(channelOf(t).token).toBe(c.token);
	});

	it('turns a verified notification into one item per record', async () => {
		const { t } = setup();
		await t.create();
		const r = await t.webhook(callback(channelOf(t)));
		const items = r.result.workflowData?.[0] ?? [];
		expect(items.map((i) => i.json)).toEqual([
			{ system: 'zoho', module: 'Contacts', objectType: 'contact', objectId: '5725767000003000010', operation: 'update', affectedFields: ['Mobile'], serverTime: '2024-06-11T14:25:53.625Z', channelId: channelOf(t).channelId },
			{ system: 'zoho', module: 'Contacts', objectType: 'contact', objectId: '5725767000003000011', operation: 'update', affectedFields: [], serverTime: '2024-06-11T14:25:53.625Z', channelId: channelOf(t).channelId },
		]);
		expect(JSON.stringify(items)).not.toContain(channelOf(t).token);
	});

	const zohoCalls = () => sandbox.core.log.filter((e: { path: string }) => e.path.startsWith('/zoho/')).length;
	it.each([
		['failing (every call 503)', { rate5xx: 1 }],
		['hanging (no call answered)', { timeoutRate: 1, holdMs: 30_000 }],
	])('answers a notification at once and calls Zoho not at all, even when the channel is due for renewal and the Zoho API is %s', async (_name, faults) => {
		const { t } = setup();
		await t.create();
		channelOf(t).expiresAt = new Date(Date.now() + 600_000).toISOString();
		Object.assign(sandbox.core.faults, faults);
		try {
			const before = zohoCalls();
			const t0 = Date.now();
			const r = await t.webhook(callback(channelOf(t)));
			expect(Date.now() - t0).toBeLessThan(1000);
			expect(r.result.workflowData?.[0]).toHaveLength(2);
			expect(r.response.statusCode).toBe(200);
			await new Promise((ok) => setTimeout(ok, 300));
			expect(zohoCalls()).toBe(before);
		} finally {
			Object.assign(sandbox.core.faults, { rate5xx: 0, timeoutRate: 0 });
		}
	}, 15_000);

	describe('repeated notifications', () => {
		it('drops an exact repeat (same channel, operation, ids and server_time): 200, no execution', async () => {
			const { t } = setup();
			await t.create();
			const first = await t.webhook(callback(channelOf(t)));
			expect(first.result.workflowData?.[0]).toHaveLength(2);
			const again = await t.webhook(callback(channelOf(t)));
			expect(again.result).toEqual({});
			expect(again.response.statusCode).toBe(200);
		});

		it('keeps notifications that differ in server_time, operation or ids', async () => {
			const { t } = setup();
			await t.create();
			expect((await t.webhook(callback(channelOf(t)))).result.workflowData?.[0]).toHaveLength(2);
			expect((await t.webhook(callback(channelOf(t), { server_time: 1718115953626 }))).result.workflowData?.[0]).toHaveLength(2);
			expect((await t.webhook(callback(channelOf(t), { operation: 'insert' }))).result.workflowData?.[0]).toHaveLength(2);
			const partly = await t.webhook(callback(channelOf(t), { ids: ['5725767000003000011', '5725767000003000012'] }));
			expect(partly.result.workflowData?.[0].map((i) => i.json.objectId)).toEqual(['5725767000003000012']);
		});

		it('accepts a repeat of a notification n8n failed to start an execution for (answered 500)', async () => {
			const { t } = setup();
			await t.create();
			const failed = await t.webhook(callback(channelOf(t)), { answer: 'fail' });
			expect(failed.result.workflowData?.[0]).toHaveLength(2);
			expect((await t.webhook(callback(channelOf(t)))).result.workflowData?.[0]).toHaveLength(2);
			expect((await t.webhook(callback(channelOf(t)))).result).toEqual({});
		});

		it('still drops a repeat when n8n lost the static data written by the first call', async () => {
			const { t } = setup();
			await t.create();
			await t.webhook(callback(channelOf(t)));
			const channel = channelOf(t);
			delete t.staticData.seen;
			expect((await t.webhook(callback(channel))).result).toEqual({});
		});
	});

	const forged: Array<[string, (c: Channel) => Record<string, unknown>]> = [
		['a wrong token', (c) => ({ token: `${c.token.slice(0, -1)}${c.token.endsWith('A') ? 'B' : 'A'}` })],
		['a token of another length', () => ({ token: 'short' })],
		['no token', () => ({ token: undefined })],
		['a wrong channel', (c) => ({ channel_id: String(Number(c.channelId) + 1) })],
		['no channel', () => ({ channel_id: undefined })],
	];
	it.each(forged)('answers 401 and starts no execution for %s', async (_name, change) => {
		const { t } = setup();
		await t.create();
		const c = channelOf(t);
		const r = await t.webhook(callback(c, change(c)));
		expect(r.response.statusCode).toBe(401);
		expect(r.result).toEqual({ noWebhookResponse: true });
		expect(JSON.stringify(r.response.body)).not.toContain(c.token);
	});

	it('rejects every notification when no channel was registered', async () => {
		const { t } = setup();
		const r = await t.webhook(callback({ channelId: '1', token: 'x', expiresAt: '', events: [] }));
		expect(r.response.statusCode).toBe(401);
	});

	it('surfaces a registration failure naming what to fix', async () => {
		const { t } = setup({ events: ['Deals.create'] });
		await expect(t.create()).rejects.toThrow(/Could not register the Zoho notification channel/);
	});

	describe('activation against a failing or rate-limited Zoho API (n8n 2.41 tries create five times, 1, 2, 4, 8 s apart)', () => {
		const watchCalls = () => sandbox.core.log.filter((e: { path: string }) => e.path.endsWith('/actions/watch')).length;
		let offset = 0;
		let clock: jest.SpyInstance;
		beforeEach(() => {
			const realNow = Date.now.bind(Date);
			offset = 0;
			clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
		});
		afterEach(() => {
			clock.mockRestore();
			Object.assign(sandbox.core.faults, { rate5xx: 0, rate429: 0 });
		});

		// As n8n's retryTriggerActivation + createWebhookIfNotExists: checkExists, then create when it said false.
		async function activateLikeN8n(t: ReturnType<typeof setup>['t']) {
			const errors: Error[] = [];
			for (let attempt = 0; attempt < 5; attempt++) {
				try {
					if (!(await t.checkExists())) await t.create();
					return { ok: true, errors };
				} catch (e) {
					errors.push(e as Error);
					offset += 1000 * 2 ** attempt;
				}
			}
			return { ok: false, errors };
		}

		it.each([
			['failing (500 INTERNAL_ERROR)', { rate5xx: 1 }, 2],
			['rate-limited (429 TOO_MANY_REQUESTS)', { rate429: 1 }, 1],
		])('a %s notification endpoint: at most one try per activation, an error naming what failed, no secret', async (_name, faults, maxCalls) => {
			const { h, t } = setup();
			Object.assign(sandbox.core.faults, faults);
			const before = watchCalls();
			const r = await activateLikeN8n(t);
			const calls = watchCalls() - before;
			expect(r.ok).toBe(false);
			expect(r.errors).toHaveLength(5);
			expect(calls).toBeLessThanOrEqual(maxCalls);
			for (const e of r.errors) {
				expect(e.message).toMatch(/^Could not register the Zoho notification channel: .*POST .*\/crm\/v8\/actions\/watch/);
				const text = `${e.message} ${(e as { description?: string }).description ?? ''}`;
				const tokens = JSON.stringify(h.credentials.z.data);
				for (const secret of [sandbox.zoho.clientSecret, ...(tokens.match(/1000\.[0-9a-f.]{20,}/g) ?? [])]) expect(text).not.toContain(secret);
			}
			expect((r.errors[4] as { description?: string }).description).toMatch(/not called again for this trigger before/);
			expect(isHttpError(r.errors[0].cause)).toBe(true);
			expect(t.staticData.channel).toBeUndefined();
		});

		it("waits out Zoho's Retry-After before calling again, then registers", async () => {
			const { t } = setup();
			sandbox.core.setFaultShape('zoho', () => ({ status: 429, body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'slow down', status: 'error' }, headers: { 'retry-after': '90' } }));
			sandbox.core.faults.rate429 = 1;
			try {
				const before = watchCalls();
				await expect(t.create()).rejects.toThrow(/status 429/);
				offset += 60_000;
				await expect(t.create()).rejects.toThrow(/status 429/);
				expect(watchCalls() - before).toBe(1);
				sandbox.core.faults.rate429 = 0;
				offset += 31_000;
				expect(await t.create()).toBe(true);
				expect(watchCalls() - before).toBe(2);
				expect(channelOf(t).channelId).toMatch(/^\d+$/);
			} finally {
				sandbox.core.setFaultShape('zoho', (status: number) =>
					status === 429
						? { status: 429, body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'Number of API requests for the 24 hour period is exceeded or the concurrency limit of the user for the app is exceeded', status: 'error' }, headers: {} }
						: { status: 500, body: { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' }, headers: {} },
				);
			}
		});
	});

	describe('workflow rule mode', () => {
		const SECRET = 'zoho-shared-secret-7f1e2d';
		it('accepts the shared secret in the header or query and emits the record', async () => {
			const { t } = setup({ mode: 'workflowRule', sharedSecret: SECRET });
			expect(await t.checkExists()).toBe(true);
			const viaHeader = await t.webhook({ headers: { 'X-Zoho-Webhook-Secret': SECRET }, body: { module: 'Accounts', id: '42', operation: 'edit' } });
			expect(viaHeader.result.workflowData?.[0].map((i) => i.json)).toEqual([
				expect.objectContaining({ system: 'zoho', module: 'Accounts', objectType: 'company', objectId: '42', operation: 'edit', channelId: '' }),
			]);
			const viaQuery = await t.webhook({ query: { secret: SECRET, module: 'Contacts', id: '7' }, body: {} });
			expect(viaQuery.result.workflowData?.[0][0].json).toMatchObject({ objectId: '7', objectType: 'contact' });
			expect(JSON.stringify(viaQuery.result.workflowData)).not.toContain(SECRET);
		});
		it('answers 401 for a wrong or missing secret', async () => {
			const { t } = setup({ mode: 'workflowRule', sharedSecret: SECRET });
			const wrong = await t.webhook({ headers: { 'X-Zoho-Webhook-Secret': `${SECRET}x` }, body: { module: 'Accounts', id: '42' } });
			const missing = await t.webhook({ body: { module: 'Accounts', id: '42' } });
			for (const r of [wrong, missing]) {
				expect(r.response.statusCode).toBe(401);
				expect(r.result).toEqual({ noWebhookResponse: true });
			}
		});
	});
});
