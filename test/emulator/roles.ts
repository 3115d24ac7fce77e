/**
 * The emulator's own map of which role an operation needs (the developer profile's roles). "any" means
 * the operation needs no particular role, but an authorisation without any role at all still fails.
 */
import { OPERATIONS, type OperationKey } from '../../nodes/sp-api/generated/operations.generated';
import type { SellerFixture, SpApiRole } from './types';

/** One role, any of several (Amazon: "need at least one"), or any role at all. */
export type RoleRequirement = SpApiRole | readonly SpApiRole[] | 'any';

export function requiredRole(operation: OperationKey): RoleRequirement {
	const spec = OPERATIONS[operation];
	switch (spec.api) {
		case 'finances':
			return 'Finance and Accounting';
		case 'orders':
			return 'Inventory and Order Tracking';
		case 'fulfillmentOutbound':
			return 'Amazon Fulfillment';
		// Amazon's role mappings for the Vendor Retail Procurement APIs
		case 'vendorOrders':
		case 'vendorInvoices':
		case 'vendorTransactionStatus':
			return ['Amazon Fulfillment', 'Inventory and Order Tracking'];
		case 'vendorShipments':
			return 'Amazon Fulfillment';
		case 'sellerWallet':
			return spec.method === 'GET' ? 'Account Information Service Provider' : 'Payment Initiation Service Provider';
		default:
			return 'any';
	}
}

export function sellerHasRole(seller: SellerFixture, requirement: RoleRequirement): boolean {
	if (requirement === 'any') return seller.roles.length > 0;
	return typeof requirement === 'string' ? seller.roles.includes(requirement) : requirement.some((role) => seller.roles.includes(role));
}
