// Exact lookups by email and account name over COQL `in (…)`, shared across executions when the client has a
// coalescer (shared-reads.ts).
import { findIn } from './shared-reads';
import type { ZohoRequester } from './client-core';
import type { ZohoModule, ZohoRecord } from './types';

const uniqueLower = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean).map((v) => v.toLowerCase()))];

/**
 * Exact lookups by email with COQL `Email in (…)`, 100 values a call (two `in` criteria), because search lags writes and its `equals` means
 * "contains" (docs/crm-api-notes.md §3.1). Emails compare case-insensitively; results are re-checked exactly.
 */
export async function findByEmails(http: ZohoRequester, module: ZohoModule, emails: string[], fields: string[]): Promise<ZohoRecord[]> {
	const wanted = uniqueLower(emails);
	if (!wanted.length) return [];
	const rows = await findIn(http, module, 'Email', wanted, fields);
	return rows.filter((r) => typeof r.Email === 'string' && wanted.includes(r.Email.toLowerCase()));
}

/** Accounts whose Account_Name equals one of `names` (case-insensitive, re-checked exactly). */
export async function findAccountsByNames(http: ZohoRequester, names: string[], fields: string[] = []): Promise<ZohoRecord[]> {
	const wanted = uniqueLower(names);
	if (!wanted.length) return [];
	const rows = await findIn(http, 'Accounts', 'Account_Name', wanted, ['Website', 'Modified_Time', ...fields]);
	return rows.filter((r) => typeof r.Account_Name === 'string' && wanted.includes(r.Account_Name.trim().toLowerCase()));
}

