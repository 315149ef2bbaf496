// The node's description: credentials, the Operation selector, then each operation's and the shared parameters in
// the editor's order; the hints shown before a run.
import type { INodeCredentialDescription, INodeProperties, NodeHint } from 'n8n-workflow';
import { syncSettingsProperties } from './common.description';
import { description as reconcile } from './reconcile.operation';
import { description as renewChannels } from './renew-channels.operation';
import { description as syncRecent } from './sync-recent.operation';
import { description as sync } from './sync.operation';

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

const operation: INodeProperties = {
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
};

export const properties: INodeProperties[] = [operation, ...sync, ...syncSettingsProperties, ...syncRecent, ...reconcile, ...renewChannels];

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

