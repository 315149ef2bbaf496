// The field mapping parameters of the three sync operations: custom rows, the default pairs per object, picklist
// value maps. Read at run time by ../settings.ts (mappingsByKind).
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { DEFAULT_MAPPINGS, type ObjectKind } from '../../../lib/sync';

/** The default pairs, shown (and removable) in the node: "firstname ↔ First_Name". */
const defaultMappingOptions = (kind: ObjectKind): INodePropertyOptions[] =>
	DEFAULT_MAPPINGS[kind].map((m) => ({
		name: `${m.hubspot} ${m.direction === 'both' ? '↔' : m.direction === 'hubspotToZoho' ? '→' : '←'} ${m.zoho}`,
		value: m.field,
		description: `${m.kind}${m.valueMap ? ', with a value map' : ''}${m.hubspotFallback ? `, HubSpot ${m.hubspotFallback} when ${m.hubspot} is empty` : ''}`,
	}));

export const mappingProperties: INodeProperties[] = [
	{
		displayName: 'Custom Field Mappings',
		name: 'customMappings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping',
		default: {},
		displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile'] } },
		options: [
			{
				name: 'mapping',
				displayName: 'Mapping',
				values: [
					{
						displayName: 'Object',
						name: 'objectType',
						type: 'options',
						options: [
							{ name: 'Contacts and Companies', value: 'both' },
							{ name: 'Contacts', value: 'contact' },
							{ name: 'Companies (Zoho Accounts)', value: 'company' },
						],
						default: 'both',
					},
					{
						displayName: 'HubSpot Property Name or ID',
						name: 'hubspotField',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getHubspotProperties', loadOptionsDependsOn: ['&objectType', 'hubspotAuthentication'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Zoho Field Name or ID',
						name: 'zohoField',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getZohoFields', loadOptionsDependsOn: ['&objectType'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Both', value: 'both' },
							{ name: 'HubSpot to Zoho Only', value: 'hubspotToZoho' },
							{ name: 'Zoho to HubSpot Only', value: 'zohoToHubspot' },
						],
						default: 'both',
					},
				],
			},
		],
	},
	{
		displayName: 'Default Contact Mappings',
		name: 'defaultContactMappings',
		type: 'multiOptions',
		options: defaultMappingOptions('contact'),
		default: ['firstName', 'lastName', 'email', 'phone', 'mobile', 'jobTitle', 'street', 'city', 'state', 'zip', 'country'],
		description: 'The HubSpot property ↔ Zoho field pairs synced for contacts without any custom mapping. Remove a pair to leave it out; a custom mapping on the same property or field replaces it.',
		displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile'] } },
	},
	{
		displayName: 'Default Company Mappings',
		name: 'defaultCompanyMappings',
		type: 'multiOptions',
		options: defaultMappingOptions('company'),
		default: ['name', 'website', 'domain', 'phone', 'industry', 'street', 'city', 'state', 'zip', 'country', 'numberOfEmployees', 'annualRevenue', 'description'],
		description: 'The HubSpot property ↔ Zoho Accounts field pairs synced for companies. Industry uses a value map (HubSpot value → Zoho label); add pairs under Picklist Value Maps to change it.',
		displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile'] } },
	},
	{
		displayName: 'Picklist Value Maps',
		name: 'valueMaps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Value Pair',
		default: {},
		description: 'HubSpot option ↔ Zoho picklist value, for a default mapping (e.g. industry → Industry) or a custom mapping between two picklists. Keep the map one-to-one.',
		displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile'] } },
		options: [
			{
				name: 'pair',
				displayName: 'Value Pair',
				values: [
					{
						displayName: 'HubSpot Property Name or ID',
						name: 'hubspotField',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getHubspotProperties', loadOptionsDependsOn: ['&objectType'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'HubSpot Value Name or ID',
						name: 'hubspotValue',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getHubspotPropertyValues', loadOptionsDependsOn: ['&hubspotField', '&objectType'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Object',
						name: 'objectType',
						type: 'options',
						options: [
							{
								name: 'Companies (Zoho Accounts)',
								value: 'company',
							},
							{
								name: 'Contacts',
								value: 'contact',
							},
				],
						default: 'company',
					},
					{
						displayName: 'Zoho Field Name or ID',
						name: 'zohoField',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getZohoFields', loadOptionsDependsOn: ['&objectType'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Zoho Value Name or ID',
						name: 'zohoValue',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getZohoFieldValues', loadOptionsDependsOn: ['&zohoField', '&objectType'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
			],
			},
		],
	},
];
