// The sync operations' settings, read once per run into one typed object: what the adapters read with every record
// (mappings per object, cross-reference fields, scope) and how each batch is planned and written. Nothing else reads
// these parameters at run time.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { MappingOptions, ObjectKind, RunSyncOptions, SyncScope, XrefFields } from '../../lib/sync';
import type { SyncBatchOptions } from '../../lib/sync-adapters';
import { HUBSPOT_DEFAULT_CREDENTIAL } from '../shared/crm-clients';
import { now, sleep } from '../shared/transport';
import { checkRunMappings, mappingsByKind, scopeOf } from './settings';

/**
 * A write that fails with 429, 5xx or a timeout is re-read and re-planned after 1, 2, 4, 8 and 16 s (or the CRM's
 * Retry-After), never re-sent as it was: a late copy of old data must not land over a newer edit.
 */
const RETRY_ROUNDS = 5;

export interface SyncSettings {
	/** The HubSpot credential type chosen under HubSpot Authentication. */
	hubspotCredential: string;
	/** What the adapters read with every record (lib/sync-adapters AdapterConfig); syncBatch hands them to runSync. */
	reads: { mappings: Record<ObjectKind, MappingOptions>; xref?: XrefFields; scope?: SyncScope };
	/** How every batch of the run is planned and written. */
	batch: SyncBatchOptions;
}

function xrefOf(options: IDataObject): XrefFields | undefined {
	const hubspotField = String(options.hubspotXrefField ?? '').trim() || undefined;
	const zohoField = String(options.zohoXrefField ?? '').trim() || undefined;
	return hubspotField || zohoField ? { hubspotField, zohoField } : undefined;
}

function batchOptionsOf(ctx: IExecuteFunctions, options: IDataObject, xref: XrefFields | undefined): SyncBatchOptions {
	const whenMissing = ctx.getNodeParameter('whenMissing', 0, 'default') as string;
	return {
		conflictRule: ctx.getNodeParameter('conflictRule', 0, 'newestWins') as RunSyncOptions['conflictRule'],
		perField: options.perField !== false,
		dryRun: options.dryRun === true,
		writeXref: options.writeXref === true && xref !== undefined,
		mandatoryFallbacks:
			options.mandatoryFallback === 'placeholder'
				? { lastName: String(options.lastNameFallback ?? 'Unknown'), accountName: String(options.accountNameFallback ?? 'Unknown company') }
				: 'fail',
		...(whenMissing === 'create' || whenMissing === 'skip' ? { whenMissing } : {}),
		linkCompany: options.linkCompany !== false,
		now,
		retryRounds: RETRY_ROUNDS,
		sleep,
	};
}

/**
 * Reads the settings and checks every mapping (and the scope's fields) against both CRMs' field lists before anything
 * is written: a mapping that cannot work stops the run with one NodeOperationError naming each field.
 */
export async function readSyncSettings(ctx: IExecuteFunctions): Promise<SyncSettings> {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const hubspotCredential = ctx.getNodeParameter('hubspotAuthentication', 0, HUBSPOT_DEFAULT_CREDENTIAL) as string;
	const mappings = mappingsByKind(ctx);
	const scope = scopeOf(ctx);
	await checkRunMappings(ctx, mappings, scope, hubspotCredential);
	const xref = xrefOf(options);
	return { hubspotCredential, reads: { mappings, ...(xref ? { xref } : {}), ...(scope ? { scope } : {}) }, batch: batchOptionsOf(ctx, options, xref) };
}
