'use strict';
// The trigger end-to-end tests' view of the toolkit (triggers.e2e.js, forged-webhooks.e2e.js, zoho-activation.e2e.js):
// the trigger stack (scripts/lib/trigger-stack.js), HubSpot deliveries and signatures (scripts/lib/hubspot-deliveries.js),
// and n8n's executions and activation (scripts/lib/n8n), under the names these tests use.
const n8n = require('../../scripts/lib/n8n');
const toolkit = require('../../scripts/lib/toolkit');

/**
 * Polls `check` until it returns a truthy value (returned) or timeoutMs passes (throws with `what`).
 * Needed around activation: n8n 2.41 publishes through an outbox, so POST /workflows/:id/activate answers
 * before the trigger's webhookMethods (checkExists/create, or delete) have run.
 */
function waitFor(what, check, { timeoutMs = 20000, everyMs = 200 } = {}) {
	return toolkit.waitFor(what, check, { timeoutMs, everyMs });
}

module.exports = {
	...require('../../scripts/lib/trigger-stack'),
	...require('../../scripts/lib/hubspot-deliveries'),
	executionIds: n8n.executionIds,
	executionCount: n8n.executionCount,
	itemsOf: n8n.itemsOf,
	settleExecutions: n8n.settleExecutions,
	postRaw: n8n.postRaw,
	nodeStaticData: n8n.nodeStaticData,
	activateAndWait: n8n.activateAndWait,
	pool: toolkit.pool,
	sleep: toolkit.sleep,
	waitFor,
};
