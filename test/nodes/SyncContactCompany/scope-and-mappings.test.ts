import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';
import { loadOptions } from '../../../nodes/SyncContactCompany/fields';
import { sandboxCredentials, useSyncSandbox } from './support';

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('Sync node: scope, mapping check, failure reports, pickers (n8n-core against the sandbox)', () => {
	const sandbox = useSyncSandbox();
	let sb: any;
	beforeEach(() => {
		sb = sandbox.get();
	});
	const creds = { hubspotSyncPrivateAppApi: { id: 'h', name: 'HubSpot' }, zohoCrmSyncOAuth2Api: { id: 'z', name: 'Zoho' } };

	async function run(parameters: Record<string, unknown>, opts: { mode?: any; staticData?: any } = {}) {
		const h = createHarness({ credentials: sandboxCredentials(sb) });
		const r = await h.runWorkflow({
			nodes: [{ name: 'Sync', type: `${PACKAGE_NAME}.syncContactCompany`, parameters, credentials: creds }],
			items: [{ json: {} }],
			...(opts.mode ? { mode: opts.mode } : {}),
			...(opts.staticData ? { staticData: opts.staticData } : {}),
		});
		return { error: r.error, synced: r.error ? [] : r.output('Sync', 0).map((i) => i.json as any), failed: r.error ? [] : r.output('Sync', 1).map((i) => i.json as any) };
	}
	const past = Date.parse('2024-01-01T00:00:00Z');

	it('a scoped reconcile writes only records in scope and counts the others as outOfScope', async () => {
		sb.hubspot.loadSeed({
			contacts: [
				{ properties: { email: 'in1@scope.test', lastname: 'In1', lifecyclestage: 'customer' }, createdAt: past, updatedAt: past },
				{ properties: { email: 'out1@scope.test', lastname: 'Out1', lifecyclestage: 'lead' }, createdAt: past, updatedAt: past },
				{ properties: { lastname: 'NoEmail', lifecyclestage: 'customer' }, createdAt: past, updatedAt: past },
			],
		});
		const scope = { condition: [{ system: 'hubspot', objectType: 'contact', field: 'email', operator: 'isSet' }, { system: 'hubspot', objectType: 'contact', field: 'lifecyclestage', operator: 'inList', value: 'Customer, evangelist' }] };
		const r = await run({ operation: 'reconcile', reconcileSource: 'hubspot', reconcileObjects: ['contact'], scope });
		expect(r.error).toBeUndefined();
		expect(r.synced[0]).toMatchObject({ scanned: 3, created: 1, outOfScope: 2, failed: 0 });
		expect(sb.zoho.listRecords('Contacts').map((c: any) => c.Email)).toEqual(['in1@scope.test']);
		const perRecord = await run({ operation: 'reconcile', reconcileSource: 'hubspot', reconcileObjects: ['contact'], scope, reconcileOutput: 'records' });
		const out = perRecord.synced.filter((s) => s.action === 'outOfScope');
		expect(out).toHaveLength(2);
		expect(out.map((s) => s.reason)).toContain('out of scope: fails "email is set"');
		expect(sb.zoho.listRecords('Contacts')).toHaveLength(1);
	});

	it('stops before any write, naming the field, when a mapping targets a read-only field', async () => {
		sb.hubspot.loadSeed({ contacts: [{ properties: { email: 'a@map.test', lastname: 'A' }, createdAt: past, updatedAt: past }] });
		const r = await run({
			operation: 'reconcile', reconcileSource: 'hubspot', reconcileObjects: ['contact'],
			customMappings: { mapping: [{ objectType: 'contact', hubspotField: 'firstname', zohoField: 'Full_Name', direction: 'hubspotToZoho' }] },
		});
		expect(String(r.error?.message)).toBe('Field mapping cannot work: Zoho CRM Contacts field "Full_Name" is read-only: it cannot be written from HubSpot contacts field "firstname"');
		expect(sb.zoho.listRecords('Contacts')).toHaveLength(0);
	});

	it('stops on a type mismatch and on an unknown field, listing both', async () => {
		const r = await run({
			operation: 'reconcile', reconcileSource: 'zoho', reconcileObjects: ['company'],
			customMappings: { mapping: [
				{ objectType: 'company', hubspotField: 'annualrevenue', zohoField: 'Description', direction: 'zohoToHubspot' },
				{ objectType: 'company', hubspotField: 'no_such_property', zohoField: 'Account_Type', direction: 'both' },
			] },
		});
		expect(String(r.error?.message)).toMatch(/^2 field mappings cannot work: HubSpot companies field "annualrevenue" \(number\) cannot hold values of Zoho CRM Accounts field "Description" \(textarea\)/);
		expect(String((r.error as any)?.description)).toContain('HubSpot companies field "no_such_property" does not exist');
	});

	it('reports an unchanged failing record once across production runs, never suppresses manual runs', async () => {
		const now = Date.now();
		sb.zoho.loadSeed({ Contacts: [{ Last_Name: 'Bad', Email: 'not-an-email', Modified_Time: new Date(now - 60_000).toISOString().replace(/\.\d+Z$/, '+00:00') }] });
		sb.hubspot.loadSeed({ contacts: [] });
		const params = { operation: 'syncRecent', recentSource: 'zoho', recentObjects: ['contact'], lookbackMinutes: 30, whenMissing: 'create' };
		const staticData = {};
		const first = await run(params, { mode: 'trigger', staticData });
		expect(first.failed).toHaveLength(1);
		expect(first.failed[0].sourceModifiedAt).toBeDefined();
		const second = await run(params, { mode: 'trigger', staticData });
		expect(second.failed).toHaveLength(0);
		const manual = await run(params, { mode: 'manual', staticData });
		expect(manual.failed).toHaveLength(1);
		const optOut = await run({ ...params, options: { reportFailuresOnce: false } }, { mode: 'trigger', staticData });
		expect(optOut.failed).toHaveLength(1);
		// Never in the workflow's static data: in queue mode a worker saves its copy of it whole, which erased the
		// triggers' data (the Zoho channel) when this memory lived there.
		expect(staticData).toEqual({});
	});

	it('lists HubSpot properties and Zoho fields for the pickers, marking required and read-only, and picklist values', async () => {
		const credentials = sandboxCredentials(sb);
		const ctx = (current: Record<string, unknown>): any => ({
			getNode: () => ({ name: 'Sync', credentials: { hubspotSyncPrivateAppApi: { id: `h-${sb.url}` }, zohoCrmSyncOAuth2Api: { id: `z-${sb.url}` } } }),
			getNodeParameter: (name: string, fallback: unknown) => (name in current ? current[name] : fallback),
			getCurrentNodeParameter: (path: string) => current[path.replace(/^&/, '')],
			getCredentials: async (type: string) => (type === 'zohoCrmSyncOAuth2Api' ? credentials.z.data : credentials.h.data),
			helpers: {
				httpRequestWithAuthentication: async (type: string, o: any) => {
					const token = type === 'zohoCrmSyncOAuth2Api' ? `Zoho-oauthtoken ${(credentials.z.data as any).oauthTokenData.access_token}` : `Bearer ${credentials.h.data.accessToken}`;
					const url = new URL(o.url);
					for (const [k, v] of Object.entries(o.qs ?? {})) url.searchParams.set(k, String(v));
					const res = await fetch(url, { method: o.method, headers: { authorization: token } });
					return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
				},
			},
			logger: { warn: () => undefined },
		});
		const hubspot = await loadOptions.getHubspotProperties.call(ctx({ objectType: 'contact' }));
		expect(hubspot.find((o) => o.value === 'lastmodifieddate')?.name).toBe('Last Modified Date (read-only)');
		expect(hubspot.find((o) => o.value === 'firstname')).toMatchObject({ name: 'First Name', description: 'firstname · string' });
		const zoho = await loadOptions.getZohoFields.call(ctx({ objectType: 'contact' }));
		expect(zoho.find((o) => o.value === 'Last_Name')?.name).toBe('Last Name (required)');
		const values = await loadOptions.getZohoFieldValues.call(ctx({ objectType: 'company', zohoField: 'Industry' }));
		expect(values).toContainEqual({ name: 'Technology', value: 'Technology' });
		const hsValues = await loadOptions.getHubspotPropertyValues.call(ctx({ objectType: 'company', hubspotField: 'industry' }));
		expect(hsValues).toContainEqual({ name: 'Computer Software (COMPUTER_SOFTWARE)', value: 'COMPUTER_SOFTWARE' });
	});
});
