import type { IExecuteFunctions } from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../../sandbox/index.js');

/* eslint-disable @typescript-eslint/no-explicit-any */
type CrmClients = typeof import('../../../nodes/shared/crm-clients');

/** crm-clients.ts as one n8n process has it: its own per-credential limiters (queue mode: two workers). */
function processModule(): CrmClients {
	let mod: CrmClients | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		mod = require('../../../nodes/shared/crm-clients');
	});
	return mod as CrmClients;
}

function execution(sb: any) {
	const ctx = {
		getNode: () => ({ name: 'Sync', credentials: { hubspotSyncPrivateAppApi: { id: 'hs-1', name: 'HubSpot' } } }),
		getCredentials: async () => ({ baseUrl: `${sb.url}/hubspot` }),
		logger: { warn: () => undefined, info: () => undefined, debug: () => undefined, error: () => undefined },
		helpers: {
			async httpRequestWithAuthentication(_type: string, opts: any) {
				const res = await fetch(opts.url, {
					method: opts.method,
					headers: { ...opts.headers, authorization: `Bearer ${sb.hubspot.privateAppToken}` },
					body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
				});
				return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) };
			},
		},
	};
	return ctx as unknown as IExecuteFunctions;
}

// HubSpot's search endpoints allow 5 requests a second per token (https://developers.hubspot.com/docs/api/crm/search)
// and answer with no rate-limit headers, so processes sharing the token cannot see each other's searches.
describe('HubSpot search limit across processes', () => {
	let sb: any;
	beforeAll(async () => {
		sb = await startSandbox({});
	});
	afterAll(() => sb.close());

	it('two processes searching flat out with the default API Limit Share draw no 429', async () => {
		sb.core.resetLog();
		const processes = [processModule(), processModule()];
		await Promise.all(
			processes.map(async (p) => {
				const hubspot = await p.createHubspotClient(execution(sb), 'hubspotSyncPrivateAppApi', { mode: 'run', retry: { retries: 0 } });
				for (let i = 0; i < 7; i++) await hubspot.search('contacts', { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: `p${i}@example.com` }] }] }).catch(() => undefined);
			}),
		);
		const searches = (sb.core.log as Array<{ route: string; status: number }>).filter((e) => /search$/.test(e.route));
		expect(searches).toHaveLength(14);
		expect(searches.filter((e) => e.status === 429)).toEqual([]);
	}, 20_000);
});
