/**
 * Builds one seller's data: catalog, orders, every financial event and the settlement groups.
 * Deterministic for a given seed, clock start and seller: every part draws from its own seeded stream.
 */
import { findMarketplace, type Marketplace } from '../../../nodes/sp-api/marketplaces';
import { Random } from '../random';
import type { RefundSpike, SellerFixture } from '../types';
import { generateAdjustments, generateChargeRefunds, generateProductAds, generateServiceFees } from './accountEvents';
import { buildCatalog } from './catalog';
import { buildGroups } from './groups';
import { isOrderEvent, type FinanceEvent, type OrderFinanceEvent, type OrderRecord, type OtherFinanceEvent, type SellerData } from './model';
import { generateOrderEvents, generateOrders } from './orderEvents';
import { generateRareEvents } from './rareEvents';
import { generateRefundSpike } from './refundSpikes';

export interface GeneratorSettings {
	seed: number;
	nowMs: number;
	historyDays: number;
	ordersPerDay: number;
	refundSpikes?: readonly RefundSpike[];
}

function marketplacesOf(seller: SellerFixture): Marketplace[] {
	return seller.marketplaceIds.map((id) => {
		const marketplace = findMarketplace(id);
		if (!marketplace) throw new Error(`fixture ${seller.key} names unknown marketplace ${id}`);
		return marketplace;
	});
}

function compareEvents(a: FinanceEvent, b: FinanceEvent): number {
	return a.postedAt - b.postedAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

export function generateSellerData(seller: SellerFixture, settings: GeneratorSettings): SellerData {
	const { seed, nowMs, historyDays, ordersPerDay } = settings;
	const stream = (...names: string[]): Random => new Random(seed, seller.sellerId, ...names);
	const data: SellerData = {
		seller,
		catalog: [],
		orders: [],
		events: [],
		groups: [],
		eventsByOrderId: new Map(),
		groupsById: new Map(),
	};
	// Only an authorisation with the finance role has finance data to show.
	if (!seller.roles.includes('Finance and Accounting')) return data;

	const marketplaces = marketplacesOf(seller);
	data.catalog = buildCatalog(stream('catalog'), seller.key.toUpperCase(), seller.marketplaceIds);
	let sequence = 0;
	const nextEventId = (): string => `${seller.sellerId}-E${String(++sequence).padStart(6, '0')}`;
	const usedOrderIds = new Set<string>();
	const orders: OrderRecord[] = [];
	const events: FinanceEvent[] = [];
	for (const marketplace of marketplaces) {
		const input = {
			random: stream('orders', marketplace.id),
			sellerId: seller.sellerId,
			marketplace,
			catalog: data.catalog,
			nowMs,
			historyDays,
			ordersPerDay,
			usedOrderIds,
			nextEventId,
		};
		const marketplaceOrders = generateOrders(input);
		orders.push(...marketplaceOrders);
		events.push(...generateOrderEvents(input, marketplaceOrders));
	}
	const accountInput = { random: stream('account'), sellerId: seller.sellerId, nowMs, historyDays, nextEventId };
	events.push(...generateServiceFees(accountInput, marketplaces));
	events.push(...generateChargeRefunds(accountInput, marketplaces[0]));
	for (const marketplace of marketplaces) {
		events.push(...generateAdjustments(accountInput, marketplace, data.catalog));
		events.push(...generateProductAds(accountInput, marketplace));
	}
	// Generated last, from their own stream, so the data above stays what it was before they existed.
	const rareInput = { random: stream('rare'), sellerId: seller.sellerId, storeName: seller.storeName, nowMs, historyDays, nextEventId };
	events.push(...generateRareEvents(rareInput, marketplaces, data.catalog, orders));
	// Spikes the emulator's user asked for: their own streams too, and nothing at all when none are asked.
	(settings.refundSpikes ?? []).forEach((spike, index) => {
		if (spike.seller !== seller.key) return;
		const spikeInput = { seed, seller, nowMs, catalog: data.catalog, orders, usedOrderIds, nextEventId };
		const extra = generateRefundSpike(spike, index, spikeInput);
		orders.push(...extra.orders);
		events.push(...extra.events);
	});

	const marketplacesByCurrency = new Map<string, string[]>();
	for (const marketplace of marketplaces) {
		marketplacesByCurrency.set(marketplace.currency, [...(marketplacesByCurrency.get(marketplace.currency) ?? []), marketplace.id]);
	}
	data.groups = buildGroups({ random: stream('groups'), sellerId: seller.sellerId, nowMs, historyDays, marketplacesByCurrency }, events);
	data.orders = orders.sort((a, b) => a.purchasedAt - b.purchasedAt);
	data.events = events.sort(compareEvents);
	for (const event of data.events) {
		const orderId = isOrderEvent(event) ? event.amazonOrderId : event.kind === 'Other' ? event.amazonOrderId : undefined;
		if (!orderId) continue;
		const list: (OrderFinanceEvent | OtherFinanceEvent)[] = data.eventsByOrderId.get(orderId) ?? [];
		list.push(event as OrderFinanceEvent | OtherFinanceEvent);
		data.eventsByOrderId.set(orderId, list);
	}
	for (const group of data.groups) data.groupsById.set(group.groupId, group);
	return data;
}
