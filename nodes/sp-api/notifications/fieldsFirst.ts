import { toLocalIso } from '../dates';
import { findMarketplace } from '../marketplaces';
import { readAmazonMoney } from '../money';

/**
 * Per notification type, the few fields a person reads first (order id, amount, report id, ...),
 * lifted out of Amazon's nested payload. Paths are relative to the payload, in the casing of the
 * type's schema; a test walks every path through Amazon's schema and the official example, so a
 * renamed or moved field fails the build instead of silently producing empty columns.
 *
 * Path syntax: dot-separated keys; a number picks that array element, `*` means every element.
 */
export type FieldSpec =
	/** the value at the path (text, number, list) */
	| { field: string; path: string }
	/** an Amazon money object → `{ amount: "12.30", currency: "USD" }` with exact decimals */
	| { field: string; money: string }
	/** the exact decimal text of a money object's amount */
	| { field: string; amountOf: string }
	/** a date-time; `${field}Local` adds the marketplace's local time when `marketplace` names one */
	| { field: string; date: string; marketplace?: string }
	/** a marketplace id; `${field}Country` adds the country code (US, DE, JP) */
	| { field: string; marketplace: string }
	/** how many elements the list at the path has */
	| { field: string; count: string }
	/** the distinct values at a `*` path */
	| { field: string; distinct: string }
	/** in a list of name/value pairs, the value whose `key` equals `equals` (e.g. the OrderId identifier) */
	| { field: string; lookup: { list: string; key: string; equals: string; value: string } };

/** Every path a spec reads, for the schema drift test. */
export function specPaths(spec: FieldSpec): string[] {
	if ('path' in spec) return [spec.path];
	if ('money' in spec) return [spec.money];
	if ('amountOf' in spec) return [spec.amountOf];
	if ('date' in spec) return spec.marketplace ? [spec.date, spec.marketplace] : [spec.date];
	if ('marketplace' in spec) return [spec.marketplace];
	if ('count' in spec) return [spec.count];
	if ('distinct' in spec) return [spec.distinct];
	return [`${spec.lookup.list}.*.${spec.lookup.key}`, `${spec.lookup.list}.*.${spec.lookup.value}`];
}

const TU = 'TransactionUpdateNotification';
const OC = 'OrderChangeNotification';
const AOC = 'AnyOfferChangedNotification';
const B2B = 'B2BAnyOfferChangedNotification';
const FEE = 'FeePromotionNotification';
const FOS = 'FulfillmentOrderStatusNotification';
const RPF = 'reportProcessingFinishedNotification';
const FPF = 'feedProcessingFinishedNotification';
const STM = 'shipmentTrackingMilestoneChangedNotification.trackingDetail';

export const FIELDS_FIRST: Readonly<Record<string, readonly FieldSpec[]>> = {
	TRANSACTION_UPDATE: [
		{ field: 'transactionType', path: `${TU}.TransactionType` },
		{ field: 'orderId', lookup: { list: `${TU}.RelatedIdentifiers`, key: 'RelatedIdentifierName', equals: 'OrderId', value: 'RelatedIdentifierValue' } },
		{ field: 'amount', amountOf: `${TU}.TotalAmount` },
		{ field: 'currency', path: `${TU}.TotalAmount.CurrencyCode` },
		{ field: 'postedDate', date: `${TU}.PostedDate`, marketplace: `${TU}.SellingPartnerMetadata.MarketplaceId` },
		{ field: 'marketplaceId', marketplace: `${TU}.SellingPartnerMetadata.MarketplaceId` },
		{ field: 'sellerId', path: `${TU}.SellingPartnerMetadata.SellingPartnerId` },
		{ field: 'accountType', path: `${TU}.SellingPartnerMetadata.AccountType` },
	],
	REPORT_PROCESSING_FINISHED: [
		{ field: 'reportId', path: `${RPF}.reportId` },
		{ field: 'reportType', path: `${RPF}.reportType` },
		{ field: 'processingStatus', path: `${RPF}.processingStatus` },
		{ field: 'reportDocumentId', path: `${RPF}.reportDocumentId` },
		{ field: 'sellerId', path: `${RPF}.sellerId` },
		{ field: 'accountId', path: `${RPF}.accountId` },
	],
	FEED_PROCESSING_FINISHED: [
		{ field: 'feedId', path: `${FPF}.feedId` },
		{ field: 'feedType', path: `${FPF}.feedType` },
		{ field: 'processingStatus', path: `${FPF}.processingStatus` },
		{ field: 'resultFeedDocumentId', path: `${FPF}.resultFeedDocumentId` },
		{ field: 'sellerId', path: `${FPF}.sellerId` },
		{ field: 'accountId', path: `${FPF}.accountId` },
	],
	ORDER_CHANGE: [
		{ field: 'orderId', path: `${OC}.AmazonOrderId` },
		{ field: 'orderChangeType', path: `${OC}.OrderChangeType` },
		{ field: 'orderStatus', path: `${OC}.Summary.OrderStatus` },
		{ field: 'changeReason', path: `${OC}.OrderChangeTrigger.ChangeReason` },
		{ field: 'timeOfOrderChange', date: `${OC}.OrderChangeTrigger.TimeOfOrderChange`, marketplace: `${OC}.Summary.MarketplaceId` },
		{ field: 'marketplaceId', marketplace: `${OC}.Summary.MarketplaceId` },
		{ field: 'fulfillmentType', path: `${OC}.Summary.FulfillmentType` },
		{ field: 'sellerId', path: `${OC}.SellerId` },
	],
	ANY_OFFER_CHANGED: [
		{ field: 'asin', path: `${AOC}.OfferChangeTrigger.ASIN` },
		{ field: 'marketplaceId', marketplace: `${AOC}.OfferChangeTrigger.MarketplaceId` },
		{ field: 'itemCondition', path: `${AOC}.OfferChangeTrigger.ItemCondition` },
		{ field: 'offerChangeType', path: `${AOC}.OfferChangeTrigger.OfferChangeType` },
		{ field: 'timeOfOfferChange', date: `${AOC}.OfferChangeTrigger.TimeOfOfferChange`, marketplace: `${AOC}.OfferChangeTrigger.MarketplaceId` },
		{ field: 'buyBoxLandedPrice', money: `${AOC}.Summary.BuyBoxPrices.0.LandedPrice` },
		{ field: 'lowestLandedPrice', money: `${AOC}.Summary.LowestPrices.0.LandedPrice` },
		{ field: 'numberOfOffers', path: `${AOC}.Summary.NumberOfOffers` },
		{ field: 'sellerId', path: `${AOC}.SellerId` },
	],
	B2B_ANY_OFFER_CHANGED: [
		{ field: 'asin', path: `${B2B}.OfferChangeTrigger.ASIN` },
		{ field: 'marketplaceId', marketplace: `${B2B}.OfferChangeTrigger.MarketplaceId` },
		{ field: 'itemCondition', path: `${B2B}.OfferChangeTrigger.ItemCondition` },
		{ field: 'timeOfOfferChange', date: `${B2B}.OfferChangeTrigger.TimeOfOfferChange`, marketplace: `${B2B}.OfferChangeTrigger.MarketplaceId` },
		{ field: 'numberOfOffers', path: `${B2B}.Summary.NumberOfOffers` },
		{ field: 'sellerId', path: `${B2B}.SellerId` },
	],
	FBA_OUTBOUND_SHIPMENT_STATUS: [
		{ field: 'orderId', path: 'FBAOutboundShipmentStatusNotification.AmazonOrderId' },
		{ field: 'amazonShipmentId', path: 'FBAOutboundShipmentStatusNotification.AmazonShipmentId' },
		{ field: 'shipmentStatus', path: 'FBAOutboundShipmentStatusNotification.ShipmentStatus' },
		{ field: 'sellerId', path: 'FBAOutboundShipmentStatusNotification.SellerId' },
	],
	FEE_PROMOTION: [
		{ field: 'feePromotionType', path: `${FEE}.FeePromotionType` },
		{ field: 'feePromotionDescription', path: `${FEE}.FeePromotionTypeDescription` },
		{ field: 'marketplaceId', marketplace: `${FEE}.MarketplaceId` },
		{ field: 'effectiveFrom', date: `${FEE}.PromotionActiveTimeRange.EffectiveFromDate`, marketplace: `${FEE}.MarketplaceId` },
		{ field: 'effectiveThrough', date: `${FEE}.PromotionActiveTimeRange.EffectiveThroughDate`, marketplace: `${FEE}.MarketplaceId` },
		{ field: 'sellerId', path: `${FEE}.MerchantId` },
	],
	FULFILLMENT_ORDER_STATUS: [
		{ field: 'sellerFulfillmentOrderId', path: `${FOS}.SellerFulfillmentOrderId` },
		{ field: 'fulfillmentOrderStatus', path: `${FOS}.FulfillmentOrderStatus` },
		{ field: 'eventType', path: `${FOS}.EventType` },
		{ field: 'statusUpdatedAt', date: `${FOS}.StatusUpdatedDateTime` },
		{ field: 'amazonShipmentId', path: `${FOS}.FulfillmentShipment.AmazonShipmentId` },
		{ field: 'trackingNumbers', distinct: `${FOS}.FulfillmentShipment.FulfillmentShipmentPackages.*.TrackingNumber` },
		{ field: 'sellerId', path: `${FOS}.SellerId` },
	],
	DATA_KIOSK_QUERY_PROCESSING_FINISHED: [
		{ field: 'queryId', path: 'queryId' },
		{ field: 'processingStatus', path: 'processingStatus' },
		{ field: 'dataDocumentId', path: 'dataDocumentId' },
		{ field: 'errorDocumentId', path: 'errorDocumentId' },
		{ field: 'accountId', path: 'accountId' },
	],
	DETAIL_PAGE_TRAFFIC_EVENT: [
		{ field: 'eventCount', count: 'detailPageTrafficEvents' },
		{ field: 'asins', distinct: 'detailPageTrafficEvents.*.asin' },
		{ field: 'marketplaceIds', distinct: 'detailPageTrafficEvents.*.marketplaceId' },
	],
	ITEM_INVENTORY_EVENT_CHANGE: [
		{ field: 'eventCount', count: 'itemInventoryEventChanges' },
		{ field: 'asins', distinct: 'itemInventoryEventChanges.*.asin' },
		{ field: 'marketplaceIds', distinct: 'itemInventoryEventChanges.*.marketplaceId' },
	],
	ITEM_SALES_EVENT_CHANGE: [
		{ field: 'eventCount', count: 'itemSalesEventChanges' },
		{ field: 'asins', distinct: 'itemSalesEventChanges.*.asin' },
		{ field: 'marketplaceIds', distinct: 'itemSalesEventChanges.*.marketplaceId' },
	],
	FBA_INVENTORY_AVAILABILITY_CHANGES: [
		{ field: 'sku', path: 'SKU' },
		{ field: 'asin', path: 'ASIN' },
		{ field: 'fnSku', path: 'FNSKU' },
		{ field: 'marketplaceIds', distinct: 'FulfillmentInventoryByMarketplace.*.MarketplaceId' },
		{ field: 'sellerId', path: 'SellerId' },
	],
	BRANDED_ITEM_CONTENT_CHANGE: [
		{ field: 'asin', path: 'Asin' },
		{ field: 'brandName', path: 'BrandName' },
		{ field: 'attributesChanged', path: 'AttributesChanged' },
		{ field: 'marketplaceId', marketplace: 'MarketplaceId' },
	],
	ITEM_PRODUCT_TYPE_CHANGE: [
		{ field: 'asin', path: 'Asin' },
		{ field: 'previousProductType', path: 'PreviousProductType' },
		{ field: 'currentProductType', path: 'CurrentProductType' },
		{ field: 'marketplaceId', marketplace: 'MarketplaceId' },
	],
	LISTINGS_ITEM_ISSUES_CHANGE: [
		{ field: 'sku', path: 'Sku' },
		{ field: 'asin', path: 'Asin' },
		{ field: 'severities', path: 'Severities' },
		{ field: 'enforcementActions', path: 'EnforcementActions' },
		{ field: 'marketplaceId', marketplace: 'MarketplaceId' },
		{ field: 'sellerId', path: 'SellerId' },
	],
	LISTINGS_ITEM_MFN_QUANTITY_CHANGE: [
		{ field: 'sku', path: 'Sku' },
		{ field: 'quantity', path: 'Quantity' },
		{ field: 'fulfillmentChannelCode', path: 'FulfillmentChannelCode' },
		{ field: 'sellerId', path: 'SellerId' },
	],
	LISTINGS_ITEM_STATUS_CHANGE: [
		{ field: 'sku', path: 'Sku' },
		{ field: 'asin', path: 'Asin' },
		{ field: 'status', path: 'Status' },
		{ field: 'createdDate', date: 'CreatedDate', marketplace: 'MarketplaceId' },
		{ field: 'marketplaceId', marketplace: 'MarketplaceId' },
		{ field: 'sellerId', path: 'SellerId' },
	],
	PRICING_HEALTH: [
		{ field: 'issueType', path: 'issueType' },
		{ field: 'asin', path: 'offerChangeTrigger.asin' },
		{ field: 'marketplaceId', marketplace: 'offerChangeTrigger.marketplaceId' },
		{ field: 'yourLandedPrice', money: 'merchantOffer.landedPrice' },
		{ field: 'buyBoxLandedPrice', money: 'summary.buyBoxPrices.0.landedPrice' },
		{ field: 'competitivePriceThreshold', money: 'summary.referencePrice.competitivePriceThreshold' },
		{ field: 'sellerId', path: 'sellerId' },
	],
	PRODUCT_TYPE_DEFINITIONS_CHANGE: [
		{ field: 'newProductTypes', path: 'NewProductTypes' },
		{ field: 'productTypeVersion', path: 'ProductTypeVersion' },
		{ field: 'marketplaceId', marketplace: 'MarketplaceId' },
		{ field: 'accountId', path: 'AccountId' },
	],
	SHIPMENT_TRACKING_MILESTONE_CHANGED: [
		{ field: 'trackingId', path: `${STM}.identifier.aftn` },
		{ field: 'milestone', path: `${STM}.latestMilestone.status.code` },
		{ field: 'milestoneDescription', path: `${STM}.latestMilestone.status.description` },
		{ field: 'milestoneAt', date: `${STM}.latestMilestone.occurredAt` },
		{ field: 'trackingUrl', path: `${STM}.trackingUrl` },
	],
};

/** Values at a path; `*` fans out over arrays. Missing steps give no values. */
export function valuesAt(root: unknown, path: string): unknown[] {
	let current: unknown[] = [root];
	for (const step of path.split('.')) {
		const next: unknown[] = [];
		for (const node of current) {
			if (step === '*') {
				if (Array.isArray(node)) next.push(...node);
			} else if (/^\d+$/.test(step)) {
				if (Array.isArray(node) && Number(step) < node.length) next.push(node[Number(step)]);
			} else if (node && typeof node === 'object' && !Array.isArray(node) && step in node) {
				next.push((node as Record<string, unknown>)[step]);
			}
		}
		current = next;
	}
	return current.filter((value) => value !== undefined && value !== null);
}

function single(root: unknown, path: string): unknown {
	return valuesAt(root, path)[0];
}

function jsonValue(value: unknown): unknown {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'object') return JSON.parse(JSON.stringify(value)) as unknown;
	return value;
}

function timeZoneAt(payload: unknown, marketplacePath: string | undefined): string | undefined {
	if (!marketplacePath) return undefined;
	const id = single(payload, marketplacePath);
	return typeof id === 'string' ? findMarketplace(id)?.timeZone : undefined;
}

/** The fields a person wants first, for one notification; absent values are left out. */
export function fieldsFirst(notificationType: string, payload: unknown): Record<string, unknown> {
	const specs = FIELDS_FIRST[notificationType] ?? [];
	const out: Record<string, unknown> = {};
	const put = (name: string, value: unknown) => {
		if (value !== undefined && value !== null && value !== '') out[name] = value;
	};
	for (const spec of specs) {
		try {
			if ('path' in spec) put(spec.field, jsonValue(single(payload, spec.path)));
			else if ('money' in spec) {
				const m = readAmazonMoney(single(payload, spec.money));
				put(spec.field, m ? { ...m } : undefined);
			} else if ('amountOf' in spec) put(spec.field, readAmazonMoney(single(payload, spec.amountOf))?.amount);
			else if ('date' in spec) {
				const value = single(payload, spec.date);
				put(spec.field, typeof value === 'string' ? value : undefined);
				const zone = timeZoneAt(payload, spec.marketplace);
				if (typeof value === 'string' && zone) put(`${spec.field}Local`, toLocalIso(value, zone));
			} else if ('marketplace' in spec) {
				const id = single(payload, spec.marketplace);
				put(spec.field, typeof id === 'string' ? id : undefined);
				if (typeof id === 'string') put(`${spec.field.replace(/Id$/, '')}Country`, findMarketplace(id)?.countryCode);
			} else if ('count' in spec) {
				const list = single(payload, spec.count);
				put(spec.field, Array.isArray(list) ? list.length : undefined);
			} else if ('distinct' in spec) {
				const values = [...new Set(valuesAt(payload, spec.distinct).filter((v) => typeof v === 'string' || typeof v === 'number'))];
				put(spec.field, values.length ? values : undefined);
			} else {
				const entries = valuesAt(payload, `${spec.lookup.list}.*`);
				const hit = entries.find(
					(entry) => entry && typeof entry === 'object' && String((entry as Record<string, unknown>)[spec.lookup.key]).toLowerCase() === spec.lookup.equals.toLowerCase(),
				) as Record<string, unknown> | undefined;
				put(spec.field, jsonValue(hit?.[spec.lookup.value]));
			}
		} catch {
			// a malformed value (an amount that is not a number) leaves that field out, never the item
		}
	}
	return out;
}
