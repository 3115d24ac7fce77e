import type { LwaApplication, TokenGrant } from '../../nodes/sp-api/auth/lwa';
import { AccessTokenCache, REFRESH_MARGIN_MS } from '../../nodes/sp-api/auth/tokenCache';

const app: LwaApplication = { clientId: 'app-1', clientSecret: 'secret-1', tokenUrl: 'http://lwa.test/token' };
const sellerA: TokenGrant = { kind: 'refreshToken', refreshToken: 'refresh-seller-a' };
const sellerB: TokenGrant = { kind: 'refreshToken', refreshToken: 'refresh-seller-b' };
const opts = { timeoutMs: 1000 };

function fakeLwa(lifetimeSeconds = 3600) {
	let issued = 0;
	const calls: TokenGrant[] = [];
	const fetcher = async (_app: LwaApplication, grant: TokenGrant) => {
		calls.push(grant);
		issued += 1;
		await new Promise((r) => setTimeout(r, 5));
		return { accessToken: `token-${issued}`, expiresInSeconds: lifetimeSeconds };
	};
	return { fetcher, calls };
}

describe('AccessTokenCache', () => {
	it('reuses a token until five minutes before expiry, then refreshes', async () => {
		let now = 0;
		const lwa = fakeLwa(3600);
		const cache = new AccessTokenCache(lwa.fetcher, () => now);
		expect(await cache.get(app, sellerA, opts)).toBe('token-1');
		now = 3600_000 - REFRESH_MARGIN_MS - 1;
		expect(await cache.get(app, sellerA, opts)).toBe('token-1');
		now = 3600_000 - REFRESH_MARGIN_MS;
		expect(await cache.get(app, sellerA, opts)).toBe('token-2');
		expect(lwa.calls).toHaveLength(2);
	});

	it('has one refresh in flight per key however many requests wait', async () => {
		const lwa = fakeLwa();
		const cache = new AccessTokenCache(lwa.fetcher);
		const tokens = await Promise.all(Array.from({ length: 25 }, () => cache.get(app, sellerA, opts)));
		expect(new Set(tokens)).toEqual(new Set(['token-1']));
		expect(lwa.calls).toHaveLength(1);
	});

	it('never shares a token between sellers, apps or secrets', async () => {
		const lwa = fakeLwa();
		const cache = new AccessTokenCache(lwa.fetcher);
		const a = await cache.get(app, sellerA, opts);
		const b = await cache.get(app, sellerB, opts);
		const otherApp = await cache.get({ ...app, clientId: 'app-2' }, sellerA, opts);
		const otherSecret = await cache.get({ ...app, clientSecret: 'wrong-secret' }, sellerA, opts);
		const grantless = await cache.get(app, { kind: 'grantless', scope: 'sellingpartnerapi::notifications' }, opts);
		expect(new Set([a, b, otherApp, otherSecret, grantless]).size).toBe(5);
	});

	it('invalidates only the token Amazon rejected', async () => {
		const lwa = fakeLwa();
		const cache = new AccessTokenCache(lwa.fetcher);
		const first = await cache.get(app, sellerA, opts);
		cache.invalidate(app, sellerA, first);
		const second = await cache.get(app, sellerA, opts);
		expect(second).toBe('token-2');
		// a late 403 about the old token must not throw away the new one
		cache.invalidate(app, sellerA, first);
		expect(await cache.get(app, sellerA, opts)).toBe('token-2');
		expect(lwa.calls).toHaveLength(2);
	});

	it('hashes keys so no secret sits in memory as a map key', () => {
		const key = AccessTokenCache.keyFor(app, sellerA);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
	});

	it('does not cache failures', async () => {
		let fail = true;
		const cache = new AccessTokenCache(async () => {
			if (fail) throw new Error('LWA down');
			return { accessToken: 'ok', expiresInSeconds: 3600 };
		});
		await expect(cache.get(app, sellerA, opts)).rejects.toThrow('LWA down');
		fail = false;
		expect(await cache.get(app, sellerA, opts)).toBe('ok');
	});
});
