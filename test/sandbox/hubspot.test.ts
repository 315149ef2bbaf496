/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');

interface Received {
	headers: http.IncomingHttpHeaders;
	raw: string;
	events: any[];
}

/** A webhook receiver answering with the given statuses in turn (then 200). */
async function startReceiver(statuses: number[] = []) {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			received.push({ headers: req.headers, raw, events: JSON.parse(raw) });
			res.writeHead(statuses.shift() ?? 200);
			res.end();
		});
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/hubspot`;
	return { url, received, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

const v1 = (secret: string, body: string) => crypto.createHash('sha256').update(secret + body).digest('hex');
const v3 = (secret: string, uri: string, body: string, ts: string) => crypto.createHmac('sha256', secret).update(`POST${uri}${body}${ts}`).digest('base64');

describe('HubSpot sandbox', () => {
	let sb: any;
	let api: (path: string, init?: { method?: string; body?: unknown; token?: string | null }) => Promise<{ status: number; body: any; headers: Headers }>;

	async function start(hubspot: Record<string, unknown> = {}) {
		sb = await startSandbox({ hubspot: { batchWindowMs: 30, retryDelaysMs: [20, 40], ...hubspot } });
		api = async (path, init = {}) => {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			const token = init.token === undefined ? sb.hubspot.privateAppToken : init.token;
			if (token) headers.authorization = `Bearer ${token}`;
			const res = await fetch(`${sb.url}/hubspot${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
			const text = await res.text();
			return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
		};
	}
	afterEach(() => sb?.close());

	it('answers 401 INVALID_AUTHENTICATION without a token and EXPIRED_AUTHENTICATION for an expired OAuth token', async () => {
		await start();
		expect(await api('/account-info/v3/details', { token: null })).toMatchObject({ status: 401, body: { category: 'INVALID_AUTHENTICATION' } });
		const tokens = sb.hubspot.issueOAuthTokens();
		expect((await api('/account-info/v3/details', { token: tokens.access_token })).status).toBe(200);
		sb.hubspot.expireTokens();
		expect(await api('/account-info/v3/details', { token: tokens.access_token })).toMatchObject({ status: 401, body: { category: 'EXPIRED_AUTHENTICATION' } });
	});

	it('answers the 101st call in 10 s with 429 TEN_SECONDLY_ROLLING and rate-limit headers', async () => {
		await start({ tenSecondLimit: 3 });
		const first = await api('/account-info/v3/details');
		expect(first.headers.get('x-hubspot-ratelimit-max')).toBe('3');
		expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('2');
		await api('/account-info/v3/details');
		await api('/account-info/v3/details');
		const limited = await api('/account-info/v3/details');
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
		expect(limited.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('rejects batches over 100 inputs', async () => {
		await start();
		const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i) }));
		expect(await api('/crm/v3/objects/contacts/batch/read', { method: 'POST', body: { inputs } })).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR' } });
	});

	it('fails an untraced batch create as a whole when one input is invalid', async () => {
		await start();
		const res = await api('/crm/v3/objects/contacts/batch/create', { method: 'POST', body: { inputs: [{ properties: { email: 'a@x.com' } }, { properties: { email: 'not-an-email' } }] } });
		expect(res.status).toBe(400);
		expect(res.body.message).toContain('INVALID_EMAIL');
		expect(sb.hubspot.listObjects('contacts')).toHaveLength(0);
	});

	it('signs deliveries with v1 and v3 signatures over the exact body and target URL', async () => {
		const rx = await startReceiver();
		await start({ webhookUrl: rx.url, clientSecret: 'app-secret' });
		await api('/crm/v3/objects/contacts', { method: 'POST', body: { properties: { email: 'new@example.com', firstname: 'N' } } });
		await sb.hubspot.flushWebhooks();
		await rx.close();
		expect(rx.received).toHaveLength(1);
		const [{ headers, raw, events }] = rx.received;
		expect(headers['x-hubspot-signature']).toBe(v1('app-secret', raw));
		expect(headers['x-hubspot-signature-version']).toBe('v1');
		expect(headers['x-hubspot-signature-v3']).toBe(v3('app-secret', rx.url, raw, String(headers['x-hubspot-request-timestamp'])));
		expect(events.map((e) => e.subscriptionType)).toEqual(['contact.creation', 'contact.propertyChange', 'contact.propertyChange']);
		expect(events[0]).toMatchObject({ changeFlag: 'NEW', changeSource: 'API', attemptNumber: 0, portalId: 62515, appId: 1160452 });
		expect(typeof events[0].objectId).toBe('number');
		expect(events[1]).toMatchObject({ propertyName: 'email', propertyValue: 'new@example.com' });
	});

	it('batches events from several writes into one delivery within the batch window', async () => {
		const rx = await startReceiver();
		await start({ webhookUrl: rx.url });
		sb.hubspot.createObject('companies', { name: 'A' });
		sb.hubspot.createObject('companies', { name: 'B' });
		await sb.hubspot.flushWebhooks();
		await rx.close();
		expect(rx.received).toHaveLength(1);
		expect(rx.received[0].events.filter((e) => e.subscriptionType === 'company.creation')).toHaveLength(2);
		expect(rx.received[0].events[0].changeSource).toBe('CRM_UI');
	});

	it('retries a failed delivery with a growing attemptNumber', async () => {
		const rx = await startReceiver([500, 503]);
		await start({ webhookUrl: rx.url });
		const c = sb.hubspot.createObject('contacts', { email: 'r@example.com' });
		await sb.hubspot.flushWebhooks();
		// the receiver sees the third attempt before the sandbox has logged its answer: wait for both (bounded)
		for (let i = 0; i < 250 && (rx.received.length < 3 || sb.hubspot.deliveries.length < 3); i++) await new Promise((ok) => setTimeout(ok, 20));
		await rx.close();
		expect(rx.received.map((r) => r.events[0].attemptNumber)).toEqual([0, 1, 2]);
		expect(rx.received[2].events[0].objectId).toBe(Number(c.id));
		expect(sb.hubspot.deliveries.map((d: any) => d.ok)).toEqual([false, false, true]);
	});

	it('delivers only active subscriptions: created paused unless active, one property each', async () => {
		const rx = await startReceiver();
		await start();
		const key = `hapikey=${sb.hubspot.developerApiKey}`;
		const app = sb.hubspot.appId;
		const call = (method: string, path: string, body?: unknown) =>
			fetch(`${sb.url}/hubspot/webhooks/v3/${app}${path}${path.includes('?') ? '&' : '?'}${key}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		expect((await fetch(`${sb.url}/hubspot/webhooks/v3/${app}/settings?hapikey=wrong`)).status).toBe(401);
		expect((await call('PUT', '/settings', { targetUrl: rx.url, throttling: { maxConcurrentRequests: 10, period: 'SECONDLY' } })).status).toBe(200);
		const paused = await (await call('POST', '/subscriptions', { eventType: 'contact.propertyChange', propertyName: 'firstname' })).json();
		expect(paused.active).toBe(false);
		await call('POST', '/subscriptions', { eventType: 'contact.propertyChange', propertyName: 'phone', active: true });
		expect((await call('POST', '/subscriptions', { eventType: 'contact.propertyChange', propertyName: 'lastmodifieddate', active: true })).status).toBe(400);
		const c = sb.hubspot.createObject('contacts', { email: 's@example.com', firstname: 'F', phone: '1' });
		await sb.hubspot.flushWebhooks();
		expect(rx.received.flatMap((r) => r.events).map((e) => e.propertyName)).toEqual(['phone']);
		await call('PATCH', `/subscriptions/${paused.id}`, { active: true });
		sb.hubspot.updateObject('contacts', c.id, { firstname: 'G' });
		await sb.hubspot.flushWebhooks();
		await rx.close();
		expect(rx.received.flatMap((r) => r.events).map((e) => e.propertyName)).toEqual(['phone', 'firstname']);
	});

	it('sends crafted batches, signed or tampered, for signature tests', async () => {
		const rx = await startReceiver();
		await start({ clientSecret: 'app-secret' });
		const events = [{ eventId: 1, subscriptionType: 'contact.creation', objectId: 1 }];
		await sb.hubspot.sendEvents(events, { url: rx.url, tamper: { timestampOffsetMs: -6 * 60 * 1000 } });
		await sb.hubspot.sendEvents(events, { url: rx.url, tamper: { clientSecret: 'wrong' } });
		await rx.close();
		const [stale, forged] = rx.received;
		expect(Number(stale.headers['x-hubspot-request-timestamp'])).toBeLessThan(Date.now() - 5 * 60 * 1000);
		expect(stale.headers['x-hubspot-signature-v3']).toBe(v3('app-secret', rx.url, stale.raw, String(stale.headers['x-hubspot-request-timestamp'])));
		expect(forged.headers['x-hubspot-signature']).not.toBe(v1('app-secret', forged.raw));
	});

	it('serves an authorize page and trades its code once for tokens', async () => {
		await start();
		const redirect = 'http://localhost:5678/rest/oauth2-credential/callback';
		const page = await fetch(`${sb.url}/hubspot/oauth/authorize?client_id=${sb.hubspot.clientId}&redirect_uri=${encodeURIComponent(redirect)}&scope=x&state=st`);
		expect(await page.text()).toContain('id="approve"');
		const approved = await fetch(`${sb.url}/hubspot/oauth/authorize/approve?client_id=${sb.hubspot.clientId}&redirect_uri=${encodeURIComponent(redirect)}&state=st`, { redirect: 'manual' });
		const location = new URL(approved.headers.get('location')!);
		expect(location.searchParams.get('state')).toBe('st');
		const form = { grant_type: 'authorization_code', client_id: sb.hubspot.clientId, client_secret: sb.hubspot.clientSecret, redirect_uri: redirect, code: location.searchParams.get('code')! };
		const post = () => fetch(`${sb.url}/hubspot/oauth/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
		const first = await post();
		expect(first.status).toBe(200);
		const again = await post();
		expect(again.status).toBe(400);
		expect(await again.json()).toMatchObject({ status: 'BAD_AUTH_CODE' });
	});

	it('maps the api.hubapi.com Host onto the emulator', async () => {
		await start();
		const res = await new Promise<number>((ok, fail) => {
			const req = http.request({ host: '127.0.0.1', port: sb.port, path: '/account-info/v3/details', headers: { host: 'api.hubapi.com', authorization: `Bearer ${sb.hubspot.privateAppToken}` } }, (r) => {
				r.resume();
				ok(r.statusCode ?? 0);
			});
			req.on('error', fail);
			req.end();
		});
		expect(res).toBe(200);
	});
});
