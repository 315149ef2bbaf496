import type { IExecuteFunctions } from 'n8n-workflow';
import { ZOHO_CREDENTIAL, createZohoClient } from '../../../nodes/shared/crm-clients';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * An execution context of the Sync node as crm-clients.ts sees it: the Zoho credential (by id) and n8n's authenticated
 * HTTP helper, here a fetch with the sandbox token. Several of these at once are concurrent executions of one process.
 */
function execution(sb: any, token: string, credentialId: string, settings: Record<string, unknown> = {}) {
	const warnings: string[] = [];
	const ctx = {
		getNode: () => ({ name: 'Sync', credentials: { [ZOHO_CREDENTIAL]: { id: credentialId, name: 'Zoho' } } }),
		getCredentials: async () => ({ apiDomainOverride: `${sb.url}/zoho`, ...settings }),
		logger: { warn: (message: string) => warnings.push(message), info: () => undefined, debug: () => undefined, error: () => undefined },
		helpers: {
			async httpRequestWithAuthentication(_type: string, opts: any) {
				const url = new URL(opts.url);
				for (const [k, v] of Object.entries(opts.qs ?? {})) url.searchParams.append(k, String(v));
				const res = await fetch(url, {
					method: opts.method,
					headers: { ...opts.headers, authorization: `Zoho-oauthtoken ${token}` },
					body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
				});
				return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) };
			},
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, warnings };
}

describe('Zoho concurrency per process and credential', () => {
	let sb: any;
	let token: string;
	let ids: string[];
	beforeAll(async () => {
		sb = await startSandbox({ zoho: { searchLagMs: 0, processingMs: 40 } });
		token = sb.zoho.issueTokens().access_token;
	});
	afterAll(() => sb.close());
	beforeEach(() => {
		sb.zoho.reset();
		sb.core.resetLog();
		ids = Array.from({ length: 10 }, (_, i) => sb.zoho.createRecord('Contacts', { Last_Name: `C${i}`, Email: `c${i}@example.com` }, { notify: false }).id);
		sb.zoho.usage.peakInFlight = 0;
	});
	const statuses = () => (sb.core.log as Array<{ system: string; status: number }>).filter((e) => e.system === 'zoho').map((e) => e.status);

	it('four concurrent executions of one credential never have more than 5 Zoho calls in flight together, and draw no 429', async () => {
		const runs = [1, 2, 3, 4].map(async () => {
			const zoho = await createZohoClient(execution(sb, token, 'zoho-a').ctx);
			await Promise.all(ids.map((id) => zoho.getRecord('Contacts', id)));
		});
		await Promise.all(runs);
		expect(statuses()).toHaveLength(40);
		expect(statuses().every((s) => s === 200)).toBe(true);
		expect(sb.zoho.usage.peakInFlight).toBe(5);
	});

	it('takes the cap from the credential\'s Max Concurrent Requests; another credential has a cap of its own', async () => {
		const runs = [1, 2, 3].map(async () => {
			const zoho = await createZohoClient(execution(sb, token, 'zoho-b', { maxConcurrentRequests: 2 }).ctx);
			await Promise.all(ids.map((id) => zoho.getRecord('Contacts', id)));
		});
		await Promise.all(runs);
		expect(sb.zoho.usage.peakInFlight).toBe(2);
		sb.zoho.usage.peakInFlight = 0;
		const [a, b] = await Promise.all(['zoho-c', 'zoho-d'].map((id) => createZohoClient(execution(sb, token, id, { maxConcurrentRequests: 2 }).ctx)));
		await Promise.all([...ids.map((id) => a.getRecord('Contacts', id)), ...ids.map((id) => b.getRecord('Contacts', id))]);
		expect(sb.zoho.usage.peakInFlight).toBe(4);
	});

	it('logs the API credits Zoho reports once half of the day\'s are used', async () => {
		sb.zoho.options.dailyCredits = 30;
		try {
			const run = execution(sb, token, 'zoho-e');
			const zoho = await createZohoClient(run.ctx);
			for (const id of ids) await zoho.getRecord('Contacts', id);
			expect(run.warnings).toEqual([]);
			for (const id of [...ids, ...ids.slice(0, 3)]) await zoho.getRecord('Contacts', id);
			// the 15th call used half: Zoho reports 15 left, then the log repeats only when what is left halves
			expect(run.warnings).toEqual([
				'Zoho CRM API credits: 15 left in the rolling 24 hours (Zoho reports them once half are used)',
				'Zoho CRM API credits: 7 left in the rolling 24 hours (Zoho reports them once half are used)',
			]);
		} finally {
			delete sb.zoho.options.dailyCredits;
		}
	});
});
