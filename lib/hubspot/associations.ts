// Contact <-> company associations over CRM v4 (docs/crm-api-notes.md §1.7). The contact `company` property is free text, not a link.
import { ASSOCIATION_TYPE_IDS, MAX_BATCH } from './fields';
import { chunk } from './objects';
import type { HubspotRequester } from './request';
import type { AssociationPair } from './types';

export interface AssociationResult {
	linked: AssociationPair[];
	failed: Array<AssociationPair & { message: string }>;
}

interface BatchLinkResponse {
	results?: Array<{ from?: { id?: string }; to?: { id?: string } }>;
	errors?: Array<{ message?: string; context?: { fromObjectId?: string[]; toObjectId?: string[] } }>;
}

const enc = encodeURIComponent;

/** Default (unlabelled, type 279) link; idempotent. */
export async function associateContactToCompany(http: HubspotRequester, contactId: string, companyId: string): Promise<void> {
	await http.call('PUT', `/crm/v4/objects/contact/${enc(contactId)}/associations/default/company/${enc(companyId)}`);
}

/** Default links in batches of 100; failures (e.g. a missing record) are returned per pair. */
export async function batchAssociate(http: HubspotRequester, pairs: AssociationPair[]): Promise<AssociationResult> {
	const linked: AssociationPair[] = [];
	const failed: AssociationResult['failed'] = [];
	for (const part of chunk(pairs, 100)) {
		const res = await http.call<BatchLinkResponse>('POST', '/crm/v4/associations/contact/company/batch/associate/default', {
			body: { inputs: part.map((p) => ({ from: { id: p.contactId }, to: { id: p.companyId } })) },
		});
		const bad = new Map<string, string>();
		for (const e of res.body?.errors ?? []) {
			bad.set(`${e.context?.fromObjectId?.[0]}|${e.context?.toObjectId?.[0]}`, e.message ?? 'association failed');
		}
		for (const p of part) {
			const message = bad.get(`${p.contactId}|${p.companyId}`);
			if (message) failed.push({ ...p, message });
			else linked.push(p);
		}
	}
	return { linked, failed };
}

/** Company ids linked to a contact. */
export async function listContactCompanyIds(http: HubspotRequester, contactId: string): Promise<string[]> {
	const res = await http.call<{ results?: Array<{ toObjectId: number | string }> }>('GET', `/crm/v4/objects/contact/${enc(contactId)}/associations/company`);
	return (res.body?.results ?? []).map((r) => String(r.toObjectId));
}

interface BatchReadLinksResponse {
	results?: Array<{
		from?: { id?: string | number };
		to?: Array<{ toObjectId?: string | number; associationTypes?: Array<{ typeId?: number }> }>;
	}>;
}

const isPrimary = (t: { associationTypes?: Array<{ typeId?: number }> }) =>
	(t.associationTypes ?? []).some((a) => a.typeId === ASSOCIATION_TYPE_IDS.contactToCompanyPrimary);

/**
 * Contact id -> its company ids, primary first (type 1), by the v4 batch read, 100 contacts a call. Contacts without a
 * company are absent: HubSpot answers them in a 207's errors[], which is not a failure here.
 */
export async function readContactCompanyIds(http: HubspotRequester, contactIds: readonly string[]): Promise<Map<string, string[]>> {
	const out = new Map<string, string[]>();
	for (const part of chunk([...new Set(contactIds)], MAX_BATCH)) {
		const res = await http.call<BatchReadLinksResponse>('POST', '/crm/v4/associations/contact/company/batch/read', {
			body: { inputs: part.map((id) => ({ id })) },
		});
		for (const r of res.body?.results ?? []) {
			const from = r.from?.id;
			if (from === undefined) continue;
			const to = [...(r.to ?? [])].sort((a, b) => Number(isPrimary(b)) - Number(isPrimary(a)));
			out.set(String(from), to.map((t) => String(t.toObjectId)).filter((id) => id !== 'undefined'));
		}
	}
	return out;
}
