// Issue 12 ("Trust") at the node: Record IDs that are not one id, and contacts without an email, in n8n-core's
// WorkflowExecute against the sandbox.
import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';
import { sandboxCredentials, useSyncSandbox } from './support';

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('Sync Contact/Company node: matching it can trust', () => {
	const sandbox = useSyncSandbox();
	let sb: any;
	beforeEach(() => {
		sb = sandbox.get();
	});

	async function run(items: Array<Record<string, unknown>>, parameters: Record<string, unknown> = {}) {
		const h = createHarness({ credentials: sandboxCredentials(sb) });
		const r = await h.runWorkflow({
			nodes: [
				{
					name: 'Sync',
					type: `${PACKAGE_NAME}.syncContactCompany`,
					parameters: { direction: 'fromEvent', objectType: 'fromEvent', ...parameters },
					credentials: { hubspotSyncPrivateAppApi: { id: 'h', name: 'HubSpot' }, zohoCrmSyncOAuth2Api: { id: 'z', name: 'Zoho' } },
				},
			],
			items: items.map((json) => ({ json })),
		});
		if (r.error) throw r.error;
		return { synced: r.output('Sync', 0).map((i) => i.json as any), failed: r.output('Sync', 1).map((i) => i.json as any) };
	}

	it('a Record ID that is an array or an object fails as invalid input naming the value; the rest of the batch syncs', async () => {
		const good = sb.hubspot.createObject('contacts', { email: 'good.id@example.com', lastname: 'Good' }, { changeSource: 'CRM_UI' });
		const items = [
			{ system: 'hubspot', objectType: 'contact', objectId: ['123'] },
			{ system: 'hubspot', objectType: 'contact', objectId: { id: 1 } },
			{ system: 'hubspot', objectType: 'contact', objectId: good.id },
		];
		const byDefault = await run(items);
		expect(byDefault.failed.map((f) => [f.code, f.error])).toEqual([
			['INVALID_INPUT', expect.stringMatching(/^Record ID must be a single id, got \["123"\]/)],
			['INVALID_INPUT', expect.stringMatching(/^Record ID must be a single id, got \{"id":1\}/)],
		]);
		expect(byDefault.failed.map((f) => f.recordId)).toEqual(['["123"]', '{"id":1}']);
		expect(byDefault.synced.map((s) => [String(s.sourceId), s.action])).toEqual([[String(good.id), 'created']]);
		// The same through an expression n8n evaluates (not the default one read straight from the item).
		const viaExpression = await run([{ system: 'hubspot', objectType: 'contact', ids: ['123'] }], { recordIdField: '={{ $json.ids }}' });
		expect(viaExpression.failed[0]).toMatchObject({ code: 'INVALID_INPUT', error: expect.stringMatching(/got \["123"\]/) });
		expect(viaExpression.synced).toEqual([]);
	});

	it('a HubSpot contact without an email is never created in Zoho: Failed with the reason and the fix, on every delivery', async () => {
		const c = sb.hubspot.createObject('contacts', { firstname: 'No', lastname: 'Mail' }, { changeSource: 'CRM_UI' });
		const event = { system: 'hubspot', objectType: 'contact', objectId: c.id };
		for (let n = 0; n < 3; n++) {
			const { synced, failed } = await run([event]);
			expect(synced).toEqual([]);
			expect(failed).toEqual([expect.objectContaining({ code: 'NO_MATCH_KEY', recordId: String(c.id), error: expect.stringContaining(`HubSpot contact ${c.id}: has no email and no cross-reference field is set`) })]);
		}
		expect(sb.zoho.listRecords('Contacts')).toHaveLength(0);
	});

	it('with the cross-reference options, concurrent first syncs of a contact without email leave one Zoho contact', async () => {
		const c = sb.hubspot.createObject('contacts', { firstname: 'No', lastname: 'Mail' }, { changeSource: 'CRM_UI' });
		const options = { hubspotXrefField: 'zoho_contact_id', zohoXrefField: 'HubSpot_ID', writeXref: true };
		const event = { system: 'hubspot', objectType: 'contact', objectId: c.id };
		const runs = await Promise.all(Array.from({ length: 3 }, () => run([event], { options })));
		await run([event], { options });
		expect(runs.flatMap((r) => r.failed)).toEqual([]);
		const zoho = sb.zoho.listRecords('Contacts');
		expect(zoho).toHaveLength(1);
		expect(zoho[0].HubSpot_ID).toBe(String(c.id));
		expect(sb.hubspot.getObject('contacts', c.id).properties.zoho_contact_id).toBe(zoho[0].id);
	});
});
