import { RegistrationBackoff } from '../../../lib/webhooks/registration-backoff';

describe('RegistrationBackoff', () => {
	it('is open until a failure, then closed for baseMs, doubling per consecutive failure up to maxMs', () => {
		const b = new RegistrationBackoff({ baseMs: 20_000, maxMs: 70_000 });
		expect(b.blocked('k', 0)).toBeUndefined();
		expect(b.failed('k', 0, 'boom')).toBe(20_000);
		expect(b.blocked('k', 19_999)).toEqual({ until: 20_000, reason: 'boom' });
		expect(b.blocked('k', 20_000)).toBeUndefined();
		expect(b.failed('k', 20_000, 'again')).toBe(60_000);
		expect(b.failed('k', 60_000, 'again')).toBe(130_000);
	});
	it("lets the CRM's Retry-After win over its own backoff (capped at maxMs)", () => {
		const b = new RegistrationBackoff({ baseMs: 20_000, maxMs: 3_600_000 });
		expect(b.failed('k', 0, '429', 90_000)).toBe(90_000);
		expect(b.failed('other', 0, '429', 10 * 3_600_000)).toBe(3_600_000);
	});
	it('opens again after a success and keeps triggers apart', () => {
		const b = new RegistrationBackoff();
		b.failed('a', 0, 'x');
		expect(b.blocked('b', 1)).toBeUndefined();
		b.succeeded('a');
		expect(b.blocked('a', 1)).toBeUndefined();
		expect(b.failed('a', 0, 'x')).toBe(20_000);
	});
	it('remembers at most maxEntries triggers', () => {
		const b = new RegistrationBackoff({ maxEntries: 2 });
		b.failed('a', 0, 'x');
		b.failed('b', 0, 'x');
		b.failed('c', 0, 'x');
		expect(b.blocked('a', 1)).toBeUndefined();
		expect(b.blocked('c', 1)).toBeDefined();
	});
});
