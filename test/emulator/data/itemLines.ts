/**
 * Money parts of shipment items and of their refunds / claims / chargebacks, with Amazon's signs:
 * shipments carry positive charges and negative fees, promotions and withheld taxes; adjustments reverse
 * them (negative charges, positive Commission plus a negative RefundCommission, positive promotion and
 * withheld-tax reversals, returned shipping chargebacks). Every adjustment is a share of the shipped amounts, so it can never exceed them.
 */
import { prorate, roundMinor } from '../money';
import type { Random } from '../random';
import { usdCentsTo } from './catalog';
import type { ItemLine, OrderItemRecord, Part, PromotionPart } from './model';

export interface MarketplaceContext {
	currency: string;
	taxRate: number;
	/** US: Amazon collects and remits sales tax and reports it as withheld (MarketplaceFacilitator). */
	marketplaceFacilitator: boolean;
}

/** Sales tax / VAT / consumption tax rates, rounded; only need to look plausible. */
export const TAX_RATE_BY_COUNTRY: Record<string, number> = {
	US: 0.0825, CA: 0.13, MX: 0.16, UK: 0.2, DE: 0.19, FR: 0.2, IT: 0.22, ES: 0.21, JP: 0.1, AU: 0.1,
};

export function marketplaceContext(countryCode: string, currency: string): MarketplaceContext {
	return {
		currency,
		taxRate: TAX_RATE_BY_COUNTRY[countryCode] ?? 0.1,
		marketplaceFacilitator: countryCode === 'US',
	};
}

export interface ShipmentLineOptions {
	shippingMinor: number;
	promotionId?: string;
	freeShippingPromotion: boolean;
}

// `|| 0` turns -0 (a reversed zero) into 0, so deep equality and JSON stay clean.
const charge = (type: string, minor: number): Part => ({ type, minor: minor || 0 });

export function buildShipmentLine(
	random: Random,
	item: OrderItemRecord,
	context: MarketplaceContext,
	options: ShipmentLineOptions,
): ItemLine {
	const { currency, taxRate } = context;
	const principal = item.unitPriceMinor * item.quantity;
	const giftWrap = item.giftWrap ? usdCentsTo(currency, 399) : 0;
	const shipping = options.shippingMinor;
	const tax = roundMinor(principal * taxRate);
	const giftWrapTax = roundMinor(giftWrap * taxRate);
	const shippingTax = roundMinor(shipping * taxRate);
	// Amazon lists these six charges on every shipment item, zero or not.
	const charges = [
		charge('Principal', principal),
		charge('Tax', tax),
		charge('GiftWrap', giftWrap),
		charge('GiftWrapTax', giftWrapTax),
		charge('ShippingCharge', shipping),
		charge('ShippingTax', shippingTax),
	];
	const minimumCommission = usdCentsTo(currency, 30);
	const commission = Math.max(minimumCommission, roundMinor((principal + shipping + giftWrap) * 0.15));
	const perUnitFulfilment = usdCentsTo(currency, random.int(322, 650));
	const fees = [charge('FBAPerUnitFulfillmentFee', -perUnitFulfilment * item.quantity), charge('Commission', -commission)];
	// FBA: Amazon ships, so the buyer's shipping and gift-wrap charges go back to Amazon.
	if (shipping > 0) fees.push(charge('ShippingChargeback', -shipping));
	if (giftWrap > 0) fees.push(charge('GiftwrapChargeback', -giftWrap));
	const promotions: PromotionPart[] = [];
	if (options.promotionId) {
		promotions.push({ type: 'PromotionMetaDataDefinitionValue', promotionId: options.promotionId, minor: -roundMinor(principal * 0.1) });
	}
	if (options.freeShippingPromotion && shipping > 0) {
		promotions.push({ type: 'PromotionMetaDataDefinitionValue', promotionId: 'Core Free Shipping Promotion', minor: -shipping });
	}
	const taxWithheld = context.marketplaceFacilitator
		? [
				charge('MarketplaceFacilitatorTax-Principal', -tax),
				charge('MarketplaceFacilitatorTax-Shipping', -shippingTax),
				charge('MarketplaceFacilitatorTax-Other', -giftWrapTax),
			]
		: [];
	return {
		sellerSku: item.sellerSku,
		asin: item.asin,
		title: item.title,
		orderItemId: item.orderItemId,
		quantity: item.quantity,
		charges,
		fees,
		promotions,
		taxWithheld,
	};
}

/**
 * A refund, A-to-z guarantee claim or chargeback of `quantity` of the shipped units of `shipped`:
 * every part is the prorated reversal of the shipped part. Amazon keeps a refund administration fee
 * (RefundCommission): 20 % of the returned commission, at most 5 USD or its equivalent.
 */
export function buildAdjustmentLine(
	shipped: ItemLine,
	quantity: number,
	orderAdjustmentItemId: string,
	currency: string,
): ItemLine {
	if (quantity < 1 || quantity > shipped.quantity) throw new RangeError(`cannot adjust ${quantity} of ${shipped.quantity} units`);
	const share = (minor: number): number => prorate(minor, quantity, shipped.quantity);
	const charges = shipped.charges.map((part) => charge(part.type, -share(part.minor)));
	const commission = shipped.fees.find((fee) => fee.type === 'Commission');
	const returnedCommission = commission ? -share(commission.minor) : 0;
	const refundCommission = Math.min(roundMinor(returnedCommission * 0.2), usdCentsTo(currency, 500));
	const fees = [charge('Commission', returnedCommission), charge('RefundCommission', -refundCommission)];
	// The buyer gets shipping and gift wrap back, so Amazon returns its chargebacks of them too.
	for (const chargeback of shipped.fees.filter((fee) => fee.type === 'ShippingChargeback' || fee.type === 'GiftwrapChargeback')) {
		fees.push(charge(chargeback.type, -share(chargeback.minor)));
	}
	const promotions = shipped.promotions.map((promotion) => ({ ...promotion, minor: -share(promotion.minor) || 0 }));
	const taxWithheld = shipped.taxWithheld.map((part) => charge(part.type, -share(part.minor)));
	return {
		sellerSku: shipped.sellerSku,
		asin: shipped.asin,
		title: shipped.title,
		orderItemId: shipped.orderItemId,
		orderAdjustmentItemId,
		quantity,
		charges,
		fees,
		promotions,
		taxWithheld,
	};
}
