// Operation "Renew Zoho Notification Channels": keeps Zoho notification channels alive with no traffic. A webhook
// trigger cannot schedule itself (n8n gives webhook nodes no timer), so a Schedule Trigger runs this operation. PATCH
// without a token keeps the channel's token (docs/crm-api-notes.md §2.7 "Renew / extend"), so the trigger's stored
// token stays valid.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { channelExpiryFrom } from '../../../lib/zoho/notification-events';
import type { WatchEvent } from '../../../lib/zoho';
import { createZohoClient } from '../../shared/crm-clients';
import { redactSecrets } from '../../shared/errors';

export const description: INodeProperties[] = [
	{
		displayName: 'Renew When Expiring Within (Hours)',
		name: 'renewWithinHours',
		type: 'number',
		default: 48,
		displayOptions: { show: { operation: ['renewZohoChannels'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const withinMs = Math.max(0, Number(this.getNodeParameter('renewWithinHours', 0, 48))) * 3_600_000;
	const zoho = await createZohoClient(this);
	const nowMs = Date.now();
	const channels = await zoho.listChannels();
	const renewed: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	for (const channel of channels) {
		const due = channel.expiresAt - nowMs <= withinMs;
		if (!due) {
			renewed.push({ json: { channelId: channel.channelId, events: channel.events, notifyUrl: channel.notifyUrl, renewed: false, expiresAt: channel.channelExpiry }, pairedItem: { item: 0 } });
			continue;
		}
		try {
			const result = await zoho.renewChannel({
				channelId: channel.channelId,
				events: channel.events as WatchEvent[],
				notifyUrl: channel.notifyUrl,
				expiry: channelExpiryFrom(nowMs),
			});
			renewed.push({ json: { channelId: channel.channelId, events: channel.events, notifyUrl: channel.notifyUrl, renewed: true, expiresAt: result.channelExpiry }, pairedItem: { item: 0 } });
		} catch (error) {
			failed.push({
				json: { operation: 'renewChannel', recordId: channel.channelId, error: redactSecrets((error as Error).message ?? String(error)), code: 'RENEW_FAILED', retriable: true },
				pairedItem: { item: 0 },
			});
		}
	}
	return [renewed, failed];
}
