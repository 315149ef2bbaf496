import { ConfigError, CrmRecordError, HttpError, NetworkError, TimeoutError } from '../../../lib/http';

// Wrapped errors keep the original as Error's own `cause`; the message names only what failed where.
describe('lib/http errors keep their cause', () => {
	const original = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443 Authorization: Bearer sekret-token'), { code: 'ECONNREFUSED' });
	const url = 'https://api.example/crm/v3/objects?access_token=sekret-token';

	it.each([
		['NetworkError', new NetworkError('GET', url, 'ECONNREFUSED', { cause: original })],
		['TimeoutError', new TimeoutError('GET', url, 5000, { cause: original })],
		['HttpError', new HttpError(502, 'GET', url, { message: 'bad gateway' }, undefined, 'upstream', { cause: original })],
		['CrmRecordError', new CrmRecordError('zoho', 'INVALID_DATA', 'Zoho rejected record 0', '1', 'Email', {}, { cause: original })],
		['ConfigError', new ConfigError('Not a Zoho date-time', 'Modified_Time', { cause: original })],
	])('%s keeps the original error as cause, and neither its text nor the token in its message', (_name, error) => {
		expect(error.cause).toBe(original);
		expect(error.message).not.toContain('sekret-token');
		expect(error.message).not.toContain('ECONNREFUSED 127.0.0.1');
	});

	it('names the method and the URL without its query', () => {
		const e = new NetworkError('POST', url, 'ECONNRESET', { cause: original });
		expect(e.message).toBe('Network error (ECONNRESET): POST https://api.example/crm/v3/objects?…');
		expect(new TimeoutError('GET', url, 250).message).toBe('Request timed out after 250 ms: GET https://api.example/crm/v3/objects?…');
		expect([e.kind, e.name, e.method, e.url, e.code]).toEqual(['NetworkError', 'NetworkError', 'POST', url, 'ECONNRESET']);
	});

	it('has no cause when none was given', () => {
		expect('cause' in new NetworkError('GET', url, undefined)).toBe(false);
	});
});
