import { createConcurrencyLimiter } from '../../../lib/http';
import type { HttpRequest } from '../../../lib/http';
import { createZohoRequester } from '../../../lib/zoho/client-core';

describe('Zoho requests tell the shared concurrency cap when Zoho refuses one too many', () => {
	it('a 429 TOO_MANY_REQUESTS lowers the cap shared by the process; answered calls raise it again', async () => {
		const limiter = createConcurrencyLimiter(8);
		let refuse = 1;
		const transport = async (request: HttpRequest) => {
			void request;
			if (refuse-- > 0) return { statusCode: 429, headers: {}, body: { code: 'TOO_MANY_REQUESTS', status: 'error', message: 'concurrency limit' } };
			return { statusCode: 200, headers: {}, body: { data: [] } };
		};
		const zoho = createZohoRequester({ transport, apiDomain: 'https://www.zohoapis.eu', sleep: async () => undefined, now: () => 0, limiter });
		await zoho.call('GET', '/Contacts/1');
		expect(limiter.limit).toBe(4); // the 429 halved it; the retry that followed was answered
		for (let i = 0; i < 4; i++) await zoho.call('GET', '/Contacts/1');
		expect(limiter.limit).toBe(5);
	});
});
