// The one start gate of this n8n process (lib/http/start-gate.ts): our triggers note each delivery they hand to n8n,
// the Sync node's Sync Records operation takes its own and waits, bounded, for the deliveries accepted before it, so
// executions that arrive together read and write together (shared calls, lib/http/coalesce.ts).
import { createStartGate } from '../../lib/http/start-gate';
import { now, sleep } from './transport';

export const syncStartGate = createStartGate({ now, sleep });

/** The gate's name for the system a delivery came from (the sync direction's source). */
export const gateSource = (direction: string): string => (direction === 'zohoToHubspot' ? 'zoho' : 'hubspot');
