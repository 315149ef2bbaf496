import type { INodeProperties } from 'n8n-workflow';
import { triggerOptions } from '../shared/trigger';

export const HUBSPOT_TRIGGER_EVENTS = [
	{ name: 'Contact Created', value: 'contact.creation' },
	{ name: 'Company Created', value: 'company.creation' },
	{ name: 'Contact Property Changed', value: 'contact.propertyChange' },
	{ name: 'Company Property Changed', value: 'company.propertyChange' },
	{ name: 'Contact Deleted', value: 'contact.deletion' },
	{ name: 'Company Deleted', value: 'company.deletion' },
];

export const hubspotTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Private App', value: 'hubspotSyncPrivateAppApi' },
			{ name: 'OAuth2 (Public App)', value: 'hubspotSyncOAuth2Api' },
		],
		default: 'hubspotSyncPrivateAppApi',
		description: "Whose client secret signs the webhooks: the credential's Client Secret must be the app's",
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: HUBSPOT_TRIGGER_EVENTS,
		default: ['contact.creation', 'company.creation'],
		required: true,
		description: 'Which HubSpot events start the workflow. Other events HubSpot sends are answered 200 and ignored.',
	},
	{
		displayName: 'Properties',
		name: 'properties',
		type: 'string',
		default: '',
		placeholder: 'email, phone, lifecyclestage',
		description: 'Comma-separated property names for the "Property Changed" events (HubSpot subscribes one property at a time; hs_lastmodifieddate is not allowed). Empty = every property HubSpot sends.',
	},
	{
		displayName: 'Subscription Management',
		name: 'subscriptionManagement',
		type: 'options',
		options: [
			{ name: 'Manual (Paste the URL in the App Settings)', value: 'manual' },
			{ name: 'Automatic (Developer API Key)', value: 'automatic' },
		],
		default: 'manual',
	},
	{
		displayName:
			"Copy this node's Production URL (Webhook URLs, above) into your HubSpot app: Webhooks > Target URL, and create the subscriptions there. HubSpot allows one target URL per app. Private apps can only be set up this way.",
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { subscriptionManagement: ['manual'] } },
	},
	{
		displayName: 'App ID',
		name: 'appId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { subscriptionManagement: ['automatic'] } },
		description: 'The public app ID (developer account > Apps)',
	},
	{
		displayName: 'Developer API Key',
		name: 'developerApiKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { subscriptionManagement: ['automatic'] } },
		description: 'From the developer account (Apps > Get HubSpot API key). Used only to set the target URL and subscriptions on activation.',
	},
	triggerOptions(
		[
			{
				displayName: 'Accept Legacy Signatures V1 and V2 (No Replay Protection)',
				name: 'acceptLegacySignatures',
				type: 'boolean',
				default: false,
				description:
					"Whether to also accept requests signed only with HubSpot's old v1/v2 signatures, which carry no timestamp (v1 not even the URL). Gives up replay protection: anyone who once saw such a request can re-send it at any time, also to other triggers using the same client secret. Off: only v3 signatures with a fresh timestamp are accepted (every app webhook carries one); turn on only for senders that cannot sign v3, such as workflow webhook actions.",
			},
			{
				displayName: 'Dedupe Window Size',
				name: 'dedupeWindow',
				type: 'number',
				typeOptions: { minValue: 100 },
				default: 5000,
				description: 'How many recent event keys are remembered to drop repeated deliveries',
			},
			{
				displayName: 'Drop Own Changes',
				name: 'dropOwnChanges',
				type: 'boolean',
				default: false,
				description: 'Whether to drop events caused by our own integration (changeSource INTEGRATION/API with a matching source ID), to stop sync loops',
			},
			{
				displayName: 'Max Signature Age (Minutes)',
				name: 'maxAgeMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 60 },
				default: 5,
				description: 'Signed requests older than this are rejected as replays (HubSpot recommends 5)',
			},
			{
				displayName: 'Own App ID',
				name: 'ownAppId',
				type: 'string',
				default: '',
				description: 'App ID whose writes are ours (for Drop Own Changes)',
			},
			{
				displayName: 'Own Source IDs',
				name: 'ownSourceIds',
				type: 'string',
				default: '',
				placeholder: 'userId:45678',
				description: 'Comma-separated event sourceId values to treat as ours (for Drop Own Changes)',
			},
		],
		"The exact URL HubSpot calls, when a proxy or tunnel changes it. Signatures are checked against it (and it is registered in automatic mode) instead of n8n's own URL.",
		'https://hooks.example.com/webhook/…/webhook',
	),
];
