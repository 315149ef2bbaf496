#!/usr/bin/env node
'use strict';
// Runs the sandbox in the foreground:
//   node sandbox/cli.js --port 5680 --smtp-port 2525 --seed --hubspot-webhook-url http://127.0.0.1:5678/webhook/...
// Prints its URL (and the SMTP port), stops cleanly on Ctrl-C / SIGTERM.
const util = require('node:util');
const { startSandbox } = require('./index');

const USAGE = `Usage: node sandbox/cli.js [options]
  --port N                     HTTP port (default 5680; 0 = any free port)
  --host H                     bind address (default 127.0.0.1)
  --smtp-port N                start the SMTP catcher on N (0 = any free port)
  --seed / --no-seed           load demo data into HubSpot and Zoho (default: off)
  --contacts N --companies N   seed sizes (default 300 / 80)
  --seed-value N               PRNG seed for the demo data (default 42)
  --hubspot-webhook-url URL    where HubSpot webhooks are delivered
  --hubspot-client-secret S    app client secret used to sign them
  --zoho-utc-offset +05:30     Zoho user's time-zone offset
  --token-ttl SECONDS          access token lifetime for every emulator (default 3600)
  --rate429 P --rate5xx P --timeout-rate P --latency MS   initial fault injection
  --help`;

const NUMBERS = {
	port: (o, n) => (o.port = n),
	'smtp-port': (o, n) => (o.smtp = { port: n }),
	contacts: (o, n, seed) => (seed.contacts = n),
	companies: (o, n, seed) => (seed.companies = n),
	'seed-value': (o, n, seed) => (seed.seed = n),
	'token-ttl': (o, n) => (o.tokenTtlSeconds = n),
	rate429: (o, n) => (o.faults.rate429 = n),
	rate5xx: (o, n) => (o.faults.rate5xx = n),
	'timeout-rate': (o, n) => (o.faults.timeoutRate = n),
	latency: (o, n) => (o.faults.latencyMs = n),
};
const STRINGS = {
	host: (o, v) => (o.host = v),
	'hubspot-webhook-url': (o, v) => (o.hubspot.webhookUrl = v),
	'hubspot-client-secret': (o, v) => (o.hubspot.clientSecret = v),
	'zoho-utc-offset': (o, v) => (o.zoho.utcOffset = v),
};
const SWITCHES = { seed: { type: 'boolean' }, 'no-seed': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

/** Parses argv (node:util parseArgs, the scripts' flag style) into startSandbox() options. Throws on unknown flags or bad numbers. */
function parseArgs(argv) {
	const spec = { ...SWITCHES };
	for (const name of [...Object.keys(NUMBERS), ...Object.keys(STRINGS)]) spec[name] = { type: 'string' };
	let values;
	try {
		({ values } = util.parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }));
	} catch (err) {
		const m = /'([^']+)'/.exec(err.message);
		throw new Error(err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && m ? `unknown option ${m[1]}` : err.message);
	}
	const opts = { port: 5680, hubspot: {}, zoho: {}, provider: {}, faults: {} };
	const seed = {};
	for (const [name, set] of Object.entries(NUMBERS)) {
		if (values[name] === undefined) continue;
		const n = Number(values[name]);
		if (values[name] === '' || !Number.isFinite(n)) throw new Error(`--${name} needs a number`);
		set(opts, n, seed);
	}
	for (const [name, set] of Object.entries(STRINGS)) if (values[name] !== undefined) set(opts, values[name]);
	if (values.help) opts.help = true;
	// the last of --seed / --no-seed wins, as before
	const lastSeed = argv.filter((a) => a === '--seed' || a === '--no-seed').pop();
	if (lastSeed === '--seed') opts.seed = Object.keys(seed).length ? seed : true;
	return opts;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (err) {
		console.error(`${err.message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (opts.help) {
		console.log(USAGE);
		return;
	}
	const sb = await startSandbox(opts);
	const lines = [`sandbox on ${sb.url}`, `  page      ${sb.url}/`, `  control   ${sb.url}/_sandbox/log`];
	if (sb.smtp) lines.push(`  smtp      127.0.0.1:${sb.smtp.port}`);
	if (opts.seed) {
		const c = sb.control && sb.control.seed;
		if (c) lines.push(`  seeded    ${c.hubspot.contacts.length} HubSpot contacts, ${c.hubspot.companies.length} companies; ${c.zoho.Contacts.length} Zoho contacts, ${c.zoho.Accounts.length} accounts`);
	}
	console.log(lines.join('\n'));
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sb.close().catch(() => undefined);
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((err) => {
		console.error(`sandbox failed to start: ${err.message}`);
		process.exit(1);
	});
}

module.exports = { parseArgs };
