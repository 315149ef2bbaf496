'use strict';
// Executions read through n8n's REST API: lists, counts, one execution with its run data, waiting for a new one,
// a node's output items, the errors an execution carries, and a manual run as the editor starts it.
const path = require('node:path');
const { sleep } = require('../toolkit');
const { rest } = require('./rest');

async function listExecutions(inst, { workflowId, limit = 50 } = {}) {
	const q = new URLSearchParams({ limit: String(limit) });
	if (workflowId) q.set('filter', JSON.stringify({ workflowId }));
	const d = await rest(inst, 'GET', `/executions?${q}`);
	return d.results || d;
}

/** One execution with its run data parsed (n8n sends it `flatted`-encoded). */
async function getExecution(inst, id) {
	const e = await rest(inst, 'GET', `/executions/${id}`);
	if (e && typeof e.data === 'string') {
		const flatted = require(path.join(inst.rt.N8N_DIR, 'node_modules', 'flatted'));
		e.data = flatted.parse(e.data);
	}
	return e;
}

/** Wait for an execution of workflowId, not in `seen` ids, that has finished; returns it with data. */
async function waitForExecution(inst, workflowId, { seen = [], timeoutMs = 30000 } = {}) {
	const t0 = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		const list = await listExecutions(inst, { workflowId });
		const fresh = list.find((e) => !seen.includes(e.id) && e.status !== 'running' && e.status !== 'new' && e.stoppedAt);
		if (fresh) return getExecution(inst, fresh.id);
		await sleep(300);
	}
	throw new Error(`no new finished execution of workflow ${workflowId} within ${timeoutMs} ms`);
}

/** Node types n8n serves to its editor (/types/nodes.json, auth cookie needed): [{ name, displayName, version, ... }]. */
/** The newest (up to 100) execution ids of a workflow. */
async function executionIds(inst, workflowId) {
	return (await listExecutions(inst, { workflowId, limit: 100 })).map((e) => e.id);
}

/** How many executions n8n has recorded for a workflow (its executions API `count`, exact for small tables). */
async function executionCount(inst, workflowId) {
	const q = new URLSearchParams({ limit: '1', filter: JSON.stringify({ workflowId }) });
	const d = await rest(inst, 'GET', `/executions?${q}`);
	if (typeof d.count !== 'number') throw new Error('n8n executions API returned no count');
	return d.count;
}

/** Waits until n8n has no running execution of the workflow and the count stayed the same for quietMs. */
async function settleExecutions(inst, workflowId, { quietMs = 1500, timeoutMs = 30000 } = {}) {
	const t0 = Date.now();
	let last = -1;
	let stableSince = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		const list = await listExecutions(inst, { workflowId, limit: 100 });
		const running = list.some((e) => e.status === 'running' || e.status === 'new');
		const n = await executionCount(inst, workflowId);
		if (n !== last || running) {
			last = n;
			stableSince = Date.now();
		} else if (Date.now() - stableSince >= quietMs) {
			return n;
		}
		await sleep(300);
	}
	return last;
}

/** Output items (json) of a node's output `index` over all its runs in an execution. */
function outputOf(execution, nodeName, index = 0) {
	const runs = execution.data.resultData.runData[nodeName] || [];
	return runs.flatMap((r) => ((r.data && r.data.main && r.data.main[index]) || []).map((i) => i.json));
}

/** Items (json) of output 0 of a node's first run in an execution ([] when it did not run). */
function itemsOf(execution, nodeName) {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs || !runs.length) return [];
	return runs[0].data.main[0].map((i) => i.json);
}

/** All text an n8n execution error carries (message, description, node error fields). */
function errorText(execution) {
	const rd = execution.data && execution.data.resultData;
	const parts = [];
	const push = (e) => {
		if (!e) return;
		for (const k of ['message', 'description', 'name']) if (typeof e[k] === 'string') parts.push(e[k]);
	};
	push(rd && rd.error);
	for (const runs of Object.values((rd && rd.runData) || {})) for (const run of runs) push(run.error);
	return parts.join(' | ');
}

/** Starts a workflow the way the editor's "Execute workflow" button does; returns the finished execution. */
async function runManually(inst, wf, triggerName, { timeoutMs = 60000 } = {}) {
	const seen = await executionIds(inst, wf.id);
	await rest(inst, 'POST', `/workflows/${wf.id}/run`, { triggerToStartFrom: { name: triggerName } });
	return waitForExecution(inst, wf.id, { seen, timeoutMs });
}

module.exports = {
	listExecutions,
	getExecution,
	waitForExecution,
	executionIds,
	executionCount,
	settleExecutions,
	outputOf,
	itemsOf,
	errorText,
	runManually,
};
