/**
 * What the Vendor node says when Amazon refuses or does not answer. The core already decided whether a
 * write may have taken effect (`SpApiError.mayHaveTakenEffect`: no answer, a 5xx or 408 after it was
 * sent) and never repeated it; here that becomes words: what to look up before running the item again.
 * Every write's error says how to look it up (Transaction Status → Get for a transaction ID, and the
 * read that shows whether Amazon has it); nothing here ever says a write happened.
 */
import { isRejectedToken, SpApiError, unclearOutcomeError, withHint, type WriteDescription } from '../../../sp-api/errors';
import { tr } from '../../../sp-api/i18n/translate';
import { getOperation, isOperationKey } from '../../../sp-api/operations';

export type { WriteDescription };

/** The role Amazon asks for, for 403 answers (Amazon's role mappings of the Vendor Retail Procurement APIs). */
export function vendorRoleHint(operationKey: string): string {
	const api = isOperationKey(operationKey) ? getOperation(operationKey).api : '';
	if (api === 'vendorShipments') {
		return tr`Amazon refused access: the Vendor Shipments API needs the "Amazon Fulfillment" role for your app (for Submit Confirmation in North America and the Far East, "Inventory and Order Tracking" also works), and the vendor account must have authorised the app in this region.`;
	}
	return tr`Amazon refused access: the Vendor Orders, Invoices and Transaction Status APIs need the "Amazon Fulfillment" or "Inventory and Order Tracking" role for your app, and the vendor account (Vendor Central) must have authorised the app in this region.`;
}

/** How to look up a write whose outcome is unclear; said in every write's error. */
export const lookUpTransactionAdvice = (): string =>
	tr`If an earlier run of this item got a transaction ID, look it up with Transaction Status → Get before trying again.`;

/**
 * The error to show for a failed vendor call: Amazon's words kept apart (quoted by the core), the advice made specific (roles,
 * unknown ids), and for a write with an unknown outcome an UnclearOutcomeError that says what to check.
 */
export function vendorError(error: unknown, write?: WriteDescription): unknown {
	if (!(error instanceof SpApiError)) return error;
	if (write && error.mayHaveTakenEffect && error.kind !== 'aborted') return unclearOutcomeError(error, write);
	const nothing = write ? ` ${write.refusedNothingDone ?? tr`Nothing was submitted.`}` : '';
	const lookUp = write ? ` ${lookUpTransactionAdvice()}` : '';
	if (error.kind === 'rateLimited' && write) return withHint(error, `${error.hint}${nothing}${lookUp}`);
	switch (error.httpStatus) {
		case 403:
			// a refused access token is not a missing role: the core's advice (authorise again) stays
			if (error.kind === 'http' && !isRejectedToken(403, error.errors)) return withHint(error, `${vendorRoleHint(error.operation)}${nothing}`);
			break;
		case 404:
			if (error.operation === 'getPurchaseOrder') return withHint(error, tr`Amazon has no purchase order with that number for this vendor account. Check the number and that the credential is the vendor account's, in the right region.`);
			if (error.operation === 'vendorTransactionStatus.getTransaction') {
				return withHint(error, tr`Amazon knows no transaction with that ID for this vendor account. Transaction IDs come from this node's Acknowledge, Submit Confirmation and Submit Invoice.`);
			}
			break;
		case 400:
		case 413:
		case 415:
			if (write) return withHint(error, tr`Amazon refused ${write.what} as invalid.${nothing} Check the fields of the node and run it again.${lookUp}`);
			break;
		default:
			break;
	}
	return error;
}
