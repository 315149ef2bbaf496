import type { FieldKind, FieldValue } from './types';

/**
 * Normalisation for COMPARISON only: writes always carry the source's own spelling. Cosmetic differences (email case,
 * spacing, phone punctuation, https://www. prefixes) must compare equal, or every sync would answer the other side's
 * echo with a write and the two CRMs would ping-pong.
 */

/** Any native value -> string or null; '' and whitespace-only are null. Zoho lookups ({name,id}) read as their name. */
export function toFieldValue(value: unknown): FieldValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return value.length === 0 ? null : value.map((v) => String(v)).join(';');
	if (typeof value === 'object') {
		const name = (value as { name?: unknown }).name;
		return typeof name === 'string' && name.trim() !== '' ? name : null;
	}
	return null;
}

export const isEmpty = (value: FieldValue | undefined): value is null | undefined =>
	value === null || value === undefined || value.trim() === '';

export const collapseWhitespace = (s: string): string => s.replace(/\s+/g, ' ').trim();

export const normaliseEmail = (s: string): string => s.trim().toLowerCase();

/** Digits only, keeping one leading +: "+1 (555) 010-0200" -> "+15550100200". */
export function normalisePhone(s: string): string {
	const trimmed = s.trim();
	const digits = trimmed.replace(/\D/g, '');
	return /^[\s(]*\+/.test(trimmed) ? `+${digits}` : digits;
}

/** URL or domain -> bare lower-case host without www.: "https://www.Acme.com/about" -> "acme.com". */
export function normaliseDomain(s: string): string {
	let host = s.trim().toLowerCase();
	host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
	host = host.replace(/^[^@/]*@/, '');
	host = host.split(/[/?#]/)[0];
	host = host.replace(/:\d+$/, '');
	host = host.replace(/^www\d*\./, '');
	return host.replace(/\.$/, '');
}

/** "1,200" / "1200.0" / " 1200 " -> "1200"; non-numbers are kept (collapsed) so they still compare. */
export function normaliseNumber(s: string): string {
	const cleaned = s.trim().replace(/,/g, '');
	const n = Number(cleaned);
	return cleaned !== '' && Number.isFinite(n) ? String(n) : collapseWhitespace(s);
}

export function normaliseValue(kind: FieldKind, value: FieldValue | undefined): string | null {
	if (isEmpty(value)) return null;
	switch (kind) {
		case 'email':
			return normaliseEmail(value);
		case 'phone':
			return normalisePhone(value);
		case 'url':
		case 'domain':
			return normaliseDomain(value);
		case 'number':
			return normaliseNumber(value);
		default:
			return collapseWhitespace(value);
	}
}

/** Same value after normalisation; empty equals empty. Text keeps case: "acme" -> "Acme" is a real edit. */
export const sameValue = (kind: FieldKind, a: FieldValue | undefined, b: FieldValue | undefined): boolean =>
	normaliseValue(kind, a) === normaliseValue(kind, b);

/** Matching is looser than comparison: names match case-insensitively. */
export const matchName = (s: FieldValue | undefined): string | null =>
	isEmpty(s) ? null : collapseWhitespace(s).toLowerCase();

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isValidEmail = (s: string): boolean => EMAIL_RE.test(s.trim());
export const isValidNumber = (s: string): boolean => {
	const cleaned = s.trim().replace(/,/g, '');
	return cleaned !== '' && Number.isFinite(Number(cleaned));
};
