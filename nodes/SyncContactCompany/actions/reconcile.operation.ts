// Operation "Reconcile All Records": every record of one CRM (or those modified since a date) synced to the other,
// page by page. Memory stays flat: a page is fetched, synced and forgotten before the next one; the Synced output is
// one summary item per object type (or, when asked, one item per record), the Failed output every failure.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { describeError, type Direction, type ObjectKind } from '../../../lib/sync';
import { rememberTargets } from '../../../lib/sync-adapters';
import { failedItem, syncedItem } from '../items';
import { LABEL, count, emptyTally, pagesOf, progressLine, totalOf, type Tally } from '../reconcile-report';
import { startSyncRun, type SyncRun } from '../sync-run';

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'reconcileSource',
		type: 'options',
		options: [
			{ name: 'HubSpot (Sync to Zoho CRM)', value: 'hubspot' },
			{ name: 'Zoho CRM (Sync to HubSpot)', value: 'zoho' },
		],
		default: 'hubspot',
		description: 'The CRM whose records are synced to the other one',
		displayOptions: { show: { operation: ['reconcile'] } },
	},
	{
		displayName: 'Objects',
		name: 'reconcileObjects',
		type: 'multiOptions',
		options: [
			{ name: 'Contacts', value: 'contact' },
			{ name: 'Companies (Zoho Accounts)', value: 'company' },
		],
		default: ['company', 'contact'],
		description: 'Companies are reconciled first, so contacts can link to them',
		displayOptions: { show: { operation: ['reconcile'] } },
	},
	{
		displayName: 'Modified Since',
		name: 'modifiedSince',
		type: 'dateTime',
		default: '',
		description: 'Only records modified at or after this moment. Leave empty for every record.',
		displayOptions: { show: { operation: ['reconcile'] } },
	},
	{
		displayName: 'Output',
		name: 'reconcileOutput',
		type: 'options',
		options: [
			{ name: 'Summary per Object Type', value: 'summary', description: 'One item with the counts per object type; memory stays flat for any number of records' },
			{ name: 'One Item per Record', value: 'records', description: 'Every record\'s action, like Sync Records; the execution then holds an item per record' },
		],
		default: 'summary',
		description: 'Failures always go to the Failed output, one item each',
		displayOptions: { show: { operation: ['reconcile'] } },
	},
];

/** Records per sync batch: a HubSpot search page, and at most two batch reads / one Zoho write per batch. */
const BATCH = 200;
/**
 * Companies synced in this run (source id -> target id) are linked to without being synced again by every contact
 * batch that names them. Ids only, a few MB at this cap; past it the map starts over (a company is then synced once more).
 */
const COMPANY_MEMO_MAX = 50_000;

interface Reconcile {
	ctx: IExecuteFunctions;
	run: SyncRun & { options: { companyTargets: Map<string, string> } };
	source: 'hubspot' | 'zoho';
	direction: Direction;
	since: number | undefined;
	perRecord: boolean;
	synced: INodeExecutionData[];
	failed: INodeExecutionData[];
}

function sinceOf(ctx: IExecuteFunctions): number | undefined {
	const raw = String(ctx.getNodeParameter('modifiedSince', 0, '') ?? '').trim();
	if (!raw) return undefined;
	const at = Date.parse(raw);
	if (Number.isNaN(at)) throw new NodeOperationError(ctx.getNode(), `Modified Since: "${raw.slice(0, 40)}" is not a date`, { description: 'Use an ISO date such as 2025-01-31 or 2025-01-31T00:00:00Z, or leave it empty to reconcile every record.' });
	return at;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const source = this.getNodeParameter('reconcileSource', 0, 'hubspot') as 'hubspot' | 'zoho';
	const kinds = this.getNodeParameter('reconcileObjects', 0, ['company', 'contact']) as ObjectKind[];
	const perRecord = this.getNodeParameter('reconcileOutput', 0, 'summary') === 'records';
	const since = sinceOf(this);
	const direction: Direction = source === 'zoho' ? 'zohoToHubspot' : 'hubspotToZoho';
	const run = await startSyncRun(this);
	const job: Reconcile = { ctx: this, run: { ...run, options: { ...run.options, companyTargets: new Map() } }, source, direction, since, perRecord, synced: [], failed: [] };
	// companies first, so contacts can link to companies created in the same run
	for (const objectKind of [...new Set(kinds)].sort((a, b) => (a === 'company' ? -1 : b === 'company' ? 1 : 0))) await reconcileKind(job, objectKind);
	return [job.synced, job.failed];
}

/** One page of ids in batches; `at.id` is the last id synced, for the message when a later read fails. */
async function syncPage(job: Reconcile, objectKind: ObjectKind, page: string[], tally: Tally, at: { id?: string }): Promise<void> {
	const { adapters, options } = job.run;
	for (let i = 0; i < page.length; i += BATCH) {
		const ids = page.slice(i, i + BATCH);
		if (options.companyTargets.size > COMPANY_MEMO_MAX) options.companyTargets.clear();
		const result = await adapters.syncBatch({ direction: job.direction, objectKind, ids }, options);
		if (objectKind === 'company' && !result.dryRun) rememberTargets(options.companyTargets, result.actions);
		count(tally, result, ids.length);
		if (job.perRecord) for (const a of [...result.actions, ...result.companyActions]) job.synced.push(syncedItem(a, undefined, result.dryRun));
		for (const f of result.failures) job.failed.push(failedItem(f, undefined, []));
		at.id = ids[ids.length - 1];
	}
}

async function reconcileKind(job: Reconcile, objectKind: ObjectKind): Promise<void> {
	const { ctx, direction, source, since } = job;
	const started = Date.now();
	const tally = emptyTally();
	const at: { id?: string } = {};
	let stoppedAt: string | undefined;
	const total = await totalOf(job.run.adapters, source, objectKind, since);
	try {
		for await (const page of pagesOf(job.run.adapters, source, objectKind, since)) {
			await syncPage(job, objectKind, page, tally, at);
			const progress = progressLine(direction, objectKind, tally, total, Date.now() - started);
			ctx.logger.info(progress);
			ctx.sendMessageToUI(progress);
		}
	} catch (error) {
		stoppedAt = at.id;
		// A page that cannot be read even after the client's retries ends this object type; say where, so a rerun
		// (or Modified Since) can pick it up. Records already synced stay synced.
		const after = stoppedAt ? ` after ${source} id ${stoppedAt}` : ' before the first page';
		const e = describeError(error);
		const failure = { operation: 'read', direction, objectKind, recordId: stoppedAt ?? '', error: `Reconcile of ${LABEL[objectKind]} stopped${after}: ${e.message}`, code: e.code, retriable: e.retriable };
		job.failed.push(failedItem(failure, undefined, []));
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
		dryRun: job.run.options.dryRun === true,
	};
	ctx.logger.info(`${progressLine(direction, objectKind, tally, undefined, Date.now() - started)}: ${summary.complete ? 'complete' : 'stopped early'} in ${Math.round((Date.now() - started) / 1000)} s`);
	if (!job.perRecord) job.synced.push({ json: summary, pairedItem: { item: 0 } });
}
