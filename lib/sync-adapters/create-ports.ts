import type { ObjectKind, SyncPorts, SystemName } from '../sync';
import { createHubspotPort } from './hubspot-port';
import { createZohoPort } from './zoho-port';
import type { AdapterConfig, RecordCache } from './types';

/** lib/sync's SyncPorts over both clients; every native record read lands in `cache` (used by company linking). */
export function createSyncPorts(config: AdapterConfig, cache: RecordCache = { zoho: new Map(), hubspot: new Map() }): SyncPorts {
	const hubspot = createHubspotPort(config, cache);
	const zoho = createZohoPort(config, cache);
	const port = (system: SystemName) => (system === 'hubspot' ? hubspot : zoho);
	return {
		reader: {
			readRecords: (system: SystemName, kind: ObjectKind, ids) => port(system).readRecords(kind, ids),
			findTargets: (system: SystemName, kind: ObjectKind, keys) => port(system).findTargets(kind, keys),
			apiWrittenIds: (kind: ObjectKind, ids) => hubspot.apiWrittenIds(kind, ids),
			fieldHistory: (system: SystemName, kind: ObjectKind, ids) => port(system).fieldHistory(kind, ids),
		},
		writer: {
			createMany: (system: SystemName, kind: ObjectKind, writes) => port(system).createMany(kind, writes),
			updateMany: (system: SystemName, kind: ObjectKind, writes) => port(system).updateMany(kind, writes),
			conditionalUpdates: (system: SystemName) => system === 'zoho',
			// Zoho writes are conditional (If-Unmodified-Since) and Zoho has no call window to wait for.
			prepare: async (system: SystemName, kind: ObjectKind, counts) => (system === 'hubspot' ? hubspot.prepare(kind, counts) : undefined),
		},
	};
}
