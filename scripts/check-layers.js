'use strict';
// `npm run lint` runs this after ESLint: the import layering of house-style ("imports go one way") as an executable
// check, so a wrong import fails the lint instead of waiting for a reviewer. ESLint's own config is n8n's strict
// one (`n8n-node lint` refuses a modified eslint.config.mjs), hence a separate script.
//
// Usage: node scripts/check-layers.js            checks the repository tree, exit 1 on any violation
//        checkFiles([{ file, source }])         the same rules on given sources (test/scripts/check-layers.test.ts)
// Besides the one-way rules below, lib/ and nodes/ may hold no import cycle.
const fs = require('node:fs');
const path = require('node:path');
const { sourceFiles } = require('./lib/toolkit');

const ROOT = path.resolve(__dirname, '..');
const SCANNED = ['lib', 'nodes', 'credentials', 'scripts', 'sandbox', 'test'];

/**
 * Each rule: files it applies to (prefix of the repo-relative path), and a test on the resolved import that returns
 * the reason when the import is forbidden. `spec` is the import as written; `target` is the repo-relative path it
 * resolves to (null for a package or `node:` import).
 */
const RULES = [
	{
		files: 'lib/',
		why: 'lib/ is framework-free: n8n is reached only through nodes/shared',
		bad: ({ spec }) => /^n8n-(workflow|core)(\/|$)/.test(spec),
	},
	{
		files: 'lib/',
		why: 'lib/ never imports nodes/, credentials/, scripts/, sandbox/ or test/',
		bad: ({ target }) => target !== null && /^(nodes|credentials|scripts|sandbox|test)(\/|$)/.test(target),
	},
	{
		files: 'lib/sync/',
		why: 'lib/sync is the pure core: no node:* module, no package, no client, adapter or HTTP code',
		bad: ({ target }) => target === null || !(/^lib\/sync(\/|$)/.test(target) || target === 'lib/retriable'),
	},
	{
		files: 'lib/retriable.ts',
		why: 'lib/retriable.ts is the shared retriability table under lib/http and lib/sync: it imports nothing',
		bad: () => true,
	},
	{
		files: 'lib/http/',
		why: 'lib/http is the bottom layer: it imports no client, adapter or sync code',
		bad: ({ target }) => target !== null && /^lib\/(hubspot|zoho|sync|sync-adapters)(\/|$)/.test(target),
	},
	{
		files: 'lib/hubspot/',
		why: 'clients import lib/http and lib/webhooks only, never the other client, adapters or the sync core',
		bad: ({ target }) => target !== null && /^lib\/(zoho|sync|sync-adapters)(\/|$)/.test(target),
	},
	{
		files: 'lib/zoho/',
		why: 'clients import lib/http and lib/webhooks only, never the other client, adapters or the sync core',
		bad: ({ target }) => target !== null && /^lib\/(hubspot|sync|sync-adapters)(\/|$)/.test(target),
	},
	{
		files: 'lib/webhooks/',
		why: 'lib/webhooks holds signature helpers only: it imports no client, adapter or sync code',
		bad: ({ target }) => target !== null && /^lib\/(hubspot|zoho|sync|sync-adapters|http)(\/|$)/.test(target),
	},
	{
		files: 'nodes/',
		why: 'shipped nodes never import scripts/, sandbox/ or test/',
		bad: ({ target }) => target !== null && /^(scripts|sandbox|test)(\/|$)/.test(target),
	},
	{
		files: 'credentials/',
		why: 'credentials import only n8n-workflow and lib/',
		bad: ({ target }) => target !== null && /^(nodes|scripts|sandbox|test)(\/|$)/.test(target),
	},
	{
		files: 'scripts/',
		why: 'scripts never import tests',
		bad: ({ target }) => target !== null && /^test(\/|$)/.test(target),
	},
	{
		files: 'sandbox/',
		why: 'the sandbox stands in for the CRMs: it never imports the package it checks, scripts or tests',
		bad: ({ target }) => target !== null && /^(lib|nodes|credentials|scripts|test)(\/|$)/.test(target),
	},
];

const IMPORT_RE = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])([^'"]+)\1/gm;
// require(path.join(__dirname, '../test', 'x')) and path.resolve(...): the same import, spelt through `path`.
const PATH_REQUIRE_RE = /\brequire\s*\(\s*path\.(?:join|resolve)\s*\(\s*__dirname\s*((?:,\s*(['"])[^'"]+\2\s*)+)\)/gm;

function importsOf(source) {
	// comments may mention paths; strip them first (block comments, then line comments not inside strings)
	const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
	const out = [];
	for (const m of code.matchAll(IMPORT_RE)) out.push(m[2]);
	for (const m of code.matchAll(PATH_REQUIRE_RE)) {
		const parts = [...m[1].matchAll(/(['"])([^'"]+)\1/g)].map((p) => p[2]);
		out.push(path.posix.join('.', ...parts).replace(/^(?!\.)/, './'));
	}
	return out;
}

function resolveTarget(file, spec) {
	if (!spec.startsWith('.')) return null;
	return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}

/** Files whose imports must form no cycle (shipped code: a cycle makes load order matter and layers blur). */
const ACYCLIC = /^(lib|nodes)\//;

/** The module a repo-relative path without extension names: `lib/sync` -> `lib/sync/index`, `lib/sync/plan` as is. */
function moduleKey(file) {
	return file.replace(/\.(ts|js|mjs|cjs)$/, '');
}

/**
 * Import cycles among the given lib/ and nodes/ files (type-only imports count too: they tie the files together
 * all the same). One violation per cycle, on its first file, naming the whole loop.
 */
function findCycles(files) {
	const modules = new Map(files.filter((f) => ACYCLIC.test(f.file)).map((f) => [moduleKey(f.file), f]));
	const resolve = (key) => (modules.has(key) ? key : modules.has(`${key}/index`) ? `${key}/index` : undefined);
	const edges = new Map();
	for (const [key, { file, source }] of modules) {
		const targets = importsOf(source)
			.map((spec) => resolveTarget(file, spec))
			.filter((t) => t !== null)
			.map((t) => resolve(moduleKey(t)))
			.filter((t) => t !== undefined);
		edges.set(key, [...new Set(targets)]);
	}
	const state = new Map(); // key -> 'open' while on the DFS stack, 'done' after
	const stack = [];
	const cycles = [];
	const visit = (key) => {
		state.set(key, 'open');
		stack.push(key);
		for (const next of edges.get(key) ?? []) {
			if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(key, 'done');
	};
	for (const key of [...modules.keys()].sort()) if (!state.has(key)) visit(key);
	return cycles.map((loop) => ({
		file: modules.get(loop[0]).file,
		spec: loop[1],
		why: `import cycle: ${loop.join(' -> ')}`,
	}));
}

/** @param {{file: string, source: string}[]} files repo-relative posix paths with their sources */
function checkFiles(files) {
	const violations = [];
	for (const { file, source } of files) {
		const rules = RULES.filter((r) => file.startsWith(r.files));
		if (!rules.length) continue;
		for (const spec of importsOf(source)) {
			const target = resolveTarget(file, spec);
			for (const rule of rules) {
				if (rule.bad({ spec, target })) violations.push({ file, spec, why: rule.why });
			}
		}
	}
	return [...violations, ...findCycles(files)];
}

function repoFiles() {
	const files = [];
	for (const top of SCANNED) {
		const dir = path.join(ROOT, top);
		if (!fs.existsSync(dir)) continue;
		for (const full of sourceFiles(dir)) {
			const file = path.relative(ROOT, full).split(path.sep).join('/');
			files.push({ file, source: fs.readFileSync(full, 'utf8') });
		}
	}
	return files;
}

if (require.main === module) {
	const files = repoFiles();
	const violations = checkFiles(files);
	for (const v of violations) console.error(`${v.file}: import '${v.spec}' is not allowed: ${v.why}`);
	if (violations.length) {
		console.error(`check-layers: ${violations.length} forbidden import(s)`);
		process.exit(1);
	}
	console.log(`check-layers: ${files.length} files, imports follow the layering`);
}

module.exports = { checkFiles, importsOf, findCycles, RULES };
