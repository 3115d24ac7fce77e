/**
 * A vendor's (1P) purchase orders, shipment confirmations (ASNs) and Amazon's receipts, generated from the
 * seed relative to the clock start. Every record stores the instants things happen (acknowledged,
 * shipped, each receipt, closed), so what the Vendor APIs answer follows from the emulator clock.
 *
 * What the seeded history holds, on purpose (the "story" of each PO is chosen by its position, so every
 * kind is present whatever the seed):
 *   normal      everything shipped is received within a week
 *   shortage    Amazon received fewer units than the ASN said on one line (a missing carton for case packs)
 *   late        the receipts come two to three weeks after shipping (recent ones are still in transit)
 *   over        Amazon received more than the ASN said on one line
 *   split       the PO went out in two ASNs
 *   cancelled   the first ASN was cancelled and sent again
 *   unacked     shipped although the PO was never acknowledged
 *   lost        one line was never received at all and the PO closed
 *   underShip   the vendor shipped fewer units than it accepted (no receiving difference)
 * Lines ordered in cases are shipped in cases (unit size from the PO) and received in eaches, as Amazon
 * reports receipts.
 */
import { Random } from '../random';
import type { SellerFixture } from '../types';
import { DAY, HOUR, wholeSecond } from './timing';

export type VendorUnit = 'Eaches' | 'Cases';

export type PoStory = 'normal' | 'shortage' | 'late' | 'over' | 'split' | 'cancelled' | 'unacked' | 'lost' | 'underShip';

export interface VendorPoLine {
	itemSequenceNumber: string;
	asin: string;
	vendorSku: string;
	unit: VendorUnit;
	/** Eaches per case; 1 for lines ordered in eaches. */
	unitSize: number;
	/** Ordered quantity in `unit`. */
	orderedUnits: number;
	/** Net cost per each, in minor units of the PO's currency. */
	netCostMinor: number;
	listPriceMinor: number;
	backOrderAllowed: boolean;
}

export interface VendorLineAcknowledgement {
	itemSequenceNumber: string;
	/** In the line's unit. */
	acceptedUnits: number;
	rejectedUnits: number;
	backorderedUnits: number;
	rejectionReason?: string;
	scheduledShipAt?: number;
	scheduledDeliveryAt?: number;
}

/** A vendor's acknowledgement of a PO; in effect from `at` (seeded ones, or when a submission succeeded). */
export interface VendorAcknowledgement {
	at: number;
	lines: VendorLineAcknowledgement[];
	transactionId?: string;
}

export interface VendorReceipt {
	itemSequenceNumber: string;
	at: number;
	eaches: number;
}

export interface VendorPurchaseOrder {
	purchaseOrderNumber: string;
	story: PoStory;
	createdAt: number;
	marketplaceId: string;
	currency: string;
	vendorCode: string;
	/** Amazon's fulfilment centre the goods go to. */
	shipTo: string;
	shipWindow: [number, number];
	deliveryWindow: [number, number];
	lines: VendorPoLine[];
	acknowledgements: VendorAcknowledgement[];
	receipts: VendorReceipt[];
	/** Amazon closes the PO ten days after the last receipt. */
	closesAt?: number;
}

export interface VendorShipmentItem {
	purchaseOrderNumber: string;
	itemSequenceNumber: string;
	asin: string;
	vendorSku: string;
	unit: VendorUnit;
	unitSize: number;
	/** In `unit`. */
	shippedUnits: number;
}

export interface VendorShipment {
	vendorShipmentIdentifier: string;
	buyerReferenceNumber: string;
	createdAt: number;
	confirmedAt: number;
	shippedAt: number;
	estimatedDeliveryAt: number;
	/** From then on the ASN is cancelled (transactionType Cancel). */
	cancelledAt?: number;
	sellingParty: string;
	shipFrom: string;
	shipTo: string;
	freightTerm: 'Collect' | 'Prepaid';
	shipMode: 'SmallParcel' | 'LessThanTruckLoad' | 'TruckLoad';
	items: VendorShipmentItem[];
	/** Small parcel shipments have transport labels from then on. */
	labelCreatedAt?: number;
	trackingIds: string[];
	/** ASNs sent through the API (the node under test), as opposed to the seeded history. */
	submitted?: boolean;
}

export interface VendorProduct {
	asin: string;
	vendorSku: string;
	title: string;
	caseSize: number;
	netCostMinor: Record<string, number>;
}

export interface VendorData {
	vendorCode: string;
	/** The vendor's own warehouse (ship-from party). */
	warehouse: string;
	products: VendorProduct[];
	purchaseOrders: VendorPurchaseOrder[];
	shipments: VendorShipment[];
}

const MARKETPLACES = [
	{ marketplaceId: 'ATVPDKIKX0DER', currency: 'USD', warehouses: ['ABE8', 'ONT8', 'TPA1'] },
	{ marketplaceId: 'A2EUQ1WTGCTBG2', currency: 'CAD', warehouses: ['YYZ4'] },
];

const PRODUCT_TEMPLATES = [
	{ code: 'TENT2', title: 'Trailhead 2-Person Tent', usdCents: 4137, caseSize: 4 },
	{ code: 'LAMP', title: 'Rechargeable LED Lantern', usdCents: 1288, caseSize: 12 },
	{ code: 'MUG12', title: 'Enamel Camp Mug 12 oz', usdCents: 559, caseSize: 24 },
	{ code: 'STOVE', title: 'Compact Gas Stove', usdCents: 2705, caseSize: 6 },
	{ code: 'BOTTLE', title: 'Insulated Bottle 750 ml', usdCents: 873, caseSize: 12 },
	{ code: 'CHAIR', title: 'Ultralight Camp Chair', usdCents: 1919, caseSize: 1 },
	{ code: 'SOCK3', title: 'Merino Hiking Socks, 3 Pairs', usdCents: 777, caseSize: 1 },
];

const CAD_PER_USD = 1.37;

/** The order in which the stories repeat (index = PO position, newest first). */
const STORIES: PoStory[] = ['normal', 'shortage', 'late', 'over', 'split', 'shortage', 'normal', 'cancelled', 'unacked', 'lost', 'underShip', 'normal'];

const PO_COUNT = 36;
/** Days between two POs. */
const PO_SPACING_DAYS = 2;
const ACK_AFTER_MS = 20 * HOUR;
const SHIP_AFTER_MS = 3 * DAY;
const TRANSIT_MS = 5 * DAY;
const LATE_TRANSIT_MS = 18 * DAY;
const CLOSE_AFTER_LAST_RECEIPT_MS = 10 * DAY;

function products(random: Random): VendorProduct[] {
	return PRODUCT_TEMPLATES.map((template) => ({
		asin: `B0${random.upperAlnum(8)}`,
		vendorSku: `ACV-${template.code}`,
		title: template.title,
		caseSize: template.caseSize,
		netCostMinor: { USD: template.usdCents, CAD: Math.round(template.usdCents * CAD_PER_USD) },
	}));
}

function orderLine(random: Random, product: VendorProduct, index: number, currency: string): VendorPoLine {
	const inCases = product.caseSize > 1 && random.chance(0.45);
	return {
		itemSequenceNumber: String(index + 1),
		asin: product.asin,
		vendorSku: product.vendorSku,
		unit: inCases ? 'Cases' : 'Eaches',
		unitSize: inCases ? product.caseSize : 1,
		orderedUnits: inCases ? random.int(3, 10) : random.int(12, 150),
		netCostMinor: product.netCostMinor[currency],
		listPriceMinor: Math.round(product.netCostMinor[currency] * 2.15),
		backOrderAllowed: random.chance(0.3),
	};
}

/** What the vendor accepted of each line (a few partial rejections). */
function acceptance(random: Random, lines: VendorPoLine[], at: number): VendorAcknowledgement {
	return {
		at,
		lines: lines.map((line) => {
			const rejected = random.chance(0.15) ? Math.max(1, Math.floor(line.orderedUnits / 5)) : 0;
			return {
				itemSequenceNumber: line.itemSequenceNumber,
				acceptedUnits: line.orderedUnits - rejected,
				rejectedUnits: rejected,
				backorderedUnits: 0,
				...(rejected > 0 ? { rejectionReason: 'TemporarilyUnavailable' } : {}),
			};
		}),
	};
}

interface Builder {
	random: Random;
	data: VendorData;
	nowMs: number;
	shipmentSequence: number;
}

function newShipment(builder: Builder, po: VendorPurchaseOrder, shippedAt: number, items: VendorShipmentItem[]): VendorShipment {
	const { random, data } = builder;
	builder.shipmentSequence += 1;
	const shipMode = random.chance(0.35) ? 'SmallParcel' : random.chance(0.6) ? 'LessThanTruckLoad' : 'TruckLoad';
	const shipment: VendorShipment = {
		vendorShipmentIdentifier: `ASN-${String(builder.shipmentSequence).padStart(5, '0')}-${random.upperAlnum(4)}`,
		buyerReferenceNumber: random.upperAlnum(10),
		createdAt: shippedAt - 2 * HOUR,
		confirmedAt: shippedAt,
		shippedAt,
		estimatedDeliveryAt: shippedAt + TRANSIT_MS,
		sellingParty: data.vendorCode,
		shipFrom: data.warehouse,
		shipTo: po.shipTo,
		freightTerm: random.chance(0.5) ? 'Collect' : 'Prepaid',
		shipMode,
		items,
		trackingIds: [],
	};
	if (shipMode === 'SmallParcel') {
		shipment.labelCreatedAt = shipment.createdAt + HOUR;
		shipment.trackingIds = Array.from({ length: random.int(1, 3) }, () => `1Z${random.upperAlnum(16)}`);
	}
	data.shipments.push(shipment);
	return shipment;
}

function shippedItem(po: VendorPurchaseOrder, line: VendorPoLine, shippedUnits: number): VendorShipmentItem {
	return {
		purchaseOrderNumber: po.purchaseOrderNumber,
		itemSequenceNumber: line.itemSequenceNumber,
		asin: line.asin,
		vendorSku: line.vendorSku,
		unit: line.unit,
		unitSize: line.unitSize,
		shippedUnits,
	};
}

/** Ships the accepted units (per the PO's story) and lets Amazon receive them. */
function fulfil(builder: Builder, po: VendorPurchaseOrder, accepted: Map<string, number>): void {
	const { random } = builder;
	const shippedAt = wholeSecond(po.createdAt + SHIP_AFTER_MS + random.next() * DAY);
	const shipped = new Map<string, number>();
	for (const line of po.lines) shipped.set(line.itemSequenceNumber, accepted.get(line.itemSequenceNumber) ?? 0);
	if (po.story === 'underShip') {
		const line = po.lines[0];
		shipped.set(line.itemSequenceNumber, Math.max(1, (shipped.get(line.itemSequenceNumber) ?? 0) - Math.max(1, Math.floor((shipped.get(line.itemSequenceNumber) ?? 0) / 4))));
	}
	const items = (share: (units: number) => number) =>
		po.lines.filter((line) => share(shipped.get(line.itemSequenceNumber) ?? 0) > 0).map((line) => shippedItem(po, line, share(shipped.get(line.itemSequenceNumber) ?? 0)));
	if (po.story === 'split') {
		newShipment(builder, po, shippedAt, items((units) => Math.ceil(units / 2)));
		newShipment(builder, po, shippedAt + DAY, items((units) => Math.floor(units / 2)));
	} else if (po.story === 'cancelled') {
		const wrong = newShipment(builder, po, shippedAt, items((units) => units + 1));
		wrong.cancelledAt = shippedAt + 4 * HOUR;
		newShipment(builder, po, shippedAt + 6 * HOUR, items((units) => units));
	} else {
		newShipment(builder, po, shippedAt, items((units) => units));
	}

	const arrival = wholeSecond(shippedAt + (po.story === 'late' ? LATE_TRANSIT_MS + random.next() * 4 * DAY : TRANSIT_MS + random.next() * 2 * DAY));
	const oddLine = po.lines[random.int(0, po.lines.length - 1)];
	for (const line of po.lines) {
		const shippedEaches = (shipped.get(line.itemSequenceNumber) ?? 0) * line.unitSize;
		let received = shippedEaches;
		if (line === oddLine && po.story === 'shortage') received -= line.unit === 'Cases' ? line.unitSize : random.int(2, Math.max(2, Math.floor(shippedEaches / 8)));
		if (line === oddLine && po.story === 'over') received += line.unit === 'Cases' ? line.unitSize : random.int(1, 6);
		if (line === oddLine && po.story === 'lost') received = 0;
		if (received <= 0) continue;
		const first = Math.ceil(received * 0.7);
		po.receipts.push({ itemSequenceNumber: line.itemSequenceNumber, at: arrival, eaches: first });
		if (received > first) po.receipts.push({ itemSequenceNumber: line.itemSequenceNumber, at: arrival + 2 * DAY + random.int(0, 8) * HOUR, eaches: received - first });
	}
	const last = Math.max(arrival, ...po.receipts.map((receipt) => receipt.at));
	po.closesAt = last + CLOSE_AFTER_LAST_RECEIPT_MS;
}

/** The vendor data of a fixture, as of the clock start (later submissions are added by the store). */
export function generateVendorData(seed: number, nowMs: number, seller: SellerFixture): VendorData {
	const random = new Random(seed, seller.sellerId, 'vendor');
	const data: VendorData = {
		vendorCode: `ACRN${random.upperAlnum(1)}`,
		warehouse: 'ACORN-SZX1',
		products: products(random),
		purchaseOrders: [],
		shipments: [],
	};
	const builder: Builder = { random, data, nowMs, shipmentSequence: 0 };
	for (let index = PO_COUNT - 1; index >= 0; index--) {
		// the newest PO is only hours old: not acknowledged yet
		const createdAt = wholeSecond(nowMs - (0.25 + index * PO_SPACING_DAYS) * DAY - random.next() * 12 * HOUR);
		const market = index % 6 === 5 ? MARKETPLACES[1] : MARKETPLACES[0];
		const chosen = data.products.filter(() => random.chance(0.45)).slice(0, 3);
		const lineProducts = chosen.length > 0 ? chosen : [random.pick(data.products)];
		const po: VendorPurchaseOrder = {
			purchaseOrderNumber: `${random.int(1, 9)}${random.upperAlnum(7)}`,
			story: STORIES[index % STORIES.length],
			createdAt,
			marketplaceId: market.marketplaceId,
			currency: market.currency,
			vendorCode: data.vendorCode,
			shipTo: random.pick(market.warehouses),
			shipWindow: [createdAt + 2 * DAY, createdAt + 7 * DAY],
			deliveryWindow: [createdAt + 7 * DAY, createdAt + 14 * DAY],
			lines: lineProducts.map((product, lineIndex) => orderLine(random, product, lineIndex, market.currency)),
			acknowledgements: [],
			receipts: [],
		};
		data.purchaseOrders.push(po);
		const acknowledgement = acceptance(random, po.lines, wholeSecond(createdAt + ACK_AFTER_MS));
		if (po.story !== 'unacked') po.acknowledgements.push(acknowledgement);
		// an unacknowledged PO is shipped as ordered: the vendor went by the PO itself
		const accepted = new Map(po.lines.map((line) => [line.itemSequenceNumber, po.story === 'unacked' ? line.orderedUnits : acknowledgement.lines.find((a) => a.itemSequenceNumber === line.itemSequenceNumber)!.acceptedUnits]));
		fulfil(builder, po, accepted);
	}
	data.purchaseOrders.sort((a, b) => a.createdAt - b.createdAt);
	return data;
}
