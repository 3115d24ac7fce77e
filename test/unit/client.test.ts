import { SpApiError } from '../../nodes/sp-api/errors';
import { AMAZON_ACCESS_DENIED, AMAZON_EXPIRED_TOKEN, AMAZON_QUOTA_EXCEEDED, ScriptedServer } from '../helpers/scriptedServer';
import { isolatedClient, recordingSleep } from '../helpers/clients';

const PARTICIPATIONS = '/sellers/v1/marketplaceParticipations';

describe('SpApiClient.call', () => {
	let server: ScriptedServer;
	beforeEach(async () => {
		server = await new ScriptedServer().withLwa().start();
	});
	afterEach(async () => server.stop());

	it('sends the access token (no SigV4), a user agent, and returns data with response metadata', async () => {
		server.on('GET', PARTICIPATIONS, () => ({ body: { payload: [] }, headers: { 'x-amzn-RateLimit-Limit': '0.016' } }));
		const response = await isolatedClient(server.url).call('getMarketplaceParticipations');
		const sent = server.requests.find((r) => r.path === PARTICIPATIONS)!;
		expect(sent.headers['x-amz-access-token']).toBe('access-token-1');
		expect(sent.headers.authorization).toBeUndefined();
		expect(sent.headers['user-agent']).toMatch(/n8n-nodes-acorn/);
		expect(response.metadata).toMatchObject({
			operation: 'getMarketplaceParticipations',
			httpStatus: 200,
			requestId: expect.stringMatching(/^req-/),
			rateLimit: '0.016',
			attempts: 1,
		});
		expect(Date.parse(response.metadata.requestedAt)).not.toBeNaN();
	});

	it('refreshes once and repeats after a 403 "expired" answer', async () => {
		let calls = 0;
		server.on('GET', PARTICIPATIONS, () => (++calls === 1 ? { status: 403, body: AMAZON_EXPIRED_TOKEN } : { body: { payload: [] } }));
		await isolatedClient(server.url).call('getMarketplaceParticipations');
		expect(server.count('POST', '/auth/o2/token')).toBe(2);
		const tokens = server.requests.filter((r) => r.path === PARTICIPATIONS).map((r) => r.headers['x-amz-access-token']);
		expect(tokens).toEqual(['access-token-1', 'access-token-2']);
	});

	it('does not loop when the fresh token is refused too', async () => {
		server.on('GET', PARTICIPATIONS, () => ({ status: 403, body: AMAZON_EXPIRED_TOKEN }));
		const error = await isolatedClient(server.url).call('getMarketplaceParticipations').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SpApiError);
		expect(server.count('GET', PARTICIPATIONS)).toBe(2);
		expect((error as SpApiError).hint).toMatch(/also a new one fetched just now\. Authorise the app again/);
	});

	it('does not refresh for a role or region 403 and explains it', async () => {
		server.on('GET', PARTICIPATIONS, () => ({ status: 403, body: AMAZON_ACCESS_DENIED }));
		const error = (await isolatedClient(server.url).call('getMarketplaceParticipations').catch((e: unknown) => e)) as SpApiError;
		expect(server.count('POST', '/auth/o2/token')).toBe(1);
		expect(error.httpStatus).toBe(403);
		expect(error.hint).toMatch(/role/);
		expect(error.hint).toMatch(/region/);
	});

	it('makes up a paced wait that a timer ended early, so the request never goes before its token', async () => {
		// a sleep that comes back 30 ms early, as Node's timers do after a long callback on a busy machine
		const sleeps: number[] = [];
		let slept = 0;
		const sleep = async (ms: number) => {
			sleeps.push(ms);
			slept += ms > 100 ? ms - 30 : ms;
		};
		const now = () => 1_000_000 + slept;
		let calls = 0;
		server.on('GET', PARTICIPATIONS, () => (++calls === 1 ? { status: 429, body: AMAZON_QUOTA_EXCEEDED } : { body: { payload: [] } }));
		await isolatedClient(server.url, { sleep, now }).call('getMarketplaceParticipations');
		// the 429 backoff, the paced wait for the drained bucket's next token, then the 30 ms it came back early
		expect(sleeps).toHaveLength(3);
		expect(sleeps[1]).toBeGreaterThan(1000);
		expect(sleeps[2]).toBe(30);
	});

	it('waits out a burst of 429s with backoff no shorter than the refill time', async () => {
		let calls = 0;
		server.on('GET', PARTICIPATIONS, () =>
			++calls <= 3 ? { status: 429, body: AMAZON_QUOTA_EXCEEDED } : { body: { payload: [] }, headers: { 'x-amzn-RateLimit-Limit': '0.016' } },
		);
		const clock = recordingSleep();
		const response = await isolatedClient(server.url, { sleep: clock.sleep, now: clock.now }).call('getMarketplaceParticipations');
		expect(response.metadata.attempts).toBe(4);
		const refillMs = 1000 / 0.016;
		// three 429s: at least one refill of waiting before each of the three repeats
		expect(clock.sleeps.length).toBeGreaterThanOrEqual(3);
		expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3 * refillMs * 0.99);
		expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(60_000 + refillMs);
	});

	it('gives up on 429 after the bounded number of retries with a plain explanation', async () => {
		server.on('GET', PARTICIPATIONS, () => ({ status: 429, body: AMAZON_QUOTA_EXCEEDED }));
		const clock = recordingSleep();
		const policy = { max429Retries: 2, max429WaitMs: 10 * 60_000, maxTransientRetries: 0, baseDelayMs: 10, maxDelayMs: 100 };
		const error = (await isolatedClient(server.url, { sleep: clock.sleep, retryPolicy: policy })
			.call('getMarketplaceParticipations')
			.catch((e: unknown) => e)) as SpApiError;
		expect(error.kind).toBe('rateLimited');
		expect(server.count('GET', PARTICIPATIONS)).toBe(3);
		expect(error.hint).toMatch(/another workflow|less often/i);
	});

	it('retries 5xx for reads but never repeats a write that may have taken effect', async () => {
		let reads = 0;
		server.on('GET', '/reports/2021-06-30/reports/', () => (++reads < 3 ? { status: 503, body: {} } : { body: { reportId: 'r1' } }));
		server.on('POST', '/reports/2021-06-30/reports', () => ({ status: 500, body: { errors: [{ code: 'InternalFailure', message: 'boom' }] } }));
		const client = isolatedClient(server.url, { sleep: recordingSleep().sleep });
		await client.call('getReport', { params: { reportId: 'r1' } });
		expect(reads).toBe(3);
		const error = (await client
			.call('createReport', { body: { reportType: 'X', marketplaceIds: ['ATVPDKIKX0DER'] } })
			.catch((e: unknown) => e)) as SpApiError;
		expect(server.count('POST', '/reports/2021-06-30/reports')).toBe(1);
		expect(error.mayHaveTakenEffect).toBe(true);
		expect(error.hint).toMatch(/may or may not/);
	});

	it('times out, retries a read, and never retries a write after a timeout', async () => {
		server.on('GET', '/reports/2021-06-30/reports/', () => ({ delayMs: 400, body: {} }));
		server.on('POST', '/reports/2021-06-30/reports', () => ({ delayMs: 400, body: {} }));
		const client = isolatedClient(server.url, {
			timeoutMs: 100,
			sleep: recordingSleep().sleep,
			retryPolicy: { max429Retries: 1, max429WaitMs: 1000, maxTransientRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
		});
		const readError = (await client.call('getReport', { params: { reportId: 'r1' } }).catch((e: unknown) => e)) as SpApiError;
		expect(readError.kind).toBe('network');
		expect(server.count('GET', '/reports/2021-06-30/reports/')).toBe(3);
		const writeError = (await client.call('createReport', { body: {} }).catch((e: unknown) => e)) as SpApiError;
		expect(server.count('POST', '/reports/2021-06-30/reports')).toBe(1);
		expect(writeError.mayHaveTakenEffect).toBe(true);
	});

	it('repeats a write after a 429 (Amazon did nothing)', async () => {
		let calls = 0;
		server.on('POST', '/reports/2021-06-30/reports', () => (++calls === 1 ? { status: 429, body: AMAZON_QUOTA_EXCEEDED } : { status: 202, body: { reportId: '1' } }));
		const response = await isolatedClient(server.url, { sleep: recordingSleep().sleep }).call('createReport', { body: {} });
		expect(response.status).toBe(202);
		expect(calls).toBe(2);
	});

	it('checks parameters before any call', async () => {
		const client = isolatedClient(server.url);
		await expect(client.call('getReport', {})).rejects.toMatchObject({ kind: 'validation', message: expect.stringContaining('reportId') });
		await expect(client.call('getReport', { params: { reportId: '1', bogus: 'x' } })).rejects.toMatchObject({ kind: 'validation' });
		expect(server.requests).toHaveLength(0);
	});

	it('places path, query (arrays as CSV) and header parameters where the model says', async () => {
		server.on('GET', '/reports/2021-06-30/reports', () => ({ body: { reports: [] } }));
		await isolatedClient(server.url).call('getReports', {
			params: { reportTypes: ['A', 'B'], marketplaceIds: ['ATVPDKIKX0DER'], createdSince: new Date('2026-01-01T00:00:00Z') },
		});
		const sent = server.requests.find((r) => r.path === '/reports/2021-06-30/reports')!;
		expect(sent.query).toEqual({ reportTypes: 'A,B', marketplaceIds: 'ATVPDKIKX0DER', createdSince: '2026-01-01T00:00:00.000Z' });
	});

	it('uses the grantless client_credentials token for grantless operations', async () => {
		server.on('GET', '/notifications/v1/destinations', () => ({ body: { payload: [] } }));
		await isolatedClient(server.url).call('getDestinations');
		const grant = new URLSearchParams(server.requests.find((r) => r.path === '/auth/o2/token')!.body);
		expect(grant.get('grant_type')).toBe('client_credentials');
		expect(grant.get('scope')).toBe('sellingpartnerapi::notifications');
	});

	it('replaces {region} in an endpoint override to reach another region', async () => {
		server.on('GET', `/eu${PARTICIPATIONS}`, () => ({ body: { payload: [] } }));
		await isolatedClient(server.url, {}, { spApiEndpoint: `${server.url}/{region}` }).call('getMarketplaceParticipations', { region: 'EU' });
		expect(server.count('GET', `/eu${PARTICIPATIONS}`)).toBe(1);
	});

	it('says which LWA step failed without revealing the secret', async () => {
		const lwa = await new ScriptedServer()
			.on('POST', '/auth/o2/token', () => ({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } }))
			.start();
		try {
			const error = (await isolatedClient(lwa.url).call('getMarketplaceParticipations').catch((e: unknown) => e)) as SpApiError;
			expect(error.kind).toBe('auth');
			expect(error.hint).toMatch(/Client ID or Client Secret/);
			expect(JSON.stringify(error.toJSON())).not.toContain('unit-test-client-secret-value-0001');
			expect(lwa.count('GET', PARTICIPATIONS)).toBe(0);
		} finally {
			await lwa.stop();
		}
	});

	it('asks Login with Amazon again after a 5xx, but not after a refused secret', async () => {
		const lwa = await new ScriptedServer().start();
		let grants = 0;
		lwa.on('POST', '/auth/o2/token', () =>
			++grants < 3 ? { status: 503, body: { error: 'server_error' } } : { body: { access_token: 'fresh-access-token', expires_in: 3600 } },
		);
		lwa.on('GET', PARTICIPATIONS, () => ({ body: { payload: [] } }));
		try {
			await isolatedClient(lwa.url, { sleep: recordingSleep().sleep }).call('getMarketplaceParticipations');
			expect(grants).toBe(3);
			expect(lwa.requests.find((r) => r.path === PARTICIPATIONS)!.headers['x-amz-access-token']).toBe('fresh-access-token');
		} finally {
			await lwa.stop();
		}
		const refusing = await new ScriptedServer()
			.on('POST', '/auth/o2/token', () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'bad token' } }))
			.start();
		try {
			await expect(isolatedClient(refusing.url, { sleep: recordingSleep().sleep }).call('getMarketplaceParticipations')).rejects.toMatchObject({ kind: 'auth' });
			expect(refusing.count('POST', '/auth/o2/token')).toBe(1);
		} finally {
			await refusing.stop();
		}
	});
});
