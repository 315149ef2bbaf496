// The contact -> company association read now lives beside the HubSpot client (lib/hubspot/associations.ts), shared
// across concurrent executions when the requester has a coalescer (lib/hubspot/shared-reads.ts).
export { readContactCompanyIds } from '../hubspot/shared-reads';
