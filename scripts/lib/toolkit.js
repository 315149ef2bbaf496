'use strict';
// Small helpers every script shares (one home instead of a copy per script): command-line flags in one style
// (`--name value`, `--name=value`, `--flag`), a tagged logger on stderr, sleep, waitFor, a bounded pool of async
// jobs, a free port, a log tail, and the newest packed tarball.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Parses process.argv (or `argv`) with node:util's parseArgs. `options` maps a flag name to its default:
 * a boolean default makes a switch (`--no-build`), anything else a flag that takes a value (returned as a string
 * unless the default is a number, then as a number). Unknown flags are an error naming the flag; bare words are
 * returned in `_`.
 */
function flags(options, argv = process.argv.slice(2)) {
	const spec = {};
	for (const [name, dflt] of Object.entries(options)) spec[name] = { type: typeof dflt === 'boolean' ? 'boolean' : 'string' };
	const { values, positionals } = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
	const out = { _: positionals };
	for (const [name, dflt] of Object.entries(options)) {
		const v = values[name];
		if (v === undefined) out[name] = dflt;
		else if (typeof dflt === 'number') {
			const n = Number(v);
			if (!Number.isFinite(n)) throw new Error(`--${name} takes a number, got "${v}"`);
			out[name] = n;
		} else out[name] = v;
	}
	return out;
}

/** A logger writing `[tag] message` lines to stderr; quiet when the named environment variable is "1". */
function logger(tag, quietEnv) {
	return (msg) => {
		if (quietEnv && process.env[quietEnv] === '1') return;
		process.stderr.write(`[${tag}] ${msg}\n`);
	};
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns something truthy (returned), or throws naming `what` after `timeoutMs`. */
async function waitFor(what, check, { timeoutMs = 30000, everyMs = 300 } = {}) {
	const t0 = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		const v = await check();
		if (v) return v;
		await sleep(everyMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A free TCP port on 127.0.0.1 (the OS picks it; it is closed again before it is returned). */
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

/** The last `n` lines of a log file ('' when it cannot be read), for error messages. */
function tail(file, n = 30) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

/** Runs async jobs with at most `concurrency` in flight; resolves with the results in job order. */
async function pool(jobs, concurrency, run) {
	const results = new Array(jobs.length);
	let next = 0;
	async function worker() {
		while (next < jobs.length) {
			const i = next++;
			results[i] = await run(jobs[i], i);
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
	return results;
}

/** Source files under `dir` (.ts/.js/.mjs/.cjs, no .d.ts), skipping node_modules and dot folders; absolute paths. */
function sourceFiles(dir, out = []) {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) sourceFiles(full, out);
		else if (/\.(ts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
	}
	return out;
}

/** The most recently written .tgz in .cache/pack (what `npm pack` left last), or null. */
function newestTarball() {
	const dir = path.join(ROOT, '.cache', 'pack');
	if (!fs.existsSync(dir)) return null;
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.tgz'))
		.map((f) => path.join(dir, f))
		.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
	return files[0] || null;
}

module.exports = { ROOT, flags, logger, sleep, waitFor, pool, freePort, tail, newestTarball, sourceFiles };
