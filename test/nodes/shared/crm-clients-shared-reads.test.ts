/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import type { IExecuteFunctions } from 'n8n-workflow';
import { ZOHO_CREDENTIAL, createSyncClients, createZohoClient, hubspotClientOptions } from '../../../nodes/shared/crm-clients';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A Sync node execution as crm-clients.ts sees it: credentials by id, and n8n's HTTP helper answered by `answer`. */
function execution(credentials: Record<string, string>, answer: (opts: any) => unknown, calls: any[]) {
	const ctx = {
		getNode: () => ({ name: 'Sync', credentials: Object.fromEntries(Object.entries(credentials).map(([type, id]) => [type, { id, name: id }])) }),
		getCredentials: async () => ({ apiDomainOverride: 'https://zoho.example', baseUrl: 'https://hubspot.example' }),
		logger: { warn: () => undefined, info: () => undefined, debug: () => undefined, error: () => undefined },
		helpers: {
			async httpRequestWithAuthentication(_type: string, opts: any) {
				calls.push(opts);
				await new Promise((r) => setImmediate(r));
				return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(answer(opts))) };
			},
		},
	};
	return ctx as unknown as IExecuteFunctions;
}

const coqlAnswer = (opts: any) => {
	const body = typeof opts.body === 'string' ? JSON.parse(opts.body) : opts.body;
	const emails = [...String(body?.select_query ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]);
	return { data: emails.map((e, i) => ({ id: String(i + 1), Email: e })), info: { more_records: false } };
};

describe('crm-clients: reads shared by the executions of one credential in this process', () => {
	it('ten concurrent executions of one Zoho credential asking in the same moment look up their emails in one COQL call (the idle kind settles one tick first), each getting its own contact', async () => {
		const calls: any[] = [];
		const clients = await Promise.all(Array.from({ length: 10 }, () => createZohoClient(execution({ [ZOHO_CREDENTIAL]: 'zoho-shared-1' }, coqlAnswer, calls))));
		const found = await Promise.all(clients.map((z, i) => z.findByEmails('Contacts', [`p${i}@x.com`], ['Email'])));
		expect(calls).toHaveLength(1);
		found.forEach((rows, i) => expect(rows.map((r) => r.Email)).toEqual([`p${i}@x.com`]));
	});

	it('executions of different credentials never share a call', async () => {
		const calls: any[] = [];
		const clients = await Promise.all(['zoho-own-1', 'zoho-own-2', 'zoho-own-3'].map((id) => createZohoClient(execution({ [ZOHO_CREDENTIAL]: id }, coqlAnswer, calls))));
		await Promise.all(clients.map((z, i) => z.findByEmails('Contacts', [`q${i}@x.com`], ['Email'])));
		expect(calls).toHaveLength(3);
	});

	it('a sync run\'s HubSpot reader, association reader and Zoho reader carry their credential\'s coalescer; plain clients do not', async () => {
		const ctx = execution({ hubspotSyncPrivateAppApi: 'hs-1', [ZOHO_CREDENTIAL]: 'zoho-1' }, () => ({}), []);
		const again = execution({ hubspotSyncPrivateAppApi: 'hs-1', [ZOHO_CREDENTIAL]: 'zoho-1' }, () => ({}), []);
		const run = await createSyncClients(ctx, 'hubspotSyncPrivateAppApi');
		const shared = (await hubspotClientOptions(again, 'hubspotSyncPrivateAppApi', { mode: 'run' })).coalesce;
		expect(shared).toBeDefined();
		expect(run.hubspotRequester.coalesce).toBe(shared);
		expect((await hubspotClientOptions(ctx, 'hubspotSyncPrivateAppApi', { mode: 'plain' })).coalesce).toBeUndefined();
	});
});
