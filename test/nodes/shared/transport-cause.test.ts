import { classifyFailure } from '../../../nodes/shared/transport';

// The transport wraps n8n's request failures into lib/http errors; the original stays reachable as `cause` (for
// debugging), while the message names only the method and the URL without its query.
describe('classifyFailure keeps the original error as cause', () => {
	const req = { method: 'POST' as const, url: 'https://api.test/crm/v8/Contacts?access_token=tok-secret-1' };

	it('on a timeout', () => {
		const thrown = Object.assign(new Error('timeout of 5ms exceeded (Authorization: Bearer tok-secret-1)'), { code: 'ECONNABORTED' });
		const e = classifyFailure(thrown, req, 5) as Error & { kind?: string };
		expect(e.kind).toBe('TimeoutError');
		expect(e.cause).toBe(thrown);
		expect(e.message).not.toContain('tok-secret-1');
	});

	it('on a connection failure found in the cause chain', () => {
		const thrown = { message: 'socket hang up', cause: { code: 'ECONNRESET', message: 'read ECONNRESET' } };
		const e = classifyFailure(thrown, req, 5) as Error & { kind?: string; code?: string };
		expect([e.kind, e.code]).toEqual(['NetworkError', 'ECONNRESET']);
		expect(e.cause).toBe(thrown);
		expect(e.message).toBe('Network error (ECONNRESET): POST https://api.test/crm/v8/Contacts?…');
	});

	it('on a thrown value that is not an Error', () => {
		const thrown = { message: 'something odd' };
		const e = classifyFailure(thrown, req, 5) as Error & { kind?: string };
		expect(e.kind).toBe('NetworkError');
		expect(e.cause).toBe(thrown);
	});
});
