'use strict';
// HubSpot webhooks: the management API (developer API key + appId, docs/crm-api-notes.md §1.5) and signed, batched,
// retried deliveries (§1.2-§1.4). Signing is implemented here on purpose (the sandbox never imports lib/).
const crypto = require('node:crypto');

const DEFAULT_DEVELOPER_API_KEY = 'sandbox-developer-api-key';
const EVENT_TYPES = [
	'contact.creation', 'contact.deletion', 'contact.propertyChange', 'contact.merge', 'contact.associationChange', 'contact.restore', 'contact.privacyDeletion',
	'company.creation', 'company.deletion', 'company.propertyChange', 'company.merge', 'company.associationChange', 'company.restore',
];
const SINGULAR = { contacts: 'contact', companies: 'company' };
const MAX_SUBSCRIPTIONS = 1000;

function signV1(secret, body) {
	return crypto.createHash('sha256').update(secret + body, 'utf8').digest('hex');
}
function signV3(secret, method, uri, body, timestamp) {
	return crypto.createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');
}

function createWebhooks({ core, store, auth, options }) {
	const now = core.now;
	const err = auth.errorBody;
	const appId = Number(options.appId);
	const developerApiKey = options.developerApiKey || DEFAULT_DEVELOPER_API_KEY;
	const batchWindowMs = () => options.batchWindowMs ?? 200;
	const retryDelays = () => options.retryDelaysMs || [200, 500, 1000, 2000];
	const maxRetries = () => options.maxRetries ?? 10;
	const timeoutMs = () => options.deliveryTimeoutMs ?? 5000;

	let settings = null; // { targetUrl, throttling, createdAt, updatedAt }
	let target = options.webhookUrl ? { url: options.webhookUrl, clientSecret: options.clientSecret || auth.clientSecret } : null;
	const subscriptions = new Map();
	let nextSubscriptionId = 1;
	let nextEventId = 100;
	let queue = [];
	let batchTimer = null;
	const timers = new Set();
	const inFlight = new Set();
	const deliveries = [];

	const targetUrl = () => (settings && settings.targetUrl) || (target && target.url) || null;
	const secret = () => (target && target.clientSecret) || options.clientSecret || auth.clientSecret;

	// ---------- events
	function eventsFor({ type, record, created, changed, meta }) {
		if (!targetUrl()) return [];
		const obj = SINGULAR[type];
		const subs = [...subscriptions.values()].filter((s) => s.active);
		// With no API subscriptions, a configured target gets creations and every property change (sandbox default).
		const implicit = subscriptions.size === 0;
		const base = () => ({
			eventId: nextEventId++, portalId: Number(options.portalId), appId, occurredAt: now(), attemptNumber: 0,
			objectId: Number(record.id), changeSource: meta.changeSource || 'CRM_UI', ...(meta.sourceId ? { sourceId: meta.sourceId } : {}),
		});
		const out = [];
		const creationSub = subs.find((s) => s.eventType === `${obj}.creation`);
		if (created && (implicit || creationSub)) {
			out.push({ ...base(), subscriptionId: creationSub ? creationSub.id : 0, subscriptionType: `${obj}.creation`, changeFlag: 'NEW' });
		}
		for (const c of changed) {
			const sub = subs.find((s) => s.eventType === `${obj}.propertyChange` && s.propertyName === c.name);
			if (!implicit && !sub) continue;
			out.push({ ...base(), subscriptionId: sub ? sub.id : 0, subscriptionType: `${obj}.propertyChange`, propertyName: c.name, propertyValue: c.value });
		}
		return out;
	}

	function enqueue(events) {
		if (!events.length) return;
		queue.push(...events);
		if (!batchTimer) {
			batchTimer = setTimeout(() => {
				batchTimer = null;
				drain();
			}, batchWindowMs());
			batchTimer.unref?.();
		}
	}

	function drain() {
		const url = targetUrl();
		const events = queue;
		queue = [];
		const sends = [];
		for (let i = 0; i < events.length; i += 100) sends.push(deliver(url, events.slice(i, i + 100), 0));
		return Promise.all(sends);
	}

	async function post(url, events, { tamper = {}, attemptNumber } = {}) {
		const body = JSON.stringify(events.map((e) => (attemptNumber === undefined ? e : { ...e, attemptNumber })));
		const key = tamper.clientSecret ?? secret();
		const timestamp = String(now() + (tamper.timestampOffsetMs || 0));
		const headers = { 'content-type': 'application/json', 'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio)' };
		if (tamper.omit !== 'v3') {
			headers['X-HubSpot-Signature-v3'] = signV3(key, 'POST', tamper.signedUri || url, body, timestamp);
			headers['X-HubSpot-Request-Timestamp'] = timestamp;
		}
		if (tamper.omit !== 'v1') {
			headers['X-HubSpot-Signature'] = signV1(key, body);
			headers['X-HubSpot-Signature-Version'] = 'v1';
		}
		const sentBody = tamper.body !== undefined ? tamper.body : body;
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), timeoutMs());
		try {
			const res = await fetch(url, { method: 'POST', headers, body: sentBody, signal: controller.signal });
			const text = await res.text();
			return { status: res.status, body: text };
		} catch (e) {
			return { status: 0, error: controller.signal.aborted ? 'timeout' : (e.cause && e.cause.code) || e.message };
		} finally {
			clearTimeout(timer);
		}
	}

	async function deliver(url, events, attemptNumber) {
		const p = (async () => {
			const res = await post(url, events, { attemptNumber });
			const ok = res.status >= 200 && res.status < 300;
			deliveries.push({ url, attemptNumber, at: now(), ok, status: res.status, error: res.error, eventCount: events.length, events: events.map((e) => ({ ...e, attemptNumber })) });
			// Retries on connection errors, timeouts and error statuses, with growing (scaled-down) delays (§1.4).
			if (!ok && attemptNumber < maxRetries()) {
				const delays = retryDelays();
				const delay = delays[Math.min(attemptNumber, delays.length - 1)];
				const t = setTimeout(() => {
					timers.delete(t);
					deliver(url, events, attemptNumber + 1);
				}, delay);
				t.unref?.();
				timers.add(t);
			}
			return res;
		})();
		inFlight.add(p);
		try {
			return await p;
		} finally {
			inFlight.delete(p);
		}
	}

	async function flushWebhooks() {
		if (batchTimer) {
			clearTimeout(batchTimer);
			batchTimer = null;
		}
		await drain();
		await Promise.all([...inFlight]);
		return deliveries;
	}

	/** Sends a crafted batch (tests of signature checks). tamper: { clientSecret, timestampOffsetMs, signedUri, body, omit: 'v1'|'v3' }. */
	async function sendEvents(events, { url, tamper } = {}) {
		const to = url || targetUrl();
		if (!to) throw new Error('sendEvents: no url and no webhook target');
		return post(to, events, { tamper: tamper || {} });
	}

	// ---------- management API
	function enter(ctx) {
		if (ctx.query.hapikey !== developerApiKey) {
			ctx.send(401, err('The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/', 'INVALID_AUTHENTICATION'));
			return false;
		}
		if (Number(ctx.params.appId) !== appId) {
			ctx.send(404, err(`App ${ctx.params.appId} not found for this developer account.`, 'OBJECT_NOT_FOUND'));
			return false;
		}
		return true;
	}
	const view = (s) => ({ id: String(s.id), eventType: s.eventType, ...(s.propertyName ? { propertyName: s.propertyName } : {}), active: s.active, createdAt: s.createdAt, updatedAt: s.updatedAt });
	const W = '/hubspot/webhooks/v3/:appId';

	core.route('GET', `${W}/settings`, (ctx) => {
		if (!enter(ctx)) return;
		if (!settings) return ctx.send(404, err('No webhook settings found for this app.', 'OBJECT_NOT_FOUND'));
		return ctx.send(200, settings);
	});
	core.route('PUT', `${W}/settings`, (ctx) => {
		if (!enter(ctx)) return;
		const b = ctx.body || {};
		if (!b.targetUrl || !/^https?:\/\//.test(b.targetUrl)) return ctx.send(400, err('targetUrl must be a valid URL.', 'VALIDATION_ERROR'));
		const t = store.iso(now());
		const max = (b.throttling && b.throttling.maxConcurrentRequests) ?? 10;
		if (max <= 5) return ctx.send(400, err('maxConcurrentRequests must be greater than 5.', 'VALIDATION_ERROR'));
		settings = { targetUrl: b.targetUrl, throttling: { maxConcurrentRequests: max, period: 'SECONDLY' }, createdAt: settings ? settings.createdAt : t, updatedAt: t };
		return ctx.send(200, settings);
	});
	core.route('DELETE', `${W}/settings`, (ctx) => {
		if (!enter(ctx)) return;
		settings = null;
		return ctx.send(204);
	});
	core.route('GET', `${W}/subscriptions`, (ctx) => {
		if (!enter(ctx)) return;
		return ctx.send(200, { results: [...subscriptions.values()].map(view) });
	});
	core.route('POST', `${W}/subscriptions/batch/update`, (ctx) => {
		if (!enter(ctx)) return;
		const results = [];
		for (const i of (ctx.body || {}).inputs || []) {
			const s = subscriptions.get(Number(i.id));
			if (!s) continue;
			s.active = Boolean(i.active);
			s.updatedAt = store.iso(now());
			results.push(view(s));
		}
		return ctx.send(200, { status: 'COMPLETE', results });
	});
	core.route('POST', `${W}/subscriptions`, (ctx) => {
		if (!enter(ctx)) return;
		const b = ctx.body || {};
		if (!EVENT_TYPES.includes(b.eventType)) return ctx.send(400, err(`Invalid eventType: ${b.eventType}`, 'VALIDATION_ERROR'));
		const isProperty = b.eventType.endsWith('.propertyChange');
		if (isProperty && !b.propertyName) return ctx.send(400, err('propertyName is required for propertyChange subscriptions.', 'VALIDATION_ERROR'));
		const type = b.eventType.startsWith('contact') ? 'contacts' : 'companies';
		if (isProperty && (!store.schema[type][b.propertyName] || /lastmodifieddate$/.test(b.propertyName))) {
			return ctx.send(400, err(`Property ${b.propertyName} can't be subscribed to.`, 'VALIDATION_ERROR'));
		}
		if (subscriptions.size >= MAX_SUBSCRIPTIONS) {
			return ctx.send(400, err("Couldn't create another subscription. You've reached the maximum number allowed per application (1000).", 'VALIDATION_ERROR'));
		}
		const t = store.iso(now());
		// Subscriptions are created paused unless active:true (docs/crm-api-notes.md §1.5).
		const s = { id: nextSubscriptionId++, eventType: b.eventType, propertyName: isProperty ? b.propertyName : undefined, active: b.active === true, createdAt: t, updatedAt: t };
		subscriptions.set(s.id, s);
		return ctx.send(201, view(s));
	});
	core.route('PATCH', `${W}/subscriptions/:subscriptionId`, (ctx) => {
		if (!enter(ctx)) return;
		const s = subscriptions.get(Number(ctx.params.subscriptionId));
		if (!s) return ctx.send(404, err('Subscription not found.', 'OBJECT_NOT_FOUND'));
		if ((ctx.body || {}).active !== undefined) s.active = Boolean(ctx.body.active);
		s.updatedAt = store.iso(now());
		return ctx.send(200, view(s));
	});
	core.route('DELETE', `${W}/subscriptions/:subscriptionId`, (ctx) => {
		if (!enter(ctx)) return;
		subscriptions.delete(Number(ctx.params.subscriptionId));
		return ctx.send(204);
	});

	function close() {
		if (batchTimer) clearTimeout(batchTimer);
		batchTimer = null;
		for (const t of timers) clearTimeout(t);
		timers.clear();
	}
	function reset() {
		close();
		queue = [];
		settings = null;
		subscriptions.clear();
		deliveries.length = 0;
	}

	return {
		onChange: (change) => enqueue(eventsFor(change)),
		setWebhookTarget(url, { clientSecret } = {}) {
			target = url ? { url, clientSecret: clientSecret || options.clientSecret || auth.clientSecret } : null;
		},
		flushWebhooks, sendEvents, deliveries, close, reset, developerApiKey,
		get subscriptions() {
			return [...subscriptions.values()].map(view);
		},
	};
}

module.exports = { createWebhooks, signV1, signV3, DEFAULT_DEVELOPER_API_KEY };
