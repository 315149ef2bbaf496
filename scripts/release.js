#!/usr/bin/env node
// npm run release: lint, test, build, then publish to npm with a provenance statement.
//
// Provenance is signed with the CI's OIDC identity, so the real publish runs only in GitHub Actions
// (.github/workflows/publish.yml, on a version tag, with `permissions: id-token: write`); see
// https://docs.npmjs.com/generating-provenance-statements. n8n requires community nodes to be published that way
// (https://docs.n8n.io/integrations/creating-nodes/deploy/submit-community-nodes/).
// Elsewhere, `npm run release -- --dry-run` runs the same checks and `npm publish --dry-run` (no provenance).
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { ROOT: root, flags } = require('./lib/toolkit');

const dryRun = flags({ 'dry-run': false })['dry-run'];
const inCi = process.env.GITHUB_ACTIONS === 'true';

function run(command, args) {
	console.log(`\n== ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
	if (result.status !== 0) {
		console.error(`release: "${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}); nothing was published`);
		process.exit(1);
	}
}

function checkTag(version) {
	const ref = process.env.GITHUB_REF_NAME;
	if (!ref) return;
	if (ref !== version && ref !== `v${version}`) {
		console.error(`release: tag ${ref} does not match package.json version ${version}; nothing was published`);
		process.exit(1);
	}
}

const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
if (!dryRun && !inCi) {
	console.error(
		'release: publishing needs GitHub Actions (OIDC provenance). Push a tag v' +
			version +
			' to run .github/workflows/publish.yml, or try `npm run release -- --dry-run` here.',
	);
	process.exit(1);
}
if (inCi) checkTag(version);

run('npm', ['run', 'lint']);
run('npx', ['n8n-node', 'lint']);
run('npm', ['test']);
run('npm', ['run', 'build']);
run('npm', dryRun ? ['publish', '--dry-run', '--access', 'public'] : ['publish', '--provenance', '--access', 'public']);
console.log(dryRun ? `\nrelease: dry run of ${version} passed` : `\nrelease: published ${version} with provenance`);
