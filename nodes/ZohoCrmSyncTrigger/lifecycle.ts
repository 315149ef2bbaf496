import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';
import { channelAlive, closeChannel, openChannel } from './channel';

const isNotificationApi = (ctx: IHookFunctions) => ctx.getNodeParameter('mode', 'notificationApi') === 'notificationApi';

async function settle<T>(work: Promise<T>): Promise<{ value?: T; error?: unknown }> {
	try {
		return { value: await work };
	} catch (error) {
		return { error };
	}
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (!isNotificationApi(this)) {
		this.logger.info(`Zoho CRM Sync Trigger (workflow rule mode): point your Zoho webhook at ${this.getNodeWebhookUrl('default') ?? ''}`);
		return true;
	}
	const r = await settle(channelAlive(this));
	if (r.error !== undefined) {
		throw new NodeOperationError(this.getNode(), `Could not check the Zoho notification channel: ${messageOf(r.error)}`, {
			description: 'Check the Zoho credential (scope ZohoCRM.notifications.ALL) and its data centre.',
		});
	}
	return r.value === true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	if (!isNotificationApi(this)) return true;
	const r = await settle(openChannel(this));
	if (r.error !== undefined) {
		throw new NodeOperationError(this.getNode(), `Could not register the Zoho notification channel: ${messageOf(r.error)}`, {
			description: 'Check the Zoho credential (scope ZohoCRM.notifications.ALL), the selected events, and that n8n\'s webhook URL is public (WEBHOOK_URL).',
		});
	}
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	if (!isNotificationApi(this)) return true;
	const r = await settle(closeChannel(this));
	if (r.error !== undefined) {
		this.logger.warn(`Zoho CRM Sync Trigger: could not disable the notification channel: ${messageOf(r.error)}`);
		return false;
	}
	return true;
}
