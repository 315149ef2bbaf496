// Typed HubSpot client over the lib Transport. Methods delegate to one small module per concern.
import { associateContactToCompany, batchAssociate, listContactCompanyIds, type AssociationResult } from './associations';
import { batchCreate, batchUpdate, batchUpsert, createObject, getObject, updateObject, type BatchWriteResult } from './objects';
import { listProperties, type HubspotProperty } from './properties';
import { createRequester, type HubspotRequester } from './request';
import { search, searchAll } from './search';
import { readContactCompanyIds, readObjects } from './shared-reads';
import type {
	AccountInfo, AssociationPair, BatchReadResult, CreateInput, HubspotClientOptions, HubspotObject, HubspotObjectType,
	PropertyInput, ReadOptions, SearchAllResult, SearchBody, SearchPage, UpdateInput, UpsertInput,
} from './types';

export class HubspotClient {
	private readonly http: HubspotRequester;

	constructor(options: HubspotClientOptions) {
		this.http = createRequester(options);
	}

	/** Reserves rate-limit slots for the next `calls` calls of this client (see HubspotRequester.reserve). */
	reserveCalls(calls: number): Promise<void> {
		return this.http.reserve(calls);
	}

	/** undefined when HubSpot answers 404. With idProperty 'email', `id` is the email. */
	getObject(type: HubspotObjectType, id: string, options?: ReadOptions): Promise<HubspotObject | undefined> {
		return getObject(this.http, type, id, options);
	}

	batchRead(type: HubspotObjectType, ids: string[], options?: Omit<ReadOptions, 'associations'>): Promise<BatchReadResult> {
		return readObjects(this.http, type, ids, options);
	}

	search(type: HubspotObjectType, body: SearchBody): Promise<SearchPage> {
		return search(this.http, type, body);
	}

	searchAll(type: HubspotObjectType, body: SearchBody, options?: { maxPages?: number }): Promise<SearchAllResult> {
		return searchAll(this.http, type, body, options);
	}

	/** Throws HubspotConflictError (409, with existingId) when the email already exists. */
	createObject(type: HubspotObjectType, input: CreateInput): Promise<HubspotObject> {
		return createObject(this.http, type, input);
	}

	updateObject(type: HubspotObjectType, id: string, properties: PropertyInput, options: { idProperty?: string } = {}): Promise<HubspotObject> {
		return updateObject(this.http, type, id, properties, options.idProperty);
	}

	batchCreate(type: HubspotObjectType, inputs: CreateInput[]): Promise<BatchWriteResult> {
		return batchCreate(this.http, type, inputs);
	}

	batchUpdate(type: HubspotObjectType, inputs: UpdateInput[]): Promise<BatchWriteResult> {
		return batchUpdate(this.http, type, inputs);
	}

	batchUpsert(type: HubspotObjectType, inputs: UpsertInput[]): Promise<BatchWriteResult> {
		return batchUpsert(this.http, type, inputs);
	}

	associateContactToCompany(contactId: string, companyId: string): Promise<void> {
		return associateContactToCompany(this.http, contactId, companyId);
	}

	batchAssociate(pairs: AssociationPair[]): Promise<AssociationResult> {
		return batchAssociate(this.http, pairs);
	}

	/** Contact id -> company ids, primary first; 100 contacts a call (v4 batch read). */
	readContactCompanyIds(contactIds: readonly string[]): Promise<Map<string, string[]>> {
		return readContactCompanyIds(this.http, contactIds);
	}

	listContactCompanyIds(contactId: string): Promise<string[]> {
		return listContactCompanyIds(this.http, contactId);
	}

	/** Every property of contacts or companies, with type, options and read-only flag (field pickers, mapping check). */
	listProperties(type: HubspotObjectType): Promise<HubspotProperty[]> {
		return listProperties(this.http, type);
	}

	/** GET /account-info/v3/details: the credential test call. */
	async getAccountInfo(): Promise<AccountInfo> {
		const res = await this.http.call<AccountInfo>('GET', '/account-info/v3/details');
		return res.body;
	}
}
