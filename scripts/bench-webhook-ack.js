'use strict';
// `node scripts/bench-webhook-ack.js [--requests 2000] [--concurrency 50] [--warmup 100] [--tarball x.tgz]
//   [--type-version 1.1]`
// Webhook acknowledgement latency in a real n8n 2.41.1 (issue 13 item 4): our two triggers next to n8n's plain
// Webhook node (responseMode onReceived, no auth), in the same n8n, in the same run, interleaved request by request
// (HubSpot, Zoho, plain, HubSpot, ...), from N concurrent senders.
// - HubSpot Sync Trigger (manual subscriptions): each request is a freshly signed v3 delivery of one NEW event;
// - Zoho CRM Sync Trigger (Notification API): each request is a notification with the channel's id and token for a
//   NEW record id (the channel is registered with the sandbox on activation);
// so every request on every side starts one execution. Latency = time from sending the request to having read the
// whole answer. Prints p50/p90/p99/max per side and each trigger's ratio to the plain node (target: p50 and p99
// within 1.2x). --type-version sets our triggers' typeVersion (1.1 is what the editor adds; 1 makes n8n evaluate
// one more expression per call, see the node files). A script that prints figures, never a timed assert.
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const n8n = require('./lib/n8n');
const T = { ...n8n, ...require('./lib/toolkit'), ...require('./lib/trigger-stack'), ...require('./lib/hubspot-deliveries') };

const { flags } = require('./lib/toolkit');

const OPTS = flags({
	requests: Number(process.env.BENCH_REQUESTS || 2000),
	concurrency: Number(process.env.BENCH_CONCURRENCY || 50),
	warmup: 100,
	tarball: process.env.E2E_TARBALL || '',
	'type-version': 1.1,
	// extra n8n environment, KEY=VALUE[,KEY=VALUE], e.g. N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (see the report line)
	'n8n-env': '',
});
const N8N_ENV = Object.fromEntries(OPTS['n8n-env'].split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const REQUESTS = OPTS.requests;
const CONCURRENCY = OPTS.concurrency;
const WARMUP = OPTS.warmup;

const PLAIN = { workflowId: 'benchPlainHook01', webhookId: 'bench-plain-webhook' };
const KINDS = ['hubspot', 'zoho', 'plain'];
const LABELS = {
	hubspot: 'HubSpot Sync Trigger (v3 verified)',
	zoho: 'Zoho CRM Sync Trigger (channel token)',
	plain: 'n8n Webhook node (onReceived)',
};

function plainWorkflow() {
	return {
		id: PLAIN.workflowId,
		name: 'Bench: plain Webhook node (onReceived)',
		active: false,
		nodes: [
			{
				id: 'plain-hook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: PLAIN.webhookId,
				parameters: { httpMethod: 'POST', path: PLAIN.webhookId, responseMode: 'onReceived', options: {} },
			},
			{ id: 'plain-noop', name: 'After Webhook', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], parameters: {} },
		],
		connections: { Webhook: { main: [[{ node: 'After Webhook', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function withTypeVersion(workflow, typeVersion) {
	workflow.nodes[0].typeVersion = typeVersion;
	return workflow;
}

function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(ms) {
	const s = [...ms].sort((a, b) => a - b);
	return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1] };
}

/** One request builder per side; each call gives a new event/record, so no request is a duplicate. */
function senders(sb, inst, channel) {
	const secret = sb.hubspot.clientSecret;
	const urls = { hubspot: T.hubspotUrl(inst), zoho: T.zohoUrl(inst), plain: `${inst.url}/webhook/${PLAIN.webhookId}` };
	let zohoId = 7_000_000_000;
	const json = { 'content-type': 'application/json' };
	return {
		urls,
		hubspot: () => {
			const body = JSON.stringify([T.hubspotEvent(sb)]);
			return { body, headers: T.hubspotHeaders(secret, urls.hubspot, body) };
		},
		zoho: () => {
			const id = String(zohoId++);
			const body = JSON.stringify({
				server_time: Date.now(), query_params: {}, module: 'Contacts', resource_uri: `${sb.url}/zoho/crm/v8/Contacts`,
				ids: [id], operation: 'update', affected_fields: [{ [id]: ['Phone'] }], channel_id: channel.channelId, token: channel.token,
			});
			return { body, headers: json };
		},
		// the same payload shape and size as HubSpot's, unsigned
		plain: () => ({ body: JSON.stringify([T.hubspotEvent(sb)]), headers: json }),
	};
}

function report(inst, results, seconds) {
	const f = (x) => `${x.toFixed(1)} ms`.padStart(10);
	const s = Object.fromEntries(KINDS.map((k) => [k, stats(results.filter((r) => r.kind === k).map((r) => r.ms))]));
	console.log(`\nWebhook acknowledgement latency, n8n ${inst.rt.N8N_VERSION}, regular mode, ${CONCURRENCY} concurrent senders, interleaved, our triggers at typeVersion ${OPTS['type-version']}`);
	console.log(`machine: ${os.cpus().length} x ${os.cpus()[0].model}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; extra n8n env: ${OPTS['n8n-env'] || 'none'}`);
	console.log(`${'endpoint'.padEnd(40)}${'n'.padStart(6)}${'p50'.padStart(10)}${'p90'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}`);
	for (const k of KINDS) console.log(`${LABELS[k].padEnd(40)}${String(s[k].n).padStart(6)}${f(s[k].p50)}${f(s[k].p90)}${f(s[k].p99)}${f(s[k].max)}`);
	let met = true;
	for (const k of ['hubspot', 'zoho']) {
		const r50 = s[k].p50 / s.plain.p50;
		const r99 = s[k].p99 / s.plain.p99;
		met = met && r50 <= 1.2 && r99 <= 1.2;
		console.log(`ratio ${k}/plain: p50 ${r50.toFixed(2)}x, p99 ${r99.toFixed(2)}x (target <= 1.20x: ${r50 <= 1.2 && r99 <= 1.2 ? 'met' : 'NOT met'})`);
	}
	const failed = results.filter((r) => r.status !== 200);
	console.log(`${results.length} requests in ${seconds.toFixed(1)} s (${(results.length / seconds).toFixed(0)} req/s); non-200 answers: ${failed.length}; both targets ${met ? 'met' : 'NOT met'}`);
	return failed;
}

async function main() {
	const tarball = OPTS.tarball || n8n.packPackage();
	const { startSandbox } = require(path.join(__dirname, '..', 'sandbox', 'index.js'));
	const sb = await startSandbox({ port: 0 });
	const inst = await n8n.createInstance({ name: 'bench-ack', installMode: 'tarball', tarball, env: N8N_ENV });
	try {
		// HubSpot in manual subscription mode: it needs no sandbox calls, only the credential's client secret
		n8n.importCredentials(inst, [T.hubspotCredential(sb), await T.zohoCredential(sb, inst)]);
		const tv = OPTS['type-version'];
		n8n.importWorkflows(inst, [withTypeVersion(T.hubspotWorkflow(sb, { automatic: false }), tv), withTypeVersion(T.zohoWorkflow(), tv), plainWorkflow()]);
		await n8n.start(inst);
		// Activation over REST is asynchronous in n8n 2.41 (publication outbox): wait until every URL is routed.
		await n8n.activateWorkflow(inst, T.IDS.hubspotWorkflow);
		await n8n.activateWorkflow(inst, PLAIN.workflowId);
		const { channel } = await T.activateAndWait(inst, T.IDS.zohoWorkflow, T.NAMES.zohoTrigger, (d) => d.channel && d.channel.token);
		const make = senders(sb, inst, channel);
		for (const url of Object.values(make.urls)) {
			await T.waitFor(`${url} to be live`, async () => (await T.postRaw(url, '[]', { 'content-type': 'application/json' })).status !== 404);
		}

		const send = async (kind) => {
			const { body, headers } = make[kind]();
			const t0 = performance.now();
			const r = await fetch(make.urls[kind], { method: 'POST', headers, body });
			await r.arrayBuffer();
			return { kind, ms: performance.now() - t0, status: r.status };
		};
		const run = (count) => T.pool(Array.from({ length: count * KINDS.length }, (_, i) => KINDS[i % KINDS.length]), CONCURRENCY, send);

		process.stderr.write(`warm-up: ${WARMUP} requests each…\n`);
		const warmBad = (await run(WARMUP)).filter((r) => r.status !== 200);
		if (warmBad.length) throw new Error(`warm-up got non-200 answers: ${JSON.stringify(warmBad.slice(0, 3))}`);

		process.stderr.write(`measuring: ${REQUESTS} requests each, interleaved, ${CONCURRENCY} concurrent senders…\n`);
		const t0 = performance.now();
		const results = await run(REQUESTS);
		const failed = report(inst, results, (performance.now() - t0) / 1000);
		const counts = {};
		for (const [k, id] of [['hubspot', T.IDS.hubspotWorkflow], ['zoho', T.IDS.zohoWorkflow], ['plain', PLAIN.workflowId]]) counts[k] = await T.executionCount(inst, id);
		console.log(`executions recorded so far: ${JSON.stringify(counts)} (${REQUESTS + WARMUP} each expected, + 1 liveness probe for plain)`);
		return failed.length ? 1 : 0;
	} finally {
		await n8n.stop(inst);
		await sb.close();
	}
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e && e.stack ? e.stack : e);
		process.exit(1);
	},
);
