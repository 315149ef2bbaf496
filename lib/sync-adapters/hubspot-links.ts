// The contact -> company association read HubspotClient lacks: v4 batch read, 100 contacts a call (docs/crm-api-notes.md §1.7).
import { ASSOCIATION_TYPE_IDS, type HubspotRequester } from '../hubspot';
import { chunk } from '../hubspot/objects';

interface BatchReadResponse {
	results?: Array<{
		from?: { id?: string | number };
		to?: Array<{ toObjectId?: string | number; associationTypes?: Array<{ typeId?: number }> }>;
	}>;
}

/**
 * Contact id -> its company ids, primary first (type 1). Contacts without a company are absent: HubSpot answers them
 * in a 207's errors[], which is not a failure here.
 */
export async function readContactCompanyIds(http: HubspotRequester, contactIds: readonly string[]): Promise<Map<string, string[]>> {
	const out = new Map<string, string[]>();
	for (const part of chunk([...new Set(contactIds)], 100)) {
		const res = await http.call<BatchReadResponse>('POST', '/crm/v4/associations/contact/company/batch/read', {
			body: { inputs: part.map((id) => ({ id })) },
		});
		for (const r of res.body?.results ?? []) {
			const from = r.from?.id;
			if (from === undefined) continue;
			const primary = (t: { associationTypes?: Array<{ typeId?: number }> }) =>
				(t.associationTypes ?? []).some((a) => a.typeId === ASSOCIATION_TYPE_IDS.contactToCompanyPrimary);
			const to = [...(r.to ?? [])].sort((a, b) => Number(primary(b)) - Number(primary(a)));
			out.set(String(from), to.map((t) => String(t.toObjectId)).filter((id) => id !== 'undefined'));
		}
	}
	return out;
}
