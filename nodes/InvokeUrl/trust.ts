import { ConfigError } from '../../lib/http';
import { parseUrl } from './parse';

/**
 * Where a Custom Service credential may be sent (issue 12, item 6). A credential is attached only to URLs of:
 * - the origin (scheme + host + port) of its Base URL; without a Base URL, for OAuth credentials, the origin of the
 *   Access Token URL (that host issued the token and already holds it);
 * - the host names in its Allowed Domains list (any scheme and port; `*.example.com` matches subdomains only, as in
 *   n8n's own "Allowed HTTP Request Domains" check);
 * - anything, only when the credential says Allowed HTTP Request Domains = All (an explicit, documented opt-in).
 * A credential with none of these is sent nowhere: an absolute URL taken from item data must never carry it.
 */
export interface CredentialTrust {
	allowAll: boolean;
	origins: string[];
	domains: string[];
}

export function credentialTrust(data: Record<string, unknown> | undefined): CredentialTrust {
	const text = (key: string) => (typeof data?.[key] === 'string' ? (data[key] as string).trim() : '');
	const origins: string[] = [];
	const base = originOf(text('baseUrl'));
	if (base) origins.push(base);
	else {
		const token = originOf(text('accessTokenUrl'));
		if (token) origins.push(token);
	}
	const domains = text('allowedDomains')
		.split(',')
		.map((d) => d.trim().toLowerCase().replace(/\.$/, ''))
		.filter(Boolean);
	return { allowAll: text('allowedHttpRequestDomains') === 'all', origins, domains };
}

export function originOf(url: string): string | undefined {
	if (!/^https?:\/\//i.test(url)) return undefined;
	const parsed = parseUrl(url);
	return parsed.ok ? parsed.value.origin : undefined;
}

export function isUrlTrusted(url: string, trust: CredentialTrust): boolean {
	if (trust.allowAll) return true;
	const parsed = parseUrl(url);
	if (!parsed.ok) return false;
	if (trust.origins.includes(parsed.value.origin)) return true;
	const host = parsed.value.hostname.toLowerCase().replace(/\.$/, '');
	return trust.domains.some((d) => (d.startsWith('*.') ? d.length > 2 && host.endsWith(d.slice(1)) : host === d));
}

/** Throws before anything is sent when the credential may not go to `url`; the message names the host, never a secret. */
export function assertUrlTrusted(url: string, trust: CredentialTrust, credentialLabel: string): void {
	if (isUrlTrusted(url, trust)) return;
	const host = hostOf(url);
	const allowed = [...trust.origins, ...trust.domains];
	const why = allowed.length
		? `it is only sent to ${allowed.join(', ')}`
		: 'it has no Base URL and no Allowed Domains, so it is sent nowhere';
	throw new ConfigError(
		`${credentialLabel} is not sent to ${host}: ${why}. Add ${host} to the credential's Allowed Domains if this host should receive it`,
		'url',
	);
}

export function hostOf(url: string): string {
	const parsed = parseUrl(url);
	return parsed.ok ? parsed.value.host : url.split(/[/?#]/)[2] ?? url;
}

/** Hosts for n8n's own per-request allowlist (IHttpRequestOptions.allowedDomains), a second guard behind ours. */
export function allowedHostsFor(trust: CredentialTrust): string | undefined {
	if (trust.allowAll) return undefined;
	const hosts = trust.origins.map((o) => new URL(o).hostname);
	return [...new Set([...hosts, ...trust.domains])].join(', ') || undefined;
}
