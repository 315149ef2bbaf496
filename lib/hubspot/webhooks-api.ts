// HubSpot Webhooks API for public apps (docs/crm-api-notes.md §1.5): target URL settings and subscriptions, authenticated by a
// developer API key in the `hapikey` query parameter. The key never appears in errors: URLs are reported without query.
import { ConfigError, HttpError } from '../http/errors';
import { DEFAULT_RETRY, sendWithRetry } from '../http/retry';
import type { HttpMethod, HttpRequest, Now, Sleep, Transport } from '../http/types';
import { errorDetail } from './errors';

export interface WebhooksApiOptions {
	/** A plain (unauthenticated) transport: the developer API key is the only credential. */
	transport: Transport;
	appId: string;
	developerApiKey: string;
	baseUrl?: string;
	sleep: Sleep;
	now: Now;
}

export interface WebhookSettings {
	targetUrl: string;
	throttling?: { maxConcurrentRequests: number; period: string };
}

export interface WebhookSubscription {
	id: string;
	eventType: string;
	propertyName?: string;
	active: boolean;
}

export interface DesiredSubscription {
	eventType: string;
	propertyName?: string;
}

export interface HubspotWebhooksApi {
	getSettings(): Promise<WebhookSettings | undefined>;
	putSettings(targetUrl: string, maxConcurrentRequests?: number): Promise<WebhookSettings>;
	deleteSettings(): Promise<void>;
	listSubscriptions(): Promise<WebhookSubscription[]>;
	createSubscription(s: DesiredSubscription): Promise<WebhookSubscription>;
	activateSubscription(id: string): Promise<void>;
	deleteSubscription(id: string): Promise<void>;
}

export function createHubspotWebhooksApi(options: WebhooksApiOptions): HubspotWebhooksApi {
	const appId = String(options.appId ?? '').trim();
	if (!/^\d+$/.test(appId)) throw new ConfigError('HubSpot app ID must be a number (Developer account > Apps > your app)', 'appId');
	if (!options.developerApiKey) throw new ConfigError('A HubSpot developer API key is needed to manage subscriptions automatically', 'developerApiKey');
	const base = `${(options.baseUrl ?? 'https://api.hubapi.com').replace(/\/+$/, '')}/webhooks/v3/${appId}`;
	const retry = { ...DEFAULT_RETRY, sleep: options.sleep, now: options.now };

	async function call<T>(method: HttpMethod, path: string, body?: unknown, allow: number[] = []): Promise<{ status: number; body: T }> {
		const url = `${base}${path}`;
		const request: HttpRequest = { method, url, qs: { hapikey: options.developerApiKey }, body };
		if (body !== undefined) request.headers = { 'content-type': 'application/json' };
		const response = await sendWithRetry(options.transport, request, retry);
		const ok = response.statusCode >= 200 && response.statusCode < 300;
		if (!ok && !allow.includes(response.statusCode)) {
			// url carries no query string, so the key cannot leak through the message or the error's fields.
			throw new HttpError(response.statusCode, method, url, undefined, undefined, errorDetail(response.body));
		}
		return { status: response.statusCode, body: response.body as T };
	}

	const view = (s: Record<string, unknown>): WebhookSubscription => ({
		id: String(s.id),
		eventType: String(s.eventType),
		...(s.propertyName ? { propertyName: String(s.propertyName) } : {}),
		active: s.active === true,
	});

	return {
		async getSettings() {
			const r = await call<WebhookSettings>('GET', '/settings', undefined, [404]);
			return r.status === 404 ? undefined : r.body;
		},
		async putSettings(targetUrl, maxConcurrentRequests = 10) {
			const r = await call<WebhookSettings>('PUT', '/settings', { targetUrl, throttling: { maxConcurrentRequests, period: 'SECONDLY' } });
			return r.body;
		},
		async deleteSettings() {
			await call('DELETE', '/settings', undefined, [404]);
		},
		async listSubscriptions() {
			const r = await call<{ results?: Array<Record<string, unknown>> }>('GET', '/subscriptions');
			return (r.body?.results ?? []).map(view);
		},
		async createSubscription(s) {
			// Subscriptions are created paused unless active:true (docs/crm-api-notes.md §1.5).
			const r = await call<Record<string, unknown>>('POST', '/subscriptions', { ...s, active: true });
			return view(r.body);
		},
		async activateSubscription(id) {
			await call('PATCH', `/subscriptions/${encodeURIComponent(id)}`, { active: true });
		},
		async deleteSubscription(id) {
			await call('DELETE', `/subscriptions/${encodeURIComponent(id)}`, undefined, [404]);
		},
	};
}

/** One subscription per event type, and one per watched property for property changes (HubSpot has no wildcard). */
export function desiredSubscriptions(events: string[], properties: string[]): DesiredSubscription[] {
	const props = [...new Set(properties.map((p) => p.trim()).filter(Boolean))];
	const out: DesiredSubscription[] = [];
	for (const eventType of [...new Set(events)]) {
		if (!eventType.endsWith('.propertyChange')) {
			out.push({ eventType });
			continue;
		}
		if (props.length === 0) {
			throw new ConfigError(`"${eventType}" needs at least one property in "Properties": HubSpot subscribes per property`, 'properties');
		}
		for (const propertyName of props) out.push({ eventType, propertyName });
	}
	return out;
}

const subKey = (s: DesiredSubscription) => `${s.eventType}|${s.propertyName ?? ''}`;

export interface SubscriptionDiff {
	missing: DesiredSubscription[];
	inactive: WebhookSubscription[];
}

export function diffSubscriptions(desired: DesiredSubscription[], existing: WebhookSubscription[]): SubscriptionDiff {
	const byKey = new Map(existing.map((s) => [subKey(s), s]));
	const missing: DesiredSubscription[] = [];
	const inactive: WebhookSubscription[] = [];
	for (const d of desired) {
		const found = byKey.get(subKey(d));
		if (!found) missing.push(d);
		else if (!found.active) inactive.push(found);
	}
	return { missing, inactive };
}

/** Points the app at `targetUrl` and creates/activates the subscriptions it lacks. Returns the ids it created. */
export async function registerHubspotWebhooks(api: HubspotWebhooksApi, targetUrl: string, desired: DesiredSubscription[]): Promise<string[]> {
	await api.putSettings(targetUrl);
	const { missing, inactive } = diffSubscriptions(desired, await api.listSubscriptions());
	for (const s of inactive) await api.activateSubscription(s.id);
	const created: string[] = [];
	for (const s of missing) created.push((await api.createSubscription(s)).id);
	return created;
}

/** True when the app targets `targetUrl` and every desired subscription exists and is active. */
export async function hubspotWebhooksRegistered(api: HubspotWebhooksApi, targetUrl: string, desired: DesiredSubscription[]): Promise<boolean> {
	const settings = await api.getSettings();
	if (!settings || settings.targetUrl !== targetUrl) return false;
	const { missing, inactive } = diffSubscriptions(desired, await api.listSubscriptions());
	return missing.length === 0 && inactive.length === 0;
}

/**
 * Removes what this trigger created: its subscriptions, and the target URL only while it still points at us
 * (one target URL per app: another workflow may have taken it over).
 */
export async function unregisterHubspotWebhooks(api: HubspotWebhooksApi, targetUrl: string, createdIds: string[]): Promise<void> {
	for (const id of createdIds) await api.deleteSubscription(id);
	const settings = await api.getSettings();
	if (settings?.targetUrl === targetUrl) await api.deleteSettings();
}
