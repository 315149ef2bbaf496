// Zoho CRM Notification API callbacks (https://www.zoho.com/crm/developer/docs/api/v8/notifications/enable.html)
// and workflow-rule webhooks: authenticate, normalise, dedupe keys,
// and the channel arithmetic (ids, tokens, expiry, renewal). Pure apart from node:crypto's randomness.
import { randomBytes, randomInt } from 'node:crypto';
import { safeEqual } from '../webhooks/safe-compare';

export type ZohoTriggerModule = 'Contacts' | 'Accounts';
export type ZohoObjectType = 'contact' | 'company';

export const ZOHO_MODULE_OBJECT: Record<ZohoTriggerModule, ZohoObjectType> = { Contacts: 'contact', Accounts: 'company' };

export interface ZohoNotificationItem {
	system: 'zoho';
	module: string;
	objectType: ZohoObjectType;
	objectId: string;
	/** insert | update | delete (Zoho's words, not create/edit), or what a workflow rule sent. */
	operation: string;
	affectedFields: string[];
	/** ISO instant. */
	serverTime: string;
	/** '' for workflow-rule webhooks. */
	channelId: string;
}

export interface ZohoChannelState {
	channelId: string;
	token: string;
	/** ISO instant. */
	expiresAt: string;
	events?: string[];
}

export type ZohoAuthFailure = 'not-an-object' | 'missing-channel' | 'missing-token' | 'wrong-channel' | 'wrong-token' | 'no-channel-registered';
export type ZohoAuthCheck = { ok: true } | { ok: false; reason: ZohoAuthFailure };

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks channel_id and token in constant time. Call it before doing anything else with the body. */
export function verifyZohoNotification(body: unknown, expected: Pick<ZohoChannelState, 'channelId' | 'token'> | undefined): ZohoAuthCheck {
	if (!expected || !expected.channelId || !expected.token) return { ok: false, reason: 'no-channel-registered' };
	if (!isObject(body)) return { ok: false, reason: 'not-an-object' };
	const channelId = str(body.channel_id);
	const token = str(body.token);
	if (!channelId) return { ok: false, reason: 'missing-channel' };
	if (!token) return { ok: false, reason: 'missing-token' };
	// Evaluate both comparisons so timing does not tell which one failed.
	const channelOk = safeEqual(channelId, expected.channelId);
	const tokenOk = safeEqual(token, expected.token);
	if (!channelOk) return { ok: false, reason: 'wrong-channel' };
	if (!tokenOk) return { ok: false, reason: 'wrong-token' };
	return { ok: true };
}

/** Shared-secret check for workflow-rule webhooks (manual mode). */
export function verifyZohoSharedSecret(provided: string | undefined, expected: string): ZohoAuthCheck {
	if (!expected) return { ok: false, reason: 'no-channel-registered' };
	if (!provided) return { ok: false, reason: 'missing-token' };
	return safeEqual(provided, expected) ? { ok: true } : { ok: false, reason: 'wrong-token' };
}

const AUTH_TEXT: Record<ZohoAuthFailure, string> = {
	'not-an-object': 'the body is not a JSON object',
	'missing-channel': 'the notification carries no channel_id',
	'missing-token': 'the request carries no token or secret',
	'wrong-channel': 'the channel_id is not the one this trigger registered',
	'wrong-token': 'the token or secret does not match',
	'no-channel-registered': 'this trigger has no active channel or secret (re-activate the workflow)',
};

export function describeZohoAuthFailure(reason: ZohoAuthFailure): string {
	return `Rejected Zoho CRM notification: ${AUTH_TEXT[reason]}`;
}

function objectTypeOf(module: string): ZohoObjectType | undefined {
	return ZOHO_MODULE_OBJECT[module as ZohoTriggerModule];
}

const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : '');

/** Zoho sends affected_fields as [{ "<id>": ["Mobile"] }, …]. */
function affectedFieldsById(value: unknown): Map<string, string[]> {
	const out = new Map<string, string[]>();
	if (!Array.isArray(value)) return out;
	for (const entry of value) {
		if (!isObject(entry)) continue;
		for (const [id, fields] of Object.entries(entry)) {
			if (Array.isArray(fields)) out.set(id, fields.map(str).filter(Boolean));
		}
	}
	return out;
}

/** One item per id in a verified Notification API callback; modules other than Contacts/Accounts give none. */
export function normaliseZohoNotification(body: Record<string, unknown>, now: () => number): ZohoNotificationItem[] {
	const module = str(body.module);
	const objectType = objectTypeOf(module);
	if (!objectType || !Array.isArray(body.ids)) return [];
	const fields = affectedFieldsById(body.affected_fields);
	const serverTime = body.server_time !== undefined ? iso(Number(body.server_time)) : iso(now());
	const seen = new Set<string>();
	const items: ZohoNotificationItem[] = [];
	for (const raw of body.ids) {
		const objectId = str(raw);
		if (!objectId || seen.has(objectId)) continue;
		seen.add(objectId);
		items.push({
			system: 'zoho', module, objectType, objectId, operation: str(body.operation),
			affectedFields: fields.get(objectId) ?? [], serverTime, channelId: str(body.channel_id),
		});
	}
	return items;
}

/**
 * The dedupe key of one record of a notification: channel, module, operation, record id and Zoho's server_time.
 * Zoho signs nothing, so this only drops exact repeats (a retry, or a captured notification re-sent); a new body
 * with the channel token is still accepted.
 */
export function zohoNotificationKey(item: ZohoNotificationItem): string {
	return [item.channelId, item.module, item.operation, item.objectId, item.serverTime].join('|');
}

/**
 * Workflow-rule webhooks carry what the user configured. Documented shape (JSON body or query parameters):
 * `module` (Contacts|Accounts), `id` or `ids` (one id or a comma-separated list), optional `operation`.
 */
export function normaliseZohoWorkflowRuleCall(input: Record<string, unknown>, now: () => number): ZohoNotificationItem[] {
	const module = str(input.module);
	const objectType = objectTypeOf(module);
	if (!objectType) return [];
	const ids = Array.isArray(input.ids) ? input.ids.map(str) : str(input.ids ?? input.id).split(',');
	const unique = [...new Set(ids.map((s) => s.trim()).filter(Boolean))];
	return unique.map((objectId) => ({
		system: 'zoho', module, objectType, objectId, operation: str(input.operation) || 'workflowRule',
		affectedFields: [], serverTime: iso(now()), channelId: '',
	}));
}

// ---- channel arithmetic

export const ZOHO_MAX_CHANNEL_LIFETIME_MS = 7 * 24 * 3600_000;
export const ZOHO_RENEW_WITHIN_MS = 24 * 3600_000;
const EXPIRY_MARGIN_MS = 3600_000;
const MAX_CHANNEL_ID = 2 ** 48;

/** A random channel id below 2^48 as a string of digits (Pipedream does the same). */
export function newChannelId(random: (max: number) => number = (max) => randomInt(1, max)): string {
	return String(Math.max(1, Math.floor(random(MAX_CHANNEL_ID))));
}

/** 43 URL-safe characters (256 random bits), inside Zoho's 50-character token limit. */
export function newChannelToken(): string {
	return randomBytes(32).toString('base64url');
}

/** ISO without milliseconds, which Zoho requires for channel_expiry. */
export function toZohoExpiry(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** The longest allowed expiry (one week) minus a safety margin. */
export function channelExpiryFrom(nowMs: number): string {
	return toZohoExpiry(nowMs + ZOHO_MAX_CHANNEL_LIFETIME_MS - EXPIRY_MARGIN_MS);
}

/** True when the channel is unknown, unparsable, expired or expires within `withinMs` (default 24 h). */
export function channelNeedsRenewal(expiresAt: string | undefined, nowMs: number, withinMs = ZOHO_RENEW_WITHIN_MS): boolean {
	if (!expiresAt) return true;
	const at = Date.parse(expiresAt);
	if (!Number.isFinite(at)) return true;
	return at - nowMs <= withinMs;
}

/** Event names for the watch call, e.g. Contacts.create; keeps only the modules and operations the trigger offers. */
export function zohoWatchEvents(selected: string[]): string[] {
	const allowed = /^(Contacts|Accounts)\.(create|edit|delete)$/;
	return [...new Set(selected.filter((e) => allowed.test(e)))];
}
