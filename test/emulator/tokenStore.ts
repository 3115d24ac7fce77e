/**
 * Access tokens the emulator's LWA has issued, and revoked refresh tokens. Expiry runs on the emulator
 * clock, so `advanceClock` past the lifetime expires tokens just like waiting an hour would.
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from './clock';
import type { AppFixture, SellerFixture } from './types';

export interface AccessTokenRecord {
	token: string;
	kind: 'seller' | 'grantless';
	clientId: string;
	sellerId?: string;
	/** Grantless tokens: the scope they were granted for. */
	scope?: string;
	/** Restricted Data Tokens: the only method + path pairs the token may be used for. */
	restrictedResources?: RestrictedResource[];
	issuedAt: number;
	expiresAt: number;
}

export interface RestrictedResource {
	method: string;
	path: string;
}

export class TokenStore {
	private readonly accessTokens = new Map<string, AccessTokenRecord>();
	private readonly revokedRefreshTokens = new Set<string>();

	constructor(
		private readonly clock: EmulatorClock,
		private readonly lifetimeSeconds: number,
	) {}

	get tokenLifetimeSeconds(): number {
		return this.lifetimeSeconds;
	}

	issueSellerToken(app: AppFixture, seller: SellerFixture): AccessTokenRecord {
		return this.remember({ kind: 'seller', clientId: app.clientId, sellerId: seller.sellerId });
	}

	issueGrantlessToken(app: AppFixture, scope: string): AccessTokenRecord {
		return this.remember({ kind: 'grantless', clientId: app.clientId, scope });
	}

	/** A Restricted Data Token of the seller for these resources (Amazon: one hour, like access tokens). */
	issueRestrictedDataToken(clientId: string, sellerId: string, restrictedResources: RestrictedResource[]): AccessTokenRecord {
		return this.remember({ kind: 'seller', clientId, sellerId, restrictedResources }, 'emulator-rdt');
	}

	find(token: string): AccessTokenRecord | undefined {
		return this.accessTokens.get(token);
	}

	isExpired(record: AccessTokenRecord): boolean {
		return this.clock.nowMs() >= record.expiresAt;
	}

	expireAll(): void {
		const now = this.clock.nowMs();
		for (const record of this.accessTokens.values()) record.expiresAt = Math.min(record.expiresAt, now);
	}

	revokeRefreshToken(refreshToken: string): void {
		this.revokedRefreshTokens.add(refreshToken);
	}

	isRefreshTokenRevoked(refreshToken: string): boolean {
		return this.revokedRefreshTokens.has(refreshToken);
	}

	/** Every access token issued so far, oldest first. */
	issued(): AccessTokenRecord[] {
		return [...this.accessTokens.values()];
	}

	private remember(fields: Pick<AccessTokenRecord, 'kind' | 'clientId' | 'sellerId' | 'scope' | 'restrictedResources'>, prefix = 'emulator-access'): AccessTokenRecord {
		const issuedAt = this.clock.nowMs();
		const record: AccessTokenRecord = {
			...fields,
			token: `${prefix}-${randomBytes(24).toString('hex')}`,
			issuedAt,
			expiresAt: issuedAt + this.lifetimeSeconds * 1000,
		};
		this.accessTokens.set(record.token, record);
		return record;
	}
}
