import { propertiesToRead, resolveMappings, scopeFields, type FieldMapping, type ObjectKind, type SystemName } from '../sync';
import type { AdapterConfig } from './types';

/** The field mappings of one object kind, as the adapter config gives them (defaults, custom rows, value maps). */
export const mappingsOf = (config: AdapterConfig, kind: ObjectKind): FieldMapping[] => resolveMappings(kind, config.mappings?.[kind]);

/**
 * The native fields a port reads for every record of `kind`: each mapped field, the cross-reference field and the
 * sync scope's fields (so scope is decided without another call), plus `extra`; each once.
 */
export function fieldsToRead(config: AdapterConfig, system: SystemName, kind: ObjectKind, extra: readonly string[] = []): string[] {
	const xref = system === 'hubspot' ? config.xref?.hubspotField : config.xref?.zohoField;
	return [...new Set([...propertiesToRead(system, kind, mappingsOf(config, kind), xref), ...scopeFields(config.scope, system, kind), ...extra])];
}
