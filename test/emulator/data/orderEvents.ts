/**
 * Orders of one marketplace and their financial events: a shipment for each order, and for some a
 * refund (≈8 %, sometimes partial, sometimes two refunds of two items), an A-to-z guarantee claim
 * (≈0.5 %) or a chargeback (≈0.3 %).
 */
import type { Marketplace } from '../../../nodes/sp-api/marketplaces';
import { usdCentsTo } from './catalog';
import { buildAdjustmentLine, buildShipmentLine, marketplaceContext } from './itemLines';
import { orderFinanceEvent, type CatalogItem, type ItemLine, type OrderEventKind, type OrderFinanceEvent, type OrderItemRecord, type OrderRecord } from './model';
import type { Random } from '../random';
import { arrivalLag, between, DAY, HOUR, wholeSecond } from './timing';

export interface OrderGenerationInput {
	random: Random;
	sellerId: string;
	marketplace: Marketplace;
	catalog: CatalogItem[];
	nowMs: number;
	historyDays: number;
	ordersPerDay: number;
	/** Order ids already used by this seller, to keep them unique. */
	usedOrderIds: Set<string>;
	nextEventId: () => string;
}

/** First three digits of order ids look like the marketplace's real ones. */
const ORDER_PREFIXES: Record<string, string[]> = {
	US: ['111', '112', '113', '114'], CA: ['701', '702'], MX: ['701', '702'], UK: ['202', '203', '204', '205', '206'],
	DE: ['302', '303', '304', '305', '306'], FR: ['402', '403', '404'], IT: ['405', '406'], ES: ['407', '408'],
	JP: ['249', '250', '503'], AU: ['249', '250'],
};

function newOrderId(random: Random, countryCode: string, used: Set<string>): string {
	const prefixes = ORDER_PREFIXES[countryCode] ?? ['999'];
	for (;;) {
		const id = `${random.pick(prefixes)}-${random.digits(7)}-${random.digits(7)}`;
		if (!used.has(id)) {
			used.add(id);
			return id;
		}
	}
}

function newOrderItems(random: Random, catalog: CatalogItem[]): OrderItemRecord[] {
	const lineCount = random.chance(0.7) ? 1 : random.chance(0.66) ? 2 : 3;
	const chosen = new Set<CatalogItem>();
	while (chosen.size < Math.min(lineCount, catalog.length)) chosen.add(random.pick(catalog));
	return [...chosen].map((product) => ({
		orderItemId: random.digits(14),
		sellerSku: product.sellerSku,
		asin: product.asin,
		title: product.title,
		quantity: random.chance(0.8) ? 1 : random.chance(0.75) ? 2 : 3,
		unitPriceMinor: product.unitPriceMinor,
		giftWrap: random.chance(0.05),
	}));
}

export function generateOrders(input: OrderGenerationInput): OrderRecord[] {
	const { random, marketplace, nowMs, historyDays, ordersPerDay } = input;
	const catalog = input.catalog.filter((item) => item.marketplaceId === marketplace.id);
	if (catalog.length === 0) return [];
	const orders: OrderRecord[] = [];
	for (let day = 0; day < historyDays; day++) {
		const count = Math.max(0, Math.round(ordersPerDay * (0.7 + 0.6 * random.next())));
		for (let i = 0; i < count; i++) {
			orders.push({
				amazonOrderId: newOrderId(random, marketplace.countryCode, input.usedOrderIds),
				marketplaceId: marketplace.id,
				currency: marketplace.currency,
				purchasedAt: wholeSecond(nowMs - (day + random.next()) * DAY),
				items: newOrderItems(random, catalog),
			});
		}
	}
	return orders.sort((a, b) => a.purchasedAt - b.purchasedAt);
}

function orderEvent(
	input: OrderGenerationInput,
	kind: OrderEventKind,
	order: OrderRecord,
	postedAt: number,
	items: ItemLine[],
): OrderFinanceEvent {
	return orderFinanceEvent({
		eventId: input.nextEventId(),
		kind,
		sellerId: input.sellerId,
		marketplaceId: order.marketplaceId,
		currency: order.currency,
		postedAt,
		visibleAt: postedAt + arrivalLag(input.random),
		amazonOrderId: order.amazonOrderId,
		items,
	});
}

function adjustmentEvent(
	input: OrderGenerationInput,
	kind: OrderEventKind,
	order: OrderRecord,
	postedAt: number,
	adjustments: { line: ItemLine; quantity: number }[],
): OrderFinanceEvent {
	const items = adjustments.map(({ line, quantity }) =>
		buildAdjustmentLine(line, quantity, input.random.digits(14), order.currency),
	);
	return orderEvent(input, kind, order, postedAt, items);
}

export function generateOrderEvents(input: OrderGenerationInput, orders: OrderRecord[]): OrderFinanceEvent[] {
	const { random, marketplace } = input;
	const context = marketplaceContext(marketplace.countryCode, marketplace.currency);
	const events: OrderFinanceEvent[] = [];
	for (const order of orders) {
		const shippingMinor = random.chance(0.3) ? usdCentsTo(order.currency, 499) : 0;
		const promotionId = random.chance(0.2) ? `ACORN-PROMO-${random.digits(6)}` : undefined;
		const freeShippingPromotion = random.chance(0.4);
		const lines = order.items.map((item, index) =>
			buildShipmentLine(random, item, context, {
				shippingMinor: index === 0 ? shippingMinor : 0,
				promotionId,
				freeShippingPromotion,
			}),
		);
		const shipmentPostedAt = between(random, order.purchasedAt + DAY, DAY);
		const shipment = orderEvent(input, 'Shipment', order, shipmentPostedAt, lines);
		// Delivery-date policy: about one shipment in ten is paid out only seven days later.
		if (random.chance(0.1)) {
			shipment.releaseAt = shipmentPostedAt + 7 * DAY;
			shipment.deferralReason = 'DD7';
			shipment.settledAt = Math.max(shipment.visibleAt, shipment.releaseAt);
		}
		events.push(shipment);

		const outcome = random.next();
		if (outcome < 0.08) {
			const refundAt = (): number => between(random, shipmentPostedAt + 3 * DAY, 27 * DAY);
			if (lines.length >= 2 && random.chance(0.25)) {
				// Two refunds, one per item, on different days.
				const [first, second] = [lines[0], lines[1]];
				events.push(adjustmentEvent(input, 'Refund', order, refundAt(), [{ line: first, quantity: first.quantity }]));
				events.push(adjustmentEvent(input, 'Refund', order, refundAt() + HOUR, [{ line: second, quantity: second.quantity }]));
			} else {
				const line = random.pick(lines);
				const partial = line.quantity > 1 && random.chance(0.4);
				const quantity = partial ? random.int(1, line.quantity - 1) : line.quantity;
				events.push(adjustmentEvent(input, 'Refund', order, refundAt(), [{ line, quantity }]));
			}
		} else if (outcome < 0.085) {
			const claimAt = between(random, shipmentPostedAt + 10 * DAY, 35 * DAY);
			events.push(adjustmentEvent(input, 'GuaranteeClaim', order, claimAt, lines.map((line) => ({ line, quantity: line.quantity }))));
		} else if (outcome < 0.088) {
			const chargebackAt = between(random, shipmentPostedAt + 15 * DAY, 45 * DAY);
			events.push(adjustmentEvent(input, 'Chargeback', order, chargebackAt, lines.map((line) => ({ line, quantity: line.quantity }))));
		}
	}
	return events;
}
