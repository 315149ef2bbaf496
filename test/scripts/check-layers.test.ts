/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// The layering check that `npm run lint` runs: one deliberately wrong import per protected direction must be
// reported, the allowed ones must not, and the repository tree itself must pass.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkFiles } = require('../../scripts/check-layers.js') as {
	checkFiles: (files: { file: string; source: string }[]) => { file: string; spec: string; why: string }[];
};

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
];

const allowed: [string, string][] = [
	['lib/sync/plan.ts', "import type { SyncPort } from './ports';"],
	['lib/sync-adapters/zoho-port.ts', "import { ZohoClient } from '../zoho/client';\nimport { runSync } from '../sync';"],
	['lib/hubspot/request.ts', "import { withRetry } from '../http/retry';\nimport { createHmac } from 'node:crypto';"],
	['nodes/shared/transport.ts', "import { NodeApiError } from 'n8n-workflow';\nimport { HttpError } from '../../lib/http';"],
	['test/e2e/support.js', "const n8n = require('../../scripts/lib/n8n');"],
	['scripts/e2e.js', "// runs every test/e2e/*.e2e.js\nconst { ensureRuntime } = require('./lib/runtime');"],
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

	it('passes on the repository tree', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
		const out = execFileSync(process.execPath, ['scripts/check-layers.js'], { encoding: 'utf8' });
		expect(out).toMatch(/imports follow the layering/);
	});
});
