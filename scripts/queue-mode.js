#!/usr/bin/env node
'use strict';
// n8n queue mode on one machine (docs/n8n-runtime-notes.md §10, issue 7 item 1):
//   node scripts/queue-mode.js up [--workers=2] [--concurrency=10] [--fresh] [--no-build | --tarball=<file>]
//   node scripts/queue-mode.js status
//   node scripts/queue-mode.js smoke [--requests=20]   import + activate a tiny workflow, prove workers run it
//   node scripts/queue-mode.js down [--purge]
//
// `up` starts a private Redis and PostgreSQL (scripts/lib/queue-infra/), then an n8n main process
// (N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true), one `n8n webhook` process and N `n8n worker`
// processes, all with EXECUTIONS_MODE=queue, the same Redis, database and N8N_ENCRYPTION_KEY.
// Each process gets its own user folder (.cache/queue/n8n/<name>) with the packed package
// installed the way n8n's installer lays it out (scripts/lib/n8n/instance.js createInstance), because n8n
// loads community nodes per process and a shared folder would mix their event logs.
// PIDs, ports and URLs go to .cache/queue/state.json (0600: it holds the database password and
// the encryption key); `down` stops exactly those PIDs. Logs: .cache/queue/logs/<name>.log.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const infra = require('./lib/queue-infra');
const n8n = require('./lib/n8n');
const { flags, logger, sleep, newestTarball } = require('./lib/toolkit');
const { ensureRuntime, paths: runtimePaths, ROOT } = require('./lib/runtime');

const Q = infra.QUEUE_DIR;
const STATE_FILE = path.join(Q, 'state.json');
const LOG_DIR = path.join(Q, 'logs');
const KEY_FILE = path.join(Q, 'encryption-key');
const SMOKE_WORKFLOW_ID = 'QueueModeSmoke01';
const SMOKE_PATH = 'queue-mode-smoke';

const log = logger('queue-mode');

function readState() {
	try {
		return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	} catch {
		return null;
	}
}

function writeState(state) {
	fs.mkdirSync(Q, { recursive: true });
	fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
	fs.chmodSync(STATE_FILE, 0o600);
}


async function httpStatus(url) {
	try {
		const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await r.arrayBuffer();
		return r.status;
	} catch {
		return 0;
	}
}

/** Spawn `n8n <command>` detached (own process group, survives this script), log to a file. */
function spawnN8n(proc, rt) {
	const out = fs.openSync(proc.logFile, 'w'); // fresh per run: readiness and smoke read it
	const child = spawn(rt.NODE24, [rt.N8N_BIN, ...proc.args], {
		env: proc.env,
		cwd: proc.userFolder,
		stdio: ['ignore', out, out],
		detached: true,
	});
	fs.closeSync(out);
	child.unref();
	proc.pid = child.pid;
	proc.startedAt = new Date().toISOString();
	log(`started ${proc.name} (n8n ${proc.args.join(' ')}) pid ${child.pid}, log ${path.relative(ROOT, proc.logFile)}`);
	return child.pid;
}

async function waitReady(proc, timeoutMs = 300000) {
	const t0 = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		if (!infra.pidAlive(proc.pid)) throw new Error(`${proc.name} exited early; log tail:\n${infra.tail(proc.logFile, 40)}`);
		if ((await httpStatus(proc.healthUrl)) === 200) {
			// n8n logs a package it cannot load and starts anyway: that must fail `up`.
			const text = fs.existsSync(proc.logFile) ? fs.readFileSync(proc.logFile, 'utf8') : '';
			if (text.includes(`Failed to load package "${n8n.PACKAGE_NAME}"`)) {
				throw new Error(`${proc.name} could not load ${n8n.PACKAGE_NAME}; log tail:\n${infra.tail(proc.logFile, 20)}`);
			}
			log(`${proc.name} ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			return;
		}
		await sleep(500);
	}
	throw new Error(`${proc.name} not ready after ${timeoutMs} ms; log tail:\n${infra.tail(proc.logFile, 40)}`);
}

function encryptionKey(fresh) {
	fs.mkdirSync(Q, { recursive: true });
	if (fresh || !fs.existsSync(KEY_FILE)) fs.writeFileSync(KEY_FILE, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
	return fs.readFileSync(KEY_FILE, 'utf8').trim();
}

/** An n8n.js instance object rebuilt from the state file, for cli()/rest() on the main process. */
function mainInstance(state) {
	const main = state.processes.find((p) => p.role === 'main');
	return {
		name: main.name,
		port: main.port,
		url: main.url,
		userFolder: main.userFolder,
		n8nFolder: path.join(main.userFolder, '.n8n'),
		logFile: main.logFile,
		env: main.env,
		owner: state.owner,
		rt: runtimePaths(),
		browserId: crypto.randomUUID(),
		cookie: null,
	};
}

async function up(opts) {
	const existing = readState();
	if (existing && existing.processes.some((p) => infra.pidAlive(p.pid))) {
		log('already up (run `down` first to restart):');
		await status();
		return 0;
	}
	const workers = Number(opts.workers || 2);
	const concurrency = Number(opts.concurrency || 10);
	fs.mkdirSync(LOG_DIR, { recursive: true });
	const rt = ensureRuntime();
	const redis = await infra.ensureRedis({ logDir: LOG_DIR });
	const pg = await infra.ensurePostgres({ logDir: LOG_DIR });
	const fresh = Boolean(opts.fresh);
	if (fresh) {
		log('--fresh: recreating the n8n database and encryption key');
		infra.recreateDatabase(pg, pg);
	}
	const key = encryptionKey(fresh);
	let tarball = typeof opts.tarball === 'string' && opts.tarball ? path.resolve(opts.tarball) : null;
	if (!tarball && opts['no-build']) tarball = newestTarball();
	if (!tarball) tarball = n8n.packPackage();
	log(`package: ${path.relative(ROOT, tarball)}`);

	const state = {
		startedAt: new Date().toISOString(),
		tarball,
		redis: { pid: redis.pid, port: redis.port, dir: redis.dir },
		postgres: { pid: pg.pid, port: pg.port, database: pg.database, user: pg.user },
		owner: n8n.DEFAULT_OWNER,
		processes: [],
	};
	writeState(state);

	const ports = {};
	for (const name of ['main', 'webhook', ...Array.from({ length: workers }, (_, i) => `worker-${i + 1}`)]) {
		ports[name] = await n8n.freePortPair(); // P for HTTP/health, P+1 for the task-runner broker
	}
	const webhookUrl = `http://127.0.0.1:${ports.webhook}`;
	const common = {
		...infra.queueEnv(redis, pg),
		N8N_ENCRYPTION_KEY: key,
		WEBHOOK_URL: `${webhookUrl}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${ports.main}/`,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		DB_POSTGRESDB_POOL_SIZE: '4',
		QUEUE_BULL_PREFIX: 'bull',
	};
	const specs = [
		{
			name: 'main',
			role: 'main',
			args: ['start'],
			env: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true', OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' },
		},
		{ name: 'webhook', role: 'webhook', args: ['webhook'], env: { N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'false' } },
		...Array.from({ length: workers }, (_, i) => ({
			name: `worker-${i + 1}`,
			role: 'worker',
			args: ['worker', `--concurrency=${concurrency}`],
			env: {
				N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'false',
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(ports[`worker-${i + 1}`]),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
		})),
	];
	try {
		for (const s of specs) {
			const inst = await n8n.createInstance({
				name: s.name,
				port: ports[s.name],
				userFolder: path.join(Q, 'n8n', s.name),
				tarball,
				installMode: 'tarball',
				env: { ...common, ...s.env },
			});
			state.processes.push({
				name: s.name,
				role: s.role,
				args: s.args,
				port: inst.port,
				url: inst.url,
				healthUrl: `${inst.url}/healthz/readiness`,
				userFolder: inst.userFolder,
				logFile: path.join(LOG_DIR, `${s.name}.log`),
				env: inst.env,
				pid: null,
			});
		}
		// main first: it runs the database migrations the others expect.
		const [main, ...rest] = state.processes;
		spawnN8n(main, rt);
		writeState(state);
		await waitReady(main);
		for (const p of rest) spawnN8n(p, rt);
		writeState(state);
		await Promise.all(rest.map((p) => waitReady(p)));
	} catch (e) {
		log(`up failed: ${e.message}`);
		log('stopping what was started…');
		await down({});
		return 1;
	}
	writeState(state);
	printUrls(state);
	return 0;
}

function printUrls(state) {
	const main = state.processes.find((p) => p.role === 'main');
	const webhook = state.processes.find((p) => p.role === 'webhook');
	const lines = [
		`editor + REST (main):  ${main.url}/   (login ${state.owner.email}, password: DEFAULT_OWNER in scripts/lib/n8n/instance.js)`,
		`production webhooks:   ${webhook.url}/webhook/<path>`,
		...state.processes.filter((p) => p.role === 'worker').map((p) => `${p.name} health:       ${p.url}/healthz/readiness`),
		`redis:                 127.0.0.1:${state.redis.port}`,
		`postgres:              127.0.0.1:${state.postgres.port} database ${state.postgres.database}`,
		`logs:                  ${path.relative(ROOT, LOG_DIR)}/`,
	];
	process.stdout.write(lines.join('\n') + '\n');
}

async function status() {
	const state = readState();
	if (!state) {
		process.stdout.write('down (no state file)\n');
		return 1;
	}
	let allUp = true;
	const row = (name, pid, ok, where) => {
		if (!ok) allUp = false;
		process.stdout.write(`${name.padEnd(10)} ${String(pid).padEnd(8)} ${(ok ? 'up' : 'DOWN').padEnd(5)} ${where}\n`);
	};
	const redisOk = infra.pidAlive(state.redis.pid) && (await infra.redisCommand(state.redis.port, 'PING')) === '+PONG';
	row('redis', state.redis.pid, redisOk, `127.0.0.1:${state.redis.port}`);
	row('postgres', state.postgres.pid, infra.pidAlive(state.postgres.pid), `127.0.0.1:${state.postgres.port}`);
	for (const p of state.processes) {
		const ok = infra.pidAlive(p.pid) && (await httpStatus(p.healthUrl)) === 200;
		row(p.name, p.pid, ok, p.role === 'worker' ? p.healthUrl : p.url);
	}
	return allUp ? 0 : 1;
}

async function down(opts) {
	const state = readState();
	if (state) {
		// webhook and workers first (they finish or hand back running jobs), main last.
		const order = [...state.processes].sort((a, b) => (a.role === 'main') - (b.role === 'main'));
		const others = order.filter((p) => p.role !== 'main');
		await Promise.all(others.map((p) => stopN8n(p)));
		for (const p of order.filter((x) => x.role === 'main')) await stopN8n(p);
	}
	await infra.stopRedis();
	await infra.stopPostgres();
	fs.rmSync(STATE_FILE, { force: true });
	if (opts.purge) {
		log('--purge: removing .cache/queue (database, user folders, logs)');
		fs.rmSync(Q, { recursive: true, force: true });
	}
	return 0;
}

async function stopN8n(p) {
	if (!p.pid) return;
	const ok = await infra.stopPid(p.pid, { graceMs: 20000 });
	log(`${p.name} (pid ${p.pid}) ${ok ? 'stopped' : 'did NOT stop'}`);
}

function smokeWorkflow() {
	const webhookId = '6f2d7d38-3c1e-4c55-9a52-5f0d2b7f4a10';
	return {
		id: SMOKE_WORKFLOW_ID,
		name: 'Queue mode smoke test',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		nodes: [
			{
				id: 'a1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { httpMethod: 'POST', path: SMOKE_PATH, responseMode: 'lastNode', options: {} },
			},
			{
				// one of this package's nodes, so the run proves the package is installed on the workers
				id: 'a2',
				name: 'Invoke URL',
				type: `${n8n.PACKAGE_NAME}.invokeUrl`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { authentication: 'none', method: 'GET', url: "={{ 'http://127.0.0.1:' + Number($json.body.mainPort) + '/healthz' }}", options: { retries: 0 } },
			},
			{
				id: 'a3',
				name: 'Result',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [440, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: 'r1', name: 'seq', type: 'string', value: "={{ $('Webhook').item.json.body.seq }}" },
							{ id: 'r2', name: 'executionId', type: 'string', value: '={{ $execution.id }}' },
							{ id: 'r3', name: 'healthStatus', type: 'string', value: '={{ $json.body.status }}' },
						],
					},
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Invoke URL', type: 'main', index: 0 }]] },
			'Invoke URL': { main: [[{ node: 'Result', type: 'main', index: 0 }]] },
		},
	};
}

/** Which worker log says "Worker started execution <id>" for each id. */
function executionsByWorker(state, ids) {
	const by = {};
	for (const p of state.processes.filter((x) => x.role === 'worker')) {
		const text = fs.existsSync(p.logFile) ? fs.readFileSync(p.logFile, 'utf8') : '';
		const seen = new Set([...text.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]));
		by[p.name] = ids.filter((id) => seen.has(String(id)));
	}
	return by;
}

async function smoke(opts) {
	const state = readState();
	if (!state) throw new Error('not up: run `node scripts/queue-mode.js up` first');
	const requests = Math.min(Number(opts.requests || 20), 90);
	const inst = mainInstance(state);
	const webhook = state.processes.find((p) => p.role === 'webhook');
	const wanted = smokeWorkflow();
	let wf = null;
	try {
		wf = await n8n.rest(inst, 'GET', `/workflows/${SMOKE_WORKFLOW_ID}`);
	} catch (e) {
		if (e.status !== 404 && e.status !== 400) throw e;
	}
	const sameNodes = (a, b) => JSON.stringify(a.nodes.map((x) => [x.type, x.parameters])) === JSON.stringify(b.nodes.map((x) => [x.type, x.parameters]));
	if (wf && !sameNodes(wf, wanted)) {
		log(`workflow ${SMOKE_WORKFLOW_ID} differs from this script's version: re-importing it`);
		if (wf.active) await n8n.deactivateWorkflow(inst, SMOKE_WORKFLOW_ID);
		wf = null;
	}
	if (!wf) {
		log(`importing workflow ${SMOKE_WORKFLOW_ID} (n8n import:workflow against the queue database)…`);
		n8n.importWorkflows(inst, [wanted]);
		wf = await n8n.rest(inst, 'GET', `/workflows/${SMOKE_WORKFLOW_ID}`);
	}
	if (!wf.active) {
		log('activating it over REST on main…');
		await n8n.activateWorkflow(inst, SMOKE_WORKFLOW_ID);
	}
	// ports change between runs, so main's port comes with each request (only a port: the
	// workflow always calls 127.0.0.1:<port>/healthz, never a URL taken from the request)
	const mainPort = inst.port;
	// the executions list answers at most 100 per call: keep the run inside one page
	const before = new Set((await n8n.listExecutions(inst, { workflowId: SMOKE_WORKFLOW_ID, limit: 100 })).map((e) => String(e.id)));
	const url = `${webhook.url}/webhook/${SMOKE_PATH}`;
	log(`POST ${url} × ${requests} (concurrently)…`);
	const t0 = Date.now();
	let responses = [];
	// the webhook process may need a moment to see a just-activated workflow
	for (let attempt = 0; attempt < 20; attempt++) {
		const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seq: 'probe', mainPort }) });
		const probeText = await probe.text();
		if (probe.status === 200) {
			responses.push({ status: probe.status, text: probeText });
			break;
		}
		if (attempt === 19) throw new Error(`webhook answered ${probe.status}: ${probeText.slice(0, 300)}`);
		await sleep(500);
	}
	responses = responses.concat(
		await Promise.all(
			Array.from({ length: requests }, async (_, i) => {
				const r = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ seq: String(i), mainPort }),
					signal: AbortSignal.timeout(120000),
				});
				return { status: r.status, text: await r.text() };
			}),
		),
	);
	const elapsed = Date.now() - t0;
	const bodies = responses.map((r) => {
		try {
			return JSON.parse(r.text);
		} catch {
			return { raw: r.text.slice(0, 200) };
		}
	});
	const okResponses = bodies.filter((b, i) => responses[i].status === 200 && b.healthStatus === 'ok' && b.executionId);
	const seqs = new Set(bodies.map((b) => b.seq));
	const missingSeq = Array.from({ length: requests }, (_, i) => String(i)).filter((s) => !seqs.has(s));
	// executions as main records them (the workers write the results to the shared database)
	let fresh = [];
	for (let i = 0; i < 40; i++) {
		fresh = (await n8n.listExecutions(inst, { workflowId: SMOKE_WORKFLOW_ID, limit: 100 })).filter((e) => !before.has(String(e.id)));
		if (fresh.length >= responses.length && fresh.every((e) => e.status !== 'running' && e.status !== 'new')) break;
		await sleep(250);
	}
	const byStatus = {};
	for (const e of fresh) byStatus[e.status] = (byStatus[e.status] || 0) + 1;
	const ids = fresh.map((e) => String(e.id));
	const byWorker = executionsByWorker(state, ids);
	const onWorkers = Object.values(byWorker).reduce((n, l) => n + l.length, 0);
	const readLog = (p) => (fs.existsSync(p.logFile) ? fs.readFileSync(p.logFile, 'utf8') : '');
	const mainLog = readLog(state.processes[0]);
	const enqueued = new Set([...readLog(webhook).matchAll(/Enqueued execution (\d+)/g)].map((m) => m[1]));
	// N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true: main must not serve production webhooks
	const onMain = await fetch(`${inst.url}/webhook/${SMOKE_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	await onMain.arrayBuffer();
	const report = {
		webhookUrl: url,
		requests: responses.length,
		http200WithResult: okResponses.length,
		missingSeq,
		elapsedMs: elapsed,
		executionsOnMain: fresh.length,
		executionStatus: byStatus,
		executionModes: [...new Set(fresh.map((e) => e.mode))],
		executionsPerWorker: Object.fromEntries(Object.entries(byWorker).map(([k, v]) => [k, v.length])),
		executionsStartedInWorkerLogs: onWorkers,
		enqueuedByWebhookProcess: ids.filter((id) => enqueued.has(id)).length,
		mainRanExecutions: /Worker started execution/.test(mainLog),
		mainProductionWebhookStatus: onMain.status,
	};
	process.stdout.write(JSON.stringify(report, null, 2) + '\n');
	const pass =
		okResponses.length === responses.length &&
		missingSeq.length === 0 &&
		fresh.length === responses.length &&
		(byStatus.success || 0) === responses.length &&
		onWorkers === responses.length &&
		report.enqueuedByWebhookProcess === responses.length &&
		onMain.status === 404;
	process.stdout.write(pass ? 'SMOKE PASS: every request ran on a worker and succeeded\n' : 'SMOKE FAIL\n');
	return pass ? 0 : 1;
}

async function cliMain() {
	const opts = flags({ workers: 2, concurrency: 10, fresh: false, tarball: '', 'no-build': false, purge: false, requests: 20 });
	const cmd = opts._[0];
	const commands = { up, down, status, smoke };
	if (!commands[cmd]) {
		process.stderr.write('usage: node scripts/queue-mode.js up|down|status|smoke [options] (see the header of this file)\n');
		return 2;
	}
	return commands[cmd](opts);
}

if (require.main === module) {
	cliMain().then(
		(code) => process.exit(code || 0),
		(e) => {
			process.stderr.write(`[queue-mode] ${e.stack || e.message}\n`);
			process.exit(1);
		},
	);
}

module.exports = { up, down, status, smoke, readState, mainInstance, STATE_FILE, SMOKE_WORKFLOW_ID };
