/**
 * Which failures are repeated, and after how long. A request is repeated only when doing it twice is
 * harmless: a 429 always (Amazon did nothing), 5xx and broken connections only for operations that
 * are safe to repeat. Writes that may have taken effect are never repeated automatically.
 */

export interface RetryPolicy {
	readonly max429Retries: number;
	/** Total time spent waiting on 429s before giving up. */
	readonly max429WaitMs: number;
	readonly maxTransientRetries: number;
	readonly baseDelayMs: number;
	readonly maxDelayMs: number;
	/** Shortest pause before repeating after a 5xx or a broken connection (default 100 ms). */
	readonly minDelayMs?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	max429Retries: 8,
	max429WaitMs: 10 * 60_000,
	maxTransientRetries: 3,
	baseDelayMs: 1000,
	maxDelayMs: 60_000,
	minDelayMs: 100,
};

export type RetryableOutcome =
	| { readonly kind: 'throttled' }
	| { readonly kind: 'serverError'; readonly status: number }
	| { readonly kind: 'network'; readonly failure: 'timeout' | 'reset' | 'unreachable' | 'aborted' };

export interface RetryState {
	throttledRetries: number;
	transientRetries: number;
	waitedMs: number;
}

export type RetryDecision =
	| { readonly retry: true; readonly delayMs: number }
	| { readonly retry: false; readonly reason: 'notSafeToRepeat' | 'exhausted' | 'aborted' };

/** "Full jitter" backoff: uniformly random in [0, min(cap, base·2^attempt)]. */
export function fullJitter(attempt: number, baseMs: number, capMs: number, random: () => number): number {
	const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
	return Math.floor(random() * ceiling);
}

/** 5xx statuses that mean "try again"; 501 and the like will not change. */
export function isTransientStatus(status: number): boolean {
	return status === 408 || status === 500 || status === 502 || status === 503 || status === 504;
}

export function decideRetry(
	outcome: RetryableOutcome,
	state: RetryState,
	safeToRepeat: boolean,
	policy: RetryPolicy,
	options: { random: () => number; refillMs: number },
): RetryDecision {
	if (outcome.kind === 'throttled') {
		if (state.throttledRetries >= policy.max429Retries) return { retry: false, reason: 'exhausted' };
		// The window grows from one token refill of this operation's plan (2 s at 0.5/s, 60 s for
		// createReport) and never goes below it: an earlier attempt would be refused again.
		const refill = Math.ceil(options.refillMs);
		const delayMs = Math.max(refill, fullJitter(state.throttledRetries + 1, refill, Math.max(refill, policy.maxDelayMs), options.random));
		if (state.waitedMs + delayMs > policy.max429WaitMs) return { retry: false, reason: 'exhausted' };
		return { retry: true, delayMs };
	}
	if (outcome.kind === 'network' && outcome.failure === 'aborted') return { retry: false, reason: 'aborted' };
	if (!safeToRepeat) return { retry: false, reason: 'notSafeToRepeat' };
	if (state.transientRetries >= policy.maxTransientRetries) return { retry: false, reason: 'exhausted' };
	return { retry: true, delayMs: Math.max(policy.minDelayMs ?? 100, fullJitter(state.transientRetries, policy.baseDelayMs, policy.maxDelayMs, options.random)) };
}
