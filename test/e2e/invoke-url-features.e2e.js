'use strict';
// Issue 16 in a real n8n 2.41 with the packed package: Invoke URL workflows against the sandbox's generic provider.
// Pagination (next URL merged, page parameter one item per page), several files in one multipart request (from a
// multipart upload to an n8n webhook), a binary body (from a raw PNG posted to a webhook), and an API key
// credential with an account header, a query parameter and a {area} connection parameter in its Base URL.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const http = require('node:http');
const { PKG, PROVIDER, n8n, tarball, startSandbox } = require('./support');

const INVOKE = `${PKG}.invokeUrl`;
const WF_ID = 'e2eInvokeFeat001';
const ACCOUNT = 'e2e-account-secret-99';
const CRED = {
	key: { id: 'e2eFeatKey000001', name: 'Features Key', type: 'customServiceApiKeyApi' },
	multi: { id: 'e2eFeatMulti0001', name: 'Features Multi', type: 'customServiceApiKeyApi' },
};

function credentials(sb) {
	const common = { serviceName: 'Sandbox', location: 'header', keyName: 'X-API-Key', apiKey: PROVIDER.apiKey, valuePrefix: '' };
	return [
		{ ...CRED.key, data: { ...common, baseUrl: `${sb.url}/provider` } },
		{
			...CRED.multi,
			data: {
				...common,
				baseUrl: `${sb.url}/{area}`,
				connectionParameters: 'area=provider',
				additionalParameters: { parameter: [{ location: 'header', name: 'X-Account-Id', value: ACCOUNT }, { location: 'query', name: 'org', value: 'e2e-org' }] },
			},
		},
	];
}

const CASES = {
	'paged-merged': {
		cred: 'key',
		parameters: { method: 'GET', url: '/paged?style=next&total=25&size=10', paginationMode: 'nextUrl', nextUrlPath: 'body.next', itemsPath: 'body.data', paginationOutput: 'merged' },
	},
	'paged-pages': {
		cred: 'key',
		parameters: {
			method: 'GET', url: '/paged', parameters: { parameter: [{ name: 'style', value: 'page' }, { name: 'total', value: '25' }, { name: 'size', value: '10' }] },
			paginationMode: 'pageParameter', pageParameterName: 'page', pageStart: 1, pageIncrement: 1, itemsPath: 'body.data', paginationOutput: 'pages',
		},
	},
	files: {
		cred: 'key',
		parameters: {
			method: 'POST', url: '/echo', contentType: 'multipart', binaryPropertyName: 'a, b', binaryFieldName: 'files',
			files: { file: [{ binaryPropertyName: 'c', fieldName: 'attachment' }] }, parameters: { parameter: [{ name: 'title', value: 'three files' }] },
		},
	},
	binary: { cred: 'key', parameters: { method: 'PUT', url: '/echo', contentType: 'binary', binaryPropertyName: 'data', parameters: { parameter: [{ name: 'name', value: 'logo' }] } } },
	multi: { cred: 'multi', parameters: { method: 'GET', url: 'account/echo' } },
	// URL and proxy come from the webhook call: the proxy is a local server started by the test.
	proxy: { parameters: { method: 'GET', url: '={{ $json.body.url }}' }, options: { proxy: '={{ $json.body.proxy }}' } },
};

/** A forward HTTP proxy that answers itself and keeps what it was asked for. */
function startProxy() {
	const seen = [];
	const server = http.createServer((req, res) => {
		seen.push({ url: req.url, auth: req.headers['proxy-authorization'] });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"via":"proxy"}');
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, seen, close: () => new Promise((r) => server.close(r)) })));
}

function workflow() {
	const nodes = [];
	const connections = {};
	let y = 0;
	for (const [key, c] of Object.entries(CASES)) {
		const hook = `Hook ${key}`;
		const call = `Invoke ${key}`;
		nodes.push({
			id: `hook-${key}`, name: hook, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, y], webhookId: `features-${key}`,
			parameters: { httpMethod: 'POST', path: `features-${key}`, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		});
		const auth = c.cred ? CRED[c.cred].type : 'none';
		nodes.push({
			id: `call-${key}`, name: call, type: INVOKE, typeVersion: 1, position: [300, y], onError: 'continueRegularOutput',
			parameters: { authentication: auth, ...c.parameters, options: { timeout: 10000, retries: 0, ...(c.options || {}) } },
			...(c.cred ? { credentials: { [auth]: { id: CRED[c.cred].id, name: CRED[c.cred].name } } } : {}),
		});
		connections[hook] = { main: [[{ node: call, type: 'main', index: 0 }]] };
		y += 200;
	}
	return { id: WF_ID, name: 'E2E Invoke URL features', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** A 1x1 PNG, different from the sandbox's. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');

describe('Invoke URL features (issue 16) in a real n8n', () => {
	let sb;
	let inst;
	let proxy;
	const hookUrl = (key) => `${inst.url}/webhook/features-${key}`;
	const call = async (key, init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }) => {
		const res = await fetch(hookUrl(key), init);
		const text = await res.text();
		let body;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		return { status: res.status, body };
	};

	before(async () => {
		sb = await startSandbox();
		proxy = await startProxy();
		inst = await n8n.createInstance({ name: 'invoke-features', installMode: 'tarball', tarball: tarball() });
		n8n.importCredentials(inst, credentials(sb));
		n8n.importWorkflows(inst, [workflow()]);
		await n8n.start(inst);
		await n8n.activateWorkflow(inst, WF_ID);
		// n8n answers 404 for a short while after activation although the webhooks are stored: wait for them.
		for (const until = Date.now() + 60_000; (await call('multi')).status === 404; ) {
			if (Date.now() > until) throw new Error('the workflow webhooks were never registered');
			await new Promise((r) => setTimeout(r, 500));
		}
	});
	after(async () => {
		if (inst) await n8n.stop(inst);
		if (sb) await sb.close();
		if (proxy) await proxy.close();
	});

	test('pagination: a next URL merged into one item of 25 records; a page parameter as one item per page', async () => {
		const merged = await call('paged-merged');
		assert.equal(merged.status, 200, JSON.stringify(merged.body).slice(0, 300));
		assert.equal(merged.body.length, 1);
		assert.equal(merged.body[0].pages, 3);
		assert.deepEqual(merged.body[0].body.map((r) => r.id), Array.from({ length: 25 }, (_, n) => `rec-${n + 1}`));
		const pages = await call('paged-pages');
		assert.deepEqual(pages.body.map((p) => p.body.data.length), [10, 10, 5, 0]);
		assert.deepEqual(pages.body.map((p) => p.body.info.page), [1, 2, 3, 4]);
	});

	test('three files uploaded to a webhook go out in one multipart request, each under its field name', async () => {
		const form = new FormData();
		form.append('a', new Blob(['first file'], { type: 'text/plain' }), 'a.txt');
		form.append('b', new Blob(['id,name\n1,Ada\n'], { type: 'text/csv' }), 'b.csv');
		form.append('c', new Blob([PNG], { type: 'image/png' }), 'c.png');
		const r = await call('files', { method: 'POST', body: form });
		assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
		const echo = r.body[0].body;
		assert.equal(r.body[0].statusCode, 200, JSON.stringify(r.body[0]).slice(0, 300));
		assert.deepEqual(
			echo.parts.map((p) => [p.name, p.filename, p.contentType, p.size]),
			[['title', null, null, 11], ['files', 'a.txt', 'text/plain', 10], ['files', 'b.csv', 'text/csv', 14], ['attachment', 'c.png', 'image/png', PNG.length]],
		);
		assert.equal(echo.parts[3].sha256, sha256(PNG));
	});

	test('a PNG posted to a webhook is sent on as the raw body with its mime type', async () => {
		const r = await call('binary', { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG });
		assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
		const echo = r.body[0].body;
		assert.equal(echo.contentType, 'image/png');
		assert.equal(echo.bodySize, PNG.length);
		assert.equal(echo.bodySha256, sha256(PNG));
		assert.deepEqual(echo.query, { name: 'logo' });
	});

	test('an API key credential with an account header, a query parameter and a {area} connection parameter', async () => {
		const r = await call('multi');
		assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
		assert.equal(r.body[0].statusCode, 200, JSON.stringify(r.body[0]).slice(0, 300));
		assert.equal(r.body[0].body.account, ACCOUNT);
		assert.equal(r.body[0].body.path, '/provider/account/echo');
		assert.deepEqual(r.body[0].body.query, { org: 'e2e-org' });
		assert.deepEqual(r.body[0].body.auth, { type: 'apiKey', user: 'api-key-client' });
	});

	test('the Proxy option sends the request through an HTTP proxy, with its credentials', async () => {
		const r = await call('proxy', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://upstream.invalid/items?x=1', proxy: `http://pu:pp@127.0.0.1:${proxy.port}` }) });
		assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
		assert.deepEqual(r.body[0].body, { via: 'proxy' }, JSON.stringify(r.body[0]).slice(0, 300));
		assert.deepEqual(proxy.seen, [{ url: 'http://upstream.invalid/items?x=1', auth: `Basic ${Buffer.from('pu:pp').toString('base64')}` }]);
	});
});
