import { OPERATIONS, type OperationKey } from './generated/operations.generated';
import type { OperationSpec } from './operationSpec';
import type { SpApiEnvironment } from './regions';

export { OPERATIONS, type OperationKey };

export interface UsagePlan {
	readonly rate: number;
	readonly burst: number;
	/** False when the model publishes no plan and ACORN starts from a cautious default. */
	readonly published: boolean;
}

/**
 * Amazon publishes no usage plan for some APIs (Seller Wallet). Start slow and let the
 * `x-amzn-RateLimit-Limit` header of the first successful answer correct the rate.
 */
export const UNPUBLISHED_USAGE_PLAN: UsagePlan = { rate: 0.5, burst: 5, published: false };

/** Sandbox hosts apply one plan to every operation (sp-api-facts.md, "Usage plans"). */
export const SANDBOX_USAGE_PLAN: UsagePlan = { rate: 5, burst: 15, published: true };

export function getOperation(key: OperationKey): OperationSpec {
	return OPERATIONS[key];
}

export function isOperationKey(value: string): value is OperationKey {
	return Object.prototype.hasOwnProperty.call(OPERATIONS, value);
}

export function usagePlanFor(operation: OperationSpec, environment: SpApiEnvironment): UsagePlan {
	if (environment === 'sandbox') return SANDBOX_USAGE_PLAN;
	if (operation.rate === null || operation.burst === null) return UNPUBLISHED_USAGE_PLAN;
	return { rate: operation.rate, burst: operation.burst, published: true };
}
