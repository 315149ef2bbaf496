import {
	computeSignatureV1,
	computeSignatureV2,
	computeSignatureV3,
	decodeHubspotUri,
	describeSignatureFailure,
	verifyHubspotSignature,
	type SignatureFailure,
	type SignatureVersion,
} from '../../../lib/hubspot/webhook-signature';

// Published vectors, docs/crm-api-notes.md §1.2 (HubSpot docs and SDK tests).
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const URL = 'https://www.example.com/webhook_uri';
const BODY = "{'example_field':'example_value'}";
const FAQ_BODY =
	'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

describe('HubSpot published signature vectors', () => {
	it('computes the v1 vector', () => {
		expect(computeSignatureV1(SECRET, BODY)).toBe('69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750');
	});
	it('computes the v1 FAQ vector', () => {
		expect(computeSignatureV1(SECRET, FAQ_BODY)).toBe('232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
	});
	it('computes the v2 POST vector', () => {
		expect(computeSignatureV2(SECRET, 'POST', URL, BODY)).toBe('4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383');
	});
	it('computes the v2 GET vector with an empty body', () => {
		expect(computeSignatureV2(SECRET, 'GET', URL, '')).toBe('eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
	});
	it('computes both v3 vectors', () => {
		expect(computeSignatureV3(SECRET, 'POST', URL, BODY, '15000000')).toBe('HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=');
		expect(computeSignatureV3(SECRET, 'POST', URL, BODY, '1693657560000')).toBe('K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=');
	});
	it('hashes raw bytes: a Buffer body gives the same signature as its string', () => {
		expect(computeSignatureV1(SECRET, Buffer.from(FAQ_BODY))).toBe(computeSignatureV1(SECRET, FAQ_BODY));
	});
});

describe('verifyHubspotSignature', () => {
	const TS = 1693657560000;
	const v3Headers = { 'X-HubSpot-Signature-v3': 'K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=', 'X-HubSpot-Request-Timestamp': String(TS) };
	const base = { method: 'POST', url: URL, rawBody: BODY };
	const opts = (nowMs = TS + 1000) => ({ clientSecret: SECRET, now: () => nowMs });
	const reason = (r: ReturnType<typeof verifyHubspotSignature>): SignatureFailure | undefined => (r.ok ? undefined : r.reason);

	it('accepts the published v3 request within five minutes', () => {
		expect(verifyHubspotSignature({ ...base, headers: v3Headers }, opts())).toEqual({ ok: true, version: 'v3' });
	});
	it('reads headers case-insensitively', () => {
		const lower = { 'x-hubspot-signature-v3': v3Headers['X-HubSpot-Signature-v3'], 'x-hubspot-request-timestamp': String(TS) };
		expect(verifyHubspotSignature({ ...base, headers: lower }, opts()).ok).toBe(true);
	});
	it('rejects a v3 signature older than five minutes', () => {
		expect(reason(verifyHubspotSignature({ ...base, headers: v3Headers }, opts(TS + 300_001)))).toBe('stale-timestamp');
	});
	it('honours a custom maximum age', () => {
		expect(reason(verifyHubspotSignature({ ...base, headers: v3Headers }, { ...opts(TS + 61_000), maxAgeMs: 60_000 }))).toBe('stale-timestamp');
	});
	it('rejects a v3 timestamp far in the future', () => {
		expect(reason(verifyHubspotSignature({ ...base, headers: v3Headers }, opts(TS - 120_000)))).toBe('future-timestamp');
	});
	it('rejects a v3 signature without a timestamp', () => {
		const headers = { 'X-HubSpot-Signature-v3': v3Headers['X-HubSpot-Signature-v3'] };
		expect(reason(verifyHubspotSignature({ ...base, headers }, opts()))).toBe('missing-timestamp');
	});
	it('rejects a non-numeric timestamp', () => {
		const headers = { ...v3Headers, 'X-HubSpot-Request-Timestamp': 'yesterday' };
		expect(reason(verifyHubspotSignature({ ...base, headers }, opts()))).toBe('missing-timestamp');
	});
	it('rejects a v3 signature of the wrong length', () => {
		const headers = { ...v3Headers, 'X-HubSpot-Signature-v3': 'K36dawei4A+QBNolUOqo7s91KQDW' };
		expect(reason(verifyHubspotSignature({ ...base, headers }, opts()))).toBe('bad-length');
	});
	it('rejects a v3 signature over a mutated body', () => {
		expect(reason(verifyHubspotSignature({ ...base, rawBody: BODY.replace('value', 'valuf'), headers: v3Headers }, opts()))).toBe('mismatch');
	});
	it('rejects a v3 signature made with another secret', () => {
		expect(reason(verifyHubspotSignature({ ...base, headers: v3Headers }, { ...opts(), clientSecret: 'other-secret' }))).toBe('mismatch');
	});
	it('rejects a v3 signature for another URL (signed URL differs from the node URL)', () => {
		expect(reason(verifyHubspotSignature({ ...base, url: 'https://www.example.com/other', headers: v3Headers }, opts()))).toBe('mismatch');
	});
	it('does not fall back to v1 when a v3 header is present but wrong', () => {
		const headers = {
			...v3Headers,
			'X-HubSpot-Signature-v3': 'A'.repeat(44),
			'X-HubSpot-Signature': computeSignatureV1(SECRET, BODY),
			'X-HubSpot-Signature-Version': 'v1',
		};
		expect(reason(verifyHubspotSignature({ ...base, headers }, opts()))).toBe('mismatch');
	});
	it('rejects a request with no signature headers', () => {
		expect(reason(verifyHubspotSignature({ ...base, headers: { 'content-type': 'application/json' } }, opts()))).toBe('missing-headers');
	});
	const legacyOk = { ...opts(), versions: ['v3', 'v2', 'v1'] as SignatureVersion[] };
	const v1Headers = { 'X-HubSpot-Signature': computeSignatureV1(SECRET, BODY), 'X-HubSpot-Signature-Version': 'v1' };
	it('accepts only v3 by default: a genuine v1 signature alone is refused (it carries no timestamp, replayable forever)', () => {
		expect(reason(verifyHubspotSignature({ ...base, headers: v1Headers }, opts()))).toBe('legacy-not-accepted');
		const v2 = { 'X-HubSpot-Signature': computeSignatureV2(SECRET, 'POST', URL, BODY), 'X-HubSpot-Signature-Version': 'v2' };
		expect(reason(verifyHubspotSignature({ ...base, headers: v2 }, opts()))).toBe('legacy-not-accepted');
	});
	it('refuses a genuine delivery whose v3 headers were stripped (v1 left as HubSpot sent it)', () => {
		const delivery = { ...v3Headers, ...v1Headers };
		expect(verifyHubspotSignature({ ...base, headers: delivery }, opts()).ok).toBe(true);
		const stripped = { ...v1Headers };
		expect(reason(verifyHubspotSignature({ ...base, headers: stripped }, opts(TS + 3_600_000)))).toBe('legacy-not-accepted');
	});
	it('does not fall back to v1 when the timestamp header is present but the v3 signature is missing, even with legacy accepted', () => {
		const headers = { 'X-HubSpot-Request-Timestamp': String(TS), ...v1Headers };
		expect(reason(verifyHubspotSignature({ ...base, headers }, opts()))).toBe('missing-v3');
		expect(reason(verifyHubspotSignature({ ...base, headers }, legacyOk))).toBe('missing-v3');
	});
	it('rejects a legacy signature without a version header', () => {
		const headers = { 'X-HubSpot-Signature': computeSignatureV1(SECRET, BODY) };
		expect(reason(verifyHubspotSignature({ ...base, headers }, legacyOk))).toBe('missing-headers');
	});
	it('rejects an unknown signature version', () => {
		const headers = { 'X-HubSpot-Signature': computeSignatureV1(SECRET, BODY), 'X-HubSpot-Signature-Version': 'v9' };
		expect(reason(verifyHubspotSignature({ ...base, headers }, legacyOk))).toBe('unknown-version');
	});
	it('accepts v1 and v2 by X-HubSpot-Signature-Version only when they are explicitly accepted', () => {
		const v2 = { 'X-HubSpot-Signature': computeSignatureV2(SECRET, 'POST', URL, BODY), 'X-HubSpot-Signature-Version': 'v2' };
		expect(verifyHubspotSignature({ ...base, headers: v1Headers }, legacyOk)).toEqual({ ok: true, version: 'v1' });
		expect(verifyHubspotSignature({ ...base, headers: v2 }, legacyOk)).toEqual({ ok: true, version: 'v2' });
		expect(reason(verifyHubspotSignature({ ...base, headers: v1Headers }, { ...opts(), versions: ['v3', 'v2'] }))).toBe('legacy-not-accepted');
	});
	it('rejects a v1 signature of the wrong length and a mutated v1 body', () => {
		const short = { 'X-HubSpot-Signature': 'abc', 'X-HubSpot-Signature-Version': 'v1' };
		expect(reason(verifyHubspotSignature({ ...base, headers: short }, legacyOk))).toBe('bad-length');
		expect(reason(verifyHubspotSignature({ ...base, rawBody: `${BODY} `, headers: v1Headers }, legacyOk))).toBe('mismatch');
	});
	it('refuses to verify without a client secret', () => {
		expect(reason(verifyHubspotSignature({ ...base, headers: v3Headers }, { ...opts(), clientSecret: '' }))).toBe('missing-secret');
	});
	it('never puts the secret or the signature in the failure message', () => {
		const reasons: SignatureFailure[] = ['missing-secret', 'missing-headers', 'missing-v3', 'legacy-not-accepted', 'missing-timestamp', 'unknown-version', 'stale-timestamp', 'future-timestamp', 'bad-length', 'mismatch'];
		for (const r of reasons) {
			const text = describeSignatureFailure(r);
			expect(text).toMatch(/^Invalid HubSpot webhook signature: /);
			expect(text).not.toContain(SECRET);
			expect(text).not.toContain(v3Headers['X-HubSpot-Signature-v3']);
		}
	});
});

describe('decodeHubspotUri (v3 URI rule)', () => {
	it('decodes only the listed escapes, in either case', () => {
		expect(decodeHubspotUri('https://x.test/a%3Ab%2fc?q=%40me%2C%21%24%27%28%29%2A%3B%3F')).toBe("https://x.test/a:b/c?q=@me,!$'()*;?");
	});
	it('leaves other escapes alone and does not double-decode', () => {
		expect(decodeHubspotUri('https://x.test/a%20b?x=%253A&y=%26')).toBe('https://x.test/a%20b?x=%253A&y=%26');
	});
	it('verifies a v3 signature HubSpot computed over the decoded URI', () => {
		const sent = 'https://n8n.test/webhook/abc/webhook?email=a%40b.test&x=%20';
		const ts = '1700000000000';
		const signature = computeSignatureV3(SECRET, 'POST', 'https://n8n.test/webhook/abc/webhook?email=a@b.test&x=%20', BODY, ts);
		const headers = { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': ts };
		expect(verifyHubspotSignature({ method: 'POST', url: sent, rawBody: BODY, headers }, { clientSecret: SECRET, now: () => 1700000000000 }).ok).toBe(true);
	});
});
