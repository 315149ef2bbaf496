import type { INodeCredentialDescription, INodeProperties, INodePropertyOptions, NodeHint } from 'n8n-workflow';
import { DEFAULT_MAPPINGS, type ObjectKind } from '../../lib/sync';

/** The default pairs, shown (and removable) in the node: "firstname ↔ First_Name". */
const defaultMappingOptions = (kind: ObjectKind): INodePropertyOptions[] =>
	DEFAULT_MAPPINGS[kind].map((m) => ({
		name: `${m.hubspot} ${m.direction === 'both' ? '↔' : m.direction === 'hubspotToZoho' ? '→' : '←'} ${m.zoho}`,
		value: m.field,
		description: `${m.kind}${m.valueMap ? ', with a value map' : ''}${m.hubspotFallback ? `, HubSpot ${m.hubspotFallback} when ${m.hubspot} is empty` : ''}`,
	}));

const HUBSPOT_AUTH = ['hubspotSyncPrivateAppApi', 'hubspotSyncOAuth2Api'];

// n8n's editor (2.41) treats hubspotAuthentication as the node's main auth field: it hides that parameter, offers both
// HubSpot credential types in one selector and asks for the type in the "create credential" dialog. Any credential
// without displayOptions would be offered the HubSpot types too, and a parameter that the auth field's own
// displayOptions name would be hidden, so the Zoho credential lists every operation and hubspotAuthentication has no
// displayOptions (test/nodes/SyncContactCompany/editor-display.test.ts replays those editor rules).
export const credentials: INodeCredentialDescription[] = [
		{ name: 'hubspotSyncPrivateAppApi', displayName: 'HubSpot Credential', required: true, displayOptions: { show: { hubspotAuthentication: ['hubspotSyncPrivateAppApi'], operation: ['sync', 'syncRecent', 'reconcile'] } } },
		{ name: 'hubspotSyncOAuth2Api', displayName: 'HubSpot Credential', required: true, displayOptions: { show: { hubspotAuthentication: ['hubspotSyncOAuth2Api'], operation: ['sync', 'syncRecent', 'reconcile'] } } },
		{ name: 'zohoCrmSyncOAuth2Api', displayName: 'Zoho CRM Credential', required: true, displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile', 'renewZohoChannels'] } } },
	];

export const properties: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Sync Records', value: 'sync', action: 'Sync records', description: 'Sync the records named by the input items' },
				{
					name: 'Sync Recent Changes',
					value: 'syncRecent',
					action: 'Sync recently modified records',
					description: 'Find the records modified in one CRM in the last minutes and sync them (run it on a schedule: it catches any webhook that never arrived)',
				},
				{
					name: 'Reconcile All Records',
					value: 'reconcile',
					action: 'Reconcile all records',
					description: 'Sync every record of one CRM (or those modified since a date) to the other, page by page with flat memory: the initial sync and the nightly reconcile',
				},
				{
					name: 'Renew Zoho Notification Channels',
					value: 'renewZohoChannels',
					action: 'Renew notification channels',
					description: 'Extend every Zoho notification channel that expires soon (run it on a schedule so the Zoho trigger never expires without traffic)',
				},
			],
			default: 'sync',
		},
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'options',
			options: [
				{ name: 'HubSpot to Zoho CRM', value: 'hubspotToZoho' },
				{ name: 'Zoho CRM to HubSpot', value: 'zohoToHubspot' },
				{ name: 'From the Incoming Event', value: 'fromEvent', description: 'Items from our HubSpot trigger go to Zoho, items from our Zoho trigger go to HubSpot' },
			],
			default: 'fromEvent',
			displayOptions: { show: { operation: ['sync'] } },
		},
		{
			displayName: 'Object',
			name: 'objectType',
			type: 'options',
			options: [
				{ name: 'Contact', value: 'contact' },
				{ name: 'Company (Zoho Account)', value: 'company' },
				{ name: 'From the Incoming Event', value: 'fromEvent', description: 'Uses the item field objectType (contact or company)' },
			],
			default: 'fromEvent',
			displayOptions: { show: { operation: ['sync'] } },
		},
		{
			displayName: 'Record ID',
			name: 'recordIdField',
			type: 'string',
			default: '={{ $json.objectId }}',
			description: 'ID of the source record (the HubSpot record for HubSpot to Zoho, the Zoho record otherwise)',
			displayOptions: { show: { operation: ['sync'] } },
		},
		{
			displayName: 'HubSpot Authentication',
			name: 'hubspotAuthentication',
			type: 'options',
			options: [
				{ name: 'Private App Token', value: HUBSPOT_AUTH[0] },
				{ name: 'OAuth2 (Public App)', value: HUBSPOT_AUTH[1] },
			],
			default: 'hubspotSyncPrivateAppApi',
		},
		{
			displayName: 'When Missing in the Target',
			name: 'whenMissing',
			type: 'options',
			options: [
				{ name: 'Default for the Direction', value: 'default', description: 'Create in Zoho; do nothing in HubSpot' },
				{ name: 'Create', value: 'create' },
				{ name: 'Skip', value: 'skip' },
			],
			default: 'default',
			displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile'] } },
		},
		{
			displayName: 'Conflict Rule',
			name: 'conflictRule',
			type: 'options',
			options: [
				{ name: 'Newest Wins', value: 'newestWins', description: 'Keep the most recently modified data; an empty value never overwrites' },
				{ name: 'Source Wins', value: 'sourceWins' },
				{ name: 'Fill Empty Fields Only', value: 'fillEmptyOnly' },
			],
			default: 'newestWins',
			displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile'] } },
		},
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
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { operation: ['sync', 'syncRecent', 'reconcile'] } },
			options: [
				{ displayName: 'Dry Run', name: 'dryRun', type: 'boolean', default: false, description: 'Whether to output the plan and write nothing' },
				{ displayName: 'HubSpot Cross-Reference Property', name: 'hubspotXrefField', type: 'string', default: '', description: 'HubSpot property that holds the Zoho ID, e.g. zoho_id. Create it with unique values on contacts and companies: creates upsert on it, so concurrent first syncs make one record.' },
				{ displayName: 'Link Contact to Company', name: 'linkCompany', type: 'boolean', default: true, description: 'Whether to keep the contact linked to its company (HubSpot association / Zoho Account_Name lookup)' },
				{
					displayName: 'Missing Mandatory Zoho Fields',
					name: 'mandatoryFallback',
					type: 'options',
					options: [
						{ name: 'Fail the Record', value: 'fail' },
						{ name: 'Use a Placeholder Value', value: 'placeholder' },
					],
					default: 'fail',
					description: 'Zoho requires Last_Name on contacts and Account_Name on accounts',
				},
				{ displayName: 'Per-Field Merge', name: 'perField', type: 'boolean', default: true, description: 'Whether to merge field by field (the default): a field changed in one CRM only takes that CRM\'s value, a field changed in both takes the newer change, from HubSpot property history and Zoho\'s record timeline. Off: the newer record wins every differing field.' },
				{ displayName: 'Placeholder Account Name', name: 'accountNameFallback', type: 'string', default: 'Unknown company' },
				{ displayName: 'Placeholder Last Name', name: 'lastNameFallback', type: 'string', default: 'Unknown' },
				{ displayName: 'Report Each Failure Once', name: 'reportFailuresOnce', type: 'boolean', default: true, description: 'Whether a record that fails again for the same reason without having changed is left off the Failed output of later production runs (manual runs always report everything)' },
				{ displayName: 'Write Cross-Reference IDs', name: 'writeXref', type: 'boolean', default: false, description: 'Whether to write each side\'s ID into the other (needs both cross-reference fields)' },
				{ displayName: 'Zoho Cross-Reference Field', name: 'zohoXrefField', type: 'string', default: '', description: 'Zoho field that holds the HubSpot ID, e.g. HubSpot_ID. Give it "Do not allow duplicate values" in Contacts and Accounts: creates upsert on it, so concurrent first syncs make one record.' },
			],
		},
		{
			displayName: 'Source',
			name: 'recentSource',
			type: 'options',
			options: [
				{ name: 'Zoho CRM (Sync to HubSpot)', value: 'zoho' },
				{ name: 'HubSpot (Sync to Zoho CRM)', value: 'hubspot' },
			],
			default: 'zoho',
			description: 'The CRM whose recently modified records are synced to the other one',
			displayOptions: { show: { operation: ['syncRecent'] } },
		},
		{
			displayName: 'Objects',
			name: 'recentObjects',
			type: 'multiOptions',
			options: [
				{ name: 'Contacts', value: 'contact' },
				{ name: 'Companies (Zoho Accounts)', value: 'company' },
			],
			default: ['contact', 'company'],
			displayOptions: { show: { operation: ['syncRecent'] } },
		},
		{
			displayName: 'Modified Within (Minutes)',
			name: 'lookbackMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'Records modified this many minutes back from now are synced. Make it longer than the schedule interval so runs overlap.',
			displayOptions: { show: { operation: ['syncRecent'] } },
		},
		{
			displayName: 'Source',
			name: 'reconcileSource',
			type: 'options',
			options: [
				{ name: 'HubSpot (Sync to Zoho CRM)', value: 'hubspot' },
				{ name: 'Zoho CRM (Sync to HubSpot)', value: 'zoho' },
			],
			default: 'hubspot',
			description: 'The CRM whose records are synced to the other one',
			displayOptions: { show: { operation: ['reconcile'] } },
		},
		{
			displayName: 'Objects',
			name: 'reconcileObjects',
			type: 'multiOptions',
			options: [
				{ name: 'Contacts', value: 'contact' },
				{ name: 'Companies (Zoho Accounts)', value: 'company' },
			],
			default: ['company', 'contact'],
			description: 'Companies are reconciled first, so contacts can link to them',
			displayOptions: { show: { operation: ['reconcile'] } },
		},
		{
			displayName: 'Modified Since',
			name: 'modifiedSince',
			type: 'dateTime',
			default: '',
			description: 'Only records modified at or after this moment. Leave empty for every record.',
			displayOptions: { show: { operation: ['reconcile'] } },
		},
		{
			displayName: 'Output',
			name: 'reconcileOutput',
			type: 'options',
			options: [
				{ name: 'Summary per Object Type', value: 'summary', description: 'One item with the counts per object type; memory stays flat for any number of records' },
				{ name: 'One Item per Record', value: 'records', description: 'Every record\'s action, like Sync Records; the execution then holds an item per record' },
			],
			default: 'summary',
			description: 'Failures always go to the Failed output, one item each',
			displayOptions: { show: { operation: ['reconcile'] } },
		},
		{
			displayName: 'Renew When Expiring Within (Hours)',
			name: 'renewWithinHours',
			type: 'number',
			default: 48,
			displayOptions: { show: { operation: ['renewZohoChannels'] } },
		},
	];

const WRITES = '["sync", "syncRecent", "reconcile"].includes($parameter["operation"])';

/** Shown in the node's settings before it runs, where users most often go wrong (n8n evaluates displayCondition). */
export const syncHints: NodeHint[] = [
	{
		message:
			'No cross-reference fields set: records are matched by email (contacts) or by domain, then exact name (companies). Set <b>HubSpot Cross-Reference Property</b> and <b>Zoho Cross-Reference Field</b> under Options so renamed companies and changed emails keep their link.',
		type: 'info',
		location: 'ndv',
		whenToDisplay: 'beforeExecution',
		displayCondition: `={{ ${WRITES} && !$parameter["options"]?.hubspotXrefField && !$parameter["options"]?.zohoXrefField }}`,
	},
	{
		message: '<b>Write Cross-Reference IDs</b> writes each ID into the cross-reference field of the record it came from: with only one of the two fields set under Options, only that CRM gets IDs.',
		type: 'warning',
		location: 'ndv',
		whenToDisplay: 'beforeExecution',
		displayCondition: `={{ ${WRITES} && $parameter["options"]?.writeXref === true && (!$parameter["options"]?.hubspotXrefField || !$parameter["options"]?.zohoXrefField) }}`,
	},
];
