/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import { createCoalescer } from '../../../lib/http/coalesce';
import { isHttpError } from '../../../lib/http';
import type { HttpRequest, HttpResponse } from '../../../lib/http/types';
import { ZohoClient, type WriteResult, type ZohoClientOptions } from '../../../lib/zoho';

interface Sent {
	method: string;
	path: string;
	records: Array<Record<string, unknown>>;
	duplicateCheckFields?: string[];
	trigger?: string[];
	headers: Record<string, string>;
}

/**
 * A Zoho stand-in for writes: upserts match on the first duplicate_check_field, case-insensitively; a record whose
 * Last_Name is 'BAD' fails with INVALID_DATA on Last_Name; every call answers on the next macrotask.
 */
function fakeZoho(fail?: (s: Sent) => HttpResponse | undefined) {
	const sent: Sent[] = [];
	const store = new Map<string, string>();
	let nextId = 1000;
	const transport = async (req: HttpRequest): Promise<HttpResponse> => {
		const body = req.body as { data: Array<Record<string, unknown>>; duplicate_check_fields?: string[]; trigger?: string[] };
		const s: Sent = {
			method: req.method,
			path: req.url.replace(/^.*\/crm\/v8/, ''),
			records: body.data,
			duplicateCheckFields: body.duplicate_check_fields,
			trigger: body.trigger,
			headers: req.headers ?? {},
		};
		sent.push(s);
		await new Promise((r) => setImmediate(r));
		const failure = fail?.(s);
		if (failure) return failure;
		const key = s.duplicateCheckFields?.[0];
		const data = s.records.map((r) => {
			if (r.Last_Name === 'BAD') return { code: 'INVALID_DATA', status: 'error', message: 'invalid data', details: { api_name: 'Last_Name' } };
			const k = key && r[key] !== undefined ? `${key}:${String(r[key]).toLowerCase()}` : undefined;
			const existing = req.method === 'PUT' ? String(r.id) : k ? store.get(k) : undefined;
			const id = existing ?? String((nextId += 1));
			if (k) store.set(k, id);
			return { code: 'SUCCESS', status: 'success', action: existing ? 'update' : 'insert', message: 'ok', details: { id, Modified_Time: '2024-01-01T00:00:00+00:00' } };
		});
		return { statusCode: 201, headers: {}, body: { data } };
	};
	const options = (extra: Partial<ZohoClientOptions> = {}): ZohoClientOptions => ({
		transport,
		apiDomain: 'https://www.zohoapis.com',
		sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
		now: Date.now,
		retry: { retries: 0 },
		...extra,
	});
	return { sent, options, store };
}

const contact = (who: string, n: number, extra: Record<string, unknown> = {}) => ({ Last_Name: `${who}-${n}`, Email: `${who}-${n}@x.com`, ...extra });
const emailsOf = (s: Sent) => s.records.map((r) => String(r.Email));
const upsert = { trigger: [], duplicateCheckFields: ['Email'] };

describe('Zoho creates shared across executions (one coalescer per credential)', () => {
	it('ten concurrent executions upserting ten contacts each cost two calls, each getting exactly its own outcomes', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const batches = Array.from({ length: 10 }, (_, e) => Array.from({ length: 10 }, (_, n) => contact(`e${e}`, n, e === 5 && n === 3 ? { Last_Name: 'BAD' } : {})));
		const results = await Promise.all(batches.map((records) => new ZohoClient(z.options({ coalesce })).upsert('Contacts', records, upsert)));
		expect(z.sent.map((s) => s.records.length)).toEqual([10, 90]);
		expect(z.sent.every((s) => s.path === '/Contacts/upsert' && s.duplicateCheckFields?.join() === 'Email' && s.trigger?.length === 0)).toBe(true);
		results.forEach((res, e) => {
			expect(res.outcomes.map((o) => o.index)).toEqual(Array.from({ length: 10 }, (_, n) => n));
			const fails = e === 5 ? 1 : 0;
			expect(res.succeeded).toHaveLength(10 - fails);
			expect(res.failed).toHaveLength(fails);
		});
		// the failed record is reported to its own execution only, numbered within that execution's records
		const failure = results[5].failed[0];
		expect(failure.index).toBe(3);
		expect(failure.error.field).toBe('Last_Name');
		expect(failure.error.code).toBe('INVALID_DATA');
		expect(failure.error.details.index).toBe(3);
		expect(failure.error.message).toMatch(/^Zoho rejected record 3: INVALID_DATA, field Last_Name/);
		// each outcome carries the id Zoho gave that execution's own record
		results.forEach((res, e) => {
			for (const o of res.succeeded) expect(o.id).toBe(z.store.get(`Email:e${e}-${o.index}@x.com`));
		});
	});

	it('without a coalescer each execution makes its own call (the behaviour before sharing)', async () => {
		const z = fakeZoho();
		await Promise.all(Array.from({ length: 4 }, (_, e) => new ZohoClient(z.options()).upsert('Contacts', [contact(`e${e}`, 0)], upsert)));
		expect(z.sent).toHaveLength(4);
	});

	it('two executions upserting one email (in any case) never share a call; the others still merge', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const [, b, c] = await Promise.all([
			mk().upsert('Contacts', [contact('first', 0)], upsert),
			mk().upsert('Contacts', [{ Last_Name: 'B', Email: 'same@x.com' }, contact('b', 1)], upsert),
			mk().upsert('Contacts', [{ Last_Name: 'C', Email: 'SAME@x.com' }], upsert),
			mk().upsert('Contacts', [contact('d', 0)], upsert),
		]);
		expect(z.sent.map(emailsOf)).toEqual([['first-0@x.com'], ['same@x.com', 'b-1@x.com', 'd-0@x.com'], ['SAME@x.com']]);
		// the second upsert of the email finds the record the first created
		expect(b.succeeded[0].action).toBe('insert');
		expect(c.succeeded[0]).toMatchObject({ action: 'update', id: b.succeeded[0].id, index: 0 });
	});

	it('a whole-call failure rejects every execution in that call, and only those', async () => {
		const z = fakeZoho((s) => (emailsOf(s).includes('boom-0@x.com') ? { statusCode: 500, headers: {}, body: { code: 'INTERNAL_ERROR', message: 'internal error' } } : undefined));
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const [first, boom, other] = await Promise.allSettled([
			mk().upsert('Contacts', [contact('first', 0)], upsert),
			mk().upsert('Contacts', [contact('boom', 0)], upsert),
			mk().upsert('Contacts', [contact('other', 0)], upsert),
		]);
		expect(z.sent).toHaveLength(2);
		expect(first.status).toBe('fulfilled');
		for (const r of [boom, other]) {
			expect(r.status).toBe('rejected');
			const reason = (r as PromiseRejectedResult).reason;
			expect(isHttpError(reason) && reason.statusCode).toBe(500);
		}
		const after = await mk().upsert('Contacts', [contact('after', 0)], upsert);
		expect(after.succeeded).toHaveLength(1);
	});

	it('an execution with more than 100 records goes alone, split in calls of 100; no call holds more than 100', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const big = Array.from({ length: 150 }, (_, n) => contact('big', n));
		const [, bigRes, small1, small2] = await Promise.all([
			mk().upsert('Contacts', [contact('first', 0)], upsert),
			mk().upsert('Contacts', big, upsert),
			mk().upsert('Contacts', Array.from({ length: 60 }, (_, n) => contact('s1', n)), upsert),
			mk().upsert('Contacts', Array.from({ length: 60 }, (_, n) => contact('s2', n)), upsert),
		]);
		expect(z.sent.map((s) => s.records.length)).toEqual([1, 100, 50, 60, 60]);
		expect(bigRes.outcomes.map((o) => o.index)).toEqual(Array.from({ length: 150 }, (_, n) => n));
		expect(bigRes.succeeded.map((o) => o.id)).toEqual(big.map((r) => z.store.get(`Email:${r.Email}`)));
		for (const res of [small1, small2]) expect(res.outcomes.map((o) => o.index)).toEqual(Array.from({ length: 60 }, (_, n) => n));
	});

	it('one execution naming one email twice still counts two records toward the limit of 100', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const twice = Array.from({ length: 60 }, (_, n) => ({ Last_Name: `t${n}`, Email: 'twice@x.com' }));
		await Promise.all([
			mk().upsert('Contacts', [contact('first', 0)], upsert),
			mk().upsert('Contacts', twice, upsert),
			mk().upsert('Contacts', Array.from({ length: 60 }, (_, n) => contact('other', n)), upsert),
		]);
		expect(z.sent.map((s) => s.records.length)).toEqual([1, 60, 60]);
	});

	it('inserts (records without a key) merge; upserts on another key field or with another trigger go in calls of their own', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const noEmail = (n: number) => ({ Last_Name: `n${n}` });
		const [i1, i2] = await Promise.all([
			mk().insert('Contacts', [noEmail(0)], { trigger: [] }),
			mk().insert('Contacts', [noEmail(1), noEmail(2)], { trigger: [] }),
			mk().insert('Contacts', [noEmail(3)], { trigger: [] }),
			mk().upsert('Contacts', [contact('m', 0, { Mobile: '1' })], { trigger: [], duplicateCheckFields: ['Mobile'] }),
			mk().upsert('Contacts', [contact('w', 0)], { trigger: ['workflow'], duplicateCheckFields: ['Email'] }),
			mk().upsert('Accounts', [{ Account_Name: 'Acme' }], { trigger: [], duplicateCheckFields: ['Account_Name'] }),
		]);
		expect(z.sent.map((s) => [s.path, s.records.length])).toEqual([
			['/Contacts', 1],
			['/Contacts/upsert', 1],
			['/Contacts/upsert', 1],
			['/Accounts/upsert', 1],
			['/Contacts', 3],
		]);
		expect(z.sent[2].trigger).toEqual(['workflow']);
		expect(i1.outcomes.map((o) => o.index)).toEqual([0]);
		expect(i2.outcomes.map((o) => o.index)).toEqual([0, 1]);
	});

	it('updates (If-Unmodified-Since is per call) and upserts without explicit duplicate_check_fields are never merged', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const results: WriteResult[] = await Promise.all([
			...[1, 2, 3].map((n) => mk().update('Contacts', [{ id: String(n), Last_Name: 'U' }], { ifUnmodifiedSince: n * 1000 })),
			...[1, 2, 3].map((n) => mk().upsert('Contacts', [contact('nokey', n)])),
			...[1, 2].map((n) => mk().insert('Contacts', [{ Last_Name: `x${n}` }], { ifUnmodifiedSince: n * 1000 })),
		]);
		expect(z.sent).toHaveLength(8);
		expect(z.sent.filter((s) => s.method === 'PUT').map((s) => typeof s.headers['If-Unmodified-Since'])).toEqual(['string', 'string', 'string']);
		expect(results.every((r) => r.succeeded.length === 1)).toBe(true);
	});
});
