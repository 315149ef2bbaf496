/**
 * The failure report of both directional templates, executed by n8n-core's WorkflowExecute with the
 * template's own nodes, connections and expressions. The Sync node and the two n8n-nodes-base nodes
 * (not installed for jest) are stand-ins with their documented behaviour: the Sync node routes items to
 * "Synced" (0) or "Failed" (1); Aggregate "all item data" makes one item { failures: [...] }; Send Email
 * sends one message per input item (here: returns the resolved fields instead).
 */
import {
	NodeConnectionTypes,
	type IConnections,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
} from 'n8n-workflow';
import { createHarness } from '../support/n8n-harness';
import { isSticky, isTrigger, loadTemplate, PACKAGE_NAME } from './support';

const str = (name: string, def: string | number = ''): INodeProperties => ({ displayName: name, name, type: typeof def === 'number' ? 'number' : 'string', default: def });

function node(name: string, properties: INodeProperties[], outputs: number, run: (this: IExecuteFunctions) => INodeExecutionData[][]): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: [1, 2, 2.1],
			description: 'stand-in',
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: Array.from({ length: outputs }, () => NodeConnectionTypes.Main),
			properties,
		},
		async execute(this: IExecuteFunctions) {
			return run.call(this);
		},
	};
}

const fakeSync = node('syncContactCompany', [], 2, function () {
	const items = this.getInputData();
	return [items.filter((i) => i.json.action), items.filter((i) => !i.json.action)];
});

const fakeAggregate = node('aggregate', [str('aggregate', 'aggregateIndividualFields'), str('destinationFieldName', 'data')], 1, function () {
	const field = this.getNodeParameter('destinationFieldName', 0) as string;
	return [[{ json: { [field]: this.getInputData().map((i) => i.json) } }]];
});

const fakeEmail = node(
	'emailSend',
	['fromEmail', 'toEmail', 'subject', 'text', 'emailFormat'].map((n) => str(n)),
	1,
	function () {
		return [
			this.getInputData().map((_, i) => ({
				json: {
					from: this.getNodeParameter('fromEmail', i) as string,
					to: this.getNodeParameter('toEmail', i) as string,
					subject: this.getNodeParameter('subject', i) as string,
					text: this.getNodeParameter('text', i) as string,
				},
				pairedItem: { item: i },
			})),
		];
	},
);

const synced = (id: string) => ({ json: { action: 'created', direction: 'hubspotToZoho', objectType: 'contact', sourceId: id, targetId: `z${id}` } });
const failed = (operation: string, objectType: string, recordId: string, error: string, code: string, retriable = false) => ({
	json: { operation, direction: 'hubspotToZoho', objectType, recordId, error, code, retriable },
});

describe.each(['hubspot-to-zoho.json', 'zoho-to-hubspot.json'])('failure report of %s', (file) => {
	const t = loadTemplate(file);
	const syncName = t.nodes.find((n) => n.type === `${PACKAGE_NAME}.syncContactCompany`)?.name as string;
	const nodes = t.nodes
		.filter((n) => !isSticky(n.type) && !isTrigger(n.type))
		.map((n) => ({ ...n, credentials: undefined, parameters: n.parameters as INodeParameters, onError: n.onError as INode['onError'] }));
	const connections = Object.fromEntries(
		Object.entries(t.connections).filter(([from]) => nodes.some((n) => n.name === from)),
	) as IConnections;
	const harness = createHarness({
		nodeTypes: { syncContactCompany: fakeSync, 'n8n-nodes-base.aggregate': fakeAggregate, 'n8n-nodes-base.emailSend': fakeEmail },
	});
	const run = (items: INodeExecutionData[]) => harness.runWorkflow({ nodes, connections, items, startNode: syncName });

	it('sends one email listing each failed operation with its type, record id and error', async () => {
		const result = await run([
			synced('101'),
			failed('create', 'contact', '2002', 'Last_Name is required and the source has no last name', 'MANDATORY_NOT_FOUND'),
			synced('102'),
			failed('update', 'company', '3003', 'Ambiguous match: 2 Zoho accounts with domain acme.test (z1, z2)', 'AMBIGUOUS_MATCH', true),
		]);
		expect(result.error).toBeUndefined();
		const mails = result.output('Send Failure Report');
		expect(mails).toHaveLength(1);
		const { subject, text, to } = mails[0].json as Record<string, string>;
		expect(to).toBe('crm-admin@example.com');
		expect(subject).toMatch(/: 2 failed operations$/);
		const lines = text.split('\n').filter((l) => l.startsWith('- '));
		expect(lines).toEqual([
			'- create contact 2002 (hubspotToZoho): Last_Name is required and the source has no last name [MANDATORY_NOT_FOUND]',
			'- update company 3003 (hubspotToZoho): Ambiguous match: 2 Zoho accounts with domain acme.test (z1, z2) [AMBIGUOUS_MATCH] (will succeed on retry)',
		]);
		expect(text).not.toMatch(/\b10[12]\b/);
	});

	it('uses the singular for a single failure', async () => {
		const result = await run([failed('update', 'contact', '77', 'Email "x@" is not a valid email', 'INVALID_DATA')]);
		expect(result.output('Send Failure Report')[0].json.subject).toMatch(/: 1 failed operation$/);
	});

	it('sends nothing when every record synced', async () => {
		const result = await run([synced('1'), synced('2')]);
		expect(result.error).toBeUndefined();
		expect(result.output(syncName, 0)).toHaveLength(2);
		expect(result.runData['Collect Failures']).toBeUndefined();
		expect(result.runData['Send Failure Report']).toBeUndefined();
	});
});
