// webhook(): authenticate (channel id + token, or the shared secret) in constant time before anything else.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import {
	channelNeedsRenewal,
	describeZohoAuthFailure,
	normaliseZohoNotification,
	normaliseZohoWorkflowRuleCall,
	verifyZohoNotification,
	verifyZohoSharedSecret,
	type ZohoNotificationItem,
} from '../../lib/zoho/notification-events';
import { renewStoredChannel, storedChannel } from './channel';
import { ZOHO_SECRET_HEADER } from './description';

function reject(ctx: IWebhookFunctions, message: string): IWebhookResponseData {
	ctx.logger.warn(`Zoho CRM Sync Trigger rejected a request: ${message}`);
	ctx.getResponseObject().status(401).json({ message });
	return { noWebhookResponse: true };
}

function emit(ctx: IWebhookFunctions, items: ZohoNotificationItem[]): IWebhookResponseData {
	if (items.length === 0) return {};
	return { workflowData: [ctx.helpers.returnJsonArray(items as unknown as IDataObject[])] };
}

async function renewIfDue(ctx: IWebhookFunctions): Promise<void> {
	const channel = storedChannel(ctx);
	if (!channel || !channelNeedsRenewal(channel.expiresAt, Date.now())) return;
	try {
		await renewStoredChannel(ctx, channel);
	} catch (error) {
		// Never lose the notification over a failed renewal; the next callback or activation retries it.
		ctx.logger.warn(`Zoho CRM Sync Trigger: channel renewal failed: ${error instanceof Error ? error.message : 'unknown error'}`);
	}
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const body = this.getBodyData() as IDataObject;
	if (this.getNodeParameter('mode', 'notificationApi') === 'workflowRule') {
		const headers = this.getHeaderData() as IDataObject;
		const query = this.getQueryData() as IDataObject;
		const provided = headers[ZOHO_SECRET_HEADER] ?? query.secret;
		const check = verifyZohoSharedSecret(typeof provided === 'string' ? provided : undefined, this.getNodeParameter('sharedSecret', '') as string);
		if (!check.ok) return reject(this, describeZohoAuthFailure(check.reason));
		const params: IDataObject = { ...query, ...body };
		delete params.secret;
		return emit(this, normaliseZohoWorkflowRuleCall(params, () => Date.now()));
	}
	const check = verifyZohoNotification(body, storedChannel(this));
	if (!check.ok) return reject(this, describeZohoAuthFailure(check.reason));
	await renewIfDue(this);
	return emit(this, normaliseZohoNotification(body, () => Date.now()));
}
