'use strict';
// The load test's security pass: forged, mutated, stale and replayed webhooks against the live triggers, counting the
// executions they start (webhook executions only).
const { pool, sleep } = require('../lib/toolkit');
const { signV1, signV3 } = require('../lib/hubspot-deliveries');
const { allExecutions } = require('./stack');

async function forgedWebhooks({ sb, inst, workflowIds, hookUrl, zohoHookUrl, channel, count }) {
	if (!count) return null;
	const secret = sb.hubspot.clientSecret;
	// webhook executions only: the templates' 15-minute schedule may start a run meanwhile, which is no forged call
	const countAll = async () =>
		(await Promise.all(workflowIds.map((id) => allExecutions(inst, id)))).flat().filter((e) => e.mode === 'webhook').length;
	const anyContact = sb.hubspot.listObjects('contacts')[0];
	const anyZoho = sb.zoho.listRecords('Contacts')[0];
	let eventId = 5_000_000;
	const body = () => JSON.stringify([{ eventId: eventId++, subscriptionId: 0, portalId: sb.hubspot.portalId, appId: sb.hubspot.appId, occurredAt: Date.now(), subscriptionType: 'contact.creation', attemptNumber: 0, objectId: Number(anyContact.id), changeSource: 'CRM_UI', changeFlag: 'NEW' }]);
	const hsHeaders = (key, uri, b, ts = Date.now()) => ({ 'content-type': 'application/json', 'x-hubspot-signature-v3': signV3(key, 'POST', uri, b, String(ts)), 'x-hubspot-request-timestamp': String(ts) });
	const zBody = (over) => JSON.stringify({ server_time: Date.now(), query_params: {}, module: 'Contacts', resource_uri: `${sb.url}/zoho/crm/v8/Contacts`, ids: [anyZoho.id], operation: 'update', affected_fields: [{ [anyZoho.id]: ['Title'] }], channel_id: channel.channel_id, token: channel.token, ...over });
	// a genuine delivery made earlier, replayed byte for byte with its old signature and timestamp
	const old = sb.hubspot.deliveries.find((d) => d.url === hookUrl && d.ok);
	const oldBody = old ? JSON.stringify(old.events) : body();
	const oldTs = old ? old.at : Date.now() - 10 * 60000;
	const v1Only = (b) => ({ 'content-type': 'application/json', 'x-hubspot-signature': signV1(secret, b), 'x-hubspot-signature-version': 'v1' });
	const cases = [
		() => [hookUrl, body(), (b) => hsHeaders('wrong-client-secret', hookUrl, b)],
		() => [hookUrl, body(), (b) => ({ ...hsHeaders(secret, hookUrl, b), 'x-hubspot-request-timestamp': String(Date.now() + 1000) })],
		() => [hookUrl, body(), (b) => hsHeaders(secret, hookUrl, b, Date.now() - 6 * 60000)],
		() => [hookUrl, body(), (b) => hsHeaders(secret, hookUrl, b, Date.now() + 10 * 60000)],
		() => [hookUrl, body(), () => ({ 'content-type': 'application/json' })],
		() => {
			const b = body();
			const h = hsHeaders(secret, hookUrl, b);
			return [hookUrl, b.replace('"CRM_UI"', '"INTEGRATION"'), () => h];
		},
		() => [hookUrl, oldBody, () => hsHeaders(secret, hookUrl, oldBody, oldTs)],
		// genuine deliveries replayed with their v3 headers stripped, v1 kept (issue 12): an old one, and one never seen
		() => [hookUrl, oldBody, () => v1Only(oldBody)],
		() => [hookUrl, body(), (b) => v1Only(b)],
		// the same with the timestamp kept and only the v3 signature removed
		() => [hookUrl, body(), (b) => ({ ...v1Only(b), 'x-hubspot-request-timestamp': String(Date.now()) })],
		() => [zohoHookUrl, zBody({ token: `x${channel.token.slice(1)}` === channel.token ? `y${channel.token.slice(1)}` : `x${channel.token.slice(1)}` }), null],
		() => [zohoHookUrl, zBody({ channel_id: '1000000000001' }), null],
		() => [zohoHookUrl, zBody({ token: undefined }), null],
	];
	const before = await countAll();
	const statuses = {};
	await pool(
		Array.from({ length: count }, (_, i) => i),
		20,
		async (i) => {
			const [url, b, h] = cases[i % cases.length]();
			const r = await fetch(url, { method: 'POST', headers: h ? h(b) : { 'content-type': 'application/json' }, body: b });
			await r.arrayBuffer();
			statuses[r.status] = (statuses[r.status] || 0) + 1;
		},
	);
	await sleep(3000);
	const after = await countAll();
	return { sent: count, answered: statuses, executionsStarted: after - before };
}

module.exports = { forgedWebhooks };
