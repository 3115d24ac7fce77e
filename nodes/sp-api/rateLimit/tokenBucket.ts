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

	/** Takes one token and returns how long to wait before sending (0 when one is available now). */
	reserve(now: number): number {
		this.refill(now);
		this.tokens -= 1;
		return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.currentRate) * 1000);
	}

	/** Amazon answered 429: whatever we believed, its bucket is empty now. */
	drain(now: number): void {
		this.refill(now);
		this.tokens = Math.min(this.tokens, 0);
	}

	/** Amazon's `x-amzn-RateLimit-Limit` header states the seller's real rate. */
	setRate(rate: number, now: number): void {
		if (!Number.isFinite(rate) || rate <= 0 || rate === this.currentRate) return;
		this.refill(now);
		this.currentRate = rate;
	}
}
