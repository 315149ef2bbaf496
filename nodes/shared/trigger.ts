// What the two sync triggers (HubSpot, Zoho CRM) share as n8n nodes: the description fields every one of them has,
// the webhookMethods wiring, and how a failed activation step becomes the error n8n shows.
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IHookFunctions,
	type INode,
	type INodeProperties,
	type INodeTypeDescription,
	type IWebhookFunctions,
} from 'n8n-workflow';

/** The outcome of an awaited step: its value, or what it threw (a lifecycle step decides what a failure means). */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(work: () => Promise<T>): Promise<Settled<T>> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		return { ok: false, error };
	}
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A failed trigger lifecycle step as n8n shows it when a workflow cannot be activated: "<what>: <cause's message>",
 * a description saying what to check, and the original error as `cause`. lib/ errors never carry secrets (URLs are
 * reported without their query string), so the message is theirs unchanged.
 */
export function lifecycleError(node: INode, what: string, error: unknown, description: string): NodeOperationError {
	const message = `${what}: ${messageOf(error)}`;
	// An Error is passed as the error itself so NodeOperationError keeps it as `cause`; one of n8n's own
	// NodeOperationErrors would be returned unchanged by that constructor, so it is wrapped by its message instead.
	const wrapped = error instanceof Error && !(error instanceof NodeOperationError) ? error : message;
	return new NodeOperationError(node, wrapped, { message, description });
}

/**
 * The description fields both sync triggers share (spread into each node's description literal, which must stay a
 * literal for n8n's community-node lint): one webhook (POST .../webhook, answered on receipt), one output, versions
 * 1 and 1.1.
 */
export const SYNC_TRIGGER = {
	group: ['trigger'],
	// 1.1 behaves exactly as 1. n8n 2.41 evaluates an extra expression ($parameter.options.binaryData) on every
	// webhook call to a version-1 trigger (webhook-helpers parseRequestBody), in its isolated-vm engine by default:
	// under load that one expression was most of the webhook process's CPU. Version 1.1 skips it.
	version: [1, 1.1],
	defaultVersion: 1.1,
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
} satisfies Partial<INodeTypeDescription>;

type HookStep = (this: IHookFunctions) => Promise<boolean>;

/** n8n's webhookMethods.default from the trigger's checkExists / create / delete steps. */
export function syncTriggerWebhookMethods(steps: { checkExists: HookStep; create: HookStep; remove: HookStep }) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await steps.checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await steps.create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await steps.remove.call(this);
			},
		},
	};
}

/** The trigger's Options collection: its own options, then the public URL override both triggers have. */
export function triggerOptions(own: INodeProperties[], publicUrlDescription: string, placeholder?: string): INodeProperties {
	const publicWebhookUrl: INodeProperties = {
		displayName: 'Public Webhook URL Override',
		name: 'publicWebhookUrl',
		type: 'string',
		default: '',
		...(placeholder ? { placeholder } : {}),
		description: publicUrlDescription,
	};
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options: [...own, publicWebhookUrl] };
}

const hasExpression = (value: unknown): boolean => {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	return typeof value === 'object' && value !== null && Object.values(value).some(hasExpression);
};

/**
 * A node parameter as stored when it holds no expression anywhere, else resolved by n8n. Webhook calls read their
 * parameters this way: n8n's resolver copies and walks every value even when there is nothing to resolve, and an
 * expression (a string starting with "=") still goes through it, so the result is the same.
 */
export function parameterOf<T>(ctx: IHookFunctions | IWebhookFunctions, name: string, fallback: T): T {
	const raw = ctx.getNodeParameter(name, fallback, { rawExpressions: true });
	return (hasExpression(raw) ? ctx.getNodeParameter(name, fallback) : raw) as T;
}
