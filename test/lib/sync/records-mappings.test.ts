import {
	collectMatchKeys,
	DEFAULT_INDUSTRY_MAP,
	DEFAULT_MAPPINGS,
	hubspotToRecord,
	propertiesToRead,
	resolveMappings,
	zohoToRecord,
} from '../../../lib/sync';

describe('mappings', () => {
	it('keeps the default industry map one-to-one so values translate back unchanged', () => {
		const labels = Object.values(DEFAULT_INDUSTRY_MAP);
		expect(new Set(labels).size).toBe(labels.length);
	});

	it('lets a custom mapping replace the default using the same field', () => {
		const m = resolveMappings('contact', {
			mappings: [{ hubspotField: 'phone', zohoField: 'Other_Phone', direction: 'both' }],
		});
		expect(m.filter((x) => x.hubspot === 'phone').map((x) => x.zoho)).toEqual(['Other_Phone']);
		expect(m.some((x) => x.zoho === 'Phone')).toBe(false);
	});

	it('uses only custom mappings when every default is left out, and a caller value map overrides the default', () => {
		expect(resolveMappings('contact', { omitDefaults: DEFAULT_MAPPINGS.contact.map((d) => d.field) })).toEqual([]);
		const m = resolveMappings('company', { valueMaps: { industry: { FISHERY: 'Fishing' } } });
		expect(m.find((x) => x.field === 'industry')?.valueMap).toEqual({ FISHERY: 'Fishing' });
	});

	it('names every native field a reader must fetch, with timestamps and the xref field', () => {
		const hs = propertiesToRead('hubspot', 'company', resolveMappings('company'), 'zoho_id');
		expect(hs).toEqual(
			expect.arrayContaining(['name', 'domain', 'website', 'industry', 'hs_lastmodifieddate', 'zoho_id']),
		);
		const z = propertiesToRead('zoho', 'contact', resolveMappings('contact'));
		expect(z).toEqual(expect.arrayContaining(['Last_Name', 'Email', 'Mailing_Zip', 'Modified_Time']));
		expect(z).not.toContain('Billing_Code');
	});
});

describe('records', () => {
	it('reads a HubSpot object: canonical fields, updatedAt instant, per-field times from history, xref', () => {
		const r = hubspotToRecord(
			{
				id: '51',
				properties: { firstname: 'Jane', lastname: '', email: 'jane@example.com', zoho_id: 'z9' },
				updatedAt: '2024-01-15T10:00:00.500Z',
				propertiesWithHistory: { email: [{ value: 'jane@example.com', timestamp: '2024-01-10T08:00:00.000Z' }] },
			},
			'contact',
			{ mappings: resolveMappings('contact'), xrefField: 'zoho_id' },
		);
		expect(r).toMatchObject({
			system: 'hubspot',
			id: '51',
			modifiedAt: Date.UTC(2024, 0, 15, 10, 0, 0, 500),
			xrefId: 'z9',
		});
		expect(r.fields).toMatchObject({ firstName: 'Jane', lastName: null, email: 'jane@example.com', phone: null });
		expect(r.fieldModifiedAt).toEqual({ email: Date.UTC(2024, 0, 10, 8) });
	});

	it('reads a Zoho record: offset Modified_Time as an instant, lookup names, numbers as strings', () => {
		const r = zohoToRecord(
			{
				id: '77',
				Account_Name: 'Acme',
				Employees: 120,
				Website: 'acme.com',
				Modified_Time: '2024-01-15T15:30:00+05:30',
				Owner: { name: 'x', id: '1' },
			},
			'company',
			{ mappings: resolveMappings('company') },
		);
		expect(r.modifiedAt).toBe(Date.UTC(2024, 0, 15, 10));
		expect(r.fields).toMatchObject({
			name: 'Acme',
			numberOfEmployees: '120',
			website: 'acme.com',
			domain: 'acme.com',
			industry: null,
		});
	});

	it('falls back to the HubSpot domain when the website is empty', () => {
		const r = hubspotToRecord({ id: '1', properties: { name: 'Acme', domain: 'acme.com', website: null } }, 'company', {
			mappings: resolveMappings('company'),
		});
		expect(r.fields.website).toBe('acme.com');
	});

	it('collects one batched set of lookup keys: emails for contacts, domains and names for companies', () => {
		const contacts = [
			hubspotToRecord({ id: '1', properties: { email: ' Jane@Example.com ', zoho_id: 'z1' } }, 'contact', {
				mappings: resolveMappings('contact'),
				xrefField: 'zoho_id',
			}),
			hubspotToRecord({ id: '2', properties: { email: 'jane@example.com' } }, 'contact', {
				mappings: resolveMappings('contact'),
			}),
		];
		expect(collectMatchKeys('contact', contacts)).toEqual({
			ids: ['z1'],
			xrefIds: ['1', '2'],
			emails: ['jane@example.com'],
			domains: [],
			names: [],
		});
		const company = hubspotToRecord(
			{ id: '3', properties: { name: ' Acme   Inc ', website: 'https://www.acme.com/x' } },
			'company',
			{ mappings: resolveMappings('company') },
		);
		expect(collectMatchKeys('company', [company])).toMatchObject({ domains: ['acme.com'], names: ['Acme Inc'] });
	});
});
