#!/usr/bin/env node
/**
 * Benchmark (issue 7, item 4): the HubSpot -> Zoho CRM contact flow built from n8n's built-in nodes against this
 * package's template, in the SAME real n8n 2.41.1, against the same sandbox, in one run.
 *
 *   node scripts/bench-builtin.js [--records 300] [--records-429 100] [--latencies 0,100] [--flows upsert,search,ours]
 *                                 [--phases classic,issue13] [--no-docs] [--results-file f.json]
 *   node scripts/bench-builtin.js --render     # print + write docs/benchmark.md again from the last run's results
 *
 * Flows (bench/builtin-workflows/*.json; ours = the HubSpot Sync Trigger -> Sync Contact/Company pair taken from
 * templates/hubspot-to-zoho.json, same parameters):
 *   upsert  Webhook -> Split Out -> HubSpot "Get contact" -> Zoho CRM "Upsert contact"
 *   search  Webhook -> Split Out -> HubSpot "Get contact" -> HTTP Request (Zoho search, zohoOAuth2Api) -> IF ->
 *           Zoho CRM "Update contact" / "Create contact"
 *   ours    HubSpot Sync Trigger -> Sync Contact/Company (skipped, and said so, while the Sync node is not built)
 *
 * n8n's built-in HubSpot and Zoho nodes call https://api.hubapi.com and https://www.zohoapis.com directly, so the
 * sandbox is served over TLS for those names on 127.0.0.1:443 with a throwaway CA (NODE_EXTRA_CA_CERTS for n8n),
 * and /etc/hosts maps the names to 127.0.0.1 for the run only (restored on exit, Ctrl-C and errors). Our nodes use
 * the same public host names (default credential settings), so both sides take the same TLS path.
 *
 * Scenarios, at each added latency per API call (sandbox faults.latencyMs):
 *   throughput  N new HubSpot contacts; their contact.creation events delivered in batches of 100 (all batches at
 *               once, as HubSpot does) until every record is in Zoho with the HubSpot values. API calls per record
 *               (sandbox request log: HubSpot + Zoho + Zoho Accounts) and records per second.
 *   unchanged   the same events delivered again (new eventIds, nothing changed in HubSpot): Zoho records written.
 *   duplicates  one new contact, 10 concurrent deliveries of its creation event: Zoho contacts with its email - 1.
 *   429s        rate429 = 0.2 on every API call, N429 new contacts in one batch: records missing in Zoho once every
 *               execution has finished.
 *   issue13     (scripts/bench-builtin-phases.js) 100 records as 10 concurrent deliveries of 10; single-event
 *               end-to-end latency p50/p99 and the longest chain of sequential API calls; 100 new contacts with
 *               creation + property-change events sent by the sandbox's own webhooks; calls per record by delivery
 *               size (1, 10, 100).
 * HubSpot's own per-token rolling limit is raised in the sandbox so that only injected faults cause 429s.
 * Figures only (house style: benchmarks never assert). Results also go to docs/benchmark.md (unless --no-docs).
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const n8n = require('./lib/n8n');
const { ensureRuntime } = require('./lib/runtime');
const tlsSandbox = require('./lib/tls-sandbox');
const { flags, logger, sleep } = require('./lib/toolkit');
const { hubspotEvent } = require('./lib/hubspot-deliveries');
const { startSandbox } = require('../sandbox');
const { issue13Phases, ISSUE13_ROWS } = require('./bench-builtin-phases');

// ------------------------------------------------------------------ options
const OPTS = flags({
	records: Number(process.env.BENCH_RECORDS || 300),
	'records-429': Number(process.env.BENCH_RECORDS_429 || 100),
	latencies: '0,100',
	flows: 'upsert,search,ours',
	phases: 'classic,issue13',
	'no-docs': false,
	'results-file': '',
	render: false,
});
const PHASES = String(OPTS.phases).split(',');
const RECORDS = OPTS.records;
const RECORDS_429 = OPTS['records-429'];
const LATENCIES = String(OPTS.latencies).split(',').map(Number);
const FLOWS_WANTED = String(OPTS.flows).split(',');
const WRITE_DOCS = !OPTS['no-docs'];
const BATCH = 100;
const CONCURRENT_DELIVERIES = 10;
const PHASE_TIMEOUT_MS = Number(process.env.BENCH_PHASE_TIMEOUT_MS || 300000);
const STATE_DIR = path.join(ROOT, '.cache', 'bench-builtin');

const log = logger('bench');

// ------------------------------------------------------------------ flows
const CRED = {
	hubspotAppToken: { id: 'benchHubspotAppToken', name: 'Bench HubSpot app token' },
	zohoOAuth2Api: { id: 'benchZohoOAuth2', name: 'Bench Zoho OAuth2' },
	hubspotSyncPrivateAppApi: { id: 'benchHubspotSyncPrivateApp', name: 'Bench HubSpot private app (ours)' },
	zohoCrmSyncOAuth2Api: { id: 'benchZohoCrmSyncOAuth2', name: 'Bench Zoho CRM (ours)' },
};

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Is the Sync node in the tree and listed in package.json#n8n (so a packed build loads it)? */
function oursStatus() {
	const pj = readJson(path.join(ROOT, 'package.json'));
	const src = path.join(ROOT, 'nodes', 'SyncContactCompany', 'SyncContactCompany.node.ts');
	const listed = (pj.n8n?.nodes || []).some((p) => p.includes('SyncContactCompany'));
	const template = path.join(ROOT, 'templates', 'hubspot-to-zoho.json');
	if (!fs.existsSync(src)) return { ok: false, why: 'nodes/SyncContactCompany/SyncContactCompany.node.ts does not exist yet' };
	if (!listed) return { ok: false, why: 'package.json n8n.nodes does not list dist/nodes/SyncContactCompany/SyncContactCompany.node.js yet' };
	if (!fs.existsSync(template)) return { ok: false, why: 'templates/hubspot-to-zoho.json is missing' };
	return { ok: true };
}

/** Our side: the template's HubSpot Sync Trigger and Sync node (same parameters), credentials pointed at the bench ones. */
function oursWorkflow() {
	const t = readJson(path.join(ROOT, 'templates', 'hubspot-to-zoho.json'));
	const trigger = t.nodes.find((n) => n.type.endsWith('.hubspotSyncTrigger'));
	const sync = t.nodes.find((n) => n.type.endsWith('.syncContactCompany'));
	if (!trigger || !sync) throw new Error('templates/hubspot-to-zoho.json: trigger or Sync node not found');
	const creds = (node) => Object.fromEntries(Object.keys(node.credentials || {}).map((k) => [k, CRED[k] || node.credentials[k]]));
	return {
		id: 'benchOursTemplate',
		name: 'Bench (ours): HubSpot Sync Trigger -> Sync Contact/Company (from templates/hubspot-to-zoho.json)',
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [{ ...trigger, credentials: creds(trigger) }, { ...sync, credentials: creds(sync) }],
		connections: { [trigger.name]: { main: [[{ node: sync.name, type: 'main', index: 0 }]] } },
	};
}

function builtinFlows() {
	const dir = path.join(ROOT, 'bench', 'builtin-workflows');
	const wf = (file) => readJson(path.join(dir, file));
	const hookPath = (w) => w.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
	const upsert = wf('hubspot-get-zoho-upsert.json');
	const search = wf('hubspot-get-zoho-search-if.json');
	return [
		{ key: 'upsert', label: 'built-in: Get contact -> Upsert', workflow: upsert, webhookPath: hookPath(upsert) },
		{ key: 'search', label: 'built-in: Get -> search -> IF -> create/update', workflow: search, webhookPath: hookPath(search) },
	];
}

function credentials(sb) {
	const { DEFAULT_SCOPE } = require('../sandbox/zoho/auth');
	// Tokens minted by the sandbox; api_domain is the public name, served by the TLS front.
	const zohoToken = () => ({ ...sb.zoho.issueTokens(DEFAULT_SCOPE), api_domain: 'https://www.zohoapis.com' });
	return [
		{ ...CRED.hubspotAppToken, type: 'hubspotAppToken', data: { appToken: sb.hubspot.privateAppToken } },
		{
			...CRED.zohoOAuth2Api,
			type: 'zohoOAuth2Api',
			data: {
				grantType: 'authorizationCode',
				authUrl: 'https://accounts.zoho.com/oauth/v2/auth',
				accessTokenUrl: 'https://accounts.zoho.com/oauth/v2/token',
				scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.all,ZohoCRM.users.all',
				authQueryParameters: 'access_type=offline',
				authentication: 'body',
				clientId: sb.zoho.clientId,
				clientSecret: sb.zoho.clientSecret,
				oauthTokenData: zohoToken(),
			},
		},
		{
			...CRED.hubspotSyncPrivateAppApi,
			type: 'hubspotSyncPrivateAppApi',
			data: { accessToken: sb.hubspot.privateAppToken, clientSecret: sb.hubspot.clientSecret, baseUrl: 'https://api.hubapi.com' },
			ours: true,
		},
		{
			...CRED.zohoCrmSyncOAuth2Api,
			type: 'zohoCrmSyncOAuth2Api',
			data: {
				grantType: 'authorizationCode',
				dataCenter: 'US',
				authUrl: 'https://accounts.zoho.com/oauth/v2/auth',
				accessTokenUrl: 'https://accounts.zoho.com/oauth/v2/token',
				scope: DEFAULT_SCOPE,
				authQueryParameters: 'access_type=offline&prompt=consent',
				authentication: 'body',
				clientId: sb.zoho.clientId,
				clientSecret: sb.zoho.clientSecret,
				oauthTokenData: zohoToken(),
			},
			ours: true,
		},
	];
}

// ------------------------------------------------------------------ data and events
let seq = 0;
function newContacts(sb, n, tag) {
	const out = [];
	for (let i = 0; i < n; i++) {
		seq++;
		const props = {
			email: `bench.${tag}.${seq}@example.com`,
			firstname: `First${seq}`,
			lastname: `Last${seq}-${tag}`,
			phone: `+1 555 ${String(100000 + seq).slice(-6)}`,
		};
		const rec = sb.hubspot.createObject('contacts', props, { changeSource: 'CRM_UI' });
		out.push({ id: rec.id, ...props });
	}
	return out;
}

/** One contact.creation event per contact, as HubSpot sends them (scripts/lib/hubspot-deliveries.js). */
function creationEvents(sb, contacts) {
	return contacts.map((c) => hubspotEvent(sb, { objectId: Number(c.id) }));
}

/** POSTs one signed batch (HubSpot's v1 + v3 signatures, like the sandbox's deliveries). */
async function deliver(sb, url, events) {
	let r = await sb.hubspot.sendEvents(events, { url });
	// right after activation n8n may not serve the production webhook yet (it answers 404 for a moment)
	for (let i = 0; i < 60 && r.status === 404; i++) {
		await sleep(500);
		r = await sb.hubspot.sendEvents(events, { url });
	}
	if (r.status < 200 || r.status >= 300) log(`delivery to ${url} answered ${r.status} ${String(r.body || r.error || '').slice(0, 200)}`);
	return r;
}

function zohoByEmail(sb) {
	const map = new Map();
	for (const r of sb.zoho.listRecords('Contacts')) {
		const e = String(r.Email || '').toLowerCase();
		if (!e) continue;
		if (!map.has(e)) map.set(e, []);
		map.get(e).push(r);
	}
	return map;
}

function convergence(sb, contacts) {
	const idx = zohoByEmail(sb);
	let converged = 0;
	let duplicates = 0;
	for (const c of contacts) {
		const rows = idx.get(c.email.toLowerCase()) || [];
		if (rows.length > 1) duplicates += rows.length - 1;
		if (rows.some((r) => r.First_Name === c.firstname && r.Last_Name === c.lastname && String(r.Phone || '') === c.phone)) converged++;
	}
	return { converged, duplicates };
}

function zohoWritesSince(sb, mark) {
	let n = 0;
	for (const w of sb.zoho.writes.slice(mark)) if (['insert', 'update', 'upsert'].includes(w.op)) n += w.ids.length;
	return n;
}

// ------------------------------------------------------------------ phases
async function executionsOf(inst, workflowId) {
	return n8n.listExecutions(inst, { workflowId, limit: 100 });
}

/**
 * Waits until every contact converged, or until every execution started in this phase has finished and the sandbox
 * has been quiet for a moment (faults: the rest is lost). Returns { ms, converged, duplicates, timedOut }.
 */
async function waitPhase(ctx, flow, contacts, { t0, seenExec, minExecutions, untilExecutions = false }) {
	const { sb, inst } = ctx;
	let lastCalls = sb.core.log.length;
	let quietSince = Date.now();
	let lastExecCheck = 0;
	while (Date.now() - t0 < PHASE_TIMEOUT_MS) {
		const c = convergence(sb, contacts);
		if (!untilExecutions && c.converged === contacts.length) return { ms: Date.now() - t0, ...c, timedOut: false };
		if (sb.core.log.length !== lastCalls) {
			lastCalls = sb.core.log.length;
			quietSince = Date.now();
		}
		if (Date.now() - lastExecCheck > 1000 && Date.now() - quietSince > 1500) {
			lastExecCheck = Date.now();
			const list = (await executionsOf(inst, flow.workflow.id)).filter((e) => !seenExec.has(String(e.id)));
			const running = list.filter((e) => ['running', 'new', 'waiting', 'unknown'].includes(e.status) || !e.stoppedAt);
			// fewer executions than deliveries is fine once nothing has happened for 10 s (a trigger may start none for events it already saw)
			const enough = list.length >= minExecutions || Date.now() - quietSince > 10000;
			if (enough && running.length === 0 && Date.now() - quietSince > 2500) {
				return { ms: Date.now() - t0, ...convergence(sb, contacts), timedOut: false, executions: list };
			}
		}
		await sleep(100);
	}
	return { ms: Date.now() - t0, ...convergence(sb, contacts), timedOut: true };
}

async function seenExecutions(ctx, flow) {
	return new Set((await executionsOf(ctx.inst, flow.workflow.id)).map((e) => String(e.id)));
}

async function runDeliveries(ctx, flow, contacts, batches, { untilExecutions = false } = {}) {
	const seenExec = await seenExecutions(ctx, flow);
	const callsBefore = ctx.sb.core.totalCalls();
	const writesMark = ctx.sb.zoho.writes.length;
	const t0 = Date.now();
	await Promise.all(batches.map((events) => deliver(ctx.sb, flow.url, events)));
	const res = await waitPhase(ctx, flow, contacts, { t0, seenExec, minExecutions: batches.length, untilExecutions });
	return { ...res, calls: ctx.sb.core.totalCalls() - callsBefore, writes: zohoWritesSince(ctx.sb, writesMark) };
}

const chunk = (arr, n) => Array.from({ length: Math.ceil(arr.length / n) }, (_, i) => arr.slice(i * n, i * n + n));

async function benchFlow(ctx, flow, latencyMs) {
	const { sb } = ctx;
	const tag = `${flow.key}${latencyMs}`;
	const out = { flow: flow.key, latencyMs };

	// warm-up (first execution loads node types and decrypts credentials): not measured
	const warm = newContacts(sb, 1, `${tag}w`);
	await runDeliveries(ctx, flow, warm, [creationEvents(sb, warm)]);

	if (PHASES.includes('issue13')) {
		const h = { newContacts, creationEvents, deliver, runDeliveries, convergence, chunk, sleep, log, settle, seenExecutions, waitPhase, executionsOf };
		Object.assign(out, await issue13Phases(ctx, flow, h, latencyMs));
	}
	if (!PHASES.includes('classic')) return out;

	log(`${flow.key} @+${latencyMs} ms: throughput, ${RECORDS} records in batches of ${BATCH}`);
	const contacts = newContacts(sb, RECORDS, tag);
	const events = creationEvents(sb, contacts);
	const tp = await runDeliveries(ctx, flow, contacts, chunk(events, BATCH));
	out.callsPerRecord = tp.calls / RECORDS;
	out.recordsPerSecond = (tp.converged / tp.ms) * 1000;
	out.throughputConverged = tp.converged;
	out.throughputMs = tp.ms;
	out.throughputDuplicates = tp.duplicates;
	out.throughputTimedOut = tp.timedOut;
	log(`  ${tp.converged}/${RECORDS} converged in ${(tp.ms / 1000).toFixed(1)} s, ${tp.calls} API calls`);

	log(`${flow.key} @+${latencyMs} ms: unchanged, the same ${RECORDS} records delivered again`);
	// already converged: wait for the executions themselves to finish
	const again = await runDeliveries(ctx, flow, contacts, chunk(creationEvents(sb, contacts), BATCH), { untilExecutions: true });
	out.unchangedWrites = again.writes;
	out.unchangedCallsPerRecord = again.calls / RECORDS;
	log(`  ${again.writes} Zoho records written, ${again.calls} API calls`);

	log(`${flow.key} @+${latencyMs} ms: duplicates, ${CONCURRENT_DELIVERIES} concurrent deliveries of one new contact`);
	const one = newContacts(sb, 1, `${tag}d`);
	const dup = await runDeliveries(ctx, flow, one, Array.from({ length: CONCURRENT_DELIVERIES }, () => creationEvents(sb, one)));
	// deliveries that converge early may still be writing: let the remaining executions finish before counting
	await sleep(500);
	await settle(ctx, flow);
	const rows = zohoByEmail(sb).get(one[0].email.toLowerCase()) || [];
	out.duplicates = Math.max(0, rows.length - 1);
	out.duplicateConverged = dup.converged;
	log(`  ${rows.length} Zoho contact(s) for the one HubSpot contact`);

	log(`${flow.key} @+${latencyMs} ms: 20% 429s, ${RECORDS_429} records in one batch`);
	sb.core.faults.rate429 = 0.2;
	try {
		const faulty = newContacts(sb, RECORDS_429, `${tag}f`);
		const f = await runDeliveries(ctx, flow, faulty, chunk(creationEvents(sb, faulty), BATCH));
		out.lost429 = RECORDS_429 - f.converged;
		out.ms429 = f.ms;
		out.timedOut429 = f.timedOut;
		log(`  ${f.converged}/${RECORDS_429} in Zoho, ${out.lost429} lost`);
	} finally {
		sb.core.faults.rate429 = 0;
	}
	await settle(ctx, flow);
	return out;
}

/** Waits until no execution of the flow is running (bounded). */
async function settle(ctx, flow, timeoutMs = 120000) {
	const t0 = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		const list = await executionsOf(ctx.inst, flow.workflow.id);
		if (!list.some((e) => ['running', 'new', 'waiting'].includes(e.status) || !e.stoppedAt)) return;
		await sleep(500);
	}
}

// ------------------------------------------------------------------ report
function machine() {
	const cpus = os.cpus();
	return {
		cpus: cpus.length,
		cpuModel: cpus[0] ? cpus[0].model.trim() : 'unknown',
		memGb: (os.totalmem() / 2 ** 30).toFixed(1),
		os: `${os.type()} ${os.release()}`,
	};
}

const fmt = (v, d = 1) => (v === undefined || v === null || Number.isNaN(v) ? 'n/a' : Number(v).toFixed(d));
const ratio = (a, b, d = 1) => (a === undefined || b === undefined || !b ? 'n/a' : `${(a / b).toFixed(d)}x`);

function table(results, latencyMs, flows) {
	const by = (k) => results.find((r) => r.flow === k && r.latencyMs === latencyMs);
	const up = by('upsert');
	const se = by('search');
	const ours = by('ours');
	const cols = flows.map((f) => f.key);
	const header = ['Metric', ...cols.map((k) => (k === 'ours' ? 'ours (template)' : k === 'upsert' ? 'built-in upsert' : 'built-in search/IF')), ...(ours ? ['ours vs upsert', 'ours vs search/IF'] : [])];
	const rows = [];
	const add = (name, get, d, better) => {
		const vals = cols.map((k) => (by(k) ? get(by(k)) : undefined));
		if (vals.every((v) => v === undefined)) return; // a phase not run (--phases)
		const r = [name, ...vals.map((v) => fmt(v, d))];
		if (ours) {
			const o = get(ours);
			const cmp = (b) => (better === 'higher' ? ratio(o, b) : o === 0 ? (b > 0 ? `${fmt(b, d)} -> 0` : 'same') : ratio(b, o));
			r.push(up ? cmp(get(up)) : 'n/a', se ? cmp(get(se)) : 'n/a');
		}
		rows.push(r);
	};
	add(`API calls per record (batches of ${BATCH})`, (r) => r.callsPerRecord, 3, 'lower');
	add('Records per second (to convergence)', (r) => r.recordsPerSecond, 1, 'higher');
	add(`Zoho writes, ${RECORDS} unchanged records re-delivered`, (r) => r.unchangedWrites, 0, 'lower');
	add(`Duplicates, ${CONCURRENT_DELIVERIES} concurrent deliveries of 1 contact`, (r) => r.duplicates, 0, 'lower');
	add(`Records lost of ${RECORDS_429} under 20% 429s`, (r) => r.lost429, 0, 'lower');
	for (const [label, get, d, better] of ISSUE13_ROWS) add(label, get, d, better);
	const notes = [];
	for (const r of [up, se, ours].filter(Boolean)) {
		if (r.throughputConverged !== undefined && r.throughputConverged !== RECORDS) notes.push(`${r.flow}: only ${r.throughputConverged}/${RECORDS} records converged in the throughput phase${r.throughputTimedOut ? ' (timed out)' : ''}`);
		if (r.timedOut429) notes.push(`${r.flow}: the 429 phase timed out`);
	}
	return { header, rows, notes };
}

function renderText(t) {
	const widths = t.header.map((_, i) => Math.max(...[t.header, ...t.rows].map((r) => String(r[i]).length)));
	const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
	return [line(t.header), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line), ...t.notes.map((n) => `note: ${n}`)].join('\n');
}
function renderMd(t) {
	return [`| ${t.header.join(' | ')} |`, `|${t.header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...t.rows.map((r) => `| ${r.join(' | ')} |`), ...t.notes.map((n) => `\n_Note: ${n}_`)].join('\n');
}

function writeDocs(results, flows, meta) {
	const m = meta.machine;
	const parts = [
		'# Benchmark: our template vs the same flow from n8n\'s built-in nodes',
		'',
		'Reproduce with one command (needs root for 127.0.0.1:443 and a temporary /etc/hosts entry, restored afterwards):',
		'',
		'```sh',
		'node scripts/bench-builtin.js            # --records 300 --latencies 0,100 --flows upsert,search,ours',
		'```',
		'',
		`Run: ${meta.date}, n8n ${meta.n8nVersion} (regular mode, SQLite), Node ${meta.nodeVersion} for n8n.`,
		`Machine: ${m.cpus} CPU cores (${m.cpuModel}), ${m.memGb} GB RAM, ${m.os}; the sandbox and the load driver run on the same machine.`,
		'',
		'## What is compared',
		'',
		'- **built-in upsert**: Webhook -> Split Out -> HubSpot "Get contact" -> Zoho CRM "Upsert contact" (`bench/builtin-workflows/hubspot-get-zoho-upsert.json`).',
		'- **built-in search/IF**: Webhook -> Split Out -> HubSpot "Get contact" -> HTTP Request (Zoho `GET /crm/v2/Contacts/search?email=`, credential `zohoOAuth2Api`; the built-in Zoho node has no search) -> IF -> Zoho CRM "Update contact" / "Create contact" (`bench/builtin-workflows/hubspot-get-zoho-search-if.json`).',
		`- **ours**: HubSpot Sync Trigger -> Sync Contact/Company with the parameters of \`templates/hubspot-to-zoho.json\`${meta.oursSkipped ? ` — **not measured in this run: ${meta.oursSkipped}**` : ''}.`,
		'',
		'All flows run in the same n8n instance against the same sandbox (HubSpot CRM, Zoho CRM and Zoho Accounts emulators), served over TLS as `api.hubapi.com`, `www.zohoapis.com` and `accounts.zoho.com` on 127.0.0.1 with a throwaway CA; n8n\'s built-in nodes (HubSpot contact get = legacy `GET /contacts/v1/contact/vid/:vid/profile`, Zoho CRM = API v2) and ours call the public host names unchanged. Each flow gets its own, identically shaped contacts (email, first name, last name, phone).',
		'',
		'Scenarios per added latency (the sandbox delays every API call by that much; real CRM APIs answer in about 100 ms):',
		'',
		`- **API calls per record**: HubSpot + Zoho + Zoho Accounts calls in the sandbox request log / ${RECORDS} new records, whose \`contact.creation\` events are delivered in batches of ${BATCH} (all batches at once, as HubSpot does).`,
		'- **Records per second**: from the first delivery until every record is in Zoho with the HubSpot values.',
		`- **Writes on unchanged records**: the same ${RECORDS} events delivered again (new event ids; nothing changed in HubSpot); records written by Zoho insert/update/upsert calls.`,
		`- **Duplicates**: ${CONCURRENT_DELIVERIES} concurrent deliveries of one new contact's creation event; Zoho contacts with that email minus one (Zoho search sees new records after the sandbox's index lag, as the real API does).`,
		`- **Lost under 20% 429s**: every API call answers 429 with probability 0.2 (HubSpot / Zoho error shapes); ${RECORDS_429} new records in one batch; records not in Zoho after every execution has finished. Nodes run with n8n's defaults (no "Retry On Fail").`,
		'',
		'- **Issue 13 rows** (`scripts/bench-builtin-phases.js`): 100 new records as 10 concurrent deliveries of 10 events (records per second, API calls per record); one new record per delivery, 15 in a row, from the POST until Zoho holds it (end-to-end latency p50/p99) and the longest chain of API calls made one after another for it (from the sandbox log); for ours also one new contact as HubSpot delivers it with the README\'s subscriptions (its creation and property-change events in one delivery the sandbox signs and sends, from the create until Zoho holds it); 100 new contacts whose creation and property-change events (email, first name, last name, phone, each set at creation, as HubSpot raises them with the README\'s subscriptions) the sandbox batches, signs and sends itself; API calls per record for deliveries of 1 (5 in a row), 10 and 100 new records.',
		'',
		'HubSpot\'s per-token rolling rate limit is raised in the sandbox for this benchmark so that only the injected faults produce 429s.',
		'',
	];
	for (const lat of LATENCIES) {
		parts.push(`## +${lat} ms per API call`, '', renderMd(table(results, lat, flows)), '');
	}
	parts.push('Ratios: "ours vs X" is X / ours for costs (calls, writes) and ours / X for records per second.', '');
	parts.push(
		'## Reading the built-in figures',
		'',
		'- n8n\'s built-in HubSpot and Zoho CRM nodes make one request per item, one item after another, so each record costs one HubSpot read plus one Zoho write (upsert), or plus one Zoho search and one write (search/IF), and the time per batch grows with the latency of every call. The batches of one delivery run as parallel executions, which is why records per second is higher than one execution alone would give.',
		'- Neither variant compares values: re-delivered events rewrite every record in Zoho (and fire its workflow rules).',
		'- Upsert (duplicate check on Email, done by Zoho in one request) creates no duplicate; search -> IF -> create does: concurrent executions all search before any create is visible, so each creates its own record.',
		'- One 429 from the HubSpot or Zoho node fails the node for all items of the execution: nothing after the failing call reaches Zoho, and because the Webhook node already answered 200, HubSpot does not redeliver. With 20% 429s practically every batch of 100 is lost as a whole.',
		'',
	);
	fs.writeFileSync(path.join(ROOT, 'docs', 'benchmark.md'), parts.join('\n'));
	log('wrote docs/benchmark.md');
}

// ------------------------------------------------------------------ main
async function main() {
	if (process.getuid && process.getuid() !== 0) throw new Error('run as root: binds 127.0.0.1:443 and edits /etc/hosts for the run');
	try {
		execFileSync('openssl', ['version'], { stdio: 'ignore' });
	} catch {
		throw new Error('openssl is required (Debian: apt-get install -y openssl)');
	}
	fs.mkdirSync(STATE_DIR, { recursive: true });
	if (tlsSandbox.restoreStaleBackup(STATE_DIR)) log('restored /etc/hosts left by an interrupted run');
	const rt = ensureRuntime();

	const status = oursStatus();
	let flows = builtinFlows().filter((f) => FLOWS_WANTED.includes(f.key));
	let tarball = null;
	let oursSkipped = null;
	if (FLOWS_WANTED.includes('ours')) {
		if (!status.ok) {
			oursSkipped = status.why;
		} else {
			try {
				tarball = n8n.packPackage();
				flows.push({ key: 'ours', label: 'ours', workflow: oursWorkflow(), ours: true });
			} catch (e) {
				oursSkipped = `the package did not build: ${String(e.message).split('\n').slice(0, 6).join(' ')}`;
			}
		}
		if (oursSkipped) log(`OUR SIDE IS SKIPPED: ${oursSkipped}`);
	}

	const cleanup = [];
	const ctx = {};
	let stopped = false;
	async function stopAll() {
		if (stopped) return;
		stopped = true;
		for (const fn of cleanup.reverse()) {
			try {
				await fn();
			} catch (e) {
				log(`cleanup: ${e.message}`);
			}
		}
	}
	let hosts = null;
	try {
		const sb = await startSandbox({ hubspot: { tenSecondLimit: 1e9, dailyLimit: 1e12, searchPerSecond: 1e6 }, zoho: {} });
		cleanup.push(() => sb.close());
		tlsSandbox.mountBuiltinAliases(sb);
		const tls = tlsSandbox.createThrowawayCa({ dir: path.join(STATE_DIR, `tls-${process.pid}`) });
		cleanup.push(() => tls.cleanup());
		const front = await tlsSandbox.startTlsFront({ sandbox: sb, tls });
		cleanup.push(() => front.close());
		hosts = tlsSandbox.mapHosts({ stateDir: STATE_DIR, onSignal: stopAll });
		cleanup.push(() => hosts.restore());
		log(`sandbox ${sb.url}; TLS front https://127.0.0.1:443 for ${tlsSandbox.CRM_HOSTS.join(', ')}`);

		const inst = await n8n.createInstance({
			name: 'bench-builtin',
			installMode: tarball ? 'tarball' : false,
			tarball: tarball || undefined,
			env: { NODE_EXTRA_CA_CERTS: tls.caFile, N8N_LOG_LEVEL: process.env.BENCH_N8N_LOG_LEVEL || 'warn' },
		});
		cleanup.push(() => n8n.stop(inst));
		cleanup.push(() => fs.rmSync(path.join(inst.userFolder, 'import'), { recursive: true, force: true }));
		const creds = credentials(sb).filter((c) => tarball || !c.ours).map(({ ours: _ours, ...c }) => c);
		n8n.importCredentials(inst, creds);
		n8n.importWorkflows(inst, flows.map((f) => f.workflow));
		await n8n.start(inst);
		Object.assign(ctx, { sb, inst });
		for (const f of flows) {
			await n8n.activateWorkflow(inst, f.workflow.id);
			if (f.ours) {
				const trig = f.workflow.nodes.find((n) => n.type.endsWith('.hubspotSyncTrigger'));
				f.url = `${inst.url}/webhook/${trig.webhookId}/${'webhook'}`;
			} else {
				f.url = `${inst.url}/webhook/${f.webhookPath}`;
			}
		}

		const results = [];
		for (const lat of LATENCIES) {
			sb.core.faults.latencyMs = lat;
			for (const f of flows) results.push(await benchFlow(ctx, f, lat));
		}
		sb.core.faults.latencyMs = 0;

		const meta = { date: new Date().toISOString(), n8nVersion: rt.N8N_VERSION, nodeVersion: execFileSync(rt.NODE24, ['--version'], { encoding: 'utf8' }).trim(), machine: machine(), oursSkipped };
		fs.writeFileSync(path.join(STATE_DIR, 'results.json'), JSON.stringify({ meta, results }, null, 2));
		if (OPTS['results-file']) fs.writeFileSync(path.resolve(OPTS['results-file']), JSON.stringify({ meta, results }, null, 2));
		report(results, flows.map((f) => ({ key: f.key })), meta);
	} finally {
		await stopAll();
	}
}

/** Prints the tables and (unless --no-docs) writes docs/benchmark.md. */
function report(results, flows, meta) {
	const m = meta.machine;
	const out = [`\nBenchmark: HubSpot -> Zoho CRM, n8n ${meta.n8nVersion}, ${m.cpus} cores (${m.cpuModel}), ${m.memGb} GB RAM`];
	if (meta.oursSkipped) out.push(`OUR SIDE NOT MEASURED: ${meta.oursSkipped}`);
	for (const lat of LATENCIES) out.push('', `+${lat} ms per API call`, renderText(table(results, lat, flows)));
	process.stdout.write(out.join('\n') + '\n');
	if (WRITE_DOCS) writeDocs(results, flows, meta);
}

/** --render: print and write the figures of the last run again (.cache/bench-builtin/results.json), no new measurement. */
function renderLast() {
	const { meta, results } = readJson(path.join(STATE_DIR, 'results.json'));
	LATENCIES.splice(0, LATENCIES.length, ...[...new Set(results.map((r) => r.latencyMs))]);
	const keys = [...new Set(results.map((r) => r.flow))];
	report(results, keys.map((key) => ({ key })), meta);
}

(OPTS.render ? Promise.resolve().then(renderLast) : main()).catch((e) => {
	process.stderr.write(`[bench] failed: ${e && e.stack ? e.stack : e}\n`);
	process.exitCode = 1;
});
