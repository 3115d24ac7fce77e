/**
 * Tax reports, derived from the seller's shipments and refunds so they agree with the Finances API to the
 * cent: each item of a Shipment or Refund event is one transaction line whose net amounts are the event's
 * Principal / ShippingCharge / GiftWrap and whose tax amounts are its Tax / ShippingTax / GiftWrapTax.
 *
 * - GET_VAT_TRANSACTION_DATA (Amazon VAT Transactions Report, Europe): a comma-separated file with Amazon's
 *   column names (a subset of them), one line per item, VAT rate as a fraction, dates DD-MM-YYYY.
 * - GET_FLAT_FILE_SALES_TAX_DATA (Sales Tax Report, US): tab-separated, one line per item and taxed
 *   component (item price, shipping), Amazon collecting the tax as marketplace facilitator.
 *
 * Column names come from Amazon's "Tax reports attributes" page and Seller Central's VAT transactions
 * report field list; values are the emulator's own. The CSV quotes fields that need it (titles carry commas).
 */
import { findMarketplace } from '../../../../nodes/sp-api/marketplaces';
import { TAX_RATE_BY_COUNTRY } from '../../data/itemLines';
import type { OrderFinanceEvent, Part, SellerData } from '../../data/model';
import { hashString } from '../../random';
import { channelOf } from './channel';
import { amountText, isoOffset, stableId, tsvField } from './format';

export interface TaxLine {
	event: OrderFinanceEvent;
	itemIndex: number;
	transactionType: 'SALE' | 'REFUND';
	marketplaceId: string;
	countryCode: string;
	currency: string;
	sellerSku: string;
	asin: string;
	title: string;
	quantity: number;
	/** Amazon's rate of the country, as a fraction (0.19). */
	rate: number;
	itemsNetMinor: number;
	itemsTaxMinor: number;
	shippingNetMinor: number;
	shippingTaxMinor: number;
	giftWrapNetMinor: number;
	giftWrapTaxMinor: number;
	totalNetMinor: number;
	totalTaxMinor: number;
	totalGrossMinor: number;
}

const sum = (parts: Part[], type: string): number => parts.filter((part) => part.type === type).reduce((total, part) => total + part.minor, 0);

/** The shipment and refund items of the marketplaces posted in [startMs, endMs] and visible at `nowMs`, oldest first. */
export function taxLines(data: SellerData, marketplaceIds: readonly string[], startMs: number, endMs: number, nowMs: number): TaxLine[] {
	const lines: TaxLine[] = [];
	for (const event of data.events) {
		if (event.kind !== 'Shipment' && event.kind !== 'Refund') continue;
		if (!marketplaceIds.includes(event.marketplaceId) || event.postedAt < startMs || event.postedAt > endMs || event.visibleAt > nowMs) continue;
		const countryCode = findMarketplace(event.marketplaceId)?.countryCode ?? 'US';
		event.items.forEach((item, itemIndex) => {
			const itemsNetMinor = sum(item.charges, 'Principal');
			const itemsTaxMinor = sum(item.charges, 'Tax');
			const shippingNetMinor = sum(item.charges, 'ShippingCharge');
			const shippingTaxMinor = sum(item.charges, 'ShippingTax');
			const giftWrapNetMinor = sum(item.charges, 'GiftWrap');
			const giftWrapTaxMinor = sum(item.charges, 'GiftWrapTax');
			const totalNetMinor = itemsNetMinor + shippingNetMinor + giftWrapNetMinor;
			const totalTaxMinor = itemsTaxMinor + shippingTaxMinor + giftWrapTaxMinor;
			lines.push({
				event,
				itemIndex,
				transactionType: event.kind === 'Shipment' ? 'SALE' : 'REFUND',
				marketplaceId: event.marketplaceId,
				countryCode,
				currency: event.currency,
				sellerSku: item.sellerSku,
				asin: item.asin,
				title: item.title,
				quantity: item.quantity,
				rate: TAX_RATE_BY_COUNTRY[countryCode] ?? 0.1,
				itemsNetMinor,
				itemsTaxMinor,
				shippingNetMinor,
				shippingTaxMinor,
				giftWrapNetMinor,
				giftWrapTaxMinor,
				totalNetMinor,
				totalTaxMinor,
				totalGrossMinor: totalNetMinor + totalTaxMinor,
			});
		});
	}
	return lines;
}

/** The id Amazon gives a transaction line (shipment id for sales, a refund id for refunds). */
export function taxTransactionId(line: TaxLine): string {
	return line.transactionType === 'SALE'
		? stableId(`vat-shipment|${line.event.eventId}|${line.itemIndex}`, 9, 'digits')
		: `amzn1:crow:${stableId(`vat-refund|${line.event.eventId}|${line.itemIndex}`, 22, 'mixed')}`;
}

function ddMmYyyy(ms: number): string {
	const date = new Date(ms);
	return `${String(date.getUTCDate()).padStart(2, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${date.getUTCFullYear()}`;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function csvField(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rate as Amazon prints it in the VAT report: a fraction with up to three decimals ("0.19", "0.2"). */
function rateText(rate: number): string {
	return String(Math.round(rate * 1000) / 1000);
}

/** Fulfilment centres an FBA sale departs from, by country. */
const DEPARTURE: Record<string, string> = { UK: 'GB', DE: 'DE', FR: 'FR', IT: 'IT', ES: 'ES' };

export const VAT_TRANSACTIONS_HEADER = [
	'UNIQUE_ACCOUNT_IDENTIFIER', 'ACTIVITY_PERIOD', 'SALES_CHANNEL', 'MARKETPLACE', 'PROGRAM_TYPE', 'TRANSACTION_TYPE', 'TRANSACTION_EVENT_ID',
	'ACTIVITY_TRANSACTION_ID', 'TAX_CALCULATION_DATE', 'TRANSACTION_DEPART_DATE', 'TRANSACTION_ARRIVAL_DATE', 'TRANSACTION_COMPLETE_DATE',
	'SELLER_SKU', 'ASIN', 'ITEM_DESCRIPTION', 'QTY',
	'PRICE_OF_ITEMS_AMT_VAT_EXCL', 'PROMO_PRICE_OF_ITEMS_AMT_VAT_EXCL', 'TOTAL_PRICE_OF_ITEMS_AMT_VAT_EXCL',
	'SHIP_CHARGE_AMT_VAT_EXCL', 'PROMO_SHIP_CHARGE_AMT_VAT_EXCL', 'TOTAL_SHIP_CHARGE_AMT_VAT_EXCL',
	'GIFT_WRAP_AMT_VAT_EXCL', 'PROMO_GIFT_WRAP_AMT_VAT_EXCL', 'TOTAL_GIFT_WRAP_AMT_VAT_EXCL',
	'TOTAL_ACTIVITY_VALUE_AMT_VAT_EXCL',
	'PRICE_OF_ITEMS_VAT_RATE_PERCENT', 'PRICE_OF_ITEMS_VAT_AMT', 'TOTAL_PRICE_OF_ITEMS_VAT_AMT',
	'SHIP_CHARGE_VAT_RATE_PERCENT', 'TOTAL_SHIP_CHARGE_VAT_AMT', 'GIFT_WRAP_VAT_RATE_PERCENT', 'TOTAL_GIFT_WRAP_VAT_AMT',
	'TOTAL_ACTIVITY_VALUE_VAT_AMT',
	'TOTAL_PRICE_OF_ITEMS_AMT_VAT_INCL', 'TOTAL_SHIP_CHARGE_AMT_VAT_INCL', 'TOTAL_GIFT_WRAP_AMT_VAT_INCL', 'TOTAL_ACTIVITY_VALUE_AMT_VAT_INCL',
	'TRANSACTION_CURRENCY_CODE', 'DEPARTURE_COUNTRY', 'ARRIVAL_COUNTRY', 'SALE_DEPART_COUNTRY', 'SALE_ARRIVAL_COUNTRY',
	'TAXABLE_JURISDICTION', 'VAT_CALCULATION_IMPUTATION_COUNTRY', 'TAX_COLLECTION_RESPONSIBILITY', 'BUYER_VAT_NUMBER_COUNTRY', 'BUYER_VAT_NUMBER',
	'VAT_INV_NUMBER', 'EXPORT_OUTSIDE_EU',
];

export function* vatTransactionsFile(lines: readonly TaxLine[], sellerId: string): Generator<string> {
	let chunk = `${VAT_TRANSACTIONS_HEADER.join(',')}\n`;
	for (const line of lines) {
		const { event, currency } = line;
		const money = (minor: number): string => amountText(minor, currency);
		const country = DEPARTURE[line.countryCode] ?? line.countryCode;
		const posted = new Date(event.postedAt);
		// about one sale in eight goes to a business buyer with a VAT number (B2B)
		const business = hashString(`vat-b2b|${event.amazonOrderId}`) % 8 === 0;
		const fields = [
			`A${stableId(`vat-account|${sellerId}`, 12, 'alnum')}`,
			`${posted.getUTCFullYear()}-${MONTHS[posted.getUTCMonth()]}`,
			channelOf(event.amazonOrderId),
			findMarketplace(line.marketplaceId)?.domain ?? line.marketplaceId,
			'REGULAR',
			line.transactionType,
			event.amazonOrderId,
			taxTransactionId(line),
			ddMmYyyy(event.postedAt),
			ddMmYyyy(event.postedAt),
			ddMmYyyy(event.postedAt + 2 * 86_400_000),
			ddMmYyyy(event.postedAt),
			line.sellerSku,
			line.asin,
			line.title,
			String(line.transactionType === 'REFUND' ? -line.quantity : line.quantity),
			money(line.itemsNetMinor), money(0), money(line.itemsNetMinor),
			money(line.shippingNetMinor), money(0), money(line.shippingNetMinor),
			money(line.giftWrapNetMinor), money(0), money(line.giftWrapNetMinor),
			money(line.totalNetMinor),
			rateText(line.rate), money(line.itemsTaxMinor), money(line.itemsTaxMinor),
			rateText(line.rate), money(line.shippingTaxMinor), rateText(line.rate), money(line.giftWrapTaxMinor),
			money(line.totalTaxMinor),
			money(line.itemsNetMinor + line.itemsTaxMinor), money(line.shippingNetMinor + line.shippingTaxMinor), money(line.giftWrapNetMinor + line.giftWrapTaxMinor), money(line.totalGrossMinor),
			currency, country, country, country, country,
			country, country, 'SELLER', business ? country : '', business ? `${country}${stableId(`vat-number|${event.amazonOrderId}`, 9, 'digits')}` : '',
			`${country}-${stableId(`vat-invoice|${event.eventId}|${line.itemIndex}`, 10, 'alnum')}`, 'NO',
		];
		chunk += `${fields.map(csvField).join(',')}\n`;
		if (chunk.length > 64 * 1024) {
			yield chunk;
			chunk = '';
		}
	}
	if (chunk) yield chunk;
}

/** Where US buyers live (ship-to of the sales tax report) and the rate Amazon charged there. */
const US_DESTINATIONS = [
	{ city: 'SEATTLE', state: 'WA', postal: '98109' },
	{ city: 'AUSTIN', state: 'TX', postal: '78701' },
	{ city: 'DENVER', state: 'CO', postal: '80202' },
	{ city: 'COLUMBUS', state: 'OH', postal: '43215' },
	{ city: 'ATLANTA', state: 'GA', postal: '30303' },
];

export const SALES_TAX_HEADER = [
	'Order_ID', 'Order_Date', 'Shipment_ID', 'Shipment_Date', 'Tax_Calculated_Date (UTC)', 'Posted_Date', 'Marketplace', 'Merchant_ID', 'Fulfillment',
	'ASIN', 'SKU', 'Transaction_Type', 'Tax_Collection_Model', 'Tax_Collection_Responsible_Party', 'Product_Tax_Code', 'Quantity', 'Currency',
	'Display_Price', 'Display_Price_Tax_Inclusive', 'TaxExclusive_Selling_Price', 'Total_Tax', 'Total_Tax_Collected_By_Amazon', 'Financial_Component',
	'Ship_From_City', 'Ship_From_State', 'Ship_From_Country', 'Ship_From_Postal_Code', 'Ship_To_City', 'Ship_To_State', 'Ship_To_Country', 'Ship_To_Postal_Code',
	'Jurisdiction_Level', 'Jurisdiction_Name', 'Tax_Amount', 'Tax_Amount_Collected_By_Amazon', 'Taxed_Jurisdiction_Tax_Rate', 'Tax_Type', 'NonTaxable_Amount', 'Taxable_Amount',
];

/** One taxed component of a sales tax line: the item price, or shipping when the buyer paid for it. */
export interface SalesTaxComponent {
	line: TaxLine;
	component: 'ItemPrice' | 'Shipping';
	netMinor: number;
	taxMinor: number;
}

export function salesTaxComponents(lines: readonly TaxLine[]): SalesTaxComponent[] {
	return lines.flatMap((line) => {
		const out: SalesTaxComponent[] = [{ line, component: 'ItemPrice', netMinor: line.itemsNetMinor, taxMinor: line.itemsTaxMinor }];
		if (line.shippingNetMinor !== 0 || line.shippingTaxMinor !== 0) out.push({ line, component: 'Shipping', netMinor: line.shippingNetMinor, taxMinor: line.shippingTaxMinor });
		return out;
	});
}

export function* salesTaxFile(lines: readonly TaxLine[], sellerId: string): Generator<string> {
	let chunk = `${SALES_TAX_HEADER.join('\t')}\n`;
	for (const { line, component, netMinor, taxMinor } of salesTaxComponents(lines)) {
		const { event, currency } = line;
		const money = (minor: number): string => amountText(minor, currency);
		const destination = US_DESTINATIONS[hashString(`sales-tax-to|${event.amazonOrderId}`) % US_DESTINATIONS.length];
		const fields = [
			event.amazonOrderId, isoOffset(event.postedAt - 2 * 86_400_000), stableId(`sales-tax-shipment|${event.amazonOrderId}`, 9, 'alnum'), isoOffset(event.postedAt - 86_400_000),
			isoOffset(event.postedAt), isoOffset(event.postedAt), 'Amazon.com', sellerId, channelOf(event.amazonOrderId),
			line.asin, line.sellerSku, line.transactionType === 'SALE' ? 'Shipment' : 'Refund', 'MarketplaceFacilitator', 'Amazon', 'A_GEN_TAX',
			String(line.quantity), currency,
			money(netMinor + taxMinor), 'false', money(netMinor), money(taxMinor), money(taxMinor), component,
			'SAN BERNARDINO', 'CA', 'US', '92408', destination.city, destination.state, 'US', destination.postal,
			'State', destination.state, money(taxMinor), money(taxMinor), rateText(line.rate), 'Sales', money(0), money(netMinor),
		];
		chunk += `${fields.map(tsvField).join('\t')}\n`;
	}
	yield chunk;
}
