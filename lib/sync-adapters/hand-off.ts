// The trigger -> Sync hand-off: what an item emitted by the HubSpot trigger (lib/hubspot/webhook-events.ts) or the
// Zoho trigger (lib/zoho/notification-events.ts) asks the Sync node to do, read once into a typed request. Items from
// anywhere else (a Set node, a Code node) work too when the node's Direction and Object are set explicitly.
import type { Direction, ObjectKind } from '../sync';

/** One input item read as a sync request. */
export interface HandOff {
	direction: Direction;
	objectKind: ObjectKind;
	recordId: string;
	/** The event says the contact's company relation did not change (see linkUnchangedOf). */
	linkUnchanged: boolean;
	/** The email the event says this contact now has (see emailHintOf). */
	emailHint?: string;
	/** Contacts: the event is the record's creation (HubSpot `contact.creation`). */
	created?: boolean;
}

/** What the node's parameters say: a fixed direction / object, or 'fromEvent' to take them from the item. */
export interface HandOffChoice {
	direction: string;
	objectKind: string;
	/** The Record ID parameter's value for this item, as evaluated (only a string or a number is one id). */
	recordId: unknown;
}

export type HandOffResult =
	| { ok: true; request: HandOff }
	/** direction / objectKind are given when known, so the failure item can name them. */
	| { ok: false; problem: string; recordId: string; direction?: Direction; objectKind?: ObjectKind };

const DIRECTIONS: Record<string, Direction> = { hubspotToZoho: 'hubspotToZoho', zohoToHubspot: 'zohoToHubspot', hubspot: 'hubspotToZoho', zoho: 'zohoToHubspot' };
const KINDS: Record<string, ObjectKind> = { contact: 'contact', contacts: 'contact', company: 'company', companies: 'company', account: 'company', accounts: 'company' };
/** The Zoho lookup field that holds a contact's company (Contacts.Account_Name). */
const ZOHO_COMPANY_LINK_FIELD = 'Account_Name';

const text = (v: unknown): string => String(v ?? '');

/** The direction: the parameter, or with 'fromEvent' the item's `system` (hubspot -> Zoho, zoho -> HubSpot). */
export function directionOf(choice: string, item: Record<string, unknown>): Direction | undefined {
	return DIRECTIONS[choice === 'fromEvent' ? text(item.system) : choice];
}

/** The object kind: the parameter, or with 'fromEvent' the item's `objectType` (or Zoho's `module`: Contacts, Accounts). */
export function objectKindOf(choice: string, item: Record<string, unknown>): ObjectKind | undefined {
	return KINDS[choice === 'fromEvent' ? text(item.objectType ?? item.module).toLowerCase() : choice];
}

/**
 * True when a trigger item says the contact's company relation did not change: a Zoho edit whose affected fields
 * (when Zoho lists them) leave Account_Name alone, or a HubSpot property change (association changes are other
 * events). The link check then runs only if the contact is created. Anything else is checked as before.
 */
export function linkUnchangedOf(item: Record<string, unknown>): boolean {
	if (item.system === 'zoho') {
		const fields = Array.isArray(item.affectedFields) ? item.affectedFields.map(String) : [];
		return (item.operation === 'update' || item.operation === 'edit') && fields.length > 0 && !fields.includes(ZOHO_COMPANY_LINK_FIELD);
	}
	if (item.system === 'hubspot') return item.eventType === 'propertyChange' && typeof item.propertyName === 'string' && item.propertyName !== '';
	return false;
}

/**
 * The new email a HubSpot property-change event of this very contact carries (propertyName "email"), or undefined. Only a
 * hint: the Sync node looks targets up by it beside the read, and matches by what it reads (lib/sync/find-candidates.ts).
 */
export function emailHintOf(item: Record<string, unknown>, objectKind: ObjectKind, recordId: string): string | undefined {
	if (!hubspotContactEvent(item, objectKind, recordId, 'propertyChange') || item.propertyName !== 'email') return undefined;
	return typeof item.propertyValue === 'string' && item.propertyValue.trim() !== '' ? item.propertyValue : undefined;
}

/** A HubSpot event of `eventType` about the very contact the Record ID names (not another record's event). */
function hubspotContactEvent(item: Record<string, unknown>, objectKind: ObjectKind, recordId: string, eventType: string): boolean {
	return objectKind === 'contact' && item.system === 'hubspot' && item.eventType === eventType && text(item.objectId) === recordId;
}

/**
 * The id as a string, or the problem: only a string or a number is one id. An array or object (an expression that
 * yields ["123"] or {id:1}) is refused naming the value, instead of being turned into a string that matches nothing.
 */
export function recordIdOf(value: unknown, index: number): { id: string; problem?: string } {
	if (value === null || value === undefined || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return { id: String(value ?? '').trim() };
	let shown: string;
	try {
		shown = JSON.stringify(value) ?? String(value);
	} catch {
		shown = String(value);
	}
	if (shown.length > 80) shown = `${shown.slice(0, 77)}...`;
	return { id: shown, problem: `Record ID must be a single id, got ${shown} (item ${index}): check the Record ID expression` };
}

/** Item `index` (its json) read as a sync request, or the reason it cannot be one. */
export function parseHandOff(item: Record<string, unknown>, choice: HandOffChoice, index: number): HandOffResult {
	const direction = directionOf(choice.direction, item);
	const objectKind = objectKindOf(choice.objectKind, item);
	const { id, problem } = recordIdOf(choice.recordId, index);
	if (problem) return { ok: false, problem, recordId: id, direction, objectKind };
	if (!direction) return { ok: false, recordId: id, problem: `Cannot tell the direction of item ${index}: its "system" field is "${text(item.system)}" (expected hubspot or zoho). Set Direction explicitly.` };
	if (!objectKind) return { ok: false, recordId: id, problem: `Cannot tell the object type of item ${index}: its "objectType" field is "${text(item.objectType)}" (expected contact or company). Set Object explicitly.` };
	if (!id) return { ok: false, recordId: id, problem: `Item ${index} has no record ID (the Record ID parameter evaluated to an empty value).` };
	const emailHint = emailHintOf(item, objectKind, id);
	const created = hubspotContactEvent(item, objectKind, id, 'creation');
	return { ok: true, request: { direction, objectKind, recordId: id, linkUnchanged: linkUnchangedOf(item), ...(emailHint ? { emailHint } : {}), ...(created ? { created } : {}) } };
}

/** The requests of one run for one (direction, object kind): one batch. */
export interface HandOffGroup {
	direction: Direction;
	objectKind: ObjectKind;
	/** Source ids every item of which says the company relation did not change. */
	linkUnchanged: Set<string>;
	/** source record id -> indexes of the items that named it (duplicates collapse into one record). */
	items: Map<string, number[]>;
	/**
	 * Emails the group's events say its new contacts have (see emailHintOf), for contacts whose creation is in the same
	 * run: their lookup by email is needed anyway. An email change of an existing contact gives none, so with a
	 * cross-reference field its lookup stays the one by id.
	 */
	emailHints: Set<string>;
}

/** Groups requests (with their item indexes) by direction and object kind, in order of first appearance. */
export function groupHandOffs(requests: ReadonlyArray<{ request: HandOff; index: number }>): HandOffGroup[] {
	const groups = new Map<string, HandOffGroup>();
	const hinted: Array<{ group: HandOffGroup; id: string; email: string }> = [];
	const created = new Set<string>();
	for (const { request: r, index } of requests) {
		const key = `${r.direction}|${r.objectKind}`;
		const group = groups.get(key) ?? { direction: r.direction, objectKind: r.objectKind, linkUnchanged: new Set<string>(), items: new Map<string, number[]>(), emailHints: new Set<string>() };
		if (r.emailHint) hinted.push({ group, id: r.recordId, email: r.emailHint });
		if (r.created) created.add(`${key}|${r.recordId}`);
		const first = !group.items.has(r.recordId);
		group.items.set(r.recordId, [...(group.items.get(r.recordId) ?? []), index]);
		// one item naming the record without saying "unchanged" is enough to check the link
		if (r.linkUnchanged && (first || group.linkUnchanged.has(r.recordId))) group.linkUnchanged.add(r.recordId);
		else group.linkUnchanged.delete(r.recordId);
		groups.set(key, group);
	}
	for (const h of hinted) if (created.has(`${h.group.direction}|${h.group.objectKind}|${h.id}`)) h.group.emailHints.add(h.email);
	return [...groups.values()];
}
