import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { HttpResponse } from '../../lib/http';
import { fileNameFromDisposition, fileNameFromUrl } from './content-disposition';
import { decodeResponse, trimForAgent } from './response-format';
import type { AgentTrim, ResponseFormat } from './response-format';

export interface OutputOptions {
	format: ResponseFormat;
	/** JSON field for JSON/text (default body), binary property for a file (default data). */
	outputField: string;
	agentTrim?: AgentTrim;
}

/** One output item: { statusCode, headers, <field>: body }, or a binary property for a file. */
export async function toOutputItem(
	ctx: IExecuteFunctions,
	response: HttpResponse,
	url: string,
	i: number,
	options: OutputOptions,
): Promise<INodeExecutionData> {
	const { statusCode, headers } = response;
	const contentType = String((Array.isArray(headers['content-type']) ? headers['content-type'][0] : headers['content-type']) ?? '');
	const decoded = decodeResponse(response.body, contentType, options.format, url);
	if (decoded.kind === 'file') {
		const mimeType = contentType.split(';')[0].trim() || 'application/octet-stream';
		const disposition = headers['content-disposition'];
		const fileName = fileNameFromDisposition(Array.isArray(disposition) ? disposition[0] : disposition) ?? fileNameFromUrl(url);
		const data = await ctx.helpers.prepareBinaryData(decoded.value, fileName, mimeType);
		return { json: { statusCode, headers }, binary: { [options.outputField || 'data']: data }, pairedItem: { item: i } };
	}
	let body: unknown = decoded.kind === 'empty' ? null : decoded.value;
	if (options.agentTrim && body !== null) body = trimForAgent(body, options.agentTrim);
	return { json: { statusCode, headers, [options.outputField || 'body']: body } as IDataObject, pairedItem: { item: i } };
}
