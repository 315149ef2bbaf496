// The parameters every sync operation (Sync Records, Sync Recent Changes, Reconcile All Records) shares, in the
// order the editor shows them; read once per run by ../run-settings.ts.
import type { INodeProperties } from 'n8n-workflow';
import { mappingProperties } from './mappings.description';
import { scopeProperties } from './scope.description';

const HUBSPOT_AUTH = ['hubspotSyncPrivateAppApi', 'hubspotSyncOAuth2Api'];

const authAndRulesProperties: INodeProperties[] = [
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
];

const optionsProperties: INodeProperties[] = [
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
];

/** In the editor's order: authentication, the two rules, mappings, scope, options. */
export const syncSettingsProperties: INodeProperties[] = [...authAndRulesProperties, ...mappingProperties, ...scopeProperties, ...optionsProperties];
