/**
 * A back-off gate for registering a webhook with a CRM on activation. n8n 2.41 tries a failing
 * webhookMethods.default.create five times within 15 s (its classic activation path: again and again with a doubling
 * delay; docs/webhook-delivery.md). Without a gate each of those attempts calls the CRM, however often it already
 * said "rate limited" or "broken". With it, a failed registration is not tried again before the CRM's Retry-After, or
 * else `baseMs` doubling per consecutive failure up to `maxMs`; attempts in between fail at once with the last
 * reason. Keyed per trigger (workflow id + node id); process memory, at most `maxEntries` triggers. Clock injected.
 */
export interface BackoffOptions {
	/** Wait after the first failure when the CRM gives no Retry-After. Default 20 s (longer than n8n's 15 s burst). */
	baseMs?: number;
	/** Longest wait. Default one hour. */
	maxMs?: number;
	maxEntries?: number;
}

export interface Blocked {
	/** Epoch ms before which no call is made. */
	until: number;
	/** The message of the failure that set the gate. */
	reason: string;
}

interface Entry extends Blocked {
	failures: number;
}

export class RegistrationBackoff {
	private readonly entries = new Map<string, Entry>();
	private readonly baseMs: number;
	private readonly maxMs: number;
	private readonly maxEntries: number;

	constructor(options: BackoffOptions = {}) {
		this.baseMs = options.baseMs ?? 20_000;
		this.maxMs = options.maxMs ?? 3_600_000;
		this.maxEntries = options.maxEntries ?? 100;
	}

	/** The gate for `key`, when a call must not be made yet. */
	blocked(key: string, now: number): Blocked | undefined {
		const e = this.entries.get(key);
		return e && now < e.until ? { until: e.until, reason: e.reason } : undefined;
	}

	/** Records a failure; returns when the next call may be made. `retryAfterMs` (the CRM's Retry-After) wins. */
	failed(key: string, now: number, reason: string, retryAfterMs?: number): number {
		const failures = (this.entries.get(key)?.failures ?? 0) + 1;
		const backoff = Math.min(this.maxMs, this.baseMs * 2 ** (failures - 1));
		const wait = retryAfterMs !== undefined && retryAfterMs >= 0 ? Math.min(this.maxMs, retryAfterMs) : backoff;
		this.entries.delete(key);
		this.entries.set(key, { failures, until: now + wait, reason });
		for (const oldest of this.entries.keys()) {
			if (this.entries.size <= this.maxEntries) break;
			this.entries.delete(oldest);
		}
		return now + wait;
	}

	succeeded(key: string): void {
		this.entries.delete(key);
	}
}
