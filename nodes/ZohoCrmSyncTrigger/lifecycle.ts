// webhookMethods.default for the Zoho trigger. A failed registration is thrown as a NodeOperationError naming what
// failed, so n8n shows that the workflow could not be activated and why; n8n's own retries of it are answered from a
// back-off gate instead of calling Zoho each time (docs/webhook-delivery.md).
import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';
import { isHttpError } from '../../lib/http';
import { RegistrationBackoff } from '../../lib/webhooks/registration-backoff';
import { lifecycleError, messageOf, settle } from '../shared/trigger';
import { channelAlive, closeChannel, openChannel } from './channel';

const isNotificationApi = (ctx: IHookFunctions) => ctx.getNodeParameter('mode', 'notificationApi') === 'notificationApi';

const backoff = new RegistrationBackoff();

const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Runs one Zoho step of activation unless the gate is closed; a failure closes the gate (Retry-After wins). */
async function gated<T>(ctx: IHookFunctions, what: string, description: string, work: () => Promise<T>): Promise<T> {
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	const closed = backoff.blocked(key, Date.now());
	if (closed) {
		throw new NodeOperationError(ctx.getNode(), closed.reason, {
			description: `${description} Zoho is not called again for this trigger before ${at(closed.until)} (backing off after that failure).`,
		});
	}
	const r = await settle(work);
	if (!r.ok) {
		const reason = `${what}: ${messageOf(r.error)}`;
		const until = backoff.failed(key, Date.now(), reason, isHttpError(r.error) ? r.error.retryAfterMs : undefined);
		throw lifecycleError(ctx.getNode(), what, r.error, `${description} Next call to Zoho for this trigger not before ${at(until)}.`);
	}
	backoff.succeeded(key);
	return r.value;
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (!isNotificationApi(this)) {
		this.logger.info(`Zoho CRM Sync Trigger (workflow rule mode): point your Zoho webhook at ${this.getNodeWebhookUrl('default') ?? ''}`);
		return true;
	}
	return await gated(
		this,
		'Could not check the Zoho notification channel',
		'Check the Zoho credential (scope ZohoCRM.notifications.ALL) and its data centre.',
		async () => await channelAlive(this),
	);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	if (!isNotificationApi(this)) return true;
	await gated(
		this,
		'Could not register the Zoho notification channel',
		"Check the Zoho credential (scope ZohoCRM.notifications.ALL), the selected events, and that n8n's webhook URL is public (WEBHOOK_URL).",
		async () => await openChannel(this),
	);
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	if (!isNotificationApi(this)) return true;
	const r = await settle(async () => await closeChannel(this));
	if (!r.ok) {
		this.logger.warn(`Zoho CRM Sync Trigger: could not disable the notification channel: ${messageOf(r.error)}`);
		return false;
	}
	return true;
}
