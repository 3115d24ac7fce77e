import { RateLimiter } from '../../nodes/sp-api/rateLimit/limiter';
import { SEND_MARGIN_MIN_MS, SEND_MARGIN_TOKENS, sendMarginTokens, TokenBucket } from '../../nodes/sp-api/rateLimit/tokenBucket';

/** The wait for the margin (a tenth of a token, at least SEND_MARGIN_MIN_MS, at most the bucket) at `rate` per second. */
const marginMs = (rate: number, burst?: number) => Math.ceil((sendMarginTokens(rate, burst) / rate) * 1000);

describe('TokenBucket (usage plan maths)', () => {
	it('starts full at burst, then spaces requests by 1/rate', () => {
		const bucket = new TokenBucket(0.5, 4, 0);
		expect([bucket.reserve(0), bucket.reserve(0), bucket.reserve(0)]).toEqual([0, 0, 0]);
		// the last token of the burst and every later one: sent the margin after it is due (a tenth of a token at 0.5/s: 200 ms)
		expect(bucket.reserve(0)).toBe(200);
		expect(bucket.reserve(0)).toBe(2200);
		expect(bucket.reserve(0)).toBe(4200);
	});

	it('the margin is a tenth of a token, and never less than SEND_MARGIN_MIN_MS (the travel times of requests differ in time, not in tokens)', () => {
		expect(SEND_MARGIN_MIN_MS).toBe(150);
		expect(sendMarginTokens(0.1)).toBe(0.1); // 1 s
		expect(sendMarginTokens(0.5)).toBe(0.1); // 200 ms
		expect(sendMarginTokens(5)).toBeCloseTo(0.75, 10); // 150 ms
		// never more than the bucket holds after one request
		expect(sendMarginTokens(1000, 15)).toBe(14);
		expect(sendMarginTokens(1000, 1)).toBe(0.1);
	});

	it('at a rate that refills the whole bucket within the least margin, requests are paced by the rate, not each delayed by the margin', () => {
		// an emulator plan scaled up: 16 000/s, burst 15 (0.0167/s × 10^6)
		const bucket = new TokenBucket(16_000, 15, 0);
		const waits = Array.from({ length: 100 }, () => bucket.reserve(0));
		// 100 requests at once: the last one waits about 100 tokens at 16 000/s (≈ 7 ms), not 150 ms
		expect(waits[0]).toBe(0);
		expect(Math.max(...waits)).toBeLessThanOrEqual(8);
	});

	it('no 429 when the first request of a full bucket reaches Amazon later than the next ones (up to the least margin)', () => {
		// A sequential pull at 5/s, burst 5, answers 10 ms after sending. The first request reached Amazon
		// `late` ms after it left (Amazon's full bucket refills only from its arrival); the others at once.
		// Amazon's balance before each arrival must hold a token, for any first delay up to the least margin.
		for (const late of [0, 30, 100, SEND_MARGIN_MIN_MS - 10]) {
			const bucket = new TokenBucket(5, 5, 0);
			let now = 0;
			let amazonTaken = 0;
			let amazonStart = 0;
			const lowest: number[] = [];
			for (let k = 0; k < 40; k++) {
				const sentAt = now + bucket.reserve(now);
				const arrival = sentAt + (k === 0 ? late : 0);
				if (k === 0) amazonStart = arrival;
				lowest.push(Math.min(5, 5 - amazonTaken + ((arrival - amazonStart) / 1000) * 5));
				amazonTaken += 1;
				now = arrival + 10;
			}
			expect({ late, refused: lowest.filter((balance) => balance < 1).length }).toEqual({ late, refused: 0 });
		}
	});

	it('keeps a margin of a tenth of a token, which delays a paced pull once and not per request', () => {
		expect(SEND_MARGIN_TOKENS).toBe(0.1);
		// a sequential pull: each request is reserved when the previous answer is in, `cycleMs` after sending
		const rate = 25;
		const cycleMs = 12;
		const bucket = new TokenBucket(rate, 30, 0);
		const sentAt: number[] = [];
		let now = 0;
		for (let i = 0; i < 100; i++) {
			const wait = bucket.reserve(now);
			sentAt.push(now + wait);
			now += wait + cycleMs;
		}
		const gaps = sentAt.slice(1).map((t, i) => t - sentAt[i]);
		// while tokens are left the pull goes as fast as the answers come back
		expect(gaps.slice(0, 30).every((gap) => gap === cycleMs)).toBe(true);
		// once paced, requests stay 1/rate apart (to the millisecond the waits are rounded up to)
		expect(Math.min(...gaps.slice(60))).toBeGreaterThanOrEqual(39);
		expect(Math.max(...gaps.slice(60))).toBeLessThanOrEqual(41);
		// the 100th token is due at (100 − 30) / rate; the request leaves the margin after it, not later
		const due = ((100 - 30) / rate) * 1000;
		expect(sentAt[99]).toBeGreaterThanOrEqual(due + (SEND_MARGIN_TOKENS / rate) * 1000);
		expect(sentAt[99]).toBeLessThanOrEqual(due + marginMs(rate) + 1);
	});

	it('N requests take about (N - burst) / rate seconds', () => {
		const bucket = new TokenBucket(0.5, 30, 0);
		let lastWait = 0;
		for (let i = 0; i < 100; i++) lastWait = bucket.reserve(0);
		expect(lastWait).toBe(((100 - 30) / 0.5) * 1000 + marginMs(0.5));
	});

	it('drain empties the bucket after a 429 but keeps queued reservations', () => {
		const bucket = new TokenBucket(1, 10, 0);
		bucket.drain(0);
		expect(bucket.reserve(0)).toBe(1000 + marginMs(1));
		const queued = new TokenBucket(1, 1, 0);
		queued.reserve(0);
		queued.reserve(0); // balance -1
		queued.drain(0);
		expect(queued.available(0)).toBe(-1);
	});

	it('adopts the rate from x-amzn-RateLimit-Limit and ignores nonsense', () => {
		const bucket = new TokenBucket(0.0167, 1, 0);
		bucket.reserve(0);
		bucket.setRate(2, 0);
		expect(bucket.reserve(0)).toBe(500 + marginMs(2, 1));
		bucket.setRate(Number.NaN, 0);
		bucket.setRate(0, 0);
		expect(bucket.rate).toBe(2);
	});

	it('counts the announced rate from when the request was sent: Amazon refilled at it meanwhile', () => {
		// table rate 0.5/s, Amazon's real rate 25/s; the request is sent at 0 and answered at 80 ms
		const learnt = new TokenBucket(0.5, 2, 0);
		learnt.reserve(0);
		learnt.reserve(0); // empty
		learnt.setRate(25, 80, 0);
		expect(learnt.available(80)).toBeCloseTo(2); // 80 ms at 25/s, not 80 ms at 0.5/s
		const fromAnswer = new TokenBucket(0.5, 2, 0);
		fromAnswer.reserve(0);
		fromAnswer.reserve(0);
		fromAnswer.setRate(25, 80);
		expect(fromAnswer.available(80)).toBeCloseTo(0.04);
		// a lower announced rate also counts from the send time (never more than the bucket holds)
		const lower = new TokenBucket(10, 5, 0);
		for (let i = 0; i < 5; i++) lower.reserve(0);
		lower.setRate(1, 1000, 0);
		expect(lower.available(1000)).toBeCloseTo(1);
	});
});

describe('RateLimiter', () => {
	const plan = { rate: 1, burst: 2, published: true };
	const identity = { clientId: 'app', subject: 'seller-a', region: 'NA', environment: 'production', operation: 'getReport' };

	it('shares one bucket per app, seller, region and operation', () => {
		const limiter = new RateLimiter();
		expect(limiter.bucket(identity, plan, 0)).toBe(limiter.bucket({ ...identity }, plan, 0));
		expect(limiter.bucket(identity, plan, 0)).not.toBe(limiter.bucket({ ...identity, subject: 'seller-b' }, plan, 0));
		expect(limiter.bucket(identity, plan, 0)).not.toBe(limiter.bucket({ ...identity, operation: 'getReports' }, plan, 0));
		expect(limiter.bucket(identity, plan, 0)).not.toBe(limiter.bucket({ ...identity, region: 'EU' }, plan, 0));
	});

	it('keeps no secret in its keys', () => {
		const key = RateLimiter.keyFor({ ...identity, subject: 'very-secret-refresh-token' });
		expect(key).not.toContain('very-secret-refresh-token');
		expect(key).toMatch(/^[0-9a-f]{64}:NA:production:getReport$/);
	});
});
