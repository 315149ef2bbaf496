// HubSpot webhook batches (docs/crm-api-notes.md §1.3): parse, normalise, filter, dedupe, drop our own writes. Pure.
import { DEFAULT_SEEN_CAP, filterUnseen, type SeenState } from '../webhooks/seen-set';

export const MAX_EVENTS_PER_DELIVERY = 100;

export type HubspotWebhookObjectType = 'contact' | 'company';

/** One event as the workflow sees it. Ids are strings (int64 on HubSpot's side). */
export interface HubspotWebhookEvent {
	system: 'hubspot';
	objectType: HubspotWebhookObjectType;
	objectId: string;
	/** creation | propertyChange | deletion | merge | associationChange | restore | privacyDeletion */
	eventType: string;
	/** As sent: `contact.creation`, or `object.creation` for generic subscriptions. */
	subscriptionType: string;
	occurredAt: string;
	eventId: string;
	portalId: string;
	appId: string;
	subscriptionId: string;
	changeSource: string;
	sourceId: string;
	propertyName: string;
	propertyValue: string;
	attemptNumber: number;
}

export type ParseFailure = 'invalid-json' | 'not-array' | 'too-many-events';
export type ParseResult = { ok: true; events: Record<string, unknown>[] } | { ok: false; reason: ParseFailure };

// Quote long integers before JSON.parse so ids above 2^53 keep every digit. Only key positions match:
// inside a JSON string the quotes around a key would be escaped.
const BIG_ID = /("(?:objectId|eventId|portalId|appId|subscriptionId|primaryObjectId|newObjectId|fromObjectId|toObjectId)"\s*:\s*)(-?\d{16,})/g;

export function parseHubspotWebhookBody(raw: Buffer | string): ParseResult {
	const text = typeof raw === 'string' ? raw : raw.toString('utf8');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text.replace(BIG_ID, '$1"$2"'));
	} catch {
		return { ok: false, reason: 'invalid-json' };
	}
	if (!Array.isArray(parsed)) return { ok: false, reason: 'not-array' };
	if (parsed.length > MAX_EVENTS_PER_DELIVERY) return { ok: false, reason: 'too-many-events' };
	return { ok: true, events: parsed.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && !Array.isArray(e)) };
}

const GENERIC_OBJECT_TYPES: Record<string, HubspotWebhookObjectType> = { '0-1': 'contact', '0-2': 'company' };

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : '');

/** Returns undefined for events of other objects (deals, tickets, custom objects) or without a type. */
export function normaliseHubspotEvent(e: Record<string, unknown>): HubspotWebhookEvent | undefined {
	// The docs' table says eventType, real payloads say subscriptionType (docs/crm-api-notes.md §1.3).
	const subscriptionType = str(e.subscriptionType) || str(e.eventType);
	const dot = subscriptionType.indexOf('.');
	if (dot <= 0) return undefined;
	const prefix = subscriptionType.slice(0, dot);
	const eventType = subscriptionType.slice(dot + 1);
	const objectType: HubspotWebhookObjectType | undefined =
		prefix === 'object' ? GENERIC_OBJECT_TYPES[str(e.objectTypeId)] : prefix === 'contact' || prefix === 'company' ? prefix : undefined;
	if (!objectType || !eventType) return undefined;
	const occurred = Number(e.occurredAt);
	return {
		system: 'hubspot',
		objectType,
		objectId: str(e.objectId),
		eventType,
		subscriptionType,
		occurredAt: Number.isFinite(occurred) ? new Date(occurred).toISOString() : '',
		eventId: str(e.eventId),
		portalId: str(e.portalId),
		appId: str(e.appId),
		subscriptionId: str(e.subscriptionId),
		changeSource: str(e.changeSource),
		sourceId: str(e.sourceId),
		propertyName: str(e.propertyName),
		propertyValue: str(e.propertyValue),
		attemptNumber: Number(e.attemptNumber) || 0,
	};
}

/** The dedupe key: (portalId, subscriptionType, objectId, eventId, occurredAt, propertyName); eventId alone is not unique. */
export function hubspotEventKey(e: HubspotWebhookEvent): string {
	return [e.portalId, e.subscriptionType, e.objectId, e.eventId, e.occurredAt, e.propertyName].join('|');
}

export interface OwnChangeFilter {
	/** Our integration's HubSpot app id: INTEGRATION/API changes whose sourceId names it are ours. */
	ownAppId?: string;
	/** Extra sourceId values to treat as ours (exact match, e.g. `userId:45678`). */
	ownSourceIds?: string[];
}

const OWN_SOURCES = new Set(['INTEGRATION', 'API']);

export function isOwnChange(e: HubspotWebhookEvent, filter: OwnChangeFilter): boolean {
	if (!e.sourceId) return false;
	if (filter.ownSourceIds?.includes(e.sourceId)) return true;
	const app = filter.ownAppId?.trim();
	if (!app || !OWN_SOURCES.has(e.changeSource.toUpperCase())) return false;
	// sourceId is the bare app id or prefixed (`appId:123`), depending on the source.
	return e.sourceId === app || e.sourceId.endsWith(`:${app}`);
}

export interface DeliveryOptions extends OwnChangeFilter {
	/** Wanted `<objectType>.<eventType>` values, e.g. contact.creation. Empty = every contact/company event. */
	events: string[];
	/** For property changes: only these properties. Empty = all. */
	properties?: string[];
	dropOwnChanges?: boolean;
	/** The cross-delivery seen record (lives in workflow static data); omitted = dedupe inside the batch only. */
	seen?: SeenState;
	seenCap?: number;
}

export interface DeliveryStats {
	received: number;
	ignored: number;
	filtered: number;
	ownChanges: number;
	duplicates: number;
	emitted: number;
}

export function selectHubspotEvents(raw: Record<string, unknown>[], options: DeliveryOptions): { events: HubspotWebhookEvent[]; stats: DeliveryStats } {
	const stats: DeliveryStats = { received: raw.length, ignored: 0, filtered: 0, ownChanges: 0, duplicates: 0, emitted: 0 };
	const wanted = new Set(options.events);
	const properties = new Set((options.properties ?? []).map((p) => p.trim()).filter(Boolean));
	const kept: HubspotWebhookEvent[] = [];
	for (const item of raw) {
		const e = normaliseHubspotEvent(item);
		if (!e) {
			stats.ignored++;
			continue;
		}
		const selected = wanted.size === 0 || wanted.has(`${e.objectType}.${e.eventType}`);
		const propertyOk = e.eventType !== 'propertyChange' || properties.size === 0 || properties.has(e.propertyName);
		if (!selected || !propertyOk) {
			stats.filtered++;
			continue;
		}
		if (options.dropOwnChanges && isOwnChange(e, options)) {
			stats.ownChanges++;
			continue;
		}
		kept.push(e);
	}
	const { fresh, duplicates } = filterUnseen(options.seen ?? { keys: [] }, kept, hubspotEventKey, options.seenCap ?? DEFAULT_SEEN_CAP);
	stats.duplicates = duplicates.length;
	stats.emitted = fresh.length;
	return { events: fresh, stats };
}
