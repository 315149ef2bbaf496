'use strict';
// Issue 12 item 5, in a real n8n 2.41.1 with the packed package: a Zoho channel that cannot be registered (the
// sandbox answers every Zoho call 500) is reported where a user looks, n8n's publication status of the workflow
// ("failed", with the trigger's error naming the step and URL, no secret), and n8n's retries of the activation do not
// hammer Zoho (the trigger's back-off gate answers them). Once Zoho answers again, re-activating registers the channel.
// Counts and timings are printed as diagnostics.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const { n8n, tarball } = require('./support');
const T = require('./support-triggers');

const watchCalls = (sb) => sb.core.log.filter((e) => e.path.endsWith('/actions/watch')).length;

async function publicationStatus(inst, workflowId) {
	return n8n.rest(inst, 'GET', `/workflows/${workflowId}/publication-status`);
}

describe('Zoho CRM Sync Trigger activation against a failing Zoho API', () => {
	let stack;
	let sb;
	let inst;
	before(async () => {
		stack = await T.startTriggerStack({ name: 'zoho-activation', tarball: tarball() });
		({ sb, inst } = stack);
	});
	after(async () => {
		await T.stopTriggerStack(stack);
	});

	test('a failing notification endpoint: publication status "failed" with the reason, Zoho called at most twice', async (t) => {
		sb.core.faults.rate5xx = 1;
		const before = watchCalls(sb);
		const t0 = Date.now();
		await n8n.activateWorkflow(inst, T.IDS.zohoWorkflow);
		const status = await T.waitFor(
			'the publication to fail',
			async () => {
				const s = await publicationStatus(inst, T.IDS.zohoWorkflow);
				return s && s.status === 'failed' ? s : false;
			},
			{ timeoutMs: 90_000, everyMs: 500 },
		);
		const failedAfter = Date.now() - t0;
		const callsAtFailure = watchCalls(sb) - before;
		const message = (status.triggers.find((x) => x.status === 'failed') || {}).errorMessage || '';
		t.diagnostic(`publication status ${status.status} after ${failedAfter} ms; trigger error: ${message}`);
		t.diagnostic(`Zoho watch calls until n8n gave up: ${callsAtFailure}`);
		assert.match(message, /^Could not register the Zoho notification channel: Request failed with status 500.*POST http:\/\/127\.0\.0\.1:\d+\/zoho\/crm\/v8\/actions\/watch/);
		assert.ok(!message.includes(sb.zoho.clientSecret), 'client secret in the activation error');
		assert.ok(!/1000\.[0-9a-f]{32}/.test(message), 'a Zoho token in the activation error');
		assert.ok(callsAtFailure <= 2, `${callsAtFailure} Zoho calls for one activation`);
		// does n8n try again in the background? Watch for 30 s more.
		await T.sleep(30_000);
		const wf = await n8n.rest(inst, 'GET', `/workflows/${T.IDS.zohoWorkflow}`);
		const later = watchCalls(sb) - before;
		t.diagnostic(`30 s later: ${later} Zoho watch calls in all; workflow active=${wf.active}, publication ${(await publicationStatus(inst, T.IDS.zohoWorkflow)).status}`);
		assert.ok(later <= 4, `${later} Zoho calls within ${Math.round((Date.now() - t0) / 1000)} s of one activation`);
	});

	test('once Zoho answers again, activating again registers the channel', async () => {
		sb.core.faults.rate5xx = 0;
		await n8n.deactivateWorkflow(inst, T.IDS.zohoWorkflow);
		// the gate opens at most 40 s after the last failure (20 s, doubled once if n8n retried in the background)
		const stored = await T.waitFor(
			'the channel to be registered',
			async () => {
				const s = await publicationStatus(inst, T.IDS.zohoWorkflow);
				if (s.status !== 'published' && s.status !== 'in_progress') {
					await n8n.deactivateWorkflow(inst, T.IDS.zohoWorkflow).catch(() => undefined);
					await n8n.activateWorkflow(inst, T.IDS.zohoWorkflow).catch(() => undefined);
				}
				const data = await T.nodeStaticData(inst, T.IDS.zohoWorkflow, T.NAMES.zohoTrigger);
				return data.channel && data.channel.channelId ? data : false;
			},
			{ timeoutMs: 120_000, everyMs: 5_000 },
		);
		assert.equal(sb.zoho.listChannels().length, 1);
		assert.equal(sb.zoho.listChannels()[0].channel_id, stored.channel.channelId);
	});
});
