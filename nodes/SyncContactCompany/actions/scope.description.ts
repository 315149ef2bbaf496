// The Sync Scope parameters of the three sync operations (read by ../settings.ts scopeOf).
import type { INodeProperties } from 'n8n-workflow';

export const scopeProperties: INodeProperties[] = [
	{
		displayName: 'Sync Scope',
		name: 'scope',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Conditions on the source record\'s own fields: a record that does not meet them is counted as out of scope and never written. Applies to webhook items, Sync Recent Changes and Reconcile All Records alike.',
		displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile'] } },
		options: [
			{
				name: 'condition',
				displayName: 'Condition',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getScopeFields', loadOptionsDependsOn: ['&system', '&objectType'] },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Object',
						name: 'objectType',
						type: 'options',
						options: [
							{
								name: 'Contacts',
								value: 'contact',
							},
							{
								name: 'Companies (Zoho Accounts)',
								value: 'company',
							},
				],
						default: 'contact',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: [
							{
								name: 'Contains',
								value: 'contains',
							},
							{
								name: 'Date Is After',
								value: 'after',
							},
							{
								name: 'Date Is Before',
								value: 'before',
							},
							{
								name: 'Equals',
								value: 'equals',
							},
							{
								name: 'Is In List',
								value: 'inList',
								description: 'Comma-	or newline-separated values',
							},
							{
								name: 'Is Not Set',
								value: 'isNotSet',
							},
							{
								name: 'Is Set',
								value: 'isSet',
							},
							{
								name: 'Not Equals',
								value: 'notEquals',
							},
					],
						default: 'isSet',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Compared case-insensitively;	dates as instants (e.g. 2025-01-31 or 2025-01-31T00:00:00Z)',
					},
					{
						displayName: 'When the Source Is',
						name: 'system',
						type: 'options',
						options: [
							{
								name: 'HubSpot',
								value: 'hubspot',
							},
							{
								name: 'Zoho CRM',
								value: 'zoho',
							},
					],
						default: 'hubspot',
					},
			],
			},
		],
	},
	{
		displayName: 'Scope Conditions Must',
		name: 'scopeCombine',
		type: 'options',
		options: [
			{ name: 'All Hold', value: 'all' },
			{ name: 'At Least One Hold', value: 'any' },
		],
		default: 'all',
		displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile'] } },
	},
];
