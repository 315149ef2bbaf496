'use strict';
// The load test's printed report and its percentiles.

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

function printReport(r) {
	const l = [];
	l.push('');
	l.push(`Load test: ${r.setup}`);
	l.push(`  ${r.events} planned events${r.faults ? ', faults: 10% 429 + 10% 5xx + 5% timeouts on every API call, OAuth tokens expired every 3 s' : ', no faults'}; seed ${r.seed}`);
	if (!r.records) {
		l.push('  (did not finish)');
		process.stdout.write(l.join('\n') + '\n');
		return;
	}
	const u = r.userOperations;
	const d = r.eventsDelivered;
	l.push(`  operations: ${u.hubspotCreates} HubSpot contact creations (${u.invalid} invalid), ${u.companies} company creations, ${u.hubspotEdits} HubSpot edits, ${u.zohoEdits} Zoho edits; ${u.sharedRecordsEditedOnBothSides} records edited on both sides`);
	l.push(`  webhook events: ${d.hubspotFirstDeliveries} HubSpot + ${d.zohoNotifications} Zoho (incl. the echoes of our own writes) + ${d.duplicatesResent.hubspot + d.duplicatesResent.zoho} duplicates re-sent`);
	l.push(`  webhook attempts that failed (timeout/refused; the CRM retried): HubSpot ${r.webhookOverload.hubspotDeliveryAttemptsFailed}, Zoho ${r.webhookOverload.zohoNotificationAttemptsFailed}; genuine ones refused as unauthenticated (401): HubSpot ${r.genuineRefused.hubspot}, Zoho ${r.genuineRefused.zoho}`);
	l.push(`  executions: ${r.executions.total} ${JSON.stringify(r.executions.byStatus)} (${r.executions.orphanedByN8n} left at "new" by n8n after a failed enqueue); API calls ${r.apiCalls.total}; 429s not injected (of our own making): HubSpot ${r.apiCalls.ownRateLimited.hubspot}, Zoho ${r.apiCalls.ownRateLimited.zoho}`);
	const tr = r.apiCalls.tokenRefreshes;
	if (tr) l.push(`  Zoho token refreshes by n8n: ${tr.total} (${tr.unanswered} never answered, ${tr.refused} refused with 429/5xx)`);
	l.push(`  throughput: ${r.throughput.eventsPerSecond} events/s, ${r.throughput.recordsPerSecond} records/s over ${r.durationSeconds} s (first change to last execution)`);
	l.push(`  end-to-end latency (CRM event -> sync execution finished): p50 ${r.latencyMs.p50} ms, p90 ${r.latencyMs.p90} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms (${r.latencyMs.samples} events)`);
	const x = r.result;
	l.push(`  records: ${r.records}; converged ${x.converged}; lost ${x.lostCount}; duplicates ${x.duplicateCount}; failed and reported ${x.reportedNotConvergedCount}; invalid reported ${x.invalidReported}/${u.invalid}; failure emails ${r.failureEmails} (${r.failureEmailsFile})`);
	for (const [k, v] of Object.entries({ lost: x.lost, duplicates: x.duplicates, reported: x.reportedNotConverged, invalidNotReported: x.invalidNotReported, unexpectedFailures: x.unexpectedFailures })) {
		if (v.length) l.push(`    ${k}: ${v.slice(0, 5).join(' | ')}`);
	}
	if (r.security) l.push(`  forged/replayed/stale webhooks: ${r.security.sent} sent, answered ${JSON.stringify(r.security.answered)}, executions started ${r.security.executionsStarted}`);
	l.push(`  secret scan (execution data, n8n logs, emails): ${r.leaks.length ? r.leaks.slice(0, 5).join('; ') : 'no token or client secret found'}`);
	l.push(r.pass ? 'LOAD PASS' : `LOAD FAIL: ${r.failures.join('; ')}`);
	process.stdout.write(l.join('\n') + '\n');
}

module.exports = { printReport, pct };
