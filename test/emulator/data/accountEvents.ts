/**
 * Events that belong to the seller's account rather than to an order: the monthly subscription and
 * storage fees (ServiceFeeEventList), fee corrections (ChargeRefundEventList), FBA inventory
 * reimbursements and their reversals (AdjustmentEventList) and Sponsored Products charges
 * (ProductAdsPaymentEventList).
 */
import type { Marketplace } from '../../../nodes/sp-api/marketplaces';
import type { Random } from '../random';
import { usdCentsTo } from './catalog';
import type {
	AdjustmentFinanceEvent,
	CatalogItem,
	ChargeRefundFinanceEvent,
	ProductAdsFinanceEvent,
	ServiceFeeFinanceEvent,
} from './model';
import { arrivalLag, between, DAY, HOUR, monthStartsBetween } from './timing';

export interface AccountEventInput {
	random: Random;
	sellerId: string;
	nowMs: number;
	historyDays: number;
	nextEventId: () => string;
}

function base(input: AccountEventInput, marketplace: Marketplace, postedAt: number) {
	const visibleAt = postedAt + arrivalLag(input.random);
	return {
		eventId: input.nextEventId(),
		sellerId: input.sellerId,
		marketplaceId: marketplace.id,
		currency: marketplace.currency,
		postedAt,
		visibleAt,
		settledAt: visibleAt,
		groupId: '',
	};
}

/** Subscription fee once a month in the seller's first marketplace, storage fees in each marketplace. */
export function generateServiceFees(input: AccountEventInput, marketplaces: Marketplace[]): ServiceFeeFinanceEvent[] {
	const { random, nowMs, historyDays } = input;
	const events: ServiceFeeFinanceEvent[] = [];
	for (const monthStart of monthStartsBetween(nowMs - historyDays * DAY, nowMs)) {
		marketplaces.forEach((marketplace, index) => {
			if (index === 0) {
				const minor = -usdCentsTo(marketplace.currency, 3999);
				events.push({
					...base(input, marketplace, between(random, monthStart + 2 * HOUR, 6 * HOUR)),
					kind: 'ServiceFee',
					feeDescription: 'Subscription',
					fees: [{ type: 'Subscription', minor }],
					totalMinor: minor,
				});
			}
			const storage = -usdCentsTo(marketplace.currency, random.int(2500, 30000));
			events.push({
				...base(input, marketplace, between(random, monthStart + 6 * DAY, DAY)),
				kind: 'ServiceFee',
				feeDescription: 'FBA Inventory Storage Fee',
				fees: [{ type: 'FBAStorageFee', minor: storage }],
				totalMinor: storage,
			});
		});
	}
	return events;
}

/** Now and then Amazon gives part of a subscription fee back (ChargeRefundEvent). */
export function generateChargeRefunds(input: AccountEventInput, marketplace: Marketplace): ChargeRefundFinanceEvent[] {
	const { random, nowMs, historyDays } = input;
	const events: ChargeRefundFinanceEvent[] = [];
	for (let day = historyDays - 1; day >= 0; day -= 45) {
		const minor = usdCentsTo(marketplace.currency, random.int(500, 3999));
		events.push({
			...base(input, marketplace, between(random, nowMs - (day + 1) * DAY, DAY)),
			kind: 'ChargeRefund',
			reasonCode: 'SubscriptionFeeCorrection',
			reasonCodeDescription: 'SubscriptionFeeCorrection',
			transactions: [{ type: 'SubscriptionFee', minor }],
			totalMinor: minor,
		});
	}
	return events;
}

const ADJUSTMENT_TYPES = ['WAREHOUSE_DAMAGE', 'WAREHOUSE_DAMAGE', 'WAREHOUSE_LOST', 'REVERSAL_REIMBURSEMENT'];

/** FBA inventory reimbursements (positive) and reversals (negative), about one every ten days. */
export function generateAdjustments(input: AccountEventInput, marketplace: Marketplace, catalog: CatalogItem[]): AdjustmentFinanceEvent[] {
	const { random, nowMs, historyDays } = input;
	const products = catalog.filter((item) => item.marketplaceId === marketplace.id);
	const events: AdjustmentFinanceEvent[] = [];
	if (products.length === 0) return events;
	for (let day = historyDays - 1; day >= 0; day--) {
		if (!random.chance(0.1)) continue;
		const product = random.pick(products);
		const adjustmentType = random.pick(ADJUSTMENT_TYPES);
		const sign = adjustmentType === 'REVERSAL_REIMBURSEMENT' ? -1 : 1;
		const quantity = random.int(1, 3);
		const perUnitMinor = sign * Math.max(1, Math.round(product.unitPriceMinor * 0.6));
		const totalMinor = perUnitMinor * quantity;
		events.push({
			...base(input, marketplace, between(random, nowMs - (day + 1) * DAY, DAY)),
			kind: 'Adjustment',
			adjustmentType,
			items: [
				{
					sellerSku: product.sellerSku,
					fnSku: product.fnSku,
					asin: product.asin,
					productDescription: product.title,
					quantity: sign * quantity,
					perUnitMinor,
					totalMinor,
				},
			],
			totalMinor,
		});
	}
	return events;
}

/** Weekly Sponsored Products invoices. */
export function generateProductAds(input: AccountEventInput, marketplace: Marketplace): ProductAdsFinanceEvent[] {
	const { random, nowMs, historyDays } = input;
	const events: ProductAdsFinanceEvent[] = [];
	for (let day = historyDays - 1; day >= 0; day -= 7) {
		const baseMinor = -usdCentsTo(marketplace.currency, random.int(2000, 20000));
		events.push({
			...base(input, marketplace, between(random, nowMs - (day + 1) * DAY, DAY)),
			kind: 'ProductAdsPayment',
			invoiceId: `TR${random.upperAlnum(8)}-1`,
			baseMinor,
			taxMinor: 0,
			totalMinor: baseMinor,
		});
	}
	return events;
}
