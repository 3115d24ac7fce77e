/**
 * Returns, derived from the seller's refunds so every report agrees with the Finances API: each refunded
 * item of a Refund event is a return with the same order id, SKU and quantity. Orders Amazon shipped
 * (AFN) appear in the FBA customer returns report, seller-shipped ones (MFN) in the seller-fulfilled
 * returns reports (flat file and XML). Some MFN return requests are still waiting for the seller to
 * authorise them: they have a request date and no refund yet.
 *
 * Amazon's wording for the waiting status is not documented where ACORN could check it; the emulator
 * writes "Pending" (see docs/guides/reports.md).
 */
import { findMarketplace } from '../../../../nodes/sp-api/marketplaces';
import type { OrderFinanceEvent, SellerData } from '../../data/model';
import { DAY, HOUR } from '../../data/timing';
import { Random } from '../../random';
import { channelOf } from './channel';
import { STANDARD_DATES, type DateSpelling } from './dateSpellings';
import { amountText, isoOffset, stableId, tsvField, xmlEscape } from './format';

export const PENDING_STATUS = 'Pending';

/** FBA return reasons (the `reason` column of the FBA customer returns report). */
const FBA_REASONS = ['UNWANTED_ITEM', 'DEFECTIVE', 'NOT_AS_DESCRIBED', 'ORDERED_WRONG_ITEM', 'DAMAGED_BY_CARRIER', 'QUALITY_UNACCEPTABLE', 'MISSING_PARTS', 'FOUND_BETTER_PRICE', 'NO_REASON_GIVEN', 'SWITCHEROO'];
/** Seller-fulfilled return reason codes (the `Return Reason` column). */
const MFN_REASONS = ['CR-UNWANTED_ITEM', 'CR-DEFECTIVE', 'AMZ-PG-BAD-DESC', 'CR-ORDERED_WRONG_ITEM', 'CR-DAMAGED_BY_CARRIER', 'CR-QUALITY_UNACCEPTABLE', 'CR-MISSING_PARTS', 'CR-FOUND_BETTER_PRICE', 'AMZ-PG-MISORDERED', 'CR-SWITCHEROO'];
const DISPOSITIONS = ['SELLABLE', 'SELLABLE', 'CUSTOMER_DAMAGED', 'DEFECTIVE', 'CARRIER_DAMAGED'];
const FULFILMENT_CENTRES: Record<string, string[]> = {
	US: ['PHX7', 'LGB8', 'BFI4', 'MDW2'], CA: ['YYZ4', 'YVR2'], MX: ['MEX1'], UK: ['LBA1', 'MAN1'], DE: ['FRA3', 'MUC3', 'LEJ1'],
	FR: ['ORY1', 'LIL1'], IT: ['MXP5', 'FCO1'], ES: ['MAD4', 'BCN1'], JP: ['NRT1', 'KIX2'], AU: ['SYD8', 'MEL1'],
};
/** Buyers write in the marketplace's language (the reports keep their text as Amazon does). */
const CUSTOMER_COMMENTS: Record<string, string[]> = {
	DE: ['', '', 'Zu klein – Größe fällt klein aus', 'Beschädigt angekommen', 'Nicht wie „beschrieben“'],
	FR: ['', '', 'Ne correspond pas à la description', 'Arrivé endommagé'],
	IT: ['', '', 'Non corrisponde alla descrizione', 'Arrivato danneggiato'],
	ES: ['', '', 'No coincide con la descripción', 'Llegó dañado'],
	JP: ['', '', '思っていた色と違う', 'サイズが合わない', '破損して届いた'],
	other: ['', '', 'Arrived damaged', 'No longer needed', 'Not as described'],
};

export interface ReturnRecord {
	channel: 'AFN' | 'MFN';
	amazonOrderId: string;
	marketplaceId: string;
	currency: string;
	sellerSku: string;
	asin: string;
	fnSku: string;
	title: string;
	quantity: number;
	/** FBA reason or MFN reason code, depending on the channel. */
	reason: string;
	orderedAt: number;
	/** MFN: when the buyer asked; FBA: when the unit reached the fulfilment centre. */
	returnedAt: number;
	status: string;
	/** The refund this return belongs to (absent for requests still awaiting authorisation). */
	refundEventId?: string;
	refundedMinor?: number;
	orderAmountMinor: number;
	orderQuantity: number;
	// FBA only
	fulfillmentCenterId: string;
	disposition: string;
	licensePlate: string;
	customerComment: string;
	// MFN only
	amazonRmaId: string;
	labelCostMinor: number;
	trackingId: string;
	deliveredAt?: number;
}

const cache = new WeakMap<SellerData, ReturnRecord[]>();

function principalOf(parts: { type: string; minor: number }[]): number {
	return parts.filter((part) => part.type === 'Principal').reduce((sum, part) => sum + part.minor, 0);
}

/** Every return of the seller, oldest first (by return or request date). */
export function returnsOf(data: SellerData, seed: number, nowMs: number): ReturnRecord[] {
	const cached = cache.get(data);
	if (cached) return cached;
	const records: ReturnRecord[] = [];
	const catalog = new Map(data.catalog.map((item) => [`${item.marketplaceId}|${item.sellerSku}`, item]));
	const ordersById = new Map(data.orders.map((order) => [order.amazonOrderId, order]));
	const refundedOrders = new Set<string>();
	for (const event of data.events) {
		if (event.kind !== 'Refund') continue;
		refundedOrders.add(event.amazonOrderId);
		records.push(...refundReturns(event, seed, catalog, ordersById.get(event.amazonOrderId)?.purchasedAt ?? event.postedAt - 10 * DAY));
	}
	records.push(...pendingRequests(data, seed, nowMs, refundedOrders, catalog));
	records.sort((a, b) => a.returnedAt - b.returnedAt || (a.amazonOrderId < b.amazonOrderId ? -1 : 1));
	cache.set(data, records);
	return records;
}

function refundReturns(event: OrderFinanceEvent, seed: number, catalog: Map<string, { fnSku: string }>, orderedAt: number): ReturnRecord[] {
	const random = new Random(seed, 'returns', event.eventId);
	const channel = channelOf(event.amazonOrderId);
	const country = findMarketplace(event.marketplaceId)?.countryCode ?? 'US';
	return event.items.map((item, index) => {
		const returnedAt = channel === 'AFN' ? event.postedAt - random.int(0, 72) * HOUR : event.postedAt - random.int(2 * 24, 8 * 24) * HOUR;
		const reasonIndex = random.int(0, FBA_REASONS.length - 1);
		const refundedMinor = -principalOf(item.charges);
		const key = `${event.eventId}|${index}`;
		return {
			channel,
			amazonOrderId: event.amazonOrderId,
			marketplaceId: event.marketplaceId,
			currency: event.currency,
			sellerSku: item.sellerSku,
			asin: item.asin,
			fnSku: catalog.get(`${event.marketplaceId}|${item.sellerSku}`)?.fnSku ?? '',
			title: item.title,
			quantity: item.quantity,
			reason: event.returnReason ?? (channel === 'AFN' ? FBA_REASONS[reasonIndex] : MFN_REASONS[reasonIndex]),
			orderedAt: Math.min(orderedAt, returnedAt),
			returnedAt,
			status: channel === 'AFN' ? (random.chance(0.8) ? 'Unit returned to inventory' : 'Reimbursed') : 'Approved',
			refundEventId: event.eventId,
			refundedMinor,
			orderAmountMinor: refundedMinor,
			orderQuantity: item.quantity,
			fulfillmentCenterId: random.pick(FULFILMENT_CENTRES[country] ?? ['XYZ1']),
			disposition: random.pick(DISPOSITIONS),
			licensePlate: `LPN${stableId(`lpn|${key}`, 10, 'alnum')}`,
			customerComment: random.pick(CUSTOMER_COMMENTS[country] ?? CUSTOMER_COMMENTS.other),
			amazonRmaId: `${stableId(`rma|${key}`, 8, 'mixed')}RRMA`,
			labelCostMinor: channel === 'MFN' ? random.int(300, 900) : 0,
			trackingId: stableId(`tracking|${key}`, 22, 'digits'),
			deliveredAt: channel === 'MFN' ? Math.min(returnedAt + random.int(2, 5) * DAY, event.postedAt) : undefined,
		};
	});
}

/** Return requests of recent seller-shipped orders that the seller has not authorised yet. */
function pendingRequests(data: SellerData, seed: number, nowMs: number, refunded: Set<string>, catalog: Map<string, { fnSku: string }>): ReturnRecord[] {
	const out: ReturnRecord[] = [];
	for (const order of data.orders) {
		if (refunded.has(order.amazonOrderId) || channelOf(order.amazonOrderId) !== 'MFN') continue;
		if (order.purchasedAt < nowMs - 30 * DAY || order.purchasedAt > nowMs - 3 * DAY) continue;
		const random = new Random(seed, 'pending-return', order.amazonOrderId);
		if (!random.chance(0.04)) continue;
		const item = order.items[0];
		const key = `pending|${order.amazonOrderId}`;
		out.push({
			channel: 'MFN',
			amazonOrderId: order.amazonOrderId,
			marketplaceId: order.marketplaceId,
			currency: order.currency,
			sellerSku: item.sellerSku,
			asin: item.asin,
			fnSku: catalog.get(`${order.marketplaceId}|${item.sellerSku}`)?.fnSku ?? '',
			title: item.title,
			quantity: 1,
			reason: random.pick(MFN_REASONS),
			orderedAt: order.purchasedAt,
			// asked between 2 and 60 hours before the data was generated: some are close to the 48 h window
			returnedAt: nowMs - random.int(2 * 60, 60 * 60) * 60_000,
			status: PENDING_STATUS,
			orderAmountMinor: item.unitPriceMinor * item.quantity,
			orderQuantity: item.quantity,
			fulfillmentCenterId: '',
			disposition: '',
			licensePlate: '',
			customerComment: '',
			amazonRmaId: `${stableId(`rma|${key}`, 8, 'mixed')}RRMA`,
			labelCostMinor: 0,
			trackingId: '',
		});
	}
	return out;
}

export const FBA_RETURNS_HEADER = ['return-date', 'order-id', 'sku', 'asin', 'fnsku', 'product-name', 'quantity', 'fulfillment-center-id', 'detailed-disposition', 'reason', 'status', 'license-plate-number', 'customer-comments'];

export const MFN_RETURNS_HEADER = [
	'Order ID', 'Order date', 'Return request date', 'Return request status', 'Amazon RMA ID', 'Merchant RMA ID', 'Label type', 'Label cost',
	'Currency code', 'Return carrier', 'Tracking ID', 'Label to be paid by', 'A-to-Z Claim', 'Is prime', 'ASIN', 'Merchant SKU', 'Item Name',
	'Return quantity', 'Return Reason', 'In policy', 'Return type', 'Resolution', 'Invoice number', 'Return delivery date', 'Order Amount',
	'Order quantity', 'SafeT Action reason', 'SafeT claim id', 'SafeT claim state', 'SafeT claim creation time', 'SafeT claim reimbursement amount',
	'Refunded Amount',
];

const line = (fields: string[]): string => `${fields.map(tsvField).join('\t')}\n`;

export function* fbaReturnsFile(records: ReturnRecord[], dates: DateSpelling = STANDARD_DATES): Generator<string> {
	let chunk = line(FBA_RETURNS_HEADER);
	for (const r of records) {
		chunk += line([dates.fbaTime(r.returnedAt), r.amazonOrderId, r.sellerSku, r.asin, r.fnSku, r.title, String(r.quantity), r.fulfillmentCenterId, r.disposition, r.reason, r.status, r.licensePlate, r.customerComment]);
	}
	yield chunk;
}

export function* mfnReturnsFile(records: ReturnRecord[], dates: DateSpelling = STANDARD_DATES): Generator<string> {
	const dayMonthYear = dates.mfnDay;
	let chunk = line(MFN_RETURNS_HEADER);
	for (const r of records) {
		const pending = r.status === PENDING_STATUS;
		chunk += line([
			r.amazonOrderId, dayMonthYear(r.orderedAt), dayMonthYear(r.returnedAt), r.status, r.amazonRmaId, '',
			pending ? '' : 'AmazonPrePaidLabel', pending ? '' : amountText(r.labelCostMinor, r.currency), r.currency, pending ? '' : 'UPS',
			r.trackingId, pending ? '' : 'Seller', 'N', 'N', r.asin, r.sellerSku, r.title, String(r.quantity), r.reason, 'Y', 'C-Returns',
			pending ? '' : 'StandardRefund', '', r.deliveredAt ? dayMonthYear(r.deliveredAt) : '', amountText(r.orderAmountMinor, r.currency),
			String(r.orderQuantity), '', '', '', '', '', r.refundedMinor === undefined ? '' : amountText(r.refundedMinor, r.currency),
		]);
	}
	yield chunk;
}

export function* mfnReturnsXml(records: ReturnRecord[]): Generator<string> {
	let chunk =
		'<?xml version="1.0" encoding="UTF-8"?>\n<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">\n' +
		'<Header><DocumentVersion>1.00</DocumentVersion></Header>\n<MessageType>Returns-Report</MessageType>\n<Message>\n';
	for (const r of records) {
		const pending = r.status === PENDING_STATUS;
		chunk +=
			`<return_details><item_details><item_name>${xmlEscape(r.title)}</item_name><asin>${r.asin}</asin><return_reason_code>${r.reason}</return_reason_code>` +
			`<merchant_sku>${xmlEscape(r.sellerSku)}</merchant_sku><in_policy>Y</in_policy><return_quantity>${r.quantity}</return_quantity>` +
			(pending ? '' : '<resolution>StandardRefund</resolution>') +
			(r.refundedMinor === undefined ? '' : `<refund_amount>${amountText(r.refundedMinor, r.currency)}</refund_amount>`) +
			`</item_details><order_id>${r.amazonOrderId}</order_id><order_date>${isoOffset(r.orderedAt).replace('+00:00', 'Z')}</order_date>` +
			`<amazon_rma_id>${r.amazonRmaId}</amazon_rma_id><return_request_date>${isoOffset(r.returnedAt).replace('+00:00', 'Z')}</return_request_date>` +
			`<return_request_status>${r.status}</return_request_status><a_to_z_claim>false</a_to_z_claim><is_prime>N</is_prime>` +
			(pending ? '' : `<label_details><currency_code>${r.currency}</currency_code><label_cost>${amountText(r.labelCostMinor, r.currency)}</label_cost><label_type>AmazonPrePaidLabel</label_type></label_details><label_to_be_paid_by>Seller</label_to_be_paid_by>`) +
			`<return_type>C-Returns</return_type><order_amount>${amountText(r.orderAmountMinor, r.currency)}</order_amount><order_quantity>${r.orderQuantity}</order_quantity></return_details>\n`;
	}
	yield `${chunk}</Message>\n</AmazonEnvelope>\n`;
}
