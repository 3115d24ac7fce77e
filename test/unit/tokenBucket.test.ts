import { RateLimiter } from '../../nodes/sp-api/rateLimit/limiter';
import { TokenBucket } from '../../nodes/sp-api/rateLimit/tokenBucket';

describe('TokenBucket (usage plan maths)', () => {
	it('starts full at burst, then spaces requests by 1/rate', () => {
		const bucket = new TokenBucket(0.5, 3, 0);
		expect([bucket.reserve(0), bucket.reserve(0), bucket.reserve(0)]).toEqual([0, 0, 0]);
		expect(bucket.reserve(0)).toBe(2000);
		expect(bucket.reserve(0)).toBe(4000);
	});

	it('refills over time but never above burst', () => {
		const bucket = new TokenBucket(2, 5, 0);
		for (let i = 0; i < 5; i++) bucket.reserve(0);
		expect(bucket.available(1000)).toBeCloseTo(2);
		expect(bucket.available(60_000)).toBe(5);
	});

	it('N requests take about (N - burst) / rate seconds', () => {
		const bucket = new TokenBucket(0.5, 30, 0);
		let lastWait = 0;
		for (let i = 0; i < 100; i++) lastWait = bucket.reserve(0);
		expect(lastWait).toBe(((100 - 30) / 0.5) * 1000);
	});

	it('drain empties the bucket after a 429 but keeps queued reservations', () => {
		const bucket = new TokenBucket(1, 10, 0);
		bucket.drain(0);
		expect(bucket.reserve(0)).toBe(1000);
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
		expect(bucket.reserve(0)).toBe(500);
		bucket.setRate(Number.NaN, 0);
		bucket.setRate(0, 0);
		expect(bucket.rate).toBe(2);
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
