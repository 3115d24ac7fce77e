import type { UsagePlan } from '../operations';
import type { BucketIdentity } from './limiter';

/** Where the limiter reports that sharing stopped or came back (n8n's log, through the client). */
export interface BudgetLogger {
	info?(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
}

/**
 * One usage-plan bucket as a request sees it: in this process's memory, or shared by every n8n process
 * through Redis. Asynchronous because the shared one asks Redis; the in-memory one answers at once.
 */
export interface Budget {
	/** Takes a token; resolves to the milliseconds to wait before sending (see SEND_MARGIN_TOKENS). */
	reserve(): Promise<number>;
	/** Amazon's `x-amzn-RateLimit-Limit`: the real rate, counted from when the request was sent. */
	learnRate(rate: number, sentAt: number, answeredAt: number): Promise<void>;
	/** Amazon answered 429: its bucket is empty. */
	drain(): Promise<void>;
	/** The rate as last known (requests per second). */
	readonly rate: number;
	/** Milliseconds for one token to come back at that rate. */
	readonly refillMs: number;
}

export interface BudgetContext {
	/** The client's clock (injectable in tests); a shared bucket uses Redis's clock instead. */
	now: () => number;
	logger?: BudgetLogger;
}

/** Hands out the bucket of an application + seller + region + environment + operation. */
export interface BudgetSource {
	budget(identity: BucketIdentity, plan: UsagePlan, context: BudgetContext): Budget;
}
