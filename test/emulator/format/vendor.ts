/**
 * Vendor API answers shaped as Amazon's models define them (vendorOrders.json, vendorShipments.json):
 * money as `{currencyCode, amount}` with a decimal string, quantities as `{amount, unitOfMeasure,
 * unitSize}`, windows as "start--end", dates as ISO-8601 with milliseconds like Amazon's examples.
 */
import type { VendorPoLine, VendorPurchaseOrder, VendorShipment, VendorUnit } from '../data/vendor';
import type { LineStatus, VendorStore } from '../data/vendorStore';
import { amountText } from '../reports/content/format';

type Json = Record<string, unknown>;

const MARKETPLACE_COUNTRY: Record<string, string> = { ATVPDKIKX0DER: 'US', A2EUQ1WTGCTBG2: 'CA' };

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}

function money(minor: number, currency: string): Json {
	return { currencyCode: currency, amount: amountText(minor, currency) };
}

function quantity(amount: number, unit: VendorUnit, unitSize: number): Json {
	return { amount, unitOfMeasure: unit, unitSize };
}

function party(partyId: string, country?: string): Json {
	return country ? { partyId, address: { name: `Amazon ${partyId}`, addressLine1: `${partyId} Fulfillment Center`, countryCode: country } } : { partyId };
}

function orderItem(line: VendorPoLine, currency: string): Json {
	return {
		itemSequenceNumber: line.itemSequenceNumber,
		amazonProductIdentifier: line.asin,
		vendorProductIdentifier: line.vendorSku,
		orderedQuantity: quantity(line.orderedUnits, line.unit, line.unitSize),
		isBackOrderAllowed: line.backOrderAllowed,
		netCost: money(line.netCostMinor, currency),
		listPrice: money(line.listPriceMinor, currency),
	};
}

/** An Order of getPurchaseOrders / getPurchaseOrder (`details` false: number and state only). */
export function formatOrder(store: VendorStore, po: VendorPurchaseOrder, atMs: number, details = true): Json {
	const state = store.poStateAt(po, atMs);
	const order: Json = { purchaseOrderNumber: po.purchaseOrderNumber, purchaseOrderState: state };
	if (!details) return order;
	const ack = store.acknowledgementAt(po, atMs);
	const stateChangedAt = state === 'Closed' ? po.closesAt! : state === 'Acknowledged' ? ack!.at : po.createdAt;
	order.orderDetails = {
		purchaseOrderDate: iso(po.createdAt),
		purchaseOrderStateChangedDate: iso(stateChangedAt),
		purchaseOrderType: 'RegularOrder',
		paymentMethod: 'Invoice',
		buyingParty: party('AMAZON', MARKETPLACE_COUNTRY[po.marketplaceId]),
		sellingParty: party(po.vendorCode),
		shipToParty: party(po.shipTo, MARKETPLACE_COUNTRY[po.marketplaceId]),
		billToParty: party('AMAZONBILL', MARKETPLACE_COUNTRY[po.marketplaceId]),
		shipWindow: `${iso(po.shipWindow[0])}--${iso(po.shipWindow[1])}`,
		deliveryWindow: `${iso(po.deliveryWindow[0])}--${iso(po.deliveryWindow[1])}`,
		items: po.lines.map((line) => orderItem(line, po.currency)),
	};
	return order;
}

function itemStatus(status: LineStatus, currency: string, ackAt: number | undefined): Json {
	const { line, acknowledgement } = status;
	const out: Json = {
		itemSequenceNumber: line.itemSequenceNumber,
		buyerProductIdentifier: line.asin,
		vendorProductIdentifier: line.vendorSku,
		netCost: money(line.netCostMinor, currency),
		listPrice: money(line.listPriceMinor, currency),
		orderedQuantity: { orderedQuantity: quantity(line.orderedUnits, line.unit, line.unitSize) },
		acknowledgementStatus: acknowledgement
			? {
					confirmationStatus: status.confirmationStatus,
					acceptedQuantity: quantity(acknowledgement.acceptedUnits, line.unit, line.unitSize),
					rejectedQuantity: quantity(acknowledgement.rejectedUnits, line.unit, line.unitSize),
					acknowledgementStatusDetails: [
						{
							acknowledgementDate: iso(ackAt!),
							acceptedQuantity: quantity(acknowledgement.acceptedUnits, line.unit, line.unitSize),
							rejectedQuantity: quantity(acknowledgement.rejectedUnits, line.unit, line.unitSize),
						},
					],
				}
			: { confirmationStatus: 'UNCONFIRMED' },
		// Amazon reports what it received in eaches
		receivingStatus: {
			receiveStatus: status.receiveStatus,
			receivedQuantity: quantity(status.receivedEaches, 'Eaches', 1),
			...(status.lastReceiveAt !== undefined ? { lastReceiveDate: iso(status.lastReceiveAt) } : {}),
		},
	};
	return out;
}

/** An OrderStatus of getPurchaseOrdersStatus. */
export function formatOrderStatus(store: VendorStore, po: VendorPurchaseOrder, atMs: number): Json {
	const ack = store.acknowledgementAt(po, atMs);
	return {
		purchaseOrderNumber: po.purchaseOrderNumber,
		purchaseOrderStatus: po.closesAt !== undefined && po.closesAt <= atMs ? 'CLOSED' : 'OPEN',
		purchaseOrderDate: iso(po.createdAt),
		lastUpdatedDate: iso(store.lastUpdatedAt(po, atMs)),
		sellingParty: party(po.vendorCode),
		shipToParty: party(po.shipTo),
		itemStatus: store.lineStatusesAt(po, atMs).map((status) => itemStatus(status, po.currency, ack?.at)),
	};
}

type ShipmentStatus = 'Created' | 'TransportationRequested' | 'CarrierAssigned' | 'Shipped';

function statusHistory(shipment: VendorShipment, atMs: number): Array<[ShipmentStatus, number]> {
	const steps: Array<[ShipmentStatus, number]> = [
		['Created', shipment.createdAt],
		['CarrierAssigned', shipment.createdAt + 3_600_000],
		['Shipped', shipment.shippedAt],
	];
	return steps.filter(([, at]) => at <= atMs);
}

/** A Shipment of GetShipmentDetails: its POs with their items and shipped quantities. */
export function formatShipment(shipment: VendorShipment, atMs: number): Json {
	const history = statusHistory(shipment, atMs);
	const [current, currentAt] = history[history.length - 1];
	const byPo = new Map<string, VendorShipment['items']>();
	for (const item of shipment.items) byPo.set(item.purchaseOrderNumber, [...(byPo.get(item.purchaseOrderNumber) ?? []), item]);
	const cancelled = shipment.cancelledAt !== undefined && shipment.cancelledAt <= atMs;
	return {
		vendorShipmentIdentifier: shipment.vendorShipmentIdentifier,
		transactionType: cancelled ? 'Cancel' : 'New',
		buyerReferenceNumber: shipment.buyerReferenceNumber,
		transactionDate: iso(cancelled ? shipment.cancelledAt! : shipment.createdAt),
		currentShipmentStatus: current,
		currentshipmentStatusDate: iso(currentAt),
		shipmentStatusDetails: history.map(([shipmentStatus, at]) => ({ shipmentStatus, shipmentStatusDate: iso(at) })),
		shipmentCreateDate: iso(shipment.createdAt),
		...(shipment.confirmedAt <= atMs ? { shipmentConfirmDate: iso(shipment.confirmedAt) } : {}),
		...(shipment.labelCreatedAt !== undefined && shipment.labelCreatedAt <= atMs ? { packageLabelCreateDate: iso(shipment.labelCreatedAt) } : {}),
		shipmentFreightTerm: shipment.freightTerm,
		sellingParty: party(shipment.sellingParty),
		shipFromParty: party(shipment.shipFrom),
		shipToParty: party(shipment.shipTo),
		purchaseOrders: [...byPo.entries()].map(([purchaseOrderNumber, items]) => ({
			purchaseOrderNumber,
			items: items.map((item) => ({
				itemSequenceNumber: item.itemSequenceNumber,
				buyerProductIdentifier: item.asin,
				vendorProductIdentifier: item.vendorSku,
				shippedQuantity: quantity(item.shippedUnits, item.unit, item.unitSize),
			})),
		})),
		transportationDetails: {
			shipMode: shipment.shipMode,
			transportationMode: 'Road',
			shippedDate: iso(shipment.shippedAt),
			estimatedDeliveryDate: iso(shipment.estimatedDeliveryAt),
		},
	};
}

/** A tiny but real one-page PDF, as the label Amazon hands out (base64 in the answer). */
export function labelPdf(trackingId: string): string {
	const text = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 288 432]>>endobj\ntrailer<</Root 1 0 R>>\n%${trackingId}\n%%EOF\n`;
	return Buffer.from(text, 'latin1').toString('base64');
}

/** A TransportLabel of GetShipmentLabels (small parcel shipments only). */
export function formatLabel(shipment: VendorShipment): Json {
	return {
		labelCreateDateTime: iso(shipment.labelCreatedAt!),
		shipmentInformation: {
			vendorDetails: { sellingParty: party(shipment.sellingParty), vendorShipmentIdentifier: shipment.vendorShipmentIdentifier },
			buyerReferenceNumber: shipment.buyerReferenceNumber,
			shipToParty: party(shipment.shipTo),
			shipFromParty: party(shipment.shipFrom),
			warehouseId: shipment.shipFrom,
			masterTrackingId: shipment.trackingIds[0],
			totalLabelCount: shipment.trackingIds.length,
			shipMode: 'SmallParcel',
		},
		labelData: shipment.trackingIds.map((trackingId, index) => ({ labelSequenceNumber: index + 1, labelFormat: 'PDF', carrierCode: 'UPSN', trackingId, label: labelPdf(trackingId) })),
	};
}
