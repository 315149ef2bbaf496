import { headerValue, parseRetryAfter } from './retry-after';
import type { HttpResponse } from './types';

/** The bookkeeping behind createRateBudget (lib/http/rate-budget.ts): what was reported, what we have out. */
export interface RateHeaderNames {
	max: string;
	remaining: string;
	intervalMs: string;
	daily: string;
	dailyRemaining: string;
}

export interface Ticket {
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

export interface BudgetState {
	readonly share: number;
	readonly maxInFlight: number;
	readonly slowCallMs: number;
	readonly names: RateHeaderNames;
	limit: number;
	windowMs: number;
	remaining?: number;
	daily?: { limit: number; remaining: number; at: number };
	obs?: Observation;
	tickets: Ticket[];
}

/** Thrown when the daily budget left is what `share` keeps for other tools: waiting for midnight is no option. */
export class RateBudgetError extends Error {
	readonly kind = 'RateBudgetError';
	constructor(message: string) {
		super(message);
		this.name = 'RateBudgetError';
	}
}

function intHeader(headers: HttpResponse['headers'], name: string): number | undefined {
	const v = headerValue(headers, name);
	if (v === undefined || !/^\d+$/.test(v.trim())) return undefined;
	return Number(v.trim());
}

// The epsilon keeps 100 x 0.9 from flooring to 89 (floating point).
const shareOf = (st: BudgetState, n: number) => Math.floor(n * st.share + 1e-9);

export const inFlight = (st: BudgetState, t: number) => st.tickets.filter((k) => !k.finished && t < k.until);
/** In flight and not yet slow: what the cap counts. A reservation not started counts until it lapses. */
const pending = (st: BudgetState, t: number) => inFlight(st, t).filter((k) => k.held || t < k.takenAt + st.slowCallMs);

/** Takes in what a response reports about the window (and the day). */
export function observe(st: BudgetState, { headers, statusCode }: Pick<HttpResponse, 'headers' | 'statusCode'>, t: number): void {
	const max = intHeader(headers, st.names.max);
	const left = intHeader(headers, st.names.remaining);
	const interval = intHeader(headers, st.names.intervalMs);
	if (interval !== undefined && interval > 0) st.windowMs = interval;
	if (max !== undefined && max > 0) st.limit = max;
	if (left !== undefined) {
		st.remaining = left;
		// Our answered calls in the window were counted by the server; the rest of its count is someone else's.
		const ours = st.tickets.filter((k) => k.answered && k.takenAt > t - st.windowMs).length;
		st.obs = { at: t, others: Math.max(0, st.limit - left - ours) };
		const retryAfter = statusCode === 429 ? parseRetryAfter(headerValue(headers, 'retry-after'), t) : undefined;
		if (retryAfter !== undefined) st.obs.retryAt = t + retryAfter;
	}
	const dailyLimit = intHeader(headers, st.names.daily);
	const dailyLeft = intHeader(headers, st.names.dailyRemaining);
	if (dailyLimit !== undefined && dailyLeft !== undefined) st.daily = { limit: dailyLimit, remaining: dailyLeft, at: t };
}

function checkDaily(st: BudgetState): void {
	const daily = st.daily;
	if (!daily) return;
	const spentSince = st.tickets.filter((k) => k.takenAt > daily.at).length;
	const keep = daily.limit - shareOf(st, daily.limit);
	if (daily.remaining - spentSince <= keep) {
		throw new RateBudgetError(
			`Daily API limit: ${Math.max(0, daily.remaining - spentSince)} of ${daily.limit} calls left today, ` +
				`and ${keep} are kept for other tools (using at most ${Math.round(st.share * 100)}% of the limit)`,
		);
	}
}

/** ms to wait before one more call (0: take it now). Throws RateBudgetError when the day's share is spent. */
export function waitFor(st: BudgetState, t: number): number {
	// A reservation that lapsed unused was never sent, so the server never counted it: it stops counting here too (it
	// used to stay spent for the whole window, and reservations lapse most when the budget is busiest).
	st.tickets = st.tickets.filter((k) => !(k.held && t >= k.until) && (k.takenAt > t - st.windowMs || (!k.finished && t < k.until)));
	checkDaily(st);
	const flying = pending(st, t);
	const ownInWindow = st.tickets.filter((k) => k.takenAt > t - st.windowMs).length;
	const fresh = st.obs !== undefined && t - st.obs.at < st.windowMs;
	const others = fresh ? st.obs!.others : 0;
	const free = Math.max(1, shareOf(st, st.limit)) - others - ownInWindow;
	// Calls in flight end with finish(), which wakes the waiter; a reservation not yet used needs a timer, and a call
	// turning slow frees its place in the cap.
	const nextUntil = flying.length ? Math.min(...flying.map((k) => (k.held ? k.until : k.takenAt + st.slowCallMs))) - t : Infinity;
	// In flight: at most half of what was free before they went out (others may be deciding on the same report),
	// and with nothing recent reported one probe at a time until a response tells where the window stands.
	const cap = free < 1 ? 0 : fresh ? Math.min(st.maxInFlight, Math.max(1, Math.floor((free + flying.length) / 2))) : 1;
	if (flying.length < cap) return 0;
	if (free >= 1) return Math.max(1, nextUntil);
	// Used up as last reported. A 429's Retry-After is the server's own word on when to ask again: one probe (with
	// nothing else of ours in flight) goes then, and its answer is a fresh report either way.
	const retryAt = st.obs?.retryAt !== undefined ? st.obs.retryAt - t : Infinity;
	if (flying.length === 0 && retryAt <= 0) return 0;
	const oldest = st.tickets.find((k) => k.takenAt > t - st.windowMs);
	const ownRoll = oldest ? oldest.takenAt + st.windowMs - t + 1 : Infinity;
	const reportRoll = fresh ? st.obs!.at + st.windowMs - t + 1 : Infinity;
	return Math.max(1, Math.ceil(Math.min(ownRoll, reportRoll, nextUntil, flying.length === 0 ? retryAt : Infinity)));
}
