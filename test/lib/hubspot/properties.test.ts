import { count, startHarness, type Harness } from './sandbox-client';

describe('HubspotClient.listProperties against the sandbox', () => {
	let h: Harness;
	beforeAll(async () => {
		h = await startHarness();
	});
	afterAll(async () => h.close());

	it('lists contact properties in one GET /crm/v3/properties/contacts with labels, types, options and read-only flags', async () => {
		const props = await h.client().listProperties('contacts');
		expect(count(h.sandbox, 'GET', '/crm/v3/properties/:objectType')).toBe(1);
		const byName = new Map(props.map((p) => [p.name, p]));
		expect(byName.get('firstname')).toMatchObject({ label: 'First Name', type: 'string', readOnly: false });
		expect(byName.get('email')).toMatchObject({ hasUniqueValue: true });
		expect(byName.get('lastmodifieddate')).toMatchObject({ type: 'datetime', readOnly: true });
		const stage = byName.get('lifecyclestage');
		expect(stage?.type).toBe('enumeration');
		expect(stage?.options.map((o) => o.value)).toContain('customer');
	});

	it('lists company properties, numbers typed as number', async () => {
		const props = await h.client().listProperties('companies');
		expect(props.find((p) => p.name === 'numberofemployees')).toMatchObject({ type: 'number', fieldType: 'number' });
		expect(props.find((p) => p.name === 'industry')?.options.map((o) => o.value)).toContain('COMPUTER_SOFTWARE');
	});
});
