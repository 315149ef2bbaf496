'use strict';
// Zoho Notification API (docs/crm-api-notes.md §2.7): /crm/v8/actions/watch enable (POST), list (GET), renew/patch (PATCH),
// replace (PUT), disable (DELETE ?channel_ids=), and callbacks POSTed to notify_url after every write
// (API or page), one per write call and operation, skipping expired channels, retried a couple of times.
const { formatZohoTime, parseTime } = require('./time');

const EVENT_RE = /^(Contacts|Accounts)\.(create|edit|delete|all)$/;
const OP_EVENT = { insert: 'create', update: 'edit', delete: 'delete' };
const WEEK_MS = 7 * 24 * 3600 * 1000;

function createNotifier(core, env, opts, store) {
	const now = core.now;
	const channels = new Map(); // channel_id -> channel
	const log = []; // delivery attempts
	const pending = new Set();
	const retries = () => (opts.notifyRetries === undefined ? 2 : opts.notifyRetries);
	const retryDelayMs = () => (opts.notifyRetryDelayMs === undefined ? 200 : opts.notifyRetryDelayMs);
	const resourceUri = (module) => `${env.baseUrl}/zoho/crm/v8/${module}`;
	const active = (c) => c.expiresAt > now();

	function send(channel, body, attempt) {
		const entry = { at: now(), channel_id: channel.channel_id, notify_url: channel.notify_url, module: body.module, operation: body.operation, ids: body.ids, attempt, status: 0, ok: false, body };
		log.push(entry);
		return fetch(channel.notify_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) })
			.then(async (res) => {
				await res.arrayBuffer().catch(() => undefined);
				entry.status = res.status;
				entry.ok = res.status >= 200 && res.status < 300;
			})
			.catch((e) => {
				entry.status = 'error';
				entry.error = String(e && e.message);
			})
			.then(async () => {
				if (entry.ok || attempt > retries()) return;
				await new Promise((ok) => setTimeout(ok, retryDelayMs() * attempt));
				await send(channel, body, attempt + 1);
			});
	}

	function emit(module, operation, ids, affected) {
		const event = OP_EVENT[operation];
		for (const c of channels.values()) {
			if (!active(c)) continue;
			if (!c.events.includes(`${module}.${event}`) && !c.events.includes(`${module}.all`)) continue;
			let queryParams = {};
			try {
				queryParams = Object.fromEntries(new URL(c.notify_url).searchParams);
			} catch {
				queryParams = {};
			}
			const body = { server_time: now(), query_params: queryParams, module, resource_uri: resourceUri(module), ids: [...ids], operation, channel_id: c.channel_id };
			if (affected) body.affected_fields = affected;
			if (affected && c.return_affected_field_values) {
				body.affected_values = affected.map((a) => {
					const [id, fields] = Object.entries(a)[0];
					const rec = store.data[module].get(id) || {};
					return { [id]: Object.fromEntries(fields.map((f) => [f, rec[f] === undefined ? null : rec[f]])) };
				});
			}
			if (c.token) body.token = c.token;
			const p = send(c, body, 1).finally(() => pending.delete(p));
			pending.add(p);
		}
	}

	async function flush() {
		while (pending.size) await Promise.all([...pending]);
	}

	const err = (code, message, details) => ({ code, details, message, status: 'error' });

	/** Validates one watch item; returns {error} or {channel}. `existing` for PATCH merges. */
	function readItem(item, existing, patch) {
		if (!item || typeof item !== 'object') return { error: err('INVALID_DATA', 'invalid data', { expected_data_type: 'jsonobject' }) };
		const id = item.channel_id === undefined ? undefined : String(item.channel_id);
		if (!id) return { error: err('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'channel_id' }) };
		if (!/^\d{1,19}$/.test(id)) return { error: err('INVALID_DATA', 'invalid data', { api_name: 'channel_id', expected_data_type: 'long' }) };
		const events = item.events === undefined && existing ? existing.events : item.events;
		if (!Array.isArray(events) || !events.length) return { error: err('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'events' }) };
		const badEvent = events.find((e) => !EVENT_RE.test(String(e)));
		if (badEvent !== undefined) return { error: err('INVALID_DATA', 'invalid data', { api_name: 'events', value: badEvent }) };
		const notifyUrl = item.notify_url === undefined && existing ? existing.notify_url : item.notify_url;
		if (!notifyUrl) return { error: err('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'notify_url' }) };
		if (!/^https?:\/\/[^\s]+$/i.test(String(notifyUrl))) return { error: err('INVALID_DATA', 'invalid data', { api_name: 'notify_url' }) };
		const token = item.token === undefined && existing ? existing.token : item.token;
		if (token !== undefined && token !== null && (typeof token !== 'string' || token.length > 50)) {
			return { error: err('INVALID_DATA', 'invalid data', { api_name: 'token', maximum_length: 50 }) };
		}
		let expiresAt = existing && item.channel_expiry === undefined ? existing.expiresAt : now() + 3600 * 1000;
		if (item.channel_expiry !== undefined) {
			const t = parseTime(String(item.channel_expiry));
			if (Number.isNaN(t) || t <= now()) return { error: err('INVALID_DATA', 'invalid data', { api_name: 'channel_expiry', expected_data_type: 'datetime' }) };
			if (t > now() + WEEK_MS + 60000) return { error: err('INVALID_DATA', 'channel expiry time should be within one week', { api_name: 'channel_expiry', maximum_length: '1 week' }) };
			expiresAt = t;
		}
		let finalEvents = events.map(String);
		if (patch && existing && item.events !== undefined) {
			finalEvents = item._delete_events ? existing.events.filter((e) => !finalEvents.includes(e)) : [...new Set([...existing.events, ...finalEvents])];
		}
		const flag = (k, d) => (item[k] !== undefined ? Boolean(item[k]) : existing ? existing[k] : d);
		return {
			channel: {
				channel_id: id,
				events: finalEvents,
				notify_url: String(notifyUrl),
				token: token === null ? undefined : token,
				expiresAt,
				notify_on_related_action: flag('notify_on_related_action', true),
				return_affected_field_values: flag('return_affected_field_values', false),
			},
		};
	}

	function describe(c) {
		return { channel_expiry: formatZohoTime(c.expiresAt, '+00:00'), channel_id: c.channel_id, events: c.events.map((e) => ({ resource_name: e.split('.')[0], resource_id: store.data ? e.split('.')[0] : '', resource_uri: resourceUri(e.split('.')[0]), event: e })) };
	}

	function writeHandler(mode) {
		return (ctx) => {
			const items = ctx.body && Array.isArray(ctx.body.watch) ? ctx.body.watch : null;
			if (!items || !items.length) return ctx.send(400, err('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'watch' }));
			const results = items.map((item) => {
				const existing = item && item.channel_id !== undefined ? channels.get(String(item.channel_id)) : undefined;
				if (mode === 'patch' && !existing) return err('INVALID_DATA', 'the given channel_id does not exist', { api_name: 'channel_id' });
				const r = readItem(item, mode === 'post' ? undefined : existing, mode === 'patch');
				if (r.error) return r.error;
				if (!r.channel.events.length) {
					channels.delete(r.channel.channel_id);
					return { code: 'SUCCESS', details: { events: [] }, message: 'Successfully un-subscribed from actions-watch', status: 'success' };
				}
				channels.set(r.channel.channel_id, r.channel);
				const d = describe(r.channel);
				return { code: 'SUCCESS', details: { events: d.events.map((e) => ({ channel_expiry: d.channel_expiry, resource_uri: e.resource_uri, resource_id: e.resource_id, resource_name: e.resource_name, channel_id: d.channel_id })) }, message: 'Successfully subscribed for actions-watch of the given module', status: 'success' };
			});
			const allFailed = results.every((r) => r.status === 'error');
			return ctx.send(allFailed ? 400 : 200, { watch: results });
		};
	}

	function listHandler(ctx) {
		const list = [...channels.values()].filter(active);
		if (!list.length) return ctx.send(204);
		const watch = [];
		for (const c of list) {
			for (const module of [...new Set(c.events.map((e) => e.split('.')[0]))]) {
				watch.push({
					notify_on_related_action: c.notify_on_related_action,
					channel_expiry: formatZohoTime(c.expiresAt, '+00:00'),
					resource_uri: resourceUri(module),
					resource_id: module,
					resource_name: module,
					channel_id: c.channel_id,
					events: c.events.filter((e) => e.startsWith(`${module}.`)),
					notify_url: c.notify_url,
					...(c.token ? { token: c.token } : {}),
				});
			}
		}
		return ctx.send(200, { watch });
	}

	function deleteHandler(ctx) {
		const ids = String(ctx.query.channel_ids || '').split(',').map((s) => s.trim()).filter(Boolean);
		if (!ids.length) return ctx.send(400, err('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'channel_ids' }));
		const removed = ids.filter((id) => channels.delete(id));
		return ctx.send(200, { watch: [{ code: 'SUCCESS', details: { events: removed.map((id) => ({ channel_id: id })) }, message: 'Successfully un-subscribed from actions-watch', status: 'success' }] });
	}

	function mount(api, auth) {
		const scoped = (h) => api((ctx, who) => (auth.requireScope(ctx, who, 'ZohoCRM.notifications') ? h(ctx) : undefined));
		core.route('POST', '/zoho/crm/v8/actions/watch', scoped(writeHandler('post')));
		core.route('PUT', '/zoho/crm/v8/actions/watch', scoped(writeHandler('put')));
		core.route('PATCH', '/zoho/crm/v8/actions/watch', scoped(writeHandler('patch')));
		core.route('GET', '/zoho/crm/v8/actions/watch', scoped(listHandler));
		core.route('DELETE', '/zoho/crm/v8/actions/watch', scoped(deleteHandler));
	}

	function listChannels() {
		return [...channels.values()].map((c) => ({ ...c, channel_expiry: formatZohoTime(c.expiresAt, '+00:00'), expired: !active(c) }));
	}

	function reset() {
		channels.clear();
		log.length = 0;
	}

	return { mount, emit, flush, listChannels, log, channels, reset };
}

module.exports = { createNotifier };
