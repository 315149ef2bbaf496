import type { IExecuteFunctions } from 'n8n-workflow';
import { HUBSPOT_DEFAULT_CREDENTIAL, ZOHO_CREDENTIAL, createSyncClients, zohoClientOptions } from '../../../nodes/shared/crm-clients';

/** An execution whose credential reads are counted and answer `data[type]`. */
function execution(ids: Record<string, string>, data: Record<string, Record<string, unknown>>, reads: string[]) {
	return {
		getNode: () => ({ name: 'Sync', credentials: Object.fromEntries(Object.entries(ids).map(([type, id]) => [type, { id, name: id }])) }),
		getCredentials: async (type: string) => {
			reads.push(type);
			return data[type];
		},
		logger: { warn: () => undefined },
		helpers: {},
	} as unknown as IExecuteFunctions;
}

const DATA = {
	[HUBSPOT_DEFAULT_CREDENTIAL]: { accessToken: 'pat-secret', baseUrl: 'https://hubspot.example/', apiLimitShare: 50 },
	[ZOHO_CREDENTIAL]: { apiDomainOverride: 'https://zoho.example', maxConcurrentRequests: 3 },
};

describe('crm-clients: sync runs read a credential\'s settings once per 10 s, not once per execution', () => {
	afterEach(() => jest.restoreAllMocks());

	it('executions after the first ones use the settings already read: no credential read, same settings', async () => {
		const reads: string[] = [];
		const ids = { [HUBSPOT_DEFAULT_CREDENTIAL]: 'hs-burst', [ZOHO_CREDENTIAL]: 'zoho-burst' };
		await createSyncClients(execution(ids, DATA, reads), HUBSPOT_DEFAULT_CREDENTIAL);
		expect(reads.sort()).toEqual([HUBSPOT_DEFAULT_CREDENTIAL, ZOHO_CREDENTIAL].sort());
		await Promise.all(Array.from({ length: 10 }, async () => createSyncClients(execution(ids, DATA, reads), HUBSPOT_DEFAULT_CREDENTIAL)));
		expect(reads).toHaveLength(2);
		const z = await zohoClientOptions(execution(ids, DATA, reads), { mode: 'run' });
		expect(z.apiDomain).toBe('https://zoho.example');
		expect(z.maxInFlight).toBe(3);
		expect(reads).toHaveLength(2);
	});

	it('reads again after 10 s, so an edited setting takes effect', async () => {
		let t = 1_000_000;
		jest.spyOn(Date, 'now').mockImplementation(() => t);
		const reads: string[] = [];
		const ids = { [ZOHO_CREDENTIAL]: 'zoho-edit' };
		expect((await zohoClientOptions(execution(ids, DATA, reads), { mode: 'run' })).maxInFlight).toBe(3);
		t += 9_999;
		const edited = { ...DATA, [ZOHO_CREDENTIAL]: { ...DATA[ZOHO_CREDENTIAL], maxConcurrentRequests: 7 } };
		expect((await zohoClientOptions(execution(ids, edited, reads), { mode: 'run' })).maxInFlight).toBe(3);
		t += 1;
		expect((await zohoClientOptions(execution(ids, edited, reads), { mode: 'run' })).maxInFlight).toBe(7);
		expect(reads).toEqual([ZOHO_CREDENTIAL, ZOHO_CREDENTIAL]);
	});

	it('keeps credentials apart, and plain clients (editor lists, channel calls) always read', async () => {
		const reads: string[] = [];
		await zohoClientOptions(execution({ [ZOHO_CREDENTIAL]: 'zoho-a' }, DATA, reads), { mode: 'run' });
		await zohoClientOptions(execution({ [ZOHO_CREDENTIAL]: 'zoho-b' }, DATA, reads), { mode: 'run' });
		await zohoClientOptions(execution({ [ZOHO_CREDENTIAL]: 'zoho-a' }, DATA, reads), { mode: 'plain' });
		await zohoClientOptions(execution({ [ZOHO_CREDENTIAL]: 'zoho-a' }, DATA, reads), { mode: 'plain' });
		expect(reads).toHaveLength(4);
	});
});
