import { TEMPLATE_FILES, loadTemplate } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { templateCredentials } = require('../../sandbox/credentials-for-templates.js');

interface Cred {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

describe('sandbox/credentials-for-templates', () => {
	let sb: { url: string; close: () => Promise<void> };
	let creds: Cred[];

	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
		creds = (await templateCredentials({ sandboxUrl: sb.url, n8nUrl: 'http://127.0.0.1:5678', smtpPort: 2525 })) as Cred[];
	});
	afterAll(async () => {
		await sb.close();
	});

	it('provides exactly one credential per placeholder (name and type) used in the templates, so n8n binds them by name', () => {
		const placeholders = new Set<string>();
		for (const f of TEMPLATE_FILES) {
			for (const n of loadTemplate(f).nodes) {
				for (const [type, ref] of Object.entries(n.credentials ?? {})) placeholders.add(`${type}|${ref.name}`);
			}
		}
		const provided = creds.map((c) => `${c.type}|${c.name}`);
		expect(new Set(provided).size).toBe(provided.length);
		expect([...placeholders].filter((p) => !provided.includes(p))).toEqual([]);
	});

	it('gives every credential a distinct 16-character id', () => {
		for (const c of creds) expect(c.id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(new Set(creds.map((c) => c.id)).size).toBe(creds.length);
	});

	it('obtains Zoho tokens that the sandbox Zoho API accepts as a Bearer token', async () => {
		for (const name of ['Zoho CRM', 'Zoho CRM (Custom Service OAuth2)']) {
			const token = (creds.find((c) => c.name === name)?.data.oauthTokenData as { access_token: string }).access_token;
			const r = await fetch(`${sb.url}/zoho/crm/v8/Contacts?fields=Email`, { headers: { authorization: `Bearer ${token}` } });
			expect({ name, status: r.status }).toEqual({ name, status: expect.any(Number) });
			expect([200, 204]).toContain(r.status);
		}
		const bad = await fetch(`${sb.url}/zoho/crm/v8/Contacts?fields=Email`, { headers: { authorization: 'Bearer nope' } });
		expect(bad.status).toBe(401);
	});

	it('obtains a provider OAuth2 token the provider accepts', async () => {
		const token = (creds.find((c) => c.name === 'MailChimp (Custom Service OAuth2)')?.data.oauthTokenData as { access_token: string }).access_token;
		const r = await fetch(`${sb.url}/provider/oauth2/resource`, { headers: { authorization: `Bearer ${token}` } });
		expect(r.status).toBe(200);
	});
});
