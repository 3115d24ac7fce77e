import { createHash } from 'node:crypto';
import type { UsagePlan } from '../operations';
import type { Budget, BudgetContext, BudgetSource } from './budget';
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

/** A bucket in this process's memory, used through the same interface as a shared one. */
export function localBudget(bucket: TokenBucket, now: () => number): Budget {
	return {
		reserve: async () => bucket.reserve(now()),
		learnRate: async (rate, sentAt, answeredAt) => bucket.setRate(rate, answeredAt, sentAt),
		drain: async () => bucket.drain(now()),
		get rate() {
			return bucket.rate;
		},
		get refillMs() {
			return bucket.refillMs;
		},
	};
}

/**
 * One bucket per (application, seller, region, operation), kept for the life of the process, so two
 * workflows pulling the same seller's refunds share one budget as Amazon does. Processes of one n8n in
 * queue mode share theirs through Redis instead (../sharing).
 */
export class RateLimiter implements BudgetSource {
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

	budget(identity: BucketIdentity, plan: UsagePlan, context: BudgetContext): Budget {
		return localBudget(this.bucket(identity, plan, context.now()), context.now);
	}

	clear(): void {
		this.buckets.clear();
	}
}

export const sharedRateLimiter = new RateLimiter();
