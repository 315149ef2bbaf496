'use strict';
// n8n's REST API as the editor uses it (cookie login bound to a browser-id, §12), activation, node and credential
// types, production webhooks and the workflow static data a trigger keeps.
const { waitFor } = require('../toolkit');

function headers(inst, extra = {}) {
	return { 'browser-id': inst.browserId, ...(inst.cookie ? { cookie: inst.cookie } : {}), ...extra };
}

/** REST login; the cookie is only valid together with the same browser-id header (§12). */
async function login(inst) {
	const r = await fetch(`${inst.url}/rest/login`, {
		method: 'POST',
		headers: headers(inst, { 'content-type': 'application/json' }),
		body: JSON.stringify({ emailOrLdapLoginId: inst.owner.email, password: inst.owner.password }),
	});
	if (r.status !== 200) throw new Error(`n8n login failed: HTTP ${r.status}`);
	const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
	const auth = cookies.find((c) => c.startsWith('n8n-auth='));
	if (!auth) throw new Error('n8n login: no n8n-auth cookie');
	inst.cookie = auth;
	return (await r.json()).data;
}

/** REST call under /rest (logs in on first use); resolves with the unwrapped `data`. */
async function rest(inst, method, p, body) {
	if (!inst.cookie) await login(inst);
	const r = await fetch(`${inst.url}/rest${p}`, {
		method,
		headers: headers(inst, body === undefined ? {} : { 'content-type': 'application/json' }),
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await r.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	if (!r.ok) {
		const err = new Error(`n8n REST ${method} ${p}: HTTP ${r.status} ${json?.message || text.slice(0, 300)}`);
		err.status = r.status;
		err.body = json;
		throw err;
	}
	return json && typeof json === 'object' && 'data' in json ? json.data : json;
}

/** Activate (publish) over REST while n8n runs; needs the workflow's current versionId. */
async function activateWorkflow(inst, id) {
	const wf = await rest(inst, 'GET', `/workflows/${id}`);
	return rest(inst, 'POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
}

async function deactivateWorkflow(inst, id) {
	return rest(inst, 'POST', `/workflows/${id}/deactivate`, {});
}

/** Newest first: [{ id, workflowId, status, mode, startedAt, stoppedAt, ... }] */
async function nodeTypes(inst) {
	if (!inst.cookie) await login(inst);
	const r = await fetch(`${inst.url}/types/nodes.json`, { headers: headers(inst) });
	if (r.status !== 200) throw new Error(`GET /types/nodes.json: HTTP ${r.status}`);
	return r.json();
}

async function credentialTypes(inst) {
	if (!inst.cookie) await login(inst);
	const r = await fetch(`${inst.url}/types/credentials.json`, { headers: headers(inst) });
	if (r.status !== 200) throw new Error(`GET /types/credentials.json: HTTP ${r.status}`);
	return r.json();
}

/** Call a production webhook: {base}/webhook/<path>. Returns { status, body } (JSON parsed when JSON). */
async function callWebhook(inst, webhookPath, { method = 'POST', body, headers: h = {}, timeoutMs = 60000 } = {}) {
	const r = await fetch(`${inst.url}/webhook/${webhookPath}`, {
		method,
		headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...h },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await r.text();
	let parsed = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: r.status, body: parsed, headers: Object.fromEntries(r.headers) };
}

/**
 * Not available offline, see the header comment: n8n's installer (REST POST /rest/community-packages
 * or N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV) requires the package on registry.npmjs.org.
 * For a published version this drives the real installer over REST on a running instance.
 */
async function installViaCommunityInstaller(inst, name, version) {
	if (/\.tgz$/.test(name) || name.startsWith('/') || name.startsWith('.')) {
		throw new Error('n8n community installer only installs from the npm registry; use createInstance({ installMode: "tarball" }) for a local tarball');
	}
	return rest(inst, 'POST', '/community-packages', { name, ...(version ? { version } : {}) });
}


/** POST raw bytes to a URL; { status, text }. */
async function postRaw(url, body, headers) {
	const r = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30000) });
	return { status: r.status, text: await r.text() };
}

/** The trigger node's workflow static data as n8n stored it ({} if none). */
async function nodeStaticData(inst, workflowId, nodeName) {
	const wf = await rest(inst, 'GET', `/workflows/${workflowId}`);
	let sd = wf.staticData || {};
	if (typeof sd === 'string') sd = JSON.parse(sd);
	return sd[`node:${nodeName}`] || {};
}

/**
 * Activates over REST and waits until the trigger's registration is stored (its webhookMethods.create ran and
 * n8n saved the static data): only then is the production webhook live and able to verify callers. n8n 2.41
 * publishes through an outbox, so POST /workflows/:id/activate answers before the trigger's webhookMethods ran.
 */
async function activateAndWait(inst, workflowId, nodeName, isRegistered) {
	await activateWorkflow(inst, workflowId);
	return waitFor(
		`${nodeName} to be registered`,
		async () => {
			const data = await nodeStaticData(inst, workflowId, nodeName);
			return isRegistered(data) ? data : false;
		},
		{ timeoutMs: 20000, everyMs: 200 },
	);
}

module.exports = {
	login,
	rest,
	activateWorkflow,
	deactivateWorkflow,
	nodeTypes,
	credentialTypes,
	callWebhook,
	installViaCommunityInstaller,
	postRaw,
	nodeStaticData,
	activateAndWait,
};
