'use strict';
// HubSpot emulator, mounted under /hubspot (the core maps Host api.hubapi.com / app.hubspot.com onto it).
// Split by concern in sandbox/hubspot/: properties (schema + validation), store, auth (tokens, OAuth, limits),
// crm (v3 objects + search), associations (v4), webhooks (management API + signed deliveries).
const { buildSchema, checkProperties, mountProperties } = require('./properties');
const { createStore } = require('./store');
const { createAuth, errorBody, rateLimitBody, DEFAULT_PRIVATE_APP_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } = require('./auth');
const { mountCrm, TYPES } = require('./crm');
const { mountAssociations } = require('./associations');
const { createWebhooks, DEFAULT_DEVELOPER_API_KEY } = require('./webhooks');

const DEFAULT_APP_ID = 1160452;
const DEFAULT_PORTAL_ID = 62515;

function mount(core, env) {
	const given = (env.options && env.options.hubspot) || {};
	// One options object, normalised once; helpers read it live so tests may tweak e.g. searchLagMs.
	const options = {
		appId: DEFAULT_APP_ID,
		portalId: DEFAULT_PORTAL_ID,
		tokenTtlSeconds: (env.options && env.options.tokenTtlSeconds) || 1800,
		...given,
	};
	const schema = buildSchema(options.customProperties);
	let webhooks = null;
	const store = createStore({ now: core.now, schema, onChange: (change) => webhooks && webhooks.onChange(change) });
	const auth = createAuth(core, options);
	auth.mountRoutes();
	mountAssociations({ core, store, auth });
	mountCrm({ core, store, auth, options });
	mountProperties({ core, auth, schema, types: TYPES });
	webhooks = createWebhooks({ core, store, auth, options });

	// Injected 429/5xx look like HubSpot's (docs/crm-api-notes.md §1.9, §1.10).
	core.setFaultShape('hubspot', (status) =>
		status === 429
			? {
					status,
					body: rateLimitBody('You have reached your ten_secondly_rolling limit.', 'TEN_SECONDLY_ROLLING'),
					headers: { 'Retry-After': '1', 'X-HubSpot-RateLimit-Max': String(auth.tenSecondLimit()), 'X-HubSpot-RateLimit-Remaining': '0', 'X-HubSpot-RateLimit-Interval-Milliseconds': String(auth.intervalMs()) },
				}
			: { status, body: errorBody('internal error', 'INTERNAL_ERROR'), headers: {} },
	);

	const typeOf = (type) => {
		if (type !== 'contacts' && type !== 'companies') throw new Error(`unknown HubSpot object type ${type}`);
		return type;
	};
	const plain = (r) => ({ id: r.id, properties: { ...r.properties }, createdAt: store.iso(r.createdAt), updatedAt: store.iso(r.updatedAt) });
	function validated(type, properties) {
		const c = checkProperties(schema[typeOf(type)], properties);
		if (c.problems.length) throw new Error(`Property values were not valid: ${c.problems.map((p) => `${p.name}: ${p.error}`).join(', ')}`);
		return c.values;
	}
	const uiMeta = (changeSource = 'CRM_UI') => ({ sourceType: changeSource, changeSource });

	return {
		options,
		store,
		privateAppToken: auth.privateAppToken,
		clientId: auth.clientId,
		clientSecret: auth.clientSecret,
		developerApiKey: webhooks.developerApiKey,
		appId: options.appId,
		portalId: options.portalId,
		/** Writes as a person in the HubSpot UI would (history sourceType and event changeSource = changeSource). */
		createObject(type, properties, { changeSource = 'CRM_UI' } = {}) {
			const res = store.create(type, validated(type, properties), uiMeta(changeSource));
			if (res.conflict) throw new Error(res.message);
			return plain(res.record);
		},
		updateObject(type, id, properties, { changeSource = 'CRM_UI' } = {}) {
			const r = store.get(typeOf(type), id);
			if (!r) throw new Error(`${type} ${id} not found`);
			const res = store.update(type, r, validated(type, properties), uiMeta(changeSource));
			if (res.conflict) throw new Error(res.message);
			return plain(res.record);
		},
		getObject(type, id) {
			const r = store.get(typeOf(type), id);
			return r ? { ...plain(r), propertiesWithHistory: JSON.parse(JSON.stringify(r.history)), associatedIds: store.linksOf(type, r.id).map((l) => l.toId) } : undefined;
		},
		listObjects: (type) => store.list(typeOf(type)).map(plain),
		/**
		 * Seed without webhooks: { contacts: [{ id?, properties, createdAt?, updatedAt?, companyIds? }], companies: [...] }.
		 * Timestamps are ms or ISO strings. Invalid seed records throw (seed data must be valid for HubSpot).
		 */
		loadSeed(seed = {}) {
			const ms = (v) => (v === undefined ? undefined : typeof v === 'number' ? v : Date.parse(v));
			const hold = webhooks;
			webhooks = null;
			try {
				const out = { contacts: [], companies: [] };
				for (const type of ['companies', 'contacts']) {
					for (const item of seed[type] || []) {
						const meta = { sourceType: 'IMPORT', changeSource: 'IMPORT', id: item.id, createdAt: ms(item.createdAt), at: ms(item.updatedAt ?? item.createdAt) };
						const res = store.create(type, validated(type, item.properties), meta);
						if (res.conflict) throw new Error(`seed: ${res.message}`);
						for (const companyId of item.companyIds || []) store.link(res.record.id, String(companyId), 279);
						out[type].push(res.record.id);
					}
				}
				return out;
			} finally {
				webhooks = hold;
			}
		},
		setWebhookTarget: (url, opts) => webhooks.setWebhookTarget(url, opts),
		flushWebhooks: () => webhooks.flushWebhooks(),
		sendEvents: (events, opts) => webhooks.sendEvents(events, opts),
		get deliveries() {
			return webhooks.deliveries;
		},
		get subscriptions() {
			return webhooks.subscriptions;
		},
		expireTokens: () => auth.expireTokens(),
		/** Issues an OAuth token pair directly (tests that skip the authorize page). */
		issueOAuthTokens: () => auth.issueTokens(),
		reset() {
			store.reset();
			auth.reset();
			webhooks.reset();
		},
		onClose: () => webhooks.close(),
	};
}

module.exports = { mount, DEFAULT_PRIVATE_APP_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_DEVELOPER_API_KEY, DEFAULT_APP_ID, DEFAULT_PORTAL_ID };
