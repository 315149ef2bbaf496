import { headerValue, parseRetryAfter } from './retry-after';
import type { HttpResponse, Now, Sleep } from './types';

/**
 * A rate budget that follows what the server reports instead of counting alone. HubSpot's limit is per app, shared by
 * every process (queue-mode workers) and every other tool using the app, and each response says how much of the
 * rolling window is left (X-HubSpot-RateLimit-Max / -Remaining / -Interval-Milliseconds, daily -Daily /
 * -Daily-Remaining: https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines). Each process
 * paces itself by that, with no shared store:
 * - the app's usage is never taken past `share` x the limit by our calls (what others used is read from the headers);
 * - what other processes have in flight cannot be seen, so a process keeps at most half of the budget it sees free in
 *   flight (and at most `maxInFlight`): two processes deciding at the same instant together take no more than is free;
 * - with no recent report (start, idle for a window, or endpoints without the headers) one call goes first as a probe;
 * - when the window is used up, it waits for its own calls or the reported window to roll;
 * - a call still unanswered after `slowCallMs` stays counted as spent in the window but no longer blocks the in-flight
 *   cap or the probe after a 429: a call hanging until its timeout must not stall the whole process.
 */
export interface RateBudgetOptions {
	now: Now;
	sleep: Sleep;
	/** 0 < share <= 1: the part of the app's limit our calls may bring its usage to. Default 0.9. */
	share?: number;
	/** Limit and window assumed until a response reports them. Default 100 per 10 000 ms. */
	limit?: number;
	windowMs?: number;
	/** Calls of this process in flight at once. Default 5. */
	maxInFlight?: number;
	/** After this long an unanswered call no longer counts against the in-flight cap. Default 5 000 ms. */
	slowCallMs?: number;
	/** Header names; default HubSpot's. */
	headers?: Partial<RateHeaderNames>;
}

export interface RateHeaderNames {
	max: string;
	remaining: string;
	intervalMs: string;
	daily: string;
	dailyRemaining: string;
}

const HUBSPOT_HEADERS: RateHeaderNames = {
	max: 'x-hubspot-ratelimit-max',
	remaining: 'x-hubspot-ratelimit-remaining',
	intervalMs: 'x-hubspot-ratelimit-interval-milliseconds',
	daily: 'x-hubspot-ratelimit-daily',
	dailyRemaining: 'x-hubspot-ratelimit-daily-remaining',
};

/** One taken slot: `start` when a reserved slot is used later, `finish` with the response (or none on failure). */
export interface RateSlot {
	start(): void;
	finish(response?: Pick<HttpResponse, 'headers' | 'statusCode'>): void;
}

export interface RateBudgetStatus {
	limit: number;
	windowMs: number;
	/** Last reported, undefined until a response carried it. */
	remaining?: number;
	dailyLimit?: number;
	dailyRemaining?: number;
	inFlight: number;
}

export interface RateBudget {
	/** Waits until one more call fits. `holdMs`: a reservation, released by itself if not started within that time. */
	acquire(options?: { holdMs?: number }): Promise<RateSlot>;
	status(): RateBudgetStatus;
}

/** Thrown when the daily budget left is what `share` keeps for other tools: waiting for midnight is no option. */
export class RateBudgetError extends Error {
	readonly kind = 'RateBudgetError';
	constructor(message: string) {
		super(message);
		this.name = 'RateBudgetError';
	}
}

export const isRateBudgetError = (e: unknown): e is RateBudgetError =>
	typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'RateBudgetError';

interface Ticket {
	takenAt: number;
	/** The slot counts as in flight until finished or until this instant (a lost slot cannot block for ever). */
	until: number;
	finished: boolean;
	/** Answered: the server counted it. */
	answered: boolean;
	/** A reservation not started yet: it lapses at `until`. */
	held: boolean;
}

interface Observation {
	at: number;
	/** Used in the window by everyone else, as far as the report and our own answered calls tell. */
	others: number;
	/** From a 429's Retry-After. */
	retryAt?: number;
}

const IN_FLIGHT_TTL_MS = 90_000;

function intHeader(headers: HttpResponse['headers'], name: string): number | undefined {
	const v = headerValue(headers, name);
	if (v === undefined || !/^\d+$/.test(v.trim())) return undefined;
	return Number(v.trim());
}

export function createRateBudget(options: RateBudgetOptions): RateBudget {
	const { now, sleep } = options;
	const share = Math.min(1, Math.max(0.01, options.share ?? 0.9));
	const maxInFlight = Math.max(1, options.maxInFlight ?? 5);
	const slowCallMs = Math.max(1, options.slowCallMs ?? 5_000);
	const names = { ...HUBSPOT_HEADERS, ...options.headers };
	let limit = options.limit ?? 100;
	let windowMs = options.windowMs ?? 10_000;
	let remaining: number | undefined;
	let daily: { limit: number; remaining: number; at: number } | undefined;
	let obs: Observation | undefined;
	let tickets: Ticket[] = [];
	let wake: () => void = () => undefined;
	let changed = new Promise<void>((resolve) => (wake = resolve));
	const signal = () => {
		wake();
		changed = new Promise<void>((resolve) => (wake = resolve));
	};
	let chain: Promise<unknown> = Promise.resolve();

	const inFlight = (t: number) => tickets.filter((k) => !k.finished && t < k.until);
	/** In flight and not yet slow: what the cap counts. A reservation not started counts until it lapses. */
	const pending = (t: number) => inFlight(t).filter((k) => k.held || t < k.takenAt + slowCallMs);
	// The epsilon keeps 100 x 0.9 from flooring to 89 (floating point).
	const shareOf = (n: number) => Math.floor(n * share + 1e-9);
	const target = () => Math.max(1, shareOf(limit));

	function observe({ headers, statusCode }: Pick<HttpResponse, 'headers' | 'statusCode'>) {
		const t = now();
		const max = intHeader(headers, names.max);
		const left = intHeader(headers, names.remaining);
		const interval = intHeader(headers, names.intervalMs);
		if (interval !== undefined && interval > 0) windowMs = interval;
		if (max !== undefined && max > 0) limit = max;
		if (left !== undefined) {
			remaining = left;
			// Our answered calls in the window were counted by the server; the rest of its count is someone else's.
			const ours = tickets.filter((k) => k.answered && k.takenAt > t - windowMs).length;
			obs = { at: t, others: Math.max(0, limit - left - ours) };
			const retryAfter = statusCode === 429 ? parseRetryAfter(headerValue(headers, 'retry-after'), t) : undefined;
			if (retryAfter !== undefined) obs.retryAt = t + retryAfter;
		}
		const dailyLimit = intHeader(headers, names.daily);
		const dailyLeft = intHeader(headers, names.dailyRemaining);
		if (dailyLimit !== undefined && dailyLeft !== undefined) daily = { limit: dailyLimit, remaining: dailyLeft, at: t };
	}

	/** ms to wait (0: take it now). */
	function waitFor(t: number): number {
		tickets = tickets.filter((k) => k.takenAt > t - windowMs || (!k.finished && t < k.until));
		if (daily) {
			const spentSince = tickets.filter((k) => k.takenAt > daily!.at).length;
			const keep = daily.limit - shareOf(daily.limit);
			if (daily.remaining - spentSince <= keep) {
				throw new RateBudgetError(
					`Daily API limit: ${Math.max(0, daily.remaining - spentSince)} of ${daily.limit} calls left today, ` +
						`and ${keep} are kept for other tools (using at most ${Math.round(share * 100)}% of the limit)`,
				);
			}
		}
		const flying = pending(t);
		const ownInWindow = tickets.filter((k) => k.takenAt > t - windowMs).length;
		const age = obs ? t - obs.at : Infinity;
		const fresh = age < windowMs;
		const others = fresh ? obs!.others : 0;
		const free = target() - others - ownInWindow;
		// Calls in flight end with finish(), which wakes the waiter; a reservation not yet used needs a timer,
		// and a call turning slow frees its place in the cap.
		const nextUntil = flying.length ? Math.min(...flying.map((k) => (k.held ? k.until : k.takenAt + slowCallMs))) - t : Infinity;
		// In flight: at most half of what was free before they went out (others may be deciding on the same report),
		// and with nothing recent reported one probe at a time until a response tells where the window stands.
		const cap = free < 1 ? 0 : fresh ? Math.min(maxInFlight, Math.max(1, Math.floor((free + flying.length) / 2))) : 1;
		if (flying.length < cap) return 0;
		if (free >= 1) return Math.max(1, nextUntil);
		// Used up as last reported. A 429's Retry-After is the server's own word on when to ask again: one probe (with
		// nothing else of ours in flight) goes then, and its answer is a fresh report either way.
		const retryAt = obs?.retryAt !== undefined ? obs.retryAt - t : Infinity;
		if (flying.length === 0 && retryAt <= 0) return 0;
		const oldest = tickets.find((k) => k.takenAt > t - windowMs);
		const ownRoll = oldest ? oldest.takenAt + windowMs - t + 1 : Infinity;
		const reportRoll = fresh ? obs!.at + windowMs - t + 1 : Infinity;
		return Math.max(1, Math.ceil(Math.min(ownRoll, reportRoll, nextUntil, flying.length === 0 ? retryAt : Infinity)));
	}

	async function take(holdMs: number | undefined): Promise<RateSlot> {
		for (;;) {
			const t = now();
			const ms = waitFor(t);
			if (ms === 0) break;
			// A finished call may free a slot or bring a new report before the time is up; waiting only for calls in
			// flight needs no timer.
			await (Number.isFinite(ms) ? Promise.race([changed, sleep(ms)]) : changed);
		}
		const t = now();
		const ticket: Ticket = { takenAt: t, until: t + (holdMs ?? IN_FLIGHT_TTL_MS), finished: false, answered: false, held: holdMs !== undefined };
		tickets.push(ticket);
		return {
			start() {
				const s = now();
				ticket.takenAt = s;
				ticket.until = s + IN_FLIGHT_TTL_MS;
				ticket.held = false;
			},
			finish(response) {
				if (ticket.finished) return;
				ticket.finished = true;
				if (response) {
					// HubSpot does not count a call it refused with 429 in the window.
					ticket.answered = response.statusCode !== 429;
					observe(response);
				}
				signal();
			},
		};
	}

	return {
		acquire(opts = {}) {
			// Served in arrival order: only the head of the queue waits on the clock.
			const next = chain.then(() => take(opts.holdMs));
			chain = next.catch(() => undefined);
			return next;
		},
		status() {
			return {
				limit,
				windowMs,
				remaining,
				dailyLimit: daily?.limit,
				dailyRemaining: daily?.remaining,
				inFlight: inFlight(now()).length,
			};
		},
	};
}
