/**
 * Finances v0 shapes (financesV0.json): PascalCase, `{CurrencyCode, CurrencyAmount}` money, PostedDate
 * without milliseconds. ServiceFeeEvent has no PostedDate in Amazon's model, so none is sent.
 */
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import { v0Money } from '../money';
import type { FinanceEvent, FinancialEventGroupRecord, ItemLine, OrderFinanceEvent, Part } from '../data/model';

/** Every list of the model's FinancialEvents, in the model's order; Amazon sends them all, mostly empty. */
export const V0_EVENT_LISTS = [
	'ShipmentEventList',
	'ShipmentSettleEventList',
	'RefundEventList',
	'GuaranteeClaimEventList',
	'EBTRefundReimbursementOnlyEventList',
	'ChargebackEventList',
	'PayWithAmazonEventList',
	'ServiceProviderCreditEventList',
	'RetrochargeEventList',
	'RentalTransactionEventList',
	'ProductAdsPaymentEventList',
	'ServiceFeeEventList',
	'SellerDealPaymentEventList',
	'DebtRecoveryEventList',
	'LoanServicingEventList',
	'AdjustmentEventList',
	'SAFETReimbursementEventList',
	'SellerReviewEnrollmentPaymentEventList',
	'FBALiquidationEventList',
	'CouponPaymentEventList',
	'ImagingServicesFeeEventList',
	'NetworkComminglingTransactionEventList',
	'AffordabilityExpenseEventList',
	'AffordabilityExpenseReversalEventList',
	'RemovalShipmentEventList',
	'RemovalShipmentAdjustmentEventList',
	'TrialShipmentEventList',
	'TDSReimbursementEventList',
	'AdhocDisbursementEventList',
	'TaxWithholdingEventList',
	'ChargeRefundEventList',
	'FailedAdhocDisbursementEventList',
	'ValueAddedServiceChargeEventList',
	'CapacityReservationBillingEventList',
] as const;

export type V0EventListName = (typeof V0_EVENT_LISTS)[number];
export type V0FinancialEvents = Record<V0EventListName, unknown[]>;

const LIST_BY_KIND: Record<Exclude<FinanceEvent['kind'], 'Other'>, V0EventListName> = {
	Shipment: 'ShipmentEventList',
	Refund: 'RefundEventList',
	GuaranteeClaim: 'GuaranteeClaimEventList',
	Chargeback: 'ChargebackEventList',
	ServiceFee: 'ServiceFeeEventList',
	ChargeRefund: 'ChargeRefundEventList',
	Adjustment: 'AdjustmentEventList',
	ProductAdsPayment: 'ProductAdsPaymentEventList',
};

export function v0Date(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "Amazon.com", "Amazon.co.uk", "Amazon.co.jp": the MarketplaceName Amazon puts in events. */
export function marketplaceName(marketplaceId: string): string {
	const domain = findMarketplace(marketplaceId)?.domain ?? 'amazon.com';
	return `Amazon.${domain.replace(/^amazon\./, '')}`;
}

const chargeList = (parts: Part[], currency: string) =>
	parts.map((part) => ({ ChargeType: part.type, ChargeAmount: v0Money(part.minor, currency) }));
const feeList = (parts: Part[], currency: string) =>
	parts.map((part) => ({ FeeType: part.type, FeeAmount: v0Money(part.minor, currency) }));

function shipmentItem(item: ItemLine, currency: string, adjustment: boolean): Record<string, unknown> {
	const out: Record<string, unknown> = { SellerSKU: item.sellerSku };
	if (adjustment) out.OrderAdjustmentItemId = item.orderAdjustmentItemId;
	else out.OrderItemId = item.orderItemId;
	out.QuantityShipped = item.quantity;
	out[adjustment ? 'ItemChargeAdjustmentList' : 'ItemChargeList'] = chargeList(item.charges, currency);
	out[adjustment ? 'ItemFeeAdjustmentList' : 'ItemFeeList'] = feeList(item.fees, currency);
	if (item.taxWithheld.length > 0) {
		out.ItemTaxWithheldList = [{ TaxCollectionModel: 'MarketplaceFacilitator', TaxesWithheld: chargeList(item.taxWithheld, currency) }];
	}
	if (item.promotions.length > 0) {
		out[adjustment ? 'PromotionAdjustmentList' : 'PromotionList'] = item.promotions.map((promotion) => ({
			PromotionType: promotion.type,
			PromotionId: promotion.promotionId,
			PromotionAmount: v0Money(promotion.minor, currency),
		}));
	}
	return out;
}

function shipmentEvent(event: OrderFinanceEvent): Record<string, unknown> {
	const adjustment = event.kind !== 'Shipment';
	return {
		AmazonOrderId: event.amazonOrderId,
		SellerOrderId: event.amazonOrderId,
		MarketplaceName: marketplaceName(event.marketplaceId),
		PostedDate: v0Date(event.postedAt),
		[adjustment ? 'ShipmentItemAdjustmentList' : 'ShipmentItemList']: event.items.map((item) =>
			shipmentItem(item, event.currency, adjustment),
		),
	};
}

export function formatV0Event(event: FinanceEvent): { list: V0EventListName; body: Record<string, unknown> } {
	if (event.kind === 'Other') {
		const body = event.list === 'TrialShipmentEventList' ? { ...event.v0, FinancialEventGroupId: event.groupId } : event.v0;
		return { list: event.list as V0EventListName, body };
	}
	const list = LIST_BY_KIND[event.kind];
	const currency = event.currency;
	switch (event.kind) {
		case 'Shipment':
		case 'Refund':
		case 'GuaranteeClaim':
		case 'Chargeback':
			return { list, body: shipmentEvent(event) };
		case 'ServiceFee':
			return { list, body: { FeeList: feeList(event.fees, currency), FeeDescription: event.feeDescription } };
		case 'ChargeRefund':
			return {
				list,
				body: {
					PostedDate: v0Date(event.postedAt),
					ReasonCode: event.reasonCode,
					ReasonCodeDescription: event.reasonCodeDescription,
					ChargeRefundTransactions: event.transactions.map((part) => ({
						ChargeAmount: v0Money(part.minor, currency),
						ChargeType: part.type,
					})),
				},
			};
		case 'Adjustment':
			return {
				list,
				body: {
					AdjustmentType: event.adjustmentType,
					PostedDate: v0Date(event.postedAt),
					AdjustmentAmount: v0Money(event.totalMinor, currency),
					AdjustmentItemList: event.items.map((item) => ({
						// The model types Quantity as a string.
						Quantity: String(item.quantity),
						PerUnitAmount: v0Money(item.perUnitMinor, currency),
						TotalAmount: v0Money(item.totalMinor, currency),
						SellerSKU: item.sellerSku,
						FnSKU: item.fnSku,
						ProductDescription: item.productDescription,
						ASIN: item.asin,
					})),
				},
			};
		case 'ProductAdsPayment':
			// This list is camelCase in Amazon's model, unlike every other v0 list.
			return {
				list,
				body: {
					postedDate: v0Date(event.postedAt),
					transactionType: 'charge',
					invoiceId: event.invoiceId,
					baseValue: v0Money(event.baseMinor, currency),
					taxValue: v0Money(event.taxMinor, currency),
					transactionValue: v0Money(event.totalMinor, currency),
				},
			};
	}
}

export function emptyFinancialEvents(): V0FinancialEvents {
	return Object.fromEntries(V0_EVENT_LISTS.map((name) => [name, []])) as unknown as V0FinancialEvents;
}

export function formatFinancialEvents(events: readonly FinanceEvent[]): V0FinancialEvents {
	const out = emptyFinancialEvents();
	for (const event of events) {
		const { list, body } = formatV0Event(event);
		out[list].push(body);
	}
	return out;
}

/** A group as listFinancialEventGroups shows it at `nowMs`: Open while its period runs, then Closed. */
export function formatV0Group(group: FinancialEventGroupRecord, nowMs: number, openTotalMinor: number): Record<string, unknown> {
	const open = nowMs < group.endAt;
	const out: Record<string, unknown> = {
		FinancialEventGroupId: group.groupId,
		ProcessingStatus: open ? 'Open' : 'Closed',
	};
	if (!open) {
		out.FundTransferStatus = nowMs >= group.fundTransferAt ? 'Succeeded' : 'Processing';
	}
	out.OriginalTotal = v0Money(open ? openTotalMinor : group.totalMinor, group.currency);
	if (!open) {
		out.FundTransferDate = v0Date(group.fundTransferAt);
		out.TraceId = group.traceId;
		out.AccountTail = group.accountTail;
	}
	out.BeginningBalance = v0Money(0, group.currency);
	out.FinancialEventGroupStart = v0Date(group.startAt);
	if (!open) out.FinancialEventGroupEnd = v0Date(group.endAt);
	return out;
}
