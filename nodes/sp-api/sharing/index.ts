/**
 * What ACORN shares across the processes of one n8n (queue mode: main plus workers), decided once per
 * process from its environment (./settings):
 *
 * - Amazon's usage-plan buckets (./rateBuckets): Amazon counts per application + seller, whichever
 *   process calls, so N processes with their own buckets would send N times too fast.
 * - Seller Wallet's once-per-execution claims (./onceClaims): a waiting execution may be resumed by
 *   another worker.
 *
 * Not shared, on purpose: access tokens (a process asking Login with Amazon for its own costs one call an
 * hour and keeps bearer tokens out of Redis), and the triggers' state (New Refund Trigger, SQS and
 * EventBridge triggers run on n8n's main process only and keep their state in n8n's database).
 */
import type { BudgetSource } from '../rateLimit/budget';
import { sharedRateLimiter } from '../rateLimit/limiter';
import { SharedRedis } from './redis';
import { SharedRateLimiter } from './rateBuckets';
import { readSharingSettings } from './settings';

interface ProcessSharing {
	redis: SharedRedis;
	limiter: SharedRateLimiter;
}

let decided = false;
let current: ProcessSharing | undefined;

/** This process's sharing, or undefined when ACORN keeps its state in memory (not queue mode, or ACORN_SHARING=off). */
export function processSharing(): ProcessSharing | undefined {
	if (!decided) {
		decided = true;
		const settings = readSharingSettings();
		if (settings) {
			const redis = new SharedRedis(settings);
			// the in-memory buckets stay the fallback, so executions of this process still share when Redis is away
			current = { redis, limiter: new SharedRateLimiter(redis, sharedRateLimiter) };
		}
	}
	return current;
}

/** The buckets a client uses by default: shared through Redis when sharing is on, else this process's. */
export function processRateLimiter(): BudgetSource {
	return processSharing()?.limiter ?? sharedRateLimiter;
}

/** Tests: read the environment again on the next call (closing the old connection). */
export async function resetProcessSharing(): Promise<void> {
	const old = current;
	decided = false;
	current = undefined;
	await old?.redis.close();
}
