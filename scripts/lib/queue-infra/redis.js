'use strict';
// A private Redis (Debian's redis-server) for n8n queue mode, on a free loopback port, data under .cache/queue.
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const { spawn } = require('node:child_process');
const { sleep } = require('../toolkit');
const { QUEUE_DIR, log, which, aptInstall, freePort, pidAlive, readService, writeService, stopPid, tail } = require('./system');

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

module.exports = { redisBinary, redisCommand, ensureRedis };
