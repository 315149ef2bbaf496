// Sync adapters over clients built from plain client options, for benchmarks (scripts/bench-sync.js) and tests (never
// shipped: the nodes build their clients in nodes/shared/crm-clients.ts).
import { HubspotClient, type HubspotClientOptions } from '../../lib/hubspot';
import { createRequester } from '../../lib/hubspot/request';
import { createSyncAdapters, type AdapterConfig, type SyncAdapters } from '../../lib/sync-adapters';
import { ZohoClient, type ZohoClientOptions } from '../../lib/zoho';

/** Builds the clients (and the HubSpot pipeline for association reads) from client options plus sync settings. */
export function createSyncAdaptersFromOptions(
	clients: { hubspot: HubspotClientOptions; zoho: ZohoClientOptions },
	settings: Omit<AdapterConfig, 'hubspot' | 'hubspotRequester' | 'zoho'> = {},
): SyncAdapters {
	return createSyncAdapters({
		...settings,
		hubspot: new HubspotClient(clients.hubspot),
		hubspotRequester: createRequester(clients.hubspot),
		zoho: new ZohoClient(clients.zoho),
	});
}
