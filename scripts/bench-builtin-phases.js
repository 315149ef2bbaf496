'use strict';
// The issue 13 rows of `npm run bench:builtin` (scripts/bench-builtin.js passes its helpers in h): concurrent small
// deliveries, single-event latency with the longest chain of sequential API calls (creation event only, and a new
// contact as delivered with the README's subscriptions), new contacts with creation +
// property-change subscriptions, and API calls per record by delivery size. Figures only, never asserts.

const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES || 15);

const percentile = (values, p) => {
	if (!values.length) return undefined;
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** 100 new contacts as 10 concurrent deliveries of 10 events: records/s and API calls per record. */
async function tenByTen(ctx, flow, h, tag) {
	const contacts = h.newContacts(ctx.sb, 100, `${tag}c`);
	const seen = process.env.BENCH_TRACE ? await h.seenExecutions(ctx, flow) : undefined;
	const before = new Map(ctx.sb.core.counts);
	const logMark = ctx.sb.core.log.length;
	const sentAt = Date.now();
	const r = await h.runDeliveries(ctx, flow, contacts, h.chunk(h.creationEvents(ctx.sb, contacts), 10));
	const byRoute = [...ctx.sb.core.counts].map(([k, v]) => [k, v - (before.get(k) || 0)]).filter(([, n]) => n > 0);
	h.log(`  10 x 10: ${r.converged}/100 converged in ${(r.ms / 1000).toFixed(2)} s, ${r.calls} API calls (${byRoute.map(([k, n]) => `${k} ${n}`).join('; ')})`);
	if (process.env.BENCH_TRACE) {
		traceCalls(ctx.sb.core.log.slice(logMark), h, sentAt);
		await h.settle(ctx, flow);
		const runs = (await h.executionsOf(ctx.inst, flow.workflow.id)).filter((e) => !seen.has(String(e.id)));
		const at = (v) => (v ? Date.parse(v) - sentAt : '-');
		h.log(`    executions (started/stopped ms after sending): ${runs.map((e) => `${at(e.startedAt)}/${at(e.stoppedAt)}`).join(' ')}`);
	}
	return { tenByTenRecordsPerSecond: (r.converged / r.ms) * 1000, tenByTenCallsPerRecord: r.calls / 100, tenByTenConverged: r.converged };
}

/** BENCH_TRACE=1: each API call of a phase as "+ms route", to see how calls of one kind spread over time. */
function traceCalls(entries, h, sentAt) {
	const calls = entries.filter((e) => e.system && e.route);
	const t0 = calls.length ? calls[0].at : 0;
	h.log(`    first API call ${t0 - sentAt} ms after the deliveries were sent`);
	for (const e of calls) h.log(`    +${String(e.at - t0).padStart(5)} ms ${e.method} ${e.route}`);
}

/**
 * The most API calls that ran one after another (each starting after the previous one answered) among the calls the
 * sandbox logged for one event: greedy interval scheduling over [at, at + latency]. Only meaningful with latency > 0.
 */
function longestChain(entries, latencyMs) {
	const spans = entries.filter((e) => e.system && e.route).map((e) => ({ start: e.at, end: e.at + latencyMs })).sort((a, b) => a.end - b.end);
	let chain = 0;
	let lastEnd = -Infinity;
	for (const s of spans) {
		if (s.start >= lastEnd - 5) {
			chain++;
			lastEnd = s.end;
		}
	}
	return chain;
}

/**
 * LATENCY_SAMPLES sequential samples: `prepare(i)` sets a sample up untimed, `send(prepared)` is timed and returns the
 * contacts to wait for; each runs until Zoho holds them (polled every 5 ms), then the flow settles. p50, p99 and the
 * longest chain of API calls made one after another (from the sandbox log).
 */
async function latencySamples(ctx, flow, h, latencyMs, what, { prepare, send }) {
	const samples = [];
	const chains = [];
	for (let i = 0; i < LATENCY_SAMPLES; i++) {
		const prepared = prepare(i);
		const logMark = ctx.sb.core.log.length;
		const t0 = Date.now();
		const contacts = await send(prepared);
		while (h.convergence(ctx.sb, contacts).converged < contacts.length && Date.now() - t0 < 30000) await h.sleep(5);
		samples.push(Date.now() - t0);
		await h.settle(ctx, flow);
		chains.push(longestChain(ctx.sb.core.log.slice(logMark), latencyMs));
		if (process.env.BENCH_TRACE) {
			h.log(`    ${what}, sample ${i}: converged ${samples[i]} ms`);
			traceCalls(ctx.sb.core.log.slice(logMark), h, t0);
		}
	}
	return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length, chain: latencyMs > 0 ? Math.max(...chains) : undefined };
}

/** One new contact, one delivery of its creation event, from the POST until Zoho holds it. */
async function singleEventLatency(ctx, flow, h, tag, latencyMs) {
	const r = await latencySamples(ctx, flow, h, latencyMs, 'single event', {
		prepare: (i) => h.newContacts(ctx.sb, 1, `${tag}l${i}`),
		send: async (one) => (await h.deliver(ctx.sb, flow.url, h.creationEvents(ctx.sb, one)), one),
	});
	const out = { latencyP50: r.p50, latencyP99: r.p99, latencySamples: r.samples, longestChain: r.chain };
	h.log(`  single event: p50 ${out.latencyP50} ms, p99 ${out.latencyP99} ms (${r.samples} samples), longest chain ${out.longestChain ?? 'n/a'} calls`);
	return out;
}

/**
 * One new contact as HubSpot delivers it with the README's subscriptions: the sandbox's own webhook (creation and a
 * property change for each property set at creation, email among them, in one signed delivery), from the moment the
 * contact is created until Zoho holds it. Ours only: a built-in flow subscribes to creations (the single-event rows).
 */
async function singleAsDelivered(ctx, flow, h, tag, latencyMs) {
	if (!flow.ours) return {};
	const { sb } = ctx;
	sb.hubspot.setWebhookTarget(flow.url, { clientSecret: sb.hubspot.clientSecret });
	let r;
	try {
		r = await latencySamples(ctx, flow, h, latencyMs, 'as delivered', {
			prepare: (i) => i,
			send: async (i) => {
				const one = h.newContacts(sb, 1, `${tag}s${i}`);
				await sb.hubspot.flushWebhooks();
				return one;
			},
		});
	} finally {
		sb.hubspot.setWebhookTarget(null);
	}
	const out = { deliveredP50: r.p50, deliveredP99: r.p99, deliveredChain: r.chain };
	h.log(`  single new contact as delivered with the README's subscriptions: p50 ${out.deliveredP50} ms, p99 ${out.deliveredP99} ms, longest chain ${out.deliveredChain ?? 'n/a'} calls`);
	return out;
}

/**
 * 100 new contacts with the README's subscriptions: the sandbox's own webhooks (no API subscriptions = creation and
 * every property change, here email, firstname, lastname and phone, each set at creation: 5 events a contact), batched
 * and signed by the sandbox as HubSpot does, sent to this flow's URL.
 */
async function newWithPropertyChanges(ctx, flow, h, tag) {
	const { sb } = ctx;
	const seen = await h.seenExecutions(ctx, flow);
	const callsBefore = sb.core.totalCalls();
	sb.hubspot.setWebhookTarget(flow.url, { clientSecret: sb.hubspot.clientSecret });
	const t0 = Date.now();
	const logMark = sb.core.log.length;
	let contacts;
	let deliveries;
	try {
		const mark = sb.hubspot.deliveries.length;
		contacts = h.newContacts(sb, 100, `${tag}p`);
		await sb.hubspot.flushWebhooks();
		deliveries = sb.hubspot.deliveries.slice(mark);
	} finally {
		sb.hubspot.setWebhookTarget(null);
	}
	const r = await h.waitPhase(ctx, flow, contacts, { t0, seenExec: seen, minExecutions: deliveries.length });
	const calls = sb.core.totalCalls() - callsBefore;
	if (process.env.BENCH_TRACE) traceCalls(sb.core.log.slice(logMark), h, t0);
	const events = deliveries.reduce((n, d) => n + d.eventCount, 0);
	h.log(`  100 new contacts with property-change events: ${events} events in ${deliveries.length} deliveries, ${r.converged}/100 converged, ${calls} API calls`);
	return { newPcCallsPerRecord: calls / 100, newPcConverged: r.converged, newPcEvents: events, newPcDeliveries: deliveries.length };
}

/** API calls per record for one delivery of 1 (5 in a row, averaged), of 10 and of 100 new contacts. */
async function callsByBatchSize(ctx, flow, h, tag) {
	const out = {};
	for (const [size, rounds] of [[1, 5], [10, 1], [100, 1]]) {
		let calls = 0;
		let converged = 0;
		for (let i = 0; i < rounds; i++) {
			const contacts = h.newContacts(ctx.sb, size, `${tag}b${size}x${i}`);
			const r = await h.runDeliveries(ctx, flow, contacts, [h.creationEvents(ctx.sb, contacts)]);
			await h.settle(ctx, flow);
			calls += r.calls;
			converged += r.converged;
		}
		out[`batch${size}CallsPerRecord`] = calls / (size * rounds);
		h.log(`  delivery of ${size}: ${(calls / (size * rounds)).toFixed(3)} calls/record (${converged}/${size * rounds} converged)`);
	}
	return out;
}

async function issue13Phases(ctx, flow, h, latencyMs) {
	const tag = `${flow.key}${latencyMs}i13`;
	h.log(`${flow.key} @+${latencyMs} ms: issue 13 rows`);
	return {
		...(await tenByTen(ctx, flow, h, tag)),
		...(await singleEventLatency(ctx, flow, h, tag, latencyMs)),
		...(await singleAsDelivered(ctx, flow, h, tag, latencyMs)),
		...(await newWithPropertyChanges(ctx, flow, h, tag)),
		...(await callsByBatchSize(ctx, flow, h, tag)),
	};
}

/** Table rows: [label, getter, decimals, 'higher' | 'lower' is better]. */
const ISSUE13_ROWS = [
	['Records per second, 100 records as 10 concurrent deliveries of 10', (r) => r.tenByTenRecordsPerSecond, 1, 'higher'],
	['API calls per record, 10 concurrent deliveries of 10', (r) => r.tenByTenCallsPerRecord, 3, 'lower'],
	[`Single event end-to-end latency p50, ms (${LATENCY_SAMPLES} in a row)`, (r) => r.latencyP50, 0, 'lower'],
	[`Single event end-to-end latency p99, ms (${LATENCY_SAMPLES} in a row)`, (r) => r.latencyP99, 0, 'lower'],
	['Longest chain of sequential API calls, single event', (r) => r.longestChain, 0, 'lower'],
	[`Single new contact as delivered with the README's subscriptions (creation + property changes in one delivery), p50 ms (ours only)`, (r) => r.deliveredP50, 0, 'lower'],
	[`Same, p99 ms`, (r) => r.deliveredP99, 0, 'lower'],
	['Same, longest chain of sequential API calls', (r) => r.deliveredChain, 0, 'lower'],
	['API calls per record, 100 new contacts with creation + property-change events', (r) => r.newPcCallsPerRecord, 3, 'lower'],
	['API calls per record, deliveries of 1', (r) => r.batch1CallsPerRecord, 3, 'lower'],
	['API calls per record, one delivery of 10', (r) => r.batch10CallsPerRecord, 3, 'lower'],
	['API calls per record, one delivery of 100', (r) => r.batch100CallsPerRecord, 3, 'lower'],
];

module.exports = { issue13Phases, ISSUE13_ROWS, longestChain, percentile };
