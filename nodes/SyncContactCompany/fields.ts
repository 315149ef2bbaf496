// The two CRMs' field lists, for the editor's pickers (methods.loadOptions) and the run-time mapping check. One
// HubSpot properties call and one Zoho fields call per object type, kept for five minutes per credential in this
// process, so a burst of webhook executions does not spend the CRMs' rate limits on metadata.
import { NodeOperationError, type IExecuteFunctions, type ILoadOptionsFunctions, type INodePropertyOptions } from 'n8n-workflow';
import { hubspotFamily, zohoFamily, type FieldCatalog, type FieldInfo, type ObjectKind, type SystemName } from '../../lib/sync';
import { HUBSPOT_TYPE, ZOHO_MODULE } from '../../lib/sync-adapters';
import { HUBSPOT_DEFAULT_CREDENTIAL, ZOHO_CREDENTIAL, createHubspotClient, createZohoClient } from '../shared/crm-clients';
import { now } from '../shared/transport';

const TTL_MS = 5 * 60_000;
type Ctx = IExecuteFunctions | ILoadOptionsFunctions;

const cache = new Map<string, { at: number; fields: FieldInfo[] }>();

function hubspotCredentialOf(ctx: Ctx): string {
	const fromParam = ctx.getNodeParameter('hubspotAuthentication', HUBSPOT_DEFAULT_CREDENTIAL);
	return String(fromParam || HUBSPOT_DEFAULT_CREDENTIAL);
}

async function hubspotFields(ctx: Ctx, kind: ObjectKind, credential: string): Promise<FieldInfo[]> {
	const client = await createHubspotClient(ctx, credential, { mode: 'plain' });
	return (await client.listProperties(HUBSPOT_TYPE[kind]))
		.filter((p) => !p.hidden)
		.map((p) => ({ name: p.name, label: p.label, family: hubspotFamily(p.type, p.fieldType), type: p.type, readOnly: p.readOnly, required: false, options: p.options.filter((o) => !o.hidden).map((o) => o.value), optionLabels: p.options.filter((o) => !o.hidden).map((o) => o.label) }));
}

async function zohoFields(ctx: Ctx, kind: ObjectKind): Promise<FieldInfo[]> {
	const client = await createZohoClient(ctx, { mode: 'plain' });
	return (await client.listFields(ZOHO_MODULE[kind])).map((f) => ({
		name: f.apiName,
		label: f.label,
		family: zohoFamily(f.dataType),
		type: f.dataType,
		readOnly: f.readOnly,
		required: f.required,
		options: f.options.map((o) => o.value),
		optionLabels: f.options.map((o) => o.label),
	}));
}

/** The fields of one CRM object, from this process's five-minute cache or one API call. */
export async function listFieldsOf(ctx: Ctx, system: SystemName, kind: ObjectKind, hubspotCredential?: string): Promise<FieldInfo[]> {
	const credential = system === 'hubspot' ? (hubspotCredential ?? hubspotCredentialOf(ctx)) : ZOHO_CREDENTIAL;
	const key = `${system}:${kind}:${ctx.getNode().credentials?.[credential]?.id ?? ctx.getNode().name}`;
	const hit = cache.get(key);
	if (hit && now() - hit.at < TTL_MS) return hit.fields;
	const fields = system === 'hubspot' ? await hubspotFields(ctx, kind, credential) : await zohoFields(ctx, kind);
	cache.set(key, { at: now(), fields });
	return fields;
}

/** Both CRMs' fields for the object kinds of a run; a list that cannot be read is left out (and logged), not fatal. */
export async function catalogFor(ctx: IExecuteFunctions, kinds: readonly ObjectKind[], hubspotCredential: string): Promise<FieldCatalog> {
	const catalog: FieldCatalog = {};
	for (const system of ['hubspot', 'zoho'] as const) {
		for (const kind of kinds) {
			try {
				(catalog[system] ??= {})[kind] = await listFieldsOf(ctx, system, kind, hubspotCredential);
			} catch (error) {
				ctx.logger.warn(`Sync Contact/Company: could not list ${system === 'hubspot' ? 'HubSpot properties' : 'Zoho CRM fields'} of ${kind === 'contact' ? 'contacts' : 'companies'} (${error instanceof Error ? error.message : String(error)}); its mappings are not checked before the run`);
			}
		}
	}
	return catalog;
}

// ---- editor pickers -------------------------------------------------------------------------------------------

const KIND_OF: Record<string, ObjectKind> = { contact: 'contact', company: 'company' };

/** The object kind a picker is for: its row's Object, else the node's, else contacts. */
function kindsOf(ctx: ILoadOptionsFunctions): ObjectKind[] {
	const row = String(ctx.getCurrentNodeParameter('&objectType') ?? '');
	if (KIND_OF[row]) return [KIND_OF[row]];
	const node = String(ctx.getCurrentNodeParameter('objectType') ?? '');
	if (KIND_OF[node]) return [KIND_OF[node]];
	return ['contact', 'company'];
}

function describe(f: FieldInfo, kinds: string): string {
	const flags = [f.required ? 'required' : '', f.readOnly ? 'read-only' : ''].filter(Boolean).join(', ');
	return `${f.name} · ${f.type}${flags ? ` · ${flags}` : ''}${kinds}`;
}

async function fieldOptions(ctx: ILoadOptionsFunctions, system: SystemName): Promise<INodePropertyOptions[]> {
	const kinds = kindsOf(ctx);
	const byName = new Map<string, { f: FieldInfo; kinds: ObjectKind[] }>();
	for (const kind of kinds) {
		try {
			for (const f of await listFieldsOf(ctx, system, kind)) {
				const seen = byName.get(f.name);
				if (seen) seen.kinds.push(kind);
				else byName.set(f.name, { f, kinds: [kind] });
			}
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Could not list the ${system === 'hubspot' ? 'HubSpot properties' : 'Zoho CRM fields'}: ${error instanceof Error ? error.message : String(error)}`, {
				description: system === 'zoho' ? 'The Zoho connection needs the ZohoCRM.settings.fields.READ scope. You can still type a field API name as an expression.' : 'You can still type a property internal name as an expression.',
			});
		}
	}
	return [...byName.values()]
		.map(({ f, kinds: k }) => ({
			name: `${f.label}${f.required ? ' (required)' : ''}${f.readOnly ? ' (read-only)' : ''}`,
			value: f.name,
			description: describe(f, kinds.length > 1 ? ` · ${k.length > 1 ? 'contacts and companies' : k[0] === 'contact' ? 'contacts only' : 'companies only'}` : ''),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

async function valueOptions(ctx: ILoadOptionsFunctions, system: SystemName, param: string): Promise<INodePropertyOptions[]> {
	const field = String(ctx.getCurrentNodeParameter(param) ?? '').trim();
	if (!field) return [];
	for (const kind of kindsOf(ctx)) {
		const f = (await listFieldsOf(ctx, system, kind)).find((x) => x.name === field);
		if (f && f.options.length) return f.options.map((value, i) => ({ name: f.optionLabels?.[i] && f.optionLabels[i] !== value ? `${f.optionLabels[i]} (${value})` : value, value }));
	}
	return [];
}

export const loadOptions = {
	async getHubspotProperties(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await fieldOptions(this, 'hubspot');
	},
	async getZohoFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await fieldOptions(this, 'zoho');
	},
	/** Scope fields: the fields of the CRM the row names. */
	async getScopeFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await fieldOptions(this, String(this.getCurrentNodeParameter('&system') ?? 'hubspot') === 'zoho' ? 'zoho' : 'hubspot');
	},
	async getHubspotPropertyValues(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await valueOptions(this, 'hubspot', '&hubspotField');
	},
	async getZohoFieldValues(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await valueOptions(this, 'zoho', '&zohoField');
	},
};
