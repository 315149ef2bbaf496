// The Zoho CRM API v2 alias n8n's built-in Zoho CRM node calls (lower-case modules under /crm/v2): same behaviour as v8.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON from the emulator
type Json = Record<string, any>;
let sb: Awaited<ReturnType<typeof startSandbox>>;
let token: string;

async function call(method: string, path: string, body?: unknown) {
	const res = await fetch(`${sb.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined };
}

beforeAll(async () => {
	sb = await startSandbox({ zoho: { searchLagMs: 0 } });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.zoho.reset();
	sb.core.resetLog();
	token = sb.zoho.issueTokens().access_token;
});

describe('Zoho CRM v2 alias', () => {
	it('upserts a contact by Email through /crm/v2/contacts/upsert and updates it on the second call', async () => {
		const first = await call('POST', '/zoho/crm/v2/contacts/upsert', { data: [{ Last_Name: 'Lovelace', Email: 'ada@example.com' }] });
		expect(first.status).toBe(201);
		expect(first.body!.data[0].action).toBe('insert');
		const second = await call('POST', '/zoho/crm/v2/contacts/upsert', { data: [{ Last_Name: 'Byron', Email: 'ada@example.com' }] });
		expect(second.status).toBe(200);
		expect(second.body!.data[0].action).toBe('update');
		expect(second.body!.data[0].details.id).toBe(first.body!.data[0].details.id);
		expect(sb.zoho.listRecords('Contacts').map((r: Json) => r.Last_Name)).toEqual(['Byron']);
	});

	it('gets, updates and searches with lower-case module names, counted under the v2 routes', async () => {
		const id = sb.zoho.createRecord('Contacts', { Last_Name: 'Hopper', Email: 'grace@example.com' }, { notify: false }).id;
		const got = await call('GET', `/zoho/crm/v2/contacts/${id}`);
		expect(got.body!.data[0].Email).toBe('grace@example.com');
		const put = await call('PUT', `/zoho/crm/v2/contacts/${id}`, { data: [{ First_Name: 'Grace' }] });
		expect(put.body!.data[0].status).toBe('success');
		const found = await call('GET', '/zoho/crm/v2/contacts/search?email=grace@example.com');
		expect(found.body!.data.map((r: Json) => r.id)).toEqual([id]);
		const none = await call('GET', '/zoho/crm/v2/contacts/search?email=nobody@example.com');
		expect(none.status).toBe(204);
		expect(sb.core.countsFor('/zoho/crm/v2/')).toEqual({
			'GET /zoho/crm/v2/:module/:id': 1,
			'PUT /zoho/crm/v2/:module/:id': 1,
			'GET /zoho/crm/v2/:module/search': 2,
		});
	});

	it('still rejects unknown modules with INVALID_MODULE', async () => {
		const res = await call('GET', '/zoho/crm/v2/widgets/1');
		expect(res.status).toBe(400);
		expect(res.body!.code).toBe('INVALID_MODULE');
	});
});
