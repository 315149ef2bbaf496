/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// The layering check that `npm run lint` runs: one deliberately wrong import per protected direction must be
// reported, the allowed ones must not, and the repository tree itself must pass.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkFiles } = require('../../scripts/check-layers.js') as {
	checkFiles: (files: { file: string; source: string }[]) => { file: string; spec: string; why: string }[];
};
type Source = { file: string; source: string };

const wrong: [string, string, string][] = [
	['lib/http/retry.ts', "import { NodeApiError } from 'n8n-workflow';", 'lib/ -> n8n-workflow'],
	['lib/zoho/records.ts', "import type { INode } from 'n8n-core';", 'lib/ -> n8n-core'],
	['lib/sync/plan.ts', "import { createHash } from 'node:crypto';", 'lib/sync -> node:*'],
	['lib/sync/plan.ts', "import { HubspotClient } from '../hubspot/client';", 'lib/sync -> client'],
	['lib/sync/match.ts', "import { syncBatch } from '../sync-adapters/sync-batch';", 'lib/sync -> adapters'],
	['lib/sync/run-sync.ts', "import { withRetry } from '../http/retry';", 'lib/sync -> lib/http'],
	['lib/hubspot/client.ts', "import { hubspotPort } from '../sync-adapters/hubspot-port';", 'client -> adapters'],
	['lib/zoho/client.ts', "import { planSync } from '../sync/plan';", 'client -> sync core'],
	['lib/zoho/client.ts', "import { HubspotClient } from '../hubspot';", 'client -> other client'],
	['lib/http/retry.ts', "const z = require('../zoho/client');", 'lib/http -> client'],
	['lib/sync-adapters/zoho-port.ts', "import { x } from '../../nodes/shared/transport';", 'lib -> nodes'],
	['nodes/InvokeUrl/execute.ts', "import { seed } from '../../sandbox/seed';", 'nodes -> sandbox'],
	['scripts/start.js', "const h = require('../test/e2e/support');", 'scripts -> test'],
	['sandbox/hubspot/crm.js', "const { planSync } = require('../../lib/sync');", 'sandbox -> lib'],
	['lib/hubspot/client.ts', "import type { ZohoClient } from '../zoho';", 'client -> other client'],
	['lib/webhooks/seen-set.ts', "import { sendWithRetry } from '../http/retry';", 'lib/webhooks -> lib/http'],
	['lib/sync-adapters/zoho-port.ts', "import { createHarness } from '../../test/support/n8n-harness';", 'lib -> test'],
	['lib/sync/plan.ts', "import { NodeOperationError } from 'n8n-workflow';", 'lib/sync -> n8n'],
	['lib/retriable.ts', "import type { HttpError } from './http';", 'the shared retriability table -> anything'],
	['nodes/SyncContactCompany/execute.ts', "import { fakeWorld } from '../../test/lib/sync/support/fake-world';", 'nodes -> test'],
	['nodes/shared/transport.ts', "const { ensureRuntime } = require('../../scripts/lib/runtime');", 'nodes -> scripts'],
	['credentials/ZohoCrmOAuth2Api.credentials.ts', "import { ZOHO } from '../nodes/shared/zoho';", 'credentials -> nodes'],
	['scripts/load-test.js', "const s = require(path.join(__dirname, '../test/e2e/support'));", 'scripts -> test (path.join)'],
	['scripts/lib/n8n.js', "const s = require(path.resolve(__dirname, '..', '..', 'test', 'support', 'x.js'));", 'scripts -> test (path.resolve)'],
	['scripts/bench.js', "const { harness } = await import('../test/support/n8n-harness');", 'scripts -> test (dynamic import)'],
	['sandbox/zoho/crm.js', "const { arg } = require('../../scripts/lib/toolkit');", 'sandbox -> scripts'],
];

const allowed: [string, string][] = [
	['lib/sync/plan.ts', "import type { SyncPort } from './ports';"],
	['lib/sync-adapters/zoho-port.ts', "import { ZohoClient } from '../zoho/client';\nimport { runSync } from '../sync';"],
	['lib/hubspot/request.ts', "import { withRetry } from '../http/retry';\nimport { createHmac } from 'node:crypto';"],
	['nodes/shared/transport.ts', "import { NodeApiError } from 'n8n-workflow';\nimport { HttpError } from '../../lib/http';"],
	['test/e2e/support.js', "const n8n = require('../../scripts/lib/n8n');"],
	['scripts/e2e.js', "// runs every test/e2e/*.e2e.js\nconst { ensureRuntime } = require('./lib/runtime');"],
	['lib/sync/port-errors.ts', "import { isRetriableFailure } from '../retriable';"],
	['lib/http/retry.ts', "import { isRetriableStatus } from '../retriable';"],
	['scripts/start.js', "const s = require(path.join(__dirname, 'lib', 'toolkit'));"],
];

/** Three lib/ modules importing each other in a ring (one import type-only, as the run-sync <-> write-xref pair was). */
const ring: Source[] = [
	{ file: 'lib/sync/run-sync.ts', source: "import { writeXrefBack } from './write-xref';" },
	{ file: 'lib/sync/write-xref.ts', source: "import { describeError } from './port-errors';\nimport type { SyncRunResult } from './index';" },
	{ file: 'lib/sync/index.ts', source: "export * from './run-sync';\nexport * from './port-errors';" },
	{ file: 'lib/sync/port-errors.ts', source: "import { isRetriableFailure } from '../retriable';" },
	{ file: 'lib/retriable.ts', source: 'export const x = 1;' },
];

describe('check-layers (npm run lint)', () => {
	it.each(wrong)('reports %s importing %s (%s)', (file, source) => {
		const violations = checkFiles([{ file, source }]);
		expect(violations.length).toBeGreaterThan(0);
		expect(violations[0].file).toBe(file);
	});

	it.each(allowed)('accepts the allowed imports of %s', (file, source) => {
		expect(checkFiles([{ file, source }])).toEqual([]);
	});

	it('reports an import cycle in lib/, naming the whole loop once', () => {
		const violations = checkFiles(ring);
		expect(violations.map((v) => v.why)).toEqual(['import cycle: lib/sync/index -> lib/sync/run-sync -> lib/sync/write-xref -> lib/sync/index']);
	});

	it('reports a two-file cycle between nodes/ modules', () => {
		const pair: Source[] = [
			{ file: 'nodes/SyncContactCompany/execute.ts', source: "import { reconcile } from './reconcile';" },
			{ file: 'nodes/SyncContactCompany/reconcile.ts', source: "import { syncOptions } from './execute';" },
		];
		expect(checkFiles(pair).map((v) => v.why)).toEqual(['import cycle: nodes/SyncContactCompany/execute -> nodes/SyncContactCompany/reconcile -> nodes/SyncContactCompany/execute']);
	});

	it('accepts the same modules once the loop is broken', () => {
		const broken = ring.map((f) => (f.file === 'lib/sync/write-xref.ts' ? { ...f, source: "import type { SyncRun } from './run-types';" } : f));
		expect(checkFiles([...broken, { file: 'lib/sync/run-types.ts', source: "import type { SyncPorts } from './ports';" }])).toEqual([]);
	});

	it('passes on the repository tree', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
		const out = execFileSync(process.execPath, ['scripts/check-layers.js'], { encoding: 'utf8' });
		expect(out).toMatch(/imports follow the layering/);
	});
});
