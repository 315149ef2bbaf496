'use strict';
// Zoho CRM emulator: Zoho Accounts OAuth under /zoho-accounts, CRM API v8 under /zoho/crm/v8 (core maps the host
// www.zohoapis.com onto /zoho). Faithful to docs/crm-api-notes.md §2; see sandbox/zoho/*.js for each part.
//   options.zoho = { clientId, clientSecret, utcOffset: '+05:30', searchLagMs: 1000, concurrency: 10, dailyCredits: 50000,
//                    processingMs: 0, uniqueFields, notifyRetries: 2, notifyRetryDelayMs: 200, tokenTtlSeconds }
const { createAuth } = require('./auth');
const { createStore } = require('./store');
const { createNotifier } = require('./notifications');
const { mountRecords } = require('./records');
const { mountSearch } = require('./search');
const { mountCoql } = require('./coql');
const { mountFields } = require('./fields');
const { formatZohoTime, parseTime } = require('./time');

function mount(core, env) {
	const opts = env.options.zoho || (env.options.zoho = {});
	const auth = createAuth(core, env, opts);
	const store = createStore(core, opts);
	const notifier = createNotifier(core, env, opts, store);
	const writes = []; // one entry per write call: { module, op, ids, trigger }

	core.setFaultShape('zoho', (status) =>
		status === 429
			? { status: 429, body: auth.zohoError('TOO_MANY_REQUESTS', 'Number of API requests for the 24 hour period is exceeded or the concurrency limit of the user for the app is exceeded'), headers: {} }
			: { status: 500, body: auth.zohoError('INTERNAL_ERROR', 'Internal Server Error'), headers: {} },
	);

	/** Wraps a CRM handler: auth (401s), concurrency (429), module and scope checks, simulated processing time. */
	function api(handler, { module = false } = {}) {
		return async (ctx) => {
			const who = auth.authenticate(ctx);
			if (!who) return;
			try {
				if (module) {
					const m = ctx.params.module;
					if (!store.MODULES.includes(m)) return ctx.send(400, auth.zohoError('INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 }));
					if (!auth.requireScope(ctx, who, `ZohoCRM.modules.${m.toLowerCase()}`)) return;
				}
				const ms = opts.processingMs || 0;
				if (ms > 0) await new Promise((ok) => setTimeout(ok, ms));
				await handler(ctx, who);
			} finally {
				who.release();
			}
		};
	}

	auth.mount();
	// Specific routes first: the generic /:module/:id pattern would also match them.
	notifier.mount(api, auth);
	core.route('GET', '/zoho/crm/v8/users', api((ctx, who) => {
		if (!auth.requireScope(ctx, who, 'ZohoCRM.users')) return undefined;
		const users = Object.values(store.USERS).map((u) => ({ id: u.id, full_name: u.name, email: u.email, status: 'active', role: { name: 'CEO', id: '4876876000000015969' }, profile: { name: 'Administrator', id: '4876876000000015972' }, time_zone: 'Asia/Kolkata' }));
		if (ctx.query.type === 'CurrentUser') return ctx.send(200, { users: [users[0]], info: { per_page: 200, count: 1, page: 1, more_records: false } });
		return ctx.send(200, { users, info: { per_page: 200, count: users.length, page: 1, more_records: false } });
	}));
	mountFields(core, { store, api, auth });
	mountCoql(core, env, { store, api, auth });
	mountSearch(core, env, { store, api });
	mountRecords(core, env, { store, auth, notifier, api, writes });

	// ---- helpers for tests, the web page and the control API (writes by a "page" user fire notifications too) ----
	const mod = (m) => {
		if (!store.MODULES.includes(m)) throw new Error(`unknown Zoho module ${m}`);
		return m;
	};
	const validateOrThrow = (m, data, isInsert) => {
		const bad = store.validate(m, data, 0, isInsert);
		if (bad) throw Object.assign(new Error(`${bad.code} ${bad.details.api_name || ''}`.trim()), { zoho: bad });
	};

	function createRecord(module, data, { user = 'page', notify = true } = {}) {
		validateOrThrow(mod(module), data, true);
		const rec = store.insert(module, data, user);
		if (notify) notifier.emit(module, 'insert', [rec.id], null);
		return store.view(rec);
	}
	function updateRecord(module, id, data, { user = 'page', notify = true } = {}) {
		if (!store.data[mod(module)].has(id)) throw new Error(`no ${module} record ${id}`);
		validateOrThrow(module, data, false);
		const u = store.update(module, id, data, user);
		if (notify && u.changed.length) notifier.emit(module, 'update', [id], [{ [id]: u.changed }]);
		return store.view(u.rec);
	}
	function deleteRecord(module, id, { notify = true } = {}) {
		const rec = store.remove(mod(module), id);
		if (rec && notify) notifier.emit(module, 'delete', [id], null);
		return Boolean(rec);
	}
	const getRecord = (module, id) => {
		const rec = store.data[mod(module)].get(id);
		return rec ? store.view(rec) : undefined;
	};
	const listRecords = (module) => [...store.data[mod(module)].values()].map((r) => store.view(r));

	/** Seeds bypass validation (seed data includes invalid records) and fire no notifications.
	 *  A seed record may carry its own `id`, `Modified_Time`/`Created_Time`, and Contacts may name their account
	 *  as Account_Name: "Name" or {name} or {id}. */
	function loadSeed(seed = {}) {
		const place = (module, input) => {
			const { id, Modified_Time: mt, Created_Time: ct, Modified_By: mb, ...fields } = input;
			if (module === 'Contacts' && fields.Account_Name) {
				const a = fields.Account_Name;
				const name = typeof a === 'string' ? a : a.name;
				const acc = a.id ? store.data.Accounts.get(a.id) : [...store.data.Accounts.values()].find((r) => r.Account_Name === name);
				fields.Account_Name = acc ? { id: acc.id } : undefined;
				if (!acc) delete fields.Account_Name;
			}
			const rec = store.insert(module, fields, mb && typeof mb === 'object' ? mb : 'page');
			if (id) {
				store.data[module].delete(rec.id);
				rec.id = String(id);
				store.data[module].set(rec.id, rec);
			}
			const tm = mt ? parseTime(mt) : NaN;
			const tc = ct ? parseTime(ct) : NaN;
			if (!Number.isNaN(tm)) {
				rec._modifiedMs = tm;
				rec.Modified_Time = formatZohoTime(tm, opts.utcOffset || '+05:30');
			}
			if (!Number.isNaN(tc) || !Number.isNaN(tm)) {
				rec._createdMs = Number.isNaN(tc) ? rec._modifiedMs : tc;
				rec.Created_Time = formatZohoTime(rec._createdMs, opts.utcOffset || '+05:30');
			}
			// its timeline holds the creation, dated as the seed says
			for (const e of rec._timeline || []) e._ms = rec._createdMs ?? rec._modifiedMs;
			rec._indexAt = 0; // seeded data is already indexed
			return rec.id;
		};
		const accounts = (seed.Accounts || []).map((a) => place('Accounts', a));
		const contacts = (seed.Contacts || []).map((c) => place('Contacts', c));
		return { Accounts: accounts, Contacts: contacts };
	}

	// Seeding (options.seed) is control.js's job: it calls loadSeed(makeSeed().zoho) on listen.
	return {
		createRecord,
		updateRecord,
		getRecord,
		listRecords,
		deleteRecord,
		loadSeed,
		listChannels: notifier.listChannels,
		notifications: notifier.log,
		flushNotifications: notifier.flush,
		expireTokens: auth.expireTokens,
		issueTokens: auth.issueTokens,
		writes,
		users: store.USERS,
		clientId: auth.clientId(),
		clientSecret: auth.clientSecret(),
		get apiDomain() {
			return auth.apiDomain();
		},
		get accountsUrl() {
			return `${env.baseUrl}/zoho-accounts`;
		},
		options: opts,
		/** Concurrency and credits as Zoho counts them (per org and app): { inFlight, peakInFlight, spent }. */
		usage: auth.usage,
		reset() {
			store.reset();
			notifier.reset();
			auth.resetGrants();
			auth.resetUsage();
			writes.length = 0;
		},
		async onClose() {
			await notifier.flush().catch(() => undefined);
		},
	};
}

module.exports = { mount };
