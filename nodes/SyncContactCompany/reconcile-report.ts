// Reconcile All Records, its reading and reporting side: the source's id pages, HubSpot's total for the estimate, the
// per object type tally and the progress line for n8n's log and the editor.
import { MODIFIED_FIELDS, type Direction, type ObjectKind } from '../../lib/sync';
import { HUBSPOT_TYPE, hubspotIdPages, zohoIdPages, type SyncAdapters, type SyncBatchResult } from '../../lib/sync-adapters';

export const LABEL: Record<ObjectKind, string> = { contact: 'contacts', company: 'companies' };

export interface Tally {
	scanned: number;
	created: number;
	updated: number;
	unchanged: number;
	skipped: number;
	/** Read and left alone: outside the Sync Scope (never written). */
	outOfScope: number;
	failed: number;
	/** Contacts whose company link was written in this run. */
	linksWritten: number;
	/** Companies the link pass had to sync (not reconciled earlier in the run). */
	companiesSyncedForLinks: number;
	batches: number;
	portCalls: number;
}

export const emptyTally = (): Tally => ({ scanned: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, outOfScope: 0, failed: 0, linksWritten: 0, companiesSyncedForLinks: 0, batches: 0, portCalls: 0 });

export function count(t: Tally, result: SyncBatchResult, size: number): void {
	t.scanned += size;
	t.batches += 1;
	for (const a of result.actions) {
		if (a.type === 'create') t.created += a.applied || result.dryRun ? 1 : 0;
		else if (a.type === 'update') t.updated += a.applied || result.dryRun ? 1 : 0;
		else if (a.type === 'unchanged') t.unchanged += 1;
		else if (a.outOfScope) t.outOfScope += 1;
		else t.skipped += 1;
	}
	t.linksWritten += result.links.filter((l) => l.action === 'linked').length;
	t.companiesSyncedForLinks += result.companyActions.length;
	t.failed += result.failures.length;
	t.portCalls += result.calls.reads + result.calls.lookups + result.calls.writes;
}

export function pagesOf(adapters: SyncAdapters, source: 'hubspot' | 'zoho', kind: ObjectKind, since: number | undefined): AsyncGenerator<string[]> {
	const options = since !== undefined ? { since } : {};
	return source === 'hubspot' ? hubspotIdPages(adapters.config.hubspot, kind, options) : zohoIdPages(adapters.config.zoho, kind, options);
}

/** HubSpot's search says how many records match (one search call); Zoho's COQL does not, so no estimate there. */
export async function totalOf(adapters: SyncAdapters, source: 'hubspot' | 'zoho', kind: ObjectKind, since: number | undefined): Promise<number | undefined> {
	if (source !== 'hubspot') return undefined;
	try {
		const filters = since !== undefined ? [{ propertyName: MODIFIED_FIELDS[kind].hubspot, operator: 'GTE' as const, value: String(since) }] : [];
		const page = await adapters.config.hubspot.search(HUBSPOT_TYPE[kind], { filterGroups: filters.length ? [{ filters }] : [], properties: ['hs_object_id'], limit: 1 });
		return page.total;
	} catch {
		return undefined; // progress then shows counts without an estimate
	}
}

/** One line per page for n8n's log and the editor: counts, rate, and the time left when the total is known. */
export function progressLine(direction: Direction, kind: ObjectKind, t: Tally, total: number | undefined, elapsedMs: number): string {
	const counts = `created ${t.created}, updated ${t.updated}, unchanged ${t.unchanged}, skipped ${t.skipped}, out of scope ${t.outOfScope}, failed ${t.failed}`;
	const rate = elapsedMs > 0 ? (t.scanned * 1000) / elapsedMs : 0;
	const of = total !== undefined ? ` of ${Math.max(total, t.scanned)}` : '';
	const left = total !== undefined && rate > 0 ? Math.max(0, total - t.scanned) / rate : undefined;
	const eta = left === undefined ? '' : `, about ${left < 90 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left`;
	return `Reconcile ${direction} ${LABEL[kind]}: ${t.scanned}${of} records (${counts}), ${rate.toFixed(1)} records/s${eta}`;
}
