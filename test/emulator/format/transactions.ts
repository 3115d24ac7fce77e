/**
 * Finances 2024-06-19 Transaction shapes (finances_2024-06-19.json), derived from the same event records
 * as finances v0. Status and the group identifier depend on the clock: a deferred transaction is
 * DEFERRED until released, then DEFERRED_RELEASED; the FINANCIAL_EVENT_GROUP_ID appears once settled.
 */
import { createHash } from 'node:crypto';
import { camelMoney } from '../money';
import { isOrderEvent, itemLineTotal, type FinanceEvent, type OrderFinanceEvent } from '../data/model';
import { breakdownsJson, breakdownsOf, itemBreakdowns, mergeBreakdowns, type BreakdownNode } from './breakdowns';
import { marketplaceName } from './v0';

const TYPE_AND_DESCRIPTION: Record<Exclude<FinanceEvent['kind'], 'Other'>, [transactionType: string, description: string]> = {
	Shipment: ['Shipment', 'Order Payment'],
	Refund: ['Refund', 'Refund Order'],
	GuaranteeClaim: ['GuaranteeClaim', 'A-to-z Guarantee Claim'],
	Chargeback: ['Chargeback', 'Chargeback Refund'],
	ServiceFee: ['ServiceFee', 'Service Fee'],
	ChargeRefund: ['ChargeRefund', 'Charge Refund'],
	Adjustment: ['Adjustment', 'FBA Inventory Reimbursement'],
	ProductAdsPayment: ['ProductAdsPayment', 'Cost of Advertising'],
};

export const ACCOUNT_TYPE = 'Standard Orders';

export function isoDate(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function transactionIdOf(seed: number, eventId: string): string {
	return createHash('sha256').update(`${seed}:${eventId}`).digest('base64url');
}

export type TransactionStatus = 'DEFERRED' | 'RELEASED' | 'DEFERRED_RELEASED';

export function transactionStatusAt(event: FinanceEvent, nowMs: number): TransactionStatus {
	if (event.releaseAt === undefined) return 'RELEASED';
	return nowMs < event.releaseAt ? 'DEFERRED' : 'DEFERRED_RELEASED';
}

/** The transaction-level breakdown tree of an event (items merged, or the event's own parts). */
export function eventBreakdowns(event: FinanceEvent): BreakdownNode[] {
	switch (event.kind) {
		case 'Shipment':
		case 'Refund':
		case 'GuaranteeClaim':
		case 'Chargeback':
			return mergeBreakdowns(event.items.map(itemBreakdowns));
		case 'ServiceFee':
			return breakdownsOf(event.fees.map((fee) => ({ path: ['Expenses', 'ServiceFees', fee.type], minor: fee.minor })));
		case 'ChargeRefund':
			return breakdownsOf(event.transactions.map((part) => ({ path: ['Expenses', 'ChargeRefunds', part.type], minor: part.minor })));
		case 'Adjustment':
			return breakdownsOf([{ path: ['Reimbursements', event.adjustmentType], minor: event.totalMinor }]);
		case 'ProductAdsPayment':
			return breakdownsOf([
				{ path: ['Expenses', 'Advertising', 'BaseValue'], minor: event.baseMinor },
				{ path: ['Expenses', 'Advertising', 'TaxValue'], minor: event.taxMinor },
			]);
		case 'Other':
			return breakdownsOf(event.parts);
	}
}

function orderItems(event: OrderFinanceEvent): Record<string, unknown>[] {
	return event.items.map((item) => {
		const total = itemLineTotal(item);
		const out: Record<string, unknown> = { description: item.title };
		if (item.orderAdjustmentItemId) {
			out.relatedIdentifiers = [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: item.orderAdjustmentItemId }];
		}
		out.totalAmount = camelMoney(total, event.currency);
		out.breakdowns = breakdownsJson(itemBreakdowns(item), event.currency);
		out.contexts = [
			{ contextType: 'ProductContext', asin: item.asin, sku: item.sellerSku, quantityShipped: item.quantity, fulfillmentNetwork: 'AFN' },
		];
		return out;
	});
}

function itemsOf(event: FinanceEvent): Record<string, unknown>[] | undefined {
	if (isOrderEvent(event)) return orderItems(event);
	if (event.kind === 'Adjustment') {
		// Reimbursements carry their breakdown at transaction level only, as Amazon's do.
		return event.items.map((item) => ({
			description: item.productDescription,
			totalAmount: camelMoney(item.totalMinor, event.currency),
			contexts: [
				{ contextType: 'ProductContext', asin: item.asin, sku: item.sellerSku, quantityShipped: item.quantity, fulfillmentNetwork: 'AFN' },
			],
		}));
	}
	return undefined;
}

function relatedIdentifiersOf(event: FinanceEvent, nowMs: number): { relatedIdentifierName: string; relatedIdentifierValue: string }[] {
	const identifiers: { relatedIdentifierName: string; relatedIdentifierValue: string }[] = [];
	if (isOrderEvent(event)) identifiers.push({ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: event.amazonOrderId });
	if (event.kind === 'Other' && event.amazonOrderId) identifiers.push({ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: event.amazonOrderId });
	if (event.kind === 'ProductAdsPayment') identifiers.push({ relatedIdentifierName: 'INVOICE_ID', relatedIdentifierValue: event.invoiceId });
	if (nowMs >= event.settledAt) {
		identifiers.push({ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: event.groupId });
	}
	return identifiers;
}

function descriptionOf(event: FinanceEvent): string {
	if (event.kind === 'Other') return event.description;
	if (event.kind === 'ServiceFee') return event.feeDescription;
	if (event.kind === 'ChargeRefund') return event.reasonCodeDescription;
	if (event.kind === 'Adjustment') return `${TYPE_AND_DESCRIPTION.Adjustment[1]} - ${event.adjustmentType}`;
	return TYPE_AND_DESCRIPTION[event.kind][1];
}

export function formatTransaction(event: FinanceEvent, seed: number, nowMs: number): Record<string, unknown> {
	const out: Record<string, unknown> = {
		sellingPartnerMetadata: { sellingPartnerId: event.sellerId, accountType: ACCOUNT_TYPE, marketplaceId: event.marketplaceId },
		relatedIdentifiers: relatedIdentifiersOf(event, nowMs),
		transactionType: event.kind === 'Other' ? event.transactionType : TYPE_AND_DESCRIPTION[event.kind][0],
		transactionId: transactionIdOf(seed, event.eventId),
		transactionStatus: transactionStatusAt(event, nowMs),
		description: descriptionOf(event),
		postedDate: isoDate(event.postedAt),
		totalAmount: camelMoney(event.totalMinor, event.currency),
		marketplaceDetails: { marketplaceId: event.marketplaceId, marketplaceName: marketplaceName(event.marketplaceId) },
	};
	const items = itemsOf(event);
	if (items) out.items = items;
	if (event.releaseAt !== undefined) {
		out.contexts = [{ contextType: 'DeferredContext', deferralReason: event.deferralReason ?? 'DD7', maturityDate: isoDate(event.releaseAt) }];
	}
	out.breakdowns = breakdownsJson(eventBreakdowns(event), event.currency);
	return out;
}
