// One call per (direction, object) group: runSync over the adapters, then the contact -> company link pass.
import { runSync, type Direction, type RunSyncOptions, type SyncAction, type SyncFailure, type SyncPorts, type SyncRequest, type SyncRunResult } from '../sync';
import { createSyncPorts } from './create-ports';
import { linkCompanies, type CompanyLink, type LinkFailure } from './link-companies';
import { prepareLinks, type LinkPrep, type SyncCompanies } from './link-prep';
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
export interface SyncBatchOptions extends Omit<RunSyncOptions, 'mappings' | 'useDefaultMappings' | 'valueMaps' | 'xref' | 'scope' | 'onWrites'> {
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
			const out: SyncBatchResult = { actions: [], failures: [], dryRun: false, calls: { reads: 0, lookups: 0, writes: 0 }, links: [], companyActions: [], companyRequestedBy: {} };
			const linking = request.objectKind === 'contact' && options.linkCompany !== false;
			const hints = new Set((request.linkIds ?? []).map(String));
			const unchangedLink = new Set((request.linkUnchangedIds ?? []).map(String));
			// A written contact's link is checked when it is created, or its event does not say the relation is unchanged.
			const checked = (a: SyncAction) => a.type === 'create' || hints.has(a.sourceId) || !unchangedLink.has(a.sourceId);
			const syncCompanies = companySync(ports, request.direction, optionsFor('company'), out, known);
			// The link's first half (association read, company sync) starts as soon as runSync knows which contacts it
			// writes, beside those writes: one event's calls in a row stay read, lookup, write (issue 13). HubSpot -> Zoho
			// only: towards HubSpot the contact's company needs no call, and the company's HubSpot calls would take the
			// rate-limit slots the contact write reserved after its freshness check (applyWrites reserveWrites).
			const early = new Map<string, Promise<LinkPrep>>();
			const onWrites = (writes: readonly SyncAction[]) => {
				const fresh = writes.filter((a) => checked(a) && !early.has(a.sourceId));
				if (fresh.length === 0) return;
				const prep = prepareLinks(config, cache, request.direction, fresh, syncCompanies);
				for (const a of fresh) early.set(a.sourceId, prep);
			};
			const main = await runSync(ports, request, { ...optionsFor(request.objectKind), ...(linking && request.direction === 'hubspotToZoho' ? { onWrites } : {}) });
			Object.assign(out, { actions: main.actions, dryRun: main.dryRun }, { failures: [...main.failures, ...out.failures] });
			for (const k of Object.keys(main.calls) as Array<keyof typeof main.calls>) out.calls[k] += main.calls[k];
			// Every started preparation ends inside this call, also for contacts whose write then failed (their company
			// sync stays on companyActions): nothing of this batch runs on after it returns.
			await Promise.all(new Set(early.values()));
			if (!linking || main.dryRun) return out;

			const contacts = main.actions.filter(
				(a) => a.targetId && ((a.applied && checked(a)) || ((a.type === 'unchanged' || a.type === 'skip') && hints.has(a.sourceId))),
			);
			const linked = await linkCompanies(config, cache, request.direction, contacts, syncCompanies, early);
			out.links = linked.links;
			out.failures.push(...linked.failures);
			for (const l of linked.links) (out.companyRequestedBy[l.companySourceId] ??= []).push(l.contactSourceId);
			return out;
		},
	};
}

/**
 * The link pass's company sync: runSync over the companies not in `known`, its actions, failures and calls added to
 * `out`, and every company with a counterpart remembered in `known` (when given).
 */
function companySync(ports: SyncPorts, direction: Direction, options: RunSyncOptions, out: SyncBatchResult, known?: Map<string, string>): SyncCompanies {
	return async (ids) => {
		const targets = new Map<string, string>();
		const reasons = new Map<string, string>();
		const todo = ids.filter((id) => {
			const target = known?.get(id);
			if (target) targets.set(id, target);
			return !target;
		});
		if (todo.length === 0) return { targets, reasons };
		const r = await runSync(ports, { direction, objectKind: 'company', ids: todo }, options);
		out.companyActions.push(...r.actions);
		out.failures.push(...r.failures);
		for (const k of Object.keys(r.calls) as Array<keyof typeof r.calls>) out.calls[k] += r.calls[k];
		rememberTargets(targets, r.actions);
		if (known) rememberTargets(known, r.actions);
		for (const a of r.actions) reasons.set(a.sourceId, a.reason);
		for (const f of r.failures) reasons.set(f.recordId, f.error);
		return { targets, reasons };
	};
}

/** Adds each record that has a counterpart (written, or found and left as it was): source id -> target id. */
export function rememberTargets(targets: Map<string, string>, actions: readonly SyncAction[]): void {
	for (const a of actions) if (a.targetId && (a.applied || a.type !== 'create')) targets.set(a.sourceId, a.targetId);
}
