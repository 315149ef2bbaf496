// Node parameters -> lib settings: per-object mappings (defaults left out, custom rows, picklist value maps), the
// sync scope, and the run-time mapping check (once per run, before any write).
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import {
	DEFAULT_MAPPINGS,
	checkMappings,
	isScopeConfigError,
	normaliseScope,
	resolveMappings,
	type CustomMapping,
	type Direction,
	type MappingOptions,
	type ObjectKind,
	type ScopeCondition,
	type SyncScope,
} from '../../lib/sync';
import { catalogFor } from './fields';

const KINDS: ObjectKind[] = ['contact', 'company'];
const str = (v: unknown): string => {
	// a resource-locator-shaped value ({ __rl, value }) or a plain string
	const raw = typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v;
	return String(raw ?? '').trim();
};

/** Mapping options per object kind, from the node's Custom Field Mappings, Default Mappings and Picklist Value Maps. */
export function mappingsByKind(ctx: IExecuteFunctions): Record<ObjectKind, MappingOptions & { userValueMaps: Set<string> }> {
	const rows = ((ctx.getNodeParameter('customMappings', 0, {}) as IDataObject).mapping ?? []) as IDataObject[];
	const pairs = ((ctx.getNodeParameter('valueMaps', 0, {}) as IDataObject).pair ?? []) as IDataObject[];
	const out = {} as Record<ObjectKind, MappingOptions & { userValueMaps: Set<string> }>;
	for (const kind of KINDS) {
		const keep = ctx.getNodeParameter(kind === 'contact' ? 'defaultContactMappings' : 'defaultCompanyMappings', 0, DEFAULT_MAPPINGS[kind].map((m) => m.field)) as string[];
		const omitDefaults = DEFAULT_MAPPINGS[kind].map((m) => m.field).filter((f) => !keep.includes(f));
		const mappings: CustomMapping[] = rows
			.filter((m) => [undefined, '', 'both', kind].includes(m.objectType as string | undefined))
			.filter((m) => str(m.hubspotField) && str(m.zohoField))
			.map((m) => ({ hubspotField: str(m.hubspotField), zohoField: str(m.zohoField), direction: (m.direction as CustomMapping['direction']) ?? 'both' }));
		const valueMaps: Record<string, Record<string, string>> = {};
		const userValueMaps = new Set<string>();
		for (const p of pairs.filter((x) => (x.objectType ?? 'company') === kind)) {
			const [h, z, hv, zv] = [str(p.hubspotField), str(p.zohoField), str(p.hubspotValue), str(p.zohoValue)];
			if (!h || !z || !hv || !zv) continue;
			const custom = mappings.find((m) => m.hubspotField === h && m.zohoField === z);
			if (custom) {
				custom.valueMap = { ...(custom.valueMap ?? {}), [hv]: zv };
				userValueMaps.add(`custom:${h}:${z}`);
				continue;
			}
			const def = DEFAULT_MAPPINGS[kind].find((m) => m.hubspot === h && m.zoho === z);
			if (!def) throw new NodeOperationError(ctx.getNode(), `Picklist value map ${h} -> ${z}: no ${kind} mapping between these two fields`, { description: 'Add the pair under Custom Field Mappings first, or pick a default mapping such as industry -> Industry.' });
			// On top of the default map: the user's pairs win, the rest of the default stays.
			const base = valueMaps[def.field] ?? { ...(def.valueMap ?? {}) };
			for (const [k, v] of Object.entries(base)) if (v === zv && k !== hv) delete base[k];
			valueMaps[def.field] = { ...base, [hv]: zv };
			userValueMaps.add(def.field);
		}
		out[kind] = { mappings, omitDefaults, valueMaps, userValueMaps };
	}
	return out;
}

/** The Sync Scope parameter, normalised once; a condition that cannot be evaluated stops the run naming its field. */
export function scopeOf(ctx: IExecuteFunctions): SyncScope | undefined {
	const rows = ((ctx.getNodeParameter('scope', 0, {}) as IDataObject).condition ?? []) as IDataObject[];
	const conditions: ScopeCondition[] = rows.map((r) => ({
		system: r.system === 'zoho' ? 'zoho' : 'hubspot',
		objectKind: r.objectType === 'company' ? 'company' : 'contact',
		field: str(r.field),
		operator: String(r.operator ?? 'equals') as ScopeCondition['operator'],
		value: str(r.value),
	}));
	let scope: SyncScope | undefined;
	let problem: unknown;
	try {
		scope = normaliseScope({ conditions, combine: ctx.getNodeParameter('scopeCombine', 0, 'all') === 'any' ? 'any' : 'all' });
	} catch (error) {
		problem = error;
	}
	if (problem !== undefined) {
		const message = isScopeConfigError(problem) ? problem.message : `Sync Scope: ${String(problem)}`;
		throw new NodeOperationError(ctx.getNode(), message, { description: 'Fix or remove this Sync Scope condition.' });
	}
	return scope;
}

/** The directions and object kinds a run may touch, from the operation's parameters. */
function runShape(ctx: IExecuteFunctions): { directions: Direction[]; kinds: ObjectKind[] } {
	const operation = ctx.getNodeParameter('operation', 0, 'sync') as string;
	const dir = (source: string): Direction[] => [source === 'zoho' ? 'zohoToHubspot' : 'hubspotToZoho'];
	if (operation === 'syncRecent') return { directions: dir(ctx.getNodeParameter('recentSource', 0, 'zoho') as string), kinds: ctx.getNodeParameter('recentObjects', 0, KINDS) as ObjectKind[] };
	if (operation === 'reconcile') return { directions: dir(ctx.getNodeParameter('reconcileSource', 0, 'hubspot') as string), kinds: ctx.getNodeParameter('reconcileObjects', 0, KINDS) as ObjectKind[] };
	const direction = ctx.getNodeParameter('direction', 0, 'fromEvent') as string;
	const kind = ctx.getNodeParameter('objectType', 0, 'fromEvent') as string;
	return {
		directions: direction === 'hubspotToZoho' || direction === 'zohoToHubspot' ? [direction] : ['hubspotToZoho', 'zohoToHubspot'],
		kinds: kind === 'contact' || kind === 'company' ? [kind] : KINDS,
	};
}

/**
 * Checks every mapping the run can use (and the scope's fields) against both CRMs' field lists, before any write:
 * one NodeOperationError naming each field that cannot work. Lists come from fields.ts (one call per CRM and object,
 * cached five minutes per process); a list that cannot be read skips that CRM's checks.
 */
export async function checkRunMappings(ctx: IExecuteFunctions, byKind: ReturnType<typeof mappingsByKind>, scope: SyncScope | undefined, hubspotCredential: string): Promise<void> {
	const { directions, kinds } = runShape(ctx);
	const catalog = await catalogFor(ctx, kinds, hubspotCredential);
	const problems = kinds.flatMap((kind) => {
		const options = byKind[kind];
		return checkMappings(kind, resolveMappings(kind, options), catalog, { directions, scope, checkValueMaps: (m) => options.userValueMaps.has(m.field) });
	});
	if (problems.length === 0) return;
	const list = problems.map((p) => `- ${p.message}`).join('\n');
	throw new NodeOperationError(ctx.getNode(), problems.length === 1 ? `Field mapping cannot work: ${problems[0].message}` : `${problems.length} field mappings cannot work: ${problems[0].message}; …`, {
		description: `Nothing was written. Fix these in Custom Field Mappings, Default Mappings, Picklist Value Maps or Sync Scope:\n${list}`,
	});
}
