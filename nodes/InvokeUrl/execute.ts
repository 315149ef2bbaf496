import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';
import { ConfigError, DEFAULT_RETRY, expectOk, sendWithRetry } from '../../lib/http';
import type { HttpMethod, HttpRequest, HttpResponse, Transport } from '../../lib/http';
import { secretsOf, toErrorJson, toNodeError } from '../shared/errors';
import { createN8nTransport, now, sleep } from '../shared/transport';
import { expandPlaceholders, parseConnectionParameters } from './connection-parameters';
import { CREDENTIAL_TYPES } from './description';
import { prepareOAuth1Request } from './oauth1-request';
import { paginate, valueAtPath } from './pagination';
import type { Page, PaginationSpec } from './pagination';
import { followRedirects, MAX_REDIRECTS } from './redirects';
import { buildRequest, hasBody, resolveUrl } from './request-body';
import type { ArrayFormat, ContentType, FilePart, NameValue, RequestSpec } from './request-body';
import { toOutputItem } from './response-item';
import type { OutputOptions } from './response-item';
import { decodeResponse, trimForAgent } from './response-format';
import type { ResponseFormat } from './response-format';
import { mayRetryFor } from './retry-policy';
import { allowedHostsFor, assertUrlTrusted, credentialTrust, isUrlTrusted } from './trust';
import type { CredentialTrust } from './trust';

interface Options {
	timeout?: number;
	retries?: number;
	retryNonIdempotent?: boolean;
	failOnHttpError?: boolean;
	followRedirects?: boolean;
	maxRedirects?: number;
	arrayFormat?: ArrayFormat;
	responseFormat?: ResponseFormat;
	outputField?: string;
	proxy?: string;
	batching?: { batch?: { batchSize?: number; batchInterval?: number } };
	agentTrim?: { trim?: { fields?: string; maxChars?: number } };
}

/** Credential data read once per execution (n8n reads it without an item index for signing too). */
type CredentialCache = Map<string, Promise<ICredentialDataDecryptedObject | undefined>>;

export async function executeInvokeUrl(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	const cache: CredentialCache = new Map();
	const batch = (this.getNodeParameter('options', 0, {}) as Options).batching?.batch;
	const batchSize = Math.max(1, Math.floor(batch?.batchSize ?? 0)) || Infinity;
	for (let i = 0; i < items.length; i++) {
		// Batching: a pause after every batchSize items (n8n-workflow's sleep; no timers in community nodes).
		if (batch && i > 0 && i % batchSize === 0 && (batch.batchInterval ?? 0) > 0) await sleep(batch.batchInterval ?? 0);
		try {
			out.push(...(await invokeOne.call(this, i, cache)));
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, {
				itemIndex: i,
				credentialLabel: credentialLabel.call(this, i),
				secrets: await credentialSecrets.call(this, i, cache),
			});
			if (!this.continueOnFail()) throw nodeError;
			out.push({ json: toErrorJson(nodeError), pairedItem: { item: i } });
		}
	}
	return [out];
}

async function invokeOne(this: IExecuteFunctions, i: number, cache: CredentialCache): Promise<INodeExecutionData[]> {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	const method = this.getNodeParameter('method', i, 'GET') as HttpMethod;
	const options = this.getNodeParameter('options', i, {}) as Options;
	const withBody = hasBody(method);
	const contentType = (withBody ? this.getNodeParameter('contentType', i, 'json') : 'json') as ContentType;
	const credential = authentication === 'none' ? undefined : await readCredential.call(this, authentication, i, cache);
	// Connection Parameters fill {name} placeholders first: the host check below sees the expanded URL.
	const connection = parseConnectionParameters(credential?.connectionParameters);
	const rawBase = typeof credential?.baseUrl === 'string' ? credential.baseUrl.trim() : '';
	const baseUrl = expandPlaceholders(rawBase, connection, 'Base URL');
	const url = resolveUrl(expandPlaceholders(this.getNodeParameter('url', i) as string, connection, 'URL'), baseUrl || undefined);
	const trust = credential ? credentialTrust({ ...credential, baseUrl }) : undefined;
	const label = credentialLabel.call(this, i) ?? 'The credential';
	const check = (target: string) => {
		// Before anything is sent: a URL from item data must not carry the credential to a host it was not made for.
		if (trust) assertUrlTrusted(target, trust, label);
	};
	check(url);
	const parameters = list(this.getNodeParameter('parameters', i, {}) as IDataObject, 'parameter');
	const spec: RequestSpec = {
		method,
		url,
		headers: list(this.getNodeParameter('headers', i, {}) as IDataObject, 'header'),
		parameters,
		contentType,
		rawBody: withBody && (contentType === 'raw' || contentType === 'json') ? (this.getNodeParameter('rawBody', i, '') as string) : '',
		files: withBody && contentType === 'multipart' ? await fileParts.call(this, i) : undefined,
		binary: withBody && contentType === 'binary' ? await binaryBody.call(this, i) : undefined,
		arrayFormat: options.arrayFormat ?? 'repeat',
		timeoutMs: options.timeout ?? 30_000,
	};
	const request = buildRequest(spec);
	const transport = transportFor.call(this, authentication, trust, options);
	const send = async (req: HttpRequest): Promise<HttpResponse> => {
		const response = await sendWithRetry(transport, req, {
			...DEFAULT_RETRY,
			retries: options.retries ?? DEFAULT_RETRY.retries,
			// the node's Retries option is the user's word for every kind of retry, 429 included
			rateLimitRetries: options.retries ?? DEFAULT_RETRY.retries,
			mayRetry: mayRetryFor(options.retryNonIdempotent === true),
			sleep,
			now,
		});
		if (options.failOnHttpError !== false && response.statusCode >= 400) expectOk(req, { ...response, body: bodyForError(response) }, now);
		return response;
	};
	const output: OutputOptions = outputOptions(options);
	const pagination = paginationSpec.call(this, i);
	if (!pagination) return [await toOutputItem(this, await send(request), request.url, i, output)];
	const pages: Array<{ response: HttpResponse; page: Page; url: string }> = [];
	await paginate(
		pagination,
		request,
		(value) => buildRequest({ ...spec, parameters: [...parameters.filter((p) => p.name !== pagination.parameterName), { name: pagination.parameterName, value: String(value) }] }),
		async (req) => {
			const response = await send(req);
			// Stop conditions and next URLs read the decoded body: the output item's body (before any AI trimming).
			const item = await toOutputItem(this, response, req.url, i, { ...output, agentTrim: undefined, outputField: 'body' });
			const page: Page = { statusCode: response.statusCode, headers: response.headers, body: item.json.body };
			pages.push({ response, page, url: req.url });
			return page;
		},
		check,
	);
	if (pagination.output === 'merged') {
		const merged = pages.flatMap(({ page }) => {
			const v = pagination.itemsPath ? valueAtPath({ body: page.body }, pagination.itemsPath) : page.body;
			return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
		});
		const field = output.outputField || 'body';
		const body = output.agentTrim ? trimForAgent(merged, output.agentTrim) : merged;
		return [{ json: { statusCode: pages[pages.length - 1].page.statusCode, pages: pages.length, [field]: body } as IDataObject, pairedItem: { item: i } }];
	}
	return await Promise.all(pages.map(({ response, url: pageUrl }) => toOutputItem(this, response, pageUrl, i, output)));
}

/** An error body as text or JSON (the transport hands over raw bytes), for the error description. */
function bodyForError(response: HttpResponse): unknown {
	const type = String(response.headers['content-type'] ?? '');
	const decoded = decodeResponse(response.body, type, 'auto', '');
	return decoded.kind === 'empty' ? undefined : decoded.value;
}

function outputOptions(options: Options): OutputOptions {
	const trim = options.agentTrim?.trim;
	const fields = (trim?.fields ?? '').split(',').map((f) => f.trim()).filter(Boolean);
	return {
		format: options.responseFormat ?? 'auto',
		outputField: (options.outputField ?? '').trim(),
		agentTrim: trim ? { fields, maxChars: Math.max(0, Math.floor(trim.maxChars ?? 0)) } : undefined,
	};
}

function paginationSpec(this: IExecuteFunctions, i: number): (PaginationSpec & { output: string }) | undefined {
	const mode = this.getNodeParameter('paginationMode', i, 'off') as PaginationSpec['mode'];
	if (mode === 'off') return undefined;
	const p = <T>(name: string, fallback: T) => this.getNodeParameter(name, i, fallback) as T;
	return {
		mode,
		nextUrlPath: p('nextUrlPath', 'body.next').trim(),
		parameterName: p('pageParameterName', 'page').trim() || 'page',
		start: Number(p('pageStart', 1)),
		increment: Number(p('pageIncrement', 1)),
		itemsPath: p('itemsPath', '').trim(),
		stopWhen: p('paginationStopWhen', 'noNextUrl'),
		stopFieldPath: p('stopFieldPath', '').trim(),
		stopFieldValue: p('stopFieldValue', 'false'),
		maxPages: Number(p('maxPages', 100)),
		output: p('paginationOutput', 'pages'),
	};
}

/**
 * n8n never follows a redirect here: followRedirects does, sending the credential only where it may go. The
 * authenticated hops get n8n's own host allowlist as a second guard, and OAuth 1.0a requests their body signing.
 */
function transportFor(this: IExecuteFunctions, authentication: string, trust: CredentialTrust | undefined, options: Options): Transport {
	const proxy = proxyOption(options.proxy);
	const common = { followRedirects: false, rawResponses: true, prepare: proxy ? (opts: IHttpRequestOptions) => void (opts.proxy = proxy) : undefined };
	const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
	const plain = createN8nTransport(this, 'none', common);
	if (!trust) return followRedirects(plain, plain, { follow: options.followRedirects !== false, maxRedirects, mayAuthenticate: () => false });
	const allowedDomains = allowedHostsFor(trust);
	const authenticated = createN8nTransport(this, authentication, {
		...common,
		prepare: (opts) => {
			if (proxy) opts.proxy = proxy;
			if (allowedDomains) opts.allowedDomains = allowedDomains;
			if (authentication === 'customServiceOAuth1Api') prepareOAuth1Request(opts);
		},
	});
	return followRedirects(authenticated, plain, {
		follow: options.followRedirects !== false,
		maxRedirects,
		// "All" lets the user send the credential to any URL they give, never to one a server redirects to.
		mayAuthenticate: (target) => isUrlTrusted(target, { ...trust, allowAll: false }),
	});
}

/** The Proxy option as n8n's IHttpRequestOptions.proxy ({ protocol, host, port, auth }). */
export function proxyOption(text: string | undefined): IHttpRequestOptions['proxy'] | undefined {
	const value = (text ?? '').trim();
	if (value === '') return undefined;
	let url: URL | undefined;
	try {
		url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) throw new ConfigError('The Proxy option is not an http:// or https:// URL', 'options.proxy');
	const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
	const auth = url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined;
	return { protocol: url.protocol.replace(':', ''), host: url.hostname, port, ...(auth ? { auth } : {}) };
}

function list(collection: IDataObject, key: string): NameValue[] {
	const rows = (collection?.[key] as IDataObject[] | undefined) ?? [];
	return rows.map((r) => ({ name: String(r.name ?? ''), value: String(r.value ?? '') }));
}

/** Multipart files: Input Binary Field (comma-separated, all under File Field Name), then More Files. */
async function fileParts(this: IExecuteFunctions, i: number): Promise<FilePart[]> {
	const fieldName = (this.getNodeParameter('binaryFieldName', i, 'file') as string) || 'file';
	const wanted = (this.getNodeParameter('binaryPropertyName', i, '') as string)
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean)
		.map((property) => ({ property, fieldName }));
	const more = ((this.getNodeParameter('files', i, {}) as IDataObject).file as IDataObject[] | undefined) ?? [];
	for (const row of more) {
		const property = String(row.binaryPropertyName ?? '').trim();
		if (property) wanted.push({ property, fieldName: String(row.fieldName ?? '').trim() || 'file' });
	}
	const parts: FilePart[] = [];
	for (const { property, fieldName: name } of wanted) {
		const meta = this.helpers.assertBinaryData(i, property);
		parts.push({
			fieldName: name,
			fileName: meta.fileName ?? property,
			mimeType: meta.mimeType || 'application/octet-stream',
			data: await this.helpers.getBinaryDataBuffer(i, property),
		});
	}
	return parts;
}

async function binaryBody(this: IExecuteFunctions, i: number): Promise<RequestSpec['binary']> {
	const property = (this.getNodeParameter('binaryPropertyName', i, '') as string).trim() || 'data';
	const meta = this.helpers.assertBinaryData(i, property);
	return { data: await this.helpers.getBinaryDataBuffer(i, property), mimeType: meta.mimeType || 'application/octet-stream' };
}

/** Read for the Base URL and the allowed hosts only: signing stays with httpRequestWithAuthentication. */
async function readCredential(
	this: IExecuteFunctions,
	authentication: string,
	i: number,
	cache: CredentialCache,
): Promise<ICredentialDataDecryptedObject | undefined> {
	const cached = cache.get(authentication);
	if (cached) return await cached;
	const read = this.getCredentials<ICredentialDataDecryptedObject>(authentication, i);
	cache.set(authentication, read);
	return await read;
}

/** The credential's own secret values, so an API that echoes them back cannot leak them into an error. */
async function credentialSecrets(this: IExecuteFunctions, i: number, cache: CredentialCache): Promise<string[]> {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	if (authentication === 'none') return [];
	let data: unknown;
	try {
		data = await readCredential.call(this, authentication, i, cache);
	} catch {
		// No readable credential means nothing of it can be in the error either.
		data = undefined;
	}
	// Extra credential parameters (API key credential) are secrets whatever their names.
	const extra = ((data as IDataObject | undefined)?.additionalParameters as IDataObject | undefined)?.parameter;
	const values = Array.isArray(extra) ? extra.map((r) => String((r as IDataObject).value ?? '')).filter((v) => v.length >= 4) : [];
	return [...secretsOf(data), ...values];
}

function credentialLabel(this: IExecuteFunctions, i: number): string | undefined {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	const kind = CREDENTIAL_TYPES.find((c) => c.value === authentication);
	if (!kind) return undefined;
	const name = this.getNode().credentials?.[authentication]?.name;
	return `Custom Service ${kind.name} credential${name ? ` "${name}"` : ''}`;
}
