'use strict';
// `npm start`: the live demo on a fresh clone. Installs Node 24 + n8n 2.41.1 on first use, builds and
// packs this package, installs it into a persistent user folder (.cache/n8n-home) the way n8n's
// community installer does, starts the seeded sandbox (with its SMTP catcher) in a child process,
// imports credentials pointing at the sandbox and the templates/*.json workflows, publishes them,
// starts n8n and prints where everything is. Ctrl-C stops everything it started (by PID).
// Env: N8N_PORT (5678; +1 is the task-runner broker), SANDBOX_PORT (5680), SMTP_PORT (2525).
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { ensureRuntime, ROOT } = require('./lib/runtime');
const n8n = require('./lib/n8n');
const { sleep } = require('./lib/toolkit');
const { templateCredentials } = require('../sandbox/credentials-for-templates');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT || 5680);
const SMTP_PORT = Number(process.env.SMTP_PORT || 2525);
const HOME = path.join(ROOT, '.cache', 'n8n-home');
const PKG = n8n.PACKAGE_NAME;

function say(msg) {
	process.stdout.write(`${msg}\n`);
}

/** Deterministic 16-character workflow id from a template file name (n8n ids are [A-Za-z0-9]{16}). */
function idFor(name) {
	return crypto.createHash('sha256').update(name).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
}

function loadTemplates() {
	const dir = path.join(ROOT, 'templates');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const wf = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
			return { file: f, wf: { ...wf, id: wf.id || idFor(f), active: false } };
		});
}

/** The HubSpot trigger's production URL in the templates, so the sandbox delivers webhooks to it. */
function hubspotWebhookUrl(templates) {
	for (const { wf } of templates) {
		const node = (wf.nodes || []).find((n) => n.type === `${PKG}.hubspotSyncTrigger` && n.webhookId);
		if (node) return `http://127.0.0.1:${N8N_PORT}/webhook/${node.webhookId}/webhook`;
	}
	return null;
}

async function waitHttp(url, ms, isDead) {
	const t0 = Date.now();
	while (Date.now() - t0 < ms) {
		if (isDead()) throw new Error(`process for ${url} exited`);
		try {
			const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
			if (r.status < 500) return;
		} catch {
			// not up yet
		}
		await sleep(300);
	}
	throw new Error(`${url} not reachable after ${ms} ms`);
}

function startSandboxChild(webhookUrl) {
	const cli = path.join(ROOT, 'sandbox', 'cli.js');
	const logFile = path.join(HOME, 'sandbox.log');
	const out = fs.openSync(logFile, 'a');
	const args = [cli, '--port', String(SANDBOX_PORT), '--smtp-port', String(SMTP_PORT), '--seed'];
	if (webhookUrl) args.push('--hubspot-webhook-url', webhookUrl);
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	let dead = false;
	child.on('exit', () => (dead = true));
	return { child, logFile, isDead: () => dead };
}

async function main() {
	fs.mkdirSync(HOME, { recursive: true });
	ensureRuntime();
	const tarball = n8n.packPackage();
	const inst = await n8n.createInstance({ name: 'home', userFolder: HOME, keep: true, port: N8N_PORT, installMode: 'tarball', tarball });
	const templates = loadTemplates();

	const sandbox = startSandboxChild(hubspotWebhookUrl(templates));
	const sbUrl = `http://127.0.0.1:${SANDBOX_PORT}`;
	let stopping = false;
	const stopAll = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		say('\nstopping n8n and the sandbox…');
		await n8n.stop(inst);
		try {
			process.kill(-sandbox.child.pid, 'SIGTERM');
		} catch {
			// already gone
		}
		process.exit(code);
	};
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));

	try {
		await waitHttp(`${sbUrl}/`, 30000, sandbox.isDead);
		// the same credentials the e2e and load tests import: each carries the name of a template placeholder, so
		// n8n binds the templates to them at import (by name and type) and the templates import unchanged
		const creds = await templateCredentials({ sandboxUrl: sbUrl, n8nUrl: inst.url, smtpPort: SMTP_PORT, idPrefix: 'sbx' });
		n8n.importCredentials(inst, creds);
		if (templates.length) {
			n8n.importWorkflows(inst, templates.map(({ wf }) => wf));
			for (const { file, wf } of templates) {
				try {
					n8n.publishWorkflow(inst, wf.id);
				} catch (e) {
					say(`  (could not publish ${file}: ${e.message.split('\n')[0]})`);
				}
			}
		}
		await n8n.start(inst);
	} catch (e) {
		say(`start failed: ${e.message}`);
		say(`logs: ${path.relative(ROOT, inst.logFile)}, ${path.relative(ROOT, sandbox.logFile)}`);
		await stopAll(1);
		return;
	}

	say('');
	say(`n8n      ${inst.url}   login: ${inst.owner.email} / ${inst.owner.password}`);
	say(`sandbox  ${sbUrl}   (HubSpot + Zoho CRM + OAuth provider; SMTP catcher on 127.0.0.1:${SMTP_PORT})`);
	say(`templates imported: ${templates.length ? templates.map((t) => t.file).join(', ') : 'none yet'}`);
	say(`logs     ${path.relative(ROOT, inst.logFile)}, ${path.relative(ROOT, sandbox.logFile)}`);
	say('Ctrl-C stops everything.');
	inst.exited.then(() => {
		if (!stopping) {
			say('n8n exited; stopping the sandbox.');
			stopAll(1);
		}
	});
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
