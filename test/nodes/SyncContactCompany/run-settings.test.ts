import type { IExecuteFunctions } from 'n8n-workflow';
import { readSyncSettings } from '../../../nodes/SyncContactCompany/run-settings';

/** A Sync node context with the given parameters; no credentials, so the mapping check only logs that it cannot list fields. */
function context(parameters: Record<string, unknown>) {
	const reads: string[] = [];
	const ctx = {
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => {
			reads.push(name);
			return name in parameters ? parameters[name] : fallback;
		},
		getNode: () => ({ name: 'Sync', credentials: {} }),
		getCredentials: async () => {
			throw new Error('no credentials in this test');
		},
		logger: { warn: () => undefined, info: () => undefined, debug: () => undefined, error: () => undefined },
	};
	return { ctx: ctx as unknown as IExecuteFunctions, reads };
}

describe('Sync node settings, read once per run', () => {
	const parameters = {
		operation: 'sync',
		direction: 'hubspotToZoho',
		objectType: 'contact',
		hubspotAuthentication: 'otherHubspotType',
		whenMissing: 'skip',
		conflictRule: 'sourceWins',
		customMappings: { mapping: [{ objectType: 'contact', hubspotField: 'jobtitle', zohoField: 'Title', direction: 'both' }, { objectType: 'company', hubspotField: 'type', zohoField: 'Account_Type' }] },
		scope: { condition: [{ system: 'hubspot', objectType: 'contact', field: 'email', operator: 'isSet' }] },
		options: { hubspotXrefField: ' zoho_id ', zohoXrefField: 'HubSpot_ID', writeXref: true, dryRun: true, perField: false, linkCompany: false, mandatoryFallback: 'placeholder', lastNameFallback: 'N/A' },
	};

	it('puts what is read with every record (mappings per object, cross-reference fields, scope) in one place and the run rules in another', async () => {
		const { ctx } = context(parameters);
		const s = await readSyncSettings(ctx);
		expect(s.hubspotCredential).toBe('otherHubspotType');
		expect(s.reads.mappings.contact.mappings).toEqual([{ hubspotField: 'jobtitle', zohoField: 'Title', direction: 'both' }]);
		expect(s.reads.mappings.company.mappings).toEqual([{ hubspotField: 'type', zohoField: 'Account_Type', direction: 'both' }]);
		expect(s.reads.xref).toEqual({ hubspotField: 'zoho_id', zohoField: 'HubSpot_ID' });
		expect(s.reads.scope?.conditions).toEqual([expect.objectContaining({ system: 'hubspot', objectKind: 'contact', field: 'email', operator: 'isSet' })]);
		expect(s.batch).toEqual({
			conflictRule: 'sourceWins',
			perField: false,
			dryRun: true,
			writeXref: true,
			mandatoryFallbacks: { lastName: 'N/A', accountName: 'Unknown company' },
			whenMissing: 'skip',
			linkCompany: false,
			now: expect.any(Function),
			retryRounds: 5,
			sleep: expect.any(Function),
		});
		// one route each: nothing the adapters read travels in the run options too
		for (const key of ['mappings', 'xref', 'scope']) expect(s.batch).not.toHaveProperty(key);
	});

	it('reads each parameter once', async () => {
		const { ctx, reads } = context(parameters);
		await readSyncSettings(ctx);
		const repeated = reads.filter((name, i) => reads.indexOf(name) !== i);
		expect(repeated).toEqual([]);
	});

	it('has the defaults of an untouched node: no cross-reference, no scope, per-field merge, links, failing on missing mandatory fields', async () => {
		const { ctx } = context({ operation: 'sync' });
		const s = await readSyncSettings(ctx);
		expect(s.hubspotCredential).toBe('hubspotSyncPrivateAppApi');
		expect(s.reads).toEqual({ mappings: { contact: expect.any(Object), company: expect.any(Object) } });
		expect(s.batch).toMatchObject({ conflictRule: 'newestWins', perField: true, dryRun: false, writeXref: false, mandatoryFallbacks: 'fail', linkCompany: true });
		expect(s.batch).not.toHaveProperty('whenMissing');
	});
});
