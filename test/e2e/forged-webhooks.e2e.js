'use strict';
// Issue 4 "Done when": 1,000 forged or mutated requests against both ACTIVE triggers in a real n8n start 0
// executions, counted through n8n's executions API. Every rejection is answered 401 by the trigger, except exact
// replays of a genuine HubSpot delivery (valid v3 signature inside the 5-minute window) or Zoho notification (valid
// channel token): they are dropped by the dedupe record and n8n answers 200 {"message":"Webhook call received"}
// with no execution (a 2xx is what stops the CRM from retrying a delivery it already made).
// Issue 12 items 1 and 4: a genuine HubSpot delivery (v3 + v1, as HubSpot sends it) replayed with its v3 headers
// stripped is refused 401 whether or not its events were seen before (v1 has no timestamp: accepting it would make
// every captured delivery replayable forever). Positive controls before and after prove the triggers were live
// throughout. 20 requests in flight at a time.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const { tarball } = require('./support');
const T = require('./support-triggers');

const TOTAL = Number(process.env.E2E_FORGED_TOTAL || 1000);
const CONCURRENCY = 20;
const MINUTE = 60_000;

describe('forged and mutated webhook calls start no execution', () => {
	let stack;
	let sb;
	let inst;
	let secret;
	let channel; // { channelId, token } registered by the Zoho trigger
	let zohoRecordId;
	before(async () => {
		stack = await T.startTriggerStack({ name: 'forged', tarball: tarball() });
		({ sb, inst } = stack);
		secret = sb.hubspot.clientSecret;
		zohoRecordId = sb.zoho.createRecord('Contacts', { Last_Name: 'Forged', Email: 'forged@example.com' }, { notify: false }).id;
		await T.activateAndWait(inst, T.IDS.hubspotWorkflow, T.NAMES.hubspotTrigger, (d) => Array.isArray(d.subscriptionIds) && d.subscriptionIds.length > 0);
		const zoho = await T.activateAndWait(inst, T.IDS.zohoWorkflow, T.NAMES.zohoTrigger, (d) => d.channel && d.channel.token);
		channel = zoho.channel;
	});
	after(async () => {
		await T.stopTriggerStack(stack);
	});

	const zohoBody = (over = {}) => ({
		server_time: Date.now(),
		query_params: {},
		module: 'Contacts',
		resource_uri: `${sb.url}/zoho/crm/v8/Contacts`,
		ids: [zohoRecordId],
		operation: 'update',
		affected_fields: [{ [zohoRecordId]: ['Phone'] }],
		channel_id: channel.channelId,
		token: channel.token,
		...over,
	});

	async function countBoth() {
		return {
			hubspot: await T.settleExecutions(inst, T.IDS.hubspotWorkflow),
			zoho: await T.settleExecutions(inst, T.IDS.zohoWorkflow),
		};
	}

	test(`${TOTAL} forged or mutated requests get their rejection answer and start 0 executions`, async (t) => {
		const hsUrl = T.hubspotUrl(inst);
		const zUrl = T.zohoUrl(inst);
		const fresh = () => JSON.stringify([T.hubspotEvent(sb)]);

		// Positive control + the genuine delivery that will be replayed, with v1 alongside v3 as HubSpot sends it.
		const replayBody = fresh();
		const replayHeaders = T.hubspotDeliveryHeaders(secret, hsUrl, replayBody);
		const zReplayBody = JSON.stringify(zohoBody());
		const c0 = await countBoth();
		const genuine = await T.postRaw(hsUrl, replayBody, replayHeaders);
		assert.equal(genuine.status, 200, `a genuine delivery was refused: ${genuine.text}`);
		const zGenuine = await T.postRaw(zUrl, zReplayBody, { 'content-type': 'application/json' });
		assert.equal(zGenuine.status, 200, `a genuine Zoho notification was refused: ${zGenuine.text}`);
		const baseline = await countBoth();
		assert.deepEqual(baseline, { hubspot: c0.hubspot + 1, zoho: c0.zoho + 1 }, 'positive controls did not start one execution each');

		// Each forged HubSpot body carries NEW events, so a request that slipped through would start an execution.
		const cases = {
			'hubspot: v3 signed with a wrong client secret': () => {
				const b = fresh();
				return [hsUrl, b, T.hubspotHeaders('not-the-client-secret', hsUrl, b), 401];
			},
			'hubspot: body mutated after signing': () => {
				const b = fresh();
				const h = T.hubspotHeaders(secret, hsUrl, b);
				return [hsUrl, b.replace('"CRM_UI"', '"INTEGRATION"'), h, 401];
			},
			'hubspot: validly signed but timestamp 6 minutes old': () => {
				const b = fresh();
				return [hsUrl, b, T.hubspotHeaders(secret, hsUrl, b, Date.now() - 6 * MINUTE), 401];
			},
			'hubspot: validly signed but timestamp 10 minutes ahead': () => {
				const b = fresh();
				return [hsUrl, b, T.hubspotHeaders(secret, hsUrl, b, Date.now() + 10 * MINUTE), 401];
			},
			'hubspot: timestamp header changed after signing': () => {
				const b = fresh();
				const h = T.hubspotHeaders(secret, hsUrl, b);
				return [hsUrl, b, { ...h, 'x-hubspot-request-timestamp': String(Number(h['x-hubspot-request-timestamp']) + 1000) }, 401];
			},
			'hubspot: no signature headers at all': () => [hsUrl, fresh(), { 'content-type': 'application/json' }, 401],
			'hubspot: v3 signature without the timestamp header': () => {
				const b = fresh();
				const { 'x-hubspot-request-timestamp': _ts, ...h } = T.hubspotHeaders(secret, hsUrl, b);
				return [hsUrl, b, h, 401];
			},
			'hubspot: v3 signature of the wrong length': () => {
				const b = fresh();
				const h = T.hubspotHeaders(secret, hsUrl, b);
				return [hsUrl, b, { ...h, 'x-hubspot-signature-v3': h['x-hubspot-signature-v3'].slice(0, -4) }, 401];
			},
			'hubspot: validly signed for another URI': () => {
				const b = fresh();
				return [hsUrl, b, T.hubspotHeaders(secret, `${inst.url}/webhook/other/webhook`, b), 401];
			},
			'hubspot: legacy v1 signature that does not match': () => {
				const b = fresh();
				return [hsUrl, b, { 'content-type': 'application/json', 'x-hubspot-signature': 'a'.repeat(64), 'x-hubspot-signature-version': 'v1' }, 401];
			},
			'hubspot: legacy signature with an unknown version': () => {
				const b = fresh();
				return [hsUrl, b, { 'content-type': 'application/json', 'x-hubspot-signature': 'a'.repeat(64), 'x-hubspot-signature-version': 'v9' }, 401];
			},
			'hubspot: replay of a genuine delivery (valid signature, dedupe drops it)': () => [hsUrl, replayBody, replayHeaders, 200],
			'hubspot: replay of the genuine delivery with its v3 headers stripped (v1 kept)': () => [hsUrl, replayBody, T.withoutV3(replayHeaders), 401],
			'hubspot: captured, never-seen delivery sent with its v3 headers stripped (valid v1 only)': () => {
				const b = fresh();
				return [hsUrl, b, T.withoutV3(T.hubspotDeliveryHeaders(secret, hsUrl, b)), 401];
			},
			'hubspot: captured delivery with only the v3 signature stripped (timestamp and v1 kept)': () => {
				const b = fresh();
				const { 'x-hubspot-signature-v3': _s, ...h } = T.hubspotDeliveryHeaders(secret, hsUrl, b);
				return [hsUrl, b, h, 401];
			},
			'zoho: right channel, wrong token': () => [zUrl, JSON.stringify(zohoBody({ token: `${channel.token[0] === 'x' ? 'y' : 'x'}${channel.token.slice(1)}` })), null, 401],
			'zoho: wrong channel id, right token': () => [zUrl, JSON.stringify(zohoBody({ channel_id: '1000000000001' })), null, 401],
			'zoho: no token': () => [zUrl, JSON.stringify(zohoBody({ token: undefined })), null, 401],
			'zoho: no channel id': () => [zUrl, JSON.stringify(zohoBody({ channel_id: undefined })), null, 401],
			'zoho: token of the wrong length (prefix of the real one)': () => [zUrl, JSON.stringify(zohoBody({ token: channel.token.slice(0, 10) })), null, 401],
			'zoho: body is a JSON array, not a notification': () => [zUrl, JSON.stringify([zohoBody()]), null, 401],
			'zoho: exact replay of a genuine notification (valid token, dedupe drops it)': () => [zUrl, zReplayBody, null, 200],
		};
		const names = Object.keys(cases);
		const jobs = Array.from({ length: TOTAL }, (_, i) => names[i % names.length]);

		const t0 = Date.now();
		const results = await T.pool(jobs, CONCURRENCY, async (name) => {
			const [url, body, headers, expected] = cases[name]();
			const r = await T.postRaw(url, body, headers || { 'content-type': 'application/json' });
			return { name, expected, status: r.status, text: r.text };
		});
		const seconds = (Date.now() - t0) / 1000;

		const summary = {};
		for (const r of results) {
			const s = (summary[r.name] = summary[r.name] || { sent: 0, expected: r.expected, statuses: {} });
			s.sent++;
			s.statuses[r.status] = (s.statuses[r.status] || 0) + 1;
		}
		for (const [name, s] of Object.entries(summary)) t.diagnostic(`${name}: ${s.sent} sent, answered ${JSON.stringify(s.statuses)}`);
		t.diagnostic(`${results.length} requests in ${seconds.toFixed(1)} s (${(results.length / seconds).toFixed(0)} req/s, ${CONCURRENCY} in flight)`);

		const after = await countBoth();
		assert.equal(results.length, TOTAL);
		assert.deepEqual(after, baseline, `forged requests started executions: before ${JSON.stringify(baseline)}, after ${JSON.stringify(after)}`);
		const wrong = results.filter((r) => r.status !== r.expected);
		assert.deepEqual(wrong.map((r) => `${r.name}: ${r.status} (expected ${r.expected}) ${r.text.slice(0, 120)}`).slice(0, 10), []);
		const leaks = results.filter((r) => r.text.includes(secret) || r.text.includes(channel.token));
		assert.equal(leaks.length, 0, 'a rejection answer contained the client secret or the channel token');
		// the rejection names the check that failed (what to fix), not only "unauthorized"
		const sample = results.find((r) => r.name === 'hubspot: validly signed but timestamp 6 minutes old');
		assert.match(sample.text, /older than allowed/);
		// The genuine deliveries' keys were confirmed when n8n answered them 200 (not merely held while pending): the
		// duplicate-only calls, whose static-data writes n8n keeps, persisted them.
		const hsSeen = (await T.nodeStaticData(inst, T.IDS.hubspotWorkflow, T.NAMES.hubspotTrigger)).seen;
		assert.ok(hsSeen && hsSeen.keys.some((k) => k.includes(`|${JSON.parse(replayBody)[0].eventId}|`)), 'the HubSpot key was never confirmed');
		const zSeen = (await T.nodeStaticData(inst, T.IDS.zohoWorkflow, T.NAMES.zohoTrigger)).seen;
		assert.ok(zSeen && zSeen.keys.some((k) => k.includes(`|${zohoRecordId}|`)), 'the Zoho key was never confirmed');
	});

	test('both triggers are still live afterwards: a genuine HubSpot delivery and Zoho notification each start one execution', async () => {
		const before = await countBoth();
		const url = T.hubspotUrl(inst);
		const body = JSON.stringify([T.hubspotEvent(sb), T.hubspotEvent(sb)]);
		const r = await T.postRaw(url, body, T.hubspotHeaders(secret, url, body));
		assert.equal(r.status, 200, r.text);
		const z = await T.postRaw(T.zohoUrl(inst), JSON.stringify(zohoBody()), { 'content-type': 'application/json' });
		assert.equal(z.status, 200, z.text);
		assert.deepEqual(await countBoth(), { hubspot: before.hubspot + 1, zoho: before.zoho + 1 });
	});
});
