/**
 * Usage plans as token buckets, one per (application, selling partner or "grantless", operation): full
 * at burst when first used, refilled at rate × timeScale per second of real time. Real time rather than
 * the emulator clock, because clients wait in real time when they back off.
 */
import { performance } from 'node:perf_hooks';

/** Amazon publishes no plan for some operations (e.g. Seller Wallet); the emulator then uses 1/s, burst 5. */
export const DEFAULT_RATE = 1;
export const DEFAULT_BURST = 5;

interface Bucket {
	tokens: number;
	burst: number;
	rate: number;
	updatedAt: number;
}

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();

	constructor(
		private timeScale: number,
		private enforced: boolean,
	) {
		assertTimeScale(timeScale);
	}

	/** Takes one token; false when the bucket is empty and limits are enforced. */
	take(key: string, rate: number, burst: number): boolean {
		const now = performance.now();
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = { tokens: burst, burst, rate, updatedAt: now };
			this.buckets.set(key, bucket);
		}
		this.refill(bucket, now);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return true;
		}
		return !this.enforced;
	}

	/** The x-amzn-RateLimit-Limit value: the (scaled) rate only, never the burst. */
	headerValue(rate: number): string {
		return String(Number((rate * this.timeScale).toPrecision(6)));
	}

	setTimeScale(timeScale: number): void {
		assertTimeScale(timeScale);
		// Settle what the old speed has refilled so far before switching.
		const now = performance.now();
		for (const bucket of this.buckets.values()) this.refill(bucket, now);
		this.timeScale = timeScale;
	}

	setEnforced(on: boolean): void {
		this.enforced = on;
	}

	/** Every bucket full again, as Amazon's are after a quiet hour. */
	refillAll(): void {
		this.buckets.clear();
	}

	get isEnforced(): boolean {
		return this.enforced;
	}

	get currentTimeScale(): number {
		return this.timeScale;
	}

	private refill(bucket: Bucket, now: number): void {
		const elapsedSeconds = (now - bucket.updatedAt) / 1000;
		bucket.tokens = Math.min(bucket.burst, bucket.tokens + elapsedSeconds * bucket.rate * this.timeScale);
		bucket.updatedAt = now;
	}
}

function assertTimeScale(timeScale: number): void {
	if (!Number.isFinite(timeScale) || timeScale <= 0) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
}
