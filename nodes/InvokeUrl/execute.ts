import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { DEFAULT_RETRY, expectOk, sendWithRetry } from '../../lib/http';
import type { HttpMethod, HttpResponse, Transport } from '../../lib/http';
import { secretsOf, toErrorJson, toNodeError } from '../shared/errors';
import { createN8nTransport, now, sleep } from '../shared/transport';
import { fileNameFromDisposition, fileNameFromUrl } from './content-disposition';
import { CREDENTIAL_TYPES } from './description';
import { prepareOAuth1Request } from './oauth1-request';
import { followRedirects, MAX_REDIRECTS } from './redirects';
import { buildRequest, hasBody, resolveUrl } from './request-body';
import type { ContentType, FilePart, NameValue } from './request-body';
import { mayRetryFor } from './retry-policy';
import { allowedHostsFor, assertUrlTrusted, credentialTrust, isUrlTrusted } from './trust';
import type { CredentialTrust } from './trust';

interface Options {
	timeout?: number;
	retries?: number;
	retryNonIdempotent?: boolean;
	failOnHttpError?: boolean;
	followRedirects?: boolean;
}

/** Credential data read once per execution (n8n reads it without an item index for signing too). */
type CredentialCache = Map<string, Promise<ICredentialDataDecryptedObject | undefined>>;

export async function executeInvokeUrl(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	const cache: CredentialCache = new Map();
	for (let i = 0; i < items.length; i++) {
		try {
			out.push(await invokeOne.call(this, i, cache));
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

async function invokeOne(this: IExecuteFunctions, i: number, cache: CredentialCache): Promise<INodeExecutionData> {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	const method = this.getNodeParameter('method', i, 'GET') as HttpMethod;
	const options = this.getNodeParameter('options', i, {}) as Options;
	const withBody = hasBody(method);
	const contentType = (withBody ? this.getNodeParameter('contentType', i, 'json') : 'json') as ContentType;
	const credential = authentication === 'none' ? undefined : await readCredential.call(this, authentication, i, cache);
	const baseUrl = typeof credential?.baseUrl === 'string' ? credential.baseUrl.trim() : '';
	const url = resolveUrl(this.getNodeParameter('url', i) as string, baseUrl || undefined);
	const trust = credential ? credentialTrust(credential) : undefined;
	// Before anything is sent: a URL from item data must not carry the credential to a host it was not made for.
	if (trust) assertUrlTrusted(url, trust, credentialLabel.call(this, i) ?? 'The credential');
	const request = buildRequest({
		method,
		url,
		headers: list(this.getNodeParameter('headers', i, {}) as IDataObject, 'header'),
		parameters: list(this.getNodeParameter('parameters', i, {}) as IDataObject, 'parameter'),
		contentType,
		rawBody: withBody && (contentType === 'raw' || contentType === 'json') ? (this.getNodeParameter('rawBody', i, '') as string) : '',
		file: withBody && contentType === 'multipart' ? await filePart.call(this, i) : undefined,
		timeoutMs: options.timeout ?? 30_000,
	});
	const response = await sendWithRetry(transportFor.call(this, authentication, trust, options), request, {
		...DEFAULT_RETRY,
		retries: options.retries ?? DEFAULT_RETRY.retries,
		// the node's Retries option is the user's word for every kind of retry, 429 included
		rateLimitRetries: options.retries ?? DEFAULT_RETRY.retries,
		mayRetry: mayRetryFor(options.retryNonIdempotent === true),
		sleep,
		now,
	});
	if (options.failOnHttpError !== false && response.statusCode >= 400) expectOk(request, response, now);
	return await toItem.call(this, response, url, i);
}

/**
 * n8n never follows a redirect here: followRedirects does, sending the credential only where it may go. The
 * authenticated hops get n8n's own host allowlist as a second guard, and OAuth 1.0a requests their body signing.
 */
function transportFor(this: IExecuteFunctions, authentication: string, trust: CredentialTrust | undefined, options: Options): Transport {
	const common = { followRedirects: false, binaryResponses: true };
	const plain = createN8nTransport(this, 'none', common);
	if (!trust) return followRedirects(plain, plain, { follow: options.followRedirects !== false, maxRedirects: MAX_REDIRECTS, mayAuthenticate: () => false });
	const allowedDomains = allowedHostsFor(trust);
	const authenticated = createN8nTransport(this, authentication, {
		...common,
		prepare: (opts) => {
			if (allowedDomains) opts.allowedDomains = allowedDomains;
			if (authentication === 'customServiceOAuth1Api') prepareOAuth1Request(opts);
		},
	});
	return followRedirects(authenticated, plain, {
		follow: options.followRedirects !== false,
		maxRedirects: MAX_REDIRECTS,
		// "All" lets the user send the credential to any URL they give, never to one a server redirects to.
		mayAuthenticate: (target) => isUrlTrusted(target, { ...trust, allowAll: false }),
	});
}

async function toItem(this: IExecuteFunctions, response: HttpResponse, url: string, i: number): Promise<INodeExecutionData> {
	const { statusCode, headers, body } = response;
	if (Buffer.isBuffer(body)) {
		const mimeType = String(headers['content-type'] ?? 'application/octet-stream').split(';')[0];
		const disposition = headers['content-disposition'];
		const fileName = fileNameFromDisposition(Array.isArray(disposition) ? disposition[0] : disposition) ?? fileNameFromUrl(url);
		const data = await this.helpers.prepareBinaryData(body, fileName, mimeType);
		return { json: { statusCode, headers }, binary: { data }, pairedItem: { item: i } };
	}
	return { json: { statusCode, headers, body: body === undefined ? null : body } as IDataObject, pairedItem: { item: i } };
}

function list(collection: IDataObject, key: string): NameValue[] {
	const rows = (collection?.[key] as IDataObject[] | undefined) ?? [];
	return rows.map((r) => ({ name: String(r.name ?? ''), value: String(r.value ?? '') }));
}

async function filePart(this: IExecuteFunctions, i: number): Promise<FilePart | undefined> {
	const property = (this.getNodeParameter('binaryPropertyName', i, '') as string).trim();
	if (property === '') return undefined;
	const meta = this.helpers.assertBinaryData(i, property);
	return {
		fieldName: (this.getNodeParameter('binaryFieldName', i, 'file') as string) || 'file',
		fileName: meta.fileName ?? property,
		mimeType: meta.mimeType || 'application/octet-stream',
		data: await this.helpers.getBinaryDataBuffer(i, property),
	};
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
	return secretsOf(data);
}

function credentialLabel(this: IExecuteFunctions, i: number): string | undefined {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	const kind = CREDENTIAL_TYPES.find((c) => c.value === authentication);
	if (!kind) return undefined;
	const name = this.getNode().credentials?.[authentication]?.name;
	return `Custom Service ${kind.name} credential${name ? ` "${name}"` : ''}`;
}
