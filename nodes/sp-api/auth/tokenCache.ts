import { createHash } from 'node:crypto';
import { requestAccessToken, type IssuedToken, type LwaApplication, type TokenGrant } from './lwa';

/** Refresh this long before Amazon's expiry so a token never dies in the middle of a request. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export type TokenFetcher = (
	app: LwaApplication,
	grant: TokenGrant,
	options: { timeoutMs: number; signal?: AbortSignal },
) => Promise<IssuedToken>;

interface CachedToken {
	readonly accessToken: string;
	readonly refreshAt: number;
}

/**
 * Access tokens per (app, secret, token URL, refresh token or grantless scope), hashed so the map
 * holds no secret as a key. Shared by every execution in the process: two workflows of one seller
 * reuse a token, two sellers never do. At most one refresh per key is in flight.
 */
export class AccessTokenCache {
	private readonly tokens = new Map<string, CachedToken>();
	private readonly inFlight = new Map<string, Promise<string>>();

	constructor(
		private readonly fetcher: TokenFetcher = requestAccessToken,
		private readonly now: () => number = Date.now,
	) {}

	static keyFor(app: LwaApplication, grant: TokenGrant): string {
		const subject = grant.kind === 'refreshToken' ? `rt:${grant.refreshToken}` : `scope:${grant.scope}`;
		return createHash('sha256')
			.update([app.tokenUrl, app.clientId, app.clientSecret, subject].join('\u0000'))
			.digest('hex');
	}

	async get(app: LwaApplication, grant: TokenGrant, options: { timeoutMs: number; signal?: AbortSignal }): Promise<string> {
		const key = AccessTokenCache.keyFor(app, grant);
		const cached = this.tokens.get(key);
		if (cached && this.now() < cached.refreshAt) return cached.accessToken;
		const pending = this.inFlight.get(key);
		if (pending) return await pending;
		const refresh = (async () => {
			const issued = await this.fetcher(app, grant, options);
			const lifetimeMs = issued.expiresInSeconds * 1000;
			// very short lifetimes (tests, odd gateways) still get used for half their life
			const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
			this.tokens.set(key, { accessToken: issued.accessToken, refreshAt: this.now() + lifetimeMs - margin });
			return issued.accessToken;
		})();
		this.inFlight.set(key, refresh);
		try {
			return await refresh;
		} finally {
			this.inFlight.delete(key);
		}
	}

	/**
	 * Forget `rejectedToken` after Amazon called it expired or invalid. A newer token fetched meanwhile
	 * by a parallel request is kept, so many 403s cause one refresh, not many.
	 */
	invalidate(app: LwaApplication, grant: TokenGrant, rejectedToken: string): void {
		const key = AccessTokenCache.keyFor(app, grant);
		if (this.tokens.get(key)?.accessToken === rejectedToken) this.tokens.delete(key);
	}

	clear(): void {
		this.tokens.clear();
	}
}

export const sharedTokenCache = new AccessTokenCache();
