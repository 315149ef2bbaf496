'use strict';
// Redis and PostgreSQL for n8n queue mode (docs/n8n-runtime-notes.md §10), as private instances of the
// Debian packages: installed with apt-get when missing (CI is a fresh machine with Node 20 + npm,
// and we are root), started on free loopback ports with their data under .cache/queue, never the
// system services. Each service records { pid, port, ... } in <dir>/service.json, so ensureX() is
// idempotent (a running instance is reused) and stopService() works from another process by PID.
//
// PostgreSQL refuses to run as root, so initdb, pg_ctl and psql run as the `postgres` user
// (created by the Debian package) through `runuser -u postgres --`.
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const crypto = require('node:crypto');
const { spawn, execFileSync } = require('node:child_process');
const { logger, sleep } = require('./toolkit');

const ROOT = path.resolve(__dirname, '..', '..');
// QUEUE_MODE_DIR: another root (tests use their own, so they never touch a running `up`).
const QUEUE_DIR = process.env.QUEUE_MODE_DIR ? path.resolve(ROOT, process.env.QUEUE_MODE_DIR) : path.join(ROOT, '.cache', 'queue');

const log = logger('queue-infra', 'QUEUE_QUIET');

function sh(cmd, args, opts = {}) {
	return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 << 20, ...opts });
}


function which(bin) {
	for (const dir of (process.env.PATH || '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin'])) {
		const p = path.join(dir, bin);
		try {
			fs.accessSync(p, fs.constants.X_OK);
			return p;
		} catch {
			// not here
		}
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// apt-get

let aptUpdated = false;
const POLICY_RC = '/usr/sbin/policy-rc.d';

/**
 * apt-get install Debian packages (update once per process). While it runs, a policy-rc.d that
 * answers 101 stops the packages' postinst from starting the system redis/postgresql services
 * (Debian's documented switch, man invoke-rc.d); it is removed afterwards if we created it.
 */
function aptInstall(pkgs) {
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`need root to apt-get install ${pkgs.join(' ')} (or install them first)`);
	}
	if (!which('apt-get')) throw new Error(`apt-get not found; install ${pkgs.join(' ')} by hand`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lock = ['-o', 'DPkg::Lock::Timeout=600'];
	let createdPolicy = false;
	if (!fs.existsSync(POLICY_RC)) {
		fs.writeFileSync(POLICY_RC, '#!/bin/sh\n# temporary, written by scripts/lib/queue-infra.js\nexit 101\n', { mode: 0o755 });
		createdPolicy = true;
	}
	try {
		if (!aptUpdated) {
			log('apt-get update…');
			sh('apt-get', [...lock, 'update', '-q'], { env, timeout: 600000 });
			aptUpdated = true;
		}
		log(`apt-get install ${pkgs.join(' ')}…`);
		sh('apt-get', [...lock, 'install', '-y', '-q', '--no-install-recommends', ...pkgs], { env, timeout: 900000 });
	} catch (e) {
		throw new Error(`apt-get install ${pkgs.join(' ')} failed:\n${((e.stdout || '') + (e.stderr || '')).slice(-3000)}`);
	} finally {
		if (createdPolicy) fs.rmSync(POLICY_RC, { force: true });
	}
}

/** Path of redis-server, installing Debian's redis-server when missing. */
function redisBinary() {
	let bin = which('redis-server');
	if (!bin) {
		aptInstall(['redis-server']);
		bin = which('redis-server');
	}
	if (!bin) throw new Error('redis-server still not found after apt-get install');
	return bin;
}

/** { bin, version } of the newest PostgreSQL in /usr/lib/postgresql, installing Debian's postgresql when missing. */
function postgresBinaries() {
	const find = () => {
		const base = '/usr/lib/postgresql';
		if (!fs.existsSync(base)) return null;
		const versions = fs
			.readdirSync(base)
			.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres')) && fs.existsSync(path.join(base, v, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		return versions.length ? { bin: path.join(base, versions[0], 'bin'), version: versions[0] } : null;
	};
	let found = find();
	if (!found || !which('runuser') || !userExists('postgres')) {
		aptInstall(['postgresql', 'util-linux']);
		found = find();
	}
	if (!found) throw new Error('PostgreSQL binaries not found in /usr/lib/postgresql after apt-get install');
	if (!userExists('postgres')) throw new Error('the postgres system user is missing');
	return found;
}

function userExists(name) {
	try {
		return fs.readFileSync('/etc/passwd', 'utf8').split('\n').some((l) => l.startsWith(`${name}:`));
	} catch {
		return false;
	}
}

// ---------------------------------------------------------------------------------------------
// ports, PIDs, service records

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

function pidAlive(pid) {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
	} catch (e) {
		return e.code === 'EPERM';
	}
	// a zombie (exited, not yet reaped by its parent) still answers kill 0
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return true;
	}
}

function readService(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, 'service.json'), 'utf8'));
	} catch {
		return null;
	}
}

function writeService(dir, info) {
	fs.writeFileSync(path.join(dir, 'service.json'), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
}

/**
 * Stop a process (and its process group when it leads one) by PID: SIGTERM, then SIGKILL after
 * graceMs. Resolves true when it is gone.
 */
async function stopPid(pid, { graceMs = 15000, group = true } = {}) {
	if (!pidAlive(pid)) return true;
	const kill = (sig) => {
		if (group) {
			try {
				process.kill(-pid, sig);
				return;
			} catch {
				// not a group leader
			}
		}
		try {
			process.kill(pid, sig);
		} catch {
			// gone
		}
	};
	kill('SIGTERM');
	const t0 = Date.now();
	while (Date.now() - t0 < graceMs) {
		if (!pidAlive(pid)) return true;
		await sleep(200);
	}
	kill('SIGKILL');
	await sleep(300);
	return !pidAlive(pid);
}

function tail(file, n = 30) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

// ---------------------------------------------------------------------------------------------
// Redis

/** Send one inline command, resolve with the first reply line ('' on error). */
function redisCommand(port, command, { host = '127.0.0.1', timeoutMs = 1000 } = {}) {
	return new Promise((resolve) => {
		const sock = net.connect({ host, port });
		let buf = '';
		const done = (v) => {
			sock.destroy();
			resolve(v);
		};
		sock.setTimeout(timeoutMs, () => done(''));
		sock.once('error', () => done(''));
		sock.once('connect', () => sock.write(`${command}\r\n`));
		sock.on('data', (d) => {
			buf += d.toString('utf8');
			const i = buf.indexOf('\r\n');
			if (i >= 0) done(buf.slice(0, i));
		});
	});
}

/**
 * A private redis-server on a free loopback port (data in <dir>, no persistence needed for Bull).
 * Reuses a running instance recorded in <dir>/service.json.
 * @returns {Promise<{ name:'redis', pid, host, port, dir, logFile }>}
 */
async function ensureRedis({ dir = path.join(QUEUE_DIR, 'redis'), port, logDir = path.join(QUEUE_DIR, 'logs') } = {}) {
	fs.mkdirSync(dir, { recursive: true });
	fs.mkdirSync(logDir, { recursive: true });
	const prev = readService(dir);
	if (prev && pidAlive(prev.pid) && (await redisCommand(prev.port, 'PING')) === '+PONG') {
		log(`redis already running on 127.0.0.1:${prev.port} (pid ${prev.pid})`);
		return prev;
	}
	const bin = redisBinary();
	const p = port || (await freePort());
	const logFile = path.join(logDir, 'redis.log');
	const out = fs.openSync(logFile, 'a');
	// --daemonize no: we own the process and stop it by PID; --save '' and --appendonly no: the
	// queue is rebuilt with the stack, and a write error on a snapshot must not block Bull.
	const child = spawn(
		bin,
		['--port', String(p), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
		{ cwd: dir, stdio: ['ignore', out, out], detached: true },
	);
	fs.closeSync(out);
	child.unref();
	const info = { name: 'redis', pid: child.pid, host: '127.0.0.1', port: p, dir, logFile, startedAt: new Date().toISOString() };
	const t0 = Date.now();
	while (Date.now() - t0 < 20000) {
		if (!pidAlive(child.pid)) throw new Error(`redis-server exited early; log tail:\n${tail(logFile)}`);
		if ((await redisCommand(p, 'PING')) === '+PONG') {
			writeService(dir, info);
			log(`redis ready on 127.0.0.1:${p} (pid ${child.pid})`);
			return info;
		}
		await sleep(100);
	}
	await stopPid(child.pid);
	throw new Error(`redis-server did not answer PING within 20 s; log tail:\n${tail(logFile)}`);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

function asPostgres(pg, bin, args, opts = {}) {
	return sh('runuser', ['-u', 'postgres', '--', path.join(pg.binDir, bin), ...args], { cwd: '/', ...opts });
}

/** Run SQL as the superuser over the private socket; SQL goes on stdin (never on a command line). */
function psql(pg, sql, { database = 'postgres' } = {}) {
	try {
		return asPostgres(pg, 'psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', pg.socketDir, '-p', String(pg.port), '-U', 'postgres', '-d', database], {
			input: sql,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
	} catch (e) {
		throw new Error(`psql failed: ${(e.stderr || e.message).slice(0, 1000)}`);
	}
}

function chownPostgres(p) {
	sh('chown', ['-R', 'postgres:postgres', p]);
}

function pgIsReady(pg) {
	try {
		asPostgres(pg, 'pg_isready', ['-q', '-h', pg.socketDir, '-p', String(pg.port)]);
		return true;
	} catch {
		return false;
	}
}

function postmasterPid(dataDir) {
	try {
		return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
	} catch {
		return null;
	}
}

const ident = (s) => {
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(s)) throw new Error(`unsafe SQL identifier: ${s}`);
	return s;
};
const literal = (s) => `'${String(s).replace(/'/g, "''")}'`;

/**
 * Create (or update) a login role and a database it owns. Idempotent; the password is reset to
 * the given one each time.
 */
function ensureDatabase(pg, { database, user, password }) {
	ident(database);
	ident(user);
	psql(
		pg,
		`DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(user)}) THEN
    CREATE ROLE ${user} LOGIN PASSWORD ${literal(password)};
  ELSE
    ALTER ROLE ${user} LOGIN PASSWORD ${literal(password)};
  END IF;
END $$;\n`,
	);
	const exists = psql(pg, `SELECT 1 FROM pg_database WHERE datname = ${literal(database)};\n`).trim() === '1';
	if (!exists) psql(pg, `CREATE DATABASE ${database} OWNER ${user} ENCODING 'UTF8' TEMPLATE template0;\n`);
	return { database, user, password };
}

/** Drop and recreate a database (a clean n8n schema for a fresh run). */
function recreateDatabase(pg, { database, user }) {
	ident(database);
	ident(user);
	psql(pg, `DROP DATABASE IF EXISTS ${database} WITH (FORCE);\n`);
	psql(pg, `CREATE DATABASE ${database} OWNER ${user} ENCODING 'UTF8' TEMPLATE template0;\n`);
}

/**
 * A private PostgreSQL cluster: initdb into <dir>/data (once), started with pg_ctl as the
 * postgres user on a free loopback port with its socket in <dir>/run, then a database and a
 * login role for n8n. Reuses a running instance recorded in <dir>/service.json.
 * @returns {Promise<{ name:'postgres', pid, host, port, socketDir, dataDir, binDir, logFile,
 *   database, user, password }>}
 */
async function ensurePostgres({
	dir = path.join(QUEUE_DIR, 'postgres'),
	port,
	database = 'n8n',
	user = 'n8n',
	logDir = path.join(QUEUE_DIR, 'logs'),
} = {}) {
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	fs.mkdirSync(logDir, { recursive: true });
	const prev = readService(dir);
	if (prev && pidAlive(prev.pid) && pgIsReady(prev)) {
		ensureDatabase(prev, { database, user, password: prev.password });
		log(`postgres already running on 127.0.0.1:${prev.port} (pid ${prev.pid})`);
		return { ...prev, database, user };
	}
	const { bin: binDir, version } = postgresBinaries();
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'run');
	const logFile = path.join(logDir, 'postgres.log');
	fs.mkdirSync(socketDir, { recursive: true });
	// postgres must traverse every parent folder to reach its data; they are 0755 root here.
	chownPostgres(dir);
	fs.writeFileSync(logFile, '', { flag: 'a' });
	sh('chown', ['postgres:postgres', logFile]);
	const pg = { binDir, socketDir, dataDir };
	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		fs.rmSync(dataDir, { recursive: true, force: true });
		log(`initdb (PostgreSQL ${version}) in ${path.relative(ROOT, dataDir)}…`);
		// trust on the private socket only (folder 0700, owned by postgres); passwords over TCP.
		asPostgres(pg, 'initdb', ['-D', dataDir, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--auth-local=trust', '--auth-host=scram-sha-256']);
	}
	// A stale postmaster from a killed run holds the data dir: stop it before starting ours.
	const stale = postmasterPid(dataDir);
	if (stale && pidAlive(stale)) await stopPid(stale, { group: false });
	const p = port || (await freePort());
	pg.port = p;
	const opts = `-p ${p} -k ${socketDir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	try {
		asPostgres(pg, 'pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', opts], { timeout: 90000 });
	} catch (e) {
		throw new Error(`pg_ctl start failed: ${(e.stderr || e.message).slice(0, 500)}\nlog tail:\n${tail(logFile)}`);
	}
	const pid = postmasterPid(dataDir);
	const password = crypto.randomBytes(18).toString('base64url');
	const info = { name: 'postgres', pid, host: '127.0.0.1', port: p, socketDir, dataDir, binDir, logFile, database, user, password, startedAt: new Date().toISOString() };
	ensureDatabase(info, { database, user, password });
	writeService(dir, info);
	log(`postgres ${version} ready on 127.0.0.1:${p} (pid ${pid}), database ${database}`);
	return info;
}

/** Stop a service started by ensureRedis/ensurePostgres (info from the call or from <dir>/service.json). */
async function stopService(info) {
	if (!info) return true;
	let ok;
	if (info.name === 'postgres') {
		try {
			// fast shutdown: disconnect clients, checkpoint, exit
			asPostgres(info, 'pg_ctl', ['stop', '-w', '-t', '30', '-m', 'fast', '-D', info.dataDir], { timeout: 40000 });
		} catch {
			// fall through to the PID
		}
		ok = await stopPid(info.pid, { group: false });
	} else {
		ok = await stopPid(info.pid);
	}
	if (ok && info.dir) fs.rmSync(path.join(info.dir, 'service.json'), { force: true });
	if (ok && info.dataDir) fs.rmSync(path.join(path.dirname(info.dataDir), 'service.json'), { force: true });
	log(`${info.name} (pid ${info.pid}) ${ok ? 'stopped' : 'did NOT stop'}`);
	return ok;
}

function stopRedis({ dir = path.join(QUEUE_DIR, 'redis') } = {}) {
	return stopService(readService(dir));
}

function stopPostgres({ dir = path.join(QUEUE_DIR, 'postgres') } = {}) {
	return stopService(readService(dir));
}

/** Environment for every n8n process of the queue (docs/n8n-runtime-notes.md §10). */
function queueEnv(redis, pg) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		DB_POSTGRESDB_SCHEMA: 'public',
	};
}

module.exports = {
	QUEUE_DIR,
	aptInstall,
	redisBinary,
	postgresBinaries,
	freePort,
	pidAlive,
	stopPid,
	readService,
	redisCommand,
	ensureRedis,
	stopRedis,
	ensurePostgres,
	ensureDatabase,
	recreateDatabase,
	psql,
	stopPostgres,
	stopService,
	queueEnv,
	tail,
};
