import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { DEFAULT_RETRY, expectOk, sendWithRetry } from '../../lib/http';
import type { HttpMethod, HttpResponse } from '../../lib/http';
import { secretsOf, toErrorJson, toNodeError } from '../shared/errors';
import { createN8nTransport, now, sleep } from '../shared/transport';
import { CREDENTIAL_TYPES } from './description';
import { buildRequest, hasBody, resolveUrl } from './request-body';
import type { ContentType, FilePart, NameValue } from './request-body';

interface Options {
	timeout?: number;
	retries?: number;
	failOnHttpError?: boolean;
	followRedirects?: boolean;
}

export async function executeInvokeUrl(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			out.push(await invokeOne.call(this, i));
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, {
				itemIndex: i,
				credentialLabel: credentialLabel.call(this, i),
				secrets: await credentialSecrets.call(this, i),
			});
			if (!this.continueOnFail()) throw nodeError;
			out.push({ json: toErrorJson(nodeError), pairedItem: { item: i } });
		}
	}
	return [out];
}

async function invokeOne(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	const method = this.getNodeParameter('method', i, 'GET') as HttpMethod;
	const options = this.getNodeParameter('options', i, {}) as Options;
	const withBody = hasBody(method);
	const contentType = (withBody ? this.getNodeParameter('contentType', i, 'json') : 'json') as ContentType;
	const rawUrl = this.getNodeParameter('url', i) as string;
	const url = resolveUrl(rawUrl, await baseUrlFor.call(this, authentication, rawUrl, i));
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
	const transport = createN8nTransport(this, authentication, {
		followRedirects: options.followRedirects !== false,
		binaryResponses: true,
	});
	const response = await sendWithRetry(transport, request, {
		...DEFAULT_RETRY,
		retries: options.retries ?? DEFAULT_RETRY.retries,
		// the node's Retries option is the user's word for every kind of retry, 429 included
		rateLimitRetries: options.retries ?? DEFAULT_RETRY.retries,
		sleep,
		now,
	});
	if (options.failOnHttpError !== false && response.statusCode >= 400) expectOk(request, response, now);
	return await toItem.call(this, response, url, i);
}

async function toItem(this: IExecuteFunctions, response: HttpResponse, url: string, i: number): Promise<INodeExecutionData> {
	const { statusCode, headers, body } = response;
	if (Buffer.isBuffer(body)) {
		const mimeType = String(headers['content-type'] ?? 'application/octet-stream').split(';')[0];
		const data = await this.helpers.prepareBinaryData(body, fileNameOf(headers, url), mimeType);
		return { json: { statusCode, headers }, binary: { data }, pairedItem: { item: i } };
	}
	return { json: { statusCode, headers, body: body === undefined ? null : body } as IDataObject, pairedItem: { item: i } };
}

function fileNameOf(headers: HttpResponse['headers'], url: string): string | undefined {
	const disposition = String(headers['content-disposition'] ?? '');
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
	if (match) return decodeURIComponent(match[1]);
	const last = url.split('?')[0].split('/').pop();
	return last || undefined;
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

/** Reads the credential only to resolve a relative URL: signing stays with httpRequestWithAuthentication. */
async function baseUrlFor(this: IExecuteFunctions, authentication: string, url: string, i: number): Promise<string | undefined> {
	if (authentication === 'none' || /^https?:\/\//i.test(url.trim())) return undefined;
	const data = await this.getCredentials(authentication, i);
	const base = typeof data.baseUrl === 'string' ? data.baseUrl.trim() : '';
	return base || undefined;
}

/** The credential's own secret values, so an API that echoes them back cannot leak them into an error. */
async function credentialSecrets(this: IExecuteFunctions, i: number): Promise<string[]> {
	const authentication = this.getNodeParameter('authentication', i, 'none') as string;
	if (authentication === 'none') return [];
	let data: unknown;
	try {
		data = await this.getCredentials(authentication, i);
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
