/**
 * The 34 event lists of finances v0 `FinancialEvents`, as generated from Amazon's model, plus the few
 * things the model cannot say: how the net effect of an event on the seller's balance is computed.
 */
import { FINANCE_EVENT_LISTS, type FinanceEventListName } from '../generated/financeEventLists.generated';
import type { FinanceEventListSpec } from './eventListSpec';

export { FINANCE_EVENT_LISTS, type FinanceEventListName };

const BY_LIST = new Map<string, FinanceEventListSpec>(FINANCE_EVENT_LISTS.map((spec) => [spec.list, spec]));
const BY_TYPE = new Map<string, FinanceEventListSpec>(FINANCE_EVENT_LISTS.map((spec) => [spec.eventType, spec]));

export function eventListSpec(listOrType: string): FinanceEventListSpec | undefined {
	return BY_LIST.get(listOrType) ?? BY_TYPE.get(listOrType);
}

/**
 * How `total` (the event's net effect on the balance) is made from the flattened amounts. The model
 * lists the money fields but not which of them add up to the net, so this is ACORN's reading of each
 * event definition, written down once:
 * - `groups`: the sum of every amount in these groups (charges, fees, promotions, taxWithheld, ...).
 * - `amounts`: the sum of these plain money fields (keys of the `amounts` group, e.g. `TotalAmount`).
 * Fields left out are informational (per-unit amounts, original amounts, Amazon points, the value of a
 * rental) or already contained in a field that is counted.
 */
export interface TotalRule {
	groups?: readonly string[];
	amounts?: readonly string[];
}

const COMPONENT_GROUPS = ['charges', 'fees', 'promotions', 'taxWithheld', 'directPayments'] as const;

export const TOTAL_RULES: Readonly<Record<string, TotalRule>> = {
	ShipmentEvent: { groups: COMPONENT_GROUPS },
	EBTRefundReimbursementOnlyEvent: { amounts: ['Amount'] },
	PayWithAmazonEvent: { groups: ['charges', 'fees'] },
	SolutionProviderCreditEvent: { amounts: ['TransactionAmount'] },
	RetrochargeEvent: { amounts: ['BaseTax', 'ShippingTax'], groups: ['taxWithheld'] },
	RentalTransactionEvent: { groups: ['charges', 'fees', 'taxWithheld'] },
	ProductAdsPaymentEvent: { amounts: ['transactionValue'] },
	ServiceFeeEvent: { groups: ['fees'] },
	SellerDealPaymentEvent: { amounts: ['totalAmount'] },
	DebtRecoveryEvent: { amounts: ['RecoveryAmount'] },
	LoanServicingEvent: { amounts: ['LoanAmount'] },
	AdjustmentEvent: { amounts: ['AdjustmentAmount'] },
	SAFETReimbursementEvent: { amounts: ['ReimbursedAmount'] },
	SellerReviewEnrollmentPaymentEvent: { amounts: ['TotalAmount'] },
	FBALiquidationEvent: { amounts: ['LiquidationProceedsAmount', 'LiquidationFeeAmount'] },
	CouponPaymentEvent: { amounts: ['TotalAmount'] },
	ImagingServicesFeeEvent: { groups: ['fees'] },
	NetworkComminglingTransactionEvent: { amounts: ['TaxExclusiveAmount', 'TaxAmount'] },
	AffordabilityExpenseEvent: { amounts: ['TotalExpense'] },
	RemovalShipmentEvent: {
		amounts: ['RemovalShipmentItemList.Revenue', 'RemovalShipmentItemList.FeeAmount', 'RemovalShipmentItemList.TaxAmount', 'RemovalShipmentItemList.TaxWithheld'],
	},
	RemovalShipmentAdjustmentEvent: {
		amounts: [
			'RemovalShipmentItemAdjustmentList.RevenueAdjustment',
			'RemovalShipmentItemAdjustmentList.TaxAmountAdjustment',
			'RemovalShipmentItemAdjustmentList.TaxWithheldAdjustment',
		],
	},
	TrialShipmentEvent: { groups: ['fees'] },
	TDSReimbursementEvent: { amounts: ['ReimbursedAmount'] },
	AdhocDisbursementEvent: { amounts: ['TransactionAmount'] },
	TaxWithholdingEvent: { amounts: ['WithheldAmount'] },
	ChargeRefundEvent: { groups: ['charges'] },
	FailedAdhocDisbursementEvent: { amounts: ['TransferAmount'] },
	ValueAddedServiceChargeEvent: { amounts: ['TransactionAmount'] },
	CapacityReservationBillingEvent: { amounts: ['TransactionAmount'] },
};

/** A readable name for an event type: "GuaranteeClaim" → "Guarantee Claim", "FBALiquidation" → "FBA Liquidation". */
export function eventTypeLabel(eventType: string): string {
	return eventType
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.trim();
}
