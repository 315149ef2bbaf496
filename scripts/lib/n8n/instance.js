'use strict';
// One n8n instance: a user folder with its environment (owner, encryption key, ports on loopback), n8n's CLI for
// imports and publishing, and the n8n process itself, started and stopped by PID.
// Facts behind each step: docs/n8n-runtime-notes.md §8, §9, §11, §12.
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { ensureRuntime, ROOT } = require('../runtime');
const { sleep, freePort, tail: tailOf } = require('../toolkit');

const tail = (file, n = 60) => tailOf(file, n);
const { CACHE, log, sh, writeJson, packPackage, installPackage } = require('./package');

const DEFAULT_OWNER = { email: 'owner@example.com', password: 'Sandbox-Passw0rd', firstName: 'Demo', lastName: 'Owner' };

function portFree(port) {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
	});
}

/** A free port P such that P+1 is free too (n8n's task-runner broker listens on N8N_PORT+1 here). */
async function freePortPair() {
	for (let i = 0; i < 50; i++) {
		const p = await freePort();
		if (p < 65000 && (await portFree(p + 1))) return p;
	}
	throw new Error('no free port pair found');
}

function bcryptHash(password, n8nDir) {
	// n8n's own bcryptjs, so the hash is exactly what n8n's owner-by-env check expects.
	const bcrypt = require(path.join(n8nDir, 'node_modules', 'bcryptjs'));
	return bcrypt.hashSync(password, 10);
}

/**
 * Prepare a user folder and the environment of one n8n instance (does not start it).
 * @param {object} o
 * @param {number} [o.port]          N8N_PORT; default: a free pair (port, port+1)
 * @param {string} [o.userFolder]    default .cache/e2e/<name>-<port>; wiped first unless keep
 * @param {boolean} [o.keep=false]   keep an existing user folder (npm start's persistent home)
 * @param {object} [o.env]           extra environment for n8n
 * @param {'tarball'|'npm'|false} [o.installMode='tarball']  false: install nothing
 * @param {string} [o.tarball]       default: packPackage()
 * @param {object} [o.owner]         { email, password, firstName, lastName }
 * @param {string} [o.name='n8n']
 */
async function createInstance(o = {}) {
	const rt = ensureRuntime();
	const port = o.port || (await freePortPair());
	const name = o.name || 'n8n';
	const userFolder = path.resolve(o.userFolder || path.join(CACHE, 'e2e', `${name}-${port}`));
	if (!o.keep) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	const owner = { ...DEFAULT_OWNER, ...(o.owner || {}) };
	const url = `http://127.0.0.1:${port}`;
	const keyFile = path.join(userFolder, 'encryption-key');
	if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
	const env = {
		PATH: `${rt.NODE24_BIN}:${process.env.PATH}`,
		HOME: process.env.HOME,
		LANG: process.env.LANG || 'C.UTF-8',
		TZ: process.env.TZ || 'UTC',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		WEBHOOK_URL: `${url}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENCRYPTION_KEY: fs.readFileSync(keyFile, 'utf8'),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(owner.password, rt.N8N_DIR),
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		// Profiling aid (e.g. N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof"): Node options for n8n itself only.
		...(process.env.N8N_NODE_OPTIONS ? { NODE_OPTIONS: process.env.N8N_NODE_OPTIONS } : {}),
		// n8n settings to compare (e.g. N8N_EXTRA_ENV="N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true"), comma-separated.
		...extraEnv(process.env.N8N_EXTRA_ENV),
		...(o.env || {}),
	};
	const inst = {
		name,
		port,
		url,
		userFolder,
		n8nFolder: path.join(userFolder, '.n8n'),
		logFile: path.join(userFolder, 'n8n.log'),
		env,
		owner,
		rt,
		pid: null,
		proc: null,
		browserId: crypto.randomUUID(),
		cookie: null,
		installMode: null,
		packageDir: null,
	};
	if (o.installMode !== false) installPackage(inst, o.tarball || packPackage(), o.installMode || 'tarball');
	return inst;
}

/** "A=1,B=2" -> { A: '1', B: '2' } (empty entries ignored). */
function extraEnv(list) {
	return Object.fromEntries(
		String(list || '')
			.split(',')
			.map((kv) => kv.trim())
			.filter((kv) => kv.includes('='))
			.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
	);
}

/** Run an n8n CLI command (Node 24) against the instance's user folder; returns stdout. */
function cli(inst, args) {
	return sh(inst.rt.NODE24, [inst.rt.N8N_BIN, ...args], { env: inst.env, cwd: inst.userFolder, timeout: 300000 });
}

function importFile(inst, kind, items) {
	const file = path.join(inst.userFolder, 'import', `${kind}-${Date.now()}-${crypto.randomBytes(3).toString('hex')}.json`);
	writeJson(file, items);
	try {
		return cli(inst, [`import:${kind}`, `--input=${file}`]);
	} finally {
		// the file holds plain-text credential data: never leave it behind
		fs.rmSync(file, { force: true });
	}
}

/** creds: [{ id, name, type, data: {...plain} }]; encrypted by n8n on import. Before start (or restart after). */
function importCredentials(inst, creds) {
	if (creds.length) importFile(inst, 'credentials', creds);
}

/** workflows: full workflow JSON objects (each with a string id). Imported inactive. */
function importWorkflows(inst, workflows) {
	if (workflows.length) importFile(inst, 'workflow', workflows);
}

/** CLI publish (activation); only takes effect when n8n starts after it (§12). */
function publishWorkflow(inst, id, versionId) {
	cli(inst, ['publish:workflow', `--id=${id}`, ...(versionId ? [`--versionId=${versionId}`] : [])]);
}


/** Spawn `n8n start` (own process group, log to inst.logFile), wait for /healthz/readiness; returns the pid. */
async function start(inst, { timeoutMs = 240000 } = {}) {
	if (inst.proc) return inst.pid;
	const out = fs.openSync(inst.logFile, 'a');
	const proc = spawn(inst.rt.NODE24, [inst.rt.N8N_BIN, 'start'], {
		env: inst.env,
		cwd: inst.userFolder,
		stdio: ['ignore', out, out],
		detached: true,
	});
	fs.closeSync(out);
	inst.proc = proc;
	inst.pid = proc.pid;
	inst.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
	let exited = null;
	inst.exited.then((e) => (exited = e));
	log(`starting n8n on ${inst.url} (pid ${proc.pid}, log ${path.relative(ROOT, inst.logFile)})`);
	const t0 = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		if (exited) {
			inst.proc = null;
			throw new Error(`n8n exited early (${JSON.stringify(exited)}); log tail:\n${tail(inst.logFile)}`);
		}
		try {
			const r = await fetch(`${inst.url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (r.status === 200) {
				log(`n8n ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
				return proc.pid;
			}
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	await stop(inst);
	throw new Error(`n8n not ready after ${timeoutMs} ms; log tail:\n${tail(inst.logFile)}`);
}

/** Stop by PID: SIGTERM to n8n's process group (n8n + task runners), SIGKILL after graceMs. */
async function stop(inst, { graceMs = 15000 } = {}) {
	if (!inst.proc || !inst.pid) return;
	const pid = inst.pid;
	const kill = (sig) => {
		try {
			process.kill(-pid, sig);
		} catch {
			try {
				process.kill(pid, sig);
			} catch {
				// already gone
			}
		}
	};
	kill('SIGTERM');
	const done = await Promise.race([inst.exited.then(() => true), sleep(graceMs).then(() => false)]);
	if (!done) {
		kill('SIGKILL');
		await Promise.race([inst.exited, sleep(3000)]);
	}
	kill('SIGKILL'); // leftover children in the group (task runner), if any
	inst.proc = null;
	inst.pid = null;
	inst.cookie = null;
}

module.exports = { DEFAULT_OWNER, freePortPair, createInstance, cli, importCredentials, importWorkflows, publishWorkflow, start, stop, tail };
