// ZohoClient against the sandbox on an ephemeral port, counting requests from the sandbox log.
import { isCrmRecordError, isHttpError } from '../../../lib/http';
import { isAlreadyModifiedError } from '../../../lib/zoho';
import { contact, startReceiver, startZohoHarness, type ZohoHarness } from './helpers';

let h: ZohoHarness;
beforeAll(async () => {
	h = await startZohoHarness({ zoho: { searchLagMs: 1000, notifyRetryDelayMs: 20 } });
});
afterAll(() => h.close());
beforeEach(() => {
	h.sandbox.zoho.reset();
	h.sandbox.core.resetLog();
	h.sleeps.length = 0;
});

const seedContacts = (n: number) => h.sandbox.zoho.loadSeed({ Contacts: Array.from({ length: n }, (_, i) => contact(i)) }).Contacts as string[];

describe('reads', () => {
	it('reads 100 records by id in one call', async () => {
		const ids = seedContacts(100);
		const records = await h.client.getRecords('Contacts', ids, ['Email', 'Modified_Time']);
		expect(records).toHaveLength(100);
		expect(h.count('GET /zoho/crm/v8/:module')).toBe(1);
	});

	it('looks up 100 emails in one COQL call (two `in` criteria of 50), exactly and case-insensitively', async () => {
		seedContacts(120);
		h.sandbox.zoho.loadSeed({ Contacts: [{ Last_Name: 'Near', Email: 'xperson1@example.com' }] });
		const emails = Array.from({ length: 100 }, (_, i) => `Person${i}@Example.com`);
		const found = await h.client.findByEmails('Contacts', emails, ['Last_Name', 'Modified_Time']);
		expect(found).toHaveLength(100);
		expect(found.some((r) => r.Email === 'xperson1@example.com')).toBe(false);
		expect(h.count('POST /zoho/crm/v8/coql')).toBe(1);
		// the 101st value needs a second call
		expect(await h.client.findByEmails('Contacts', [...emails, 'person119@example.com'], ['Last_Name'])).toHaveLength(101);
		expect(h.count('POST /zoho/crm/v8/coql')).toBe(3);
	});

	it('finds a record written a moment ago (COQL has no search lag)', async () => {
		await h.client.insert('Contacts', [contact(1)]);
		expect(await h.client.findByEmails('Contacts', ['person1@example.com'], ['Email'])).toHaveLength(1);
	});

	it('getRecord gives undefined for an unknown id (204) and parses nothing from an empty body', async () => {
		expect(await h.client.getRecord('Contacts', '123')).toBeUndefined();
		const [id] = seedContacts(1);
		expect((await h.client.getRecord('Contacts', id))?.Email).toBe('person0@example.com');
	});

	it('coql gives an empty result for 204, and coqlAll pages with limit/offset', async () => {
		expect(await h.client.coql("select Email from Contacts where Email = 'none@x.com'")).toEqual({ data: [], moreRecords: false });
		seedContacts(25);
		const all = await h.client.coqlAll("select Email from Contacts where Last_Name like 'Last%'", { pageSize: 10 });
		expect(all).toHaveLength(25);
		expect(h.count('POST /zoho/crm/v8/coql')).toBe(4);
	});

	it('finds accounts by exact name and by website host, not by substring', async () => {
		h.sandbox.zoho.loadSeed({
			Accounts: [
				{ Account_Name: 'Acme', Website: 'https://www.acme.com/about' },
				{ Account_Name: 'Acme Holdings', Website: 'acme.com.evil.io' },
				{ Account_Name: "O'Brien & Co", Website: 'obrien.ie' },
			],
		});
		expect((await h.client.findAccountsByNames(['ACME', "o'brien & co"])).map((r) => r.Account_Name).sort()).toEqual(['Acme', "O'Brien & Co"]);
		expect((await h.client.findAccountsByWebsites(['acme.com', 'http://obrien.ie'])).map((r) => r.Account_Name).sort()).toEqual(['Acme', "O'Brien & Co"]);
	});
});

describe('writes', () => {
	it('upserts 100 records in one call with trigger [] by default', async () => {
		const result = await h.client.upsert('Contacts', Array.from({ length: 100 }, (_, i) => contact(i)));
		expect(result.succeeded).toHaveLength(100);
		expect(result.succeeded.every((s) => s.action === 'insert' && /^\d+$/.test(s.id))).toBe(true);
		expect(h.count('POST /zoho/crm/v8/:module/upsert')).toBe(1);
		expect(h.sandbox.zoho.writes[0].trigger).toEqual([]);
	});

	it('splits 250 records into calls of 100 and keeps input indexes', async () => {
		const result = await h.client.insert('Contacts', Array.from({ length: 250 }, (_, i) => contact(i, i === 180 ? { Last_Name: '' } : {})));
		expect(h.count('POST /zoho/crm/v8/:module')).toBe(3);
		expect(result.failed.map((f) => f.index)).toEqual([180]);
		expect(result.outcomes).toHaveLength(250);
	});

	it('maps per-record errors to CrmRecordErrors with index, id, field and code', async () => {
		const [existing] = h.sandbox.zoho.loadSeed({ Accounts: [{ Account_Name: 'Acme' }] }).Accounts;
		const accounts = await h.client.insert('Accounts', [{ Account_Name: 'Fine' }, { Account_Name: 'Acme' }, { Website: 'x.com' }]);
		expect(accounts.succeeded.map((s) => s.index)).toEqual([0]);
		const [dup, missing] = accounts.failed;
		expect(isCrmRecordError(dup.error)).toBe(true);
		expect(dup).toMatchObject({ index: 1, error: { system: 'zoho', code: 'DUPLICATE_DATA', field: 'Account_Name', details: { existingId: existing } } });
		expect(missing).toMatchObject({ index: 2, error: { code: 'MANDATORY_NOT_FOUND', field: 'Account_Name' } });
		const [id] = seedContacts(1);
		const bad = await h.client.update('Contacts', [{ id, Email: 'nope' }]);
		expect(bad.failed[0].error).toMatchObject({ code: 'INVALID_DATA', field: 'Email', recordId: id });
	});

	it('throws ZohoAlreadyModifiedError (412) when the record changed after If-Unmodified-Since', async () => {
		const [id] = seedContacts(1);
		const readAt = Date.now() - 10_000;
		h.sandbox.zoho.updateRecord('Contacts', id, { Title: 'Changed by a person' });
		const attempt = h.client.update('Contacts', [{ id, Title: 'From sync' }], { ifUnmodifiedSince: readAt });
		await expect(attempt).rejects.toMatchObject({ statusCode: 412, code: 'ALREADY_MODIFIED', recordId: id });
		await attempt.catch((e) => expect(isAlreadyModifiedError(e)).toBe(true));
		expect(h.sandbox.zoho.getRecord('Contacts', id).Title).toBe('Changed by a person');
		const current = h.sandbox.zoho.getRecord('Contacts', id).Modified_Time;
		expect((await h.client.update('Contacts', [{ id, Title: 'From sync' }], { ifUnmodifiedSince: current })).succeeded).toHaveLength(1);
	});

	it('upserts with explicit duplicate_check_fields (a unique field)', async () => {
		h.sandbox.zoho.options.uniqueFields = { Contacts: ['Mobile'], Accounts: ['Account_Name'] };
		try {
			h.sandbox.zoho.loadSeed({ Contacts: [{ Last_Name: 'X', Email: 'x@x.com', Mobile: '555' }] });
			const r = await h.client.upsert('Contacts', [{ Last_Name: 'Y', Email: 'other@x.com', Mobile: '555' }], { duplicateCheckFields: ['Mobile'] });
			expect(r.succeeded[0]).toMatchObject({ action: 'update', duplicateField: 'Mobile' });
		} finally {
			delete h.sandbox.zoho.options.uniqueFields;
		}
	});
});

describe('limits and auth', () => {
	it('refreshes a token that expired mid-run and the call succeeds', async () => {
		seedContacts(3);
		const before = h.refreshes();
		expect(await h.client.coql("select Email from Contacts where Email = 'person1@example.com'")).toMatchObject({ data: [{ Email: 'person1@example.com' }] });
		h.sandbox.zoho.expireTokens();
		expect((await h.client.findByEmails('Contacts', ['person2@example.com'], ['Email']))[0].Email).toBe('person2@example.com');
		expect(h.refreshes()).toBe(before + 1);
	});

	it('retries 429 with exponential backoff (Zoho sends no Retry-After)', async () => {
		let n = 0;
		h.sandbox.core.faults.random = () => (n++ < 2 ? 0 : 1);
		h.sandbox.core.faults.rate429 = 0.5;
		try {
			await h.client.getCurrentUser();
			expect(h.sleeps).toEqual([500, 1000]);
		} finally {
			h.sandbox.core.faults.rate429 = 0;
			h.sandbox.core.faults.random = Math.random;
		}
	});

	it('surfaces a non-retriable error as an HttpError naming Zoho\'s code, without the token', async () => {
		const err = await h.client.coql('select Email from Leads').catch((e) => e);
		expect(isHttpError(err)).toBe(true);
		expect(err.message).toContain('INVALID_QUERY');
		expect(err.message).not.toContain(h.token());
	});

	it('keeps at most maxInFlight requests in flight, below the sandbox concurrency cap', async () => {
		const capped = await startZohoHarness({ zoho: { processingMs: 60, concurrency: 3 } }, { maxInFlight: 3 });
		try {
			capped.sandbox.zoho.loadSeed({ Contacts: Array.from({ length: 10 }, (_, i) => contact(i)) });
			const ids = capped.sandbox.zoho.listRecords('Contacts').map((r: { id: string }) => r.id);
			await Promise.all(ids.map((id: string) => capped.client.getRecord('Contacts', id)));
			expect(capped.sandbox.core.log.filter((e: { status: number }) => e.status === 429)).toHaveLength(0);
			expect(capped.sleeps).toEqual([]);
		} finally {
			await capped.close();
		}
	});
});

describe('notifications', () => {
	it('watches, renews, lists and disables a channel, and callbacks reach a local receiver', async () => {
		const rx = await startReceiver();
		try {
			const watched = await h.client.watchChannel({ channelId: '1000000068001', events: ['Contacts.create', 'Contacts.edit'], notifyUrl: rx.url, token: 'tok-123' });
			expect(watched.resources[0].resourceName).toBe('Contacts');
			expect(watched.expiresAt).toBeGreaterThan(Date.now() + 6 * 86400_000);
			const renewed = await h.client.renewChannel({ channelId: '1000000068001', events: ['Contacts.create', 'Contacts.edit'], notifyUrl: rx.url, token: 'tok-123', expiry: Date.now() + 3600_000 });
			expect(renewed.expiresAt).toBeLessThan(Date.now() + 2 * 3600_000);
			expect((await h.client.listChannels()).map((c) => c.channelId)).toEqual(['1000000068001']);
			const written = await h.client.insert('Contacts', [contact(1), contact(2)]);
			await h.sandbox.zoho.flushNotifications();
			expect(rx.bodies).toEqual([expect.objectContaining({ operation: 'insert', ids: written.succeeded.map((s) => s.id), token: 'tok-123', channel_id: '1000000068001' })]);
			await h.client.disableChannels(['1000000068001']);
			expect(await h.client.listChannels()).toEqual([]);
		} finally {
			await rx.close();
		}
	});

	it('refuses a token over 50 characters and an expiry beyond one week before calling Zoho', async () => {
		const base = { channelId: '1', events: ['Contacts.all' as const], notifyUrl: 'https://example.com/h' };
		await expect(h.client.watchChannel({ ...base, token: 'x'.repeat(51) })).rejects.toMatchObject({ kind: 'ConfigError', field: 'token' });
		await expect(h.client.watchChannel({ ...base, expiry: Date.now() + 8 * 86400_000 })).rejects.toMatchObject({ kind: 'ConfigError', field: 'expiry' });
		expect(h.count('POST /zoho/crm/v8/actions/watch')).toBe(0);
	});

	it('maps Zoho\'s watch rejection to a CrmRecordError', async () => {
		const err = await h.client.renewChannel({ channelId: '999', events: ['Contacts.all'], notifyUrl: 'https://example.com/h' }).catch((e) => e);
		expect(err).toMatchObject({ kind: 'CrmRecordError', code: 'INVALID_DATA', field: 'channel_id' });
	});
});
