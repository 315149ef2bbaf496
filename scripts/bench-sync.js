#!/usr/bin/env node
'use strict';
// `node scripts/bench-sync.js [--latency 0] [--sizes 1,10,100,1000]`
// Syncs batches of new HubSpot contacts to Zoho through lib/sync-adapters against the in-process sandbox (real HTTP on
// loopback) and prints API calls per record and records per second, for a first sync (creates) and a second sync of
// the same state (no writes expected). `--latency` adds that many ms to every sandbox API call. Prints figures only.
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const ts = require('typescript');

// Load the TypeScript sources directly (no build needed): transpile each .ts module on require.
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 }, fileName: filename });
	module._compile(outputText, filename);
};

const { startSandbox } = require('../sandbox');
const { createSyncAdaptersFromOptions } = require('./lib/sync-adapters.ts');
const { createFetchTransport } = require('./lib/fetch-transport.ts');
const { flags, sleep } = require('./lib/toolkit');

const OPTS = flags({ latency: 0, sizes: '1,10,100,1000' });
const LATENCY = OPTS.latency;
const SIZES = String(OPTS.sizes).split(',').map(Number);

function apiCalls(sb) {
	let n = 0;
	for (const [k, v] of sb.core.counts) if (/^\w+ \/(hubspot\/crm|zoho\/crm)\//.test(k)) n += v;
	return n;
}

async function main() {
	const sb = await startSandbox({ faults: { latencyMs: LATENCY }, zoho: { searchLagMs: 1000, concurrency: 25 } });
	const tokens = sb.zoho.issueTokens();
	const now = () => Date.now();
	const adapters = createSyncAdaptersFromOptions({
		hubspot: { transport: createFetchTransport({ getToken: () => sb.hubspot.privateAppToken }), baseUrl: `${sb.url}/hubspot`, sleep, now, tenSecondLimit: 100000 },
		zoho: { transport: createFetchTransport({ getToken: () => tokens.access_token }), apiDomain: tokens.api_domain, sleep, now },
	});
	console.log(`Sync Contact/Company adapters, HubSpot -> Zoho contacts, sandbox latency ${LATENCY} ms per call`);
	console.log('batch  run     records  api calls  calls/record  records/s  failures');
	for (const size of SIZES) {
		sb.hubspot.reset();
		sb.zoho.reset();
		const at = new Date(Date.now() - 600000).toISOString();
		const ids = sb.hubspot.loadSeed({
			contacts: Array.from({ length: size }, (_, i) => ({ properties: { firstname: `F${i}`, lastname: `L${i}`, email: `bench${i}@example.com` }, updatedAt: at })),
		}).contacts;
		for (const run of ['first', 'second']) {
			sb.core.resetLog();
			const t0 = performance.now();
			const r = await adapters.syncBatch({ direction: 'hubspotToZoho', objectKind: 'contact', ids }, { now });
			const secs = (performance.now() - t0) / 1000;
			const calls = apiCalls(sb);
			const row = [String(size).padEnd(6), run.padEnd(7), String(r.actions.length).padStart(7), String(calls).padStart(10), (calls / size).toFixed(3).padStart(13), (size / secs).toFixed(0).padStart(10), String(r.failures.length).padStart(9)];
			console.log(row.join(' '));
		}
	}
	const mem = process.memoryUsage();
	console.log(`memory: rss ${(mem.rss / 1048576).toFixed(0)} MB, heap used ${(mem.heapUsed / 1048576).toFixed(0)} MB`);
	await sb.close();
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
