/**
 * Settlement reports built from a closed financial event group and its events, so every amount agrees
 * with the Finances API: the total equals the group's OriginalTotal and the lines sum to it exactly.
 * Three layouts, as Amazon publishes them for each settlement: the V2 flat file (one line per amount),
 * the older flat file (typed amount columns) and XML.
 */
import { marketplaceName } from '../../format/v0';
import type { FinanceEvent, FinancialEventGroupRecord, ItemLine, OrderFinanceEvent } from '../../data/model';
import { channelOf } from './channel';
import { STANDARD_DATES, type DateSpelling } from './dateSpellings';
import { amountText, isoOffset, stableId, tsvField, xmlEscape } from './format';

export interface SettlementLine {
	transactionType: string;
	orderId: string;
	adjustmentId: string;
	shipmentId: string;
	marketplaceName: string;
	amountType: string;
	amountDescription: string;
	minor: number;
	fulfillmentId: string;
	postedAt: number;
	orderItemCode: string;
	sku: string;
	quantity: string;
	promotionId: string;
}

const CHARGE_DESCRIPTION: Record<string, string> = {
	Principal: 'Principal',
	Tax: 'Tax',
	GiftWrap: 'GiftWrap',
	GiftWrapTax: 'GiftWrapTax',
	ShippingCharge: 'Shipping',
	ShippingTax: 'ShippingTax',
};

const ORDER_TRANSACTION: Record<OrderFinanceEvent['kind'], string> = {
	Shipment: 'Order',
	Refund: 'Refund',
	GuaranteeClaim: 'A-to-z Guarantee Claim',
	Chargeback: 'Chargeback Refund',
};

function itemLines(item: ItemLine, base: Omit<SettlementLine, 'amountType' | 'amountDescription' | 'minor' | 'promotionId'>): SettlementLine[] {
	const lines: SettlementLine[] = [];
	for (const part of item.charges) {
		// Amazon lists the principal always, other charges only when they are not zero
		if (part.minor === 0 && part.type !== 'Principal') continue;
		lines.push({ ...base, amountType: 'ItemPrice', amountDescription: CHARGE_DESCRIPTION[part.type] ?? part.type, minor: part.minor, promotionId: '' });
	}
	for (const part of item.fees) {
		if (part.minor === 0) continue;
		lines.push({ ...base, amountType: 'ItemFees', amountDescription: part.type, minor: part.minor, promotionId: '' });
	}
	for (const promotion of item.promotions) {
		if (promotion.minor === 0) continue;
		const shipping = promotion.promotionId === 'Core Free Shipping Promotion';
		lines.push({ ...base, amountType: 'Promotion', amountDescription: shipping ? 'Shipping' : 'Principal', minor: promotion.minor, promotionId: promotion.promotionId });
	}
	for (const part of item.taxWithheld) {
		if (part.minor === 0) continue;
		lines.push({ ...base, amountType: 'ItemWithheldTax', amountDescription: part.type, minor: part.minor, promotionId: '' });
	}
	return lines;
}

function orderEventLines(event: OrderFinanceEvent): SettlementLine[] {
	const shipment = event.kind === 'Shipment';
	const common = {
		transactionType: ORDER_TRANSACTION[event.kind],
		orderId: event.amazonOrderId,
		adjustmentId: shipment ? '' : stableId(`adjustment|${event.eventId}`, 14, 'digits'),
		shipmentId: shipment ? stableId(`shipment|${event.eventId}`, 9, 'mixed') : '',
		marketplaceName: marketplaceName(event.marketplaceId),
		fulfillmentId: channelOf(event.amazonOrderId),
		postedAt: event.postedAt,
	};
	return event.items.flatMap((item) =>
		itemLines(item, { ...common, orderItemCode: item.orderItemId, sku: item.sellerSku, quantity: shipment ? String(item.quantity) : '' }),
	);
}

function otherLine(event: FinanceEvent, amountType: string, description: string, minor: number, sku = '', quantity = ''): SettlementLine {
	return {
		transactionType: 'other-transaction',
		orderId: '',
		adjustmentId: '',
		shipmentId: '',
		marketplaceName: marketplaceName(event.marketplaceId),
		amountType,
		amountDescription: description,
		minor,
		fulfillmentId: '',
		postedAt: event.postedAt,
		orderItemCode: '',
		sku,
		quantity,
		promotionId: '',
	};
}

const SERVICE_FEE_DESCRIPTION: Record<string, string> = { Subscription: 'Subscription Fee', FBAStorageFee: 'Storage Fee' };

/** Every amount of a group, in settlement order (the group keeps its events sorted that way). */
export function settlementLines(group: FinancialEventGroupRecord): SettlementLine[] {
	const lines: SettlementLine[] = [];
	for (const event of group.events) {
		switch (event.kind) {
			case 'Shipment':
			case 'Refund':
			case 'GuaranteeClaim':
			case 'Chargeback':
				lines.push(...orderEventLines(event));
				break;
			case 'ServiceFee':
				for (const fee of event.fees) lines.push(otherLine(event, 'other-transaction', SERVICE_FEE_DESCRIPTION[fee.type] ?? fee.type, fee.minor));
				break;
			case 'ChargeRefund':
				for (const part of event.transactions) lines.push(otherLine(event, 'other-transaction', event.reasonCodeDescription, part.minor));
				break;
			case 'Adjustment':
				for (const item of event.items) {
					lines.push(otherLine(event, 'FBA Inventory Reimbursement', event.adjustmentType, item.totalMinor, item.sellerSku, String(item.quantity)));
				}
				break;
			case 'ProductAdsPayment':
				lines.push(otherLine(event, 'Cost of Advertising', 'TransactionTotalAmount', event.totalMinor));
				break;
			case 'Other':
				// the rarer lists (retrocharges, coupons, liquidations, ...): one line per part of the total
				for (const part of event.parts) {
					lines.push({ ...otherLine(event, event.description, part.path[part.path.length - 1] ?? event.list, part.minor), orderId: event.amazonOrderId ?? '' });
				}
				break;
			default:
				return unknownKind(event);
		}
	}
	return lines;
}

/** A new event kind must be added to the settlement layouts, or the lines would no longer add up. */
function unknownKind(event: never): never {
	throw new Error(`settlement reports do not know event kind ${(event as FinanceEvent).kind}`);
}

export const SETTLEMENT_V2_HEADER = [
	'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type',
	'order-id', 'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount',
	'fulfillment-id', 'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku',
	'quantity-purchased', 'promotion-id',
];

export const SETTLEMENT_V1_HEADER = [
	'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type',
	'order-id', 'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'shipment-fee-type', 'shipment-fee-amount',
	'order-fee-type', 'order-fee-amount', 'fulfillment-id', 'posted-date', 'order-item-code', 'merchant-order-item-id',
	'merchant-adjustment-item-id', 'sku', 'quantity-purchased', 'price-type', 'price-amount', 'item-related-fee-type',
	'item-related-fee-amount', 'misc-fee-amount', 'other-fee-amount', 'other-fee-reason-description', 'promotion-id', 'promotion-type',
	'promotion-amount', 'direct-payment-type', 'direct-payment-amount', 'other-amount',
];

function row(fields: string[]): string {
	return `${fields.map(tsvField).join('\t')}\n`;
}

/**
 * What a flat-file layout writes: the lines of the group, or lines a test edited (control hook
 * `reports.editSettlementLines`). A report always adds up, so edited lines bring their own total.
 */
export interface FlatSettlementOptions {
	lines?: readonly SettlementLine[];
	chunkRows?: number;
	/** How dates are written (default: as the emulator always did). */
	dates?: DateSpelling;
}

function linesAndTotal(group: FinancialEventGroupRecord, options: FlatSettlementOptions): { lines: readonly SettlementLine[]; totalMinor: number } {
	if (!options.lines) return { lines: settlementLines(group), totalMinor: group.totalMinor };
	return { lines: options.lines, totalMinor: options.lines.reduce((sum, line) => sum + line.minor, 0) };
}

/** The V2 flat file, in chunks of about `chunkRows` lines. */
export function* settlementV2(group: FinancialEventGroupRecord, options: FlatSettlementOptions = {}): Generator<string> {
	const { currency } = group;
	const { lines, totalMinor } = linesAndTotal(group, options);
	const chunkRows = options.chunkRows ?? 500;
	const dates = options.dates ?? STANDARD_DATES;
	const width = SETTLEMENT_V2_HEADER.length;
	let chunk = row(SETTLEMENT_V2_HEADER);
	const summary = [group.settlementId, dates.settlementPeriod(group.startAt), dates.settlementPeriod(group.endAt), dates.settlementTime(group.fundTransferAt), amountText(totalMinor, currency), currency];
	chunk += row([...summary, ...Array<string>(width - summary.length).fill('')]);
	let count = 0;
	for (const line of lines) {
		chunk += row([
			group.settlementId, '', '', '', '', currency, line.transactionType, line.orderId, line.orderId, line.adjustmentId, line.shipmentId,
			line.marketplaceName, line.amountType, line.amountDescription, amountText(line.minor, currency), line.fulfillmentId,
			dates.settlementDay(line.postedAt), dates.settlementTime(line.postedAt), line.orderItemCode, '', '', line.sku, line.quantity, line.promotionId,
		]);
		if (++count % chunkRows === 0) {
			yield chunk;
			chunk = '';
		}
	}
	if (chunk) yield chunk;
}

/** The older flat file: each amount in the column of its kind. */
export function* settlementV1(group: FinancialEventGroupRecord, options: FlatSettlementOptions = {}): Generator<string> {
	const { currency } = group;
	const { lines, totalMinor } = linesAndTotal(group, options);
	const chunkRows = options.chunkRows ?? 500;
	const dates = options.dates ?? STANDARD_DATES;
	const width = SETTLEMENT_V1_HEADER.length;
	const index = new Map(SETTLEMENT_V1_HEADER.map((name, i) => [name, i]));
	let chunk = row(SETTLEMENT_V1_HEADER);
	const period = dates === STANDARD_DATES ? dates.settlementV1Time : dates.settlementPeriod;
	const summary = [group.settlementId, period(group.startAt), period(group.endAt), dates.settlementV1Time(group.fundTransferAt), amountText(totalMinor, currency), currency];
	chunk += row([...summary, ...Array<string>(width - summary.length).fill('')]);
	let count = 0;
	for (const line of lines) {
		const fields = Array<string>(width).fill('');
		const set = (name: string, value: string): void => void (fields[index.get(name)!] = value);
		set('settlement-id', group.settlementId);
		set('currency', currency);
		set('transaction-type', line.transactionType === 'other-transaction' ? line.amountDescription : line.transactionType);
		set('order-id', line.orderId);
		set('merchant-order-id', line.orderId);
		set('adjustment-id', line.adjustmentId);
		set('shipment-id', line.shipmentId);
		set('marketplace-name', line.marketplaceName);
		set('fulfillment-id', line.fulfillmentId);
		set('posted-date', dates.settlementDay(line.postedAt));
		set('order-item-code', line.orderItemCode);
		set('sku', line.sku);
		set('quantity-purchased', line.quantity);
		const amount = amountText(line.minor, currency);
		switch (line.amountType) {
			case 'ItemPrice':
			case 'ItemWithheldTax':
				set('price-type', line.amountDescription);
				set('price-amount', amount);
				break;
			case 'ItemFees':
				set('item-related-fee-type', line.amountDescription);
				set('item-related-fee-amount', amount);
				break;
			case 'Promotion':
				set('promotion-id', line.promotionId);
				set('promotion-type', line.amountDescription);
				set('promotion-amount', amount);
				break;
			default:
				set('other-fee-reason-description', line.amountType === 'other-transaction' ? '' : line.amountDescription);
				set('other-amount', amount);
		}
		chunk += row(fields);
		if (++count % chunkRows === 0) {
			yield chunk;
			chunk = '';
		}
	}
	if (chunk) yield chunk;
}

function amountXml(tag: string, minor: number, currency: string): string {
	return `<${tag} currency="${currency}">${amountText(minor, currency)}</${tag}>`;
}

function componentsXml(tag: string, childTag: string, parts: { type: string; minor: number }[], currency: string): string {
	if (parts.length === 0) return '';
	return `<${tag}>${parts.map((part) => `<${childTag}><Type>${xmlEscape(part.type)}</Type>${amountXml('Amount', part.minor, currency)}</${childTag}>`).join('')}</${tag}>`;
}

function orderXml(event: OrderFinanceEvent, currency: string): string {
	const shipment = event.kind === 'Shipment';
	const items = event.items
		.map((item) => {
			const price = item.charges
				.filter((part) => part.minor !== 0 || part.type === 'Principal')
				.map((part) => ({ type: CHARGE_DESCRIPTION[part.type] ?? part.type, minor: part.minor }))
				.concat(item.taxWithheld.filter((part) => part.minor !== 0));
			const fees = item.fees.filter((part) => part.minor !== 0);
			const promotions = item.promotions
				.filter((promotion) => promotion.minor !== 0)
				.map(
					(promotion) =>
						`<${shipment ? 'Promotion' : 'PromotionAdjustment'}><MerchantPromotionID>${xmlEscape(promotion.promotionId)}</MerchantPromotionID><Type>${promotion.promotionId === 'Core Free Shipping Promotion' ? 'Shipping' : 'Principal'}</Type>${amountXml('Amount', promotion.minor, currency)}</${shipment ? 'Promotion' : 'PromotionAdjustment'}>`,
				)
				.join('');
			return shipment
				? `<Item><AmazonOrderItemCode>${item.orderItemId}</AmazonOrderItemCode><SKU>${xmlEscape(item.sellerSku)}</SKU><Quantity>${item.quantity}</Quantity>${componentsXml('ItemPrice', 'Component', price, currency)}${componentsXml('ItemFees', 'Fee', fees, currency)}${promotions}</Item>`
				: `<AdjustedItem><AmazonOrderItemCode>${item.orderItemId}</AmazonOrderItemCode><MerchantAdjustmentItemID>${item.orderAdjustmentItemId ?? ''}</MerchantAdjustmentItemID><SKU>${xmlEscape(item.sellerSku)}</SKU>${componentsXml('ItemPriceAdjustments', 'Component', price, currency)}${componentsXml('ItemFeeAdjustments', 'Fee', fees, currency)}${promotions}</AdjustedItem>`;
		})
		.join('');
	const head = `<AmazonOrderID>${event.amazonOrderId}</AmazonOrderID><MerchantOrderID>${event.amazonOrderId}</MerchantOrderID>`;
	const fulfilment = `<Fulfillment><MerchantFulfillmentID>${channelOf(event.amazonOrderId)}</MerchantFulfillmentID><PostedDate>${isoOffset(event.postedAt)}</PostedDate>${items}</Fulfillment>`;
	return shipment
		? `<Order>${head}<ShipmentID>${stableId(`shipment|${event.eventId}`, 9, 'mixed')}</ShipmentID><MarketplaceName>${marketplaceName(event.marketplaceId)}</MarketplaceName>${fulfilment}</Order>\n`
		: `<Refund>${head}<AdjustmentID>${stableId(`adjustment|${event.eventId}`, 14, 'digits')}</AdjustmentID><MarketplaceName>${marketplaceName(event.marketplaceId)}</MarketplaceName>${fulfilment}</Refund>\n`;
}

function otherXml(type: string, event: FinanceEvent, minor: number, currency: string, items: { sku: string; quantity: number; minor: number }[] = []): string {
	const itemXml = items.map((item) => `<OtherTransactionItem><SKU>${xmlEscape(item.sku)}</SKU><Quantity>${item.quantity}</Quantity>${amountXml('Amount', item.minor, currency)}</OtherTransactionItem>`).join('');
	return `<OtherTransaction><TransactionType>${xmlEscape(type)}</TransactionType><TransactionID>${stableId(`transaction|${event.eventId}`, 20, 'mixed')}</TransactionID><PostedDate>${isoOffset(event.postedAt)}</PostedDate>${amountXml('Amount', minor, currency)}${itemXml}</OtherTransaction>\n`;
}

/** The XML layout, one element per transaction. */
export function* settlementXml(group: FinancialEventGroupRecord, merchantId: string, chunkEvents = 200): Generator<string> {
	const { currency } = group;
	let chunk =
		'<?xml version="1.0" encoding="UTF-8"?>\n<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">\n' +
		`<Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${merchantId}</MerchantIdentifier></Header>\n<MessageType>SettlementReport</MessageType>\n<Message><MessageID>1</MessageID><SettlementReport>\n` +
		`<SettlementData><AmazonSettlementID>${group.settlementId}</AmazonSettlementID>${amountXml('TotalAmount', group.totalMinor, currency)}<StartDate>${isoOffset(group.startAt)}</StartDate><EndDate>${isoOffset(group.endAt)}</EndDate><DepositDate>${isoOffset(group.fundTransferAt)}</DepositDate></SettlementData>\n`;
	let count = 0;
	for (const event of group.events) {
		switch (event.kind) {
			case 'Shipment':
			case 'Refund':
			case 'GuaranteeClaim':
			case 'Chargeback':
				chunk += orderXml(event, currency);
				break;
			case 'ServiceFee':
				for (const fee of event.fees) chunk += otherXml(SERVICE_FEE_DESCRIPTION[fee.type] ?? fee.type, event, fee.minor, currency);
				break;
			case 'ChargeRefund':
				for (const part of event.transactions) chunk += otherXml(event.reasonCodeDescription, event, part.minor, currency);
				break;
			case 'Adjustment':
				chunk += otherXml(`FBA Inventory Reimbursement - ${event.adjustmentType}`, event, event.totalMinor, currency, event.items.map((item) => ({ sku: item.sellerSku, quantity: item.quantity, minor: item.totalMinor })));
				break;
			case 'Other':
				chunk += otherXml(event.description, event, event.totalMinor, currency);
				break;
			case 'ProductAdsPayment':
				chunk += `<AdvertisingTransactionDetails><TransactionType>Charge</TransactionType><PostedDate>${isoOffset(event.postedAt)}</PostedDate><InvoiceId>${event.invoiceId}</InvoiceId>${amountXml('BaseAmount', event.baseMinor, currency)}${amountXml('TransactionAmount', event.totalMinor, currency)}</AdvertisingTransactionDetails>\n`;
				break;
			default:
				return unknownKind(event);
		}
		if (++count % chunkEvents === 0) {
			yield chunk;
			chunk = '';
		}
	}
	yield `${chunk}</SettlementReport></Message>\n</AmazonEnvelope>\n`;
}
