// Notification API channel lifecycle (https://www.zoho.com/crm/developer/docs/api/v8/notifications/enable.html)
// through the Zoho client; state lives in node static data.
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { ZohoClient } from '../../lib/zoho/client';
import type { WatchEvent } from '../../lib/zoho/types';
import { channelExpiryFrom, channelNeedsRenewal, newChannelId, newChannelToken, zohoWatchEvents, type ZohoChannelState } from '../../lib/zoho/notification-events';
import { createZohoClient } from '../shared/crm-clients';

type Context = IHookFunctions | IWebhookFunctions;

/**
 * Activation is retried by n8n itself (five attempts within 15 s) and gated in lifecycle.ts, so one
 * attempt retries a 5xx or network error once and a 429 not at all: the error reaches the user in seconds.
 */
const ACTIVATION_RETRY = { retries: 1, rateLimitRetries: 0 };

/** A plain client (its own limits, not a sync run's shared ones) built the one way the nodes build Zoho clients. */
async function zohoClient(ctx: Context): Promise<ZohoClient> {
	return await createZohoClient(ctx, { mode: 'plain', retry: ACTIVATION_RETRY });
}

export function notifyUrl(ctx: Context): string {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return String(options.publicWebhookUrl ?? '').trim() || (ctx.getNodeWebhookUrl('default') ?? '');
}

export function storedChannel(ctx: Context): ZohoChannelState | undefined {
	const c = (ctx.getWorkflowStaticData('node') as IDataObject).channel as ZohoChannelState | undefined;
	return c && c.channelId && c.token ? c : undefined;
}

function saveChannel(ctx: Context, channel: ZohoChannelState | undefined): void {
	const data = ctx.getWorkflowStaticData('node') as IDataObject;
	if (channel) data.channel = channel as unknown as IDataObject;
	else delete data.channel;
}

export async function openChannel(ctx: IHookFunctions): Promise<ZohoChannelState> {
	const events = zohoWatchEvents(ctx.getNodeParameter('events', []) as string[]);
	const channel: ZohoChannelState = { channelId: newChannelId(), token: newChannelToken(), expiresAt: '', events };
	const client = await zohoClient(ctx);
	const result = await client.watchChannel({
		channelId: channel.channelId,
		events: events as WatchEvent[],
		notifyUrl: notifyUrl(ctx),
		token: channel.token,
		expiry: channelExpiryFrom(Date.now()),
		notifyOnRelatedAction: false,
	});
	channel.expiresAt = new Date(result.expiresAt || Date.parse(channelExpiryFrom(Date.now()))).toISOString();
	saveChannel(ctx, channel);
	return channel;
}

/** PATCH the channel with a fresh one-week expiry; keeps id, token and events. */
export async function renewStoredChannel(ctx: Context, channel: ZohoChannelState): Promise<ZohoChannelState> {
	const client = await zohoClient(ctx);
	const result = await client.renewChannel({
		channelId: channel.channelId,
		events: (channel.events ?? []) as WatchEvent[],
		notifyUrl: notifyUrl(ctx),
		token: channel.token,
		expiry: channelExpiryFrom(Date.now()),
		notifyOnRelatedAction: false,
	});
	const renewed = { ...channel, expiresAt: new Date(result.expiresAt || Date.parse(channelExpiryFrom(Date.now()))).toISOString() };
	saveChannel(ctx, renewed);
	return renewed;
}

/** True when our channel is listed by Zoho (renewing it first when it expires within 24 h). */
export async function channelAlive(ctx: IHookFunctions): Promise<boolean> {
	const channel = storedChannel(ctx);
	if (!channel) return false;
	const client = await zohoClient(ctx);
	const listed = (await client.listChannels()).filter((c) => c.channelId === channel.channelId);
	if (listed.length === 0 || listed.some((c) => c.expiresAt && c.expiresAt <= Date.now())) {
		saveChannel(ctx, undefined);
		return false;
	}
	if (channelNeedsRenewal(channel.expiresAt, Date.now())) await renewStoredChannel(ctx, channel);
	return true;
}

export async function closeChannel(ctx: IHookFunctions): Promise<void> {
	const channel = storedChannel(ctx);
	if (!channel) return;
	const client = await zohoClient(ctx);
	await client.disableChannels([channel.channelId]);
	saveChannel(ctx, undefined);
}
