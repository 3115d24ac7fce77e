/**
 * Amazon's vendor answers (vendorOrders.json, vendorShipments.json) read into plain records: every
 * quantity in eaches (cases × case size, as Amazon's ItemQuantity describes it), money as exact decimal
 * text with its currency, dates as Amazon sent them (ISO-8601 UTC). Anything missing stays undefined:
 * these readers never invent a value.
 */
import { list, object, text, type Json } from '../../sp-api/json';
import { readAmazonMoney, type Money } from '../../sp-api/money';


/** An ItemQuantity as it was sent, and in eaches. */
export interface Quantity {
	amount: number;
	unitOfMeasure: string;
	unitSize?: number;
	eaches: number;
}

/** `{amount, unitOfMeasure, unitSize}` → eaches; Cases count `unitSize` eaches each (1 when Amazon omits it). */
export function quantityOf(value: unknown): Quantity | undefined {
	const q = object(value);
	if (typeof q.amount !== 'number' || !Number.isFinite(q.amount)) return undefined;
	const unitOfMeasure = text(q.unitOfMeasure) ?? 'Eaches';
	const unitSize = typeof q.unitSize === 'number' && q.unitSize > 0 ? q.unitSize : undefined;
	const eaches = unitOfMeasure === 'Cases' ? q.amount * (unitSize ?? 1) : q.amount;
	return { amount: q.amount, unitOfMeasure, ...(unitSize !== undefined ? { unitSize } : {}), eaches };
}

export function eachesOf(value: unknown): number {
	return quantityOf(value)?.eaches ?? 0;
}

export function moneyOf(value: unknown): Money | undefined {
	return readAmazonMoney(value);
}

/** "2026-01-01T00:00:00Z--2026-01-07T00:00:00Z" → its two ends. */
export function windowOf(value: unknown): { start?: string; end?: string } {
	const [start, end] = (text(value) ?? '').split('--');
	return { start: text(start), end: text(end) };
}

/** One line of getPurchaseOrdersStatus, with the PO it belongs to. */
export interface StatusLine {
	purchaseOrderNumber: string;
	purchaseOrderStatus?: string;
	purchaseOrderDate?: string;
	lastUpdatedDate?: string;
	vendorCode?: string;
	shipTo?: string;
	itemSequenceNumber: string;
	asin?: string;
	vendorSku?: string;
	netCost?: Money;
	listPrice?: Money;
	ordered?: Quantity;
	accepted?: Quantity;
	rejected?: Quantity;
	received?: Quantity;
	confirmationStatus?: string;
	receiveStatus?: string;
	lastReceiveDate?: string;
}

export function statusLinesOf(orderStatus: unknown): StatusLine[] {
	const po = object(orderStatus);
	const number = text(po.purchaseOrderNumber) ?? '';
	return list(po.itemStatus).map((item) => {
		const ordered = object(item.orderedQuantity);
		const ack = object(item.acknowledgementStatus);
		const receiving = object(item.receivingStatus);
		return {
			purchaseOrderNumber: number,
			purchaseOrderStatus: text(po.purchaseOrderStatus),
			purchaseOrderDate: text(po.purchaseOrderDate),
			lastUpdatedDate: text(po.lastUpdatedDate),
			vendorCode: text(object(po.sellingParty).partyId),
			shipTo: text(object(po.shipToParty).partyId),
			itemSequenceNumber: text(item.itemSequenceNumber) ?? '',
			asin: text(item.buyerProductIdentifier),
			vendorSku: text(item.vendorProductIdentifier),
			netCost: moneyOf(item.netCost),
			listPrice: moneyOf(item.listPrice),
			ordered: quantityOf(ordered.orderedQuantity),
			accepted: quantityOf(ack.acceptedQuantity),
			rejected: quantityOf(ack.rejectedQuantity),
			received: quantityOf(receiving.receivedQuantity),
			confirmationStatus: text(ack.confirmationStatus),
			receiveStatus: text(receiving.receiveStatus),
			lastReceiveDate: text(receiving.lastReceiveDate),
		};
	});
}

/** One item of an ASN (GetShipmentDetails), with the shipment it belongs to. */
export interface AsnItem {
	vendorShipmentIdentifier: string;
	transactionType?: string;
	shipmentStatus?: string;
	shippedDate?: string;
	createdDate?: string;
	purchaseOrderNumber: string;
	itemSequenceNumber?: string;
	asin?: string;
	vendorSku?: string;
	shipped?: Quantity;
}

/** The shipped date of an ASN: the transport details', else the date its status became Shipped. */
function shippedDateOf(shipment: Json): string | undefined {
	const transport = text(object(shipment.transportationDetails).shippedDate);
	if (transport) return transport;
	return text(list(shipment.shipmentStatusDetails).find((detail) => detail.shipmentStatus === 'Shipped')?.shipmentStatusDate);
}

export function asnItemsOf(shipment: unknown): AsnItem[] {
	const s = object(shipment);
	const base = {
		vendorShipmentIdentifier: text(s.vendorShipmentIdentifier) ?? '',
		transactionType: text(s.transactionType),
		shipmentStatus: text(s.currentShipmentStatus),
		shippedDate: shippedDateOf(s),
		createdDate: text(s.shipmentCreateDate),
	};
	return list(s.purchaseOrders).flatMap((po) =>
		list(po.items).map((item) => ({
			...base,
			purchaseOrderNumber: text(po.purchaseOrderNumber) ?? '',
			itemSequenceNumber: text(item.itemSequenceNumber),
			asin: text(item.buyerProductIdentifier),
			vendorSku: text(item.vendorProductIdentifier),
			shipped: quantityOf(item.shippedQuantity),
		})),
	);
}

/** The PO line an ASN item refers to: same PO, then the same ASIN, vendor SKU or (last) item number. */
export function matchesLine(item: AsnItem, line: Pick<StatusLine, 'purchaseOrderNumber' | 'asin' | 'vendorSku' | 'itemSequenceNumber'>): boolean {
	if (item.purchaseOrderNumber !== line.purchaseOrderNumber) return false;
	if (item.asin && line.asin) return item.asin === line.asin;
	if (item.vendorSku && line.vendorSku) return item.vendorSku === line.vendorSku;
	return item.itemSequenceNumber !== undefined && item.itemSequenceNumber === line.itemSequenceNumber;
}
