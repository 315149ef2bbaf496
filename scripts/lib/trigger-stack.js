'use strict';
// A sandbox and a real n8n with both triggers, for the trigger e2e tests (test/e2e/triggers, forged-webhooks,
// zoho-activation) and the acknowledgement benchmark (scripts/bench-webhook-ack.js): credentials pointing at the
// sandbox, one HubSpot Sync Trigger workflow and one Zoho CRM Sync Trigger workflow (each -> NoOp), imported inactive.
const n8n = require('./n8n');
const { startSandbox } = require('../../sandbox');
const { zohoCredentialData } = require('../../sandbox/credentials-for-templates');

const PKG = n8n.PACKAGE_NAME;
const IDS = {
	hubspotWorkflow: 'e2eHubspotTrig01',
	zohoWorkflow: 'e2eZohoTrigger01',
	hubspotCred: 'e2eHubspotCred01',
	zohoCred: 'e2eZohoCred00001',
	// fixed webhook ids, so the production URLs are known before activation
	hubspotWebhook: '6f1d3c2a-0e4b-4c8e-9a51-3b7d2e9f0a11',
	zohoWebhook: '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c66',
};
const NAMES = {
	hubspotTrigger: 'HubSpot Sync Trigger',
	zohoTrigger: 'Zoho CRM Sync Trigger',
	hubspotCred: 'E2E HubSpot (sandbox private app)',
	zohoCred: 'E2E Zoho CRM (sandbox)',
};
const HUBSPOT_EVENTS = ['contact.creation', 'company.creation', 'contact.propertyChange'];
const HUBSPOT_PROPERTIES = 'phone';
const ZOHO_EVENTS = ['Contacts.edit', 'Accounts.edit'];

const hubspotUrl = (inst) => `${inst.url}/webhook/${IDS.hubspotWebhook}/webhook`;
const zohoUrl = (inst) => `${inst.url}/webhook/${IDS.zohoWebhook}/webhook`;

function hubspotCredential(sb) {
	return {
		id: IDS.hubspotCred,
		name: NAMES.hubspotCred,
		type: 'hubspotSyncPrivateAppApi',
		data: { accessToken: sb.hubspot.privateAppToken, clientSecret: sb.hubspot.clientSecret, baseUrl: `${sb.url}/hubspot` },
	};
}

/** Zoho CRM Sync OAuth2 credential with a token from the sandbox's authorization-code grant (auto-approve). */
async function zohoCredential(sb, inst) {
	const data = await zohoCredentialData({ sandboxUrl: sb.url, n8nUrl: inst.url, zoho: { clientId: sb.zoho.clientId, clientSecret: sb.zoho.clientSecret } });
	return { id: IDS.zohoCred, name: NAMES.zohoCred, type: 'zohoCrmSyncOAuth2Api', data };
}

/** One trigger of this package -> NoOp `nextName`, inactive; `key` names its ids (IDS.<key>Workflow, Webhook, Cred). */
function triggerWorkflow({ key, name, nodeName, type, credentialType, parameters, nextName }) {
	const trigger = {
		id: `${key}-trigger`,
		name: nodeName,
		type: `${PKG}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: IDS[`${key}Webhook`],
		parameters,
		credentials: { [credentialType]: { id: IDS[`${key}Cred`], name: NAMES[`${key}Cred`] } },
	};
	const id = IDS[`${key}Workflow`];
	const noOp = { id: `noop-${id}`, name: nextName, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], parameters: {} };
	return {
		id,
		name,
		active: false,
		nodes: [trigger, noOp],
		connections: { [trigger.name]: { main: [[{ node: nextName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** HubSpot Sync Trigger -> NoOp. automatic: subscriptions through the sandbox's webhooks API (appId + developer key). */
function hubspotWorkflow(sb, { automatic = true } = {}) {
	return triggerWorkflow({
		key: 'hubspot',
		name: 'E2E HubSpot Sync Trigger',
		nodeName: NAMES.hubspotTrigger,
		type: 'hubspotSyncTrigger',
		credentialType: 'hubspotSyncPrivateAppApi',
		parameters: {
			authentication: 'hubspotSyncPrivateAppApi',
			events: HUBSPOT_EVENTS,
			properties: HUBSPOT_PROPERTIES,
			subscriptionManagement: automatic ? 'automatic' : 'manual',
			...(automatic ? { appId: String(sb.hubspot.appId), developerApiKey: sb.hubspot.developerApiKey } : {}),
			options: {},
		},
		nextName: 'After HubSpot',
	});
}

/** Zoho CRM Sync Trigger (Notification API channel) -> NoOp. */
function zohoWorkflow() {
	return triggerWorkflow({
		key: 'zoho',
		name: 'E2E Zoho CRM Sync Trigger',
		nodeName: NAMES.zohoTrigger,
		type: 'zohoCrmSyncTrigger',
		credentialType: 'zohoCrmSyncOAuth2Api',
		parameters: { mode: 'notificationApi', events: ZOHO_EVENTS, options: {} },
		nextName: 'After Zoho',
	});
}

/**
 * Sandbox + n8n with the package from the tarball, both credentials and both workflows imported (inactive),
 * n8n started. Activation is left to the caller (REST), so the lifecycle hooks run against the live sandbox.
 */
async function startTriggerStack({ name, tarball, sandboxOptions = {}, env = {} }) {
	const sb = await startSandbox({ port: 0, ...sandboxOptions });
	let inst;
	try {
		inst = await n8n.createInstance({ name, installMode: 'tarball', tarball, env: { ...(process.env.E2E_N8N_LOG_LEVEL ? { N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL } : {}), ...env } });
		n8n.importCredentials(inst, [hubspotCredential(sb), await zohoCredential(sb, inst)]);
		n8n.importWorkflows(inst, [hubspotWorkflow(sb), zohoWorkflow()]);
		await n8n.start(inst);
	} catch (e) {
		if (inst) await n8n.stop(inst);
		await sb.close();
		throw e;
	}
	return { sb, inst };
}

async function stopTriggerStack({ sb, inst } = {}) {
	if (inst) await n8n.stop(inst);
	if (sb) await sb.close();
}

module.exports = {
	IDS,
	NAMES,
	HUBSPOT_EVENTS,
	ZOHO_EVENTS,
	hubspotUrl,
	zohoUrl,
	hubspotCredential,
	zohoCredential,
	hubspotWorkflow,
	zohoWorkflow,
	startTriggerStack,
	stopTriggerStack,
};
