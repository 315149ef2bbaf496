import type { INodeProperties } from 'n8n-workflow';
import { triggerOptions } from '../shared/trigger';

export const ZOHO_SECRET_HEADER = 'x-zoho-webhook-secret';

export const zohoTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Notification API (Automatic)', value: 'notificationApi', description: 'Registers a channel on activation, renews it, disables it on deactivation' },
			{ name: 'Workflow Rule Webhook (Manual)', value: 'workflowRule', description: 'You create a Zoho workflow rule whose webhook calls this URL with a shared secret' },
		],
		default: 'notificationApi',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Account Created', value: 'Accounts.create' },
			{ name: 'Account Deleted', value: 'Accounts.delete' },
			{ name: 'Account Edited', value: 'Accounts.edit' },
			{ name: 'Contact Created', value: 'Contacts.create' },
			{ name: 'Contact Deleted', value: 'Contacts.delete' },
			{ name: 'Contact Edited', value: 'Contacts.edit' },
		],
		default: ['Contacts.create', 'Contacts.edit', 'Accounts.create', 'Accounts.edit'],
		required: true,
		displayOptions: { show: { mode: ['notificationApi'] } },
	},
	{
		displayName:
			"Zoho channels last at most a week. The trigger renews its channel when the workflow is activated; to keep it alive, schedule the Sync node's Renew Zoho Notification Channels operation (every 12 hours, as in the Zoho-to-HubSpot template). Notifications are answered without calling Zoho.",
		name: 'renewalNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['notificationApi'] } },
	},
	{
		displayName: 'Shared Secret',
		name: 'sharedSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { mode: ['workflowRule'] } },
		description: 'A long random string. Zoho must send it in the X-Zoho-Webhook-Secret header (or, if headers are not possible, a "secret" URL parameter).',
	},
	{
		displayName:
			'In Zoho CRM: Setup > Automation > Actions > Webhooks. URL: this node\'s Production URL; method POST; header X-Zoho-Webhook-Secret = the shared secret; body (JSON or parameters): module = Contacts or Accounts, the record ID under the key named ID in lower case, optional operation. Then use the webhook in a workflow rule.',
		name: 'workflowRuleNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['workflowRule'] } },
	},
	triggerOptions([], "The URL Zoho must call, when a proxy or tunnel fronts n8n. Registered as the channel's notify_url instead of n8n's own URL."),
];
