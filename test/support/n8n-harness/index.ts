/**
 * In-process n8n harness (docs/n8n-runtime-notes.md §7): runs this package's nodes through n8n-core's real
 * WorkflowExecute / HookContext / WebhookContext, straight from the TypeScript sources (ts-jest), no build.
 * Beside this file: registry.ts (node and credential types), credentials-helper.ts (n8n's credentials side),
 * trigger.ts (webhookMethods and webhook() of a trigger), fake-express.ts (the request/response pair).
 *
 * Usage (any node of the package):
 *
 *   import { createHarness, PACKAGE_NAME } from '../../support/n8n-harness';
 *   const h = createHarness({
 *     credentials: { c1: { type: 'customServiceBasicApi', data: { user: 'u', password: 'p' } } },
 *   });
 *   const run = await h.runWorkflow({
 *     nodes: [{ name: 'Call', type: `${PACKAGE_NAME}.invokeUrl`, parameters: { url: 'https://x.test/a' },
 *               credentials: { customServiceBasicApi: { id: 'c1', name: 'Basic' } } }],
 *     items: [{ json: { a: 1 } }],           // fed to the first node (or `startNode`)
 *   });
 *   run.output('Call')          // INodeExecutionData[] of output 0 (run.output('Call', 1) = 2nd/error output)
 *   run.error                   // the workflow-level error when a node threw (stopWorkflow)
 *   h.tokenUpdates              // OAuth2 token data n8n saved after a refresh: [{ id, type, data }]
 *
 * Node `type` may be `<package>.<name>` (as in a real n8n), the bare `name`, or one of the helper types
 * `test.passThrough` (returns its input) / `test.collect` (same, meant as a sink for the error output).
 * Node types are loaded lazily from package.json#n8n (dist/nodes/X/X.node.js -> nodes/X/X.node.ts), so a
 * workflow only loads the nodes it uses. Extra or fake types: `createHarness({ nodeTypes, credentialTypes })`.
 *
 * Triggers:
 *   const t = h.trigger({ name: 'HS', type: `${PACKAGE_NAME}.hubspotSyncTrigger`, parameters, credentials,
 *                         webhookId: 'uuid' }, { staticData });
 *   await t.checkExists(); await t.create(); await t.delete();  // webhookMethods.<group> via a HookContext
 *   const r = await t.webhook({ headers, body, rawBody, query, method: 'POST', url: '/webhook/...' });
 *   r.result (IWebhookResponseData), r.response ({ statusCode, body, headers, ended }), t.staticData (node static data)
 *   t.webhookUrl ('default') is `${WEBHOOK_BASE_URL}/<webhookId>/<path>`.
 *
 * Notes: importing this module registers an afterAll that calls nock.restore() (see below).
 * n8n re-sends a request once after a 401 for non-OAuth credentials (its preAuthentication retry),
 * so a nock answering 401 needs `.times(2)`. OAuth2 refreshes via accessTokenUrl, then retries once.
 */
import nock from 'nock';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { NodeConnectionTypes, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeTypes,
	IRun,
	IRunData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
	ExecutionError,
} from 'n8n-workflow';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { StoredCredential } from './credentials-helper';
import { BASE_CREDENTIALS, PACKAGE_NAME, Registry, WEBHOOK_BASE_URL, packageLoaders, passThroughNode, pkg } from './registry';
import type { AnyNodeType, Loader } from './registry';
import { createTrigger } from './trigger';

export { PACKAGE_NAME, WEBHOOK_BASE_URL } from './registry';
export { HarnessCredentialsHelper } from './credentials-helper';
export type { StoredCredential, CapturedUpdate } from './credentials-helper';
export { fakeExpress } from './fake-express';
export type { FakeRequest, CapturedResponse } from './fake-express';

// Jest gives each test file a fresh nock module, but Node's http module is shared by the worker:
// a previous file's interceptor left active swallows the next file's requests. Restore it after
// every file that uses the harness.
if (typeof afterAll === 'function') {
	afterAll(() => {
		nock.cleanAll();
		nock.restore();
	});
}

export interface HarnessOptions {
	/** Credentials by id (the id used in node.credentials[type].id). */
	credentials?: Record<string, StoredCredential>;
	/** Extra/override node types by description.name. */
	nodeTypes?: Record<string, AnyNodeType>;
	/** Extra/override credential types by name (e.g. a fake `oAuth2Api` parent). */
	credentialTypes?: Record<string, ICredentialType>;
}

export interface HarnessNode extends Partial<INode> {
	name: string;
	type: string;
}

export interface RunOptions {
	nodes: HarnessNode[];
	/** Defaults to a straight chain of `nodes` in order, output 0 -> next. */
	connections?: IConnections;
	/** Items fed to the start node (default one empty item). */
	items?: INodeExecutionData[];
	/** Defaults to the first node. */
	startNode?: string;
	/** Workflow static data, e.g. { 'node:Sync': { cursor: 1 } }; mutated in place by the run. */
	staticData?: IDataObject;
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	runData: IRunData;
	/** Workflow-level error (a node failed without continueOnFail / error output). */
	error: ExecutionError | undefined;
	/** Items of `outputIndex` of the last run of node `name` ([] if it did not run or sent nothing). */
	output(name: string, outputIndex?: number): INodeExecutionData[];
	workflow: Workflow;
	staticData: IDataObject;
}

function fullNode(n: HarnessNode, i: number): INode {
	return {
		id: n.id ?? `node-${i}`,
		typeVersion: 1,
		position: [i * 200, 0],
		parameters: {},
		...n,
	} as INode;
}

function chain(nodes: HarnessNode[]): IConnections {
	const c: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		c[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: NodeConnectionTypes.Main, index: 0 }]] };
	}
	return c;
}

export function createHarness(options: HarnessOptions = {}) {
	const nodeLoaders: Record<string, Loader<AnyNodeType>> = {
		...packageLoaders<AnyNodeType>(pkg.n8n.nodes),
		passThrough: () => passThroughNode('passThrough'),
		collect: () => passThroughNode('collect'),
	};
	for (const [name, t] of Object.entries(options.nodeTypes ?? {})) nodeLoaders[name] = () => t;
	const credLoaders: Record<string, Loader<ICredentialType>> = {
		...Object.fromEntries(Object.entries(BASE_CREDENTIALS).map(([k, v]) => [k, () => v])),
		...packageLoaders<ICredentialType>(pkg.n8n.credentials),
	};
	for (const [name, t] of Object.entries(options.credentialTypes ?? {})) credLoaders[name] = () => t;

	const nodes = new Registry(nodeLoaders);
	const credTypes = new Registry(credLoaders);
	const store: Record<string, StoredCredential> = JSON.parse(JSON.stringify(options.credentials ?? {}));
	const credentialsHelper = new HarnessCredentialsHelper(credTypes, store);

	const shortName = (type: string) => type.replace(`${PACKAGE_NAME}.`, '').replace(/^test\./, '');
	const nodeTypes: INodeTypes = {
		getByName: (type) => nodes.get(shortName(type)),
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(nodes.get(shortName(type)), version),
		getKnownTypes: () => Object.fromEntries(nodes.names().map((n) => [`${PACKAGE_NAME}.${n}`, { className: n, sourcePath: '' }])),
	};

	let executionCounter = 0;
	function additionalData(workflow: Workflow, mode: WorkflowExecuteMode): IWorkflowExecuteAdditionalData {
		const executionId = `exec-${++executionCounter}`;
		return {
			executionId,
			credentialsHelper,
			hooks: new ExecutionLifecycleHooks(mode, executionId, {
				id: workflow.id,
				name: workflow.name ?? 'test',
				active: false,
				isArchived: false,
				nodes: Object.values(workflow.nodes),
				connections: workflow.connectionsBySourceNode,
				createdAt: new Date(),
				updatedAt: new Date(),
				activeVersionId: null,
			} as never),
			webhookBaseUrl: WEBHOOK_BASE_URL,
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			formBaseUrl: 'http://localhost:5678/form',
			formTestBaseUrl: 'http://localhost:5678/form-test',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			mcpBaseUrl: 'http://localhost:5678/mcp',
			mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678',
			variables: {},
			currentNodeParameters: undefined,
			currentNodeExecutionIndex: 0,
			logAiEvent: () => undefined,
			executeWorkflow: async () => {
				throw new Error('harness: executeWorkflow is not supported');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	function makeWorkflow(ns: HarnessNode[], connections: IConnections, staticData: IDataObject): Workflow {
		const workflow = new Workflow({
			id: 'wf-test',
			name: 'test',
			nodes: ns.map(fullNode),
			connections,
			nodeTypes,
			active: false,
			staticData,
			settings: { executionOrder: 'v1' },
		});
		credentialsHelper.workflow = workflow;
		return workflow;
	}

	async function runWorkflow(opts: RunOptions): Promise<RunResult> {
		const staticData = opts.staticData ?? {};
		const workflow = makeWorkflow(opts.nodes, opts.connections ?? chain(opts.nodes), staticData);
		const mode = opts.mode ?? 'manual';
		const startName = opts.startNode ?? opts.nodes[0].name;
		const start = workflow.getNode(startName);
		if (!start) throw new Error(`harness: no node named ${startName}`);
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: start, data: { main: [opts.items ?? [{ json: {} }]] }, source: null }],
			},
		});
		const exec = new WorkflowExecute(additionalData(workflow, mode), mode, runExecutionData);
		const run = await exec.processRunExecutionData(workflow);
		const runData = run.data.resultData.runData;
		return {
			run,
			runData,
			error: run.data.resultData.error,
			workflow,
			staticData: workflow.staticData as IDataObject,
			output(name: string, outputIndex = 0) {
				const tasks = runData[name];
				if (!tasks?.length) return [];
				return tasks[tasks.length - 1].data?.main?.[outputIndex] ?? [];
			},
		};
	}

	const trigger = (node: HarnessNode, opts: { staticData?: IDataObject; mode?: WorkflowExecuteMode } = {}) =>
		createTrigger({ makeWorkflow, nodeTypes, additionalData }, node, opts);

	return {
		credentialsHelper,
		/** Credentials by id, live (OAuth2 token updates are written back). */
		credentials: store,
		tokenUpdates: credentialsHelper.tokenUpdates,
		credentialUpdates: credentialsHelper.credentialUpdates,
		nodeTypes,
		getNodeType: (name: string) => nodes.get(shortName(name)),
		getCredentialType: (name: string) => credTypes.get(name),
		runWorkflow,
		trigger,
	};
}

export type Harness = ReturnType<typeof createHarness>;
export type { INodeParameters };
