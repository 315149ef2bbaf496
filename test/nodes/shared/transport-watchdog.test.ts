import type { IExecuteFunctions } from 'n8n-workflow';
import { isTimeoutError } from '../../../lib/http';
import { createN8nTransport } from '../../../nodes/shared/transport';

/** A context whose authenticated request never settles, as when n8n's OAuth2 refresh waits on a silent server. */
function hangingContext(): IExecuteFunctions {
	return {
		helpers: {
			httpRequestWithAuthentication: () => new Promise(() => undefined),
			httpRequest: () => new Promise(() => undefined),
		},
	} as unknown as IExecuteFunctions;
}

describe('n8n transport watchdog', () => {
	it('gives up with a TimeoutError when n8n never settles the call (2.5 x the timeout)', async () => {
		const transport = createN8nTransport(hangingContext(), 'zohoCrmSyncOAuth2Api');
		const t0 = Date.now();
		const error = await transport({ method: 'GET', url: 'https://www.zohoapis.com/crm/v8/Contacts', timeoutMs: 40 }).catch((e) => e);
		expect(isTimeoutError(error)).toBe(true);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
		expect(String(error.message)).toMatch(/timed out after 100 ms/);
	});

	it('returns the response when n8n answers in time', async () => {
		const ctx = {
			helpers: { httpRequest: async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"ok":true}') }) },
		} as unknown as IExecuteFunctions;
		const r = await createN8nTransport(ctx)({ method: 'GET', url: 'https://example.com/x', timeoutMs: 40 });
		expect(r.statusCode).toBe(200);
		expect(r.body).toEqual({ ok: true });
	});
});
