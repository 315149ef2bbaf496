// webhookMethods.default for the HubSpot trigger: automatic mode registers the target URL and subscriptions
// through the Webhooks API (docs/crm-api-notes.md §1.5); manual mode only logs the URL to paste.
import { sleep, type IHookFunctions } from 'n8n-workflow';
import {
	createHubspotWebhooksApi,
	desiredSubscriptions,
	hubspotWebhooksRegistered,
	registerHubspotWebhooks,
	unregisterHubspotWebhooks,
	type HubspotWebhooksApi,
} from '../../lib/hubspot/webhooks-api';
import { readConfig, readCredentialSettings, targetUrl, type HubspotTriggerConfig } from './config';
import { createN8nTransport } from '../shared/transport';
import { lifecycleError, settle } from '../shared/trigger';

interface Registration {
	targetUrl?: string;
	subscriptionIds?: string[];
}

const CHECK_SETTINGS = 'Check the App ID and the developer API key, and that Properties lists the properties to watch.';

async function webhooksApi(ctx: IHookFunctions, config: HubspotTriggerConfig): Promise<HubspotWebhooksApi> {
	const { baseUrl } = await readCredentialSettings(ctx, config.authentication);
	return createHubspotWebhooksApi({
		transport: createN8nTransport(ctx),
		appId: ctx.getNodeParameter('appId', '') as string,
		developerApiKey: ctx.getNodeParameter('developerApiKey', '') as string,
		baseUrl,
		sleep,
		now: () => Date.now(),
	});
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const config = readConfig(this);
	const url = targetUrl(this, config);
	if (config.management === 'manual') {
		this.logger.info(`HubSpot Sync Trigger (manual subscriptions): set your HubSpot app's webhook target URL to ${url}`);
		return true;
	}
	const r = await settle(async () => hubspotWebhooksRegistered(await webhooksApi(this, config), url, desiredSubscriptions(config.events, config.properties)));
	if (!r.ok) throw lifecycleError(this.getNode(), 'Could not read the HubSpot webhook settings', r.error, CHECK_SETTINGS);
	return r.value;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const config = readConfig(this);
	if (config.management === 'manual') return true;
	const url = targetUrl(this, config);
	const r = await settle(async () => registerHubspotWebhooks(await webhooksApi(this, config), url, desiredSubscriptions(config.events, config.properties)));
	if (!r.ok) throw lifecycleError(this.getNode(), 'Could not register the HubSpot webhook', r.error, CHECK_SETTINGS);
	const data = this.getWorkflowStaticData('node') as Registration;
	data.targetUrl = url;
	data.subscriptionIds = [...new Set([...(data.subscriptionIds ?? []), ...r.value])];
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const config = readConfig(this);
	if (config.management === 'manual') return true;
	const data = this.getWorkflowStaticData('node') as Registration;
	const url = data.targetUrl ?? targetUrl(this, config);
	const r = await settle(async () => unregisterHubspotWebhooks(await webhooksApi(this, config), url, data.subscriptionIds ?? []));
	if (!r.ok) {
		this.logger.warn(`HubSpot Sync Trigger: could not remove the webhook subscriptions: ${r.error instanceof Error ? r.error.message : 'unknown error'}`);
		return false;
	}
	delete data.targetUrl;
	delete data.subscriptionIds;
	return true;
}
