/**
 * Items a person reads: Amazon's vendor answers flattened into plain fields (quantities in eaches next
 * to the unit Amazon used, money as exact `{amount, currency}`, dates in UTC and in the workflow's time
 * zone), Amazon's original under `raw`.
 */
import type { IDataObject } from 'n8n-workflow';
import { toLocalIso } from '../../sp-api/dates';
import { compact, list, object, text } from '../../sp-api/json';
import { addDecimals, money, multiplyDecimal, parseDecimal, totalsByCurrency, type Money } from '../../sp-api/money';
import { asnItemsOf, moneyOf, quantityOf, windowOf, type Quantity, type StatusLine } from './records';


function moneyJson(value: Money | undefined): IDataObject | undefined {
	return value ? { ...value } : undefined;
}

function quantityJson(value: Quantity | undefined): IDataObject | undefined {
	return value ? { ...value } : undefined;
}

/** A date as Amazon sent it (UTC) and, next to it, in the workflow's time zone. */
function dates(name: string, value: string | undefined, zone: string): IDataObject {
	return { [name]: value, [`${name}Local`]: toLocalIso(value, zone) };
}

/** Eaches × net cost, exact; undefined without a cost. */
export function lineValue(eaches: number, cost: Money | undefined): Money | undefined {
	return cost ? money(multiplyDecimal(parseDecimal(cost.amount), eaches), cost.currency) : undefined;
}

/** One line of a PO (getPurchaseOrder/getPurchaseOrders `items[]`). */
export function orderLineJson(item: unknown): IDataObject {
	const i = object(item);
	const ordered = quantityOf(i.orderedQuantity);
	const netCost = moneyOf(i.netCost);
	return compact({
		itemSequenceNumber: text(i.itemSequenceNumber),
		asin: text(i.amazonProductIdentifier),
		vendorSku: text(i.vendorProductIdentifier),
		orderedQuantity: quantityJson(ordered),
		orderedUnits: ordered?.eaches,
		netCost: moneyJson(netCost),
		listPrice: moneyJson(moneyOf(i.listPrice)),
		lineValue: moneyJson(lineValue(ordered?.eaches ?? 0, netCost)),
		backOrderAllowed: typeof i.isBackOrderAllowed === 'boolean' ? i.isBackOrderAllowed : undefined,
	});
}

/** A PO of getPurchaseOrders / getPurchaseOrder: its header, totals per currency and its lines. */
export function orderJson(order: unknown, zone: string): IDataObject {
	const o = object(order);
	const details = object(o.orderDetails);
	const lines = list(details.items).map(orderLineJson);
	const values = lines.map((line) => line.lineValue as Money | undefined).filter((value): value is Money => !!value);
	const shipWindow = windowOf(details.shipWindow);
	const deliveryWindow = windowOf(details.deliveryWindow);
	return compact({
		purchaseOrderNumber: text(o.purchaseOrderNumber),
		purchaseOrderState: text(o.purchaseOrderState),
		...dates('purchaseOrderDate', text(details.purchaseOrderDate), zone),
		purchaseOrderChangedDate: text(details.purchaseOrderChangedDate),
		purchaseOrderStateChangedDate: text(details.purchaseOrderStateChangedDate),
		purchaseOrderType: text(details.purchaseOrderType),
		paymentMethod: text(details.paymentMethod),
		vendorCode: text(object(details.sellingParty).partyId),
		shipTo: text(object(details.shipToParty).partyId),
		buyingParty: text(object(details.buyingParty).partyId),
		billTo: text(object(details.billToParty).partyId),
		shipWindowStart: shipWindow.start,
		shipWindowEnd: shipWindow.end,
		deliveryWindowStart: deliveryWindow.start,
		deliveryWindowEnd: deliveryWindow.end,
		dealCode: text(details.dealCode),
		lineCount: o.orderDetails ? lines.length : undefined,
		orderedUnits: o.orderDetails ? lines.reduce((sum, line) => sum + Number(line.orderedUnits ?? 0), 0) : undefined,
		orderValue: o.orderDetails ? totalsByCurrency(values).map((value) => ({ ...value })) : undefined,
		lines: o.orderDetails ? lines : undefined,
		raw: o as IDataObject,
	});
}

/** One item per PO line of getPurchaseOrdersStatus: the quantities Amazon ordered, accepted and received. */
export function statusLineJson(line: StatusLine, zone: string): IDataObject {
	const accepted = line.accepted?.eaches;
	const received = line.received?.eaches ?? 0;
	return compact({
		purchaseOrderNumber: line.purchaseOrderNumber,
		purchaseOrderStatus: line.purchaseOrderStatus,
		...dates('purchaseOrderDate', line.purchaseOrderDate, zone),
		lastUpdatedDate: line.lastUpdatedDate,
		vendorCode: line.vendorCode,
		shipTo: line.shipTo,
		itemSequenceNumber: line.itemSequenceNumber,
		asin: line.asin,
		vendorSku: line.vendorSku,
		netCost: moneyJson(line.netCost),
		confirmationStatus: line.confirmationStatus,
		receiveStatus: line.receiveStatus,
		orderedUnits: line.ordered?.eaches,
		acceptedUnits: accepted,
		rejectedUnits: line.rejected?.eaches,
		receivedUnits: received,
		notYetReceivedUnits: accepted !== undefined ? Math.max(0, accepted - received) : undefined,
		...dates('lastReceiveDate', line.lastReceiveDate, zone),
		orderedQuantity: quantityJson(line.ordered),
		acceptedQuantity: quantityJson(line.accepted),
		rejectedQuantity: quantityJson(line.rejected),
		receivedQuantity: quantityJson(line.received),
	});
}

/** An ASN of GetShipmentDetails: its status and dates, and every item with its shipped quantity. */
export function shipmentJson(shipment: unknown, zone: string): IDataObject {
	const s = object(shipment);
	const items = asnItemsOf(s);
	const transport = object(s.transportationDetails);
	return compact({
		vendorShipmentIdentifier: text(s.vendorShipmentIdentifier),
		transactionType: text(s.transactionType),
		cancelled: s.transactionType === 'Cancel',
		shipmentStatus: text(s.currentShipmentStatus),
		buyerReferenceNumber: text(s.buyerReferenceNumber),
		...dates('shipmentCreateDate', text(s.shipmentCreateDate), zone),
		shipmentConfirmDate: text(s.shipmentConfirmDate),
		...dates('shippedDate', items[0]?.shippedDate ?? text(transport.shippedDate), zone),
		estimatedDeliveryDate: text(transport.estimatedDeliveryDate),
		shipmentDeliveryDate: text(transport.shipmentDeliveryDate),
		shipMode: text(transport.shipMode),
		freightTerm: text(s.shipmentFreightTerm),
		vendorCode: text(object(s.sellingParty).partyId),
		shipFrom: text(object(s.shipFromParty).partyId),
		shipTo: text(object(s.shipToParty).partyId),
		purchaseOrderNumbers: [...new Set(items.map((item) => item.purchaseOrderNumber))],
		itemCount: items.length,
		shippedUnits: items.reduce((sum, item) => sum + (item.shipped?.eaches ?? 0), 0),
		items: items.map((item) =>
			compact({
				purchaseOrderNumber: item.purchaseOrderNumber,
				itemSequenceNumber: item.itemSequenceNumber,
				asin: item.asin,
				vendorSku: item.vendorSku,
				shippedQuantity: quantityJson(item.shipped),
				shippedUnits: item.shipped?.eaches,
			}),
		),
		raw: s as IDataObject,
	});
}

/** Exact total of money values per currency (for summaries). */
export function totals(values: readonly (Money | undefined)[]): IDataObject[] {
	return totalsByCurrency(values.filter((value): value is Money => !!value)).map((value) => ({ ...value }));
}

/** Sum of exact amounts of one currency, as Money (for checks). */
export function sumOf(amounts: readonly string[], currency: string): Money {
	return money(addDecimals(...amounts.map((amount) => parseDecimal(amount))), currency);
}
