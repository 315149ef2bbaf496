import { ConfigError } from '../http';

export type ZohoDataCentre = 'US' | 'EU' | 'IN' | 'AU' | 'JP' | 'CA' | 'SA' | 'CN' | 'UK';

export interface ZohoDataCentreInfo {
	label: string;
	apiDomain: string;
	accountsUrl: string;
}

/** docs/crm-api-notes.md §2.1. CA's accounts server is zohocloud.ca; UK's CRM API host is unconfirmed by Zoho's CRM docs. */
export const ZOHO_DATA_CENTRES: Record<ZohoDataCentre, ZohoDataCentreInfo> = {
	US: { label: 'United States (zoho.com)', apiDomain: 'https://www.zohoapis.com', accountsUrl: 'https://accounts.zoho.com' },
	EU: { label: 'Europe (zoho.eu)', apiDomain: 'https://www.zohoapis.eu', accountsUrl: 'https://accounts.zoho.eu' },
	IN: { label: 'India (zoho.in)', apiDomain: 'https://www.zohoapis.in', accountsUrl: 'https://accounts.zoho.in' },
	AU: { label: 'Australia (zoho.com.au)', apiDomain: 'https://www.zohoapis.com.au', accountsUrl: 'https://accounts.zoho.com.au' },
	JP: { label: 'Japan (zoho.jp)', apiDomain: 'https://www.zohoapis.jp', accountsUrl: 'https://accounts.zoho.jp' },
	CA: { label: 'Canada (zohocloud.ca)', apiDomain: 'https://www.zohoapis.ca', accountsUrl: 'https://accounts.zohocloud.ca' },
	SA: { label: 'Saudi Arabia (zoho.sa)', apiDomain: 'https://www.zohoapis.sa', accountsUrl: 'https://accounts.zoho.sa' },
	CN: { label: 'China (zoho.com.cn)', apiDomain: 'https://www.zohoapis.com.cn', accountsUrl: 'https://accounts.zoho.com.cn' },
	UK: { label: 'United Kingdom (zoho.uk)', apiDomain: 'https://www.zohoapis.uk', accountsUrl: 'https://accounts.zoho.uk' },
};

export function isZohoDataCentre(value: unknown): value is ZohoDataCentre {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ZOHO_DATA_CENTRES, value);
}

function cleanBase(url: string, field: string): string {
	const trimmed = url.trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(trimmed)) throw new ConfigError(`${field} must be an http(s) URL`, field);
	return trimmed;
}

/** Accounts server for token and authorize URLs: the override when set, else the data centre's. */
export function resolveZohoAccountsUrl(credentials: { dataCenter?: unknown; accountsUrlOverride?: unknown }): string {
	if (typeof credentials.accountsUrlOverride === 'string' && credentials.accountsUrlOverride.trim()) {
		return cleanBase(credentials.accountsUrlOverride, 'accountsUrlOverride');
	}
	const dc = isZohoDataCentre(credentials.dataCenter) ? credentials.dataCenter : 'US';
	return ZOHO_DATA_CENTRES[dc].accountsUrl;
}

export interface ZohoCredentialsLike {
	dataCenter?: unknown;
	apiDomainOverride?: unknown;
	oauthTokenData?: unknown;
}

/**
 * The API base for CRM calls. Zoho says to always build URLs from the token's `api_domain` (docs/crm-api-notes.md §2.1), and n8n
 * keeps it in oauthTokenData across refreshes. An explicit override still wins: it exists for hosts api_domain does
 * not name (the local sandbox, Zoho's sandbox/developer orgs). Without either, the data centre's default.
 */
export function resolveZohoApiDomain(credentials: ZohoCredentialsLike): string {
	if (typeof credentials.apiDomainOverride === 'string' && credentials.apiDomainOverride.trim()) {
		return cleanBase(credentials.apiDomainOverride, 'apiDomainOverride');
	}
	const tokenData = credentials.oauthTokenData;
	if (typeof tokenData === 'object' && tokenData !== null) {
		const apiDomain = (tokenData as { api_domain?: unknown }).api_domain;
		if (typeof apiDomain === 'string' && apiDomain.trim()) return cleanBase(apiDomain, 'api_domain');
	}
	const dc = isZohoDataCentre(credentials.dataCenter) ? credentials.dataCenter : 'US';
	return ZOHO_DATA_CENTRES[dc].apiDomain;
}
