'use strict';
// Redis and PostgreSQL for queue mode (scripts/lib/queue-infra/): private instances, reused when
// running, reachable only with the generated password, stopped by PID.
// Run: node --test test/e2e/queue/   (installs redis-server/postgresql with apt-get if missing; root)
const path = require('node:path');
const fs = require('node:fs');
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..', '..');
process.env.QUEUE_MODE_DIR = path.join(ROOT, '.cache', 'queue-e2e-infra');
process.env.QUEUE_QUIET = '1';
const infra = require('../../../scripts/lib/queue-infra');

let redis;
let pg;
after(async () => {
	await infra.stopService(redis);
	await infra.stopService(pg);
	fs.rmSync(process.env.QUEUE_MODE_DIR, { recursive: true, force: true });
});

function psqlAs(user, password, sql) {
	return execFileSync(path.join(pg.binDir, 'psql'), ['-X', '-t', '-A', '-h', '127.0.0.1', '-p', String(pg.port), '-U', user, '-d', pg.database, '-c', sql], {
		encoding: 'utf8',
		env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
		stdio: ['ignore', 'pipe', 'pipe'],
	}).trim();
}

test('ensureRedis starts a loopback redis that answers PING and reuses it on the next call', async () => {
	redis = await infra.ensureRedis();
	assert.equal(redis.host, '127.0.0.1');
	assert.equal(await infra.redisCommand(redis.port, 'PING'), '+PONG');
	assert.ok(redis.dir.startsWith(process.env.QUEUE_MODE_DIR), 'data dir is under the queue folder');
	const again = await infra.ensureRedis();
	assert.equal(again.pid, redis.pid);
	assert.equal(again.port, redis.port);
});

test('ensurePostgres creates the n8n database, reachable over TCP only with the generated password', async () => {
	pg = await infra.ensurePostgres();
	assert.equal(psqlAs('n8n', pg.password, 'select current_user'), 'n8n');
	assert.equal(psqlAs('n8n', pg.password, 'select current_database()'), 'n8n');
	assert.throws(() => psqlAs('n8n', 'wrong-password', 'select 1'), /password authentication failed/);
	// the server runs as postgres, never as root
	const owner = execFileSync('ps', ['-o', 'user=', '-p', String(pg.pid)], { encoding: 'utf8' }).trim();
	assert.equal(owner, 'postgres');
});

test('ensurePostgres reuses the running cluster and keeps the password working', async () => {
	const again = await infra.ensurePostgres();
	assert.equal(again.pid, pg.pid);
	assert.equal(again.password, pg.password);
	assert.equal(psqlAs('n8n', again.password, 'select 1'), '1');
});

test('recreateDatabase empties the n8n database', () => {
	psqlAs('n8n', pg.password, 'create table leftover(x int)');
	infra.recreateDatabase(pg, pg);
	assert.equal(psqlAs('n8n', pg.password, "select count(*) from pg_tables where tablename = 'leftover'"), '0');
});

test('stopService ends redis and postgres by PID and forgets them', async () => {
	assert.equal(await infra.stopService(redis), true);
	assert.equal(await infra.stopService(pg), true);
	assert.equal(infra.pidAlive(redis.pid), false);
	assert.equal(infra.pidAlive(pg.pid), false);
	assert.equal(infra.readService(redis.dir), null);
	assert.equal(await infra.redisCommand(redis.port, 'PING'), '');
});
