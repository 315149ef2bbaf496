'use strict';
// Local stand-in for HubSpot, Zoho CRM and a generic OAuth 1.0a/2.0 service. Never published.
// Each emulator module exports mount(core, env) and registers its routes:
//   provider/    generic Custom Service provider under /provider (Basic, API key, OAuth1, OAuth2, 429, redirects)
//   hubspot/     HubSpot CRM v3/v4, OAuth, webhooks API, signed webhook deliveries, under /hubspot
//   zoho/        Zoho CRM v8 + Notification API under /zoho, Zoho Accounts OAuth under /zoho-accounts
//   control.js   /_sandbox/* control API (faults, request log, reset, seed) and the web page at /
const { createCore } = require('./core');

const MODULES = { provider: require('./provider'), hubspot: require('./hubspot'), zoho: require('./zoho'), control: require('./control') };

/**
 * @param {object} options
 * @param {number} [options.port=0]       0 = ephemeral
 * @param {string} [options.host='127.0.0.1']
 * @param {boolean} [options.seed=false]  load sandbox/seed data
 * @param {object} [options.faults]       initial fault settings (see core.js)
 * @param {object} [options.hubspot]      { webhookUrl, clientSecret, privateAppToken, ... }
 * @param {object} [options.zoho]         { clientId, clientSecret, ... }
 * @param {number} [options.tokenTtlSeconds=3600]
 * @param {object} [options.provider]     { clientId, clientSecret, users, apiKey, oauth1, tokenTtlSeconds } (provider/index.js DEFAULTS)
 * @param {object} [options.smtp]         { port } starts the SMTP catcher (0 = ephemeral)
 */
async function startSandbox(options = {}) {
	const core = createCore(options);
	const env = { options, core, baseUrl: '', tokenTtlSeconds: options.tokenTtlSeconds || 3600, emulators: {} };
	for (const [name, emulator] of Object.entries(MODULES)) env.emulators[name] = emulator.mount(core, env) || {};
	await new Promise((ok, fail) => {
		core.server.once('error', fail);
		core.server.listen(options.port || 0, options.host || '127.0.0.1', ok);
	});
	const { port } = core.server.address();
	env.baseUrl = `http://${options.host || '127.0.0.1'}:${port}`;
	for (const e of Object.values(env.emulators)) if (e.onListen) await e.onListen();
	return {
		url: env.baseUrl,
		port,
		core,
		env,
		hubspot: env.emulators.hubspot,
		zoho: env.emulators.zoho,
		provider: env.emulators.provider,
		control: env.emulators.control,
		/** SMTP catcher ({ port, messages, clear }) when options.smtp.port was given (see control.js). */
		smtp: env.emulators.control ? env.emulators.control.smtp : null,
		async close() {
			for (const e of Object.values(env.emulators)) if (e.onClose) await e.onClose();
			for (const res of core.held) res.destroy();
			core.server.closeAllConnections?.();
			await new Promise((ok) => core.server.close(() => ok()));
		},
	};
}

module.exports = { startSandbox };
