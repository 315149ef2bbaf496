// The sandbox's rate limits as HubSpot and Zoho document them: budgets per app (per org and app for Zoho), shared by
// every client and token, with the documented headers and 429 bodies.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('sandbox rate limits', () => {
	let sb: any;
	afterEach(() => sb?.close());
	const call = async (path: string, token: string, init: { method?: string; body?: unknown; scheme?: string } = {}) => {
		const res = await fetch(`${sb.url}${path}`, {
			method: init.method ?? 'GET',
			headers: { authorization: `${init.scheme ?? 'Bearer'} ${token}`, 'content-type': 'application/json' },
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
	};

	describe('HubSpot', () => {
		const ACCOUNT = '/hubspot/account-info/v3/details';

		it('counts one 10-second budget per app: every OAuth token of the app, refreshed or not, sees the same Remaining', async () => {
			sb = await startSandbox({ hubspot: { tenSecondLimit: 5 } });
			const a = sb.hubspot.issueOAuthTokens().access_token;
			const b = sb.hubspot.issueOAuthTokens().access_token;
			expect((await call(ACCOUNT, a)).headers.get('x-hubspot-ratelimit-remaining')).toBe('4');
			expect((await call(ACCOUNT, b)).headers.get('x-hubspot-ratelimit-remaining')).toBe('3');
			const oauth = await call(ACCOUNT, a);
			// OAuth calls carry no daily headers
			expect(oauth.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
			// the private app is another app with its own budget
			expect((await call(ACCOUNT, sb.hubspot.privateAppToken)).headers.get('x-hubspot-ratelimit-remaining')).toBe('4');
		});

		it('answers a 429 with the documented body: status, message, errorType, correlationId, policyName, requestId', async () => {
			sb = await startSandbox({ hubspot: { tenSecondLimit: 1 } });
			await call(ACCOUNT, sb.hubspot.privateAppToken);
			const limited = await call(ACCOUNT, sb.hubspot.privateAppToken);
			expect(limited.status).toBe(429);
			expect(Object.keys(limited.body).sort()).toEqual(['correlationId', 'errorType', 'message', 'policyName', 'requestId', 'status']);
			expect(limited.body).toMatchObject({ status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
			expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
			expect(limited.headers.get('x-hubspot-ratelimit-max')).toBe('1');
		});

		it('counts the private app\'s calls per day in Daily-Remaining and answers DAILY when they are used up', async () => {
			sb = await startSandbox({ hubspot: { dailyLimit: 3 } });
			const token = sb.hubspot.privateAppToken;
			const remaining = [];
			for (let i = 0; i < 3; i++) {
				const r = await call(ACCOUNT, token);
				expect(r.headers.get('x-hubspot-ratelimit-daily')).toBe('3');
				remaining.push(r.headers.get('x-hubspot-ratelimit-daily-remaining'));
			}
			expect(remaining).toEqual(['2', '1', '0']);
			const limited = await call(ACCOUNT, token);
			expect(limited.status).toBe(429);
			expect(limited.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'DAILY', message: 'You have reached your daily limit.' });
		});

		it('sends no rate-limit headers on search, which has a per-second limit of its own', async () => {
			sb = await startSandbox({ hubspot: { searchLagMs: 0 } });
			const token = sb.hubspot.privateAppToken;
			const search = () => call('/hubspot/crm/v3/objects/contacts/search', token, { method: 'POST', body: {} });
			const first = await search();
			expect(first.status).toBe(200);
			expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
			for (let i = 0; i < 4; i++) await search();
			const limited = await search();
			expect(limited.status).toBe(429);
			expect(limited.body).toMatchObject({ policyName: 'SECONDLY' });
		});
	});

	describe('Zoho', () => {
		it('caps concurrency per org and app, whatever the token, and counts refused requests in the peak', async () => {
			sb = await startSandbox({ zoho: { concurrency: 3, processingMs: 100 } });
			const tokens = [sb.zoho.issueTokens().access_token, sb.zoho.issueTokens().access_token];
			const calls = Array.from({ length: 6 }, (_, i) => call('/zoho/crm/v8/users?type=CurrentUser', tokens[i % 2], { scheme: 'Zoho-oauthtoken' }));
			const statuses = (await Promise.all(calls)).map((r) => r.status);
			expect(statuses.filter((s) => s === 200)).toHaveLength(3);
			expect(statuses.filter((s) => s === 429)).toHaveLength(3);
			// the 4th arrived while 3 were in flight
			expect(sb.zoho.usage.peakInFlight).toBe(4);
		});

		it('sends X-API-CREDITS-REMAINING once half the credits are used, charges writes 1 per 10 records, and refuses past the last', async () => {
			sb = await startSandbox({ zoho: { dailyCredits: 10 } });
			const token = sb.zoho.issueTokens().access_token;
			const get = () => call('/zoho/crm/v8/users?type=CurrentUser', token, { scheme: 'Zoho-oauthtoken' });
			const seen = [];
			for (let i = 0; i < 5; i++) seen.push((await get()).headers.get('x-api-credits-remaining'));
			expect(seen).toEqual([null, null, null, null, '5']);
			// 11 records cost 2 credits
			const data = Array.from({ length: 11 }, (_, i) => ({ Last_Name: `W${i}`, Email: `w${i}@example.com` }));
			const write = await call('/zoho/crm/v8/Contacts', token, { method: 'POST', body: { data }, scheme: 'Zoho-oauthtoken' });
			expect(write.status).toBe(201);
			expect(write.headers.get('x-api-credits-remaining')).toBe('3');
			for (let i = 0; i < 3; i++) await get();
			const refused = await get();
			expect(refused.status).toBe(429);
			expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 'error' });
		});
	});
});
