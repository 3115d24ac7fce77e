import { sleep } from '../helpers/waiting';
import { startEmulator } from './index';
import { call, sellerToken } from './testSupport';
import type { Emulator } from './types';

const PARTICIPATIONS = '/sellers/v1/marketplaceParticipations'; // rate 0.016, burst 15
const QUOTA_EXCEEDED = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] };

describe('emulator usage plans', () => {
	let emulator: Emulator | undefined;
	afterEach(() => emulator?.close());

	test('the bucket allows the burst, then answers 429 without the rate header', async () => {
		emulator = await startEmulator();
		const token = await sellerToken(emulator, 'na');
		for (let i = 0; i < 15; i++) {
			const answer = await call(emulator, PARTICIPATIONS, { token });
			expect(answer.status).toBe(200);
			expect(answer.headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
		}
		const throttled = await call(emulator, PARTICIPATIONS, { token });
		expect(throttled.status).toBe(429);
		expect(throttled.body).toEqual(QUOTA_EXCEEDED);
		expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBeNull();
		expect(throttled.headers.get('x-amzn-requestid')).toBeTruthy();

		// Buckets are per seller and per operation.
		expect((await call(emulator, PARTICIPATIONS, { token: await sellerToken(emulator, 'na2') })).status).toBe(200);
		expect((await call(emulator, '/sellers/v1/account', { token })).status).toBe(200);
		expect(emulator.control.requests().filter((entry) => entry.status === 429)).toHaveLength(1);
	});

	test('the bucket refills at rate × timeScale', async () => {
		emulator = await startEmulator({ timeScale: 100 });
		const token = await sellerToken(emulator, 'na');
		const first = await call(emulator, PARTICIPATIONS, { token });
		expect(first.headers.get('x-amzn-ratelimit-limit')).toBe('1.6');
		let throttledAfter = 0;
		for (let i = 0; i < 40; i++) {
			if ((await call(emulator, PARTICIPATIONS, { token })).status === 429) {
				throttledAfter = i + 1;
				break;
			}
		}
		// 15 burst (+ whatever 1.6/s refilled meanwhile), then empty.
		expect(throttledAfter).toBeGreaterThanOrEqual(15);
		await sleep(700);
		expect((await call(emulator, PARTICIPATIONS, { token })).status).toBe(200);

		expect((await call(emulator, PARTICIPATIONS, { token })).status).toBe(429);

		emulator.control.setTimeScale(1);
		expect((await call(emulator, '/sellers/v1/account', { token })).headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
	});

	test('without enforcement nothing is throttled, and the header is still sent', async () => {
		emulator = await startEmulator({ enforceRateLimits: false });
		const token = await sellerToken(emulator, 'na');
		for (let i = 0; i < 25; i++) {
			const answer = await call(emulator, PARTICIPATIONS, { token });
			expect(answer.status).toBe(200);
			expect(answer.headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
		}
		emulator.control.setRateLimitsEnforced(true);
		expect((await call(emulator, PARTICIPATIONS, { token })).status).toBe(429);
	});

	test('400 answers carry the header and use a token; 403 answers neither', async () => {
		emulator = await startEmulator({ now: '2025-03-15T12:00:00Z' });
		const token = await sellerToken(emulator, 'na');
		const bad = await call(emulator, '/finances/v0/financialEventGroups', { token, query: { MaxResultsPerPage: 0 } });
		expect(bad.status).toBe(400);
		expect(bad.headers.get('x-amzn-ratelimit-limit')).toBe('0.5');
		const unauthorised = await call(emulator, '/finances/v0/financialEventGroups', { token: 'garbage' });
		expect(unauthorised.headers.get('x-amzn-ratelimit-limit')).toBeNull();
		// Burst 30 for this operation: one went to the 400 above.
		let ok = 0;
		while ((await call(emulator, '/finances/v0/financialEventGroups', { token })).status === 200) ok++;
		expect(ok).toBe(29);
	});
});
