// Static HubSpot property and association data (docs/crm-api-notes.md §1.7, §1.8).
import type { HubspotObjectType } from './types';

/** Contacts and companies name their last-modified property differently. */
export const LAST_MODIFIED_PROPERTY: Record<HubspotObjectType, string> = {
	contacts: 'lastmodifieddate',
	companies: 'hs_lastmodifieddate',
};

/** HUBSPOT_DEFINED association type ids; community code often mislabels these. */
export const ASSOCIATION_TYPE_IDS = {
	contactToCompanyPrimary: 1,
	contactToCompany: 279,
	companyToContactPrimary: 2,
	companyToContact: 280,
} as const;

export const MAX_BATCH = 100;
/** propertiesWithHistory lowers page and batch sizes. */
export const MAX_BATCH_WITH_HISTORY = 50;
export const MAX_SEARCH_PAGE = 200;
export const MAX_SEARCH_RESULTS = 10_000;
