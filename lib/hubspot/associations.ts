// Contact <-> company associations over CRM v4 (docs/crm-api-notes.md §1.7). The contact `company` property is free text, not a link.
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
