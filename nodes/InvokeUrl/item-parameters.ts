import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { HttpMethod } from '../../lib/http';
import type { PaginationSpec } from './pagination';
import { hasBody } from './request-body';
import type { ArrayFormat, ContentType, FilePart, NameValue, RequestSpec } from './request-body';
import type { OutputOptions } from './response-item';
import type { ResponseFormat } from './response-format';

/** The node's Options collection as n8n stores it (every key optional: a saved workflow may have any subset). */
export interface Options {
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

export type PaginationParameters = PaginationSpec & { output: string };

/** One item's request as its parameters describe it; `url` is already resolved and checked against the credential. */
export async function readRequestSpec(this: IExecuteFunctions, i: number, url: string, options: Options): Promise<RequestSpec> {
	const method = this.getNodeParameter('method', i, 'GET') as HttpMethod;
	const withBody = hasBody(method);
	const contentType = (withBody ? this.getNodeParameter('contentType', i, 'json') : 'json') as ContentType;
	return {
		method,
		url,
		parameters: list(this.getNodeParameter('parameters', i, {}) as IDataObject, 'parameter'),
		headers: list(this.getNodeParameter('headers', i, {}) as IDataObject, 'header'),
		contentType,
		rawBody: withBody && (contentType === 'raw' || contentType === 'json') ? (this.getNodeParameter('rawBody', i, '') as string) : '',
		files: withBody && contentType === 'multipart' ? await fileParts.call(this, i) : undefined,
		binary: withBody && contentType === 'binary' ? await binaryBody.call(this, i) : undefined,
		arrayFormat: options.arrayFormat ?? 'repeat',
		timeoutMs: options.timeout ?? 30_000,
	};
}

export function outputOptions(options: Options): OutputOptions {
	const trim = options.agentTrim?.trim;
	const fields = (trim?.fields ?? '').split(',').map((f) => f.trim()).filter(Boolean);
	return {
		format: options.responseFormat ?? 'auto',
		outputField: (options.outputField ?? '').trim(),
		agentTrim: trim ? { fields, maxChars: Math.max(0, Math.floor(trim.maxChars ?? 0)) } : undefined,
	};
}

export function readPagination(this: IExecuteFunctions, i: number): PaginationParameters | undefined {
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
