import { isValidEmail, isValidNumber } from './normalise';
import type { FieldKind, PayloadValue } from './types';

/**
 * Checks a value about to be written, so a bad record fails here with a clear message instead of as a Zoho
 * INVALID_DATA / HubSpot VALIDATION_ERROR for the whole batch. Returns the problem, or undefined when fine.
 */
export function checkValue(kind: FieldKind, value: PayloadValue): string | undefined {
	if (value === null || value === '') return undefined;
	const s = String(value);
	if (kind === 'email' && !isValidEmail(s)) return 'is not a valid email address';
	if (kind === 'number' && typeof value === 'string' && !isValidNumber(s)) return 'is not a number';
	return undefined;
}

/** Values in messages are user data, never secrets; long ones are cut so a message stays one line. */
export const quote = (value: unknown): string => {
	const s = String(value);
	return `'${s.length > 80 ? `${s.slice(0, 77)}...` : s}'`;
};
