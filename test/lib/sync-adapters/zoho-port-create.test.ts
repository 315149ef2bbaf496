import { createZohoPort } from '../../../lib/sync-adapters/zoho-port';
import type { AdapterConfig } from '../../../lib/sync-adapters/types';
import type { RecordWrite } from '../../../lib/sync';

/** A Zoho writer whose upserts fail as a whole (a 503) and whose inserts succeed, recording the order of its calls. */
function writer(calls: string[]) {
	return {
		async upsert() {
			calls.push('upsert');
			throw new Error('Zoho answered 503');
		},
		async insert(_module: string, records: unknown[]) {
			calls.push('insert');
			return { outcomes: records.map((_, i) => ({ ok: true, id: `z${i}`, action: 'insert' })) };
		},
	};
}

describe('Zoho port createMany: creates without a key go after the upserts', () => {
	it('sends no insert when an upsert of the same batch fails, so a retry round cannot insert a key-less record twice', async () => {
		const calls: string[] = [];
		const w = writer(calls);
		const port = createZohoPort({ zoho: w, zohoWriter: w } as unknown as AdapterConfig, { zoho: new Map(), hubspot: new Map() });
		// the key-less write comes first in the plan: it must still go last
		const writes: RecordWrite[] = [
			{ sourceId: 'h1', fields: { Last_Name: 'No Email' } },
			{ sourceId: 'h2', fields: { Last_Name: 'Has Email', Email: 'a@x.com' }, upsertKey: { field: 'Email', value: 'a@x.com' } },
		];
		await expect(port.createMany('contact', writes)).rejects.toThrow('503');
		expect(calls).toEqual(['upsert']);
	});
});
