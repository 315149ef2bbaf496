import type { INode } from 'n8n-workflow';
import { ConfigError, CrmRecordError, HttpError, NetworkError } from '../../../lib/http';
import { redactSecrets, secretsOf, summariseBody, toErrorJson, toNodeError } from '../../../nodes/shared/errors';
import { classifyFailure } from '../../../nodes/shared/transport';
import { decodeBody } from '../../../nodes/shared/response-body';

const node: INode = { id: '1', name: 'N', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

describe('redactSecrets', () => {
	it.each([
		['Authorization: Bearer abc.def.ghi', 'abc.def'],
		['{"access_token":"tok123456","x":1}', 'tok123456'],
		['https://x.test/cb?code=1&access_token=tok123456&y=2', 'tok123456'],
		['client_secret=s3cr3t-value&grant_type=refresh_token', 's3cr3t-value'],
		['password: hunter22', 'hunter22'],
		['https://alice:pa55word@host.test/path', 'pa55word'],
		['Zoho-oauthtoken 1000.abcdef.123456', '1000.abcdef'],
	])('removes the secret from %s', (text, secret) => {
		expect(redactSecrets(text)).not.toContain(secret);
	});

	it('removes literal secrets it is given', () => {
		expect(redactSecrets('key was xk-99887766 here', ['xk-99887766'])).toBe('key was [redacted] here');
	});

	it('leaves ordinary text alone', () => {
		expect(redactSecrets('Request failed with status 404: GET https://api.test/items')).toBe(
			'Request failed with status 404: GET https://api.test/items',
		);
	});
});

describe('summariseBody', () => {
	it('prefers the API message fields', () => {
		expect(summariseBody({ error: { message: 'Invalid email' } })).toBe('Invalid email');
		expect(summariseBody({ data: [{ code: 'DUPLICATE_DATA', message: 'duplicate data' }] })).toBe('duplicate data');
	});
	it('truncates long bodies', () => {
		expect(summariseBody('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`);
	});
});

describe('toNodeError', () => {
	it('maps an HttpError to a NodeApiError with status, item index and a redacted description', () => {
		const err = toNodeError(node, new HttpError(422, 'POST', 'https://api.test/x?token=abc', { message: 'bad refresh_token=r-123' }, undefined), { itemIndex: 3 });
		expect(err.name).toBe('NodeApiError');
		expect(err.message).toBe('Request failed with status 422: POST https://api.test/x?…');
		expect(err.description).toBe('bad refresh_token=[redacted]');
		expect(err.context.itemIndex).toBe(3);
		expect(toErrorJson(err)).toEqual({ error: err.message, details: { statusCode: 422, description: err.description } });
	});

	it('names the credential on a 401', () => {
		const err = toNodeError(node, new HttpError(401, 'GET', 'https://api.test/me', {}, undefined), { credentialLabel: 'Custom Service OAuth2 credential "A"' });
		expect(err.message).toBe('Custom Service OAuth2 credential "A" was rejected (401 Unauthorized): GET https://api.test/me');
	});

	it('maps ConfigError to NodeOperationError pointing at the field', () => {
		const err = toNodeError(node, new ConfigError('URL must be absolute', 'url'), { itemIndex: 0 });
		expect(err.name).toBe('NodeOperationError');
		expect(err.description).toBe('Check the "url" parameter');
	});

	it('maps CrmRecordError with system, record and field', () => {
		const err = toNodeError(node, new CrmRecordError('zoho', 'DUPLICATE_DATA', 'duplicate data', '42', 'Email'));
		expect(err.message).toBe('duplicate data (DUPLICATE_DATA)');
		expect(err.description).toBe('zoho, record 42, field Email');
	});

	it('keeps the URL of a network error in the description', () => {
		const err = toNodeError(node, new NetworkError('GET', 'https://api.test/a', 'ECONNREFUSED'));
		expect(err.description).toContain('GET https://api.test/a');
	});

	it('redacts unknown errors', () => {
		const err = toNodeError(node, new Error('failed with Authorization: Basic dXNlcjpwYXNz'));
		expect(err.message).not.toContain('dXNlcjpwYXNz');
	});
});

describe('transport helpers', () => {
	const req = { method: 'GET' as const, url: 'https://api.test/a' };
	it('turns a 401 thrown by n8n into a 401 response', () => {
		const thrown = { httpCode: '401', cause: { response: { status: 401, headers: { 'content-type': 'application/json' }, data: Buffer.from('{"m":1}') } } };
		expect(classifyFailure(thrown, req, 1000)).toEqual({ statusCode: 401, headers: { 'content-type': 'application/json' }, body: { m: 1 } });
	});
	it('classifies axios timeouts and connection codes', () => {
		expect(classifyFailure({ cause: { code: 'ECONNABORTED', message: 'timeout of 5ms exceeded' } }, req, 5)).toMatchObject({ kind: 'TimeoutError' });
		expect(classifyFailure({ cause: { code: 'ENOTFOUND' } }, req, 5)).toMatchObject({ kind: 'NetworkError', code: 'ENOTFOUND' });
	});
	it('passes other errors through unchanged', () => {
		const e = new Error('Credentials not found');
		expect(classifyFailure(e, req, 5)).toBe(e);
	});
	it('decodes JSON, text and binary bodies by content type', () => {
		expect(decodeBody(Buffer.from('{"a":1}'), 'application/json; charset=utf-8', true)).toEqual({ a: 1 });
		expect(decodeBody(Buffer.from('<a/>'), 'application/xml', true)).toBe('<a/>');
		expect(Buffer.isBuffer(decodeBody(Buffer.from([0, 1, 2]), 'application/pdf', true))).toBe(true);
		expect(decodeBody(Buffer.from([0, 1, 2]), 'application/pdf', false)).toEqual(expect.any(String));
		expect(decodeBody(Buffer.alloc(0), 'application/json', true)).toBeUndefined();
	});
});

describe('secretsOf', () => {
	it('collects passwords, keys, client secrets and OAuth tokens, not URLs or names', () => {
		const found = secretsOf({
			user: 'alice', password: 'pw-1234', apiKey: 'key-5678', keyName: 'X-API-Key', clientSecret: 'cs-999', baseUrl: 'https://x.test',
			oauthTokenData: { access_token: 'at-111', refresh_token: 'rt-222', token_type: 'Bearer' },
		});
		expect(found.sort()).toEqual(['at-111', 'cs-999', 'key-5678', 'pw-1234', 'rt-222']);
	});
});
