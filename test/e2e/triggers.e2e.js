'use strict';
// Issue 4 "Done when", in a real n8n 2.41.1 with the packed package and the sandbox:
// activating each trigger registers it (HubSpot: target URL + subscriptions through the webhooks API with the
// app id and developer key; Zoho: a Notification API channel), sandbox writes reach the workflows, a batch of
// 100 HubSpot events is one execution of 100 items, and deactivating removes the registrations.
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const { n8n, tarball } = require('./support');
const T = require('./support-triggers');

/** The sandbox's HubSpot webhook settings for our app, read through its emulated webhooks API. */
async function hubspotSettings(sb) {
	const r = await fetch(`${sb.url}/hubspot/webhooks/v3/${sb.hubspot.appId}/settings?hapikey=${encodeURIComponent(sb.hubspot.developerApiKey)}`);
	return r.status === 200 ? r.json() : null;
}

const subscriptionKeys = (subs) => subs.map((s) => `${s.eventType}|${s.propertyName || ''}|${s.active}`).sort();

describe('HubSpot and Zoho CRM triggers in a real n8n with the sandbox', () => {
	let stack;
	let sb;
	let inst;
	before(async () => {
		stack = await T.startTriggerStack({ name: 'triggers', tarball: tarball() });
		({ sb, inst } = stack);
	});
	after(async () => {
		await T.stopTriggerStack(stack);
	});

	describe('HubSpot Sync Trigger (automatic subscriptions)', () => {
		test('activating registers the target URL and one active subscription per event/property in the sandbox', async () => {
			assert.equal(await hubspotSettings(sb), null, 'sandbox starts without webhook settings');
			assert.deepEqual(sb.hubspot.subscriptions, []);
			const stored = await T.activateAndWait(inst, T.IDS.hubspotWorkflow, T.NAMES.hubspotTrigger, (d) => Array.isArray(d.subscriptionIds) && d.subscriptionIds.length === 3);
			assert.equal(stored.targetUrl, T.hubspotUrl(inst));
			const settings = await T.waitFor('HubSpot webhook settings in the sandbox', () => hubspotSettings(sb));
			await T.waitFor('three HubSpot subscriptions', () => sb.hubspot.subscriptions.length >= 3);
			assert.equal(settings.targetUrl, T.hubspotUrl(inst));
			assert.deepEqual(subscriptionKeys(sb.hubspot.subscriptions), [
				'company.creation||true',
				'contact.creation||true',
				'contact.propertyChange|phone|true',
			]);
		});

		test('a contact created in the sandbox reaches the workflow as one normalised item per event', async () => {
			const seen = await T.executionIds(inst, T.IDS.hubspotWorkflow);
			const before = sb.hubspot.deliveries.length;
			const contact = sb.hubspot.createObject('contacts', { email: 'ada.e2e@example.com', firstname: 'Ada' });
			await sb.hubspot.flushWebhooks();
			const delivery = sb.hubspot.deliveries.slice(before);
			assert.equal(delivery.length, 1, 'one signed delivery');
			assert.equal(delivery[0].status, 200, `n8n answered ${delivery[0].status}`);
			const ex = await n8n.waitForExecution(inst, T.IDS.hubspotWorkflow, { seen });
			assert.equal(ex.status, 'success');
			const items = T.itemsOf(ex, 'After HubSpot');
			assert.equal(items.length, 1);
			assert.equal(items[0].system, 'hubspot');
			assert.equal(items[0].objectType, 'contact');
			assert.equal(items[0].eventType, 'creation');
			assert.equal(items[0].objectId, String(contact.id));
			assert.equal(items[0].portalId, String(sb.hubspot.portalId));
			assert.equal(items[0].changeSource, 'CRM_UI');
			assert.ok(!JSON.stringify(items).includes(sb.hubspot.clientSecret), 'client secret leaked into items');

			// a property change on the watched property is one more item, with the value
			const seen2 = await T.executionIds(inst, T.IDS.hubspotWorkflow);
			sb.hubspot.updateObject('contacts', contact.id, { phone: '+44 20 7946 0000' });
			await sb.hubspot.flushWebhooks();
			const ex2 = await n8n.waitForExecution(inst, T.IDS.hubspotWorkflow, { seen: seen2 });
			const items2 = T.itemsOf(ex2, 'After HubSpot');
			assert.equal(items2.length, 1);
			assert.equal(items2[0].eventType, 'propertyChange');
			assert.equal(items2[0].propertyName, 'phone');
			assert.equal(items2[0].propertyValue, '+44 20 7946 0000');
		});

		test('100 contacts created inside one batch window are one delivery and ONE execution of 100 items', async () => {
			const seen = await T.executionIds(inst, T.IDS.hubspotWorkflow);
			const countBefore = await T.executionCount(inst, T.IDS.hubspotWorkflow);
			const before = sb.hubspot.deliveries.length;
			const ids = [];
			for (let i = 0; i < 100; i++) ids.push(String(sb.hubspot.createObject('contacts', { email: `batch${i}.e2e@example.com` }).id));
			await sb.hubspot.flushWebhooks();
			const delivery = sb.hubspot.deliveries.slice(before);
			assert.deepEqual(delivery.map((d) => [d.eventCount, d.status]), [[100, 200]]);
			const ex = await n8n.waitForExecution(inst, T.IDS.hubspotWorkflow, { seen });
			const items = T.itemsOf(ex, 'After HubSpot');
			assert.equal(items.length, 100);
			assert.deepEqual(items.map((i) => i.objectId).sort(), [...ids].sort());
			assert.equal(new Set(items.map((i) => i.eventId)).size, 100);
			const total = await T.settleExecutions(inst, T.IDS.hubspotWorkflow);
			assert.equal(total, countBefore + 1, 'the batch started more than one execution');
		});

		test('sendEvents: a crafted signed batch of 100 events is one execution of 100 items', async () => {
			const seen = await T.executionIds(inst, T.IDS.hubspotWorkflow);
			const countBefore = await T.executionCount(inst, T.IDS.hubspotWorkflow);
			const events = Array.from({ length: 100 }, () => T.hubspotEvent(sb));
			const r = await sb.hubspot.sendEvents(events, { url: T.hubspotUrl(inst) });
			assert.equal(r.status, 200, r.body);
			const ex = await n8n.waitForExecution(inst, T.IDS.hubspotWorkflow, { seen });
			assert.equal(T.itemsOf(ex, 'After HubSpot').length, 100);
			assert.equal(await T.settleExecutions(inst, T.IDS.hubspotWorkflow), countBefore + 1);
		});

		test('deactivating removes the subscriptions and the target URL, and later creations start nothing', async () => {
			await n8n.deactivateWorkflow(inst, T.IDS.hubspotWorkflow);
			await T.waitFor('HubSpot subscriptions removed', async () => sb.hubspot.subscriptions.length === 0 && (await hubspotSettings(sb)) === null);
			assert.deepEqual(sb.hubspot.subscriptions, []);
			assert.equal(await hubspotSettings(sb), null);
			const count = await T.executionCount(inst, T.IDS.hubspotWorkflow);
			const before = sb.hubspot.deliveries.length;
			sb.hubspot.createObject('contacts', { email: 'after.deactivate@example.com' });
			await sb.hubspot.flushWebhooks();
			assert.equal(sb.hubspot.deliveries.length, before, 'the sandbox still delivered after deactivation');
			assert.equal(await T.settleExecutions(inst, T.IDS.hubspotWorkflow, { quietMs: 800 }), count);
		});
	});

	describe('Zoho CRM Sync Trigger (Notification API)', () => {
		let contactId;
		before(() => {
			contactId = sb.zoho.createRecord('Contacts', { Last_Name: 'Lovelace', First_Name: 'Ada', Email: 'ada.zoho@example.com' }, { notify: false }).id;
		});

		test('activating registers a channel in the sandbox with n8n\'s production URL and a token', async () => {
			assert.deepEqual(sb.zoho.listChannels(), []);
			const stored = await T.activateAndWait(inst, T.IDS.zohoWorkflow, T.NAMES.zohoTrigger, (d) => d.channel && d.channel.channelId);
			const channels = sb.zoho.listChannels();
			assert.equal(stored.channel.channelId, channels[0] && channels[0].channel_id);
			assert.equal(channels.length, 1);
			const c = channels[0];
			assert.equal(c.notify_url, T.zohoUrl(inst));
			assert.deepEqual([...c.events].sort(), [...T.ZOHO_EVENTS].sort());
			assert.equal(c.expired, false);
			assert.ok(typeof c.token === 'string' && c.token.length >= 20 && c.token.length <= 50, 'channel token missing or out of range');
			// the longest allowed expiry: about a week ahead
			assert.ok(c.expiresAt - Date.now() > 6 * 24 * 3600 * 1000, `channel expires too soon: ${c.channel_expiry}`);
		});

		test('a Zoho edit reaches the workflow as one item naming the record, operation and changed fields', async () => {
			const seen = await T.executionIds(inst, T.IDS.zohoWorkflow);
			const before = sb.zoho.notifications.length;
			sb.zoho.updateRecord('Contacts', contactId, { Phone: '+1 555 0100' });
			await sb.zoho.flushNotifications();
			const sent = sb.zoho.notifications.slice(before);
			assert.equal(sent.length, 1);
			assert.equal(sent[0].status, 200, `n8n answered ${sent[0].status}`);
			const ex = await n8n.waitForExecution(inst, T.IDS.zohoWorkflow, { seen });
			assert.equal(ex.status, 'success');
			const items = T.itemsOf(ex, 'After Zoho');
			assert.equal(items.length, 1);
			assert.equal(items[0].system, 'zoho');
			assert.equal(items[0].module, 'Contacts');
			assert.equal(items[0].objectType, 'contact');
			assert.equal(items[0].objectId, String(contactId));
			assert.equal(items[0].operation, 'update');
			assert.ok(items[0].affectedFields.includes('Phone'), JSON.stringify(items[0]));
			assert.equal(items[0].channelId, sb.zoho.listChannels()[0].channel_id);
			assert.ok(!JSON.stringify(items).includes(sb.zoho.listChannels()[0].token), 'channel token leaked into items');
		});

		test('deactivating disables the channel in the sandbox, and later edits start nothing', async () => {
			await n8n.deactivateWorkflow(inst, T.IDS.zohoWorkflow);
			await T.waitFor('the Zoho channel to be disabled', () => sb.zoho.listChannels().length === 0);
			assert.deepEqual(sb.zoho.listChannels(), []);
			const count = await T.executionCount(inst, T.IDS.zohoWorkflow);
			const before = sb.zoho.notifications.length;
			sb.zoho.updateRecord('Contacts', contactId, { Phone: '+1 555 0199' });
			await sb.zoho.flushNotifications();
			assert.equal(sb.zoho.notifications.length, before, 'the sandbox still notified after deactivation');
			assert.equal(await T.settleExecutions(inst, T.IDS.zohoWorkflow, { quietMs: 800 }), count);
		});
	});
});
