import { CrmRecordError, HttpError, NetworkError, TimeoutError, ConfigError, isRetriableStatus } from '../../lib/http';
import { isRetriableRecordCode } from '../../lib/retriable';
import { failedOutcome } from '../../lib/sync-adapters';
import { describeError } from '../../lib/sync';

// One table decides retriability for the transport retry (lib/http/retry.ts), the sync rounds (describeError) and
// per-record codes (failedOutcome): the three must agree on every status.
describe('the retriability table', () => {
	const statuses = Array.from({ length: 200 }, (_, i) => 400 + i);

	it('gives the same verdict for a thrown HTTP error in the sync rounds as the transport retry gives its status', () => {
		const disagree = statuses.filter((s) => describeError(new HttpError(s, 'GET', 'https://api.example/x', {}, undefined)).retriable !== isRetriableStatus(s));
		expect(disagree).toEqual([]);
	});

	it('gives the same verdict for a per-record HTTP_<status> code as for the status itself', () => {
		const record = (code: string) => failedOutcome(new CrmRecordError('hubspot', code, `failed: ${code}`, '1', undefined));
		const disagree = statuses.filter((s) => (record(`HTTP_${s}`) as { retriable?: boolean }).retriable !== isRetriableStatus(s));
		expect(disagree).toEqual([]);
	});

	it('retries 408, 425, 429 and 500/502/503/504, not 400, 404, 409, 412, 501 or 505', () => {
		expect([408, 425, 429, 500, 502, 503, 504].every(isRetriableStatus)).toBe(true);
		expect([400, 404, 409, 412, 501, 505].some(isRetriableStatus)).toBe(false);
	});

	it('treats network errors and timeouts as retriable and configuration errors as final', () => {
		expect(describeError(new NetworkError('POST', 'https://api.example/x', 'ECONNRESET')).retriable).toBe(true);
		expect(describeError(new TimeoutError('POST', 'https://api.example/x', 1000)).retriable).toBe(true);
		expect(describeError(new ConfigError('bad input', 'field')).retriable).toBe(false);
		expect(describeError(new Error('plain')).retriable).toBe(false);
	});

	it.each(['RATE_LIMIT', 'RATE_LIMITS', 'TOO_MANY_REQUESTS', 'INTERNAL_ERROR', 'UNKNOWN_OUTCOME', 'NO_RESULT', 'ALREADY_MODIFIED'])(
		'retries the per-record code %s',
		(code) => expect(isRetriableRecordCode(code)).toBe(true),
	);

	it.each(['INVALID_DATA', 'DUPLICATE_DATA', 'MANDATORY_NOT_FOUND', 'VALIDATION_ERROR', 'HTTP_', 'HTTP_4290', 'http_429', 'RATE_LIMITSX'])(
		'does not retry the per-record code %s (exact codes, no pattern)',
		(code) => expect(isRetriableRecordCode(code)).toBe(false),
	);
});
