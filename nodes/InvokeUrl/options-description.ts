import type { INodeProperties } from 'n8n-workflow';

/** The node's Options collection; defaults are read once in execute.ts (readOptions). */
export const optionProperties: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batching',
			name: 'batching',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Batching',
			description: 'Send the items in batches with a pause between batches (items are always sent one after another)',
			options: [
				{
					name: 'batch',
					displayName: 'Batch',
					values: [
						{ displayName: 'Items per Batch', name: 'batchSize', type: 'number', typeOptions: { minValue: 1 }, default: 50 },
						{ displayName: 'Batch Interval (Ms)', name: 'batchInterval', type: 'number', typeOptions: { minValue: 0 }, default: 1000, description: 'Pause after each batch' },
					],
				},
			],
		},
		{
			displayName: 'Fail on HTTP Error',
			name: 'failOnHttpError',
			type: 'boolean',
			default: true,
			description: 'Whether a 4xx/5xx status fails the item; when off, the status is returned as data',
		},
		{
			displayName: 'Follow Redirects',
			name: 'followRedirects',
			type: 'boolean',
			default: true,
			description:
				'Whether 3xx redirects are followed (at most Max Redirects). The credential goes along only while the redirect stays on the same origin or goes to a host the credential allows; other hops are sent without it.',
		},
		{
			displayName: 'Max Redirects',
			name: 'maxRedirects',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 10,
			description: 'Most redirects followed for one request; one more fails the item',
		},
		{
			displayName: 'Optimise Response for AI Agents',
			name: 'agentTrim',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Trimming',
			description: "Keep an agent's context small: only the listed fields, and text cut at a length",
			options: [
				{
					name: 'trim',
					displayName: 'Trim',
					values: [
						{
							displayName: 'Fields to Keep',
							name: 'fields',
							type: 'string',
							default: '',
							placeholder: 'data.name, data.email, info.more_records',
							description: 'Comma-separated dot paths kept in the JSON body (in each element of a list); empty keeps all',
						},
						{
							displayName: 'Max Characters',
							name: 'maxChars',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 2000,
							description: 'Longest text kept: a text body, or each text value in JSON; 0 = no limit',
						},
					],
				},
			],
		},
		{
			displayName: 'Output Field',
			name: 'outputField',
			type: 'string',
			default: '',
			placeholder: 'body',
			description: 'Where the response goes: the JSON field of the item (default body), or the binary property for a file (default data)',
		},
		{
			displayName: 'Proxy',
			name: 'proxy',
			type: 'string',
			default: '',
			placeholder: 'http://user:password@proxy.example.com:3128',
			description: "An HTTP(S) proxy for this node's requests (n8n's httpRequest proxy option); empty uses n8n's own proxy settings",
		},
		{
			displayName: 'Query Array Format',
			name: 'arrayFormat',
			type: 'options',
			options: [
				{ name: 'Repeat (A=1&a=2)', value: 'repeat' },
				{ name: 'Brackets (A[]=1&a[]=2)', value: 'brackets' },
				{ name: 'Comma (A=1,2)', value: 'comma' },
			],
			default: 'repeat',
			description: 'How a query parameter given more than once is sent',
		},
		{
			displayName: 'Response Format',
			name: 'responseFormat',
			type: 'options',
			options: [
				{ name: 'Autodetect', value: 'auto', description: 'JSON, text or file by the Content-Type' },
				{ name: 'File', value: 'file', description: 'Always n8n binary data' },
				{ name: 'JSON', value: 'json', description: 'Always parsed as JSON (fails if it is not)' },
				{ name: 'Text', value: 'text', description: 'Always text, decoded by the Content-Type charset (UTF-8 if none)' },
			],
			default: 'auto',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'Retries on 429, 5xx, timeouts and network errors, with backoff that honours Retry-After; 0 disables. POST and PATCH are only retried when the server did not process the request (429, 408, 425, 503 with Retry-After, no connection) unless the next option is on.',
		},
		{
			displayName: 'Retry POST and PATCH on Any Failure',
			name: 'retryNonIdempotent',
			type: 'boolean',
			default: false,
			description:
				'Whether POST and PATCH are also retried after a 5xx, a timeout or a dropped connection. Risk: the server may have processed the first attempt (e.g. created the record) before failing or timing out, so a retry can create duplicates. Turn on only for endpoints that are idempotent (e.g. take an idempotency key).',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description: 'Milliseconds to wait for each attempt',
		},
	],
};
