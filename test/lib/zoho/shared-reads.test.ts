/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import { createCoalescer } from '../../../lib/http/coalesce';
import type { HttpRequest, HttpResponse } from '../../../lib/http/types';
import { ZohoClient, type ZohoClientOptions, type ZohoRecord } from '../../../lib/zoho';

interface Sent {
	kind: 'ids' | 'coql';
	values: string[];
	fields: string[];
	/** COQL: values in each `in (…)` criterion */
	perCriterion?: number[];
}

/** Zoho contacts 1..200 (Email zN@x.com, HubSpot_Id hsN); every call answers on the next macrotask. */
function fakeZoho(fail?: (s: Sent) => boolean) {
	const sent: Sent[] = [];
	const row = (n: number): ZohoRecord => ({ id: String(n), Email: `z${n}@x.com`, First_Name: `F${n}`, Phone: `P${n}`, Title: `T${n}`, HubSpot_Id: `hs${n}` });
	const pick = (r: ZohoRecord, fields: string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => k === 'id' || fields.includes(k))) as ZohoRecord;
	const transport = async (req: HttpRequest): Promise<HttpResponse> => {
		let s: Sent;
		let rows: ZohoRecord[];
		if (req.method === 'GET') {
			const ids = String(req.qs?.ids).split(',');
			s = { kind: 'ids', values: ids, fields: String(req.qs?.fields).split(',') };
			rows = ids.map(Number).filter((n) => n >= 1 && n <= 200).map(row);
		} else {
			const q = (req.body as { select_query: string }).select_query;
			const m = /^select (.+) from Contacts where \(?(\w+) in \((.*)\)\)? limit/.exec(q);
			if (!m) throw new Error(`unexpected query ${q}`);
			const quoted = (text: string) => [...text.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((x) => x[1]);
			const values = quoted(m[3]);
			// values per `in (…)` criterion: the text between one ` in (` and the next
			const perCriterion = q.split(' in (').slice(1).map((part) => quoted(part.split(/\) or |\)\)? limit/)[0]).length);
			s = { kind: 'coql', values, fields: m[1].split(', '), perCriterion };
			const wanted = new Set(values.map((v) => v.toLowerCase()));
			rows = Array.from({ length: 200 }, (_, i) => row(i + 1)).filter((r) => wanted.has(String(r[m[2]]).toLowerCase()));
		}
		sent.push(s);
		await new Promise((r) => setImmediate(r));
		if (fail?.(s)) return { statusCode: 500, headers: {}, body: { code: 'INTERNAL_ERROR', message: 'internal error' } };
		if (!rows.length) return { statusCode: 204, headers: {}, body: undefined };
		return { statusCode: 200, headers: {}, body: { data: rows.map((r) => pick(r, s.fields)), info: { more_records: false } } };
	};
	const options = (extra: Partial<ZohoClientOptions> = {}): ZohoClientOptions => ({
		transport,
		apiDomain: 'https://www.zohoapis.com',
		sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
		now: Date.now,
		retry: { retries: 0 },
		...extra,
	});
	return { sent, options };
}

describe('Zoho reads shared across executions (one coalescer per credential)', () => {
	it('ten concurrent lookups by email cost two COQL calls, each execution getting the contacts of its own emails', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const res = await Promise.all(
			Array.from({ length: 10 }, (_, i) => new ZohoClient(z.options({ coalesce })).findByEmails('Contacts', [`z${i + 1}@x.com`, 'none@x.com'], ['Email', 'First_Name'])),
		);
		expect(z.sent.filter((s) => s.kind === 'coql')).toHaveLength(2);
		res.forEach((rows, i) => expect(rows.map((r) => r.id)).toEqual([String(i + 1)]));
	});

	it('without a coalescer each lookup is its own call (the behaviour before sharing)', async () => {
		const z = fakeZoho();
		await Promise.all(Array.from({ length: 10 }, (_, i) => new ZohoClient(z.options()).findByEmails('Contacts', [`z${i + 1}@x.com`], ['Email'])));
		expect(z.sent).toHaveLength(10);
	});

	it('selects the union of the fields and hands each caller only the fields it asked for', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const [, a, b] = await Promise.all([
			mk().findByEmails('Contacts', ['z1@x.com'], ['First_Name']),
			mk().findByEmails('Contacts', ['Z2@x.com'], ['Phone']),
			mk().findByEmails('Contacts', ['z2@x.com', 'z3@x.com'], ['Title']),
		]);
		expect(z.sent[1].fields).toEqual(['Email', 'Phone', 'Title']);
		expect(a).toEqual([{ id: '2', Email: 'z2@x.com', Phone: 'P2' }]);
		expect(b).toEqual([
			{ id: '2', Email: 'z2@x.com', Title: 'T2' },
			{ id: '3', Email: 'z3@x.com', Title: 'T3' },
		]);
	});

	it('shares lookups by a cross-reference field (the HubSpot id) and keeps them apart from email lookups', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const [x1, x2, x3, e1] = await Promise.all([
			mk().findByValues('Contacts', 'HubSpot_Id', ['hs7'], ['id', 'Email']),
			mk().findByValues('Contacts', 'HubSpot_Id', ['hs8'], ['id', 'Email']),
			mk().findByValues('Contacts', 'HubSpot_Id', ['hs9', 'hs404'], ['id', 'Email']),
			mk().findByEmails('Contacts', ['z7@x.com'], ['Email']),
		]);
		expect(z.sent.map((s) => s.values)).toEqual([['hs7'], ['z7@x.com'], ['hs8', 'hs9', 'hs404']]);
		expect([x1, x2, x3].map((rows) => rows.map((r) => r.HubSpot_Id))).toEqual([['hs7'], ['hs8'], ['hs9']]);
		expect(e1.map((r) => r.id)).toEqual(['7']);
	});

	it('keeps every merged COQL call within 100 values, 50 per `in` criterion', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const emails = (from: number) => Array.from({ length: 30 }, (_, i) => `z${from + i}@x.com`);
		const res = await Promise.all([1, 31, 61, 91].map((from) => new ZohoClient(z.options({ coalesce })).findByEmails('Contacts', emails(from), ['Email'])));
		expect(z.sent.map((s) => [s.values.length, s.perCriterion])).toEqual([
			[30, [30]],
			[90, [50, 40]],
		]);
		res.forEach((rows, i) => expect(rows.map((r) => Number(r.id))).toEqual(Array.from({ length: 30 }, (_, n) => 1 + i * 30 + n)));
	});

	it('shares reads by id (GET ?ids=) and gives each caller its records with its fields', async () => {
		const z = fakeZoho();
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const [a, b, c] = await Promise.all([
			mk().getRecords('Contacts', ['1'], ['Email']),
			mk().getRecords('Contacts', ['2', '999'], ['Phone']),
			mk().getRecords('Contacts', ['2', '3'], ['Email']),
		]);
		expect(z.sent.map((s) => [s.values, s.fields])).toEqual([
			[['1'], ['Email']],
			[['2', '999', '3'], ['Phone', 'Email']],
		]);
		expect(a).toEqual([{ id: '1', Email: 'z1@x.com' }]);
		expect(b).toEqual([{ id: '2', Phone: 'P2' }]);
		expect(c).toEqual([
			{ id: '2', Email: 'z2@x.com' },
			{ id: '3', Email: 'z3@x.com' },
		]);
	});

	it('a failed shared call rejects each caller in it; the next call goes on', async () => {
		const z = fakeZoho((s) => s.values.includes('13'));
		const coalesce = createCoalescer();
		const mk = () => new ZohoClient(z.options({ coalesce }));
		const settled = await Promise.allSettled([mk().getRecords('Contacts', ['1'], ['Email']), mk().getRecords('Contacts', ['13'], ['Email']), mk().getRecords('Contacts', ['14'], ['Email'])]);
		expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
		expect(await mk().getRecords('Contacts', ['4'], ['Email'])).toEqual([{ id: '4', Email: 'z4@x.com' }]);
	});
});
