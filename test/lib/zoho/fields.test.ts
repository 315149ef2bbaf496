import { startZohoHarness, type ZohoHarness } from './helpers';

describe('ZohoClient.listFields against the sandbox', () => {
	let h: ZohoHarness;
	beforeAll(async () => {
		h = await startZohoHarness();
	});
	afterAll(async () => h.close());

	it('lists Accounts fields in one GET /crm/v8/settings/fields?module=Accounts: types, picklist values, mandatory and read-only', async () => {
		const fields = await h.client.listFields('Accounts');
		expect(h.count('GET /zoho/crm/v8/settings/fields')).toBe(1);
		const byName = new Map(fields.map((f) => [f.apiName, f]));
		expect(byName.get('Account_Name')).toMatchObject({ label: 'Account Name', dataType: 'text', required: true, readOnly: false });
		expect(byName.get('Modified_Time')).toMatchObject({ dataType: 'datetime', readOnly: true });
		expect(byName.get('Employees')).toMatchObject({ dataType: 'integer' });
		expect(byName.get('Industry')?.options).toContainEqual({ label: 'Technology', value: 'Technology' });
		expect(byName.get('HubSpot_ID')).toMatchObject({ custom: true });
	});

	it('lists Contacts fields; Account_Name is a lookup there', async () => {
		const fields = await h.client.listFields('Contacts');
		expect(fields.find((f) => f.apiName === 'Last_Name')).toMatchObject({ required: true });
		expect(fields.find((f) => f.apiName === 'Account_Name')).toMatchObject({ dataType: 'lookup' });
	});
});
