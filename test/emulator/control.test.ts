import { startEmulator } from './index';
import { call, sellerToken, type Json } from './testSupport';
import type { Emulator } from './types';

async function control(emulator: Emulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
	const response = await fetch(`${emulator.url}/_emulator/${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('emulator HTTP control API', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ now: '2025-03-15T12:00:00Z' });
	});
	afterEach(() => emulator.close());

	test('fixtures with ready-made credential data', async () => {
		const { status, body } = await control(emulator, 'GET', 'fixtures');
		expect(status).toBe(200);
		expect(body.url).toBe(emulator.url);
		expect(body.endpointTemplate).toBe(`${emulator.url}/{region}`);
		expect(Object.keys(body.credentials).sort()).toEqual(['appB', 'eu', 'fe', 'na', 'na2', 'noRoles', 'vendor']);
		expect(body.credentials.na).toEqual(emulator.credentialsFor('na'));
		expect(body.sellers.fe.marketplaceIds).toEqual(['A1VC38T7YXB528', 'A39IBJ37TRP1C6']);
	});

	test('faults, requests, token expiry, clock and config', async () => {
		const token = await sellerToken(emulator, 'na');
		expect((await control(emulator, 'POST', 'faults', { operation: 'getMarketplaceParticipations', status: 500 })).status).toBe(201);
		expect((await call(emulator, '/sellers/v1/marketplaceParticipations', { token })).status).toBe(500);
		await control(emulator, 'POST', 'faults', { operation: 'getMarketplaceParticipations', status: 500, count: 3 });
		expect((await control(emulator, 'DELETE', 'faults')).status).toBe(204);
		expect((await call(emulator, '/sellers/v1/marketplaceParticipations', { token })).status).toBe(200);
		const refused = await control(emulator, 'POST', 'faults', { operation: 'noSuchOperation', status: 500 });
		expect(refused.status).toBe(400);
		expect(refused.body.error).toContain('noSuchOperation');

		const requests = await control(emulator, 'GET', 'requests');
		expect(requests.body.map((entry: Json) => entry.status)).toEqual([200, 500, 200]);
		expect(requests.body.some((entry: Json) => entry.path.startsWith('/_emulator'))).toBe(false);
		await control(emulator, 'DELETE', 'requests');
		expect((await control(emulator, 'GET', 'requests')).body).toEqual([]);

		await control(emulator, 'POST', 'tokens/expire');
		expect((await call(emulator, '/sellers/v1/account', { token })).body.errors[0].details).toBe('The access token you provided has expired.');

		const advanced = await control(emulator, 'POST', 'clock/advance', { ms: 86_400_000 });
		expect(Date.parse(advanced.body.now)).toBeGreaterThanOrEqual(Date.parse('2025-03-16T12:00:00Z'));
		expect(emulator.control.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2025-03-16T12:00:00Z'));
		expect((await control(emulator, 'POST', 'clock/advance', { ms: -5 })).status).toBe(400);

		const config = await control(emulator, 'POST', 'config', { timeScale: 50, enforceRateLimits: false });
		expect(config.body).toEqual({ timeScale: 50, enforceRateLimits: false });
		const fresh = await sellerToken(emulator, 'na');
		expect((await call(emulator, '/sellers/v1/account', { token: fresh })).headers.get('x-amzn-ratelimit-limit')).toBe('0.8');
		expect((await control(emulator, 'GET', 'nothing-here')).status).toBe(404);
	});

	test('startEmulator refuses options that cannot work', async () => {
		await expect(startEmulator({ emptyPageEvery: 1 })).rejects.toThrow(/emptyPageEvery/);
		await expect(startEmulator({ now: 'not a date' })).rejects.toThrow(/now/);
		await expect(startEmulator({ timeScale: 0 })).rejects.toThrow(/timeScale/);
		await expect(startEmulator({ historyDays: 0 })).rejects.toThrow(/historyDays/);
	});

	test('close() ends open keep-alive connections and can be called twice', async () => {
		const other = await startEmulator();
		await call(other, '/sellers/v1/account', { token: await sellerToken(other, 'na') });
		await Promise.all([other.close(), other.close()]);
		await expect(fetch(`${other.url}/_emulator/fixtures`)).rejects.toThrow();
	});
});
