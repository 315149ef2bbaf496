// One call per (direction, object) group: runSync over the adapters, then the contact -> company link pass.
import { runSync, type RunSyncOptions, type SyncAction, type SyncFailure, type SyncRequest, type SyncRunResult } from '../sync';
import { createSyncPorts } from './create-ports';
import { linkCompanies, type CompanyLink, type LinkFailure } from './link-companies';
import type { AdapterConfig, RecordCache } from './types';

export interface SyncBatchRequest extends SyncRequest {
	/**
	 * Source ids whose company link must be checked even when the contact itself is unchanged (a HubSpot
	 * associationChange event, a Zoho edit of Account_Name). Created and updated contacts are always checked.
	 */
	linkIds?: readonly string[];
	/**
	 * Source ids whose event says their company relation did not change (a Zoho edit whose affected fields leave
	 * Account_Name alone, a HubSpot property change): when such a contact is only updated, the link check (a company
	 * sync and an association read, 2-3 calls) is skipped. Created contacts are always linked.
	 */
	linkUnchangedIds?: readonly string[];
}

/**
 * How a batch is planned and written. What is read with every record (mappings per object kind, cross-reference
 * fields, scope) is set once in AdapterConfig and passed on to runSync from there, so reads and plans always agree.
 */
export interface SyncBatchOptions extends Omit<RunSyncOptions, 'mappings' | 'useDefaultMappings' | 'valueMaps' | 'xref' | 'scope'> {
	/** Link contacts to their company (default true; contacts only). */
	linkCompany?: boolean;
	/**
	 * Companies already synced in this run, source id -> target id (a bulk reconcile syncs companies first, then
	 * contacts page by page): the link pass links to them without syncing them again, and adds the companies it syncs.
	 * The caller owns and bounds the map.
	 */
	companyTargets?: Map<string, string>;
}

export interface SyncBatchResult extends Omit<SyncRunResult, 'failures'> {
	failures: Array<SyncFailure | LinkFailure>;
	links: CompanyLink[];
	/** Company records synced by the link pass (created when the direction creates). */
	companyActions: SyncAction[];
	/** Which contact (source id) asked for each company (source id), for reporting. */
	companyRequestedBy: Record<string, string[]>;
}

export interface SyncAdapters {
	config: AdapterConfig;
	syncBatch(request: SyncBatchRequest, options: SyncBatchOptions): Promise<SyncBatchResult>;
}

export function createSyncAdapters(config: AdapterConfig): SyncAdapters {
	return {
		config,
		async syncBatch(request, options) {
			const cache: RecordCache = { zoho: new Map(), hubspot: new Map() };
			const ports = createSyncPorts(config, cache);
			const { companyTargets: known, ...runOptions } = options;
			const optionsFor = (kind: SyncRequest['objectKind']): RunSyncOptions => ({ ...runOptions, xref: config.xref, scope: config.scope, ...(config.mappings?.[kind] ?? {}) });
			const main = await runSync(ports, request, optionsFor(request.objectKind));
			const out: SyncBatchResult = { ...main, links: [], companyActions: [], companyRequestedBy: {} };
			if (request.objectKind !== 'contact' || options.linkCompany === false || main.dryRun) return out;

			const hints = new Set((request.linkIds ?? []).map(String));
			const unchangedLink = new Set((request.linkUnchangedIds ?? []).map(String));
			const contacts = main.actions.filter(
				(a) =>
					a.targetId &&
					((a.applied && (a.type === 'create' || hints.has(a.sourceId) || !unchangedLink.has(a.sourceId))) ||
						((a.type === 'unchanged' || a.type === 'skip') && hints.has(a.sourceId))),
			);
			if (contacts.length === 0) return out;
			const linked = await linkCompanies(config, cache, request.direction, contacts, async (ids) => {
				const targets = new Map<string, string>();
				const reasons = new Map<string, string>();
				const todo = ids.filter((id) => {
					const target = known?.get(id);
					if (target) targets.set(id, target);
					return !target;
				});
				if (todo.length === 0) return { targets, reasons };
				const r = await runSync(ports, { direction: request.direction, objectKind: 'company', ids: todo }, optionsFor('company'));
				out.companyActions.push(...r.actions);
				out.failures.push(...r.failures);
				for (const k of Object.keys(r.calls) as Array<keyof typeof r.calls>) out.calls[k] += r.calls[k];
				rememberTargets(targets, r.actions);
				if (known) rememberTargets(known, r.actions);
				for (const a of r.actions) reasons.set(a.sourceId, a.reason);
				for (const f of r.failures) reasons.set(f.recordId, f.error);
				return { targets, reasons };
			});
			out.links = linked.links;
			out.failures.push(...linked.failures);
			for (const l of linked.links) (out.companyRequestedBy[l.companySourceId] ??= []).push(l.contactSourceId);
			return out;
		},
	};
}

/** Adds each record that has a counterpart (written, or found and left as it was): source id -> target id. */
export function rememberTargets(targets: Map<string, string>, actions: readonly SyncAction[]): void {
	for (const a of actions) if (a.targetId && (a.applied || a.type !== 'create')) targets.set(a.sourceId, a.targetId);
}
