// One sync run of the node: its settings (read once) and the adapters over both CRMs built from them. Every sync
// operation starts one and hands it down; nothing re-reads the parameters.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Direction, ObjectKind } from '../../lib/sync';
import { createSyncAdapters, type SyncAdapters, type SyncBatchOptions } from '../../lib/sync-adapters';
import { createSyncClients } from '../shared/crm-clients';
import { failedItem, syncedItem } from './items';
import { readSyncSettings } from './run-settings';

export interface SyncRun {
	adapters: SyncAdapters;
	options: SyncBatchOptions;
}

export async function startSyncRun(ctx: IExecuteFunctions): Promise<SyncRun> {
	const settings = await readSyncSettings(ctx);
	const clients = await createSyncClients(ctx, settings.hubspotCredential);
	return { adapters: createSyncAdapters({ ...clients, ...settings.reads }), options: settings.batch };
}

/** The records of one (direction, object) batch and the input items that named each. */
export interface Group {
	direction: Direction;
	objectKind: ObjectKind;
	/** Source ids every item of which says the company relation did not change (lib/sync-adapters/hand-off.ts). */
	linkUnchanged?: Set<string>;
	/** source record id -> input item indexes that named it (duplicates collapse into one record). */
	items: Map<string, number[]>;
	/** Emails the events say the group's contacts have: looked up beside the read (lib/sync/find-candidates.ts). */
	emailHints?: Set<string>;
}

/** Syncs each group as one batch; appends to `synced` and `failed`. Shared by Sync Records and Sync Recent Changes. */
export async function syncGroups(run: SyncRun, groups: Group[], synced: INodeExecutionData[], failed: INodeExecutionData[]): Promise<void> {
	// One batch per (direction, object) group: the whole batch is read, looked up and written in as few calls as possible.
	for (const group of groups) {
		const ids = [...group.items.keys()];
		const linkUnchangedIds = group.linkUnchanged ? [...group.linkUnchanged] : undefined;
		const emailHints = group.emailHints?.size ? [...group.emailHints] : undefined;
		const result = await run.adapters.syncBatch({ direction: group.direction, objectKind: group.objectKind, ids, ...(linkUnchangedIds ? { linkUnchangedIds } : {}), ...(emailHints ? { emailHints } : {}) }, run.options);
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
