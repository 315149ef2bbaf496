import { ConfigError } from '../http';

const ZOHO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Zoho's Modified_Time is ISO 8601 in the user's offset without ms ("2019-03-22T11:10:55+05:30", docs/crm-api-notes.md §2.6).
 * Returns the instant in epoch ms. Throws ConfigError for a string without an offset: its instant is ambiguous.
 */
export function parseZohoTime(value: string): number {
	const s = value.trim();
	if (!ZOHO_TIME.test(s)) throw new ConfigError(`Not a Zoho date-time with an offset: "${s.slice(0, 40)}"`);
	const normalised = s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	const ms = Date.parse(normalised);
	if (Number.isNaN(ms)) throw new ConfigError(`Not a Zoho date-time: "${s.slice(0, 40)}"`);
	return ms;
}

/** Epoch ms -> "2024-01-15T09:56:49+00:00": the shape Zoho wants for If-Unmodified-Since and channel_expiry (no ms). */
export function formatZohoTime(ms: number): string {
	return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}
