import { DEFAULT_RETRY, sendWithRetry } from '../../../lib/http';
import type { HttpRequest, HttpResponse, RetryOptions } from '../../../lib/http';
import { isHubspotRead } from '../../../lib/hubspot/request';
import { isZohoRead } from '../../../lib/zoho/client-core';
import { createVirtualTime } from './virtual-time';

const ok = (body: unknown): HttpResponse => ({ statusCode: 200, headers: {}, body });
const never = () => new Promise<HttpResponse>(() => undefined);

/** A transport whose n-th call (0-based) is answered by `plan[n]` after `delays[n]` ms (Infinity: never). */
function planned(vt: ReturnType<typeof createVirtualTime>, delays: number[], plan: Array<HttpResponse | Error>) {
	const sent: number[] = [];
	const transport = async (request: HttpRequest) => {
		void request;
		const n = sent.length;
		sent.push(vt.now());
		if (!Number.isFinite(delays[n])) return never();
		await vt.sleep(delays[n]);
		const step = plan[n];
		if (step instanceof Error) throw step;
		return step;
	};
	return { transport, sent };
}

describe('hedged reads', () => {
	const options = (vt: ReturnType<typeof createVirtualTime>, extra: Partial<RetryOptions> = {}): RetryOptions => ({
		...DEFAULT_RETRY,
		sleep: vt.sleep,
		now: vt.now,
		hedgeAfterMs: 4000,
		isRead: (r) => r.method === 'GET',
		...extra,
	});

	it('a read with no answer after hedgeAfterMs is sent again and the first answer wins', async () => {
		const vt = createVirtualTime(0);
		const { transport, sent } = planned(vt, [Infinity, 50], [ok('first'), ok('second')]);
		const response = await vt.run(sendWithRetry(transport, { method: 'GET', url: 'https://api.test/x' }, options(vt)));
		expect(response.body).toBe('second');
		expect(sent).toEqual([0, 4000]);
		expect(vt.now()).toBe(4050); // not the 30 s timeout of the hung call
	});

	it('a read answered in time is sent once', async () => {
		const vt = createVirtualTime(0);
		const { transport, sent } = planned(vt, [3000], [ok('first')]);
		const response = await vt.run(sendWithRetry(transport, { method: 'GET', url: 'https://api.test/x' }, options(vt)));
		expect(response.body).toBe('first');
		expect(sent).toEqual([0]);
	});

	it('the slow first copy can still win, and a failed copy waits for the other', async () => {
		const vt = createVirtualTime(0);
		const a = planned(vt, [4500, 5000], [ok('first'), ok('second')]);
		expect((await vt.run(sendWithRetry(a.transport, { method: 'GET', url: 'https://api.test/x' }, options(vt)))).body).toBe('first');
		const vt2 = createVirtualTime(0);
		const b = planned(vt2, [4100, 3000], [new Error('socket hang up'), ok('second')]);
		expect((await vt2.run(sendWithRetry(b.transport, { method: 'GET', url: 'https://api.test/x' }, options(vt2, { retries: 0 })))).body).toBe('second');
	});

	it('a write is never sent twice by hedging: it waits for its one answer', async () => {
		const vt = createVirtualTime(0);
		const { transport, sent } = planned(vt, [20_000], [ok('written')]);
		const response = await vt.run(sendWithRetry(transport, { method: 'POST', url: 'https://api.test/objects' }, options(vt)));
		expect(response.body).toBe('written');
		expect(sent).toEqual([0]);
	});

	it('the CRM clients hedge only their reads', () => {
		const hs = (method: HttpRequest['method'], path: string) => isHubspotRead({ method, url: `https://api.hubapi.com${path}?a=1` });
		expect(hs('GET', '/crm/v3/objects/contacts/1')).toBe(true);
		expect(hs('POST', '/crm/v3/objects/contacts/batch/read')).toBe(true);
		expect(hs('POST', '/crm/v3/objects/companies/search')).toBe(true);
		expect(hs('POST', '/crm/v4/associations/contact/company/batch/read')).toBe(true);
		expect(hs('POST', '/crm/v3/objects/contacts/batch/upsert')).toBe(false);
		expect(hs('POST', '/crm/v4/associations/contact/company/batch/create')).toBe(false);
		expect(hs('PATCH', '/crm/v3/objects/contacts/1')).toBe(false);
		const z = (method: HttpRequest['method'], path: string) => isZohoRead({ method, url: `https://www.zohoapis.eu/crm/v8${path}` });
		expect(z('GET', '/Contacts/1')).toBe(true);
		expect(z('POST', '/coql')).toBe(true);
		expect(z('POST', '/Contacts/upsert')).toBe(false);
		expect(z('PUT', '/Contacts')).toBe(false);
		expect(z('POST', '/actions/watch')).toBe(false);
	});
});
