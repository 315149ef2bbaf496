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
const system = require('./system');
const redis = require('./redis');
const postgres = require('./postgres');

const { QUEUE_DIR, log, readService, stopPid } = system;


/** Stop a service started by ensureRedis/ensurePostgres (info from the call or from <dir>/service.json). */
async function stopService(info) {
	if (!info) return true;
	let ok;
	if (info.name === 'postgres') {
		try {
			// fast shutdown: disconnect clients, checkpoint, exit
			postgres.asPostgres(info, 'pg_ctl', ['stop', '-w', '-t', '30', '-m', 'fast', '-D', info.dataDir], { timeout: 40000 });
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
	aptInstall: system.aptInstall,
	redisBinary: redis.redisBinary,
	postgresBinaries: postgres.postgresBinaries,
	freePort: system.freePort,
	pidAlive: system.pidAlive,
	stopPid,
	readService,
	redisCommand: redis.redisCommand,
	ensureRedis: redis.ensureRedis,
	stopRedis,
	ensurePostgres: postgres.ensurePostgres,
	ensureDatabase: postgres.ensureDatabase,
	recreateDatabase: postgres.recreateDatabase,
	psql: postgres.psql,
	stopPostgres,
	stopService,
	queueEnv,
	tail: system.tail,
};
