/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');

/**
 * With the subscriptions the README sets up (creation, plus a property change per synced property), HubSpot notifies a
 * new record's creation and, as property changes, the subscribed properties given a value at creation
 * (docs/crm-api-notes.md §1.3). The sandbox does the same.
 */
describe('HubSpot sandbox webhooks with creation + property-change subscriptions', () => {
	let sb: any;
	let server: http.Server;
	afterEach(async () => {
		sb?.close();
		await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
	});

	async function start() {
		server = http.createServer((req, res) => {
			req.resume();
			req.on('end', () => res.writeHead(200).end());
		});
		await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
		sb = await startSandbox({ hubspot: { batchWindowMs: 30 } });
		const key = `hapikey=${sb.hubspot.developerApiKey}`;
		const call = (method: string, path: string, body: unknown) =>
			fetch(`${sb.url}/hubspot/webhooks/v3/${sb.hubspot.appId}${path}?${key}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		await call('PUT', '/settings', { targetUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, throttling: { maxConcurrentRequests: 10 } });
		await call('POST', '/subscriptions', { eventType: 'contact.creation', active: true });
		for (const propertyName of ['email', 'firstname', 'lastname', 'phone']) await call('POST', '/subscriptions', { eventType: 'contact.propertyChange', propertyName, active: true });
	}
	const events = () => sb.hubspot.deliveries.flatMap((d: any) => d.events);

	it('a new contact raises its creation and one property change per subscribed property set at creation', async () => {
		await start();
		const c = sb.hubspot.createObject('contacts', { email: 'new@example.com', firstname: 'Ann', lastname: 'Lee', jobtitle: 'CTO' }, { changeSource: 'API' });
		await sb.hubspot.flushWebhooks();
		const got = events().filter((e: any) => e.objectId === Number(c.id));
		expect(got.map((e: any) => [e.subscriptionType, e.propertyName ?? null, e.propertyValue ?? null])).toEqual([
			['contact.creation', null, null],
			['contact.propertyChange', 'email', 'new@example.com'],
			['contact.propertyChange', 'firstname', 'Ann'],
			['contact.propertyChange', 'lastname', 'Lee'],
		]);
		// phone was not set (no event), jobtitle is not subscribed (no event); each event names its subscription
		expect(new Set(got.map((e: any) => e.subscriptionId)).size).toBe(4);
		expect(got.every((e: any) => e.changeSource === 'API' && e.occurredAt === got[0].occurredAt)).toBe(true);
	});

	it('a later edit raises only the property change, no creation', async () => {
		await start();
		const c = sb.hubspot.createObject('contacts', { email: 'edit@example.com' });
		await sb.hubspot.flushWebhooks();
		const before = events().length;
		sb.hubspot.updateObject('contacts', c.id, { phone: '+1 555 0100' });
		await sb.hubspot.flushWebhooks();
		expect(events().slice(before).map((e: any) => [e.subscriptionType, e.propertyName])).toEqual([['contact.propertyChange', 'phone']]);
	});
});
