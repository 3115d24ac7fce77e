/**
 * Refund lines from finances v0 events: one line per refunded order item of RefundEventList,
 * GuaranteeClaimEventList and ChargebackEventList (ShipmentItemAdjustmentList), one per fee refund
 * (ChargeRefundEventList) and one per item of a reimbursement reversal (AdjustmentEventList).
 */
import { toLocalIso } from '../dates';
import { readAmazonMoney, sumMoney, type Money } from '../money';
import { eventsOf } from './flattenEvents';
import { marketplaceOfEvent, type EventMarketplace } from './marketplaceOfEvent';
import {
	chargePartOf,
	isZeroMoney,
	RefundAmounts,
	refundKeyOf,
	refundKindLabel,
	subtractMoney,
	type RefundKind,
	type RefundRecord,
	withoutUndefined,
} from './refunds';

type Json = Record<string, unknown>;

const SHIPMENT_LIKE_KINDS: Readonly<Record<string, RefundKind>> = {
	RefundEventList: 'refund',
	GuaranteeClaimEventList: 'guaranteeClaim',
	ChargebackEventList: 'chargeback',
};

/** Adjustment types that take a reimbursement back (Amazon: REVERSAL_REIMBURSEMENT, ...). */
const REVERSAL_TYPE = /REVERSAL/i;

export interface EventRefundOptions {
	/** Only these kinds; all when absent. */
	kinds?: ReadonlySet<RefundKind>;
	financialEventGroupId?: string;
}

function list(value: unknown): Json[] {
	return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function moneyOf(value: unknown): Money | undefined {
	return readAmazonMoney(value);
}

interface LineBase {
	kind: RefundKind;
	marketplace: EventMarketplace;
	postedDate?: string;
	amazonOrderId?: string;
	sellerOrderId?: string;
	financialEventGroupId?: string;
}

function finish(base: LineBase, amounts: RefundAmounts, extra: Partial<RefundRecord>, fallbackCurrency?: string): RefundRecord {
	const currency = amounts.currency(fallbackCurrency ?? base.marketplace.currency ?? 'USD');
	const record: Omit<RefundRecord, 'refundKey'> = {
		kind: base.kind,
		kindLabel: refundKindLabel(base.kind),
		amazonOrderId: base.amazonOrderId,
		sellerOrderId: base.sellerOrderId,
		marketplaceId: base.marketplace.id,
		marketplaceName: base.marketplace.name,
		currency,
		...amounts.fields(currency),
		postedDate: base.postedDate,
		postedDateLocal: base.marketplace.timeZone ? toLocalIso(base.postedDate, base.marketplace.timeZone) : undefined,
		financialEventGroupId: base.financialEventGroupId,
		source: 'financialEvents',
		breakdownComplete: true,
		...extra,
	};
	return withoutUndefined({ ...record, refundKey: refundKeyOf(record) });
}

function addCharges(amounts: RefundAmounts, charges: Json[]): void {
	for (const charge of charges) {
		const value = moneyOf(charge.ChargeAmount);
		const type = text(charge.ChargeType) ?? 'Unspecified';
		if (value) amounts.add(chargePartOf(type), type, value);
	}
}

function addFees(amounts: RefundAmounts, fees: Json[]): void {
	for (const fee of fees) {
		const value = moneyOf(fee.FeeAmount);
		if (value) amounts.add('fees', text(fee.FeeType) ?? 'Unspecified', value);
	}
}

function shipmentItemLines(base: LineBase, event: Json): RefundRecord[] {
	const items = list(event.ShipmentItemAdjustmentList ?? event.ShipmentItemList);
	const lines: RefundRecord[] = [];
	for (const item of items) {
		const amounts = new RefundAmounts();
		addCharges(amounts, list(item.ItemChargeAdjustmentList ?? item.ItemChargeList));
		addFees(amounts, list(item.ItemFeeAdjustmentList ?? item.ItemFeeList));
		for (const promotion of list(item.PromotionAdjustmentList ?? item.PromotionList)) {
			const value = moneyOf(promotion.PromotionAmount);
			if (value) amounts.add('promotion', text(promotion.PromotionType) ?? 'Promotion', value);
		}
		for (const withheld of list(item.ItemTaxWithheldList)) addTaxesWithheld(amounts, list(withheld.TaxesWithheld));
		const quantity = typeof item.QuantityShipped === 'number' ? item.QuantityShipped : undefined;
		lines.push(
			finish(base, amounts, {
				orderAdjustmentItemId: text(item.OrderAdjustmentItemId),
				sellerSku: text(item.SellerSKU),
				quantity,
				costOfPointsReturned: moneyOf(item.CostOfPointsReturned),
			}),
		);
	}
	// Money Amazon books on the order rather than on an item gets a line of its own, so lines still add up.
	const orderLevel = new RefundAmounts();
	addCharges(orderLevel, list(event.OrderChargeAdjustmentList ?? event.OrderChargeList));
	addFees(orderLevel, [...list(event.ShipmentFeeAdjustmentList ?? event.ShipmentFeeList), ...list(event.OrderFeeAdjustmentList ?? event.OrderFeeList)]);
	for (const payment of list(event.DirectPaymentList)) {
		const value = moneyOf(payment.DirectPaymentAmount);
		if (value) orderLevel.add('otherCharges', text(payment.DirectPaymentType) ?? 'DirectPayment', value);
	}
	if (orderLevel.hasParts()) lines.push(finish(base, orderLevel, { reason: 'Order-level adjustment' }, lines[0]?.currency));
	return lines;
}

function addTaxesWithheld(amounts: RefundAmounts, taxes: Json[]): void {
	for (const tax of taxes) {
		const value = moneyOf(tax.ChargeAmount);
		if (value) amounts.add('taxWithheld', text(tax.ChargeType) ?? 'TaxWithheld', value);
	}
}

function chargeRefundLine(base: LineBase, event: Json): RefundRecord {
	const amounts = new RefundAmounts();
	addCharges(amounts, list(event.ChargeRefundTransactions));
	return finish(base, amounts, { reason: text(event.ReasonCode) ?? text(event.ReasonCodeDescription) });
}

function reversalLines(base: LineBase, event: Json): RefundRecord[] {
	const adjustmentType = text(event.AdjustmentType) ?? 'Adjustment';
	const eventTotal = moneyOf(event.AdjustmentAmount);
	const items = list(event.AdjustmentItemList);
	const lines: RefundRecord[] = [];
	const counted: Money[] = [];
	for (const item of items) {
		const total = moneyOf(item.TotalAmount);
		if (!total) continue;
		counted.push(total);
		const amounts = new RefundAmounts();
		amounts.add('otherCharges', adjustmentType, total);
		const quantity = Number(item.Quantity);
		lines.push(
			finish(
				base,
				amounts,
				{
					sellerSku: text(item.SellerSKU),
					asin: text(item.ASIN),
					quantity: Number.isFinite(quantity) ? Math.abs(quantity) : undefined,
					reason: adjustmentType,
				},
				total.currency,
			),
		);
	}
	if (eventTotal) {
		const itemsTotal = sumMoney(counted, eventTotal.currency);
		const difference = subtractMoney(eventTotal, itemsTotal);
		if (lines.length === 0 || !isZeroMoney(difference)) {
			// No items, or items that do not explain the whole adjustment: the rest gets its own line.
			const amounts = new RefundAmounts();
			amounts.add('otherCharges', adjustmentType, lines.length === 0 ? eventTotal : difference);
			lines.push(finish(base, amounts, { reason: adjustmentType, breakdownComplete: lines.length === 0 }, eventTotal.currency));
		}
	}
	return lines;
}

/** Refund lines of one `FinancialEvents` object (one page of a v0 answer). */
export function refundsFromFinancialEvents(financialEvents: unknown, options: EventRefundOptions = {}): RefundRecord[] {
	const wanted = (kind: RefundKind) => !options.kinds || options.kinds.has(kind);
	const out: RefundRecord[] = [];
	for (const { spec, event } of eventsOf(financialEvents)) {
		const postedDate = text(event.PostedDate);
		const common = { postedDate, financialEventGroupId: options.financialEventGroupId };
		const shipmentKind = SHIPMENT_LIKE_KINDS[spec.list];
		if (shipmentKind) {
			if (!wanted(shipmentKind)) continue;
			const base: LineBase = {
				...common,
				kind: shipmentKind,
				marketplace: marketplaceOfEvent(undefined, text(event.MarketplaceName)),
				amazonOrderId: text(event.AmazonOrderId),
				sellerOrderId: text(event.SellerOrderId),
			};
			out.push(...shipmentItemLines(base, event));
		} else if (spec.list === 'ChargeRefundEventList') {
			if (wanted('chargeRefund')) out.push(chargeRefundLine({ ...common, kind: 'chargeRefund', marketplace: {} }, event));
		} else if (spec.list === 'AdjustmentEventList' && REVERSAL_TYPE.test(text(event.AdjustmentType) ?? '')) {
			if (wanted('reimbursementReversal')) out.push(...reversalLines({ ...common, kind: 'reimbursementReversal', marketplace: {} }, event));
		}
	}
	return out;
}
