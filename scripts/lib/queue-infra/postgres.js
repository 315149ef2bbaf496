'use strict';
// A private PostgreSQL (Debian's packages) for n8n queue mode. PostgreSQL refuses to run as root, so initdb, pg_ctl
// and psql run as the `postgres` user (created by the Debian package) through `runuser -u postgres --`.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { ROOT, QUEUE_DIR, log, sh, which, aptInstall, userExists, freePort, pidAlive, readService, writeService, stopPid, tail } = require('./system');

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

module.exports = { postgresBinaries, asPostgres, psql, ensureDatabase, recreateDatabase, ensurePostgres };
