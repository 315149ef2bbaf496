import type { INodeProperties } from 'n8n-workflow';

const show = (modes: string[]) => ({ show: { paginationMode: modes } });

/** Pagination, as n8n's HTTP Request node offers it; the loop is pagination.ts. */
export const paginationProperties: INodeProperties[] = [
	{
		displayName: 'Pagination',
		name: 'paginationMode',
		type: 'options',
		options: [
			{ name: 'Off', value: 'off' },
			{ name: 'Next URL in the Response', value: 'nextUrl', description: 'A field of each response holds the URL of the next page' },
			{ name: 'Next URL in the Link Header', value: 'linkHeader', description: 'The rel="next" target of the Link header (RFC 8288)' },
			{ name: 'Page or Offset Parameter', value: 'pageParameter', description: 'A parameter counted up on every request' },
		],
		default: 'off',
		description:
			'Whether to request page after page. Every next URL gets the same credential host check as the URL itself.',
	},
	{
		displayName: 'Next URL Field',
		name: 'nextUrlPath',
		type: 'string',
		displayOptions: show(['nextUrl']),
		default: 'body.next',
		placeholder: 'body.paging.next.link',
		description: 'Dot path into the response (body.… or headers.…) to the next URL; relative URLs are resolved against the current one',
	},
	{
		displayName: 'Parameter Name',
		name: 'pageParameterName',
		type: 'string',
		displayOptions: show(['pageParameter']),
		default: 'page',
		description: 'Sent as a query parameter for GET, DELETE, HEAD and OPTIONS, in the body otherwise (like the other parameters)',
	},
	{
		displayName: 'Start Value',
		name: 'pageStart',
		type: 'number',
		displayOptions: show(['pageParameter']),
		default: 1,
		description: 'The parameter value of the first request (e.g. 1 for a page number, 0 for an offset)',
	},
	{
		displayName: 'Increment',
		name: 'pageIncrement',
		type: 'number',
		displayOptions: show(['pageParameter']),
		default: 1,
		description: 'Added for each next request (e.g. 1 for pages, the page size for an offset)',
	},
	{
		displayName: 'Stop When',
		name: 'paginationStopWhen',
		type: 'options',
		displayOptions: show(['nextUrl', 'linkHeader', 'pageParameter']),
		options: [
			{ name: 'No Next URL', value: 'noNextUrl', description: 'With a page parameter: the first empty page' },
			{ name: 'Response Is Empty', value: 'emptyResponse', description: 'The list at Items Field (or the body) is empty' },
			{ name: 'Field Equals Value', value: 'fieldEquals', description: 'A response field has a given value, e.g. body.info.more_records = false' },
		],
		default: 'noNextUrl',
		description:
			"When to stop besides Max Pages. n8n 2.41 evaluates $response expressions only inside its own paginated request helper, which sends the requests itself (past this node's credential host check and redirect policy), so the condition is a field and a value rather than an expression.",
	},
	{
		displayName: 'Stop Field',
		name: 'stopFieldPath',
		type: 'string',
		displayOptions: { show: { paginationMode: ['nextUrl', 'linkHeader', 'pageParameter'], paginationStopWhen: ['fieldEquals'] } },
		default: '',
		placeholder: 'body.info.more_records',
		description: 'Dot path into the response (body.… or headers.…)',
	},
	{
		displayName: 'Stop Value',
		name: 'stopFieldValue',
		type: 'string',
		displayOptions: { show: { paginationMode: ['nextUrl', 'linkHeader', 'pageParameter'], paginationStopWhen: ['fieldEquals'] } },
		default: 'false',
		description: 'Pagination stops after the page where the field, as text, equals this',
	},
	{
		displayName: 'Items Field',
		name: 'itemsPath',
		type: 'string',
		displayOptions: show(['nextUrl', 'linkHeader', 'pageParameter']),
		default: '',
		placeholder: 'body.data',
		description: 'Dot path to the list of records in each page; used by Response Is Empty and by Merge Pages. Empty: the whole body.',
	},
	{
		displayName: 'Max Pages',
		name: 'maxPages',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		displayOptions: show(['nextUrl', 'linkHeader', 'pageParameter']),
		default: 100,
		description: 'Most requests for one input item (at most 1000)',
	},
	{
		displayName: 'Output',
		name: 'paginationOutput',
		type: 'options',
		displayOptions: show(['nextUrl', 'linkHeader', 'pageParameter']),
		options: [
			{ name: 'One Item per Page', value: 'pages', description: 'Each page as its own item, with its status, headers and body' },
			{ name: 'Merge Pages', value: 'merged', description: "One item whose body is every page's Items Field list joined, with the page count" },
		],
		default: 'pages',
	},
];
