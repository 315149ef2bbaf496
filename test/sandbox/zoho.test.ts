/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// The Zoho CRM emulator, driven over raw HTTP: one test per documented quirk (docs/crm-api-notes.md §2).
import { startReceiver } from '../lib/zoho/helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');

type Json = Record<string, any>;
let sb: Awaited<ReturnType<typeof startSandbox>>;
let token: string;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
	const res = await fetch(`${sb.url}${path}`, {
		method,
		headers: { authorization: `Zoho-oauthtoken ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, text, body: text ? (JSON.parse(text) as Json) : undefined };
}
const form = (fields: Record<string, string>) =>
	fetch(`${sb.url}/zoho-accounts/oauth/v2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	}).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));

beforeAll(async () => {
	sb = await startSandbox({ zoho: { searchLagMs: 300, notifyRetryDelayMs: 20 } });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.zoho.reset();
	sb.core.resetLog();
	token = sb.zoho.issueTokens().access_token;
});

describe('Zoho Accounts OAuth', () => {
	async function authorize(query: Record<string, string>) {
		const qs = new URLSearchParams({ client_id: sb.zoho.clientId, response_type: 'code', redirect_uri: 'http://127.0.0.1:1/cb', scope: 'ZohoCRM.modules.contacts.ALL', state: 's1', ...query });
		const res = await fetch(`${sb.url}/zoho-accounts/oauth/v2/auth?${qs}`, { redirect: 'manual' });
		return res;
	}
	const exchange = (code: string) =>
		form({ grant_type: 'authorization_code', code, client_id: sb.zoho.clientId, client_secret: sb.zoho.clientSecret, redirect_uri: 'http://127.0.0.1:1/cb' });

	it('shows an approve page, and redirects with code, location and accounts-server on auto=1', async () => {
		const page = await authorize({});
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('id="approve"');
		const auto = await authorize({ auto: '1', access_type: 'offline' });
		expect(auto.status).toBe(302);
		const back = new URL(auto.headers.get('location')!);
		expect(back.searchParams.get('state')).toBe('s1');
		expect(back.searchParams.get('accounts-server')).toBe(`${sb.url}/zoho-accounts`);
		expect(back.searchParams.get('code')).toBeTruthy();
	});

	it('issues a refresh token only for access_type=offline, with api_domain and a one-hour Bearer token', async () => {
		const online = await exchange(new URL((await authorize({ auto: '1' })).headers.get('location')!).searchParams.get('code')!);
		expect(online.body.refresh_token).toBeUndefined();
		const offline = await exchange(new URL((await authorize({ auto: '1', access_type: 'offline', prompt: 'consent' })).headers.get('location')!).searchParams.get('code')!);
		expect(offline.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, api_domain: `${sb.url}/zoho` });
		expect(offline.body.refresh_token).toBeTruthy();
		const refreshed = await form({ grant_type: 'refresh_token', refresh_token: offline.body.refresh_token, client_id: sb.zoho.clientId, client_secret: sb.zoho.clientSecret });
		expect(refreshed.body.access_token).toBeTruthy();
		expect(refreshed.body.refresh_token).toBeUndefined();
		expect(refreshed.body.api_domain).toBe(`${sb.url}/zoho`);
	});

	it('re-authorising without prompt=consent issues no new refresh token', async () => {
		const code = async (q: Record<string, string>) => new URL((await authorize({ auto: '1', access_type: 'offline', ...q })).headers.get('location')!).searchParams.get('code')!;
		expect((await exchange(await code({}))).body.refresh_token).toBeTruthy();
		expect((await exchange(await code({}))).body.refresh_token).toBeUndefined();
		expect((await exchange(await code({ prompt: 'consent' }))).body.refresh_token).toBeTruthy();
	});

	it('rejects a reused code and a wrong client secret', async () => {
		const c = new URL((await authorize({ auto: '1' })).headers.get('location')!).searchParams.get('code')!;
		await exchange(c);
		expect((await exchange(c)).body.error).toBe('invalid_code');
		const bad = await form({ grant_type: 'refresh_token', refresh_token: 'x', client_id: sb.zoho.clientId, client_secret: 'wrong' });
		expect(bad.body.error).toBe('invalid_client');
	});
});

describe('CRM authentication', () => {
	it('accepts Zoho-oauthtoken and Bearer, answers AUTHENTICATION_FAILURE without a header', async () => {
		expect((await call('GET', '/zoho/crm/v8/users?type=CurrentUser')).status).toBe(200);
		expect((await call('GET', '/zoho/crm/v8/users?type=CurrentUser', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
		const none = await fetch(`${sb.url}/zoho/crm/v8/Contacts/1`);
		expect(none.status).toBe(401);
		expect(((await none.json()) as Json).code).toBe('AUTHENTICATION_FAILURE');
	});

	it('answers 401 INVALID_TOKEN once tokens expire', async () => {
		sb.zoho.expireTokens();
		const r = await call('GET', '/zoho/crm/v8/users?type=CurrentUser');
		expect(r.status).toBe(401);
		expect(r.body).toEqual({ code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
	});

	it('answers OAUTH_SCOPE_MISMATCH when the token lacks the module scope', async () => {
		token = sb.zoho.issueTokens('ZohoCRM.modules.accounts.ALL').access_token;
		const r = await call('GET', '/zoho/crm/v8/Contacts?fields=Email');
		expect(r.status).toBe(401);
		expect(r.body!.code).toBe('OAUTH_SCOPE_MISMATCH');
	});

	it('answers 429 TOO_MANY_REQUESTS without Retry-After past the per-token concurrency cap', async () => {
		sb.zoho.options.processingMs = 150;
		sb.zoho.options.concurrency = 2;
		try {
			const results = await Promise.all([1, 2, 3, 4].map(() => fetch(`${sb.url}/zoho/crm/v8/users?type=CurrentUser`, { headers: { authorization: `Bearer ${token}` } })));
			const limited = results.filter((r) => r.status === 429);
			expect(limited).toHaveLength(2);
			expect(limited[0].headers.get('retry-after')).toBeNull();
			expect(((await limited[0].json()) as Json).code).toBe('TOO_MANY_REQUESTS');
		} finally {
			sb.zoho.options.processingMs = 0;
			sb.zoho.options.concurrency = 10;
		}
	});

	it('injected faults carry Zoho\'s error shape', async () => {
		sb.core.faults.rate429 = 1;
		try {
			const r = await call('GET', '/zoho/crm/v8/Contacts?fields=Email');
			expect(r.status).toBe(429);
			expect(r.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 'error' });
		} finally {
			sb.core.faults.rate429 = 0;
		}
	});
});

describe('Records API', () => {
	it('lists require fields (REQUIRED_PARAM_MISSING) and page with info.more_records', async () => {
		expect((await call('GET', '/zoho/crm/v8/Contacts')).body!.code).toBe('REQUIRED_PARAM_MISSING');
		for (let i = 0; i < 5; i++) sb.zoho.createRecord('Contacts', { Last_Name: `L${i}` }, { notify: false });
		const p1 = await call('GET', '/zoho/crm/v8/Contacts?fields=Last_Name&per_page=2&page=1');
		expect(p1.body!.data).toHaveLength(2);
		expect(p1.body!.info.more_records).toBe(true);
		const p3 = await call('GET', '/zoho/crm/v8/Contacts?fields=Last_Name&per_page=2&page=3');
		expect(p3.body!.info.more_records).toBe(false);
	});

	it('wraps a single record in data[], and answers 204 for an unknown id', async () => {
		const c = sb.zoho.createRecord('Contacts', { Last_Name: 'Solo' });
		const r = await call('GET', `/zoho/crm/v8/Contacts/${c.id}`);
		expect(r.body!.data).toHaveLength(1);
		expect((await call('GET', '/zoho/crm/v8/Contacts/999')).status).toBe(204);
		expect((await call('GET', '/zoho/crm/v8/Leads?fields=Email')).body!.code).toBe('INVALID_MODULE');
	});

	it('renders Modified_Time in the +05:30 offset without milliseconds, and Modified_By names the API user', async () => {
		const r = await call('POST', '/zoho/crm/v8/Contacts', { data: [{ Last_Name: 'Time' }] });
		const rec = sb.zoho.getRecord('Contacts', r.body!.data[0].details.id);
		expect(rec.Modified_Time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
		expect(Math.abs(Date.parse(rec.Modified_Time) - Date.now())).toBeLessThan(5000);
		expect(rec.Modified_By.id).toBe(sb.zoho.users.api.id);
		const page = sb.zoho.updateRecord('Contacts', rec.id, { Title: 'CEO' });
		expect(page.Modified_By.id).toBe(sb.zoho.users.page.id);
	});

	it('answers per-record errors inside a 2xx: MANDATORY_NOT_FOUND, INVALID_DATA for a bad email and a wrong type', async () => {
		const r = await call('POST', '/zoho/crm/v8/Contacts', { data: [{ Last_Name: 'Ok' }, { First_Name: 'NoLast' }, { Last_Name: 'X', Email: 'not-an-email' }] });
		expect(r.status).toBe(202);
		expect(r.body!.data.map((d: Json) => d.code)).toEqual(['SUCCESS', 'MANDATORY_NOT_FOUND', 'INVALID_DATA']);
		expect(r.body!.data[1].details.api_name).toBe('Last_Name');
		expect(r.body!.data[2].details).toMatchObject({ api_name: 'Email', expected_data_type: 'email' });
		const typed = await call('POST', '/zoho/crm/v8/Accounts', { data: [{ Account_Name: 'A', Employees: 'many' }] });
		expect(typed.body!.data[0].details).toMatchObject({ api_name: 'Employees', expected_data_type: 'integer' });
	});

	it('answers DUPLICATE_DATA naming the existing id for a second account with the same name', async () => {
		const first = await call('POST', '/zoho/crm/v8/Accounts', { data: [{ Account_Name: 'Acme' }] });
		const second = await call('POST', '/zoho/crm/v8/Accounts', { data: [{ Account_Name: 'ACME' }] });
		expect(second.body!.data[0].code).toBe('DUPLICATE_DATA');
		expect(second.body!.data[0].details.duplicate_record.id).toBe(first.body!.data[0].details.id);
	});

	it('reads the Account_Name lookup as {name,id} and writes it as {id}', async () => {
		const acc = sb.zoho.createRecord('Accounts', { Account_Name: 'Globex' });
		const r = await call('POST', '/zoho/crm/v8/Contacts', { data: [{ Last_Name: 'L', Account_Name: { id: acc.id } }] });
		const got = await call('GET', `/zoho/crm/v8/Contacts/${r.body!.data[0].details.id}`);
		expect(got.body!.data[0].Account_Name).toEqual({ name: 'Globex', id: acc.id });
	});

	it('upserts by Email by default and by Account_Name for Accounts, reporting action and duplicate_field', async () => {
		sb.zoho.createRecord('Contacts', { Last_Name: 'Old', Email: 'a@b.com' }, { notify: false });
		const r = await call('POST', '/zoho/crm/v8/Contacts/upsert', { data: [{ Last_Name: 'New', Email: 'A@b.com' }, { Last_Name: 'Fresh', Email: 'c@d.com' }] });
		expect(r.body!.data.map((d: Json) => [d.action, d.duplicate_field])).toEqual([['update', 'Email'], ['insert', null]]);
		const acc = await call('POST', '/zoho/crm/v8/Accounts/upsert', { data: [{ Account_Name: 'Initech' }] });
		expect(acc.body!.data[0].action).toBe('insert');
		const again = await call('POST', '/zoho/crm/v8/Accounts/upsert', { data: [{ Account_Name: 'Initech', Website: 'initech.com' }] });
		expect(again.body!.data[0]).toMatchObject({ action: 'update', duplicate_field: 'Account_Name' });
	});

	it('upserts keyed on a unique field given as duplicate_check_fields, and nothing else', async () => {
		// HubSpot_ID is unique in the sandbox by default (Do not allow duplicate values), Website is not.
		const first = await call('POST', '/zoho/crm/v8/Contacts/upsert', { data: [{ Last_Name: 'NoMail', HubSpot_ID: '123' }], duplicate_check_fields: ['HubSpot_ID'] });
		const second = await call('POST', '/zoho/crm/v8/Contacts/upsert', { data: [{ Last_Name: 'NoMail', Title: 'Again', HubSpot_ID: '123' }], duplicate_check_fields: ['HubSpot_ID'] });
		expect(first.body!.data[0]).toMatchObject({ action: 'insert', duplicate_field: null });
		expect(second.body!.data[0]).toMatchObject({ action: 'update', duplicate_field: 'HubSpot_ID', details: { id: first.body!.data[0].details.id } });
		expect(sb.zoho.listRecords('Contacts')).toHaveLength(1);
		const notUnique = await call('POST', '/zoho/crm/v8/Accounts/upsert', { data: [{ Account_Name: 'X', Website: 'x.com' }], duplicate_check_fields: ['Website'] });
		expect(notUnique.status).toBe(400);
		expect(notUnique.body).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Website' } });
	});

	it('keeps unique fields unique when an upsert inserts or matches on another field (DUPLICATE_DATA)', async () => {
		const acme = sb.zoho.createRecord('Accounts', { Account_Name: 'Acme', Website: 'acme.com', HubSpot_ID: '11' }, { notify: false });
		const r = await call('POST', '/zoho/crm/v8/Accounts/upsert', { data: [{ Account_Name: 'ACME', Website: 'acme.de', HubSpot_ID: '12' }], duplicate_check_fields: ['HubSpot_ID'] });
		expect(r.status).toBe(400);
		expect(r.body!.data[0]).toMatchObject({ code: 'DUPLICATE_DATA', details: { api_name: 'Account_Name', duplicate_record: { id: acme.id } } });
		expect(sb.zoho.getRecord('Accounts', acme.id).Website).toBe('acme.com');
	});

	it('rejects more than 100 records in one call', async () => {
		const r = await call('POST', '/zoho/crm/v8/Contacts', { data: Array.from({ length: 101 }, (_, i) => ({ Last_Name: `L${i}` })) });
		expect(r.status).toBe(400);
		expect(r.body!.code).toBe('LIMIT_EXCEEDED');
	});

	it('answers 412 ALREADY_MODIFIED when the record changed after If-Unmodified-Since, writing nothing', async () => {
		const c = sb.zoho.createRecord('Contacts', { Last_Name: 'Before' });
		const stale = new Date(Date.now() - 60_000).toISOString().slice(0, 19) + '+00:00';
		const r = await call('PUT', `/zoho/crm/v8/Contacts/${c.id}`, { data: [{ Last_Name: 'After' }] }, { 'If-Unmodified-Since': stale });
		expect(r.status).toBe(412);
		expect(r.body!.code).toBe('ALREADY_MODIFIED');
		expect(sb.zoho.getRecord('Contacts', c.id).Last_Name).toBe('Before');
		const ok = await call('PUT', `/zoho/crm/v8/Contacts/${c.id}`, { data: [{ Last_Name: 'After' }] }, { 'If-Unmodified-Since': c.Modified_Time });
		expect(ok.status).toBe(200);
	});

	it('records the trigger list of each write', async () => {
		await call('POST', '/zoho/crm/v8/Contacts', { data: [{ Last_Name: 'A' }], trigger: [] });
		await call('POST', '/zoho/crm/v8/Contacts', { data: [{ Last_Name: 'B' }] });
		expect(sb.zoho.writes.map((w: Json) => w.trigger)).toEqual([[], ['workflow', 'approval', 'blueprint']]);
	});
});

describe('Search and COQL', () => {
	it('search answers 204 with an empty body on no match', async () => {
		const r = await call('GET', '/zoho/crm/v8/Contacts/search?email=nobody@example.com');
		expect(r.status).toBe(204);
		expect(r.text).toBe('');
	});

	it('search `equals` matches like contains', async () => {
		sb.zoho.loadSeed({ Accounts: [{ Account_Name: 'ABC Inc' }, { Account_Name: 'Other' }] });
		const r = await call('GET', `/zoho/crm/v8/Accounts/search?criteria=${encodeURIComponent('(Account_Name:equals:ABC)')}`);
		expect(r.body!.data.map((d: Json) => d.Account_Name)).toEqual(['ABC Inc']);
	});

	it('search does not see a fresh write until the indexing lag has passed, COQL does at once', async () => {
		await call('POST', '/zoho/crm/v8/Contacts', { data: [{ Last_Name: 'Fresh', Email: 'fresh@example.com' }] });
		expect((await call('GET', '/zoho/crm/v8/Contacts/search?email=fresh@example.com')).status).toBe(204);
		const q = await call('POST', '/zoho/crm/v8/coql', { select_query: "select Email from Contacts where Email = 'fresh@example.com'" });
		expect(q.body!.data).toHaveLength(1);
		await new Promise((ok) => setTimeout(ok, 350));
		expect((await call('GET', '/zoho/crm/v8/Contacts/search?email=fresh@example.com')).status).toBe(200);
	});

	it('COQL supports in, and/or, order by, limit/offset, and answers 204 when empty', async () => {
		sb.zoho.loadSeed({ Contacts: [1, 2, 3, 4].map((i) => ({ Last_Name: `L${i}`, Email: `p${i}@x.com`, Lead_Source: i % 2 ? 'Web' : 'Ads' })) });
		const r = await call('POST', '/zoho/crm/v8/coql', {
			select_query: "select Last_Name, Email from Contacts where Email in ('p1@x.com','p2@x.com','p3@x.com') and (Lead_Source = 'Web' or Last_Name = 'L2') order by Last_Name desc limit 2 offset 0",
		});
		expect(r.body!.data.map((d: Json) => d.Last_Name)).toEqual(['L3', 'L2']);
		expect(r.body!.info.more_records).toBe(true);
		const none = await call('POST', '/zoho/crm/v8/coql', { select_query: "select Email from Contacts where Email = 'zz@x.com'" });
		expect(none.status).toBe(204);
	});

	it('COQL rejects more than 50 values in `in` and a limit above 2000', async () => {
		const values = Array.from({ length: 51 }, (_, i) => `'v${i}'`).join(',');
		const r = await call('POST', '/zoho/crm/v8/coql', { select_query: `select Email from Contacts where Email in (${values})` });
		expect(r.status).toBe(400);
		expect(r.body!.code).toBe('LIMIT_EXCEEDED');
		expect((await call('POST', '/zoho/crm/v8/coql', { select_query: 'select Email from Contacts limit 2001' })).body!.code).toBe('LIMIT_EXCEEDED');
		expect((await call('POST', '/zoho/crm/v8/coql', { select_query: 'select from' })).body!.code).toBe('SYNTAX_ERROR');
	});

	it('COQL compares Modified_Time as an instant across offsets', async () => {
		sb.zoho.loadSeed({ Contacts: [{ Last_Name: 'Old', Modified_Time: '2024-01-01T10:00:00+05:30' }, { Last_Name: 'New', Modified_Time: '2024-01-01T10:00:00+00:00' }] });
		const r = await call('POST', '/zoho/crm/v8/coql', { select_query: "select Last_Name from Contacts where Modified_Time >= '2024-01-01T06:00:00Z'" });
		expect(r.body!.data.map((d: Json) => d.Last_Name)).toEqual(['New']);
	});
});

describe('Notification API', () => {
	const expiry = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 19) + '+00:00';

	it('validates token length, expiry within a week and event names', async () => {
		const base = { channel_id: '1000000068001', events: ['Contacts.create'], notify_url: 'https://example.com/hook' };
		const long = await call('POST', '/zoho/crm/v8/actions/watch', { watch: [{ ...base, token: 'x'.repeat(51) }] });
		expect(long.status).toBe(400);
		expect(long.body!.watch[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'token' } });
		const far = await call('POST', '/zoho/crm/v8/actions/watch', { watch: [{ ...base, channel_expiry: expiry(8 * 86400_000) }] });
		expect(far.body!.watch[0].details.api_name).toBe('channel_expiry');
		const ev = await call('POST', '/zoho/crm/v8/actions/watch', { watch: [{ ...base, events: ['Contacts.created'] }] });
		expect(ev.body!.watch[0].details.api_name).toBe('events');
	});

	it('enables, lists, renews and disables a channel', async () => {
		const item = { channel_id: '1000000068001', events: ['Contacts.all'], notify_url: 'https://example.com/hook', token: 't', channel_expiry: expiry(3600_000) };
		const on = await call('POST', '/zoho/crm/v8/actions/watch', { watch: [item] });
		expect(on.body!.watch[0]).toMatchObject({ code: 'SUCCESS', status: 'success' });
		expect(on.body!.watch[0].details.events[0]).toMatchObject({ channel_id: '1000000068001', resource_name: 'Contacts' });
		const renewed = await call('PATCH', '/zoho/crm/v8/actions/watch', { watch: [{ ...item, channel_expiry: expiry(6 * 86400_000) }] });
		expect(renewed.status).toBe(200);
		const list = await call('GET', '/zoho/crm/v8/actions/watch');
		expect(Date.parse(list.body!.watch[0].channel_expiry)).toBeGreaterThan(Date.now() + 5 * 86400_000);
		const off = await call('DELETE', '/zoho/crm/v8/actions/watch?channel_ids=1000000068001');
		expect(off.body!.watch[0].message).toBe('Successfully un-subscribed from actions-watch');
		expect((await call('GET', '/zoho/crm/v8/actions/watch')).status).toBe(204);
	});

	it('delivers one callback per write call with ids, operation, affected_fields, channel_id and token, retrying a failure', async () => {
		const rx = await startReceiver();
		try {
			await call('POST', '/zoho/crm/v8/actions/watch', { watch: [{ channel_id: '42', events: ['Contacts.create', 'Contacts.edit'], notify_url: rx.url, token: 'secret-token' }] });
			const ins = await call('POST', '/zoho/crm/v8/Contacts', { data: [{ Last_Name: 'A' }, { Last_Name: 'B' }] });
			await sb.zoho.flushNotifications();
			expect(rx.bodies).toHaveLength(1);
			expect(rx.bodies[0]).toMatchObject({ operation: 'insert', module: 'Contacts', channel_id: '42', token: 'secret-token', query_params: { src: 'test' } });
			expect(rx.bodies[0].ids).toEqual(ins.body!.data.map((d: Json) => d.details.id));
			rx.failNext(1);
			const id = ins.body!.data[0].details.id;
			sb.zoho.updateRecord('Contacts', id, { Mobile: '+15550001' }); // a person edits in the CRM page
			await sb.zoho.flushNotifications();
			expect(rx.bodies[1]).toMatchObject({ operation: 'update', ids: [id], affected_fields: [{ [id]: ['Mobile'] }] });
			expect(sb.zoho.notifications.filter((n: Json) => n.operation === 'update').map((n: Json) => n.ok)).toEqual([false, true]);
		} finally {
			await rx.close();
		}
	});

	it('sends nothing to expired channels or for unwatched events', async () => {
		const rx = await startReceiver();
		try {
			await call('POST', '/zoho/crm/v8/actions/watch', { watch: [{ channel_id: '7', events: ['Accounts.create'], notify_url: rx.url, channel_expiry: expiry(2000) }] });
			sb.zoho.createRecord('Contacts', { Last_Name: 'Unwatched' });
			await sb.zoho.flushNotifications();
			expect(rx.bodies).toHaveLength(0);
			await new Promise((ok) => setTimeout(ok, 2100));
			sb.zoho.createRecord('Accounts', { Account_Name: 'Late' });
			await sb.zoho.flushNotifications();
			expect(rx.bodies).toHaveLength(0);
		} finally {
			await rx.close();
		}
	});
});
