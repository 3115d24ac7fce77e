import { decideRetry, DEFAULT_RETRY_POLICY, fullJitter, isTransientStatus } from '../../nodes/sp-api/retry';

const fresh = () => ({ throttledRetries: 0, transientRetries: 0, waitedMs: 0 });
const options = { random: () => 0.5, refillMs: 2000 };

describe('retry policy', () => {
	it('retries 429 for reads and writes alike (Amazon did nothing)', () => {
		expect(decideRetry({ kind: 'throttled' }, fresh(), true, DEFAULT_RETRY_POLICY, options).retry).toBe(true);
		expect(decideRetry({ kind: 'throttled' }, fresh(), false, DEFAULT_RETRY_POLICY, options).retry).toBe(true);
	});

	it('never waits less than one refill after a 429', () => {
		const decision = decideRetry({ kind: 'throttled' }, fresh(), true, DEFAULT_RETRY_POLICY, { random: () => 0, refillMs: 59_880 });
		expect(decision).toEqual({ retry: true, delayMs: 59_880 });
	});

	it('bounds 429 retries by count and by total wait', () => {
		const byCount = { ...fresh(), throttledRetries: DEFAULT_RETRY_POLICY.max429Retries };
		expect(decideRetry({ kind: 'throttled' }, byCount, true, DEFAULT_RETRY_POLICY, options)).toEqual({ retry: false, reason: 'exhausted' });
		const byTime = { ...fresh(), waitedMs: DEFAULT_RETRY_POLICY.max429WaitMs - 100 };
		expect(decideRetry({ kind: 'throttled' }, byTime, true, DEFAULT_RETRY_POLICY, options)).toEqual({ retry: false, reason: 'exhausted' });
	});

	it('retries 5xx and broken connections only when the operation is safe to repeat', () => {
		for (const outcome of [
			{ kind: 'serverError' as const, status: 503 },
			{ kind: 'network' as const, failure: 'timeout' as const },
			{ kind: 'network' as const, failure: 'reset' as const },
		]) {
			expect(decideRetry(outcome, fresh(), true, DEFAULT_RETRY_POLICY, options).retry).toBe(true);
			expect(decideRetry(outcome, fresh(), false, DEFAULT_RETRY_POLICY, options)).toEqual({ retry: false, reason: 'notSafeToRepeat' });
		}
		const spent = { ...fresh(), transientRetries: DEFAULT_RETRY_POLICY.maxTransientRetries };
		expect(decideRetry({ kind: 'serverError', status: 500 }, spent, true, DEFAULT_RETRY_POLICY, options).retry).toBe(false);
	});

	it('never retries a cancelled execution', () => {
		expect(decideRetry({ kind: 'network', failure: 'aborted' }, fresh(), true, DEFAULT_RETRY_POLICY, options)).toEqual({ retry: false, reason: 'aborted' });
	});

	it('uses full jitter within the exponential ceiling', () => {
		expect(fullJitter(0, 1000, 60_000, () => 0.999)).toBeLessThan(1000);
		expect(fullJitter(3, 1000, 60_000, () => 0.999)).toBeLessThan(8000);
		expect(fullJitter(3, 1000, 60_000, () => 0.999)).toBeGreaterThan(7000);
		expect(fullJitter(30, 1000, 60_000, () => 0.999)).toBeLessThan(60_000);
		expect(fullJitter(3, 1000, 60_000, () => 0)).toBe(0);
	});

	it("scales 429 backoff with the operation's own refill time", () => {
		const slow = { random: () => 0.999, refillMs: 2000 };
		const delays = [0, 1, 2, 3].map(
			(throttledRetries) => (decideRetry({ kind: 'throttled' }, { ...fresh(), throttledRetries }, true, DEFAULT_RETRY_POLICY, slow) as { delayMs: number }).delayMs,
		);
		expect(delays[0]).toBeGreaterThanOrEqual(2000);
		expect(delays[0]).toBeLessThan(4000);
		expect(delays[3]).toBeGreaterThan(30_000);
		const fast = decideRetry({ kind: 'throttled' }, fresh(), true, DEFAULT_RETRY_POLICY, { random: () => 0.999, refillMs: 20 }) as { delayMs: number };
		expect(fast.delayMs).toBeLessThan(40);
		const createReport = decideRetry({ kind: 'throttled' }, { ...fresh(), throttledRetries: 5 }, true, DEFAULT_RETRY_POLICY, { random: () => 0.999, refillMs: 59_880 }) as { delayMs: number };
		expect(createReport.delayMs).toBeGreaterThanOrEqual(59_880);
		expect(createReport.delayMs).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
	});

	it('treats 408/500/502/503/504 as transient, not 501 or 4xx', () => {
		expect([408, 500, 502, 503, 504].every(isTransientStatus)).toBe(true);
		expect([400, 403, 404, 422, 501].some(isTransientStatus)).toBe(false);
	});
});
