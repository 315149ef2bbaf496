import { ConfigError, CrmRecordError } from '../http';
import type { ZohoRequester } from './client-core';
import { toRecordError, type ZohoResultItem } from './record-errors';
import { formatZohoTime, parseZohoTime } from './time';
import type { ChannelInfo, WatchChannelInput, WatchChannelResult } from './types';

export const MAX_CHANNEL_EXPIRY_MS = 7 * 24 * 3600 * 1000; // one week from API v4 on (docs/crm-api-notes.md §2.7)
const EVENT = /^(Contacts|Accounts)\.(create|edit|delete|all)$/;

function expiryMs(expiry: number | string | undefined, now: number): number {
	// Default: the longest allowed, less a minute of clock-skew margin.
	if (expiry === undefined) return now + MAX_CHANNEL_EXPIRY_MS - 60_000;
	const ms = typeof expiry === 'number' ? expiry : parseZohoTime(expiry);
	if (ms <= now) throw new ConfigError('Channel expiry must be in the future', 'expiry');
	if (ms > now + MAX_CHANNEL_EXPIRY_MS) throw new ConfigError('Channel expiry may be at most one week ahead', 'expiry');
	return ms;
}

function watchItem(input: WatchChannelInput, now: number): Record<string, unknown> {
	if (!/^\d{1,18}$/.test(input.channelId)) throw new ConfigError('channelId must be a number (a long) of at most 18 digits', 'channelId');
	if (!input.events.length || input.events.some((e) => !EVENT.test(e))) throw new ConfigError('events must be {Contacts|Accounts}.{create|edit|delete|all}', 'events');
	if (input.token !== undefined && input.token.length > 50) throw new ConfigError('The channel token may be at most 50 characters', 'token');
	if (!/^https?:\/\//i.test(input.notifyUrl)) throw new ConfigError('notifyUrl must be an http(s) URL', 'notifyUrl');
	const item: Record<string, unknown> = {
		channel_id: input.channelId,
		events: input.events,
		// ISO without milliseconds, as Zoho requires.
		channel_expiry: formatZohoTime(expiryMs(input.expiry, now)),
		notify_url: input.notifyUrl,
		notify_on_related_action: input.notifyOnRelatedAction ?? false,
	};
	if (input.token !== undefined) item.token = input.token;
	if (input.returnAffectedFieldValues !== undefined) item.return_affected_field_values = input.returnAffectedFieldValues;
	return item;
}

interface WatchAnswer {
	watch?: Array<ZohoResultItem & { details?: { events?: Array<Record<string, unknown>> } }>;
}

/** A channel_expiry as Zoho reports it, as epoch ms; 0 when absent or unreadable (then treated as due for renewal). */
function reportedExpiryMs(expiry: string): number {
	try {
		return expiry ? parseZohoTime(expiry) : 0;
	} catch {
		return 0;
	}
}

function readWatchResult(body: WatchAnswer | undefined, channelId: string): WatchChannelResult {
	const item = body?.watch?.[0];
	if (!item || item.status !== 'success') {
		const error: CrmRecordError = toRecordError(item ?? { code: 'NO_RESULT' }, 0, channelId);
		throw error;
	}
	const events = item.details?.events ?? [];
	const expiry = String(events[0]?.channel_expiry ?? '');
	const expiresAt = reportedExpiryMs(expiry);
	return {
		channelId,
		channelExpiry: expiry,
		expiresAt,
		resources: events.map((e) => ({ resourceName: String(e.resource_name ?? ''), resourceUri: String(e.resource_uri ?? ''), resourceId: String(e.resource_id ?? '') })),
	};
}

async function sendWatch(http: ZohoRequester, method: 'POST' | 'PATCH' | 'PUT', item: Record<string, unknown>): Promise<WatchChannelResult> {
	// A 400 carries the per-item reason (INVALID_DATA token/expiry…): read it rather than throwing a bare HttpError.
	const { response } = await http.call<WatchAnswer>(method, '/actions/watch', {
		body: { watch: [item] },
		headers: { 'content-type': 'application/json' },
		accept: [400],
	});
	if (response.statusCode === 400 && !Array.isArray(response.body?.watch)) {
		throw toRecordError(response.body as ZohoResultItem, 0, String(item.channel_id));
	}
	return readWatchResult(response.body, String(item.channel_id));
}

/** Enables a channel: POST /actions/watch. */
export async function watchChannel(http: ZohoRequester, input: WatchChannelInput): Promise<WatchChannelResult> {
	return sendWatch(http, 'POST', watchItem(input, http.now()));
}

/** Renews (extends) a channel: PATCH with the same channel_id and events and a new channel_expiry. */
export async function renewChannel(http: ZohoRequester, input: WatchChannelInput): Promise<WatchChannelResult> {
	return sendWatch(http, 'PATCH', watchItem(input, http.now()));
}

/** DELETE /actions/watch?channel_ids=1,2. */
export async function disableChannels(http: ZohoRequester, channelIds: string[]): Promise<void> {
	if (!channelIds.length) return;
	await http.call('DELETE', '/actions/watch', { qs: { channel_ids: channelIds.join(',') } });
}

/** GET /actions/watch: one entry per channel and module; 204 gives []. */
export async function listChannels(http: ZohoRequester): Promise<ChannelInfo[]> {
	const { response } = await http.call<{ watch?: Array<Record<string, unknown>> }>('GET', '/actions/watch');
	if (response.statusCode === 204) return [];
	return (response.body?.watch ?? []).map((w) => {
		const expiry = String(w.channel_expiry ?? '');
		const expiresAt = reportedExpiryMs(expiry);
		return {
			channelId: String(w.channel_id ?? ''),
			events: Array.isArray(w.events) ? w.events.map(String) : [],
			notifyUrl: String(w.notify_url ?? ''),
			channelExpiry: expiry,
			expiresAt,
			resourceName: String(w.resource_name ?? ''),
		};
	});
}
