/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test code: runs under jest on Node, never inside n8n; n8n-node lint checks every .ts file of the repository */
// The /_sandbox control API, the web page, the SMTP catcher (fed over a raw SMTP connection) and the CLI's options.
import * as http from 'node:http';
import * as net from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox/index.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseArgs } = require('../../sandbox/cli.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseMessage } = require('../../sandbox/smtp.js');

type Json = Record<string, any>;

async function api(sb: any, method: string, path: string, body?: unknown) {
	const res = await fetch(`${sb.url}${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, text, body: json as Json, headers: res.headers };
}

/** Speaks SMTP line by line over a plain socket, waiting for each reply; returns the replies. */
async function smtpSession(port: number, commands: string[]): Promise<string[]> {
	const socket = net.connect(port, '127.0.0.1');
	socket.setEncoding('utf8');
	let buffer = '';
	const waiters: Array<(line: string) => void> = [];
	socket.on('data', (chunk: string) => {
		buffer += chunk;
		// A reply is complete at a line "NNN text" (space after the code; "NNN-" continues).
		let m: RegExpExecArray | null;
		while ((m = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer))) {
			const end = m.index + m[0].length;
			const reply = buffer.slice(0, end).trim();
			buffer = buffer.slice(end);
			const w = waiters.shift();
			if (w) w(reply);
		}
	});
	const next = () => new Promise<string>((ok) => waiters.push(ok));
	const replies = [await next()];
	for (const c of commands) {
		const p = next();
		socket.write(`${c}\r\n`);
		replies.push(await p);
	}
	socket.end();
	return replies;
}

const MESSAGE = [
	'From: "n8n failure report" <n8n@example.test>',
	'To: ops@example.test',
	'Subject: =?UTF-8?B?U3luYyBmYWlsdXJlczogMiByZWNvcmRzIOKAlCBaw7ZlIOKclw==?=',
	'MIME-Version: 1.0',
	'Content-Type: multipart/alternative; boundary="b1"',
	'',
	'--b1',
	'Content-Type: text/plain; charset=utf-8',
	'Content-Transfer-Encoding: quoted-printable',
	'',
	'create zoho Contacts 4876876000001000007: MANDATORY_NOT_FOUND Last_Name =E2=80=94 Zo=C3=',
	'=AB',
	'',
	'--b1',
	'Content-Type: text/html; charset=utf-8',
	'',
	'<p>create zoho Contacts</p>',
	'--b1--',
	'.',
].join('\r\n');

describe('control API', () => {
	let sb: any;
	let receiver: http.Server;
	const hooks: Json[] = [];

	beforeAll(async () => {
		receiver = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				hooks.push(...JSON.parse(body));
				res.end('ok');
			});
		});
		await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', () => ok()));
		const port = (receiver.address() as net.AddressInfo).port;
		sb = await startSandbox({
			seed: { contacts: 30, companies: 10, seed: 5 },
			smtp: { port: 0 },
			hubspot: { webhookUrl: `http://127.0.0.1:${port}/hook`, batchWindowMs: 10 },
		});
	});
	afterAll(async () => {
		await sb.close();
		await new Promise((ok) => receiver.close(ok));
	});
	beforeEach(async () => {
		await api(sb, 'POST', '/_sandbox/reset');
		hooks.length = 0;
	});

	test('GET /_sandbox/faults shows the settings and PUT changes them; control routes are never faulted', async () => {
		expect((await api(sb, 'GET', '/_sandbox/faults')).body).toEqual({ rate429: 0, rate5xx: 0, timeoutRate: 0, latencyMs: 0 });
		const put = await api(sb, 'PUT', '/_sandbox/faults', { rate429: 1 });
		expect(put.body).toEqual({ rate429: 1, rate5xx: 0, timeoutRate: 0, latencyMs: 0 });
		const limited = await api(sb, 'GET', '/provider/public/echo');
		expect(limited.status).toBe(429);
		expect((await api(sb, 'GET', '/_sandbox/log')).status).toBe(200);
		await api(sb, 'PUT', '/_sandbox/faults', { rate429: 0, rate5xx: 1 });
		expect((await api(sb, 'GET', '/provider/public/echo')).status).toBe(503);
		await api(sb, 'PUT', '/_sandbox/faults', { rate5xx: 0 });
		expect((await api(sb, 'GET', '/provider/public/echo')).status).toBe(200);
	});

	test.each([[{ rate429: 2 }], [{ latencyMs: -1 }], [{ bogus: 1 }], [{ rate5xx: 'often' }], [[1, 2]]])('PUT /_sandbox/faults rejects %j with 400 and changes nothing', async (body) => {
		const res = await api(sb, 'PUT', '/_sandbox/faults', body);
		expect(res.status).toBe(400);
		expect((await api(sb, 'GET', '/_sandbox/faults')).body).toEqual({ rate429: 0, rate5xx: 0, timeoutRate: 0, latencyMs: 0 });
	});

	test('GET /_sandbox/log counts per route and totals per system, without counting itself; reset clears it', async () => {
		await api(sb, 'GET', '/provider/public/echo');
		await api(sb, 'POST', '/provider/public/echo', { a: 1 });
		await api(sb, 'GET', '/hubspot/crm/v3/objects/contacts');
		const log = (await api(sb, 'GET', '/_sandbox/log')).body;
		expect(log.counts).toEqual({ 'GET /provider/public/echo': 1, 'POST /provider/public/echo': 1, 'GET /hubspot/crm/v3/objects/:objectType': 1 });
		expect(log.totals).toEqual({ provider: 2, hubspot: 1 });
		expect(log.total).toBe(3);
		expect(log.recent.map((e: Json) => e.path)).toEqual(['/provider/public/echo', '/provider/public/echo', '/hubspot/crm/v3/objects/contacts']);
		await api(sb, 'POST', '/_sandbox/log/reset');
		expect((await api(sb, 'GET', '/_sandbox/log')).body).toMatchObject({ counts: {}, total: 0 });
	});

	test('POST /_sandbox/tokens/expire expires the tokens of every emulator', async () => {
		const t = sb.provider.issueOAuth2Tokens();
		const hs = sb.hubspot.issueOAuthTokens();
		const call = (path: string, token: string) => fetch(`${sb.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
		expect(await call('/provider/oauth2/resource', t.access_token)).toBe(200);
		expect(await call('/hubspot/crm/v3/objects/contacts', hs.access_token)).toBe(200);
		const res = await api(sb, 'POST', '/_sandbox/tokens/expire');
		expect(res.body.expired).toEqual(expect.arrayContaining(['provider', 'hubspot', 'zoho']));
		expect(await call('/provider/oauth2/resource', t.access_token)).toBe(401);
		expect(await call('/hubspot/crm/v3/objects/contacts', hs.access_token)).toBe(401);
	});

	test('POST /_sandbox/reset clears changes, the log and faults, and reseeds', async () => {
		const before = sb.hubspot.listObjects('contacts').length;
		sb.hubspot.createObject('contacts', { email: 'extra@example.test', lastname: 'Extra' });
		await api(sb, 'PUT', '/_sandbox/faults', { latencyMs: 5 });
		await api(sb, 'GET', '/provider/public/echo');
		const res = await api(sb, 'POST', '/_sandbox/reset');
		expect(res.body).toMatchObject({ ok: true, seeded: true, counts: { hubspot: { contacts: before } } });
		expect(sb.hubspot.listObjects('contacts').some((c: Json) => c.properties.email === 'extra@example.test')).toBe(false);
		expect((await api(sb, 'GET', '/_sandbox/log')).body.total).toBe(0);
		expect((await api(sb, 'GET', '/_sandbox/faults')).body.latencyMs).toBe(0);
	});

	test('POST /_sandbox/records creates a HubSpot contact through the emulator, which fires the webhook', async () => {
		const res = await api(sb, 'POST', '/_sandbox/records', { system: 'hubspot', type: 'contacts', fields: { email: 'page@example.test', firstname: 'Page', lastname: 'User' } });
		expect(res.status).toBe(201);
		expect(sb.hubspot.listObjects('contacts').find((c: Json) => c.id === res.body.record.id).properties.email).toBe('page@example.test');
		await sb.hubspot.flushWebhooks();
		expect(hooks).toEqual(expect.arrayContaining([expect.objectContaining({ subscriptionType: 'contact.creation', objectId: Number(res.body.record.id) })]));
		const upd = await api(sb, 'POST', '/_sandbox/records', { system: 'hubspot', type: 'contacts', id: res.body.record.id, fields: { jobtitle: 'CTO' } });
		expect(upd.status).toBe(200);
		expect(upd.body.record.properties.jobtitle).toBe('CTO');
	});

	test('POST /_sandbox/records writes Zoho records, resolving Account_Name by name, and reports Zoho validation errors', async () => {
		const acc = await api(sb, 'POST', '/_sandbox/records', { system: 'zoho', type: 'Accounts', fields: { Account_Name: 'Page Co', Employees: '12' } });
		expect(acc.status).toBe(201);
		expect(acc.body.record.Employees).toBe(12);
		const c = await api(sb, 'POST', '/_sandbox/records', { system: 'zoho', type: 'Contacts', fields: { Last_Name: 'Zed', Email: 'zed@example.test', Account_Name: 'Page Co' } });
		expect(c.status).toBe(201);
		expect(c.body.record.Account_Name).toEqual({ name: 'Page Co', id: acc.body.record.id });
		expect(c.body.record.Modified_Time).toMatch(/[+-]\d\d:\d\d$/);
		const bad = await api(sb, 'POST', '/_sandbox/records', { system: 'zoho', type: 'Contacts', fields: { First_Name: 'No last name' } });
		expect(bad.status).toBe(400);
		expect(bad.body.message).toMatch(/MANDATORY_NOT_FOUND/);
		const unknown = await api(sb, 'POST', '/_sandbox/records', { system: 'salesforce', type: 'Leads', fields: {} });
		expect(unknown.status).toBe(400);
	});

	test('mail sent over SMTP shows on /_sandbox/mail with decoded subject and text part', async () => {
		const replies = await smtpSession(sb.smtp.port, [
			'EHLO test.local',
			`AUTH PLAIN ${Buffer.from('\0user\0pass').toString('base64')}`,
			'MAIL FROM:<n8n@example.test>',
			'RCPT TO:<ops@example.test>',
			'DATA',
			MESSAGE,
			'QUIT',
		]);
		expect(replies.map((r) => r.slice(-200).match(/(?:^|\n)(\d{3}) /)![1])).toEqual(['220', '250', '235', '250', '250', '354', '250', '221']);
		const mail = (await api(sb, 'GET', '/_sandbox/mail')).body;
		expect(mail.smtpPort).toBe(sb.smtp.port);
		expect(mail.messages).toHaveLength(1);
		expect(mail.messages[0]).toMatchObject({
			from: '"n8n failure report" <n8n@example.test>',
			to: ['ops@example.test'],
			subject: 'Sync failures: 2 records — Zöe ✗',
			text: 'create zoho Contacts 4876876000001000007: MANDATORY_NOT_FOUND Last_Name — Zoë',
		});
		expect(mail.messages[0].html).toBeUndefined();
		await api(sb, 'POST', '/_sandbox/mail/reset');
		expect((await api(sb, 'GET', '/_sandbox/mail')).body.messages).toEqual([]);
	});

	test('GET / serves the page; /_sandbox/state has both CRMs, mail and counts for it', async () => {
		const page = await fetch(`${sb.url}/`);
		expect(page.headers.get('content-type')).toMatch(/text\/html/);
		const html = await page.text();
		for (const part of ['HubSpot contacts', 'Zoho Accounts', 'Failure-report emails', '/_sandbox/state', 'setInterval']) expect(html).toContain(part);
		expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
		const state = (await api(sb, 'GET', '/_sandbox/state')).body;
		expect(state.hubspot.contacts.length).toBe(sb.hubspot.listObjects('contacts').length);
		expect(state.zoho.Accounts.length).toBe(sb.zoho.listRecords('Accounts').length);
		expect(state).toMatchObject({ mail: [], smtpPort: sb.smtp.port, seedError: null, log: { total: 0 } });
	});
});

describe('without SMTP or seed', () => {
	test('mail is empty and no SMTP port is open; nothing is seeded', async () => {
		const sb = await startSandbox({});
		try {
			expect(sb.smtp).toBeNull();
			expect((await api(sb, 'GET', '/_sandbox/mail')).body).toEqual({ smtpPort: null, messages: [] });
			expect(sb.hubspot.listObjects('contacts')).toEqual([]);
		} finally {
			await sb.close();
		}
	});
});

describe('SMTP message parsing', () => {
	test('uses the HTML part as text when there is no plain part', () => {
		const m = parseMessage('Subject: Hi\r\nContent-Type: text/html\r\n\r\n<p>Line &amp; one</p><p>two</p>');
		expect(m.text).toBe('Line & one\ntwo');
	});
	test('decodes base64 bodies and Q-encoded subjects', () => {
		const m = parseMessage(`Subject: =?utf-8?Q?caf=C3=A9_report?=\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('héllo').toString('base64')}\r\n`);
		expect(m).toMatchObject({ subject: 'café report', text: 'héllo' });
	});
});

describe('cli.js options', () => {
	test('maps flags onto startSandbox options', () => {
		expect(parseArgs(['--port', '5680', '--smtp-port', '2525', '--seed', '--hubspot-webhook-url', 'http://h/x', '--token-ttl=60', '--rate429', '0.1'])).toMatchObject({
			port: 5680,
			smtp: { port: 2525 },
			seed: true,
			hubspot: { webhookUrl: 'http://h/x' },
			tokenTtlSeconds: 60,
			faults: { rate429: 0.1 },
		});
		expect(parseArgs(['--seed', '--contacts', '1000', '--companies', '200']).seed).toEqual({ contacts: 1000, companies: 200 });
		expect(parseArgs([]).seed).toBeUndefined();
	});
	test('rejects unknown flags and non-numeric ports', () => {
		expect(() => parseArgs(['--nope'])).toThrow(/unknown option/);
		expect(() => parseArgs(['--port', 'abc'])).toThrow(/needs a number/);
	});
});
