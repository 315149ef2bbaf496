import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode, INodeParameters, INodeType, INodeTypeDescription, INodeTypes } from 'n8n-workflow';
import { HubspotSyncTrigger } from '../../../nodes/HubspotSyncTrigger/HubspotSyncTrigger.node';
import { InvokeUrl } from '../../../nodes/InvokeUrl/InvokeUrl.node';
import { SyncContactCompany } from '../../../nodes/SyncContactCompany/SyncContactCompany.node';
import { ZohoCrmSyncTrigger } from '../../../nodes/ZohoCrmSyncTrigger/ZohoCrmSyncTrigger.node';
import {
	credentialLabel,
	hiddenParameters,
	mainAuthField,
	offeredTypes,
	shownCredentials,
} from '../../support/n8n-editor-rules';

const sync = new SyncContactCompany().description;
const typeName = (name: string) => name;
const OPERATIONS = ['sync', 'syncRecent', 'reconcile', 'renewZohoChannels'];

describe('Sync Contact/Company in the n8n 2.41 editor', () => {
	it('shows every parameter except the HubSpot auth field, which moves into the credential dialog', () => {
		expect(mainAuthField(sync)?.name).toBe('hubspotAuthentication');
		expect(hiddenParameters(sync)).toEqual(['hubspotAuthentication']);
	});

	it('offers both HubSpot credential types under one "HubSpot Credential" selector and only Zoho ones under the Zoho one', () => {
		for (const auth of ['hubspotSyncPrivateAppApi', 'hubspotSyncOAuth2Api']) {
			const slots = shownCredentials(sync, { operation: 'sync', hubspotAuthentication: auth });
			expect(slots.map((s) => [credentialLabel(sync, s, typeName), offeredTypes(sync, s)])).toEqual([
				['HubSpot Credential', ['hubspotSyncPrivateAppApi', 'hubspotSyncOAuth2Api']],
				['Zoho CRM Credential', ['zohoCrmSyncOAuth2Api']],
			]);
		}
	});

	it('gives every credential shown together a label of its own, for every operation', () => {
		for (const operation of OPERATIONS) {
			const slots = shownCredentials(sync, { operation, hubspotAuthentication: 'hubspotSyncPrivateAppApi' });
			const labels = slots.map((s) => credentialLabel(sync, s, typeName));
			expect(new Set(labels).size).toBe(labels.length);
			expect(slots.some((s) => s.name === 'zohoCrmSyncOAuth2Api')).toBe(true);
			expect(slots.some((s) => s.name.startsWith('hubspot'))).toBe(operation !== 'renewZohoChannels');
		}
	});

	it('names the two HubSpot authentication choices the credential dialog offers', () => {
		const options = mainAuthField(sync)?.options?.map((o) => o.name);
		expect(options).toEqual(['Private App Token', 'OAuth2 (Public App)']);
	});
});

describe.each<[string, INodeTypeDescription]>([
	['Invoke URL', new InvokeUrl().description],
	['HubSpot Sync Trigger', new HubspotSyncTrigger().description],
	['Zoho CRM Sync Trigger', new ZohoCrmSyncTrigger().description],
])('%s in the n8n 2.41 editor', (_name, description) => {
	it('hides no parameter other than its main auth field', () => {
		const main = mainAuthField(description);
		expect(hiddenParameters(description)).toEqual(main ? [main.name] : []);
	});
});

/** Evaluates an expression of a node description the way the editor does, on parameters completed with defaults. */
function evaluate(nodeType: INodeType, expression: string, parameters: INodeParameters): unknown {
	const description = nodeType.description as INodeTypeDescription;
	const node: INode = {
		id: '1',
		name: 'Node',
		type: description.name,
		typeVersion: Array.isArray(description.version) ? Math.max(...description.version) : description.version,
		position: [0, 0],
		parameters: {},
	};
	node.parameters =
		NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, expression, 'internal', {});
}

describe('Sync Contact/Company subtitle and hints', () => {
	it.each<[INodeParameters, string]>([
		[{}, 'Direction of the event · Object of the event'],
		[{ direction: 'hubspotToZoho', objectType: 'company' }, 'HubSpot → Zoho · Companies'],
		[{ direction: 'zohoToHubspot', objectType: 'contact' }, 'Zoho → HubSpot · Contacts'],
		[{ operation: 'syncRecent' }, 'Recent changes: Zoho → HubSpot'],
		[{ operation: 'reconcile' }, 'Reconcile all: HubSpot → Zoho'],
		[{ operation: 'renewZohoChannels' }, 'Renew Zoho channels'],
	])('reads %j as "%s"', (parameters, subtitle) => {
		expect(evaluate(new SyncContactCompany(), sync.subtitle as string, parameters)).toBe(subtitle);
	});

	const shown = (parameters: INodeParameters) =>
		(sync.hints ?? []).filter((h) => String(evaluate(new SyncContactCompany(), h.displayCondition as string, parameters)) === 'true').map((h) => h.type);

	it('suggests cross-reference fields only while neither is set', () => {
		expect(shown({})).toEqual(['info']);
		expect(shown({ options: { hubspotXrefField: 'zoho_id' } })).toEqual([]);
		expect(shown({ operation: 'renewZohoChannels' })).toEqual([]);
	});

	it('warns when Write Cross-Reference IDs has only one field to write to', () => {
		expect(shown({ options: { writeXref: true, zohoXrefField: 'HubSpot_ID' } })).toEqual(['warning']);
		expect(shown({ options: { writeXref: true, zohoXrefField: 'HubSpot_ID', hubspotXrefField: 'zoho_id' } })).toEqual([]);
	});
});

describe('trigger subtitles', () => {
	it('name HubSpot events in words', () => {
		const trigger = new HubspotSyncTrigger();
		const subtitle = trigger.description.subtitle as string;
		expect(evaluate(trigger, subtitle, {})).toBe('Contact created, Company created');
		expect(evaluate(trigger, subtitle, { events: ['contact.propertyChange', 'company.deletion'] })).toBe(
			'Contact changed, Company deleted',
		);
	});

	it('name Zoho events in words', () => {
		const trigger = new ZohoCrmSyncTrigger();
		const subtitle = trigger.description.subtitle as string;
		expect(evaluate(trigger, subtitle, { events: ['Contacts.edit', 'Accounts.create'] })).toBe(
			'Contact edited, Account created',
		);
		expect(evaluate(trigger, subtitle, { mode: 'workflowRule' })).toBe('Workflow rule webhook');
	});
});
