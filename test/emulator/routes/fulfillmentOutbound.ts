/**
 * Fulfillment Outbound 2020-07-01: listReturnReasonCodes, the return reasons a buyer can give for a SKU,
 * with a translation when a language is asked for. Codes and English texts are Amazon's own example.
 */
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import { invalidInput } from '../http/errors';
import { sellerOf, type RouteHandler, type RouteTable } from './types';

const REASONS: readonly [code: string, description: string][] = [
	['CR-UNWANTED_ITEM', 'No longer needed/wanted'],
	['AMZ-PG-BAD-DESC', 'Different from website description'],
	['CR-DEFECTIVE', 'Defective/Does not work properly'],
	['CR-ORDERED_WRONG_ITEM', 'Accidental order'],
	['CR-FOUND_BETTER_PRICE', 'Better price available'],
	['CR-DAMAGED_BY_FC', 'Damaged due to inappropriate packaging'],
	['CR-MISSED_ESTIMATED_DELIVERY', 'Missed estimated delivery date'],
	['CR-MISSING_PARTS', 'Missing parts or accessories'],
	['CR-DAMAGED_BY_CARRIER', 'Damaged during shipping'],
	['CR-SWITCHEROO', 'Different from what was ordered'],
	['CR-EXTRA_ITEM', 'Arrived in addition to what was ordered'],
	['CR-UNAUTHORIZED_PURCHASE', 'Unauthorized purchase'],
];

/** A few translations, by language prefix; other languages get no translatedDescription. */
const TRANSLATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	de: {
		'CR-UNWANTED_ITEM': 'Artikel wird nicht mehr benötigt',
		'CR-DEFECTIVE': 'Defekt/funktioniert nicht ordnungsgemäß',
		'CR-DAMAGED_BY_CARRIER': 'Beim Versand beschädigt',
		'CR-SWITCHEROO': 'Anderer Artikel als bestellt',
	},
	ja: {
		'CR-UNWANTED_ITEM': '不要になった',
		'CR-DEFECTIVE': '不良品・正常に動作しない',
		'CR-DAMAGED_BY_CARRIER': '配送中に破損した',
		'CR-SWITCHEROO': '注文した商品と異なる',
	},
	zh: {
		'CR-UNWANTED_ITEM': '不再需要',
		'CR-DEFECTIVE': '有缺陷/无法正常使用',
		'CR-DAMAGED_BY_CARRIER': '运输途中损坏',
		'CR-SWITCHEROO': '与订购的商品不符',
	},
};

const listReturnReasonCodes: RouteHandler = (request, context) => {
	const seller = sellerOf(request);
	const sku = request.query.get('sellerSku');
	if (!sku) throw invalidInput('Missing sellerSku.');
	const requestedMarketplace = request.query.get('marketplaceId');
	if (requestedMarketplace !== null && (!findMarketplace(requestedMarketplace) || !seller.marketplaceIds.includes(requestedMarketplace))) {
		throw invalidInput(`Invalid marketplaceId: "${requestedMarketplace}".`);
	}
	const marketplaceId = requestedMarketplace ?? seller.marketplaceIds[0];
	const known = context.state.dataFor(seller.sellerId).catalog.some((item) => item.sellerSku === sku && item.marketplaceId === marketplaceId);
	if (!known) throw invalidInput(`Invalid sellerSku: "${sku}" is not a SKU of this seller in marketplace ${marketplaceId}.`);
	const language = request.query.get('language');
	const translations = language ? TRANSLATIONS[language.slice(0, 2).toLowerCase()] : undefined;
	const reasonCodeDetails = REASONS.map(([returnReasonCode, description]) => {
		const translated = translations?.[returnReasonCode];
		return translated ? { returnReasonCode, description, translatedDescription: translated } : { returnReasonCode, description };
	});
	return { status: 200, body: { payload: { reasonCodeDetails } } };
};

export const fulfillmentOutboundRoutes: RouteTable = { listReturnReasonCodes };
