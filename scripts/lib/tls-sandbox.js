'use strict';
// Serve the sandbox under the real CRM host names, over TLS, on loopback only, for one run:
//   - createThrowawayCa(): a fresh CA (openssl from Debian) and one server certificate for the mapped host names;
//     the CA key is deleted as soon as the certificate is signed, so the CA can never sign anything else.
//   - startTlsFront(): an HTTPS server on 127.0.0.1:443 that hands every request to the sandbox core's own
//     handler (same router, request log, fault injection; the Host header picks /hubspot, /zoho, /zoho-accounts).
//   - mapHosts(): adds "127.0.0.1 <name>" lines to /etc/hosts; the returned restore() puts the file back byte for
//     byte. The backup is written first, restore runs on exit, Ctrl-C, SIGTERM and uncaught errors, and a backup
//     left by a killed run is restored at the next start.
//   - mountBuiltinAliases(): the legacy HubSpot endpoint n8n's built-in HubSpot node uses for "Get contact"
//     (GET /contacts/v1/contact/vid/:vid/profile), answered from the HubSpot emulator's store.
// n8n is then started with NODE_EXTRA_CA_CERTS=<ca file>. Nothing here sends traffic anywhere but 127.0.0.1.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const https = require('node:https');
const { execFileSync } = require('node:child_process');

const CRM_HOSTS = ['api.hubapi.com', 'www.zohoapis.com', 'accounts.zoho.com'];
const HOSTS_FILE = '/etc/hosts';
const MARK = '# n8n-nodes-hubspot-zoho-sync benchmark (temporary, restored after the run)';

function openssl(args, cwd) {
	try {
		execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (e) {
		if (e.code === 'ENOENT') throw new Error('openssl not found: apt-get install -y openssl');
		throw new Error(`openssl ${args[0]} failed: ${String(e.stderr || e.message).slice(0, 400)}`);
	}
}

/**
 * A throwaway CA and a server certificate for `hosts` (2 days). Returns { dir, caFile, certFile, keyFile, cleanup }.
 * @param {{ hosts?: string[], dir?: string }} [o]
 */
function createThrowawayCa(o = {}) {
	const hosts = o.hosts || CRM_HOSTS;
	const dir = o.dir || fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tls-'));
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	const subjectCa = `/CN=n8n-nodes-hubspot-zoho-sync throwaway benchmark CA ${Date.now()}`;
	openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', subjectCa,
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
	openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${hosts[0]}`], dir);
	fs.writeFileSync(path.join(dir, 'server.ext'), [
		`subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
		'basicConstraints=CA:FALSE',
		'keyUsage=critical,digitalSignature,keyEncipherment',
		'extendedKeyUsage=serverAuth',
		'',
	].join('\n'));
	openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext'], dir);
	fs.rmSync(path.join(dir, 'ca.key'), { force: true }); // nothing else can ever be signed by this CA
	return {
		dir,
		hosts,
		caFile: path.join(dir, 'ca.crt'),
		certFile: path.join(dir, 'server.crt'),
		keyFile: path.join(dir, 'server.key'),
		cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
	};
}

/**
 * HTTPS on host:port whose requests go to the sandbox core's handler. Returns { server, port, close() }.
 * @param {{ sandbox: object, tls: { certFile: string, keyFile: string }, port?: number, host?: string }} o
 */
async function startTlsFront({ sandbox, tls, port = 443, host = '127.0.0.1' }) {
	const [handler] = sandbox.core.server.listeners('request');
	if (!handler) throw new Error('sandbox core has no request handler');
	const server = https.createServer({ key: fs.readFileSync(tls.keyFile), cert: fs.readFileSync(tls.certFile), keepAlive: true }, handler);
	await new Promise((ok, fail) => {
		server.once('error', fail);
		server.listen(port, host, ok);
	});
	return {
		server,
		port: server.address().port,
		async close() {
			server.closeAllConnections?.();
			await new Promise((ok) => server.close(() => ok()));
		},
	};
}

// ---------------------------------------------------------------- /etc/hosts

function backupFile(stateDir) {
	return path.join(stateDir, 'hosts.backup');
}

/** If a previous run died before restoring, put its backup back (only when our marker is still in the file). */
function restoreStaleBackup(stateDir, hostsFile = HOSTS_FILE) {
	const b = backupFile(stateDir);
	if (!fs.existsSync(b)) return false;
	const current = fs.readFileSync(hostsFile, 'utf8');
	if (current.includes(MARK)) fs.writeFileSync(hostsFile, fs.readFileSync(b));
	fs.rmSync(b, { force: true });
	return true;
}

/**
 * Map `names` to 127.0.0.1 in /etc/hosts until restore() (idempotent) is called. Installs exit/signal handlers
 * that restore the file; `onSignal` (async) runs first on Ctrl-C/SIGTERM (e.g. to stop n8n).
 * @param {{ names?: string[], stateDir: string, hostsFile?: string, onSignal?: () => Promise<void> }} o
 */
function mapHosts({ names = CRM_HOSTS, stateDir, hostsFile = HOSTS_FILE, onSignal }) {
	fs.mkdirSync(stateDir, { recursive: true });
	restoreStaleBackup(stateDir, hostsFile);
	const original = fs.readFileSync(hostsFile);
	fs.writeFileSync(backupFile(stateDir), original, { mode: 0o600 });
	const text = original.toString('utf8');
	const lines = [MARK, ...names.map((n) => `127.0.0.1 ${n}`), ''];
	fs.writeFileSync(hostsFile, `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${lines.join('\n')}`);
	let restored = false;
	function restore() {
		if (restored) return;
		restored = true;
		fs.writeFileSync(hostsFile, original);
		fs.rmSync(backupFile(stateDir), { force: true });
		process.removeListener('exit', restore);
		for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeListener(s, onSig);
		process.removeListener('uncaughtException', onFatal);
		process.removeListener('unhandledRejection', onFatal);
	}
	let stopping = false;
	async function onSig(sig) {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`\n[bench] ${sig}: restoring ${hostsFile} and stopping…\n`);
		try {
			if (onSignal) await Promise.race([onSignal(), new Promise((r) => setTimeout(r, 20000))]);
		} finally {
			restore();
			process.exit(130);
		}
	}
	function onFatal(err) {
		restore();
		process.stderr.write(`[bench] fatal: ${err && err.stack ? err.stack : err}\n`);
		if (onSignal) {
			Promise.race([onSignal(), new Promise((r) => setTimeout(r, 20000))]).finally(() => process.exit(1));
		} else process.exit(1);
	}
	process.on('exit', restore);
	for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSig);
	process.on('uncaughtException', onFatal);
	process.on('unhandledRejection', onFatal);
	return { restore, names };
}

// ---------------------------------------------------------------- built-in node endpoints

/**
 * n8n's built-in HubSpot node (v2.x) reads a contact through the legacy Contacts v1 API:
 * GET https://api.hubapi.com/contacts/v1/contact/vid/:vid/profile. Answered from the emulator's store, with
 * the v1 shape ({ vid, properties: { name: { value } } }), counted and fault-injected like every API route.
 */
function mountBuiltinAliases(sandbox) {
	const { core, hubspot } = sandbox;
	core.route('GET', '/hubspot/contacts/v1/contact/vid/:vid/profile', (ctx) => {
		const m = /^Bearer\s+(\S+)$/i.exec(String(ctx.headers.authorization || ''));
		if (!m || m[1] !== hubspot.privateAppToken) {
			return ctx.send(401, { status: 'error', message: 'Authentication credentials not found.', category: 'INVALID_AUTHENTICATION' });
		}
		const rec = hubspot.store.get('contacts', String(ctx.params.vid));
		if (!rec) return ctx.send(404, { status: 'error', message: 'contact does not exist', category: 'OBJECT_NOT_FOUND' });
		const properties = {};
		for (const [k, v] of Object.entries(rec.properties)) {
			if (v === null || v === undefined) continue;
			properties[k] = { value: String(v), versions: [{ value: String(v), 'source-type': 'API', timestamp: Number(rec.updatedAt) || 0 }] };
		}
		const vid = Number(rec.id);
		return ctx.send(200, {
			vid,
			'canonical-vid': vid,
			'merged-vids': [],
			'portal-id': Number(hubspot.portalId),
			'is-contact': true,
			properties,
			'identity-profiles': [{ vid, identities: properties.email ? [{ type: 'EMAIL', value: properties.email.value, 'is-primary': true }] : [] }],
		});
	}, { system: 'hubspot' });
}

module.exports = { CRM_HOSTS, createThrowawayCa, startTlsFront, mapHosts, restoreStaleBackup, mountBuiltinAliases };
