#!/usr/bin/env node
'use strict';
/**
 * Memory of a bulk reconcile in a real n8n (issue 7, item 5): templates/initial-sync.json, imported unchanged, syncs
 * --records HubSpot contacts (and their companies) into Zoho CRM through the sandbox, while this script samples the
 * RSS of the n8n process that runs the execution (/proc/<pid>/status, every 200 ms).
 *
 *   node scripts/bench-memory.js [--records 50000] [--no-compare] [--no-build | --tarball <file>] [--json <file>]
 *
 * 1. The sandbox (in this process) holds --records HubSpot contacts linked to --records/50 companies; 10% of the
 *    contacts and every company are also in Zoho with older data (updates), 0.1% of the contacts are invalid for
 *    Zoho (a 300-character job title: they must come out as failures, nothing else may). HubSpot's rate limit is
 *    lifted in the sandbox (the node still paces itself at 90 calls per 10 s, as against the real HubSpot).
 * 2. Warm-up: the template runs once over the first 1,000 contacts, so n8n has loaded the nodes and the database
 *    before anything is measured. Its peak RSS is "the same job at 1,000 records".
 * 3. The measured run: the same template over every record (Zoho reset to its seed first). Two growth figures:
 *    over idle = peak RSS - the median RSS of the 5 s before the run (this includes V8 growing its heap back from an
 *    idle size, which any busy n8n does), and over 1,000 records = peak RSS - the warm-up's peak (what the other
 *    records add: ~0 when memory is flat, proportional to the count when records are held). RSS at each quarter of the
 *    run shows the shape. Then a repeat run (nothing changed: reads only, no write), the nightly case.
 * 4. Unless --no-compare: the same run once more (Zoho reset again) with the node's output set to One Item per
 *    Record, side by side, to show what holding an item per record costs.
 * Checks after each full run: every valid contact and company is in Zoho exactly once, each invalid one is on the
 * Failed output and nowhere else. Prints a table; exits 1 when a check fails or the summary run's growth over the
 * 1,000-record run is 100 MB or more.
 */
const fs = require('node:fs');
const path = require('node:path');
const n8n = require('./lib/n8n');
const { startSandbox } = require('../sandbox');
const { templateCredentials } = require('../sandbox/credentials-for-templates');
const { flags, logger, sleep, newestTarball } = require('./lib/toolkit');

const ROOT = path.resolve(__dirname, '..');
const OPTS = flags({ records: 50000, 'no-compare': false, json: '', tarball: '', 'no-build': false });
const RECORDS = OPTS.records;
const COMPARE = !OPTS['no-compare'];
const JSON_OUT = OPTS.json || null;
const TARGET_MB = 100;
const WARMUP = Math.min(1000, Math.floor(RECORDS / 10));
const say = logger('bench-memory');
const mb = (kb) => kb / 1024;

const TEMPLATE = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', 'initial-sync.json'), 'utf8'));
const RECONCILE = TEMPLATE.nodes.find((n) => n.type === `${n8n.PACKAGE_NAME}.syncContactCompany`);
/** The template with One Item per Record output, for the side-by-side comparison. */
const PER_RECORD = (() => {
	const wf = JSON.parse(JSON.stringify(TEMPLATE));
	wf.id = 'benchMemPerRecord';
	wf.name = `${TEMPLATE.name} (one item per record)`;
	wf.nodes.find((n) => n.name === RECONCILE.name).parameters.reconcileOutput = 'records';
	return wf;
})();

function rssKb(pid) {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) : null;
	} catch {
		return null;
	}
}

/** V8 heap in use (MB), from n8n's Prometheus endpoint (N8N_METRICS, prom-client's default metrics). */
async function heapUsedMb(url) {
	try {
		const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(1000) })).text();
		const m = /^\w*nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+([\d.e+]+)/m.exec(text);
		return m ? Number(m[1]) / 1048576 : null;
	} catch {
		return null;
	}
}

/** Samples the RSS of pid every 200 ms, and n8n's V8 heap in use every second, until stop() is called. */
function sampler(pid, url) {
	const samples = [];
	const heap = [];
	let on = true;
	const loop = (async () => {
		for (let tick = 0; on; tick++) {
			const kb = rssKb(pid);
			if (kb !== null) samples.push({ at: Date.now(), kb });
			// not awaited: a slow metrics answer must not hold up the RSS samples (or stop())
			if (url && tick % 5 === 0) void heapUsedMb(url).then((h) => h !== null && heap.push(h));
			await sleep(200);
		}
	})();
	return {
		samples,
		heap,
		async stop() {
			on = false;
			await loop;
			return samples;
		},
	};
}

/** p, or `fallback` when it has not settled within ms (a poll that hangs is simply made again). */
function within(p, ms, fallback) {
	let timer;
	return Promise.race([p, new Promise((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]).finally(() => clearTimeout(timer));
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

// ------------------------------------------------------------------ data
const PAST = Date.parse('2024-01-01T00:00:00Z');
const isInvalid = (i) => i % 1000 === 500;
function contactSeed(i, companyIds) {
	return {
		properties: { email: `m${i}@bench-memory.test`, firstname: `First${i}`, lastname: `Last${i}`, jobtitle: isInvalid(i) ? 'x'.repeat(300) : `Title ${i}`, city: `City ${i % 97}` },
		companyIds: [companyIds[i % companyIds.length]],
		createdAt: PAST,
		updatedAt: PAST + 3600_000,
	};
}

function zohoSeed(companies) {
	return {
		Accounts: companies.map((c) => ({ Account_Name: c.properties.name, Website: c.properties.domain, Billing_City: 'Older city', Modified_Time: '2024-01-01T00:00:00+00:00' })),
		Contacts: Array.from({ length: Math.floor(RECORDS / 10) }, (_, k) => k * 10)
			.filter((i) => !isInvalid(i))
			.map((i) => ({ Last_Name: `Last${i}`, First_Name: `First${i}`, Email: `m${i}@bench-memory.test`, Title: 'Older title', Modified_Time: '2024-01-01T00:00:00+00:00' })),
	};
}

// ------------------------------------------------------------------ runs
async function runOnce(inst, wf, label, { timeoutMs = 60 * 60 * 1000 } = {}) {
	const seen = (await n8n.listExecutions(inst, { workflowId: wf.id, limit: 100 })).map((e) => e.id);
	const s = sampler(inst.pid, inst.url);
	const t0 = Date.now();
	await n8n.rest(inst, 'POST', `/workflows/${wf.id}/run`, { triggerToStartFrom: { name: 'Start Initial Sync' } });
	let done;
	while (!done) {
		if (Date.now() - t0 > timeoutMs) throw new Error(`${label}: no finished execution after ${timeoutMs} ms`);
		await sleep(500);
		done = (await within(n8n.listExecutions(inst, { workflowId: wf.id }), 30_000, [])).find((e) => !seen.includes(e.id) && e.stoppedAt && !['running', 'new'].includes(e.status));
	}
	const seconds = (Date.now() - t0) / 1000;
	const samples = await s.stop();
	say(`${label}: execution ${done.id} ${done.status} after ${seconds.toFixed(0)} s; reading its data`);
	const ex = await n8n.getExecution(inst, done.id);
	if (ex.status !== 'success') throw new Error(`${label}: execution ${ex.id} ended ${ex.status}: ${JSON.stringify(ex.data.resultData.error || {}).slice(0, 400)}`);
	const runs = ex.data.resultData.runData[RECONCILE.name] || [];
	const out = (i) => runs.flatMap((r) => ((r.data && r.data.main && r.data.main[i]) || []).map((x) => x.json));
	return { label, seconds, samples, peakKb: Math.max(...samples.map((x) => x.kb)), endKb: samples[samples.length - 1].kb, heapPeakMb: s.heap.length ? Math.max(...s.heap) : NaN, synced: out(0), failed: out(1), executionId: ex.id };
}

async function quietRss(pid, ms = 5000) {
	const s = sampler(pid);
	await sleep(ms);
	return median((await s.stop()).map((x) => x.kb));
}

function check(sb, run, invalidIds) {
	const problems = [];
	const zc = sb.zoho.listRecords('Contacts');
	const byEmail = new Map();
	for (const c of zc) byEmail.set(String(c.Email).toLowerCase(), (byEmail.get(String(c.Email).toLowerCase()) || 0) + 1);
	let missing = 0;
	let dup = 0;
	let wrong = 0;
	for (let i = 0; i < RECORDS; i++) {
		const n = byEmail.get(`m${i}@bench-memory.test`) || 0;
		if (isInvalid(i)) {
			if (n > 0) wrong++;
		} else if (n === 0) missing++;
		else if (n > 1) dup++;
	}
	const accounts = sb.zoho.listRecords('Accounts');
	if (new Set(accounts.map((a) => a.Account_Name)).size !== accounts.length) problems.push('duplicate Zoho accounts');
	if (missing) problems.push(`${missing} valid contacts missing in Zoho`);
	if (dup) problems.push(`${dup} contacts duplicated in Zoho`);
	if (wrong) problems.push(`${wrong} invalid contacts written to Zoho`);
	const failedIds = new Set(run.failed.map((f) => String(f.recordId)));
	const unexpected = [...failedIds].filter((id) => !invalidIds.has(id));
	if (unexpected.length) problems.push(`${unexpected.length} unexpected failures, e.g. ${JSON.stringify(run.failed.find((f) => !invalidIds.has(String(f.recordId))))}`);
	const unreported = [...invalidIds].filter((id) => !failedIds.has(id));
	if (unreported.length) problems.push(`${unreported.length} invalid contacts not on the Failed output`);
	return problems;
}

/** RSS (MB) at 25, 50, 75 and 100% of the run's duration. */
function quarters(samples) {
	if (!samples.length) return [];
	const t0 = samples[0].at;
	const span = samples[samples.length - 1].at - t0;
	return [0.25, 0.5, 0.75, 1].map((q) => Math.round(mb(samples.find((x) => x.at - t0 >= q * span - 1).kb)));
}

function row(run, baselineKb, warmPeakKb, itemsOut) {
	return {
		run: run.label,
		seconds: Math.round(run.seconds),
		recordsPerSecond: Math.round(RECORDS / run.seconds),
		idleMb: Math.round(mb(baselineKb)),
		peakMb: Math.round(mb(run.peakKb)),
		growthOverIdleMb: Math.round(mb(run.peakKb - baselineKb)),
		growthOverWarmupMb: Math.round(mb(run.peakKb - warmPeakKb)),
		heapPeakMb: Math.round(run.heapPeakMb),
		quartersMb: quarters(run.samples),
		endMb: Math.round(mb(run.endKb)),
		outputItems: itemsOut,
		failedItems: run.failed.length,
	};
}

async function main() {
	const tarball = OPTS.tarball || (OPTS['no-build'] ? newestTarball() || n8n.packPackage() : n8n.packPackage());
	const sb = await startSandbox({ port: 0, smtp: { port: 0 }, hubspot: { tenSecondLimit: 1e9, dailyLimit: 1e12, searchPerSecond: 1e6, searchLagMs: 0 }, zoho: { searchLagMs: 0 } });
	let inst;
	const rows = [];
	let failures = [];
	let warmPeak = NaN;
	let warmHeap = NaN;
	try {
		say(`seeding ${RECORDS} HubSpot contacts and ${Math.max(1, Math.floor(RECORDS / 50))} companies`);
		const companies = Array.from({ length: Math.max(1, Math.floor(RECORDS / 50)) }, (_, i) => ({ properties: { name: `Memory Co ${i}`, domain: `memco${i}.bench-memory.test` }, createdAt: PAST, updatedAt: PAST + 3600_000 }));
		const companyIds = sb.hubspot.loadSeed({ companies }).companies;
		const warm = sb.hubspot.loadSeed({ contacts: Array.from({ length: WARMUP }, (_, i) => contactSeed(i, companyIds)) }).contacts;
		inst = await n8n.createInstance({ name: 'bench-memory', installMode: 'tarball', tarball, env: { N8N_LOG_LEVEL: 'warn', N8N_METRICS: 'true' } });
		const creds = await templateCredentials({ sandboxUrl: sb.url, n8nUrl: inst.url, smtpPort: sb.smtp.port, idPrefix: 'mem' });
		n8n.importCredentials(inst, creds);
		n8n.importWorkflows(inst, [TEMPLATE, PER_RECORD].map((wf) => ({ ...wf, active: false })));
		await n8n.start(inst);

		sb.zoho.loadSeed(zohoSeed(companies));
		say(`warm-up: ${WARMUP} contacts`);
		const warmup = await runOnce(inst, TEMPLATE, 'warm-up');
		warmPeak = warmup.peakKb;
		warmHeap = warmup.heapPeakMb;
		say(`warm-up peak RSS ${mb(warmup.peakKb).toFixed(0)} MB`);
		const rest = [];
		for (let i = WARMUP; i < RECORDS; i += 5000) {
			rest.push(...sb.hubspot.loadSeed({ contacts: Array.from({ length: Math.min(5000, RECORDS - i) }, (_, k) => contactSeed(i + k, companyIds)) }).contacts);
		}
		const contactIds = [...warm, ...rest].map(String);
		const invalidIds = new Set(contactIds.filter((_, i) => isInvalid(i)));
		const resetZoho = () => {
			sb.zoho.reset();
			sb.zoho.loadSeed(zohoSeed(companies));
		};

		resetZoho();
		const baseline = await quietRss(inst.pid);
		say(`baseline RSS ${mb(baseline).toFixed(0)} MB; measured run: ${RECORDS} contacts, summary output`);
		const full = await runOnce(inst, TEMPLATE, `reconcile ${RECORDS}, summary output`);
		failures = failures.concat(check(sb, full, invalidIds).map((p) => `${full.label}: ${p}`));
		rows.push(row(full, baseline, warmup.peakKb, full.synced.length));
		say(`summary: ${JSON.stringify(full.synced)}`);

		const repeatBase = await quietRss(inst.pid);
		const writesBefore = sb.zoho.writes.filter((w) => Array.isArray(w.ids) && w.ids.length > 0).length;
		const repeat = await runOnce(inst, TEMPLATE, `repeat (nothing changed), summary output`);
		const writesAfter = sb.zoho.writes.filter((w) => Array.isArray(w.ids) && w.ids.length > 0).length;
		if (writesAfter !== writesBefore) failures.push(`repeat run wrote ${writesAfter - writesBefore} times to Zoho`);
		rows.push(row(repeat, repeatBase, warmup.peakKb, repeat.synced.length));

		if (COMPARE) {
			resetZoho();
			const base2 = await quietRss(inst.pid);
			say(`comparison run: ${RECORDS} contacts, one item per record`);
			const per = await runOnce(inst, PER_RECORD, `reconcile ${RECORDS}, one item per record`);
			failures = failures.concat(check(sb, per, invalidIds).map((p) => `${per.label}: ${p}`));
			rows.push(row(per, base2, warmup.peakKb, per.synced.length));
		}
	} finally {
		if (inst) await n8n.stop(inst).catch(() => undefined);
		await sb.close();
	}
	const growth = rows[0] ? rows[0].growthOverWarmupMb : NaN;
	if (!(growth < TARGET_MB)) failures.push(`RSS growth over the 1,000-record run ${growth} MB is not under ${TARGET_MB} MB`);
	console.log(`\nBulk reconcile memory, n8n 2.41.1 regular mode, ${RECORDS} HubSpot contacts + ${Math.max(1, Math.floor(RECORDS / 50))} companies -> Zoho (sandbox), RSS of the n8n process`);
	console.log(`Same job over ${WARMUP} records first (warm-up): peak RSS ${Math.round(mb(warmPeak))} MB, peak V8 heap in use ${Math.round(warmHeap)} MB`);
	console.log('| Run | Time (s) | Records/s | RSS idle before (MB) | Peak RSS (MB) | Growth over idle (MB) | Growth over the 1,000-record run (MB) | RSS at 25/50/75/100% (MB) | Peak V8 heap in use (MB) | Synced items | Failed items |');
	console.log('|---|---|---|---|---|---|---|---|---|---|---|');
	for (const r of rows) console.log(`| ${r.run} | ${r.seconds} | ${r.recordsPerSecond} | ${r.idleMb} | ${r.peakMb} | ${r.growthOverIdleMb} | ${r.growthOverWarmupMb} | ${r.quartersMb.join(' / ')} | ${r.heapPeakMb} | ${r.outputItems} | ${r.failedItems} |`);
	console.log(`Target: growth over the 1,000-record run < ${TARGET_MB} MB for the summary run: ${failures.length ? 'FAIL' : 'PASS'}`);
	for (const f of failures) console.log(`- ${f}`);
	if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ records: RECORDS, warmupPeakMb: Math.round(mb(warmPeak)), warmupHeapPeakMb: Math.round(warmHeap), rows, failures }, null, 2));
	return failures.length ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
