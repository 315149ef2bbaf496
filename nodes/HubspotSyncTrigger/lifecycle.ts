// webhookMethods.default for the HubSpot trigger: automatic mode registers the target URL and subscriptions
// through the Webhooks API (docs/crm-api-notes.md §1.5); manual mode only logs the URL to paste.
import { NodeOperationError, sleep, type IHookFunctions } from 'n8n-workflow';
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

interface Registration {
	targetUrl?: string;
	subscriptionIds?: string[];
}

async function settle<T>(work: Promise<T>): Promise<{ value?: T; error?: unknown }> {
	try {
		return { value: await work };
	} catch (error) {
		return { error };
	}
}

function failure(ctx: IHookFunctions, what: string, error: unknown): NodeOperationError {
	// lib errors never carry the developer API key (URLs are reported without their query string).
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `${what}: ${message}`, {
		description: 'Check the App ID and the developer API key, and that Properties lists the properties to watch.',
	});
}

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
	const r = await settle((async () => hubspotWebhooksRegistered(await webhooksApi(this, config), url, desiredSubscriptions(config.events, config.properties)))());
	if (r.error !== undefined) throw failure(this, 'Could not read the HubSpot webhook settings', r.error);
	return r.value === true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const config = readConfig(this);
	if (config.management === 'manual') return true;
	const url = targetUrl(this, config);
	const r = await settle((async () => registerHubspotWebhooks(await webhooksApi(this, config), url, desiredSubscriptions(config.events, config.properties)))());
	if (r.error !== undefined) throw failure(this, 'Could not register the HubSpot webhook', r.error);
	const data = this.getWorkflowStaticData('node') as Registration;
	data.targetUrl = url;
	data.subscriptionIds = [...new Set([...(data.subscriptionIds ?? []), ...(r.value ?? [])])];
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const config = readConfig(this);
	if (config.management === 'manual') return true;
	const data = this.getWorkflowStaticData('node') as Registration;
	const url = data.targetUrl ?? targetUrl(this, config);
	const r = await settle((async () => unregisterHubspotWebhooks(await webhooksApi(this, config), url, data.subscriptionIds ?? []))());
	if (r.error !== undefined) {
		this.logger.warn(`HubSpot Sync Trigger: could not remove the webhook subscriptions: ${r.error instanceof Error ? r.error.message : 'unknown error'}`);
		return false;
	}
	delete data.targetUrl;
	delete data.subscriptionIds;
	return true;
}
