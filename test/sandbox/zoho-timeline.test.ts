// The Zoho record timeline in the sandbox (GET /crm/v8/{Module}/{id}/__timeline): every write is recorded per field,
// API writes included, as https://www.zoho.com/crm/developer/docs/api/v8/timeline-of-a-record.html describes.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
let sb: Awaited<ReturnType<typeof startSandbox>>;
let token: string;

async function call(method: string, path: string, body?: unknown) {
	const res = await fetch(`${sb.url}/zoho/crm/v8${path}`, {
		method,
		headers: { authorization: `Zoho-oauthtoken ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined };
}

beforeAll(async () => {
	sb = await startSandbox({});
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.zoho.reset();
	token = sb.zoho.issueTokens().access_token;
});

describe('Zoho record timeline', () => {
	it('records the creation and every field change, with source crm_api for API writes and crm_ui for a person', async () => {
		const created = await call('POST', '/Contacts', { data: [{ Last_Name: 'Doe', Email: 'doe@example.com', Phone: '0100' }], trigger: [] });
		const id = created.body?.data[0].details.id;
		await call('PUT', '/Contacts', { data: [{ id, Phone: '0288' }], trigger: [] });
		sb.zoho.updateRecord('Contacts', id, { Title: 'CTO' }, { notify: false });
		await call('PUT', '/Contacts', { data: [{ id, Phone: '0288' }], trigger: [] }); // no change: no entry

		const res = await call('GET', `/Contacts/${id}/__timeline?sort_by=audited_time&sort_order=desc`);
		expect(res.status).toBe(200);
		const entries = res.body?.__timeline as Json[];
		expect(entries.map((e) => [e.action, e.source])).toEqual([
			['updated', 'crm_ui'],
			['updated', 'crm_api'],
			['added', 'crm_api'],
		]);
		expect(entries[0].field_history).toEqual([{ api_name: 'Title', id: null, _value: { old: null, new: 'CTO' } }]);
		expect(entries[1].field_history).toEqual([{ api_name: 'Phone', id: null, _value: { old: '0100', new: '0288' } }]);
		expect(entries[1].done_by.id).toBe(sb.zoho.users.api.id);
		expect(entries[0].done_by.id).toBe(sb.zoho.users.page.id);
		expect(entries[0].audited_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/);
		expect(res.body?.info).toMatchObject({ more_records: false, next_page_token: null });
	});

	it('pages with page_token after the first page and refuses per_page together with page_token', async () => {
		const z = sb.zoho.createRecord('Contacts', { Last_Name: 'Pages' }, { notify: false });
		for (let i = 0; i < 4; i++) sb.zoho.updateRecord('Contacts', z.id, { Title: `T${i}` }, { notify: false });
		const first = await call('GET', `/Contacts/${z.id}/__timeline?per_page=2`);
		expect(first.body?.__timeline).toHaveLength(2);
		expect(first.body?.info.more_records).toBe(true);
		const token2 = first.body?.info.next_page_token;
		const second = await call('GET', `/Contacts/${z.id}/__timeline?page_token=${encodeURIComponent(token2)}`);
		expect(second.body?.__timeline.map((e: Json) => e.field_history?.[0]?._value.new ?? e.action)).toEqual(['T1', 'T0']);
		const third = await call('GET', `/Contacts/${z.id}/__timeline?page_token=${encodeURIComponent(second.body?.info.next_page_token)}`);
		expect(third.body?.__timeline.map((e: Json) => e.action)).toEqual(['added']);
		expect(third.body?.info.more_records).toBe(false);
		const both = await call('GET', `/Contacts/${z.id}/__timeline?per_page=2&page_token=${encodeURIComponent(token2)}`);
		expect(both.status).toBe(400);
	});

	it('dates a seeded record\'s creation at its seeded time', async () => {
		const [id] = sb.zoho.loadSeed({ Contacts: [{ Last_Name: 'Old', Modified_Time: '2024-01-01T10:00:00+05:30' }] }).Contacts;
		const res = await call('GET', `/Contacts/${id}/__timeline`);
		expect(res.body?.__timeline).toEqual([expect.objectContaining({ action: 'added', audited_time: '2024-01-01T10:00:00+05:30' })]);
	});
});
