// webhook(): authenticate (channel id + token, or the shared secret) in constant time before anything else, then
// drop exact repeats of a notification. Nothing here calls Zoho: the answer never waits on Zoho's API. The channel is
// renewed on activation and by the Sync node's "Renew Zoho Notification Channels" operation on a schedule.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { syncStartGate } from '../shared/start-gate';
import {
	describeZohoAuthFailure,
	normaliseZohoNotification,
	normaliseZohoWorkflowRuleCall,
	verifyZohoNotification,
	verifyZohoSharedSecret,
	zohoNotificationKey,
	type ZohoNotificationItem,
} from '../../lib/zoho/notification-events';
import { RecentKeys, holdUntilHandedOver, persistConfirmed } from '../../lib/webhooks/recent-keys';
import { filterUnseen, seenStateIn } from '../../lib/webhooks/seen-set';
import { parameterOf } from '../shared/trigger';
import { storedChannel } from './channel';
import { ZOHO_SECRET_HEADER } from './description';

/** Keys of recent notifications per trigger, in process memory (see nodes/HubspotSyncTrigger/recent-keys.ts). */
const recentKeys = new RecentKeys(50);
const DEDUPE_WINDOW = 5000;
const PERSISTED_SEEN = 500;

function reject(ctx: IWebhookFunctions, message: string): IWebhookResponseData {
	ctx.logger.warn(`Zoho CRM Sync Trigger rejected a request: ${message}`);
	ctx.getResponseObject().status(401).json({ message });
	return { noWebhookResponse: true };
}

function emit(ctx: IWebhookFunctions, items: ZohoNotificationItem[]): IWebhookResponseData {
	if (items.length === 0) return {};
	syncStartGate.arrived('zoho');
	return { workflowData: [ctx.helpers.returnJsonArray(items as unknown as IDataObject[])] };
}

/**
 * Drops records this trigger already handed to an execution (same channel, module, operation, id and server_time).
 * Their keys are remembered only once n8n answered 2xx, as for HubSpot events (lib/webhooks/handover.ts).
 */
function emitUnseen(ctx: IWebhookFunctions, items: ZohoNotificationItem[]): IWebhookResponseData {
	const staticData = ctx.getWorkflowStaticData('node');
	const scope = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	const stored = seenStateIn(staticData, 'seen');
	const seen = recentKeys.recall(scope, stored, DEDUPE_WINDOW);
	const { fresh, duplicates } = filterUnseen(seen, items, zohoNotificationKey, DEDUPE_WINDOW);
	if (fresh.length === 0) {
		if (duplicates.length > 0) ctx.logger.debug('Zoho CRM Sync Trigger dropped a repeated notification', { duplicates: duplicates.length });
		persistConfirmed(recentKeys, scope, staticData, 'seen', stored, PERSISTED_SEEN);
		return {};
	}
	const result = emit(ctx, fresh);
	holdUntilHandedOver(recentKeys, scope, fresh.map(zohoNotificationKey), DEDUPE_WINDOW, ctx.getResponseObject());
	return result;
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const body = this.getBodyData() as IDataObject;
	if (parameterOf<string>(this, 'mode', 'notificationApi') === 'workflowRule') {
		const headers = this.getHeaderData() as IDataObject;
		const query = this.getQueryData() as IDataObject;
		const provided = headers[ZOHO_SECRET_HEADER] ?? query.secret;
		const check = verifyZohoSharedSecret(typeof provided === 'string' ? provided : undefined, parameterOf(this, 'sharedSecret', ''));
		if (!check.ok) return reject(this, describeZohoAuthFailure(check.reason));
		const params: IDataObject = { ...query, ...body };
		delete params.secret;
		return emit(this, normaliseZohoWorkflowRuleCall(params, () => Date.now()));
	}
	const check = verifyZohoNotification(body, storedChannel(this));
	if (!check.ok) return reject(this, describeZohoAuthFailure(check.reason));
	return emitUnseen(this, normaliseZohoNotification(body, () => Date.now()));
}
