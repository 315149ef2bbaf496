import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time string comparison. The length check comes first because timingSafeEqual throws on
 * buffers of different lengths; the length of a signature or token is not a secret.
 */
export function safeEqual(actual: string, expected: string): boolean {
	const a = Buffer.from(actual, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}
