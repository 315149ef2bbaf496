// The issue 16 example nodes of templates/invoke-url-examples.json, run in-process against the sandbox with the
// credentials sandbox/credentials-for-templates.js gives them (same names, same data).
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { createHarness } from '../support/n8n-harness';
import type { HarnessNode, StoredCredential } from '../support/n8n-harness';
import { loadTemplate } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEFAULTS } = require('../../sandbox/provider');

const t = loadTemplate('invoke-url-examples.json');
const byName = (name: string) => t.nodes.find((n) => n.name === name) as unknown as HarnessNode;

let sb: { url: string; close: () => void };
let credentials: Record<string, StoredCredential>;
beforeAll(async () => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
	sb = await startSandbox({ port: 0 });
	const user = DEFAULTS.users[0];
	credentials = {
		basic: { type: 'customServiceBasicApi', name: 'Custom Service Basic', data: { baseUrl: `${sb.url}/provider`, user: user.username, password: user.password } },
		key: {
			type: 'customServiceApiKeyApi',
			name: 'Account API (Custom Service API Key)',
			data: {
				baseUrl: `${sb.url}/{area}`, connectionParameters: 'area=provider', location: 'header', keyName: 'X-API-Key', apiKey: DEFAULTS.apiKey,
				additionalParameters: { parameter: [{ location: 'header', name: 'X-Account-Id', value: 'sandbox-account-1' }, { location: 'query', name: 'org', value: 'sandbox-org' }] },
			},
		},
	};
});
afterAll(() => sb.close());

/** Runs template nodes in a chain, bound to the harness credentials by type. */
async function run(...names: string[]): Promise<(name: string) => INodeExecutionData[]> {
	const nodes = names.map((name) => {
		const n = byName(name);
		const [type] = Object.keys(n.credentials ?? {});
		const id = Object.entries(credentials).find(([, c]) => c.type === type)?.[0] ?? '';
		return { ...n, credentials: { [type]: { id, name: credentials[id].name ?? '' } } };
	});
	const result = await createHarness({ credentials }).runWorkflow({ nodes });
	expect(result.error).toBeUndefined();
	return (name) => result.output(name);
}
const json = (items: INodeExecutionData[]) => items[0].json as IDataObject;

describe('invoke-url-examples.json issue 16 examples against the sandbox', () => {
	it('Paged List merges 3 pages into 25 records', async () => {
		const out = await run('Paged List (Pagination)');
		expect(json(out('Paged List (Pagination)'))).toMatchObject({ statusCode: 200, pages: 3 });
		expect((json(out('Paged List (Pagination)')).body as unknown[]).length).toBe(25);
	});

	it('Download PNG feeds a two-file multipart upload and a binary body', async () => {
		const up = await run('Download PNG', 'Upload Files (Multipart)');
		const parts = (json(up('Upload Files (Multipart)')).body as IDataObject).parts as IDataObject[];
		expect(parts.map((p) => [p.name, p.filename, p.size])).toEqual([['title', null, 24], ['image', 'sandbox.png', 70], ['copy', 'sandbox.png', 70]]);
		const raw = await run('Download PNG', 'Send Binary Body');
		expect(json(raw('Send Binary Body')).body).toMatchObject({ contentType: 'image/png', bodySize: 70, query: { name: 'logo' } });
	});

	it('Account Echo sends the key, the account header and the org parameter to the expanded Base URL', async () => {
		const out = await run('Account Echo (Several Auth Parameters)');
		expect(json(out('Account Echo (Several Auth Parameters)')).body).toMatchObject({ account: 'sandbox-account-1', query: { org: 'sandbox-org' }, path: '/provider/account/echo' });
	});

	it('Latin-1 Text decodes ISO-8859-1 into the text field', async () => {
		const out = await run('Latin-1 Text (Charset)');
		expect(json(out('Latin-1 Text (Charset)')).text).toBe('Grüße aus Köln, café à 5 francs');
	});

	it('OPTIONS sends the repeated parameter in brackets', async () => {
		const out = await run('OPTIONS, Query Arrays, Batches');
		expect(json(out('OPTIONS, Query Arrays, Batches')).body).toMatchObject({ method: 'OPTIONS', query: { 'tag[]': 'b' } });
	});

	it('Records for an AI Agent keeps the listed fields, text cut at 40 characters', async () => {
		const out = await run('Records for an AI Agent (Trimmed)');
		const body = json(out('Records for an AI Agent (Trimmed)')).body as IDataObject;
		expect(Object.keys((body.data as IDataObject[])[0])).toEqual(['id', 'name', 'notes']);
		expect((body.data as IDataObject[])[0].notes).toMatch(/^.{40}… \[truncated/);
	});
});
