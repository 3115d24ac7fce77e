import { createHash } from 'node:crypto';
import type { UsagePlan } from '../operations';
import { TokenBucket } from './tokenBucket';

export interface BucketIdentity {
	/** LWA client id: Amazon counts per application... */
	readonly clientId: string;
	/** ...and per selling partner: the refresh token, or `grantless` for application-level calls. */
	readonly subject: string;
	readonly region: string;
	readonly environment: string;
	readonly operation: string;
}

/**
 * One bucket per (application, seller, region, operation), kept for the life of the process, so two
 * workflows pulling the same seller's refunds share one budget as Amazon does.
 */
export class RateLimiter {
	private readonly buckets = new Map<string, TokenBucket>();

	static keyFor(identity: BucketIdentity): string {
		const who = createHash('sha256').update(`${identity.clientId}\u0000${identity.subject}`).digest('hex');
		return `${who}:${identity.region}:${identity.environment}:${identity.operation}`;
	}

	bucket(identity: BucketIdentity, plan: UsagePlan, now: number): TokenBucket {
		const key = RateLimiter.keyFor(identity);
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = new TokenBucket(plan.rate, plan.burst, now);
			this.buckets.set(key, bucket);
		}
		return bucket;
	}

	clear(): void {
		this.buckets.clear();
	}
}

export const sharedRateLimiter = new RateLimiter();
