'use strict';
// Shared setup for the trigger end-to-end tests (triggers.e2e.js, forged-webhooks.e2e.js) and the
// acknowledgement benchmark (scripts/bench-webhook-ack.js): credentials pointing at the sandbox, one
// HubSpot Sync Trigger workflow and one Zoho CRM Sync Trigger workflow (each -> NoOp), a HubSpot v3
// signer written from HubSpot's docs (independent of lib/hubspot/webhook-signature.ts on purpose), and
// execution counting through n8n's REST API.
const crypto = require('node:crypto');
const path = require('node:path');
const { PKG, ROOT, n8n } = require('./support');

const IDS = {
	hubspotWorkflow: 'e2eHubspotTrig01',
	zohoWorkflow: 'e2eZohoTrigger01',
	hubspotCred: 'e2eHubspotCred01',
	zohoCred: 'e2eZohoCred00001',
	// fixed webhook ids, so the production URLs are known before activation
	hubspotWebhook: '6f1d3c2a-0e4b-4c8e-9a51-3b7d2e9f0a11',
	zohoWebhook: '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c66',
};
const NAMES = {
	hubspotTrigger: 'HubSpot Sync Trigger',
	zohoTrigger: 'Zoho CRM Sync Trigger',
	hubspotCred: 'E2E HubSpot (sandbox private app)',
	zohoCred: 'E2E Zoho CRM (sandbox)',
};
const HUBSPOT_EVENTS = ['contact.creation', 'company.creation', 'contact.propertyChange'];
const HUBSPOT_PROPERTIES = 'phone';
const ZOHO_EVENTS = ['Contacts.edit', 'Accounts.edit'];

const hubspotUrl = (inst) => `${inst.url}/webhook/${IDS.hubspotWebhook}/webhook`;
const zohoUrl = (inst) => `${inst.url}/webhook/${IDS.zohoWebhook}/webhook`;

/** HubSpot v3 (developers.hubspot.com "Validating requests"): base64 HMAC-SHA256 of method + uri + body + timestamp. */
function signV3(secret, method, uri, body, timestamp) {
	return crypto.createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');
}

/** Headers of a genuine HubSpot v3 delivery of `body` (a string) to `url`. */
function hubspotHeaders(secret, url, body, timestamp = Date.now()) {
	return {
		'content-type': 'application/json',
		'x-hubspot-signature-v3': signV3(secret, 'POST', url, body, String(timestamp)),
		'x-hubspot-request-timestamp': String(timestamp),
	};
}

/** HubSpot v1 (the same docs): hex SHA-256 of client secret + body; no timestamp, no URL. */
function signV1(secret, body) {
	return crypto.createHash('sha256').update(`${secret}${body}`, 'utf8').digest('hex');
}

/** Headers of a genuine HubSpot app delivery: v3 and, alongside it, the old v1 signature (as HubSpot sends them). */
function hubspotDeliveryHeaders(secret, url, body, timestamp = Date.now()) {
	return { ...hubspotHeaders(secret, url, body, timestamp), 'x-hubspot-signature': signV1(secret, body), 'x-hubspot-signature-version': 'v1' };
}

/** The same delivery as an attacker who captured it would replay it: v3 signature and timestamp removed, v1 kept. */
function withoutV3(headers) {
	const { 'x-hubspot-signature-v3': _s, 'x-hubspot-request-timestamp': _t, ...rest } = headers;
	return rest;
}

let nextEventId = 9_000_000;
/** A HubSpot contact.creation event as HubSpot sends it (docs/crm-api-notes.md §1.3). */
function hubspotEvent(sb, overrides = {}) {
	const eventId = nextEventId++;
	return {
		eventId,
		subscriptionId: 1,
		portalId: Number(sb.hubspot.portalId),
		appId: Number(sb.hubspot.appId),
		occurredAt: Date.now(),
		subscriptionType: 'contact.creation',
		attemptNumber: 0,
		objectId: 500_000 + eventId,
		changeFlag: 'NEW',
		changeSource: 'CRM_UI',
		...overrides,
	};
}

/** Authorization-code grant against the sandbox's Zoho Accounts (auto-approve), as scripts/start.js does. */
async function zohoTokens(sb, redirectUri) {
	const { DEFAULT_SCOPE } = require(path.join(ROOT, 'sandbox', 'zoho', 'auth.js'));
	const accounts = `${sb.url}/zoho-accounts/oauth/v2`;
	const q = new URLSearchParams({
		response_type: 'code',
		client_id: sb.zoho.clientId,
		redirect_uri: redirectUri,
		scope: DEFAULT_SCOPE,
		access_type: 'offline',
		prompt: 'consent',
		state: 'e2e',
		auto: '1',
	});
	const auth = await fetch(`${accounts}/auth?${q}`, { redirect: 'manual' });
	const code = new URL(auth.headers.get('location') || 'http://x/', accounts).searchParams.get('code');
	if (!code) throw new Error(`Zoho authorize gave no code (HTTP ${auth.status})`);
	const r = await fetch(`${accounts}/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: sb.zoho.clientId, client_secret: sb.zoho.clientSecret }),
	});
	const token = await r.json();
	if (!token.access_token) throw new Error(`Zoho token exchange failed: ${token.error || r.status}`);
	return { ...token, scope: DEFAULT_SCOPE };
}

function hubspotCredential(sb) {
	return {
		id: IDS.hubspotCred,
		name: NAMES.hubspotCred,
		type: 'hubspotSyncPrivateAppApi',
		data: { accessToken: sb.hubspot.privateAppToken, clientSecret: sb.hubspot.clientSecret, baseUrl: `${sb.url}/hubspot` },
	};
}

async function zohoCredential(sb, inst) {
	const { DEFAULT_SCOPE } = require(path.join(ROOT, 'sandbox', 'zoho', 'auth.js'));
	const token = await zohoTokens(sb, `${inst.url}/rest/oauth2-credential/callback`);
	return {
		id: IDS.zohoCred,
		name: NAMES.zohoCred,
		type: 'zohoCrmSyncOAuth2Api',
		data: {
			grantType: 'authorizationCode',
			dataCenter: 'US',
			accountsUrlOverride: `${sb.url}/zoho-accounts`,
			apiDomainOverride: `${sb.url}/zoho`,
			authUrl: `${sb.url}/zoho-accounts/oauth/v2/auth`,
			accessTokenUrl: `${sb.url}/zoho-accounts/oauth/v2/token`,
			scope: DEFAULT_SCOPE,
			authQueryParameters: 'access_type=offline&prompt=consent',
			authentication: 'body',
			clientId: sb.zoho.clientId,
			clientSecret: sb.zoho.clientSecret,
			oauthTokenData: token,
		},
	};
}

function noOp(name, x) {
	return { id: `noop-${x}`, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], parameters: {} };
}

function workflowOf(id, name, trigger, nextName) {
	return {
		id,
		name,
		active: false,
		nodes: [trigger, noOp(nextName, id)],
		connections: { [trigger.name]: { main: [[{ node: nextName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** HubSpot Sync Trigger -> NoOp. automatic: subscriptions through the sandbox's webhooks API (appId + developer key). */
function hubspotWorkflow(sb, { automatic = true } = {}) {
	const trigger = {
		id: 'hubspot-trigger',
		name: NAMES.hubspotTrigger,
		type: `${PKG}.hubspotSyncTrigger`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: IDS.hubspotWebhook,
		parameters: {
			authentication: 'hubspotSyncPrivateAppApi',
			events: HUBSPOT_EVENTS,
			properties: HUBSPOT_PROPERTIES,
			subscriptionManagement: automatic ? 'automatic' : 'manual',
			...(automatic ? { appId: String(sb.hubspot.appId), developerApiKey: sb.hubspot.developerApiKey } : {}),
			options: {},
		},
		credentials: { hubspotSyncPrivateAppApi: { id: IDS.hubspotCred, name: NAMES.hubspotCred } },
	};
	return workflowOf(IDS.hubspotWorkflow, 'E2E HubSpot Sync Trigger', trigger, 'After HubSpot');
}

/** Zoho CRM Sync Trigger (Notification API channel) -> NoOp. */
function zohoWorkflow() {
	const trigger = {
		id: 'zoho-trigger',
		name: NAMES.zohoTrigger,
		type: `${PKG}.zohoCrmSyncTrigger`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: IDS.zohoWebhook,
		parameters: { mode: 'notificationApi', events: ZOHO_EVENTS, options: {} },
		credentials: { zohoCrmSyncOAuth2Api: { id: IDS.zohoCred, name: NAMES.zohoCred } },
	};
	return workflowOf(IDS.zohoWorkflow, 'E2E Zoho CRM Sync Trigger', trigger, 'After Zoho');
}

/**
 * Sandbox + n8n with the package from the tarball, both credentials and both workflows imported (inactive),
 * n8n started. Activation is left to the caller (REST), so the lifecycle hooks run against the live sandbox.
 */
async function startTriggerStack({ name, tarball, sandboxOptions = {}, env = {} }) {
	const { startSandbox } = require('./support');
	const sb = await startSandbox(sandboxOptions);
	let inst;
	try {
		inst = await n8n.createInstance({ name, installMode: 'tarball', tarball, env: { ...(process.env.E2E_N8N_LOG_LEVEL ? { N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL } : {}), ...env } });
		n8n.importCredentials(inst, [hubspotCredential(sb), await zohoCredential(sb, inst)]);
		n8n.importWorkflows(inst, [hubspotWorkflow(sb), zohoWorkflow()]);
		await n8n.start(inst);
	} catch (e) {
		if (inst) await n8n.stop(inst);
		await sb.close();
		throw e;
	}
	return { sb, inst };
}

async function stopTriggerStack({ sb, inst } = {}) {
	if (inst) await n8n.stop(inst);
	if (sb) await sb.close();
}

/** The newest (up to 100) execution ids of a workflow, read through n8n's executions API. */
async function executionIds(inst, workflowId) {
	const q = new URLSearchParams({ limit: '100', filter: JSON.stringify({ workflowId }) });
	const d = await n8n.rest(inst, 'GET', `/executions?${q}`);
	return (d.results || d).map((e) => e.id);
}

/** How many executions n8n has recorded for a workflow (its executions API `count`, exact for small tables). */
async function executionCount(inst, workflowId) {
	const q = new URLSearchParams({ limit: '1', filter: JSON.stringify({ workflowId }) });
	const d = await n8n.rest(inst, 'GET', `/executions?${q}`);
	if (typeof d.count !== 'number') throw new Error('n8n executions API returned no count');
	return d.count;
}

/** Items each node produced in an execution fetched with n8n.getExecution: { nodeName: count }. */
function itemsOf(execution, nodeName) {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs || !runs.length) return [];
	return runs[0].data.main[0].map((i) => i.json);
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** Waits until n8n has no running execution of the workflow and the count stayed the same for quietMs. */
async function settleExecutions(inst, workflowId, { quietMs = 1500, timeoutMs = 30000 } = {}) {
	const t0 = Date.now();
	let last = -1;
	let stableSince = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		const list = await n8n.listExecutions(inst, { workflowId, limit: 100 });
		const running = list.some((e) => e.status === 'running' || e.status === 'new');
		const n = await executionCount(inst, workflowId);
		if (n !== last || running) {
			last = n;
			stableSince = Date.now();
		} else if (Date.now() - stableSince >= quietMs) {
			return n;
		}
		await sleep(300);
	}
	return last;
}

/**
 * Polls `check` until it returns a truthy value (returned) or timeoutMs passes (throws with `what`).
 * Needed around activation: n8n 2.41 publishes through an outbox, so POST /workflows/:id/activate answers
 * before the trigger's webhookMethods (checkExists/create, or delete) have run.
 */
async function waitFor(what, check, { timeoutMs = 20000, everyMs = 200 } = {}) {
	const t0 = Date.now();
	let last;
	while (Date.now() - t0 < timeoutMs) {
		last = await check();
		if (last) return last;
		await sleep(everyMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The trigger node's workflow static data as n8n stored it ({} if none). */
async function nodeStaticData(inst, workflowId, nodeName) {
	const wf = await n8n.rest(inst, 'GET', `/workflows/${workflowId}`);
	let sd = wf.staticData || {};
	if (typeof sd === 'string') sd = JSON.parse(sd);
	return sd[`node:${nodeName}`] || {};
}

/**
 * Activates over REST and waits until the trigger's registration is stored (its webhookMethods.create ran and
 * n8n saved the static data): only then is the production webhook live and able to verify callers.
 */
async function activateAndWait(inst, workflowId, nodeName, isRegistered) {
	await n8n.activateWorkflow(inst, workflowId);
	return waitFor(`${nodeName} to be registered`, async () => {
		const data = await nodeStaticData(inst, workflowId, nodeName);
		return isRegistered(data) ? data : false;
	});
}

/** POST raw bytes to a URL; { status, text }. */
async function postRaw(url, body, headers) {
	const r = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30000) });
	return { status: r.status, text: await r.text() };
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

module.exports = {
	IDS,
	NAMES,
	HUBSPOT_EVENTS,
	ZOHO_EVENTS,
	hubspotUrl,
	zohoUrl,
	signV3,
	signV1,
	hubspotHeaders,
	hubspotDeliveryHeaders,
	withoutV3,
	hubspotEvent,
	zohoTokens,
	hubspotCredential,
	zohoCredential,
	hubspotWorkflow,
	zohoWorkflow,
	startTriggerStack,
	stopTriggerStack,
	executionIds,
	executionCount,
	itemsOf,
	settleExecutions,
	postRaw,
	pool,
	sleep,
	waitFor,
	nodeStaticData,
	activateAndWait,
};
