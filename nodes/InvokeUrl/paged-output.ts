import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { HttpRequest, HttpResponse } from '../../lib/http';
import type { PaginationParameters } from './item-parameters';
import { paginate, valueAtPath } from './pagination';
import type { Page } from './pagination';
import { buildRequest } from './request-body';
import type { RequestSpec } from './request-body';
import { toOutputItem } from './response-item';
import type { OutputOptions } from './response-item';
import { trimForAgent } from './response-format';
import type { Send } from './send-request';

/** One item's paginated run: its first request, how to send and check each page, and how to output them. */
export interface PagedRun {
	itemIndex: number;
	spec: RequestSpec;
	first: HttpRequest;
	pagination: PaginationParameters;
	send: Send;
	/** The credential host check, run on every next URL before it is requested. */
	check: (url: string) => void;
	output: OutputOptions;
}

interface Fetched {
	response: HttpResponse;
	page: Page;
	url: string;
}

/** One output item per page, or one item whose field holds the pages' lists merged. */
export async function pagedItems(ctx: IExecuteFunctions, run: PagedRun): Promise<INodeExecutionData[]> {
	const { spec, pagination, output, itemIndex: i } = run;
	const pages: Fetched[] = [];
	const others = spec.parameters.filter((p) => p.name !== pagination.parameterName);
	await paginate(
		pagination,
		run.first,
		(value) => buildRequest({ ...spec, parameters: [...others, { name: pagination.parameterName, value: String(value) }] }),
		async (req) => {
			const response = await run.send(req);
			// Stop conditions and next URLs read the decoded body: the output item's body (before any AI trimming).
			const item = await toOutputItem(ctx, response, req.url, i, { ...output, agentTrim: undefined, outputField: 'body' });
			const page: Page = { statusCode: response.statusCode, headers: response.headers, body: item.json.body };
			pages.push({ response, page, url: req.url });
			return page;
		},
		run.check,
	);
	if (pagination.output === 'merged') return [mergedItem(pages.map(({ page }) => page), pagination.itemsPath, output, i)];
	return await Promise.all(pages.map(({ response, url }) => toOutputItem(ctx, response, url, i, output)));
}

function mergedItem(pages: Page[], itemsPath: string, output: OutputOptions, i: number): INodeExecutionData {
	const merged = pages.flatMap((page) => {
		const v = itemsPath ? valueAtPath({ body: page.body }, itemsPath) : page.body;
		return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
	});
	const field = output.outputField || 'body';
	const body = output.agentTrim ? trimForAgent(merged, output.agentTrim) : merged;
	return { json: { statusCode: pages[pages.length - 1].statusCode, pages: pages.length, [field]: body } as IDataObject, pairedItem: { item: i } };
}
