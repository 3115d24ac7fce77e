/**
 * What the Seller Wallet node says when Amazon refuses or does not answer. The core already decided
 * whether a failure may have taken effect (`SpApiError.mayHaveTakenEffect`: a write that timed out, lost
 * its connection or got a 5xx/408) and never repeated it; here that becomes words about money: what to
 * check before running the item again. Nothing here ever says a transfer happened.
 */
import { isRejectedToken, SpApiError, unclearOutcomeError, withHint, type AmazonErrorEntry, type WriteDescription } from '../../../sp-api/errors';
import { getOperation, isOperationKey } from '../../../sp-api/operations';
import { tr } from '../../../sp-api/i18n/translate';
import type { AccountNumberMask } from './bank';

export type { WriteDescription };

/** Which Amazon role each part of the node needs, for 403 answers. */
export function roleHint(operationKey: string): string {
	if (!isOperationKey(operationKey)) return '';
	const operation = getOperation(operationKey);
	if (operation.api === 'sellerWallet') {
		return operation.method === 'GET'
			? tr`Amazon refused access: reading the Seller Wallet needs the "Account Information Service Provider" (AISP) role for your app, and the seller must have authorised the app in this region.`
			: tr`Amazon refused access: moving Seller Wallet money needs the "Payment Initiation Service Provider" (PISP) role for your app (and a valid certificate behind the signatures), and the seller must have authorised the app in this region.`;
	}
	return tr`Amazon refused access: payouts and payment methods need the "Finance and Accounting" role for your app, and the seller must have authorised the app in this region.`;
}

function mentionsSignature(errors: readonly AmazonErrorEntry[]): boolean {
	return errors.some((e) => /signature|certificate/i.test(`${e.code ?? ''} ${e.message ?? ''} ${e.details ?? ''}`));
}

/**
 * The error to show for a failed Seller Wallet or Transfers call: the advice made specific (roles,
 * balance, existing schedule, signatures), Amazon's words kept apart as they were sent, account numbers
 * masked, and for a write with an unknown outcome an UnclearOutcomeError that says exactly what to check.
 */
export function walletError(error: unknown, write?: WriteDescription, mask?: AccountNumberMask): unknown {
	if (!(error instanceof SpApiError)) return error;
	if (write && error.mayHaveTakenEffect && error.kind !== 'aborted') return unclearOutcomeError(error, write, mask);
	// only Amazon's answers to the call itself (not Login with Amazon's refusals) get the node's own words
	if (error.kind !== 'http') return mask ? withHint(error, error.hint, mask) : error;
	const refused = write?.refusedNothingDone ?? tr`Nothing was changed.`;
	switch (error.httpStatus) {
		case 403:
			// a refused access token is not a missing role: the core's advice (authorise again) stays
			if (!isRejectedToken(403, error.errors)) return withHint(error, roleHint(error.operation), mask);
			break;
		case 422:
			return withHint(
				error,
				tr`Amazon refused ${write?.what ?? tr`the request`}: not enough available balance in the source account, or a transfer limit was reached. ${refused} Check the balance (Account → Get Balances) or send a smaller amount.`,
				mask,
			);
		case 409:
			return withHint(
				error,
				tr`A transfer schedule from this account to that destination already exists. ${refused} Change the existing one (Transfer Schedule → Update) or delete it first.`,
				mask,
			);
		case 400:
			if (mentionsSignature(error.errors)) {
				return withHint(
					error,
					tr`Amazon did not accept the digital signatures. ${refused} They must be made by your payment service provider's certificate for exactly this destination and amount.`,
					mask,
				);
			}
			if (write) return withHint(error, tr`Amazon refused ${write.what} as invalid. ${refused} Check the fields of the node.`, mask);
			break;
		case 408:
			if (!write) {
				return withHint(
					error,
					error.attempts > 1
						? tr`Amazon did not finish in time (HTTP 408), also after ${error.attempts} tries. Nothing was changed; try again in a few minutes.`
						: tr`Amazon did not finish in time (HTTP 408). Nothing was changed; try again in a few minutes.`,
					mask,
				);
			}
			break;
		case 404:
			if (isOperationKey(error.operation) && getOperation(error.operation).api === 'sellerWallet') {
				return withHint(error, tr`Amazon found no such Seller Wallet account, transaction or schedule for this seller and marketplace. Check the ID and the marketplace.`, mask);
			}
			break;
		default:
			break;
	}
	return mask ? withHint(error, error.hint, mask) : error;
}
