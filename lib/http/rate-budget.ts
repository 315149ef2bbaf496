import { RateBudgetError, inFlight, observe, waitFor, type BudgetState, type RateHeaderNames, type Ticket } from './rate-budget-state';
import type { HttpResponse, Now, Sleep } from './types';

export { RateBudgetError, type RateHeaderNames };

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

export const isRateBudgetError = (e: unknown): e is RateBudgetError =>
	typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'RateBudgetError';

const IN_FLIGHT_TTL_MS = 90_000;

function slotOf(st: BudgetState, ticket: Ticket, now: Now, signal: () => void): RateSlot {
	return {
		start() {
			const s = now();
			ticket.takenAt = s;
			ticket.until = s + IN_FLIGHT_TTL_MS;
			ticket.held = false;
			// started after it lapsed and was dropped: it is sent now, so it counts again
			if (!st.tickets.includes(ticket)) st.tickets.push(ticket);
		},
		finish(response) {
			if (ticket.finished) return;
			ticket.finished = true;
			if (response) {
				// HubSpot does not count a call it refused with 429 in the window.
				ticket.answered = response.statusCode !== 429;
				observe(st, response, now());
			}
			signal();
		},
	};
}

export function createRateBudget(options: RateBudgetOptions): RateBudget {
	const { now, sleep } = options;
	const st: BudgetState = {
		share: Math.min(1, Math.max(0.01, options.share ?? 0.9)),
		maxInFlight: Math.max(1, options.maxInFlight ?? 5),
		slowCallMs: Math.max(1, options.slowCallMs ?? 5_000),
		names: { ...HUBSPOT_HEADERS, ...options.headers },
		limit: options.limit ?? 100,
		windowMs: options.windowMs ?? 10_000,
		tickets: [],
	};
	let wake: () => void = () => undefined;
	let changed = new Promise<void>((resolve) => (wake = resolve));
	const signal = () => {
		wake();
		changed = new Promise<void>((resolve) => (wake = resolve));
	};
	let chain: Promise<unknown> = Promise.resolve();

	async function take(holdMs: number | undefined): Promise<RateSlot> {
		for (;;) {
			const ms = waitFor(st, now());
			if (ms === 0) break;
			// A finished call may free a slot or bring a new report before the time is up; waiting only for calls in
			// flight needs no timer.
			await (Number.isFinite(ms) ? Promise.race([changed, sleep(ms)]) : changed);
		}
		const t = now();
		const ticket: Ticket = { takenAt: t, until: t + (holdMs ?? IN_FLIGHT_TTL_MS), finished: false, answered: false, held: holdMs !== undefined };
		st.tickets.push(ticket);
		return slotOf(st, ticket, now, signal);
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
				limit: st.limit,
				windowMs: st.windowMs,
				remaining: st.remaining,
				dailyLimit: st.daily?.limit,
				dailyRemaining: st.daily?.remaining,
				inFlight: inFlight(st, now()).length,
			};
		},
	};
}
