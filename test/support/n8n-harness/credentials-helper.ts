// The credentials side of n8n for the harness: stored credentials by id, n8n's authenticate / preAuthentication /
// expression resolution, and the updates n8n would save (OAuth2 tokens, refreshed fields).
import { Credentials } from 'n8n-core';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import type { Registry } from './registry';

export interface StoredCredential {
	type: string;
	data: ICredentialDataDecryptedObject;
	name?: string;
}

export interface CapturedUpdate {
	id: string | null;
	type: string;
	data: ICredentialDataDecryptedObject;
}

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
