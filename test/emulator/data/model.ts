/**
 * The emulator's internal truth. Amounts are integer minor units; times are epoch ms on the emulator
 * clock. Answers of every API (v0 events, 2024-06-19 transactions, summaries, balances) are derived
 * from these records, so they cannot disagree with each other.
 */
import type { SellerFixture } from '../types';

export interface CatalogItem {
	marketplaceId: string;
	sellerSku: string;
	asin: string;
	fnSku: string;
	title: string;
	unitPriceMinor: number;
	currency: string;
}

export interface OrderItemRecord {
	orderItemId: string;
	sellerSku: string;
	asin: string;
	title: string;
	quantity: number;
	unitPriceMinor: number;
	giftWrap: boolean;
}

export interface OrderRecord {
	amazonOrderId: string;
	marketplaceId: string;
	currency: string;
	purchasedAt: number;
	items: OrderItemRecord[];
}

/** One money component: ChargeType, FeeType, a tax withheld, or a promotion. */
export interface Part {
	type: string;
	minor: number;
}

export interface PromotionPart extends Part {
	promotionId: string;
}

/** An item of a shipment, refund, guarantee claim or chargeback. */
export interface ItemLine {
	sellerSku: string;
	asin: string;
	title: string;
	orderItemId: string;
	/** Only on refunds, guarantee claims and chargebacks. */
	orderAdjustmentItemId?: string;
	quantity: number;
	charges: Part[];
	fees: Part[];
	promotions: PromotionPart[];
	/** Marketplace-facilitator taxes Amazon keeps (US); negative on shipments, positive on refunds. */
	taxWithheld: Part[];
}

export type OrderEventKind = 'Shipment' | 'Refund' | 'GuaranteeClaim' | 'Chargeback';
export type FinanceEventKind = OrderEventKind | 'ServiceFee' | 'ChargeRefund' | 'Adjustment' | 'ProductAdsPayment' | 'Other';

interface FinanceEventBase {
	/** Stable emulator-internal id; transaction ids are derived from it. */
	eventId: string;
	kind: FinanceEventKind;
	sellerId: string;
	marketplaceId: string;
	currency: string;
	/** PostedDate as Amazon reports it. */
	postedAt: number;
	/** Late arrival: the event cannot be seen before this time (posted + 0–48 h). */
	visibleAt: number;
	/** Deferred transactions (e.g. delivery-date policy) are released at this time; absent = not deferred. */
	releaseAt?: number;
	deferralReason?: string;
	/** When finances v0 shows the event and its group takes it: max(visibleAt, releaseAt). */
	settledAt: number;
	/** FinancialEventGroupId of the group that holds the event. */
	groupId: string;
	/** Net effect on the seller's balance (sum of every part). */
	totalMinor: number;
}

export interface OrderFinanceEvent extends FinanceEventBase {
	kind: OrderEventKind;
	amazonOrderId: string;
	items: ItemLine[];
	/** Refunds of a refund spike: the reason every return of it gives (otherwise drawn at random). */
	returnReason?: string;
}

export interface ServiceFeeFinanceEvent extends FinanceEventBase {
	kind: 'ServiceFee';
	feeDescription: string;
	fees: Part[];
}

export interface ChargeRefundFinanceEvent extends FinanceEventBase {
	kind: 'ChargeRefund';
	reasonCode: string;
	reasonCodeDescription: string;
	transactions: Part[];
}

export interface AdjustmentItemRecord {
	sellerSku: string;
	fnSku: string;
	asin: string;
	productDescription: string;
	quantity: number;
	perUnitMinor: number;
	totalMinor: number;
}

export interface AdjustmentFinanceEvent extends FinanceEventBase {
	kind: 'Adjustment';
	adjustmentType: string;
	items: AdjustmentItemRecord[];
}

export interface ProductAdsFinanceEvent extends FinanceEventBase {
	kind: 'ProductAdsPayment';
	invoiceId: string;
	baseMinor: number;
	taxMinor: number;
}

/** A money part of a rarer event, with its place in the 2024-06-19 breakdown tree. */
export interface PathPart {
	path: string[];
	minor: number;
}

/**
 * One of the rarer event lists (retrocharges, coupons, liquidations, loans, ...): stored with its v0
 * body as Amazon sends it (money already in v0 form, made from the integer parts) and the parts that
 * make its total, from which the 2024-06-19 breakdown is built.
 */
export interface OtherFinanceEvent extends FinanceEventBase {
	kind: 'Other';
	/** The v0 list, e.g. RetrochargeEventList. */
	list: string;
	transactionType: string;
	description: string;
	/** Set for events that belong to an order. */
	amazonOrderId?: string;
	v0: Record<string, unknown>;
	/** Sum to totalMinor. */
	parts: PathPart[];
}

export type FinanceEvent =
	| OrderFinanceEvent
	| ServiceFeeFinanceEvent
	| ChargeRefundFinanceEvent
	| AdjustmentFinanceEvent
	| ProductAdsFinanceEvent
	| OtherFinanceEvent;

/** A settlement period of one currency account (FinancialEventGroup). */
export interface FinancialEventGroupRecord {
	groupId: string;
	sellerId: string;
	currency: string;
	/** Marketplaces of the seller paying into this currency account. */
	marketplaceIds: string[];
	startAt: number;
	/** Exclusive end; the group is Open while the clock is before it. */
	endAt: number;
	fundTransferAt: number;
	traceId: string;
	accountTail: string;
	/** Numeric settlement id, as in settlement reports and listSummary's SETTLEMENT_ID. */
	settlementId: string;
	/** Events in settlement order (settledAt, then eventId). */
	events: FinanceEvent[];
	/** Sum of every event of the group, exact. */
	totalMinor: number;
}

export interface SellerData {
	seller: SellerFixture;
	catalog: CatalogItem[];
	orders: OrderRecord[];
	/** Every event, sorted by postedAt then eventId. */
	events: FinanceEvent[];
	/** Every group, oldest first. */
	groups: FinancialEventGroupRecord[];
	/** Events of each order: its shipment, refunds, claims, and rarer order events (retrocharges, ...). */
	eventsByOrderId: Map<string, (OrderFinanceEvent | OtherFinanceEvent)[]>;
	groupsById: Map<string, FinancialEventGroupRecord>;
}

export function isOrderEvent(event: FinanceEvent): event is OrderFinanceEvent {
	return event.kind === 'Shipment' || event.kind === 'Refund' || event.kind === 'GuaranteeClaim' || event.kind === 'Chargeback';
}

export function sumParts(parts: readonly Part[]): number {
	let total = 0;
	for (const part of parts) total += part.minor;
	return total;
}

export function itemLineTotal(item: ItemLine): number {
	return sumParts(item.charges) + sumParts(item.fees) + sumParts(item.promotions) + sumParts(item.taxWithheld);
}

/** An order's finance event before settlement: settled when it becomes visible, its group assigned later. */
export function orderFinanceEvent(
	fields: Pick<OrderFinanceEvent, 'eventId' | 'kind' | 'sellerId' | 'marketplaceId' | 'currency' | 'postedAt' | 'visibleAt' | 'amazonOrderId' | 'items'>,
): OrderFinanceEvent {
	// every event is built with its properties in the same order: one object shape keeps the emulator's
	// filters over hundreds of thousands of events fast (a spread would add a second shape)
	return {
		eventId: fields.eventId,
		kind: fields.kind,
		sellerId: fields.sellerId,
		marketplaceId: fields.marketplaceId,
		currency: fields.currency,
		postedAt: fields.postedAt,
		visibleAt: fields.visibleAt,
		settledAt: fields.visibleAt,
		groupId: '',
		totalMinor: fields.items.reduce((sum, item) => sum + itemLineTotal(item), 0),
		amazonOrderId: fields.amazonOrderId,
		items: fields.items,
	};
}
