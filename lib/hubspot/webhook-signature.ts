// HubSpot webhook signatures v1, v2 and v3 (https://developers.hubspot.com/docs/api/webhooks/validating-requests).
// Pure: node:crypto only, clock injected.
import { createHash, createHmac } from 'node:crypto';
import { safeEqual } from '../webhooks/safe-compare';

export type SignatureVersion = 'v1' | 'v2' | 'v3';

export type SignatureFailure =
	| 'missing-secret'
	| 'missing-headers'
	| 'missing-v3'
	| 'legacy-not-accepted'
	| 'missing-timestamp'
	| 'unknown-version'
	| 'stale-timestamp'
	| 'future-timestamp'
	| 'bad-length'
	| 'mismatch';

export type SignatureCheck =
	| { ok: true; version: SignatureVersion }
	| { ok: false; reason: SignatureFailure; version?: SignatureVersion };

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface SignedRequest {
	method: string;
	/** The full URL HubSpot called (protocol, host, path, query in original order), not one rebuilt from Host. */
	url: string;
	/** The raw request bytes; never a re-serialised body. */
	rawBody: Buffer | string;
	headers: HeaderBag;
}

export interface VerifyOptions {
	clientSecret: string;
	now: () => number;
	/** v3 timestamps older than this are rejected. Default 5 minutes (HubSpot's sample uses 300000 ms). */
	maxAgeMs?: number;
	/** Tolerated clock skew for timestamps in the future. Default 60 s. */
	maxFutureSkewMs?: number;
	/**
	 * Versions accepted. Default v3 only: v1 and v2 sign no timestamp (v1 not even the URL), so a captured request
	 * verifies forever. Every app delivery carries v3 next to v1; v2 alone is what workflow webhook actions send.
	 */
	versions?: SignatureVersion[];
}

export const HUBSPOT_SIGNATURE_MAX_AGE_MS = 300_000;

const V3_DECODE: Record<string, string> = {
	'%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'",
	'%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

/** HubSpot decodes only these escapes before signing v3; everything else (e.g. %20, %25) stays as sent. */
export function decodeHubspotUri(uri: string): string {
	return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => V3_DECODE[m.toUpperCase()]);
}

const bytes = (body: Buffer | string): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

export function computeSignatureV1(clientSecret: string, rawBody: Buffer | string): string {
	return createHash('sha256').update(clientSecret, 'utf8').update(bytes(rawBody)).digest('hex');
}

export function computeSignatureV2(clientSecret: string, method: string, uri: string, rawBody: Buffer | string): string {
	return createHash('sha256')
		.update(`${clientSecret}${method.toUpperCase()}${uri}`, 'utf8')
		.update(bytes(rawBody))
		.digest('hex');
}

export function computeSignatureV3(
	clientSecret: string,
	method: string,
	uri: string,
	rawBody: Buffer | string,
	timestamp: string,
): string {
	return createHmac('sha256', clientSecret)
		.update(`${method.toUpperCase()}${decodeHubspotUri(uri)}`, 'utf8')
		.update(bytes(rawBody))
		.update(timestamp, 'utf8')
		.digest('base64');
}

export function headerOf(headers: HeaderBag, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const v = Array.isArray(value) ? value[0] : value;
		return v === undefined || v === '' ? undefined : v;
	}
	return undefined;
}

function compare(actual: string, expected: string, version: SignatureVersion): SignatureCheck {
	if (actual.length !== expected.length) return { ok: false, reason: 'bad-length', version };
	return safeEqual(actual, expected) ? { ok: true, version } : { ok: false, reason: 'mismatch', version };
}

function verifyV3(request: SignedRequest, signature: string, options: VerifyOptions): SignatureCheck {
	const timestamp = headerOf(request.headers, 'x-hubspot-request-timestamp');
	if (timestamp === undefined) return { ok: false, reason: 'missing-timestamp', version: 'v3' };
	if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'missing-timestamp', version: 'v3' };
	const age = options.now() - Number(timestamp);
	if (age > (options.maxAgeMs ?? HUBSPOT_SIGNATURE_MAX_AGE_MS)) return { ok: false, reason: 'stale-timestamp', version: 'v3' };
	if (-age > (options.maxFutureSkewMs ?? 60_000)) return { ok: false, reason: 'future-timestamp', version: 'v3' };
	const expected = computeSignatureV3(options.clientSecret, request.method, request.url, request.rawBody, timestamp);
	return compare(signature, expected, 'v3');
}

/**
 * Verifies a HubSpot webhook request. v3 whenever its signature or timestamp header is present: a v3 failure is
 * final, never a fallback to v1/v2, so stripping or breaking the v3 headers of a captured delivery cannot downgrade
 * it. Only a request with neither v3 header is checked as v1/v2 (named by X-HubSpot-Signature-Version), and only
 * when `versions` accepts them. Never throws, never echoes the secret.
 */
export function verifyHubspotSignature(request: SignedRequest, options: VerifyOptions): SignatureCheck {
	if (!options.clientSecret) return { ok: false, reason: 'missing-secret' };
	const accepted = options.versions ?? ['v3'];
	const v3 = headerOf(request.headers, 'x-hubspot-signature-v3');
	if (v3 !== undefined) {
		if (!accepted.includes('v3')) return { ok: false, reason: 'unknown-version', version: 'v3' };
		return verifyV3(request, v3, options);
	}
	if (headerOf(request.headers, 'x-hubspot-request-timestamp') !== undefined) return { ok: false, reason: 'missing-v3', version: 'v3' };
	const legacy = headerOf(request.headers, 'x-hubspot-signature');
	const version = headerOf(request.headers, 'x-hubspot-signature-version');
	if (legacy === undefined || version === undefined) return { ok: false, reason: 'missing-headers' };
	const v = version.toLowerCase();
	if (v !== 'v1' && v !== 'v2') return { ok: false, reason: 'unknown-version' };
	if (!accepted.includes(v)) return { ok: false, reason: 'legacy-not-accepted', version: v };
	const expected =
		v === 'v1'
			? computeSignatureV1(options.clientSecret, request.rawBody)
			: computeSignatureV2(options.clientSecret, request.method, request.url, request.method.toUpperCase() === 'GET' ? '' : request.rawBody);
	return compare(legacy.toLowerCase(), expected, v);
}

const FAILURE_TEXT: Record<SignatureFailure, string> = {
	'missing-secret': 'no client secret is configured in the credential to verify HubSpot signatures',
	'missing-headers': 'the request carries no HubSpot signature headers',
	'missing-v3': 'the request carries X-HubSpot-Request-Timestamp but no X-HubSpot-Signature-v3',
	'legacy-not-accepted': 'the request carries no v3 signature (X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp), and v1/v2 signatures are not accepted by this trigger',
	'missing-timestamp': 'the X-HubSpot-Request-Timestamp header is missing or not a number',
	'unknown-version': 'the signature version is not supported or not accepted',
	'stale-timestamp': 'the request timestamp is older than allowed (possible replay)',
	'future-timestamp': 'the request timestamp is in the future',
	'bad-length': 'the signature has the wrong length',
	mismatch: 'the signature does not match',
};

/** A message safe to return to the caller and to log: it names the check, never a secret or signature. */
export function describeSignatureFailure(reason: SignatureFailure): string {
	return `Invalid HubSpot webhook signature: ${FAILURE_TEXT[reason]}`;
}
