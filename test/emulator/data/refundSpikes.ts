/**
 * Refund spikes: a product problem the emulator's user asks for (e.g. the demo's "a batch of lanterns
 * arrived broken in Germany"). For each spike, `refunds` extra single-unit orders of one product are
 * shipped by Amazon (FBA), returned with one reason and refunded within the last hours before the clock
 * start, each visible within half an hour of posting. They are ordinary orders, shipments and refunds:
 * every API and report derives them like the rest of the data (settlement periods, transactions,
 * returns reports, notifications).
 *
 * Drawn from their own random stream and only when asked for, so the seeded data of everyone else stays
 * exactly what it was.
 */
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import { Random } from '../random';
import { channelOf } from '../reports/content/channel';
import type { RefundSpike, SellerFixture } from '../types';
import { buildAdjustmentLine, buildShipmentLine, marketplaceContext } from './itemLines';
import { orderFinanceEvent, type CatalogItem, type ItemLine, type OrderFinanceEvent, type OrderRecord } from './model';
import { DAY, HOUR, wholeSecond } from './timing';

export const DEFAULT_SPIKE_HOURS = 20;
export const DEFAULT_SPIKE_REASON = 'DEFECTIVE';

export interface SpikeInput {
	seed: number;
	seller: SellerFixture;
	nowMs: number;
	catalog: CatalogItem[];
	/** The seller's orders so far: order ids look like the marketplace's other ones. */
	orders: OrderRecord[];
	usedOrderIds: Set<string>;
	nextEventId: () => string;
}

/** The product code in a SKU of the emulator's catalog (`EU-LAMP-123` → `LAMP`). */
function productCode(sellerSku: string): string {
	return sellerSku.split('-')[1] ?? '';
}

function resolveSpike(spike: RefundSpike, input: SpikeInput): { marketplaceId: string; product: CatalogItem } {
	const wanted = spike.marketplace.toUpperCase();
	const marketplaceId = input.seller.marketplaceIds.find((id) => id === spike.marketplace || findMarketplace(id)?.countryCode === wanted);
	if (!marketplaceId) throw new RangeError(`refund spike: seller ${input.seller.key} does not sell in ${spike.marketplace}`);
	const offered = input.catalog.filter((item) => item.marketplaceId === marketplaceId);
	const product = offered.find((item) => productCode(item.sellerSku) === spike.product.toUpperCase());
	if (!product) {
		throw new RangeError(`refund spike: seller ${input.seller.key} has no product ${spike.product} in ${spike.marketplace} (it has ${offered.map((item) => productCode(item.sellerSku)).join(', ')})`);
	}
	if (!Number.isInteger(spike.refunds) || spike.refunds < 1) throw new RangeError(`refund spike: refunds must be a positive integer, got ${spike.refunds}`);
	const hours = spike.withinHours ?? DEFAULT_SPIKE_HOURS;
	if (!(hours >= 2)) throw new RangeError(`refund spike: withinHours must be at least 2, got ${hours}`);
	return { marketplaceId, product };
}

/** An unused order id of an FBA order, with a prefix the marketplace's other orders use. */
function fbaOrderId(random: Random, prefixes: string[], used: Set<string>): string {
	for (;;) {
		const id = `${random.pick(prefixes)}-${random.digits(7)}-${random.digits(7)}`;
		if (used.has(id) || channelOf(id) !== 'AFN') continue;
		used.add(id);
		return id;
	}
}

export function generateRefundSpike(spike: RefundSpike, index: number, input: SpikeInput): { orders: OrderRecord[]; events: OrderFinanceEvent[] } {
	const { marketplaceId, product } = resolveSpike(spike, input);
	const marketplace = findMarketplace(marketplaceId)!;
	const random = new Random(input.seed, input.seller.sellerId, 'refund-spike', String(index));
	const prefixes = [...new Set(input.orders.filter((order) => order.marketplaceId === marketplaceId).map((order) => order.amazonOrderId.slice(0, 3)))];
	const context = marketplaceContext(marketplace.countryCode, marketplace.currency);
	const windowMs = (spike.withinHours ?? DEFAULT_SPIKE_HOURS) * HOUR;
	const orders: OrderRecord[] = [];
	const events: OrderFinanceEvent[] = [];
	const event = (kind: OrderFinanceEvent['kind'], order: OrderRecord, postedAt: number, visibleAt: number, items: ItemLine[]): OrderFinanceEvent =>
		orderFinanceEvent({ eventId: input.nextEventId(), kind, sellerId: input.seller.sellerId, marketplaceId, currency: marketplace.currency, postedAt, visibleAt, amazonOrderId: order.amazonOrderId, items });
	for (let i = 0; i < spike.refunds; i++) {
		// Posted between the start of the window and an hour before the clock start; seen within 30 minutes.
		const refundAt = wholeSecond(input.nowMs - HOUR - random.next() * (windowMs - HOUR));
		const purchasedAt = wholeSecond(refundAt - (5 + random.next() * 10) * DAY);
		const order: OrderRecord = {
			amazonOrderId: fbaOrderId(random, prefixes.length ? prefixes : ['999'], input.usedOrderIds),
			marketplaceId,
			currency: marketplace.currency,
			purchasedAt,
			items: [{ orderItemId: random.digits(14), sellerSku: product.sellerSku, asin: product.asin, title: product.title, quantity: 1, unitPriceMinor: product.unitPriceMinor, giftWrap: false }],
		};
		const line = buildShipmentLine(random, order.items[0], context, { shippingMinor: 0, freeShippingPromotion: false });
		const shippedAt = wholeSecond(purchasedAt + (0.5 + random.next()) * DAY);
		const refundVisibleAt = wholeSecond(refundAt + random.next() * 0.5 * HOUR);
		const refund = event('Refund', order, refundAt, refundVisibleAt, [buildAdjustmentLine(line, 1, random.digits(14), marketplace.currency)]);
		refund.returnReason = spike.reason ?? DEFAULT_SPIKE_REASON;
		orders.push(order);
		events.push(event('Shipment', order, shippedAt, wholeSecond(shippedAt + random.next() * 2 * HOUR), [line]), refund);
	}
	return { orders, events };
}
