'use strict';
// `npm run test:e2e [-- <name filter>...]`: end-to-end tests in a real n8n 2.41.1.
// Installs the runtime on first use (scripts/lib/runtime.js), builds and packs the package once,
// then runs every test/e2e/*.e2e.js with node:test, one file at a time (each starts its own n8n
// instance(s) and sandbox on free ports), and ends with "N passed, N failed".
// Env: E2E_SKIP_BUILD=1 reuses the newest .cache/pack tarball (fast re-runs while editing tests).
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureRuntime, ROOT } = require('./lib/runtime');
const { packPackage } = require('./lib/n8n');
const { flags, newestTarball } = require('./lib/toolkit');

async function main() {
	const filters = flags({})._;
	const dir = path.join(ROOT, 'test', 'e2e');
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.e2e.js'))
		.filter((f) => !filters.length || filters.some((x) => f.includes(x)))
		.sort((a, b) => (a === 'package.e2e.js' ? -1 : b === 'package.e2e.js' ? 1 : a.localeCompare(b)))
		.map((f) => path.join(dir, f));
	if (!files.length) {
		console.log('0 passed, 0 failed (no e2e files matched)');
		return 0;
	}
	ensureRuntime();
	const tarball = process.env.E2E_SKIP_BUILD === '1' && newestTarball() ? newestTarball() : packPackage();
	const resultsDir = path.join(ROOT, '.cache', 'e2e');
	fs.mkdirSync(resultsDir, { recursive: true });
	const tap = path.join(resultsDir, `results-${process.pid}.tap`);
	fs.rmSync(tap, { force: true });
	const args = [
		'--test',
		'--test-concurrency=1',
		'--test-reporter=spec',
		'--test-reporter-destination=stdout',
		'--test-reporter=tap',
		`--test-reporter-destination=${tap}`,
		...files,
	];
	const code = await new Promise((resolve) => {
		const child = spawn(process.execPath, args, {
			cwd: ROOT,
			stdio: 'inherit',
			env: { ...process.env, E2E_TARBALL: tarball },
		});
		const forward = (sig) => child.kill(sig);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('exit', (c) => resolve(c === null ? 1 : c));
	});
	const out = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
	// the last "# pass N" / "# fail N" lines of the TAP summary are the totals
	const total = (key) => Number((out.match(new RegExp(`^# ${key} (\\d+)$`, 'gm')) || [`# ${key} 0`]).pop().split(' ').pop());
	const pass = total('pass');
	// a failing before() hook cancels its tests: they count as failed, and the suite itself too
	let fail = total('fail') + total('cancelled');
	if (code !== 0 && fail === 0) fail = 1;
	console.log(`\n${pass} passed, ${fail} failed`);
	return fail > 0 || code !== 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(err) => {
		console.error(err && err.stack ? err.stack : err);
		console.log('\n0 passed, 1 failed');
		process.exit(1);
	},
);
