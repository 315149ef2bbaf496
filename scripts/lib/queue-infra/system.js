'use strict';
// The system side of the queue-mode services: Debian packages through apt-get, free ports, PIDs (alive, stopped by
// group), the <dir>/service.json record of each running service; free ports and log tails come from the toolkit.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { logger, sleep, freePort, tail } = require('../toolkit');

const ROOT = path.resolve(__dirname, '..', '..', '..');
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


function userExists(name) {
	try {
		return fs.readFileSync('/etc/passwd', 'utf8').split('\n').some((l) => l.startsWith(`${name}:`));
	} catch {
		return false;
	}
}

// ---------------------------------------------------------------------------------------------
// ports, PIDs, service records

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

module.exports = { ROOT, QUEUE_DIR, log, sh, which, aptInstall, userExists, freePort, pidAlive, readService, writeService, stopPid, tail };
