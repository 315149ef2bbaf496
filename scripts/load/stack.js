'use strict';
// n8n for the load test: queue mode (scripts/queue-mode.js: main, webhook, two workers, Redis, PostgreSQL) or one
// regular process, and every execution of a workflow read through the REST API.
const path = require('node:path');
const n8n = require('../lib/n8n');

async function startN8n({ mode, tarball, noBuild, keep }) {
	if (mode === 'queue') {
		const queue = require('../queue-mode');
		const code = await queue.up({ workers: 2, concurrency: 10, fresh: true, ...(tarball ? { tarball } : { 'no-build': noBuild }) });
		if (code !== 0) throw new Error('queue mode did not come up (see the [queue-mode] lines above)');
		const state = queue.readState();
		const inst = queue.mainInstance(state);
		const webhook = state.processes.find((p) => p.role === 'webhook');
		return {
			inst,
			webhookBase: webhook.url,
			logFiles: () => state.processes.map((p) => p.logFile).concat([path.join(path.dirname(state.processes[0].logFile), 'redis.log')]),
			stop: () => queue.down({ purge: !keep }),
			describe: `queue mode: main + webhook + ${state.processes.filter((p) => p.role === 'worker').length} workers (concurrency 10), Redis, PostgreSQL`,
		};
	}
	const inst = await n8n.createInstance({ name: 'load', installMode: 'tarball', tarball: tarball || undefined });
	return {
		inst,
		webhookBase: inst.url,
		logFiles: () => [inst.logFile],
		stop: () => n8n.stop(inst),
		describe: 'regular mode: one n8n process, SQLite',
		regular: true,
	};
}

// ------------------------------------------------------------------ executions
async function allExecutions(inst, workflowId) {
	// n8n 2.41 pages executions with an opaque cursor (nextCursor), newest first
	const out = [];
	let cursor = null;
	for (let page = 0; page < 1000; page++) {
		const q = new URLSearchParams({ limit: '100', filter: JSON.stringify({ workflowId }) });
		if (cursor) q.set('cursor', cursor);
		const d = await n8n.rest(inst, 'GET', `/executions?${q}`);
		const rows = d.results || d;
		out.push(...rows);
		cursor = d.nextCursor || null;
		if (!cursor || !rows.length) break;
	}
	const seen = new Set();
	return out.filter((e) => (seen.has(e.id) ? false : seen.add(e.id)));
}

module.exports = { startN8n, allExecutions };
