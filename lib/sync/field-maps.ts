import type { FieldMapping, ObjectKind } from './types';

/**
 * Default HubSpot industry (internal value) <-> Zoho Accounts Industry (picklist label).
 * HubSpot enums take internal values only, case-sensitive (docs/crm-api-notes.md §1.8); Zoho picklists hold org-specific labels
 * (§2.6), so nothing can be mapped by spelling. The map is one-to-one on purpose: a many-to-one map would translate back
 * to a different value and the two CRMs would ping-pong. Values outside it fail the record naming field and value
 * (docs/crm-api-notes.md §3.4) unless the caller passes `unmappedValue: 'skipField'` or its own `valueMaps.industry`.
 */
export const DEFAULT_INDUSTRY_MAP: Readonly<Record<string, string>> = {
	TELECOMMUNICATIONS: 'Communications',
	MANAGEMENT_CONSULTING: 'Consulting',
	EDUCATION_MANAGEMENT: 'Education',
	FINANCIAL_SERVICES: 'Financial Services',
	GOVERNMENT_ADMINISTRATION: 'Government',
	MILITARY: 'Government/Military',
	RETAIL: 'Retail',
	INFORMATION_TECHNOLOGY_AND_SERVICES: 'Technology',
	COMPUTER_NETWORKING: 'Network Equipment Enterprise',
	WIRELESS: 'Wireless Industry',
	COMPUTER_SOFTWARE: 'ASP (Application Service Provider)',
	MECHANICAL_OR_INDUSTRIAL_ENGINEERING: 'Manufacturing',
};

/**
 * HubSpot contact <-> Zoho Contacts (docs/crm-api-notes.md §1.8, §2.6).
 * Not mapped by default: `lifecyclestage` and lead source. Zoho Contacts has no lifecycle field, HubSpot's
 * lifecyclestage only moves forward, and Lead_Source is an org-specific picklist with no HubSpot counterpart
 * (hs_analytics_source is read-only). Users add them as custom mappings with a direction and a value map.
 * The contact `company` text is not mapped either: the link is an association / Account_Name lookup, not text.
 */
export const DEFAULT_CONTACT_MAPPINGS: readonly FieldMapping[] = [
	{ field: 'firstName', hubspot: 'firstname', zoho: 'First_Name', direction: 'both', kind: 'text' },
	{ field: 'lastName', hubspot: 'lastname', zoho: 'Last_Name', direction: 'both', kind: 'text' },
	{ field: 'email', hubspot: 'email', zoho: 'Email', direction: 'both', kind: 'email' },
	{ field: 'phone', hubspot: 'phone', zoho: 'Phone', direction: 'both', kind: 'phone' },
	{ field: 'mobile', hubspot: 'mobilephone', zoho: 'Mobile', direction: 'both', kind: 'phone' },
	{ field: 'jobTitle', hubspot: 'jobtitle', zoho: 'Title', direction: 'both', kind: 'text' },
	{ field: 'street', hubspot: 'address', zoho: 'Mailing_Street', direction: 'both', kind: 'text' },
	{ field: 'city', hubspot: 'city', zoho: 'Mailing_City', direction: 'both', kind: 'text' },
	{ field: 'state', hubspot: 'state', zoho: 'Mailing_State', direction: 'both', kind: 'text' },
	{ field: 'zip', hubspot: 'zip', zoho: 'Mailing_Zip', direction: 'both', kind: 'text' },
	{ field: 'country', hubspot: 'country', zoho: 'Mailing_Country', direction: 'both', kind: 'text' },
];

/**
 * HubSpot company <-> Zoho Accounts. Zoho has one `Website`; HubSpot has `website` and `domain`.
 * website <-> Website (compared as domains, so https://www.acme.com/ equals acme.com); when HubSpot's website is empty
 * its domain is sent. domain <- Website only (written as a bare domain).
 */
export const DEFAULT_COMPANY_MAPPINGS: readonly FieldMapping[] = [
	{ field: 'name', hubspot: 'name', zoho: 'Account_Name', direction: 'both', kind: 'text' },
	{ field: 'website', hubspot: 'website', zoho: 'Website', direction: 'both', kind: 'url', hubspotFallback: 'domain' },
	{ field: 'domain', hubspot: 'domain', zoho: 'Website', direction: 'zohoToHubspot', kind: 'domain' },
	{ field: 'phone', hubspot: 'phone', zoho: 'Phone', direction: 'both', kind: 'phone' },
	{
		field: 'industry',
		hubspot: 'industry',
		zoho: 'Industry',
		direction: 'both',
		kind: 'enum',
		valueMap: DEFAULT_INDUSTRY_MAP,
	},
	{ field: 'street', hubspot: 'address', zoho: 'Billing_Street', direction: 'both', kind: 'text' },
	{ field: 'city', hubspot: 'city', zoho: 'Billing_City', direction: 'both', kind: 'text' },
	{ field: 'state', hubspot: 'state', zoho: 'Billing_State', direction: 'both', kind: 'text' },
	// Zoho Accounts use Billing_Code, not _Zip (docs/crm-api-notes.md §2.6).
	{ field: 'zip', hubspot: 'zip', zoho: 'Billing_Code', direction: 'both', kind: 'text' },
	{ field: 'country', hubspot: 'country', zoho: 'Billing_Country', direction: 'both', kind: 'text' },
	{ field: 'numberOfEmployees', hubspot: 'numberofemployees', zoho: 'Employees', direction: 'both', kind: 'number' },
	{ field: 'annualRevenue', hubspot: 'annualrevenue', zoho: 'Annual_Revenue', direction: 'both', kind: 'number' },
	{ field: 'description', hubspot: 'description', zoho: 'Description', direction: 'both', kind: 'text' },
];

export const DEFAULT_MAPPINGS: Readonly<Record<ObjectKind, readonly FieldMapping[]>> = {
	contact: DEFAULT_CONTACT_MAPPINGS,
	company: DEFAULT_COMPANY_MAPPINGS,
};

/** Zoho's mandatory field per module (MANDATORY_NOT_FOUND otherwise) and the canonical field that feeds it. */
export const ZOHO_MANDATORY: Readonly<Record<ObjectKind, { field: string; zoho: string }>> = {
	contact: { field: 'lastName', zoho: 'Last_Name' },
	company: { field: 'name', zoho: 'Account_Name' },
};

/**
 * Natural keys creates upsert on: Zoho Contacts Email as duplicate_check_fields, HubSpot idProperty email
 * (https://www.zoho.com/crm/developer/docs/api/v8/upsert-records.html,
 * https://developers.hubspot.com/docs/api/crm/contacts). Companies have none: HubSpot's domain is not unique, and an
 * upsert on Zoho's Account_Name would merge two companies that share a name. Their creates upsert on the
 * cross-reference field when it is written (plan-record.ts), else Zoho accounts are plain inserts.
 */
export const UPSERT_KEYS: Readonly<Record<ObjectKind, { hubspot?: string; zoho?: string }>> = {
	contact: { hubspot: 'email', zoho: 'Email' },
	company: {},
};

/** Native timestamp fields the readers must request. */
export const MODIFIED_FIELDS: Readonly<Record<ObjectKind, { hubspot: string; zoho: string }>> = {
	contact: { hubspot: 'lastmodifieddate', zoho: 'Modified_Time' },
	company: { hubspot: 'hs_lastmodifieddate', zoho: 'Modified_Time' },
};
