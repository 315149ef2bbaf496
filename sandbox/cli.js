#!/usr/bin/env node
'use strict';
// Runs the sandbox in the foreground:
//   node sandbox/cli.js --port 5680 --smtp-port 2525 --seed --hubspot-webhook-url http://127.0.0.1:5678/webhook/...
// Prints its URL (and the SMTP port), stops cleanly on Ctrl-C / SIGTERM.
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

/** Parses argv into startSandbox() options. Throws on unknown flags or bad numbers. */
function parseArgs(argv) {
	const opts = { port: 5680, hubspot: {}, zoho: {}, provider: {}, faults: {} };
	const seed = { enabled: false };
	const num = (flag, v) => {
		const n = Number(v);
		if (v === undefined || v === '' || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--port': opts.port = num(flag, value()); break;
			case '--host': opts.host = value(); break;
			case '--smtp-port': opts.smtp = { port: num(flag, value()) }; break;
			case '--seed': seed.enabled = true; break;
			case '--no-seed': seed.enabled = false; break;
			case '--contacts': seed.contacts = num(flag, value()); break;
			case '--companies': seed.companies = num(flag, value()); break;
			case '--seed-value': seed.seed = num(flag, value()); break;
			case '--hubspot-webhook-url': opts.hubspot.webhookUrl = value(); break;
			case '--hubspot-client-secret': opts.hubspot.clientSecret = value(); break;
			case '--zoho-utc-offset': opts.zoho.utcOffset = value(); break;
			case '--token-ttl': opts.tokenTtlSeconds = num(flag, value()); break;
			case '--rate429': opts.faults.rate429 = num(flag, value()); break;
			case '--rate5xx': opts.faults.rate5xx = num(flag, value()); break;
			case '--timeout-rate': opts.faults.timeoutRate = num(flag, value()); break;
			case '--latency': opts.faults.latencyMs = num(flag, value()); break;
			case '--help': case '-h': opts.help = true; break;
			default: throw new Error(`unknown option ${a}`);
		}
	}
	if (seed.enabled) {
		const { enabled: _e, ...rest } = seed;
		opts.seed = Object.keys(rest).length ? rest : true;
	}
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
