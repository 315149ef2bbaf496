import { errorDetail, parseExistingId, readHubspotError, redact, toRecordError } from '../../../lib/hubspot';

describe('HubSpot error mapping', () => {
	it('parses the existing id from a 409 CONFLICT message', () => {
		expect(parseExistingId('Contact already exists. Existing ID: 551')).toBe('551');
		expect(parseExistingId('Something else')).toBeUndefined();
	});

	it('reads the item code and property name embedded in a VALIDATION_ERROR message', () => {
		const body = {
			status: 'error',
			category: 'VALIDATION_ERROR',
			message: 'Property values were not valid: [{"isValid":false,"message":"x was not one of the allowed options","error":"INVALID_OPTION","name":"industry"}]',
		};
		expect(readHubspotError(body)).toMatchObject({ code: 'INVALID_OPTION', propertyName: 'industry', category: 'VALIDATION_ERROR' });
		expect(toRecordError(body, '12')).toMatchObject({ code: 'INVALID_OPTION', field: 'industry', recordId: '12', system: 'hubspot' });
	});

	it('treats every field of an error body as optional', () => {
		expect(readHubspotError(undefined)).toMatchObject({ message: '' });
		expect(errorDetail('<html>bad gateway</html>')).toBe('error: <html>bad gateway</html>');
		expect(toRecordError({}, undefined).code).toBe('UNKNOWN');
	});

	it('uses the rate-limit policy name as the code of a 429 body', () => {
		expect(readHubspotError({ category: 'RATE_LIMITS', policyName: 'TEN_SECONDLY_ROLLING', message: 'x' }).code).toBe('TEN_SECONDLY_ROLLING');
	});

	it('redacts bearer tokens, private-app tokens and hapikeys', () => {
		const out = redact('Bearer abc.def pat-na1-1234-5678 ?hapikey=xyz&a=1');
		expect(out).not.toMatch(/abc\.def|1234-5678|xyz/);
	});
});
