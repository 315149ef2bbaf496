#!/usr/bin/env node
/**
 * Invoke URL overhead benchmark: the node's cost per call next to a bare HTTP call, same local
 * server, same run. Prints figures only (house style: benchmarks never assert).
 *
 * Needs the built package: run `npm run build` first (it requires dist/nodes/InvokeUrl/InvokeUrl.node.js;
 * set BENCH_DIST=<dir> to use another build output). No ts-node, no jest.
 *
 *   node scripts/bench-invoke-url.js [--calls 300]
 *
 * Bare: Node's http.request, GET, read the JSON body, N sequential calls.
 * Axios: the HTTP client n8n's helpers.httpRequest is built on (resolved from n8n-core), for a breakdown:
 *        node overhead = (axios - bare) [n8n's HTTP stack] + (node - axios) [engine + this package].
 * Node: one n8n-core WorkflowExecute run of the Invoke URL node over N items (sequential inside
 *       the node, as in n8n), auth None, retries 0. The run's fixed cost (engine start) is measured
 *       with a 1-item run and subtracted, so "per call" is what each extra item costs.
 */
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.N8N_USER_FOLDER = process.env.N8N_USER_FOLDER || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bench-'));
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'bench-only-key';

const ROOT = path.join(__dirname, '..');
const DIST = path.resolve(process.env.BENCH_DIST || path.join(ROOT, 'dist'));
const nodeFile = path.join(DIST, 'nodes', 'InvokeUrl', 'InvokeUrl.node.js');
if (!fs.existsSync(nodeFile)) {
	console.error(`Missing ${nodeFile}: run \`npm run build\` first (or set BENCH_DIST).`);
	process.exit(1);
}
const { InvokeUrl } = require(nodeFile);
const { WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow, NodeHelpers, ICredentialsHelper, createRunExecutionData } = require('n8n-workflow');
const { flags } = require('./lib/toolkit');

const N = flags({ calls: 300 }).calls;

class NoCredentials extends ICredentialsHelper {
	getParentTypes() { return []; }
	isCredentialUsableByNode() { return true; }
	async authenticate(_c, _t, o) { return o; }
	async preAuthentication() { return undefined; }
	async runPreAuthentication() { return undefined; }
	async getCredentials() { throw new Error('no credentials in the benchmark'); }
	async getDecrypted() { throw new Error('no credentials in the benchmark'); }
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() { return []; }
}

function startServer() {
	const payload = JSON.stringify({ ok: true, items: [1, 2, 3] });
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
			res.end(payload);
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function bareCall(url) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'GET', headers: { Accept: 'application/json' } }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
		});
		req.on('error', reject);
		req.end();
	});
}

let axios;
try {
	axios = require(require.resolve('axios', { paths: [path.dirname(require.resolve('n8n-core'))] }));
} catch {
	axios = undefined;
}

async function runNode(url, items) {
	const nodeType = new InvokeUrl();
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: (_t, v) => NodeHelpers.getVersionedNodeType(nodeType, v),
		getKnownTypes: () => ({}),
	};
	const node = {
		id: 'n1', name: 'Invoke', type: 'n8n-nodes-hubspot-zoho-sync.invokeUrl', typeVersion: 1, position: [0, 0],
		parameters: { method: 'GET', url, options: { retries: 0 } },
	};
	const workflow = new Workflow({ id: 'bench', nodes: [node], connections: {}, nodeTypes, active: false, settings: { executionOrder: 'v1' } });
	const additionalData = {
		executionId: 'bench', credentialsHelper: new NoCredentials(),
		hooks: new ExecutionLifecycleHooks('manual', 'bench', { id: 'bench', name: 'bench', nodes: [node], connections: {}, active: false }),
		webhookBaseUrl: 'http://localhost/webhook', webhookTestBaseUrl: 'http://localhost/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting', formWaitingBaseUrl: 'http://localhost/form-waiting',
		restApiUrl: 'http://localhost/rest', instanceBaseUrl: 'http://localhost', variables: {}, currentNodeExecutionIndex: 0,
		logAiEvent: () => undefined,
	};
	const runData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: workflow.getNode('Invoke'), data: { main: [items] }, source: null }] },
	});
	const t0 = process.hrtime.bigint();
	const run = await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	if (run.data.resultData.error) throw run.data.resultData.error;
	const out = run.data.resultData.runData.Invoke[0].data.main[0];
	if (out.length !== items.length || out[0].json.statusCode !== 200) throw new Error('unexpected node output');
	return ms;
}

const stats = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, p50: s[Math.floor(s.length / 2)] };
};
const f = (ms) => `${ms.toFixed(3)} ms`;

(async () => {
	const server = await startServer();
	const url = `http://127.0.0.1:${server.address().port}/bench`;
	const items = Array.from({ length: N }, (_, i) => ({ json: { i } }));

	// Warm-up both paths (JIT, module init, keep caches fair).
	for (let i = 0; i < 30; i++) await bareCall(url);
	await runNode(url, items.slice(0, 30));

	const bare = [];
	for (let i = 0; i < N; i++) {
		const t0 = process.hrtime.bigint();
		await bareCall(url);
		bare.push(Number(process.hrtime.bigint() - t0) / 1e6);
	}
	const viaAxios = [];
	if (axios) {
		for (let i = 0; i < 30; i++) await axios.get(url, { responseType: 'arraybuffer' });
		for (let i = 0; i < N; i++) {
			const t0 = process.hrtime.bigint();
			await axios.get(url, { responseType: 'arraybuffer' });
			viaAxios.push(Number(process.hrtime.bigint() - t0) / 1e6);
		}
	}
	// Fixed engine cost: median of a few 1-item runs; then the N-item run.
	const fixedRuns = [];
	for (let i = 0; i < 7; i++) fixedRuns.push(await runNode(url, items.slice(0, 1)));
	const fixed = stats(fixedRuns).p50;
	const nodeRuns = [];
	for (let r = 0; r < 3; r++) nodeRuns.push(await runNode(url, items));
	const total = stats(nodeRuns).p50;
	const perCall = (total - fixed) / (N - 1);
	const b = stats(bare);

	console.log(`Invoke URL benchmark: ${N} sequential GETs to a local HTTP server (${url}), Node ${process.version}`);
	console.log(`  bare http.request     mean ${f(b.mean)}  p50 ${f(b.p50)} per call`);
	if (viaAxios.length) {
		const a = stats(viaAxios);
		console.log(`  axios (n8n's client)  mean ${f(a.mean)}  p50 ${f(a.p50)} per call`);
	}
	console.log(`  Invoke URL node       ${f(perCall)} per call  (N-item run p50 ${f(total)} minus 1-item run p50 ${f(fixed)}, / ${N - 1})`);
	console.log(`  overhead per call     ${f(perCall - b.mean)} vs bare mean, ${f(perCall - b.p50)} vs bare p50  (target < 2 ms)`);
	if (viaAxios.length) {
		const a = stats(viaAxios);
		console.log(`    of which n8n HTTP client ${f(a.mean - b.mean)}, engine + this package ${f(perCall - a.mean)} (means)`);
	}
	console.log(`  engine fixed cost     ${f(fixed)} per workflow run (WorkflowExecute start-up, not per call)`);
	server.close();
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
