import { startEmulator } from './index';
import { call, postToken, refreshGrant, sellerToken } from './testSupport';
import type { Emulator } from './types';

const PARTICIPATIONS = '/sellers/v1/marketplaceParticipations';

describe('emulator fault injection', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ now: '2025-03-15T12:00:00Z' });
	});
	afterEach(() => emulator.close());

	test('status, body and headers, for `count` requests, then normal answers', async () => {
		const token = await sellerToken(emulator, 'na');
		emulator.control.injectFault({
			operation: 'getMarketplaceParticipations',
			status: 503,
			body: { errors: [{ code: 'ServiceUnavailable', message: 'try later' }] },
			headers: { 'retry-after': '1' },
			count: 2,
		});
		for (let i = 0; i < 2; i++) {
			const answer = await call(emulator, PARTICIPATIONS, { token });
			expect(answer.status).toBe(503);
			expect(answer.body).toEqual({ errors: [{ code: 'ServiceUnavailable', message: 'try later' }] });
			expect(answer.headers.get('retry-after')).toBe('1');
			expect(answer.headers.get('x-amzn-ratelimit-limit')).toBeNull();
			expect(answer.headers.get('x-amzn-requestid')).toBeTruthy();
		}
		expect((await call(emulator, PARTICIPATIONS, { token })).status).toBe(200);
	});

	test('default bodies; a 429 fault has no rate header, a 400 fault has one', async () => {
		const token = await sellerToken(emulator, 'na');
		emulator.control.injectFault({ operation: 'getMarketplaceParticipations', status: 429 });
		emulator.control.injectFault({ operation: 'getMarketplaceParticipations', status: 400 });
		emulator.control.injectFault({ operation: 'getMarketplaceParticipations', status: 500 });
		const throttled = await call(emulator, PARTICIPATIONS, { token });
		expect(throttled.status).toBe(429);
		expect(throttled.body).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] });
		expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBeNull();
		const invalid = await call(emulator, PARTICIPATIONS, { token });
		expect(invalid.status).toBe(400);
		expect(invalid.headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
		const internal = await call(emulator, PARTICIPATIONS, { token });
		expect(internal.status).toBe(500);
		expect(internal.body.errors[0].code).toBe('InternalFailure');
	});

	test('faults are applied after auth and can target one seller', async () => {
		emulator.control.injectFault({ operation: 'getMarketplaceParticipations', status: 500, sellerId: emulator.fixtures.sellers.na2.sellerId });
		expect((await call(emulator, PARTICIPATIONS)).status).toBe(403);
		expect((await call(emulator, PARTICIPATIONS, { token: await sellerToken(emulator, 'na') })).status).toBe(200);
		expect((await call(emulator, PARTICIPATIONS, { token: await sellerToken(emulator, 'na2') })).status).toBe(500);
	});

	test('delayMs answers late (normally when no status is given)', async () => {
		const token = await sellerToken(emulator, 'na');
		emulator.control.injectFault({ operation: 'getMarketplaceParticipations', delayMs: 300 });
		const started = Date.now();
		const answer = await call(emulator, PARTICIPATIONS, { token });
		expect(answer.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);

		emulator.control.injectFault({ operation: 'getMarketplaceParticipations', delayMs: 2000 });
		await expect(call(emulator, PARTICIPATIONS, { token, signal: AbortSignal.timeout(100) })).rejects.toThrow();
	});

	test('connectionReset destroys the socket without an answer', async () => {
		const token = await sellerToken(emulator, 'na');
		emulator.control.injectFault({ operation: 'getMarketplaceParticipations', connectionReset: true });
		await expect(call(emulator, PARTICIPATIONS, { token })).rejects.toThrow();
		const entry = emulator.control.requests().find((request) => request.operation === 'getMarketplaceParticipations');
		expect(entry?.status).toBe(0);
		expect((await call(emulator, PARTICIPATIONS, { token })).status).toBe(200);
	});

	test('afterEffect lets the handler act, then fails: the token is issued although the answer is a 500', async () => {
		emulator.control.injectFault({ operation: 'lwaToken', status: 500, afterEffect: true });
		const before = emulator.control.state.tokens.issued().length;
		const answer = await postToken(emulator, refreshGrant(emulator, 'na'));
		expect(answer.status).toBe(500);
		expect(answer.body.error).toBe('server_error');
		const issued = emulator.control.state.tokens.issued();
		expect(issued).toHaveLength(before + 1);
		// The token the client never saw works.
		expect((await call(emulator, PARTICIPATIONS, { token: issued[issued.length - 1].token })).status).toBe(200);

		emulator.control.injectFault({ operation: 'lwaToken', connectionReset: true, afterEffect: true });
		await expect(postToken(emulator, refreshGrant(emulator, 'na'))).rejects.toThrow();
		expect(emulator.control.state.tokens.issued()).toHaveLength(before + 2);
	});

	test('afterEffect on an SP-API operation answers with the fault after running the handler', async () => {
		const token = await sellerToken(emulator, 'na');
		emulator.control.injectFault({ operation: 'sellers.getAccount', status: 500, afterEffect: true, delayMs: 50 });
		const answer = await call(emulator, '/sellers/v1/account', { token });
		expect(answer.status).toBe(500);
		expect(answer.headers.get('x-amzn-ratelimit-limit')).toBeNull();
		expect((await call(emulator, '/sellers/v1/account', { token })).status).toBe(200);
	});

	test('a plain lwaToken fault fails before any token is issued', async () => {
		emulator.control.injectFault({ operation: 'lwaToken', status: 503, sellerId: emulator.fixtures.sellers.eu.sellerId });
		expect((await postToken(emulator, refreshGrant(emulator, 'na'))).status).toBe(200);
		const before = emulator.control.state.tokens.issued().length;
		expect((await postToken(emulator, refreshGrant(emulator, 'eu'))).status).toBe(503);
		expect(emulator.control.state.tokens.issued()).toHaveLength(before);
	});

	test('faults also hit operations the emulator does not implement yet', async () => {
		const token = await sellerToken(emulator, 'na');
		emulator.control.injectFault({ operation: 'getOrders', status: 503 });
		expect((await call(emulator, '/orders/v0/orders', { token })).status).toBe(503);
		expect((await call(emulator, '/orders/v0/orders', { token })).status).toBe(501);
	});

	test('emptyPage serves one page without items but with a token to the same place: the listing goes on from there', async () => {
		const token = await sellerToken(emulator, 'na');
		const query = { PostedAfter: '2025-02-01T00:00:00Z', PostedBefore: '2025-03-10T00:00:00Z', MaxResultsPerPage: 10 };
		const pages = async () => {
			const out: Array<{ ids: string[]; token?: string }> = [];
			let next: string | undefined;
			do {
				const answer = await call(emulator, '/finances/v0/financialEventGroups', { token, query: { ...query, NextToken: next } });
				expect(answer.status).toBe(200);
				next = answer.body.payload.NextToken;
				out.push({ ids: answer.body.payload.FinancialEventGroupList.map((g: { FinancialEventGroupId: string }) => g.FinancialEventGroupId), token: next });
			} while (next);
			return out;
		};
		const plain = await pages();
		expect(plain.length).toBeGreaterThan(1);
		emulator.control.injectFault({ operation: 'listFinancialEventGroups', emptyPage: true, afterRequests: 1 });
		const withEmpty = await pages();
		expect(withEmpty.map((page) => page.ids.length)).toEqual([plain[0].ids.length, 0, ...plain.slice(1).map((page) => page.ids.length)]);
		expect(withEmpty.flatMap((page) => page.ids)).toEqual(plain.flatMap((page) => page.ids));
		expect(() => emulator.control.injectFault({ operation: 'getReport', emptyPage: true })).toThrow(/paged operation/);
		expect(() => emulator.control.injectFault({ operation: 'listFinancialEventGroups', emptyPage: true, status: 500 })).toThrow(/emptyPage/);
	});

	test('unknown operations are refused; clearFaults drops pending faults', async () => {
		expect(() => emulator.control.injectFault({ operation: 'getOrderz' as never, status: 500 })).toThrow(/unknown operation/);
		expect(() => emulator.control.injectFault({ operation: 'getOrders', afterEffect: true })).toThrow(/afterEffect/);
		emulator.control.injectFault({ operation: 'getMarketplaceParticipations', status: 500, count: 5 });
		emulator.control.clearFaults();
		expect((await call(emulator, PARTICIPATIONS, { token: await sellerToken(emulator, 'na') })).status).toBe(200);
	});
});

describe('fault timing and response listeners', () => {
	it('lets `afterRequests` matching requests through before failing, and tells listeners each answer', async () => {
		const { startEmulator } = await import('./index');
		const emulator = await startEmulator({ timeScale: 100 });
		try {
			const seen: number[] = [];
			const stop = emulator.control.onResponse((entry) => {
				if (entry.operation === 'getMarketplaceParticipations') seen.push(entry.status);
			});
			emulator.control.injectFault({ operation: 'getMarketplaceParticipations', status: 503, count: 1, afterRequests: 2 });
			const credentials = emulator.credentialsFor('na');
			const tokenResponse = await fetch(emulator.lwaTokenUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.refreshToken, client_id: credentials.clientId, client_secret: credentials.clientSecret }),
			});
			const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++) {
				const response = await fetch(`${emulator.spApiUrl('NA')}/sellers/v1/marketplaceParticipations`, { headers: { 'x-amz-access-token': token } });
				statuses.push(response.status);
			}
			expect(statuses).toEqual([200, 200, 503, 200]);
			expect(seen).toEqual([200, 200, 503, 200]);
			stop();
			await fetch(`${emulator.spApiUrl('NA')}/sellers/v1/marketplaceParticipations`, { headers: { 'x-amz-access-token': token } });
			expect(seen).toHaveLength(4);
			expect(() => emulator.control.injectFault({ operation: 'getMarketplaceParticipations', status: 500, afterRequests: -1 })).toThrow(RangeError);
		} finally {
			await emulator.close();
		}
	});
});
