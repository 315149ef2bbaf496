// Triggers in the harness: checkExists/create/delete of a trigger's webhookMethods and a call of its webhook(), as
// n8n 2.41 runs them on activation and for each request.
import { HookContext, WebhookContext } from 'n8n-core';
import type { IConnections, IDataObject, INode, INodeTypes, IWebhookData, IWebhookResponseData, IWorkflowExecuteAdditionalData, Workflow, WorkflowExecuteMode } from 'n8n-workflow';
import { fakeExpress } from './fake-express';
import type { CapturedResponse, FakeRequest } from './fake-express';
import { WEBHOOK_BASE_URL } from './registry';
import type { HarnessNode } from './index';

export interface TriggerDeps {
	makeWorkflow: (nodes: HarnessNode[], connections: IConnections, staticData: IDataObject) => Workflow;
	nodeTypes: INodeTypes;
	additionalData: (workflow: Workflow, mode: WorkflowExecuteMode) => IWorkflowExecuteAdditionalData;
}

/** A trigger node of the package in a one-node workflow: its webhookMethods through a HookContext, its webhook() through a WebhookContext. */
export function createTrigger(
	{ makeWorkflow, nodeTypes, additionalData }: TriggerDeps,
	node: HarnessNode,
	opts: { staticData?: IDataObject; mode?: WorkflowExecuteMode } = {},
) {
	const staticData = opts.staticData ?? {};
	const workflow = makeWorkflow([node], {}, staticData);
	const n = workflow.getNode(node.name) as INode;
	const type = nodeTypes.getByNameAndVersion(n.type, n.typeVersion);
	const description = type.description.webhooks?.[0];
	if (!description) throw new Error(`harness: ${node.type} declares no webhooks`);
	const ad = additionalData(workflow, opts.mode ?? 'trigger');
	const path = String(description.path);
	const webhookData: IWebhookData = {
		httpMethod: (description.httpMethod as IWebhookData['httpMethod']) ?? 'POST',
		node: n.name,
		path,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: ad,
		webhookId: n.webhookId,
		staticData: workflow.staticData,
	};
	const hooks = (group: 'default' | 'setup' = 'default') => {
		const methods = type.webhookMethods?.[group];
		if (!methods) throw new Error(`harness: ${node.type} has no webhookMethods.${group}`);
		const ctx = new HookContext(workflow, n, ad, opts.mode ?? 'trigger', 'activate', webhookData);
		return { methods, ctx };
	};
	return {
		workflow,
		node: n,
		get staticData(): IDataObject {
			return workflow.getStaticData('node', n) as IDataObject;
		},
		webhookUrl: `${WEBHOOK_BASE_URL}/${n.webhookId ?? ''}/${path}`,
		async checkExists(group?: 'default' | 'setup') {
			const { methods, ctx } = hooks(group);
			return await methods.checkExists.call(ctx);
		},
		async create(group?: 'default' | 'setup') {
			const { methods, ctx } = hooks(group);
			return await methods.create.call(ctx);
		},
		async delete(group?: 'default' | 'setup') {
			const { methods, ctx } = hooks(group);
			return await methods.delete.call(ctx);
		},
		/**
		 * answer: how n8n 2.41 answers after webhook() returned (responseMode onReceived, webhook-helpers.ts):
		 * 'ok' (default) 200 "Webhook call received" once the execution was created; 'fail' 500 "There was a
		 * problem executing the workflow" when creating/queueing it failed; 'none' leaves the answer to the test
		 * (`res`). Nothing is added when the node answered itself (noWebhookResponse).
		 */
		async webhook(
			req: FakeRequest,
			o: { answer?: 'ok' | 'fail' | 'none' } = {},
		): Promise<{ result: IWebhookResponseData; response: CapturedResponse; res: ReturnType<typeof fakeExpress>['response'] }> {
			const { request, response, captured } = fakeExpress(req);
			const ctx = new WebhookContext(
				workflow,
				n,
				{ ...ad, httpRequest: request, httpResponse: response } as unknown as IWorkflowExecuteAdditionalData,
				opts.mode ?? 'webhook',
				webhookData,
				[],
				null,
			);
			if (!type.webhook) throw new Error(`harness: ${node.type} has no webhook()`);
			const result = await type.webhook.call(ctx);
			const answer = o.answer ?? 'ok';
			if (answer !== 'none' && !captured.ended && result.noWebhookResponse !== true) {
				if (answer === 'fail' && result.workflowData) response.status(500).json({ code: 0, message: 'There was a problem executing the workflow' });
				else response.status(200).json({ message: 'Webhook call received' });
			}
			return { result, response: captured, res: response };
		},
	};
}
