// Typed Zoho CRM client over the lib Transport. Methods delegate to one small module per concern.
import { createZohoRequester, type ZohoRequester } from './client-core';
import { coql, coqlAll, findAccountsByWebsites } from './coql';
import { findAccountsByNames, findByEmails } from './lookups';
import { disableChannels, listChannels, renewChannel, watchChannel } from './notifications';
import { listFields, type ZohoField } from './fields';
import { getRecord, writeRecords } from './records';
import { findIn, getRecords } from './shared-reads';
import { createRecords } from './shared-writes';
import { getTimeline, type ZohoTimeline } from './timeline';
import type {
	ChannelInfo, CoqlResult, WatchChannelInput, WatchChannelResult, WriteOptions, WriteResult, ZohoClientOptions, ZohoModule, ZohoRecord,
} from './types';

type Input = Record<string, unknown>;

export class ZohoClient {
	private readonly http: ZohoRequester;

	constructor(options: ZohoClientOptions) {
		this.http = createZohoRequester(options);
	}

	get apiDomain(): string {
		return this.http.apiDomain;
	}

	/** undefined when the record does not exist (Zoho answers 204). */
	getRecord(module: ZohoModule, id: string, fields?: string[]): Promise<ZohoRecord | undefined> {
		return getRecord(this.http, module, id, fields);
	}

	/** Up to 100 ids per call. */
	getRecords(module: ZohoModule, ids: string[], fields: string[]): Promise<ZohoRecord[]> {
		return getRecords(this.http, module, ids, fields);
	}

	/** The record's timeline (per-field change history), newest first; one call per page, no batch form. */
	getTimeline(module: ZohoModule, id: string, maxPages?: number): Promise<ZohoTimeline> {
		return getTimeline(this.http, module, id, maxPages);
	}

	coql(query: string): Promise<CoqlResult> {
		return coql(this.http, query);
	}

	coqlAll(query: string, options?: { pageSize?: number; maxRecords?: number }): Promise<ZohoRecord[]> {
		return coqlAll(this.http, query, options);
	}

	findByEmails(module: ZohoModule, emails: string[], fields: string[]): Promise<ZohoRecord[]> {
		return findByEmails(this.http, module, emails, fields);
	}

	/**
	 * Rows whose `field` is one of `values` (COQL `in`, 100 values a call; Zoho compares case-insensitively, so re-check
	 * exact matches). `fields` are selected besides `field` and id.
	 */
	findByValues(module: ZohoModule, field: string, values: string[], fields: string[]): Promise<ZohoRecord[]> {
		return findIn(this.http, module, field, values, fields);
	}

	findAccountsByNames(names: string[], fields?: string[]): Promise<ZohoRecord[]> {
		return findAccountsByNames(this.http, names, fields);
	}

	findAccountsByWebsites(domains: string[], fields?: string[]): Promise<ZohoRecord[]> {
		return findAccountsByWebsites(this.http, domains, fields);
	}

	/** Shared with other executions' inserts of the module (shared-writes.ts). */
	insert(module: ZohoModule, records: Input[], options?: WriteOptions): Promise<WriteResult> {
		return createRecords(this.http, 'insert', module, records, options);
	}

	/** Each record needs its `id`. */
	update(module: ZohoModule, records: Input[], options?: WriteOptions): Promise<WriteResult> {
		return writeRecords(this.http, 'update', module, records, options);
	}

	/** Shared with other executions' upserts of the module on the same duplicate_check_fields (shared-writes.ts). */
	upsert(module: ZohoModule, records: Input[], options?: WriteOptions): Promise<WriteResult> {
		return createRecords(this.http, 'upsert', module, records, options);
	}

	watchChannel(input: WatchChannelInput): Promise<WatchChannelResult> {
		return watchChannel(this.http, input);
	}

	renewChannel(input: WatchChannelInput): Promise<WatchChannelResult> {
		return renewChannel(this.http, input);
	}

	disableChannels(channelIds: string[]): Promise<void> {
		return disableChannels(this.http, channelIds);
	}

	listChannels(): Promise<ChannelInfo[]> {
		return listChannels(this.http);
	}

	/** Every field of Contacts or Accounts, with data type, picklist values, read-only and mandatory flags. */
	listFields(module: ZohoModule): Promise<ZohoField[]> {
		return listFields(this.http, module);
	}

	/** GET /users?type=CurrentUser: the integration user (compare with Modified_By.id to spot our own writes). */
	async getCurrentUser(): Promise<{ id: string; full_name?: string; email?: string } | undefined> {
		const { response } = await this.http.call<{ users?: Array<{ id: string; full_name?: string; email?: string }> }>('GET', '/users', { qs: { type: 'CurrentUser' } });
		return response.body?.users?.[0];
	}
}
