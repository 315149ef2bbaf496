export * from './types';
export * from './outcomes';
export { createHubspotPort, HUBSPOT_TYPE } from './hubspot-port';
export { createZohoPort, ZOHO_MODULE } from './zoho-port';
export { createSyncPorts } from './create-ports';
export { readContactCompanyIds } from './hubspot-links';
export * from './link-companies';
export * from './sync-batch';
export * from './source-pages';
