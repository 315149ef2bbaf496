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
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(`${url} not reachable after ${ms} ms`);
}

function startSandboxChild(webhookUrl) {
	const cli = path.join(ROOT, 'sandbox', 'cli.js');
	const logFile = path.join(HOME, 'sandbox.log');
	const out = fs.openSync(logFile, 'a');
	let args;
	if (fs.existsSync(cli)) {
		args = [cli, '--port', String(SANDBOX_PORT), '--smtp-port', String(SMTP_PORT), '--seed'];
		if (webhookUrl) args.push('--hubspot-webhook-url', webhookUrl);
	} else {
		// sandbox/cli.js not there yet: the same options through startSandbox()
		const opts = { port: SANDBOX_PORT, seed: true, smtp: { port: SMTP_PORT }, hubspot: webhookUrl ? { webhookUrl } : {} };
		args = ['-e', `require(${JSON.stringify(path.join(ROOT, 'sandbox', 'index.js'))}).startSandbox(${JSON.stringify(opts)}).then((s) => console.log('sandbox on ' + s.url))`];
	}
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	let dead = false;
	child.on('exit', () => (dead = true));
	return { child, logFile, isDead: () => dead };
}

async function followRedirectCode(url) {
	const r = await fetch(url, { redirect: 'manual' });
	const loc = r.headers.get('location');
	const code = loc && new URL(loc, url).searchParams.get('code');
	if (!code) throw new Error(`no authorization code from ${new URL(url).pathname} (HTTP ${r.status})`);
	return code;
}

/** Authorization-code grant against a sandbox OAuth server with auto-approve; returns the token JSON. */
async function codeGrant({ authUrl, tokenUrl, clientId, clientSecret, redirectUri, scope, extra = {} }) {
	const q = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope, state: 'start', auto: '1', ...extra });
	const code = await followRedirectCode(`${authUrl}?${q}`);
	const r = await fetch(tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, client_secret: clientSecret }),
	});
	const json = await r.json();
	if (!json.access_token) throw new Error(`token exchange at ${new URL(tokenUrl).pathname} failed: ${json.error || r.status}`);
	return json;
}

function safeRequire(p) {
	try {
		return require(p);
	} catch {
		return {};
	}
}

async function sandboxCredentials(sbUrl, n8nUrl) {
	const callback = `${n8nUrl}/rest/oauth2-credential/callback`;
	const hsAuth = safeRequire(path.join(ROOT, 'sandbox', 'hubspot', 'auth.js'));
	const zAuth = safeRequire(path.join(ROOT, 'sandbox', 'zoho', 'auth.js'));
	const prov = safeRequire(path.join(ROOT, 'sandbox', 'provider.js'));
	const provDefaults = prov.DEFAULTS || prov.DEFAULT_PROVIDER || {};
	const creds = [];
	const tryAdd = async (label, make) => {
		try {
			creds.push(await make());
		} catch (e) {
			say(`  (skipped credential ${label}: ${e.message})`);
		}
	};
	await tryAdd('HubSpot private app', async () => ({
		id: 'sbxHubspotApp001',
		name: 'HubSpot (sandbox private app)',
		type: 'hubspotSyncPrivateAppApi',
		data: { accessToken: hsAuth.DEFAULT_PRIVATE_APP_TOKEN, clientSecret: hsAuth.DEFAULT_CLIENT_SECRET, baseUrl: `${sbUrl}/hubspot` },
	}));
	await tryAdd('Zoho CRM OAuth2', async () => {
		const base = { clientId: zAuth.DEFAULT_CLIENT_ID, clientSecret: zAuth.DEFAULT_CLIENT_SECRET };
		const token = await codeGrant({
			authUrl: `${sbUrl}/zoho-accounts/oauth/v2/auth`,
			tokenUrl: `${sbUrl}/zoho-accounts/oauth/v2/token`,
			redirectUri: callback,
			scope: zAuth.DEFAULT_SCOPE,
			extra: { access_type: 'offline', prompt: 'consent' },
			...base,
		});
		return {
			id: 'sbxZohoOAuth2001',
			name: 'Zoho CRM (sandbox)',
			type: 'zohoCrmSyncOAuth2Api',
			data: {
				grantType: 'authorizationCode',
				dataCenter: 'US',
				accountsUrlOverride: `${sbUrl}/zoho-accounts`,
				apiDomainOverride: `${sbUrl}/zoho`,
				authUrl: `${sbUrl}/zoho-accounts/oauth/v2/auth`,
				accessTokenUrl: `${sbUrl}/zoho-accounts/oauth/v2/token`,
				scope: zAuth.DEFAULT_SCOPE,
				authQueryParameters: 'access_type=offline&prompt=consent',
				authentication: 'body',
				oauthTokenData: token,
				...base,
			},
		};
	});
	const user = (provDefaults.users && provDefaults.users[0]) || { username: provDefaults.username || 'demo', password: provDefaults.password || 'demo-password' };
	await tryAdd('Custom Service Basic', async () => ({
		id: 'sbxCustomBasic01',
		name: 'Custom Service Basic (sandbox)',
		type: 'customServiceBasicApi',
		data: { serviceName: 'Sandbox provider', baseUrl: `${sbUrl}/provider`, user: user.username, password: user.password, testUrl: `${sbUrl}/provider/echo` },
	}));
	if (provDefaults.clientId) {
		await tryAdd('Custom Service OAuth2', async () => {
			const base = { clientId: provDefaults.clientId, clientSecret: provDefaults.clientSecret };
			const token = await codeGrant({
				authUrl: `${sbUrl}/provider/oauth2/authorize`,
				tokenUrl: `${sbUrl}/provider/oauth2/token`,
				redirectUri: callback,
				scope: 'read',
				...base,
			});
			return {
				id: 'sbxCustomOAuth21',
				name: 'Custom Service OAuth2 (sandbox)',
				type: 'customServiceOAuth2Api',
				data: {
					serviceName: 'Sandbox provider',
					baseUrl: `${sbUrl}/provider`,
					grantType: 'authorizationCode',
					authUrl: `${sbUrl}/provider/oauth2/authorize`,
					accessTokenUrl: `${sbUrl}/provider/oauth2/token`,
					scope: 'read',
					authQueryParameters: '',
					authentication: 'header',
					oauthTokenData: token,
					...base,
				},
			};
		});
	}
	creds.push({
		id: 'sbxSmtpCatcher01',
		name: 'SMTP (sandbox catcher)',
		type: 'smtp',
		data: { host: '127.0.0.1', port: SMTP_PORT, secure: false, disableStartTls: true, user: '', password: '' },
	});
	return creds;
}

/** Point every credential reference in a template at the imported credential of the same type. */
function bindCredentials(wf, creds) {
	const byType = new Map(creds.map((c) => [c.type, c]));
	for (const node of wf.nodes || []) {
		for (const type of Object.keys(node.credentials || {})) {
			const c = byType.get(type);
			if (c) node.credentials[type] = { id: c.id, name: c.name };
		}
	}
	return wf;
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
		const creds = await sandboxCredentials(sbUrl, inst.url);
		n8n.importCredentials(inst, creds);
		if (templates.length) {
			n8n.importWorkflows(inst, templates.map(({ wf }) => bindCredentials(wf, creds)));
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
