'use strict';
// Whole queue-mode stack (scripts/queue-mode.js): up -> smoke -> down in its own folder, so it
// never touches a stack a developer has running. Uses E2E_TARBALL when scripts/e2e.js set it,
// else the newest .cache/pack tarball (--no-build), else builds.
// Run: node --test test/e2e/queue/queue-mode.e2e.js   (~1-2 min: 4 n8n processes)
const path = require('node:path');
const fs = require('node:fs');
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIR = path.join(ROOT, '.cache', 'queue-e2e');
const SCRIPT = path.join(ROOT, 'scripts', 'queue-mode.js');
const env = { ...process.env, QUEUE_MODE_DIR: DIR };

function run(...args) {
	const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 600000 });
	return { code: r.status, out: r.stdout, err: r.stderr };
}

// an exited process stays a zombie until whoever adopted it reaps it: count those as gone
const { pidAlive: alive } = require('../../../scripts/lib/queue-infra');

let state = null;
after(() => {
	if (fs.existsSync(path.join(DIR, 'state.json'))) run('down');
	fs.rmSync(DIR, { recursive: true, force: true });
});

test('up starts redis, postgres, main, webhook and two workers, all healthy', () => {
	fs.rmSync(DIR, { recursive: true, force: true });
	const tarball = process.env.E2E_TARBALL;
	const r = run('up', '--workers=2', '--concurrency=5', ...(tarball ? [`--tarball=${tarball}`] : ['--no-build']));
	assert.equal(r.code, 0, r.err.slice(-3000));
	assert.match(r.out, /production webhooks: +http:\/\/127\.0\.0\.1:\d+\/webhook/);
	state = JSON.parse(fs.readFileSync(path.join(DIR, 'state.json'), 'utf8'));
	assert.deepEqual(
		state.processes.map((p) => [p.name, p.args[0]]),
		[
			['main', 'start'],
			['webhook', 'webhook'],
			['worker-1', 'worker'],
			['worker-2', 'worker'],
		],
	);
	assert.equal(fs.statSync(path.join(DIR, 'state.json')).mode & 0o077, 0, 'state file (password, key) is private');
	const keys = new Set(state.processes.map((p) => p.env.N8N_ENCRYPTION_KEY));
	assert.equal(keys.size, 1, 'one encryption key for every process');
	for (const p of state.processes) {
		assert.equal(p.env.EXECUTIONS_MODE, 'queue');
		assert.equal(p.env.DB_TYPE, 'postgresdb');
		assert.ok(fs.existsSync(path.join(p.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-hubspot-zoho-sync', 'package.json')), `${p.name} has the package`);
	}
	assert.equal(state.processes[0].env.N8N_DISABLE_PRODUCTION_MAIN_PROCESS, 'true');
	const ports = state.processes.flatMap((p) => [p.port, Number(p.env.N8N_RUNNERS_BROKER_PORT)]);
	assert.equal(new Set(ports).size, ports.length, 'distinct ports');
	const st = run('status');
	assert.equal(st.code, 0, st.out);
	assert.doesNotMatch(st.out, /DOWN/);
});

test('smoke: every webhook request is enqueued by the webhook process and completed by a worker', () => {
	const r = run('smoke', '--requests=12');
	assert.equal(r.code, 0, r.out + r.err.slice(-2000));
	const report = JSON.parse(r.out.slice(r.out.indexOf('{'), r.out.lastIndexOf('}') + 1));
	assert.equal(report.requests, 13);
	assert.equal(report.http200WithResult, 13);
	assert.deepEqual(report.executionStatus, { success: 13 });
	assert.equal(report.executionsStartedInWorkerLogs, 13);
	assert.equal(report.enqueuedByWebhookProcess, 13);
	assert.equal(report.mainRanExecutions, false);
	assert.equal(report.mainProductionWebhookStatus, 404);
});

test('logs hold neither the database password nor the encryption key', () => {
	const pgInfo = JSON.parse(fs.readFileSync(path.join(DIR, 'postgres', 'service.json'), 'utf8'));
	const secrets = [pgInfo.password, state.processes[0].env.N8N_ENCRYPTION_KEY];
	for (const f of fs.readdirSync(path.join(DIR, 'logs'))) {
		const text = fs.readFileSync(path.join(DIR, 'logs', f), 'utf8');
		for (const s of secrets) assert.ok(!text.includes(s), `${f} leaks a secret`);
	}
});

test('down stops every PID it started and removes the state file', () => {
	const pids = [state.redis.pid, state.postgres.pid, ...state.processes.map((p) => p.pid)];
	const r = run('down');
	assert.equal(r.code, 0, r.err);
	assert.deepEqual(pids.filter(alive), []);
	assert.equal(fs.existsSync(path.join(DIR, 'state.json')), false);
	assert.equal(run('status').code, 1);
});
