/**
 * Part of a token a request waits for beyond its own before it is sent. Amazon counts a request when it
 * arrives, not when it leaves: one sent the moment its token is due arrives early whenever it travels
 * faster than the requests before it, and is refused. A tenth of a token (200 ms at 0.5/s) absorbs that.
 * It costs that much once, when the pull first waits: later requests keep exactly 1/rate apart.
 */
export const SEND_MARGIN_TOKENS = 0.1;

/**
 * ...and never less than this long. A full bucket starts refilling at Amazon only when the first request
 * arrives, while this bucket counts from when it was sent: the first request's travel time (a new
 * connection's handshake, or a busy machine) is credited here but not at Amazon, and later requests on a
 * warm connection arrive sooner. That difference is time, not a share of a token, so at a fast rate a tenth
 * of a token is too little (measured: a first request 30 ms slower than the next ones at 5/s gave a 429).
 * At Amazon's usual rates (0.5/s and slower) the tenth of a token is the longer one; 150 ms costs a
 * 200-page pull at a time-scaled 25/s about 2 % (paging benchmark), once per pull.
 */
export const SEND_MARGIN_MIN_MS = 150;

/**
 * The send margin in tokens at `rate` requests per second, for a bucket of `burst`. Never more than the
 * bucket holds after one request: at a rate that refills the whole bucket within the least margin
 * (emulator plans scaled up, an announced rate far above the plan) a larger margin could never be met,
 * and every request would wait the whole margin instead of once per pull.
 */
export function sendMarginTokens(rate: number, burst = Number.POSITIVE_INFINITY): number {
	return Math.min(Math.max(SEND_MARGIN_TOKENS, (rate * SEND_MARGIN_MIN_MS) / 1000), Math.max(SEND_MARGIN_TOKENS, burst - 1));
}

/**
 * Amazon's usage-plan model: a bucket that starts full at `burst` and refills at `rate` per second.
 * Reservations may drive the balance below zero: each caller waits its turn instead of polling.
 */
export class TokenBucket {
	private tokens: number;
	private updatedAt: number;

	constructor(
		private currentRate: number,
		readonly burst: number,
		now: number,
	) {
		this.tokens = burst;
		this.updatedAt = now;
	}

	get rate(): number {
		return this.currentRate;
	}

	/** Milliseconds for one token to come back. */
	get refillMs(): number {
		return 1000 / this.currentRate;
	}

	private refill(now: number): void {
		if (now > this.updatedAt) {
			this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.currentRate);
			this.updatedAt = now;
		}
	}

	available(now: number): number {
		this.refill(now);
		return this.tokens;
	}

	/**
	 * Takes one token and returns how long to wait before sending: 0 while more than the margin is left,
	 * else until the balance is back at the margin (see SEND_MARGIN_TOKENS and SEND_MARGIN_MIN_MS).
	 */
	reserve(now: number): number {
		this.refill(now);
		this.tokens -= 1;
		const short = sendMarginTokens(this.currentRate, this.burst) - this.tokens;
		return short <= 0 ? 0 : Math.ceil((short / this.currentRate) * 1000);
	}

	/**
	 * Takes over a balance and rate kept elsewhere (the bucket shared in Redis), so that if the shared
	 * bucket becomes unreachable this process carries on from what it last said, not from a full burst.
	 */
	restore(tokens: number, rate: number, now: number): void {
		if (!Number.isFinite(tokens) || !Number.isFinite(rate) || rate <= 0) return;
		this.tokens = Math.min(this.burst, tokens);
		this.currentRate = rate;
		this.updatedAt = now;
	}

	/** Amazon answered 429: whatever we believed, its bucket is empty now. */
	drain(now: number): void {
		this.refill(now);
		this.tokens = Math.min(this.tokens, 0);
	}

	/**
	 * Amazon's `x-amzn-RateLimit-Limit` header states the seller's real rate. Amazon's bucket refilled at
	 * that rate while the request was on its way, so the new rate counts from `sentAt`, not from the answer.
	 */
	setRate(rate: number, now: number, sentAt: number = now): void {
		if (!Number.isFinite(rate) || rate <= 0 || rate === this.currentRate) return;
		this.refill(Math.min(sentAt, now));
		this.currentRate = rate;
		this.refill(now);
	}
}
