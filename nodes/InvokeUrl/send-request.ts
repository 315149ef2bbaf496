import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { ConfigError, DEFAULT_RETRY, expectOk, sendWithRetry } from '../../lib/http';
import type { HttpRequest, HttpResponse, Transport } from '../../lib/http';
import { createN8nTransport, now, sleep } from '../shared/transport';
import type { Options } from './item-parameters';
import { prepareOAuth1Request } from './oauth1-request';
import { causeOf, parseUrl } from './parse';
import { followRedirects, MAX_REDIRECTS } from './redirects';
import { decodeResponse } from './response-format';
import { mayRetryFor } from './retry-policy';
import { allowedHostsFor, isUrlTrusted } from './trust';
import type { CredentialTrust } from './trust';

export type Send = (request: HttpRequest) => Promise<HttpResponse>;

/** Sends with the node's retry options; an error status fails the item unless Fail on HTTP Error is off. */
export function createSender(transport: Transport, options: Options): Send {
	return async (req) => {
		const response = await sendWithRetry(transport, req, {
			...DEFAULT_RETRY,
			retries: options.retries ?? DEFAULT_RETRY.retries,
			// the node's Retries option is the user's word for every kind of retry, 429 included
			rateLimitRetries: options.retries ?? DEFAULT_RETRY.retries,
			mayRetry: mayRetryFor(options.retryNonIdempotent === true),
			sleep,
			now,
		});
		if (options.failOnHttpError !== false && response.statusCode >= 400) expectOk(req, { ...response, body: bodyForError(response) }, now);
		return response;
	};
}

/** An error body as text or JSON (the transport hands over raw bytes), for the error description. */
function bodyForError(response: HttpResponse): unknown {
	const type = String(response.headers['content-type'] ?? '');
	const decoded = decodeResponse(response.body, type, 'auto', '');
	return decoded.kind === 'empty' ? undefined : decoded.value;
}

/**
 * n8n never follows a redirect here: followRedirects does, sending the credential only where it may go. The
 * authenticated hops get n8n's own host allowlist as a second guard, and OAuth 1.0a requests their body signing.
 */
export function transportFor(this: IExecuteFunctions, authentication: string, trust: CredentialTrust | undefined, options: Options): Transport {
	const proxy = proxyOption(options.proxy);
	const common = { followRedirects: false, rawResponses: true, prepare: proxy ? (opts: IHttpRequestOptions) => void (opts.proxy = proxy) : undefined };
	const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
	const plain = createN8nTransport(this, 'none', common);
	if (!trust) return followRedirects(plain, plain, { follow: options.followRedirects !== false, maxRedirects, mayAuthenticate: () => false });
	const allowedDomains = allowedHostsFor(trust);
	const authenticated = createN8nTransport(this, authentication, {
		...common,
		prepare: (opts) => {
			if (proxy) opts.proxy = proxy;
			if (allowedDomains) opts.allowedDomains = allowedDomains;
			if (authentication === 'customServiceOAuth1Api') prepareOAuth1Request(opts);
		},
	});
	return followRedirects(authenticated, plain, {
		follow: options.followRedirects !== false,
		maxRedirects,
		// "All" lets the user send the credential to any URL they give, never to one a server redirects to.
		mayAuthenticate: (target) => isUrlTrusted(target, { ...trust, allowAll: false }),
	});
}

/** The Proxy option as n8n's IHttpRequestOptions.proxy ({ protocol, host, port, auth }). */
export function proxyOption(text: string | undefined): IHttpRequestOptions['proxy'] | undefined {
	const value = (text ?? '').trim();
	if (value === '') return undefined;
	const parsed = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
	const url = parsed.ok ? parsed.value : undefined;
	// The message never repeats the value: it may hold the proxy's password.
	if (!url || !/^https?:$/.test(url.protocol) || !url.hostname) throw new ConfigError('The Proxy option is not an http:// or https:// URL', 'options.proxy', causeOf(parsed));
	const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
	const auth = url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined;
	return { protocol: url.protocol.replace(':', ''), host: url.hostname, port, ...(auth ? { auth } : {}) };
}
