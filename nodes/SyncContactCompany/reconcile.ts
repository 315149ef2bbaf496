// Operation "Reconcile All Records": every record of one CRM (or those modified since a date) synced to the other,
// page by page. Memory stays flat: a page is fetched, synced and forgotten before the next one; the Synced output is
// one summary item per object type (or, when asked, one item per record), the Failed output every failure.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { MODIFIED_FIELDS, describeError, type Direction, type ObjectKind } from '../../lib/sync';
import { HUBSPOT_TYPE, hubspotIdPages, rememberTargets, zohoIdPages, type SyncAdapters, type SyncBatchResult } from '../../lib/sync-adapters';
import { adaptersFor, batchOptionsFor, failedItem, syncedItem } from './execute';

/** Records per sync batch: a HubSpot search page, and at most two batch reads / one Zoho write per batch. */
const BATCH = 200;
const LABEL: Record<ObjectKind, string> = { contact: 'contacts', company: 'companies' };
/**
 * Companies synced in this run (source id -> target id) are linked to without being synced again by every contact
 * batch that names them. Ids only, a few MB at this cap; past it the map starts over (a company is then synced once more).
 */
const COMPANY_MEMO_MAX = 50_000;

interface Tally {
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

const emptyTally = (): Tally => ({ scanned: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, outOfScope: 0, failed: 0, linksWritten: 0, companiesSyncedForLinks: 0, batches: 0, portCalls: 0 });

function count(t: Tally, result: SyncBatchResult, size: number): void {
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

function sinceOf(ctx: IExecuteFunctions): number | undefined {
	const raw = String(ctx.getNodeParameter('modifiedSince', 0, '') ?? '').trim();
	if (!raw) return undefined;
	const at = Date.parse(raw);
	if (Number.isNaN(at)) throw new NodeOperationError(ctx.getNode(), `Modified Since: "${raw.slice(0, 40)}" is not a date`, { description: 'Use an ISO date such as 2025-01-31 or 2025-01-31T00:00:00Z, or leave it empty to reconcile every record.' });
	return at;
}

export async function executeReconcile(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const source = this.getNodeParameter('reconcileSource', 0, 'hubspot') as 'hubspot' | 'zoho';
	const kinds = this.getNodeParameter('reconcileObjects', 0, ['company', 'contact']) as ObjectKind[];
	const perRecord = this.getNodeParameter('reconcileOutput', 0, 'summary') === 'records';
	const since = sinceOf(this);
	const direction: Direction = source === 'zoho' ? 'zohoToHubspot' : 'hubspotToZoho';
	const adapters = await adaptersFor(this);
	const companyTargets = new Map<string, string>();
	const options = { ...batchOptionsFor(this), companyTargets };
	const synced: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	// companies first, so contacts can link to companies created in the same run
	for (const objectKind of [...new Set(kinds)].sort((a, b) => (a === 'company' ? -1 : b === 'company' ? 1 : 0))) {
		const started = Date.now();
		const tally = emptyTally();
		let stoppedAt: string | undefined;
		const total = await totalOf(adapters, source, objectKind, since);
		try {
			for await (const page of pagesOf(adapters, source, objectKind, since)) {
				for (let i = 0; i < page.length; i += BATCH) {
					const ids = page.slice(i, i + BATCH);
					if (companyTargets.size > COMPANY_MEMO_MAX) companyTargets.clear();
					const result = await adapters.syncBatch({ direction, objectKind, ids }, options);
					if (objectKind === 'company' && !result.dryRun) rememberTargets(companyTargets, result.actions);
					count(tally, result, ids.length);
					if (perRecord) for (const a of [...result.actions, ...result.companyActions]) synced.push(syncedItem(a, undefined, result.dryRun));
					for (const f of result.failures) failed.push(failedItem(f, undefined, []));
					stoppedAt = ids[ids.length - 1];
				}
				const progress = progressLine(direction, objectKind, tally, total, Date.now() - started);
				this.logger.info(progress);
				this.sendMessageToUI(progress);
			}
			stoppedAt = undefined;
		} catch (error) {
			// A page that cannot be read even after the client's retries ends this object type; say where, so a rerun
			// (or Modified Since) can pick it up. Records already synced stay synced.
			const after = stoppedAt ? ` after ${source} id ${stoppedAt}` : ' before the first page';
			const e = describeError(error);
			failed.push(
				failedItem(
					{ operation: 'read', direction, objectKind, recordId: stoppedAt ?? '', error: `Reconcile of ${LABEL[objectKind]} stopped${after}: ${e.message}`, code: e.code, retriable: e.retriable },
					undefined,
					[],
				),
			);
			tally.failed += 1;
			stoppedAt = stoppedAt ?? '';
		}
		const summary: IDataObject = {
			operation: 'reconcile',
			direction,
			objectType: objectKind,
			complete: stoppedAt === undefined,
			...(since !== undefined ? { modifiedSince: new Date(since).toISOString() } : {}),
			...tally,
			durationMs: Date.now() - started,
			dryRun: options.dryRun === true,
		};
		this.logger.info(`${progressLine(direction, objectKind, tally, undefined, Date.now() - started)}: ${summary.complete ? 'complete' : 'stopped early'} in ${Math.round((Date.now() - started) / 1000)} s`);
		if (!perRecord) synced.push({ json: summary, pairedItem: { item: 0 } });
	}
	return [synced, failed];
}

function pagesOf(adapters: SyncAdapters, source: 'hubspot' | 'zoho', kind: ObjectKind, since: number | undefined): AsyncGenerator<string[]> {
	const options = since !== undefined ? { since } : {};
	return source === 'hubspot' ? hubspotIdPages(adapters.config.hubspot, kind, options) : zohoIdPages(adapters.config.zoho, kind, options);
}

/** HubSpot's search says how many records match (one search call); Zoho's COQL does not, so no estimate there. */
async function totalOf(adapters: SyncAdapters, source: 'hubspot' | 'zoho', kind: ObjectKind, since: number | undefined): Promise<number | undefined> {
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
