/**
 * Test helpers reading money out of finances v0 JSON: the net amount of one event, summed from its
 * parts exactly (bigint minor units), so tests can compare answers with group totals.
 */
import { toMinor, type Json } from './testSupport';

function sumMoney(values: Json[] | undefined, field: string): bigint {
	let total = 0n;
	for (const value of values ?? []) total += toMinor(value[field].CurrencyAmount, value[field].CurrencyCode);
	return total;
}

export function shipmentItemNet(item: Json): bigint {
	let total = sumMoney(item.ItemChargeList ?? item.ItemChargeAdjustmentList, 'ChargeAmount');
	total += sumMoney(item.ItemFeeList ?? item.ItemFeeAdjustmentList, 'FeeAmount');
	total += sumMoney(item.PromotionList ?? item.PromotionAdjustmentList, 'PromotionAmount');
	for (const withheld of item.ItemTaxWithheldList ?? []) total += sumMoney(withheld.TaxesWithheld, 'ChargeAmount');
	return total;
}

function one(value: Json | undefined): bigint {
	return value ? toMinor(value.CurrencyAmount, value.CurrencyCode) : 0n;
}

function itemsSum(items: Json[] | undefined, ...fields: string[]): bigint {
	let total = 0n;
	for (const item of items ?? []) for (const name of fields) total += one(item[name]);
	return total;
}

/** Net effect of one v0 event on the seller's balance, for the lists the emulator produces. */
export function v0EventNet(list: string, event: Json): bigint {
	switch (list) {
		case 'ShipmentEventList':
		case 'ShipmentSettleEventList':
		case 'RefundEventList':
		case 'GuaranteeClaimEventList':
		case 'ChargebackEventList':
			return (event.ShipmentItemList ?? event.ShipmentItemAdjustmentList).reduce((sum: bigint, item: Json) => sum + shipmentItemNet(item), 0n);
		case 'ServiceFeeEventList':
		case 'ImagingServicesFeeEventList':
		case 'TrialShipmentEventList':
			return sumMoney(event.FeeList, 'FeeAmount');
		case 'EBTRefundReimbursementOnlyEventList':
			return one(event.Amount);
		case 'PayWithAmazonEventList':
			return one(event.Charge.ChargeAmount) + sumMoney(event.FeeList, 'FeeAmount');
		case 'ServiceProviderCreditEventList':
		case 'AdhocDisbursementEventList':
		case 'ValueAddedServiceChargeEventList':
		case 'CapacityReservationBillingEventList':
			return one(event.TransactionAmount);
		case 'RetrochargeEventList':
			return one(event.BaseTax) + one(event.ShippingTax);
		case 'RentalTransactionEventList':
			return sumMoney(event.RentalChargeList, 'ChargeAmount') + sumMoney(event.RentalFeeList, 'FeeAmount');
		case 'SellerDealPaymentEventList':
			return one(event.totalAmount);
		case 'DebtRecoveryEventList':
			return one(event.RecoveryAmount);
		case 'LoanServicingEventList':
			return one(event.LoanAmount);
		case 'SAFETReimbursementEventList':
		case 'TDSReimbursementEventList':
			return one(event.ReimbursedAmount);
		case 'SellerReviewEnrollmentPaymentEventList':
		case 'CouponPaymentEventList':
			return one(event.TotalAmount);
		case 'FBALiquidationEventList':
			return one(event.LiquidationProceedsAmount) + one(event.LiquidationFeeAmount);
		case 'NetworkComminglingTransactionEventList':
			return one(event.TaxExclusiveAmount) + one(event.TaxAmount);
		case 'AffordabilityExpenseEventList':
		case 'AffordabilityExpenseReversalEventList':
			return one(event.TotalExpense);
		case 'RemovalShipmentEventList':
			return itemsSum(event.RemovalShipmentItemList, 'Revenue', 'FeeAmount', 'TaxAmount', 'TaxWithheld');
		case 'RemovalShipmentAdjustmentEventList':
			return itemsSum(event.RemovalShipmentItemAdjustmentList, 'RevenueAdjustment', 'TaxAmountAdjustment', 'TaxWithheldAdjustment');
		case 'TaxWithholdingEventList':
			return one(event.WithheldAmount);
		case 'FailedAdhocDisbursementEventList':
			return one(event.TransferAmount);
		case 'ChargeRefundEventList':
			return sumMoney(event.ChargeRefundTransactions, 'ChargeAmount');
		case 'AdjustmentEventList':
			return toMinor(event.AdjustmentAmount.CurrencyAmount, event.AdjustmentAmount.CurrencyCode);
		case 'ProductAdsPaymentEventList':
			return toMinor(event.transactionValue.CurrencyAmount, event.transactionValue.CurrencyCode);
		default:
			throw new Error(`the test does not know how to sum ${list}`);
	}
}

/** Every (list, event) pair of a FinancialEvents object. */
export function v0Events(financialEvents: Json): { list: string; event: Json }[] {
	return Object.entries(financialEvents as Record<string, Json[]>).flatMap(([list, events]) => events.map((event) => ({ list, event })));
}
