import { ConfigError } from '../../lib/http';

/**
 * A credential's Connection Parameters (like a Zoho Connection's parameters): `name=value` pairs, one per line or
 * separated by `&`, used as `{name}` placeholders in its Base URL and in the node's URL, e.g. `shop=acme` with
 * `https://{shop}.example.com/api`. Values are URL-encoded where they are put.
 */
export function parseConnectionParameters(text: unknown): Map<string, string> {
	const out = new Map<string, string>();
	if (typeof text !== 'string') return out;
	for (const entry of text.split(/[\r\n&]+/)) {
		const i = entry.indexOf('=');
		if (i <= 0) continue;
		out.set(entry.slice(0, i).trim(), entry.slice(i + 1).trim());
	}
	return out;
}

/** Replaces `{name}` for every known name; an unknown `{name}` left in a URL fails before any request. */
export function expandPlaceholders(url: string, params: Map<string, string>, field: string): string {
	const expanded = url.replace(/\{([A-Za-z_][\w.-]*)\}/g, (whole, name: string) => {
		const value = params.get(name);
		return value === undefined ? whole : encodeURIComponent(value);
	});
	const unknown = /\{([A-Za-z_][\w.-]*)\}/.exec(expanded);
	if (unknown && params.size > 0) {
		throw new ConfigError(`The ${field} uses {${unknown[1]}} but the credential's Connection Parameters do not set ${unknown[1]}`, field === 'URL' ? 'url' : 'baseUrl');
	}
	return expanded;
}
