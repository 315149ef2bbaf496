// Why the seen record also lives in process memory: n8n 2.41 loses static-data writes made by webhook() whenever
// the call starts an execution. WorkflowRunner.run() wraps the same staticData object in a new Workflow, whose
// ObservableObject.create() resets the root __dataChanged flag before live-webhooks' saveStaticData() runs
// (n8n dist/workflow-runner.js establishContextForPersistence). Memory covers regular mode and each webhook process
// in queue mode; static data still carries the record wherever n8n persists it (calls that start no execution).
// Keys of a delivery stay pending until n8n answered it 2xx (the execution was created or queued), see
// lib/webhooks/handover.ts.
import { RecentKeys } from '../../lib/webhooks/recent-keys';

export const hubspotRecentKeys = new RecentKeys(50);
