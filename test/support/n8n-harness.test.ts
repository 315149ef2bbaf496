import nock from 'nock';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { ICredentialType, IExecuteFunctions, IHookFunctions, INodeType, IWebhookFunctions } from 'n8n-workflow';
import { createHarness } from './n8n-harness';

const fakeCred: ICredentialType = {
	name: 'fakeTokenApi',
	displayName: 'Fake',
	properties: [{ displayName: 'Token', name: 'token', type: 'string', default: '' }],
	authenticate: { type: 'generic', properties: { headers: { 'X-Token': '={{$credentials.token}}' } } },
};
const fakeOAuth2: ICredentialType = {
	name: 'fakeOAuth2Api',
	displayName: 'Fake OAuth2',
	extends: ['oAuth2Api'],
	properties: [{ displayName: 'Grant', name: 'grantType', type: 'hidden', default: 'authorizationCode' }],
};

const caller: INodeType = {
	description: {
		displayName: 'Caller', name: 'caller', group: ['transform'], version: 1, description: '', defaults: { name: 'Caller' },
		inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fakeTokenApi', required: false }, { name: 'fakeOAuth2Api', required: false }],
		properties: [{ displayName: 'Cred', name: 'cred', type: 'string', default: 'fakeTokenApi' }],
	},
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const cred = this.getNodeParameter('cred', i) as string;
			if (items[i].json.fail) {
				const e = new NodeOperationError(this.getNode(), 'item failed', { itemIndex: i });
				if (this.continueOnFail()) { out.push({ json: { error: e.message }, pairedItem: { item: i } }); continue; }
				throw e;
			}
			const body = await this.helpers.httpRequestWithAuthentication.call(this, cred, { url: 'https://api.test/echo', json: true });
			out.push({ json: body, pairedItem: { item: i } });
		}
		return [out];
	},
};

const hook: INodeType = {
	description: {
		displayName: 'Hook Trigger', name: 'hookTrigger', group: ['trigger'], version: 1, description: '', defaults: { name: 'Hook' },
		inputs: [], outputs: [NodeConnectionTypes.Main], properties: [],
		webhooks: [{ name: 'default', httpMethod: 'POST', path: 'hook', responseMode: 'onReceived' }],
	},
	webhookMethods: {
		default: {
			async checkExists(this: IHookFunctions) { return Boolean(this.getWorkflowStaticData('node').id); },
			async create(this: IHookFunctions) { this.getWorkflowStaticData('node').id = this.getNodeWebhookUrl('default'); return true; },
			async delete(this: IHookFunctions) { delete this.getWorkflowStaticData('node').id; return true; },
		},
	},
	async webhook(this: IWebhookFunctions) {
		const req = this.getRequestObject() as unknown as { rawBody: Buffer };
		if (this.getHeaderData()['x-sig'] !== 'ok') {
			this.getResponseObject().status(401).send('bad');
			return { noWebhookResponse: true };
		}
		return { workflowData: [[{ json: { raw: req.rawBody.toString('utf8') } }]] };
	},
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('n8n harness', () => {
	const base = () => createHarness({
		nodeTypes: { caller, hookTrigger: hook },
		credentialTypes: { fakeTokenApi: fakeCred, fakeOAuth2Api: fakeOAuth2 },
		credentials: {
			t1: { type: 'fakeTokenApi', data: { token: 'tok-1' } },
			o1: { type: 'fakeOAuth2Api', data: {
				clientId: 'cid', clientSecret: 'cs', accessTokenUrl: 'https://auth.test/token', authUrl: 'https://auth.test/auth',
				authentication: 'body', oauthTokenData: { access_token: 'old', refresh_token: 'r1', token_type: 'Bearer' } } },
		},
	});

	it('applies generic authenticate properties from the credential', async () => {
		const scope = nock('https://api.test').get('/echo').matchHeader('x-token', 'tok-1').reply(200, { ok: 1 });
		const h = base();
		const r = await h.runWorkflow({
			nodes: [{ name: 'C', type: 'caller', credentials: { fakeTokenApi: { id: 't1', name: 'T' } } }],
		});
		expect(r.error).toBeUndefined();
		expect(r.output('C')[0].json).toEqual({ ok: 1 });
		expect(scope.isDone()).toBe(true);
	});

	it('refreshes an OAuth2 token on 401 and captures the saved token data', async () => {
		nock('https://api.test').get('/echo').matchHeader('authorization', 'Bearer old').reply(401, {});
		nock('https://auth.test').post('/token').reply(200, { access_token: 'new', refresh_token: 'r2', token_type: 'Bearer', expires_in: 3600 });
		nock('https://api.test').get('/echo').matchHeader('authorization', 'Bearer new').reply(200, { ok: 2 });
		const h = base();
		const r = await h.runWorkflow({
			nodes: [{ name: 'C', type: 'caller', parameters: { cred: 'fakeOAuth2Api' }, credentials: { fakeOAuth2Api: { id: 'o1', name: 'O' } } }],
		});
		expect(r.error).toBeUndefined();
		expect(r.output('C')[0].json).toEqual({ ok: 2 });
		expect(h.tokenUpdates).toHaveLength(1);
		expect((h.tokenUpdates[0].data.oauthTokenData as { access_token: string }).access_token).toBe('new');
	});

	it('routes a failing item to the error output with onError continueErrorOutput', async () => {
		nock('https://api.test').get('/echo').reply(200, { ok: 3 });
		const h = base();
		const r = await h.runWorkflow({
			nodes: [
				{ name: 'C', type: 'caller', onError: 'continueErrorOutput', credentials: { fakeTokenApi: { id: 't1', name: 'T' } } },
				{ name: 'Ok', type: 'test.collect' },
				{ name: 'Bad', type: 'test.collect' },
			],
			connections: { C: { main: [[{ node: 'Ok', type: 'main', index: 0 }], [{ node: 'Bad', type: 'main', index: 0 }]] } },
			items: [{ json: {} }, { json: { fail: true } }],
		});
		expect(r.error).toBeUndefined();
		expect(r.output('Ok')).toHaveLength(1);
		expect(r.output('Bad')).toHaveLength(1);
	});

	it('runs trigger lifecycle and webhook calls against node static data', async () => {
		const h = base();
		const t = h.trigger({ name: 'Hook', type: 'hookTrigger', webhookId: 'abc' });
		expect(await t.checkExists()).toBe(false);
		await t.create();
		expect(t.staticData.id).toBe('http://localhost:5678/webhook/abc/hook');
		expect(await t.checkExists()).toBe(true);
		const bad = await t.webhook({ headers: { 'X-Sig': 'no' }, body: { a: 1 } });
		expect(bad.response.statusCode).toBe(401);
		expect(bad.result.noWebhookResponse).toBe(true);
		const good = await t.webhook({ headers: { 'X-Sig': 'ok' }, rawBody: '{"a":1}' });
		expect(good.result.workflowData?.[0][0].json).toEqual({ raw: '{"a":1}' });
		await t.delete();
		expect(await t.checkExists()).toBe(false);
	});
});
