import type { IDataObject } from 'n8n-workflow';
import { computeSignatureV3 } from '../../../lib/hubspot/webhook-signature';
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

});

describe('HubSpot Sync Trigger: keys are remembered only for deliveries n8n handed over', () => {
	const event2 = (i: number, attemptNumber = 0) => ({ ...event(100 + i), attemptNumber });

	it('accepts HubSpot\'s retry of a delivery n8n failed to start (answered 500)', async () => {
		const t = freshTrigger('handover-node-a');
		const failed = await t.webhook(delivery(t.webhookUrl, JSON.stringify([event2(1)])), { answer: 'fail' });
		expect(failed.result.workflowData?.[0]).toHaveLength(1);
		expect(failed.response.statusCode).toBe(500);
		const retry = await t.webhook(delivery(t.webhookUrl, JSON.stringify([event2(1, 1)])));
		expect(retry.result.workflowData?.[0]).toHaveLength(1);
		// the retry was handed over (200): a third copy is a duplicate
		expect((await t.webhook(delivery(t.webhookUrl, JSON.stringify([event2(1, 2)])))).result).toEqual({});
	});

	it('accepts the retry when the connection closed before n8n answered', async () => {
		const t = freshTrigger('handover-node-b');
		const first = await t.webhook(delivery(t.webhookUrl, JSON.stringify([event2(2)])), { answer: 'none' });
		expect(first.result.workflowData?.[0]).toHaveLength(1);
		first.res.emit('close');
		const retry = await t.webhook(delivery(t.webhookUrl, JSON.stringify([event2(2, 1)])));
		expect(retry.result.workflowData?.[0]).toHaveLength(1);
	});

	it('drops a copy arriving while the first is still being handed over, and accepts it again if that failed', async () => {
		const t = freshTrigger('handover-node-c');
		const body = JSON.stringify([event2(3)]);
		const first = await t.webhook(delivery(t.webhookUrl, body), { answer: 'none' });
		expect(first.result.workflowData?.[0]).toHaveLength(1);
		expect((await t.webhook(delivery(t.webhookUrl, body))).result).toEqual({});
		first.res.status(500).json({ message: 'There was a problem executing the workflow' });
		expect((await t.webhook(delivery(t.webhookUrl, body))).result.workflowData?.[0]).toHaveLength(1);
	});

	it('persists only keys of deliveries that were handed over', async () => {
		const staticData: IDataObject = {};
		const h = createHarness({ credentials: { hs: { type: 'hubspotSyncPrivateAppApi', data: { accessToken: 'pat-x', clientSecret: SECRET } } } });
		const t = h.trigger(
			{
				id: 'handover-node-d', name: 'HubSpot Sync Trigger', type: `${PACKAGE_NAME}.hubspotSyncTrigger`,
				webhookId: 'b1e6c0de-0000-4000-8000-0000000000ab', parameters: { events: ['contact.creation'] },
				credentials: { hubspotSyncPrivateAppApi: { id: 'hs', name: 'HubSpot' } },
			},
			{ staticData },
		);
		await t.webhook(delivery(t.webhookUrl, JSON.stringify([event2(4)])));
		await t.webhook(delivery(t.webhookUrl, JSON.stringify([event2(5)])), { answer: 'fail' });
		// a pure duplicate starts nothing: the only call whose static-data writes n8n keeps
		expect((await t.webhook(delivery(t.webhookUrl, JSON.stringify([event2(4, 1)])))).result).toEqual({});
		const keys = (t.staticData.seen as { keys: string[] }).keys;
		expect(keys).toHaveLength(1);
		expect(keys[0]).toContain('|7104|');
	});
});
