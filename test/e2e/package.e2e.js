'use strict';
// Real n8n 2.41.1 + the packed package, installed both ways users install it (issue 2):
//   'tarball' = what n8n's community installer leaves (peer deps stripped, n8n-workflow from n8n),
//   'npm'     = `cd ~/.n8n/nodes && npm install <tarball>` (the peer n8n-workflow installed beside it).
// For each: the node types are listed, and Webhook -> Invoke URL workflows call the sandbox's generic
// provider with every Custom Service credential, including an OAuth2 refresh after expiry and a wrong password.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const { PKG, PROVIDER, n8n, tarball, startSandbox, oauth1Tokens, oauth2Tokens, expireTokens, errorText } = require('./support');

const INVOKE = `${PKG}.invokeUrl`;
const WF_ID = 'e2eInvokeUrl0001';

const CRED = {
	basic: { id: 'e2eCredBasic0001', name: 'E2E Sandbox Basic', type: 'customServiceBasicApi' },
	basicWrong: { id: 'e2eCredBasicBad01', name: 'E2E Sandbox Basic (wrong password)', type: 'customServiceBasicApi' },
	apiKey: { id: 'e2eCredApiKey0001', name: 'E2E Sandbox API key', type: 'customServiceApiKeyApi' },
	oauth2: { id: 'e2eCredOAuth20001', name: 'E2E Sandbox OAuth2', type: 'customServiceOAuth2Api' },
	oauth1: { id: 'e2eCredOAuth10001', name: 'E2E Sandbox OAuth1', type: 'customServiceOAuth1Api' },
};

function credentials(sb, inst, tokens) {
	const provider = `${sb.url}/provider`;
	const user = PROVIDER.users[0];
	return [
		{ ...CRED.basic, data: { serviceName: 'Sandbox', baseUrl: provider, user: user.username, password: user.password, testUrl: `${provider}/echo` } },
		{ ...CRED.basicWrong, data: { serviceName: 'Sandbox', baseUrl: provider, user: user.username, password: 'not-the-password', testUrl: `${provider}/echo` } },
		{
			...CRED.apiKey,
			// field names of credentials/CustomServiceApiKeyApi.credentials.ts
			data: { serviceName: 'Sandbox', baseUrl: provider, location: 'header', keyName: 'X-API-Key', apiKey: PROVIDER.apiKey, valuePrefix: '', testUrl: `${provider}/echo` },
		},
		{
			...CRED.oauth2,
			data: {
				serviceName: 'Sandbox',
				baseUrl: provider,
				grantType: 'authorizationCode',
				authUrl: `${provider}/oauth2/authorize`,
				accessTokenUrl: `${provider}/oauth2/token`,
				clientId: PROVIDER.clientId,
				clientSecret: PROVIDER.clientSecret,
				scope: 'read',
				authQueryParameters: '',
				authentication: 'header',
				oauthTokenData: tokens.oauth2,
			},
		},
		{
			...CRED.oauth1,
			data: {
				serviceName: 'Sandbox',
				baseUrl: provider,
				requestTokenUrl: `${provider}/oauth1/request_token`,
				authUrl: `${provider}/oauth1/authorize`,
				accessTokenUrl: `${provider}/oauth1/access_token`,
				consumerKey: PROVIDER.oauth1.consumerKey,
				consumerSecret: PROVIDER.oauth1.consumerSecret,
				signatureMethod: 'HMAC-SHA1',
				testUrl: `${provider}/oauth1/resource`,
				oauthTokenData: tokens.oauth1,
			},
		},
	];
}

/** One webhook + Invoke URL pair per case, all in one workflow (one import, one publish). */
const CASES = {
	public: { auth: 'none', method: 'GET', url: '/provider/public/echo', query: true },
	basic: { auth: 'customServiceBasicApi', cred: 'basic', method: 'POST', url: '/provider/echo' },
	'basic-wrong': { auth: 'customServiceBasicApi', cred: 'basicWrong', method: 'GET', url: '/provider/echo' },
	apikey: { auth: 'customServiceApiKeyApi', cred: 'apiKey', method: 'GET', url: '/provider/echo' },
	oauth2: { auth: 'customServiceOAuth2Api', cred: 'oauth2', method: 'GET', url: '/provider/oauth2/resource' },
	oauth1: { auth: 'customServiceOAuth1Api', cred: 'oauth1', method: 'GET', url: '/provider/oauth1/resource' },
};

function workflow(sb) {
	const nodes = [];
	const connections = {};
	let y = 0;
	for (const [key, c] of Object.entries(CASES)) {
		const hook = `Hook ${key}`;
		const call = `Invoke ${key}`;
		nodes.push({
			id: `hook-${key}`,
			name: hook,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, y],
			webhookId: `e2e-${key}`,
			parameters: { httpMethod: 'POST', path: `e2e-${key}`, responseMode: 'lastNode', options: {} },
		});
		const parameters = {
			authentication: c.auth,
			method: c.method,
			url: `${sb.url}${c.url}`,
			headers: { header: [{ name: 'X-E2E-Case', value: key }] },
			parameters: { parameter: [{ name: 'who', value: '={{ $json.body.who }}' }] },
			contentType: 'json',
			options: { timeout: 10000, retries: 0, failOnHttpError: true },
		};
		const node = { id: `call-${key}`, name: call, type: INVOKE, typeVersion: 1, position: [300, y], parameters };
		if (c.cred) node.credentials = { [c.auth]: { id: CRED[c.cred].id, name: CRED[c.cred].name } };
		nodes.push(node);
		connections[hook] = { main: [[{ node: call, type: 'main', index: 0 }]] };
		y += 200;
	}
	return { id: WF_ID, name: 'E2E Invoke URL', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** The Invoke URL output item the webhook answered with (responseMode lastNode). */
async function invoke(inst, key, who = 'e2e') {
	const r = await n8n.callWebhook(inst, `e2e-${key}`, { body: { who } });
	return r;
}

for (const installMode of ['tarball', 'npm']) {
	describe(`package installed by ${installMode === 'tarball' ? "n8n's community installer layout" : 'npm install in ~/.n8n/nodes'}`, () => {
		let sb;
		let inst;
		before(async () => {
			sb = await startSandbox();
			inst = await n8n.createInstance({ name: `pkg-${installMode}`, installMode, tarball: tarball() });
			const tokens = {
				oauth2: await oauth2Tokens(sb.url, `${inst.url}/rest/oauth2-credential/callback`),
				oauth1: await oauth1Tokens(sb.url),
			};
			n8n.importCredentials(inst, credentials(sb, inst, tokens));
			n8n.importWorkflows(inst, [workflow(sb)]);
			if (installMode === 'tarball') n8n.publishWorkflow(inst, WF_ID); // CLI path: publish before start
			await n8n.start(inst);
			if (installMode === 'npm') await n8n.activateWorkflow(inst, WF_ID); // REST path while running
		});
		after(async () => {
			if (inst) await n8n.stop(inst);
			if (sb) await sb.close();
		});

		test('n8n lists the package node types as <package>.<node>', async () => {
			const names = new Set((await n8n.nodeTypes(inst)).map((t) => t.name));
			const loadErrors = n8n.tail(inst.logFile, 400).split('\n').filter((l) => /Failed to load package|Cannot find module/.test(l)).slice(0, 4).join('\n');
			for (const n of ['invokeUrl', 'hubspotSyncTrigger', 'zohoCrmSyncTrigger', 'syncContactCompany']) {
				assert.ok(names.has(`${PKG}.${n}`), `${PKG}.${n} missing from /types/nodes.json\n${loadErrors}`);
			}
			const creds = new Set((await n8n.credentialTypes(inst)).map((c) => c.name));
			for (const c of ['customServiceBasicApi', 'customServiceApiKeyApi', 'customServiceOAuth1Api', 'customServiceOAuth2Api']) {
				assert.ok(creds.has(c), `${c} missing from /types/credentials.json`);
			}
		});

		test('the installed package resolves n8n-workflow the way this install mode should', () => {
			const fs = require('node:fs');
			const path = require('node:path');
			const peer = path.join(inst.n8nFolder, 'nodes', 'node_modules', 'n8n-workflow');
			assert.equal(fs.existsSync(peer), installMode === 'npm');
		});

		test('Invoke URL without auth calls the public echo and the execution data holds the echo', async () => {
			const seen = (await n8n.listExecutions(inst, { workflowId: WF_ID })).map((e) => e.id);
			const r = await invoke(inst, 'public', 'anon');
			assert.equal(r.status, 200, JSON.stringify(r.body));
			assert.equal(r.body.statusCode, 200);
			assert.equal(r.body.body.method, 'GET');
			assert.equal(r.body.body.query.who, 'anon');
			const ex = await n8n.waitForExecution(inst, WF_ID, { seen });
			assert.equal(ex.status, 'success');
			const out = ex.data.resultData.runData['Invoke public'][0].data.main[0][0].json;
			assert.equal(out.statusCode, 200);
			assert.equal(out.body.query.who, 'anon');
			assert.equal(out.body.headers['x-e2e-case'], 'public');
		});

		test('Basic credential: POST parameters go to the JSON body and the provider accepts the login', async () => {
			const r = await invoke(inst, 'basic', 'basic-user');
			assert.equal(r.status, 200, JSON.stringify(r.body));
			assert.equal(r.body.statusCode, 200);
			assert.equal(r.body.body.method, 'POST');
			assert.equal(r.body.body.body.who, 'basic-user');
			assert.ok(!JSON.stringify(r.body).includes(PROVIDER.users[0].password), 'password leaked into the output');
		});

		test('API key credential authenticates the echo', async () => {
			const r = await invoke(inst, 'apikey');
			assert.equal(r.status, 200, JSON.stringify(r.body));
			assert.equal(r.body.statusCode, 200);
			assert.equal(r.body.body.query.who, 'e2e');
		});

		test('OAuth 1.0a credential: n8n signs the request and the provider verifies it', async () => {
			const r = await invoke(inst, 'oauth1');
			assert.equal(r.status, 200, JSON.stringify(r.body));
			assert.equal(r.body.statusCode, 200);
		});

		test('OAuth 2.0 credential calls the resource, and still succeeds after the access token expired', async () => {
			const first = await invoke(inst, 'oauth2');
			assert.equal(first.status, 200, JSON.stringify(first.body));
			assert.equal(first.body.statusCode, 200);
			await expireTokens(sb);
			const second = await invoke(inst, 'oauth2');
			assert.equal(second.status, 200, `after expiry: ${JSON.stringify(second.body)}`);
			assert.equal(second.body.statusCode, 200);
			// the refreshed token was stored: a third call needs no new refresh
			const third = await invoke(inst, 'oauth2');
			assert.equal(third.body.statusCode, 200);
		});

		test('a wrong Basic password fails with an error that names the credential and says why', async () => {
			const seen = (await n8n.listExecutions(inst, { workflowId: WF_ID })).map((e) => e.id);
			const r = await invoke(inst, 'basic-wrong');
			assert.notEqual(r.status, 200);
			const ex = await n8n.waitForExecution(inst, WF_ID, { seen });
			assert.equal(ex.status, 'error');
			const text = errorText(ex);
			assert.match(text, /401|unauthori[sz]ed|authoriz|credential/i, text);
			assert.ok(
				text.includes(CRED.basicWrong.name) || /customServiceBasicApi|Custom Service.*Basic/i.test(text),
				`error does not name the credential: ${text}`,
			);
			assert.ok(!text.includes('not-the-password'), 'the password leaked into the error');
		});
	});
}
