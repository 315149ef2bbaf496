// Keeps Zoho notification channels alive with no traffic: a webhook trigger cannot schedule itself (n8n gives
// webhook nodes no timer), so a Schedule Trigger runs this operation. PATCH without a token keeps the channel's
// token (docs/crm-api-notes.md §2.7 "Renew / extend"), so the trigger's stored token stays valid.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { channelExpiryFrom } from '../../lib/zoho/notification-events';
import type { WatchEvent } from '../../lib/zoho';
import { redactSecrets } from '../shared/errors';
import { createZohoClient } from './clients';

export async function executeRenewChannels(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
