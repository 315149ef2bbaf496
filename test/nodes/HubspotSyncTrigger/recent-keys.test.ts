import { computeSignatureV3 } from '../../../lib/hubspot/webhook-signature';
import { recalledSeen, rememberSeen } from '../../../nodes/HubspotSyncTrigger/recent-keys';
import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';

// n8n 2.41 does not save static data written by webhook() when the call starts an execution (see recent-keys.ts).
// These tests model that: each delivery gets FRESH static data, as the real n8n loads it from the database.
const SECRET = 'hs-client-secret-recent-keys';

const event = (i: number) => ({
	eventId: 700 + i, subscriptionId: 1, portalId: 62515, appId: 1160452, occurredAt: 1735689600000 + i,
	subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 7000 + i, changeSource: 'CRM_UI',
});

function delivery(url: string, body: string) {
	const ts = String(Date.now());
	return {
		headers: { 'Content-Type': 'application/json', 'X-HubSpot-Signature-v3': computeSignatureV3(SECRET, 'POST', url, body, ts), 'X-HubSpot-Request-Timestamp': ts },
		rawBody: body,
		url: new URL(url).pathname,
	};
}

function freshTrigger(nodeId: string) {
	const h = createHarness({ credentials: { hs: { type: 'hubspotSyncPrivateAppApi', data: { accessToken: 'pat-x', clientSecret: SECRET } } } });
	return h.trigger(
		{
			id: nodeId,
			name: 'HubSpot Sync Trigger',
			type: `${PACKAGE_NAME}.hubspotSyncTrigger`,
			webhookId: 'b1e6c0de-0000-4000-8000-0000000000aa',
			parameters: { events: ['contact.creation'] },
			credentials: { hubspotSyncPrivateAppApi: { id: 'hs', name: 'HubSpot' } },
		},
		{ staticData: {} },
	);
}

describe('HubSpot Sync Trigger: replays are dropped even when n8n lost the static data', () => {
	it('starts no execution for a replayed delivery whose first copy left no static data behind', async () => {
		const body = JSON.stringify([event(1), event(2)]);
		const first = freshTrigger('recent-keys-node-a');
		expect((await first.webhook(delivery(first.webhookUrl, body))).result.workflowData?.[0]).toHaveLength(2);
		const replay = freshTrigger('recent-keys-node-a');
		expect((await replay.webhook(delivery(replay.webhookUrl, body))).result).toEqual({});
	});

	it('keeps the record per trigger node: another node receiving the same events still runs', async () => {
		const body = JSON.stringify([event(3)]);
		const a = freshTrigger('recent-keys-node-b');
		expect((await a.webhook(delivery(a.webhookUrl, body))).result.workflowData?.[0]).toHaveLength(1);
		const b = freshTrigger('recent-keys-node-c');
		expect((await b.webhook(delivery(b.webhookUrl, body))).result.workflowData?.[0]).toHaveLength(1);
	});

	it('merges stored keys with remembered ones, oldest first, without repeats', () => {
		rememberSeen('merge-scope', { keys: ['b', 'c'] });
		expect(recalledSeen('merge-scope', { keys: ['a', 'b'] }).keys).toEqual(['a', 'b', 'c']);
		expect(recalledSeen('unknown-scope', { keys: ['x'] }).keys).toEqual(['x']);
	});

	it('forgets the least recently used triggers beyond 50', () => {
		for (let i = 0; i < 51; i++) rememberSeen(`lru-${i}`, { keys: [`k${i}`] });
		expect(recalledSeen('lru-0', { keys: [] }).keys).toEqual([]);
		expect(recalledSeen('lru-50', { keys: [] }).keys).toEqual(['k50']);
	});
});
