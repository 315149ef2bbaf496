import { NodeOperationError, type IHookFunctions, type INode } from 'n8n-workflow';
import { HttpError } from '../../../lib/http';
import { lifecycleError, parameterOf, settle, syncTriggerWebhookMethods } from '../../../nodes/shared/trigger';

const node: INode = { id: 'n1', name: 'Trigger', type: 'x.trigger', typeVersion: 1, position: [0, 0], parameters: {} };

describe('settle', () => {
	it('gives the value of a step that succeeded and the error of one that threw', async () => {
		expect(await settle(async () => 42)).toEqual({ ok: true, value: 42 });
		const boom = new Error('boom');
		expect(await settle(async () => Promise.reject(boom))).toEqual({ ok: false, error: boom });
	});
});

describe('lifecycleError', () => {
	it('names the step and the cause, says what to check, and keeps the original error as cause', () => {
		const original = new HttpError(401, 'POST', 'https://api.example.test/webhooks/v3/1/settings', {}, undefined);
		const e = lifecycleError(node, 'Could not register the webhook', original, 'Check the developer API key.');
		expect(e).toBeInstanceOf(NodeOperationError);
		expect(e.message).toBe(`Could not register the webhook: ${original.message}`);
		expect(e.description).toBe('Check the developer API key.');
		expect(e.cause).toBe(original);
	});
	it("wraps one of n8n's own NodeOperationErrors instead of returning it unchanged", () => {
		const inner = new NodeOperationError(node, 'inner failure');
		const e = lifecycleError(node, 'Could not check the channel', inner, 'Check the credential.');
		expect(e).not.toBe(inner);
		expect(e.message).toBe('Could not check the channel: inner failure');
		expect(e.description).toBe('Check the credential.');
	});
	it('accepts something thrown that is not an Error', () => {
		expect(lifecycleError(node, 'Could not register', 'plain text', 'Check.').message).toBe('Could not register: plain text');
	});
});

describe('parameterOf', () => {
	function ctxWith(parameters: Record<string, unknown>) {
		const calls: Array<{ name: string; raw: boolean }> = [];
		const ctx = {
			getNodeParameter: (name: string, fallback: unknown, options?: { rawExpressions?: boolean }) => {
				calls.push({ name, raw: options?.rawExpressions === true });
				const value = parameters[name] ?? fallback;
				if (options?.rawExpressions) return value;
				return typeof value === 'string' && value.startsWith('=') ? `resolved ${value.slice(1)}` : value;
			},
		} as unknown as IHookFunctions;
		return { ctx, calls };
	}
	it("takes a value without an expression as stored, without n8n's resolver", () => {
		const { ctx, calls } = ctxWith({ events: ['contact.creation'], options: { maxAgeMinutes: 5, ownSourceIds: 'a,b' } });
		expect(parameterOf(ctx, 'events', [])).toEqual(['contact.creation']);
		expect(parameterOf(ctx, 'options', {})).toEqual({ maxAgeMinutes: 5, ownSourceIds: 'a,b' });
		expect(parameterOf(ctx, 'missing', 'fallback')).toBe('fallback');
		expect(calls.every((c) => c.raw)).toBe(true);
	});
	it('resolves a value that holds an expression anywhere inside it', () => {
		const { ctx, calls } = ctxWith({ properties: '={{ "phone" }}', options: { ownAppId: '={{ 1 }}' }, events: [['=x']] });
		expect(parameterOf(ctx, 'properties', '')).toBe('resolved {{ "phone" }}');
		parameterOf(ctx, 'options', {});
		parameterOf(ctx, 'events', []);
		expect(calls.filter((c) => !c.raw).map((c) => c.name)).toEqual(['properties', 'options', 'events']);
	});
});

describe('syncTriggerWebhookMethods', () => {
	it("maps checkExists / create / delete to the trigger's steps, with n8n's context as this", async () => {
		const seen: string[] = [];
		const step = (name: string) =>
			async function (this: IHookFunctions) {
				seen.push(`${name}:${(this as unknown as { id: string }).id}`);
				return name !== 'remove';
			};
		const methods = syncTriggerWebhookMethods({ checkExists: step('checkExists'), create: step('create'), remove: step('remove') });
		const ctx = { id: 'ctx' } as unknown as IHookFunctions;
		expect(await methods.default.checkExists.call(ctx)).toBe(true);
		expect(await methods.default.create.call(ctx)).toBe(true);
		expect(await methods.default.delete.call(ctx)).toBe(false);
		expect(seen).toEqual(['checkExists:ctx', 'create:ctx', 'remove:ctx']);
	});
});
