import type { IWebhookFunctions } from 'n8n-workflow';
import { readConfig } from '../../../nodes/HubspotSyncTrigger/config';

// readConfig runs on every webhook call: values without an expression are read as stored, because n8n's resolver
// copies and walks every value even when there is nothing to resolve.
function ctxWith(parameters: Record<string, unknown>) {
	const resolved: string[] = [];
	const ctx = {
		getNodeParameter: (name: string, fallback: unknown, options?: { rawExpressions?: boolean }) => {
			const value = parameters[name] ?? fallback;
			if (options?.rawExpressions) return value;
			resolved.push(name);
			return typeof value === 'string' && value.startsWith('=') ? 'email, phone' : value;
		},
	} as unknown as IWebhookFunctions;
	return { ctx, resolved };
}

describe('HubSpot Sync Trigger readConfig', () => {
	it("reads plain parameters without n8n's expression resolver, with the documented defaults", () => {
		const { ctx, resolved } = ctxWith({ events: ['contact.creation'], properties: 'email, phone', options: { maxAgeMinutes: 10, ownSourceIds: 'a, b' } });
		expect(readConfig(ctx)).toEqual({
			authentication: 'hubspotSyncPrivateAppApi',
			events: ['contact.creation'],
			properties: ['email', 'phone'],
			management: 'manual',
			dedupeWindow: 5000,
			acceptLegacySignatures: false,
			dropOwnChanges: false,
			maxAgeMinutes: 10,
			ownAppId: '',
			ownSourceIds: ['a', 'b'],
			publicWebhookUrl: '',
		});
		expect(resolved).toEqual([]);
	});
	it('still resolves a parameter set by an expression', () => {
		const { ctx, resolved } = ctxWith({ events: ['contact.propertyChange'], properties: '={{ "email, phone" }}' });
		expect(readConfig(ctx).properties).toEqual(['email', 'phone']);
		expect(resolved).toEqual(['properties']);
	});
});
