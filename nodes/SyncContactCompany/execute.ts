import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { CustomMapping, Direction, ObjectKind, RunSyncOptions, SyncAction, SyncFailure } from '../../lib/sync';
import { summariseMerge } from '../../lib/sync';
import { redactSecrets } from '../shared/errors';
import { sleep } from '../shared/transport';
import type { SyncAdapters, SyncBatchOptions } from '../../lib/sync-adapters';
import { createAdapters } from './clients';
import { checkRunMappings, mappingsByKind, scopeOf } from './settings';

/**
 * A write that fails with 429, 5xx or a timeout is re-read and re-planned after 1, 2, 4, 8 and 16 s (or the CRM's
 * Retry-After), never re-sent as it was: a late copy of old data must not land over a newer edit.
 */
const RETRY_ROUNDS = 5;

/** The adapters (both CRM clients) built from the node's credentials and sync settings. */
export async function adaptersFor(ctx: IExecuteFunctions): Promise<SyncAdapters> {
	const settings = syncOptions(ctx);
	const hubspotCredential = ctx.getNodeParameter('hubspotAuthentication', 0, 'hubspotSyncPrivateAppApi') as string;
	// Mappings per object kind and the scope; checked against both CRMs' field lists before anything is written.
	const byKind = mappingsByKind(ctx);
	const scope = scopeOf(ctx);
	await checkRunMappings(ctx, byKind, scope);
	const adapters = await createAdapters(ctx, hubspotCredential, { mappings: { mappings: settings.mappings }, xref: settings.xref, perField: settings.perField });
	adapters.config.mappings = { contact: byKind.contact, company: byKind.company };
	adapters.config.scope = scope;
	return adapters;
}

export interface Group {
	direction: Direction;
	objectKind: ObjectKind;
	/** Source ids every item of which says the company relation did not change (see linkUnchangedOf). */
	linkUnchanged?: Set<string>;
	/** source record id -> input item indexes that named it (duplicates collapse into one record). */
	items: Map<string, number[]>;
}

const DIRECTIONS: Record<string, Direction> = { hubspotToZoho: 'hubspotToZoho', zohoToHubspot: 'zohoToHubspot', hubspot: 'hubspotToZoho', zoho: 'zohoToHubspot' };
const KINDS: Record<string, ObjectKind> = { contact: 'contact', contacts: 'contact', company: 'company', companies: 'company', account: 'company', accounts: 'company' };

/**
 * The Record ID parameter's default, read straight from the item. n8n 2.41 evaluates every expression in its
 * isolated-vm engine by default, which for 100 items per delivery cost more than the sync itself; this exact
 * expression needs no engine. Any other value or expression is evaluated by n8n as usual.
 */
const DEFAULT_RECORD_ID = /^=\{\{\s*\$json\.objectId\s*\}\}$/;

/**
 * The id as a string, or the problem: only a string or a number is one id. An array or object (an expression that
 * yields ["123"] or {id:1}) is refused naming the value, instead of being turned into a string that matches nothing.
 */
function recordIdOf(ctx: IExecuteFunctions, i: number, json: IDataObject): { id: string; problem?: string } {
	const raw = ctx.getNodeParameter('recordIdField', i, '', { rawExpressions: true });
	const value = typeof raw === 'string' && DEFAULT_RECORD_ID.test(raw.trim()) ? json.objectId : ctx.getNodeParameter('recordIdField', i);
	if (value === null || value === undefined || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return { id: String(value ?? '').trim() };
	let shown: string;
	try {
		shown = JSON.stringify(value) ?? String(value);
	} catch {
		shown = String(value);
	}
	if (shown.length > 80) shown = `${shown.slice(0, 77)}...`;
	return { id: shown, problem: `Record ID must be a single id, got ${shown} (item ${i}): check the Record ID expression` };
}

/**
 * True when a trigger item says the contact's company relation did not change: a Zoho edit whose affected fields
 * (when Zoho lists them) leave Account_Name alone, or a HubSpot property change (association changes are other
 * events). The link check then runs only if the contact is created. Anything else is checked as before.
 */
function linkUnchangedOf(json: IDataObject): boolean {
	if (json.system === 'zoho') {
		const fields = Array.isArray(json.affectedFields) ? json.affectedFields.map(String) : [];
		return (json.operation === 'update' || json.operation === 'edit') && fields.length > 0 && !fields.includes('Account_Name');
	}
	if (json.system === 'hubspot') return json.eventType === 'propertyChange' && typeof json.propertyName === 'string' && json.propertyName !== '';
	return false;
}

function resolveItem(ctx: IExecuteFunctions, i: number, item: INodeExecutionData): { direction?: Direction; objectKind?: ObjectKind; id: string; problem?: string } {
	const directionParam = ctx.getNodeParameter('direction', i) as string;
	const kindParam = ctx.getNodeParameter('objectType', i) as string;
	const json = item.json as IDataObject;
	const direction = DIRECTIONS[directionParam === 'fromEvent' ? String(json.system ?? '') : directionParam];
	const objectKind = KINDS[kindParam === 'fromEvent' ? String(json.objectType ?? json.module ?? '').toLowerCase() : kindParam];
	const { id, problem } = recordIdOf(ctx, i, json);
	if (problem) return { direction, objectKind, id, problem };
	if (!direction) return { id, problem: `Cannot tell the direction of item ${i}: its "system" field is "${String(json.system ?? '')}" (expected hubspot or zoho). Set Direction explicitly.` };
	if (!objectKind) return { id, problem: `Cannot tell the object type of item ${i}: its "objectType" field is "${String(json.objectType ?? '')}" (expected contact or company). Set Object explicitly.` };
	if (!id) return { id, problem: `Item ${i} has no record ID (the Record ID parameter evaluated to an empty value).` };
	return { direction, objectKind, id };
}

export function syncOptions(ctx: IExecuteFunctions) {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const whenMissing = ctx.getNodeParameter('whenMissing', 0, 'default') as string;
	const custom = ((ctx.getNodeParameter('customMappings', 0, {}) as IDataObject).mapping ?? []) as IDataObject[];
	const mappings: CustomMapping[] = custom
		.filter((m) => String(m.hubspotField ?? '').trim() && String(m.zohoField ?? '').trim())
		.map((m) => ({ hubspotField: String(m.hubspotField).trim(), zohoField: String(m.zohoField).trim(), direction: (m.direction as CustomMapping['direction']) ?? 'both' }));
	const hubspotField = String(options.hubspotXrefField ?? '').trim() || undefined;
	const zohoField = String(options.zohoXrefField ?? '').trim() || undefined;
	const xref = hubspotField || zohoField ? { hubspotField, zohoField } : undefined;
	const run: Omit<RunSyncOptions, 'now'> = {
		conflictRule: ctx.getNodeParameter('conflictRule', 0, 'newestWins') as RunSyncOptions['conflictRule'],
		perField: options.perField !== false,
		dryRun: options.dryRun === true,
		mappings,
		xref,
		writeXref: options.writeXref === true && xref !== undefined,
		mandatoryFallbacks:
			options.mandatoryFallback === 'placeholder'
				? { lastName: String(options.lastNameFallback ?? 'Unknown'), accountName: String(options.accountNameFallback ?? 'Unknown company') }
				: 'fail',
		...(whenMissing === 'create' || whenMissing === 'skip' ? { whenMissing } : {}),
	};
	return { run, mappings, xref, perField: run.perField !== false };
}

const paired = (indexes: number[] | undefined) => (indexes ?? [0]).map((item) => ({ item }));

export function syncedItem(a: SyncAction, indexes: number[] | undefined, dryRun: boolean): INodeExecutionData {
	return {
		json: {
			action: a.outOfScope ? 'outOfScope' : a.type === 'create' ? 'created' : a.type === 'update' ? 'updated' : a.type === 'skip' ? 'skipped' : 'unchanged',
			direction: a.direction,
			objectType: a.objectKind,
			sourceId: a.sourceId,
			targetId: a.targetId ?? null,
			changedFields: a.changes.map((c) => ({ field: c.field, from: c.from, to: c.to })),
			reason: a.reason,
			...(a.matchedBy ? { matchedBy: a.matchedBy } : {}),
			...(a.merge ? { merge: summariseMerge(a.merge) } : {}),
			dryRun,
		},
		pairedItem: paired(indexes),
	};
}

export function failedItem(f: Pick<SyncFailure, 'direction' | 'objectKind' | 'recordId' | 'error' | 'code' | 'retriable'> & Partial<Omit<SyncFailure, 'operation'>> & { operation: string }, indexes: number[] | undefined, secrets: string[]): INodeExecutionData {
	return {
		json: {
			operation: f.operation,
			direction: f.direction,
			objectType: f.objectKind,
			recordId: f.recordId,
			error: redactSecrets(f.error, secrets),
			code: f.code,
			retriable: f.retriable,
			...(f.field ? { field: f.field } : {}),
			...(f.candidates ? { candidates: f.candidates } : {}),
			...(f.sourceModifiedAt ? { sourceModifiedAt: new Date(f.sourceModifiedAt).toISOString() } : {}),
		},
		pairedItem: paired(indexes),
	};
}

export async function executeSync(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const synced: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	const groups = new Map<string, Group>();
	items.forEach((item, i) => {
		const r = resolveItem(this, i, item);
		if (r.problem || !r.direction || !r.objectKind) {
			failed.push(failedItem({ operation: 'read', direction: r.direction ?? 'hubspotToZoho', objectKind: r.objectKind ?? 'contact', recordId: r.id, error: r.problem ?? 'Invalid item', code: 'INVALID_INPUT', retriable: false }, [i], []));
			return;
		}
		const key = `${r.direction}|${r.objectKind}`;
		const group = groups.get(key) ?? { direction: r.direction, objectKind: r.objectKind, items: new Map<string, number[]>() };
		const first = !group.items.has(r.id);
		group.items.set(r.id, [...(group.items.get(r.id) ?? []), i]);
		const unchanged = group.linkUnchanged ?? new Set<string>();
		if (linkUnchangedOf(item.json as IDataObject) && (first || unchanged.has(r.id))) unchanged.add(r.id);
		else unchanged.delete(r.id);
		group.linkUnchanged = unchanged;
		groups.set(key, group);
	});
	if (groups.size === 0) return [synced, failed];
	await syncGroups(this, [...groups.values()], synced, failed);
	return [synced, failed];
}

/** The options every syncBatch call of this node gets: the node's sync settings, retry rounds, n8n's sleep. */
export function batchOptionsFor(ctx: IExecuteFunctions): SyncBatchOptions {
	const settings = syncOptions(ctx);
	const linkCompany = (ctx.getNodeParameter('options', 0, {}) as IDataObject).linkCompany !== false;
	// The engine's mappings are already in the adapters' config (per object kind).
	const run: Partial<RunSyncOptions> = { ...settings.run };
	delete run.mappings;
	const scope = scopeOf(ctx);
	return { ...run, linkCompany, now: () => Date.now(), retryRounds: RETRY_ROUNDS, sleep, ...(scope ? { scope } : {}) };
}

/** Syncs each (direction, object) group as one batch; appends to `synced` and `failed`. Shared by both sync operations. */
export async function syncGroups(
	ctx: IExecuteFunctions,
	groups: Group[],
	synced: INodeExecutionData[],
	failed: INodeExecutionData[],
	given?: SyncAdapters,
): Promise<void> {
	if (groups.length === 0) return;

	const adapters = given ?? (await adaptersFor(ctx));
	const batchOptions = batchOptionsFor(ctx);
	// One batch per (direction, object) group: the whole batch is read, looked up and written in as few calls as possible.
	for (const group of groups) {
		const ids = [...group.items.keys()];
		const linkUnchangedIds = group.linkUnchanged ? [...group.linkUnchanged] : undefined;
		const result = await adapters.syncBatch({ direction: group.direction, objectKind: group.objectKind, ids, ...(linkUnchangedIds ? { linkUnchangedIds } : {}) }, batchOptions);
		const linkOf = new Map(result.links.map((l) => [l.contactSourceId, l]));
		for (const a of result.actions) {
			const item = syncedItem(a, group.items.get(a.sourceId), result.dryRun);
			const link = linkOf.get(a.sourceId);
			if (link) item.json.linkedCompany = { sourceId: link.companySourceId, targetId: link.companyTargetId, action: link.action };
			synced.push(item);
		}
		// Companies synced because a contact links to them (created when the direction creates).
		for (const a of result.companyActions) {
			const askers = (result.companyRequestedBy[a.sourceId] ?? []).flatMap((id) => group.items.get(id) ?? []);
			synced.push(syncedItem(a, askers.length ? askers : undefined, result.dryRun));
		}
		for (const f of result.failures) failed.push(failedItem(f, group.items.get(f.recordId), []));
	}
}

