// Static HubSpot property and association data (docs/crm-api-notes.md §1.7, §1.8).
import type { HubspotObjectType } from './types';

export const CONTACT_PROPERTIES = [
	'email', 'firstname', 'lastname', 'phone', 'mobilephone', 'company', 'jobtitle', 'address', 'city', 'state', 'zip',
	'country', 'website', 'lifecyclestage', 'hs_additional_emails', 'createdate', 'lastmodifieddate', 'hs_object_id',
] as const;

export const COMPANY_PROPERTIES = [
	'name', 'domain', 'website', 'phone', 'industry', 'address', 'city', 'state', 'zip', 'country', 'numberofemployees',
	'annualrevenue', 'description', 'createdate', 'hs_lastmodifieddate', 'hs_object_id',
] as const;

export const DEFAULT_PROPERTIES: Record<HubspotObjectType, readonly string[]> = {
	contacts: CONTACT_PROPERTIES,
	companies: COMPANY_PROPERTIES,
};

/** Contacts and companies name their last-modified property differently. */
export const LAST_MODIFIED_PROPERTY: Record<HubspotObjectType, string> = {
	contacts: 'lastmodifieddate',
	companies: 'hs_lastmodifieddate',
};

/** Never written by a client: HubSpot answers 400 READ_ONLY_VALUE. */
export const READ_ONLY_PROPERTIES = ['createdate', 'lastmodifieddate', 'hs_lastmodifieddate', 'hs_object_id'] as const;

/** HUBSPOT_DEFINED association type ids; community code often mislabels these. */
export const ASSOCIATION_TYPE_IDS = {
	contactToCompanyPrimary: 1,
	contactToCompany: 279,
	companyToContactPrimary: 2,
	companyToContact: 280,
} as const;

/** v4 association paths use singular object names. */
export const SINGULAR: Record<HubspotObjectType, string> = { contacts: 'contact', companies: 'company' };

export const MAX_BATCH = 100;
/** propertiesWithHistory lowers page and batch sizes. */
export const MAX_BATCH_WITH_HISTORY = 50;
export const MAX_SEARCH_PAGE = 200;
export const MAX_SEARCH_RESULTS = 10_000;
