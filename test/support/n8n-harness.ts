/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
/**
 * In-process n8n harness (docs/n8n-runtime-notes.md §7): runs this package's nodes through n8n-core's real
 * WorkflowExecute / HookContext / WebhookContext, straight from the TypeScript sources (ts-jest), no build.
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
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { join, basename } from 'node:path';
import {
	ExecutionLifecycleHooks,
	HookContext,
	WebhookContext,
	WorkflowExecute,
	Credentials,
} from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
	ExecutionError,
} from 'n8n-workflow';

// Jest gives each test file a fresh nock module, but Node's http module is shared by the worker:
// a previous file's interceptor left active swallows the next file's requests. Restore it after
// every file that uses the harness.
if (typeof afterAll === 'function') {
	afterAll(() => {
		nock.cleanAll();
		nock.restore();
	});
}

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};

export const PACKAGE_NAME = pkg.name;
export const WEBHOOK_BASE_URL = 'http://localhost:5678/webhook';

type AnyNodeType = INodeType | IVersionedNodeType;
type Loader<T> = () => T;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const srcOf = (distPath: string) => join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

function loadClass<T>(file: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(file) as Record<string, new () => T>;
	const className = basename(file).split('.')[0];
	const Ctor = mod[className] ?? Object.values(mod).find((v) => typeof v === 'function');
	if (!Ctor) throw new Error(`No class ${className} exported by ${file}`);
	return new Ctor();
}

/**
 * name -> lazy loader for the classes package.json#n8n lists (nodes: description.name; credentials: the credential
 * name), both the class name with a lower-case first letter.
 */
function packageLoaders<T>(distPaths: string[]): Record<string, Loader<T>> {
	const out: Record<string, Loader<T>> = {};
	for (const p of distPaths) {
		const name = lowerFirst(basename(p).split('.')[0]);
		out[name] = () => loadClass<T>(srcOf(p));
	}
	return out;
}

/** Minimal stand-ins for n8n-nodes-base types a test workflow may need around the node under test. */
function passThroughNode(name: string): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: 1,
			description: 'test helper',
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [this.getInputData()];
		},
	};
}

export interface StoredCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
	name?: string;
}

export interface HarnessOptions {
	/** Credentials by id (the id used in node.credentials[type].id). */
	credentials?: Record<string, StoredCredential>;
	/** Extra/override node types by description.name. */
	nodeTypes?: Record<string, AnyNodeType>;
	/** Extra/override credential types by name (e.g. a fake `oAuth2Api` parent). */
	credentialTypes?: Record<string, ICredentialType>;
}

export interface CapturedUpdate {
	id: string | null;
	type: string;
	data: ICredentialDataDecryptedObject;
}

class Registry<T> {
	private cache = new Map<string, T>();
	constructor(private loaders: Record<string, Loader<T>>) {}
	has(name: string) {
		return this.cache.has(name) || name in this.loaders;
	}
	get(name: string): T {
		let v = this.cache.get(name);
		if (v === undefined) {
			const load = this.loaders[name];
			if (!load) throw new Error(`Unknown type "${name}"`);
			v = load();
			this.cache.set(name, v);
		}
		return v;
	}
	names() {
		return Object.keys(this.loaders);
	}
}

// n8n's base OAuth types, only for getParentTypes/properties: the OAuth code path keys off the names.
const BASE_CREDENTIALS: Record<string, ICredentialType> = {
	oAuth2Api: { name: 'oAuth2Api', displayName: 'OAuth2 API', properties: [] },
	oAuth1Api: { name: 'oAuth1Api', displayName: 'OAuth1 API', properties: [] },
};

export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly tokenUpdates: CapturedUpdate[] = [];
	readonly credentialUpdates: CapturedUpdate[] = [];
	/** The workflow used to resolve `=` expressions in credential data and `authenticate` properties. */
	workflow: Workflow | undefined;

	constructor(
		private readonly types: Registry<ICredentialType>,
		readonly store: Record<string, StoredCredential>,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const type = this.types.has(name) ? this.types.get(name) : undefined;
		const direct = type?.extends ?? [];
		return direct.reduce<string[]>((acc, parent) => [...acc, parent, ...this.getParentTypes(parent)], []);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	private resolve(value: unknown, credentials: ICredentialDataDecryptedObject, workflow?: Workflow, node?: INode): unknown {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const wf = workflow ?? this.workflow;
		if (!wf) throw new Error('harness: no workflow to resolve credential expressions');
		const n = node ?? Object.values(wf.nodes)[0];
		return wf.expression.getSimpleParameterValue(n, value, 'internal', { $credentials: credentials }, undefined, '');
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.types.get(typeName);
		const auth = type.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions as IHttpRequestOptions);
		if (auth && auth.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, inner] of Object.entries(auth.properties)) {
				target[outerKey] = target[outerKey] ?? {};
				for (const [key, value] of Object.entries(inner as IDataObject)) {
					const k = String(this.resolve(key, credentials, workflow, node));
					target[outerKey][k] = this.resolve(value, credentials, workflow, node);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		// Like n8n: only a type with an `expirable` property pre-authenticates, and only when that value is absent or expired.
		const expirable = this.types.get(typeName).properties.find((p) => p.typeOptions?.expirable === true);
		if (!expirable || (!credentialsExpired && credentials[expirable.name])) return undefined;
		const output = await this.runPreAuthentication(helpers, credentials, typeName);
		if (output === undefined) return undefined;
		const merged = { ...credentials, ...output } as ICredentialDataDecryptedObject;
		this.credentialUpdates.push({ id: null, type: typeName, data: merged });
		return merged;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.get(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new Credentials({ id: details.id, name: details.name }, type, '');
	}

	private find(details: INodeCredentialsDetails, type: string): StoredCredential {
		const byId = details.id ? this.store[details.id] : undefined;
		const found = byId ?? Object.values(this.store).find((c) => c.type === type && (!details.name || c.name === details.name));
		if (!found || found.type !== type) throw new Error(`harness: no credential "${details.id ?? details.name}" of type ${type}`);
		return found;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		details: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.find(details, type);
		const data: ICredentialDataDecryptedObject = { ...stored.data };
		if (raw) return data;
		// Like the CLI: fill defaults (incl. hidden fields) and resolve `=` expressions with $self = the data.
		for (const prop of this.getCredentialsProperties(type)) {
			if (data[prop.name] === undefined && prop.default !== undefined) {
				data[prop.name] = prop.default as ICredentialDataDecryptedObject[string];
			}
		}
		const wf = this.workflow;
		if (!wf) return data;
		for (const [key, value] of Object.entries(data)) {
			if (typeof value === 'string' && value.startsWith('=')) {
				data[key] = wf.expression.getParameterValue(
					value, null, 0, 0, '', [], 'internal', {}, undefined, false, data,
				) as ICredentialDataDecryptedObject[string];
			}
		}
		return data;
	}

	async updateCredentials(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.credentialUpdates.push({ id: details.id, type, data });
		if (details.id && this.store[details.id]) this.store[details.id].data = data;
	}

	async updateCredentialsOauthTokenData(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.tokenUpdates.push({ id: details.id, type, data });
		if (details.id && this.store[details.id]) {
			this.store[details.id].data = { ...this.store[details.id].data, oauthTokenData: data.oauthTokenData };
		}
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		if (!this.types.has(type)) return [];
		const t = this.types.get(type);
		const parents = (t.extends ?? []).flatMap((p) => this.getCredentialsProperties(p));
		const own = new Set(t.properties.map((p) => p.name));
		return [...parents.filter((p) => !own.has(p.name)), ...t.properties];
	}
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

export interface FakeRequest {
	headers?: Record<string, string>;
	body?: unknown;
	rawBody?: Buffer | string;
	query?: Record<string, string | string[]>;
	method?: string;
	url?: string;
	params?: Record<string, string>;
}

export interface CapturedResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, string>;
	ended: boolean;
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

/** A fake express request/response good enough for WebhookContext and `res.status(x).send(y)`. */
export function fakeExpress(req: FakeRequest) {
	const raw = req.rawBody ?? (req.body === undefined ? '' : JSON.stringify(req.body));
	const rawBody = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
	const request = {
		headers,
		body: req.body ?? (rawBody.length ? safeJson(rawBody.toString('utf8')) : {}),
		rawBody,
		readRawBody: async () => undefined,
		query: req.query ?? {},
		params: req.params ?? {},
		method: req.method ?? 'POST',
		url: req.url ?? '/',
		get: (name: string) => headers[name.toLowerCase()],
		header: (name: string) => headers[name.toLowerCase()],
	};
	const captured: CapturedResponse = { statusCode: 200, body: undefined, headers: {}, ended: false };
	// An EventEmitter like Express's response: 'finish' then 'close' once an answer was sent.
	const finish = () => {
		if (captured.ended) return;
		captured.ended = true;
		response.emit('finish');
		response.emit('close');
	};
	const response = Object.assign(new EventEmitter(), {
		status(code: number) {
			captured.statusCode = code;
			return response;
		},
		setHeader(name: string, value: string) {
			captured.headers[name.toLowerCase()] = value;
			return response;
		},
		header(name: string, value: string) {
			return response.setHeader(name, value);
		},
		set(name: string, value: string) {
			return response.setHeader(name, value);
		},
		send(body?: unknown) {
			captured.body = body;
			finish();
			return response;
		},
		json(body?: unknown) {
			return response.send(body);
		},
		end(body?: unknown) {
			if (body !== undefined) captured.body = body;
			finish();
			return response;
		},
	});
	Object.defineProperty(response, 'headersSent', { get: () => captured.ended });
	Object.defineProperty(response, 'statusCode', { get: () => captured.statusCode });
	return { request, response, captured };
}

function safeJson(s: string): unknown {
	try {
		return JSON.parse(s);
	} catch {
		return {};
	}
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

	function trigger(node: HarnessNode, opts: { staticData?: IDataObject; mode?: WorkflowExecuteMode } = {}) {
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
