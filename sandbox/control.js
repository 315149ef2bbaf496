'use strict';
// Control API under /_sandbox (never counted in the request log, never faulted) and the web page at GET /.
//   GET|PUT /_sandbox/faults      { rate429, rate5xx, timeoutRate, latencyMs }
//   GET  /_sandbox/log            { counts: {"METHOD /route": n}, totals: {system: n}, total, recent: [...] }
//   POST /_sandbox/log/reset
//   POST /_sandbox/tokens/expire  every emulator's expireTokens()
//   GET  /_sandbox/mail           { smtpPort, messages }        POST /_sandbox/mail/reset
//   POST /_sandbox/reset          emulators reset, log + mail cleared, faults off, reseeded when seeding is on
//   GET  /_sandbox/state          everything the page shows       POST /_sandbox/records  create/update via emulator helpers
// Also starts the SMTP catcher when options.smtp.port is given (0 = ephemeral) and seeds on listen (options.seed).
const { makeSeed } = require('./seed');
const { startSmtp } = require('./smtp');
const { renderMainPage } = require('./page');

const FAULT_KEYS = { rate429: [0, 1], rate5xx: [0, 1], timeoutRate: [0, 1], latencyMs: [0, 60000] };

/** options.seed: true -> makeSeed() defaults; an object -> makeSeed(that object). */
function seedOptions(seed) {
	if (!seed) return null;
	return typeof seed === 'object' ? seed : {};
}

function mount(core, env) {
	const options = env.options || {};
	const route = (method, path, handler) => core.route(method, path, handler, { api: false, system: '_sandbox' });
	const emulator = (name) => (env.emulators && env.emulators[name]) || null;
	const call = (name, fn, ...args) => {
		const e = emulator(name);
		return e && typeof e[fn] === 'function' ? e[fn](...args) : undefined;
	};
	const state = { smtp: null, seeded: null, seedError: null };

	function currentFaults() {
		return Object.fromEntries(Object.keys(FAULT_KEYS).map((k) => [k, core.faults[k]]));
	}
	function applyFaults(input) {
		if (!input || typeof input !== 'object' || Array.isArray(input)) return { error: 'body must be a JSON object' };
		const next = {};
		for (const [k, v] of Object.entries(input)) {
			const range = FAULT_KEYS[k];
			if (!range) return { error: `unknown fault "${k}" (known: ${Object.keys(FAULT_KEYS).join(', ')})` };
			const n = Number(v);
			if (v === null || v === '' || typeof v === 'boolean' || !Number.isFinite(n) || n < range[0] || n > range[1]) {
				return { error: `${k} must be a number from ${range[0]} to ${range[1]}` };
			}
			next[k] = n;
		}
		Object.assign(core.faults, next);
		return { faults: currentFaults() };
	}

	function logSummary(recent = 50) {
		const counts = Object.fromEntries(core.counts);
		const totals = {};
		let total = 0;
		for (const [key, n] of core.counts) {
			const pattern = key.slice(key.indexOf(' ') + 1);
			const system = pattern.split('/')[1] || 'other';
			totals[system] = (totals[system] || 0) + n;
			total += n;
		}
		return { counts, totals, total, recent: core.log.slice(-recent).map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
	}

	function loadSeed() {
		const so = seedOptions(options.seed);
		if (!so) return null;
		const data = makeSeed(so);
		const result = { hubspot: null, zoho: null, links: data.links.length };
		try {
			result.hubspot = call('hubspot', 'loadSeed', { contacts: data.hubspot.contacts, companies: data.hubspot.companies }) || null;
			result.zoho = call('zoho', 'loadSeed', { Contacts: data.zoho.Contacts, Accounts: data.zoho.Accounts }) || null;
			state.seedError = null;
		} catch (err) {
			// A broken seed must not take the sandbox down; the error is shown on /_sandbox/state.
			state.seedError = String(err && err.message);
		}
		state.seeded = data;
		return result;
	}

	function expireAll() {
		const expired = [];
		for (const [name, e] of Object.entries(env.emulators || {})) {
			if (name === 'control' || !e || typeof e.expireTokens !== 'function') continue;
			e.expireTokens();
			expired.push(name);
		}
		return expired;
	}

	function resetAll() {
		for (const name of ['provider', 'hubspot', 'zoho']) call(name, 'reset');
		core.resetLog();
		Object.assign(core.faults, { rate429: 0, rate5xx: 0, timeoutRate: 0, latencyMs: 0 });
		if (state.smtp) state.smtp.clear();
		const seeded = loadSeed();
		return { ok: true, seeded: Boolean(seeded), counts: recordCounts() };
	}

	function listAll() {
		const hs = emulator('hubspot');
		const z = emulator('zoho');
		const safe = (fn) => {
			try {
				return fn();
			} catch {
				return null;
			}
		};
		return {
			hubspot: hs && typeof hs.listObjects === 'function' ? { contacts: safe(() => hs.listObjects('contacts')), companies: safe(() => hs.listObjects('companies')) } : null,
			zoho: z && typeof z.listRecords === 'function' ? { Contacts: safe(() => z.listRecords('Contacts')), Accounts: safe(() => z.listRecords('Accounts')) } : null,
		};
	}
	function recordCounts() {
		const all = listAll();
		const n = (list) => (Array.isArray(list) ? list.length : null);
		return {
			hubspot: all.hubspot && { contacts: n(all.hubspot.contacts), companies: n(all.hubspot.companies) },
			zoho: all.zoho && { Contacts: n(all.zoho.Contacts), Accounts: n(all.zoho.Accounts) },
		};
	}

	const mailMessages = () => (state.smtp ? state.smtp.messages.map(({ html: _html, ...m }) => m) : []);

	/** One write through the emulators' helpers, so HubSpot webhooks / Zoho notifications fire as for a person. */
	function writeRecord(input) {
		const { system, type, id } = input || {};
		const fields = (input && (input.fields || input.properties || input.data)) || {};
		if (typeof fields !== 'object' || Array.isArray(fields)) return { status: 400, error: 'fields must be an object' };
		const clean = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
		if (system === 'hubspot') {
			if (!['contacts', 'companies'].includes(type)) return { status: 400, error: 'type must be contacts or companies' };
			const hs = emulator('hubspot');
			if (!hs || typeof hs.createObject !== 'function') return { status: 501, error: 'HubSpot emulator not loaded' };
			const record = id ? hs.updateObject(type, String(id), clean, { changeSource: 'CRM_UI' }) : hs.createObject(type, clean, { changeSource: 'CRM_UI' });
			return { status: id ? 200 : 201, record };
		}
		if (system === 'zoho') {
			if (!['Contacts', 'Accounts'].includes(type)) return { status: 400, error: 'type must be Contacts or Accounts' };
			const z = emulator('zoho');
			if (!z || typeof z.createRecord !== 'function') return { status: 501, error: 'Zoho emulator not loaded' };
			if (type === 'Contacts' && typeof clean.Account_Name === 'string') {
				// The page edits the account by name; Zoho writes the lookup as {id}.
				const name = clean.Account_Name;
				const acc = name ? z.listRecords('Accounts').find((a) => a.Account_Name === name) : null;
				if (name && !acc) return { status: 400, error: `no Zoho account named "${name}"` };
				clean.Account_Name = acc ? { id: acc.id } : null;
			}
			for (const k of ['Employees', 'Annual_Revenue']) if (typeof clean[k] === 'string' && clean[k] !== '') clean[k] = Number(clean[k]);
			const record = id ? z.updateRecord(type, String(id), clean) : z.createRecord(type, clean);
			return { status: id ? 200 : 201, record };
		}
		return { status: 400, error: 'system must be hubspot or zoho' };
	}

	// ---------------------------------------------------------------- routes
	route('GET', '/_sandbox/faults', (ctx) => ctx.send(200, currentFaults()));
	route('PUT', '/_sandbox/faults', (ctx) => {
		const r = applyFaults(ctx.body);
		return r.error ? ctx.send(400, { error: 'invalid_faults', message: r.error }) : ctx.send(200, r.faults);
	});
	route('GET', '/_sandbox/log', (ctx) => ctx.send(200, logSummary(Number(ctx.query.recent) || 50)));
	route('POST', '/_sandbox/log/reset', (ctx) => {
		core.resetLog();
		return ctx.send(200, { ok: true });
	});
	route('POST', '/_sandbox/tokens/expire', (ctx) => ctx.send(200, { ok: true, expired: expireAll() }));
	route('GET', '/_sandbox/mail', (ctx) => ctx.send(200, { smtpPort: state.smtp ? state.smtp.port : null, messages: mailMessages() }));
	route('POST', '/_sandbox/mail/reset', (ctx) => {
		if (state.smtp) state.smtp.clear();
		return ctx.send(200, { ok: true });
	});
	route('POST', '/_sandbox/reset', (ctx) => ctx.send(200, resetAll()));
	route('GET', '/_sandbox/state', (ctx) =>
		ctx.send(200, {
			...listAll(),
			mail: mailMessages().slice(-50),
			smtpPort: state.smtp ? state.smtp.port : null,
			log: logSummary(0),
			faults: currentFaults(),
			seedError: state.seedError,
		}),
	);
	route('POST', '/_sandbox/records', (ctx) => {
		let r;
		try {
			r = writeRecord(ctx.body);
		} catch (err) {
			r = { status: 400, error: String((err && err.message) || err) };
		}
		return r.error ? ctx.send(r.status, { error: 'write_failed', message: r.error }) : ctx.send(r.status, { ok: true, record: r.record });
	});
	route('GET', '/favicon.ico', (ctx) => ctx.send(204));
	route('GET', '/', (ctx) => ctx.send(200, renderMainPage({ baseUrl: env.baseUrl }), { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }));

	return {
		get smtp() {
			return state.smtp;
		},
		get smtpPort() {
			return state.smtp ? state.smtp.port : null;
		},
		/** The makeSeed() output loaded on listen / reset (null when seeding is off). */
		get seed() {
			return state.seeded;
		},
		get mail() {
			return mailMessages();
		},
		faults: currentFaults,
		setFaults: applyFaults,
		logSummary,
		expireTokens: expireAll,
		reset: resetAll,
		loadSeed,
		writeRecord,
		async onListen() {
			const smtp = options.smtp;
			if (smtp && smtp.port !== undefined && smtp.port !== null && smtp.port !== false) {
				state.smtp = await startSmtp({ port: Number(smtp.port) || 0, host: smtp.host || options.host || '127.0.0.1', now: core.now });
			}
			loadSeed();
		},
		async onClose() {
			if (state.smtp) await state.smtp.close();
		},
	};
}

module.exports = { mount, FAULT_KEYS };
