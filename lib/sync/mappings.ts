import { DEFAULT_MAPPINGS, MODIFIED_FIELDS } from './field-maps';
import { normaliseDomain, normaliseNumber } from './normalise';
import type { CustomMapping, Direction, FieldMapping, FieldValue, ObjectKind, PayloadValue, SystemName } from './types';

export interface MappingOptions {
	/** Added to (and overriding) the defaults. */
	mappings?: readonly CustomMapping[];
	/** Canonical names of default mappings to leave out (e.g. `phone`); all of them: only the custom mappings. */
	omitDefaults?: readonly string[];
	/** Per canonical field (e.g. `industry`): HubSpot value -> Zoho value, replacing the default value map. */
	valueMaps?: Record<string, Record<string, string>>;
}

export const customFieldName = (m: CustomMapping): string => `custom:${m.hubspotField}:${m.zohoField}`;

/**
 * Defaults plus custom mappings. A custom mapping replaces every default that uses the same HubSpot property or the same
 * Zoho field, so a user can re-route `phone` to `Other_Phone` without a second mapping writing the old one.
 */
export function resolveMappings(objectKind: ObjectKind, options: MappingOptions = {}): FieldMapping[] {
	const custom = options.mappings ?? [];
	const defaults = DEFAULT_MAPPINGS[objectKind];
	const omitted = new Set(options.omitDefaults ?? []);
	const kept = defaults.filter((d) => !omitted.has(d.field) && !custom.some((c) => c.hubspotField === d.hubspot || c.zohoField === d.zoho));
	const all: FieldMapping[] = [
		...kept.map((m) => ({ ...m })),
		...custom.map(
			(c): FieldMapping => ({
				field: customFieldName(c),
				hubspot: c.hubspotField,
				zoho: c.zohoField,
				direction: c.direction,
				kind: c.kind ?? (c.valueMap ? 'enum' : 'text'),
				valueMap: c.valueMap,
			}),
		),
	];
	for (const m of all) {
		const override = options.valueMaps?.[m.field];
		if (override) m.valueMap = override;
	}
	return all;
}

export const appliesTo = (m: FieldMapping, direction: Direction): boolean =>
	m.direction === 'both' || m.direction === direction;

export const nativeField = (m: FieldMapping, system: SystemName): string => (system === 'hubspot' ? m.hubspot : m.zoho);

/** Native field names a reader must fetch for `system` (mapped fields, fallbacks, timestamps, the xref field). */
export function propertiesToRead(
	system: SystemName,
	objectKind: ObjectKind,
	mappings: readonly FieldMapping[],
	xrefField?: string,
): string[] {
	const names = new Set<string>();
	for (const m of mappings) {
		names.add(nativeField(m, system));
		if (system === 'hubspot' && m.hubspotFallback) names.add(m.hubspotFallback);
	}
	names.add(MODIFIED_FIELDS[objectKind][system]);
	if (xrefField) names.add(xrefField);
	return [...names];
}

export type Translation = { ok: true; value: FieldValue } | { ok: false };

/** Source value -> target vocabulary (enum value maps); other kinds pass through. */
export function translateValue(m: FieldMapping, value: FieldValue, direction: Direction): Translation {
	if (value === null || m.kind !== 'enum' || !m.valueMap) return { ok: true, value };
	const v = value.trim();
	if (direction === 'hubspotToZoho') {
		const out = m.valueMap[v];
		return out === undefined ? { ok: false } : { ok: true, value: out };
	}
	const entry = Object.keys(m.valueMap).find((k) => m.valueMap?.[k] === v);
	return entry === undefined ? { ok: false } : { ok: true, value: entry };
}

/** Value as written. Source spelling is kept except: bare domains, numbers as numbers for Zoho, '' clears in HubSpot. */
export function toPayloadValue(m: FieldMapping, value: FieldValue, target: SystemName): PayloadValue {
	if (value === null) return target === 'hubspot' ? '' : null;
	if (m.kind === 'domain') return normaliseDomain(value);
	if (m.kind === 'number') {
		const n = normaliseNumber(value);
		return target === 'zoho' && Number.isFinite(Number(n)) ? Number(n) : n;
	}
	return value;
}
