/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
import {
	channelExpiryFrom,
	channelNeedsRenewal,
	describeZohoAuthFailure,
	newChannelId,
	newChannelToken,
	normaliseZohoNotification,
	normaliseZohoWorkflowRuleCall,
	toZohoExpiry,
	verifyZohoNotification,
	verifyZohoSharedSecret,
	zohoNotificationKey,
	zohoWatchEvents,
} from '../../../lib/zoho/notification-events';

const CHANNEL = { channelId: '1000000068001', token: 'tok-AbCdEf0123456789' };
const callback = (over: Record<string, unknown> = {}) => ({
	server_time: 1718115953625, query_params: {}, module: 'Contacts', resource_uri: 'https://www.zohoapis.com/crm/v8/Contacts',
	ids: ['5725767000003000010'], affected_fields: [{ '5725767000003000010': ['Mobile'] }], operation: 'update',
	channel_id: '1000000068001', token: CHANNEL.token, ...over,
});
const now = () => Date.parse('2025-01-01T00:00:00Z');

describe('verifyZohoNotification', () => {
	it('accepts the registered channel id and token', () => {
		expect(verifyZohoNotification(callback(), CHANNEL)).toEqual({ ok: true });
		expect(verifyZohoNotification(callback({ channel_id: 1000000068001 }), CHANNEL)).toEqual({ ok: true });
	});
	it('rejects a wrong token, a token of another length and a missing token', () => {
		expect(verifyZohoNotification(callback({ token: 'tok-AbCdEf0123456788' }), CHANNEL)).toEqual({ ok: false, reason: 'wrong-token' });
		expect(verifyZohoNotification(callback({ token: 'short' }), CHANNEL)).toEqual({ ok: false, reason: 'wrong-token' });
		expect(verifyZohoNotification(callback({ token: undefined }), CHANNEL)).toEqual({ ok: false, reason: 'missing-token' });
	});
	it('rejects a wrong or missing channel even with the right token', () => {
		expect(verifyZohoNotification(callback({ channel_id: '1000000068002' }), CHANNEL)).toEqual({ ok: false, reason: 'wrong-channel' });
		expect(verifyZohoNotification(callback({ channel_id: undefined }), CHANNEL)).toEqual({ ok: false, reason: 'missing-channel' });
	});
	it('rejects everything when no channel is registered, and non-object bodies', () => {
		expect(verifyZohoNotification(callback(), undefined)).toEqual({ ok: false, reason: 'no-channel-registered' });
		expect(verifyZohoNotification(callback(), { channelId: '', token: '' })).toEqual({ ok: false, reason: 'no-channel-registered' });
		expect(verifyZohoNotification([callback()], CHANNEL)).toEqual({ ok: false, reason: 'not-an-object' });
	});
	it('describes failures without echoing the token', () => {
		expect(describeZohoAuthFailure('wrong-token')).not.toContain(CHANNEL.token);
	});
});

describe('verifyZohoSharedSecret', () => {
	it('accepts only the exact secret', () => {
		expect(verifyZohoSharedSecret('s3cret', 's3cret')).toEqual({ ok: true });
		expect(verifyZohoSharedSecret('s3cres', 's3cret')).toEqual({ ok: false, reason: 'wrong-token' });
		expect(verifyZohoSharedSecret(undefined, 's3cret')).toEqual({ ok: false, reason: 'missing-token' });
		expect(verifyZohoSharedSecret('', '')).toEqual({ ok: false, reason: 'no-channel-registered' });
	});
});

describe('normaliseZohoNotification', () => {
	it('turns ids into one item per record with affected fields', () => {
		const items = normaliseZohoNotification(callback({ ids: ['1', '2', '1'], affected_fields: [{ 1: ['Email'] }, { 2: ['Phone', 'Mobile'] }] }), now);
		expect(items).toEqual([
			{ system: 'zoho', module: 'Contacts', objectType: 'contact', objectId: '1', operation: 'update', affectedFields: ['Email'], serverTime: '2024-06-11T14:25:53.625Z', channelId: '1000000068001' },
			{ system: 'zoho', module: 'Contacts', objectType: 'contact', objectId: '2', operation: 'update', affectedFields: ['Phone', 'Mobile'], serverTime: '2024-06-11T14:25:53.625Z', channelId: '1000000068001' },
		]);
	});
	it('maps Accounts to company and ignores other modules', () => {
		expect(normaliseZohoNotification(callback({ module: 'Accounts', operation: 'insert' }), now)[0]).toMatchObject({ objectType: 'company', operation: 'insert' });
		expect(normaliseZohoNotification(callback({ module: 'Deals' }), now)).toEqual([]);
	});
	it('never puts the token into items', () => {
		expect(JSON.stringify(normaliseZohoNotification(callback(), now))).not.toContain(CHANNEL.token);
	});
});

describe('normaliseZohoWorkflowRuleCall', () => {
	it('accepts id, a comma-separated ids list or an array', () => {
		expect(normaliseZohoWorkflowRuleCall({ module: 'Accounts', id: '77' }, now)).toEqual([
			{ system: 'zoho', module: 'Accounts', objectType: 'company', objectId: '77', operation: 'workflowRule', affectedFields: [], serverTime: '2025-01-01T00:00:00.000Z', channelId: '' },
		]);
		expect(normaliseZohoWorkflowRuleCall({ module: 'Contacts', ids: '1, 2,2', operation: 'edit' }, now).map((i) => [i.objectId, i.operation])).toEqual([['1', 'edit'], ['2', 'edit']]);
		expect(normaliseZohoWorkflowRuleCall({ module: 'Contacts', ids: ['5'] }, now)).toHaveLength(1);
		expect(normaliseZohoWorkflowRuleCall({ module: 'Leads', id: '1' }, now)).toEqual([]);
	});
});

describe('channel arithmetic', () => {
	it('makes numeric channel ids below 2^48 and tokens of at most 50 characters', () => {
		for (let i = 0; i < 20; i++) {
			const id = newChannelId();
			expect(id).toMatch(/^\d+$/);
			expect(Number(id)).toBeLessThan(2 ** 48);
			const token = newChannelToken();
			expect(token.length).toBeLessThanOrEqual(50);
			expect(token.length).toBeGreaterThanOrEqual(32);
		}
		expect(newChannelToken()).not.toBe(newChannelToken());
	});
	it('formats expiry as ISO without milliseconds, one week minus a margin', () => {
		expect(toZohoExpiry(Date.parse('2025-01-01T10:30:00.999Z'))).toBe('2025-01-01T10:30:00+00:00');
		const expiry = channelExpiryFrom(now());
		expect(expiry).toBe('2025-01-07T23:00:00+00:00');
	});
	it('needs renewal within 24 hours of expiry, when expired, or when unknown', () => {
		const t = now();
		expect(channelNeedsRenewal('2025-01-03T00:00:00+00:00', t)).toBe(false);
		expect(channelNeedsRenewal('2025-01-01T23:59:59+00:00', t)).toBe(true);
		expect(channelNeedsRenewal('2024-12-31T00:00:00+00:00', t)).toBe(true);
		expect(channelNeedsRenewal(undefined, t)).toBe(true);
		expect(channelNeedsRenewal('garbage', t)).toBe(true);
	});
	it('keeps only supported watch events', () => {
		expect(zohoWatchEvents(['Contacts.create', 'Accounts.delete', 'Deals.create', 'Contacts.create'])).toEqual(['Contacts.create', 'Accounts.delete']);
	});
});

describe('zohoNotificationKey', () => {
	const keys = (over: Record<string, unknown> = {}) => normaliseZohoNotification(callback(over), now).map(zohoNotificationKey);
	it('is the same for an exact repeat and differs in channel, operation, id or server_time', () => {
		expect(keys()).toEqual(keys());
		expect(keys()[0]).toBe('1000000068001|Contacts|update|5725767000003000010|2024-06-11T14:25:53.625Z');
		for (const over of [{ channel_id: '1000000068002' }, { operation: 'insert' }, { ids: ['5725767000003000011'] }, { server_time: 1718115953626 }]) {
			expect(keys(over)).not.toEqual(keys());
		}
	});
});
