/**
 * The Vendor APIs (Retail Procurement): Orders v1, Shipments v1, Invoices v1 and Transaction Status v1,
 * served from the vendor store (data/vendorStore.ts). Requests are checked against the models before a
 * handler runs (requestCheck.ts); the handlers add Amazon's own rules: date ranges of at most 7 days for
 * the PO listings, pages of `limit` with `payload.pagination.nextToken`, and writes answered 202 with a
 * transaction id whose outcome getTransaction tells once processed.
 */
import { currencyDigits } from '../money';
import { ApiError, invalidInput } from '../http/errors';
import { optionalDateTime } from '../params';
import type { VendorLineAcknowledgement, VendorPurchaseOrder, VendorShipment, VendorShipmentItem, VendorUnit } from '../data/vendor';
import { vendorStore, type VendorError, type VendorStore, type VendorTransactionKind } from '../data/vendorStore';
import { formatLabel, formatOrder, formatOrderStatus, formatShipment } from '../format/vendor';
import { startPaging } from './paged';
import { sellerOf, type RouteContext, type RouteHandler, type RouteRequest, type RouteTable } from './types';

const SEVEN_DAYS = 7 * 86_400_000;
type Json = Record<string, unknown>;

interface VendorCall {
	store: VendorStore;
	sellerId: string;
	now: number;
}

function open(request: RouteRequest, context: RouteContext): VendorCall {
	return { store: vendorStore(context.state), sellerId: sellerOf(request).sellerId, now: context.clock.nowMs() };
}

interface Window {
	after: number;
	before: number;
}

/** A date filter pair ("shippedAfter"/"shippedBefore") as given; a missing side is open. Undefined when neither is given. */
function rangeOf(query: URLSearchParams, prefix: string): Window | undefined {
	const after = optionalDateTime(query, `${prefix}After`);
	const before = optionalDateTime(query, `${prefix}Before`);
	if (after === undefined && before === undefined) return undefined;
	if (after !== undefined && before !== undefined && after >= before) throw invalidInput(`Invalid date range: ${prefix}After must be before ${prefix}Before.`);
	return { after: after ?? Number.NEGATIVE_INFINITY, before: before ?? Number.POSITIVE_INFINITY };
}

/**
 * The date filter pair of the PO listings ("createdAfter"/"createdBefore"): Amazon refuses ranges longer
 * than 7 days; a missing end is now, a missing start is 7 days before the end.
 */
function windowOf(query: URLSearchParams, prefix: string, now: number): Window | undefined {
	const given = rangeOf(query, prefix);
	if (!given) return undefined;
	const end = Number.isFinite(given.before) ? given.before : now;
	const start = Number.isFinite(given.after) ? given.after : end - SEVEN_DAYS;
	if (start >= end) throw invalidInput(`Invalid date range: ${prefix}After must be before ${prefix}Before.`);
	if (end - start > SEVEN_DAYS) throw invalidInput(`Invalid date range: ${prefix}After and ${prefix}Before must not be more than 7 days apart.`);
	return { after: start, before: end };
}

const inWindow = (window: Window | undefined, ms: number): boolean => !window || (ms >= window.after && ms <= window.before);

function sorted<T>(items: T[], created: (item: T) => number, query: URLSearchParams): T[] {
	const direction = query.get('sortOrder') === 'DESC' ? -1 : 1;
	return [...items].sort((a, b) => direction * (created(a) - created(b)));
}

function pageSize(query: URLSearchParams, fallback: number): number {
	const limit = query.get('limit');
	return limit === null ? fallback : Number(limit);
}

function paged<T>(request: RouteRequest, context: RouteContext, items: (atMs: number) => T[], format: (item: T, atMs: number) => Json, listName: string, defaultLimit: number) {
	const paging = startPaging(request, context, 'nextToken');
	const atMs = paging.cursor.snapshotMs;
	const page = paging.page(items(atMs), pageSize(request.query, defaultLimit));
	return {
		status: 200,
		body: { payload: { ...(page.nextToken ? { pagination: { nextToken: page.nextToken } } : {}), [listName]: page.items.map((item) => format(item, atMs)) } },
	};
}

// ---------------------------------------------------------------- orders

const getPurchaseOrders: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	const q = request.query;
	let created = windowOf(q, 'created', now);
	const changed = windowOf(q, 'changed', now);
	// without any date filter Amazon looks at the last 7 days
	if (!created && !changed) created = { after: now - SEVEN_DAYS, before: now };
	const details = q.get('includeDetails') !== 'false';
	const state = q.get('purchaseOrderState');
	const vendorCode = q.get('orderingVendorCode');
	// no PO here is ever changed or has cancelled items after it was placed
	const none = q.get('isPOChanged') === 'true' || q.get('poItemState') === 'Cancelled';
	return paged(
		request,
		context,
		(atMs) =>
			sorted(
				store.purchaseOrdersAt(sellerId, atMs).filter(
					(po) =>
						!none &&
						inWindow(created, po.createdAt) &&
						inWindow(changed, store.lastUpdatedAt(po, atMs)) &&
						(!state || store.poStateAt(po, atMs) === state) &&
						(!vendorCode || po.vendorCode === vendorCode),
				),
				(po) => po.createdAt,
				q,
			),
		(po, atMs) => formatOrder(store, po, atMs, details),
		'orders',
		100,
	);
};

function purchaseOrderOrThrow(store: VendorStore, sellerId: string, number: string, now: number): VendorPurchaseOrder {
	const po = store.purchaseOrder(sellerId, number, now);
	if (!po) throw new ApiError(404, 'NotFound', 'The requested resource was not found.', `Purchase order ${number} does not exist for this vendor.`);
	return po;
}

const getPurchaseOrder: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	return { status: 200, body: { payload: formatOrder(store, purchaseOrderOrThrow(store, sellerId, request.pathParams.purchaseOrderNumber, now), now) } };
};

const getPurchaseOrdersStatus: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	const q = request.query;
	const number = q.get('purchaseOrderNumber');
	let created = windowOf(q, 'created', now);
	const updated = windowOf(q, 'updated', now);
	if (!number && !created && !updated) created = { after: now - SEVEN_DAYS, before: now };
	const poStatus = q.get('purchaseOrderStatus');
	const confirmation = q.get('itemConfirmationStatus');
	const receive = q.get('itemReceiveStatus');
	const vendorCode = q.get('orderingVendorCode');
	const shipTo = q.get('shipToPartyId');
	return paged(
		request,
		context,
		(atMs) =>
			sorted(
				store.purchaseOrdersAt(sellerId, atMs).filter((po) => {
					if (number && po.purchaseOrderNumber !== number) return false;
					if (!inWindow(created, po.createdAt) || !inWindow(updated, store.lastUpdatedAt(po, atMs))) return false;
					if (poStatus && (po.closesAt !== undefined && po.closesAt <= atMs ? 'CLOSED' : 'OPEN') !== poStatus) return false;
					if (vendorCode && po.vendorCode !== vendorCode) return false;
					if (shipTo && po.shipTo !== shipTo) return false;
					const lines = store.lineStatusesAt(po, atMs);
					if (confirmation && !lines.some((line) => line.confirmationStatus === confirmation)) return false;
					if (receive && !lines.some((line) => line.receiveStatus === receive)) return false;
					return true;
				}),
				(po) => po.createdAt,
				q,
			),
		(po, atMs) => formatOrderStatus(store, po, atMs),
		'ordersStatus',
		100,
	);
};

// ---------------------------------------------------------------- writes

function accepted(transactionId: string) {
	return { status: 202, body: { payload: { transactionId } } };
}

const asList = (value: unknown): Json[] => (Array.isArray(value) ? (value.filter((entry) => entry && typeof entry === 'object') as Json[]) : []);
const asObject = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const error = (code: string, message: string, details = ''): VendorError => ({ code, message, details });

/** Quantity in eaches: cases times the case size. */
function eachesOf(quantity: unknown): number {
	const q = asObject(quantity);
	const amount = typeof q.amount === 'number' ? q.amount : 0;
	return q.unitOfMeasure === 'Cases' ? amount * (typeof q.unitSize === 'number' ? q.unitSize : 1) : amount;
}

function submit(request: RouteRequest, context: RouteContext, kind: VendorTransactionKind, check: (call: VendorCall) => { errors: VendorError[]; apply: (completesAt: number, transactionId: string) => void }) {
	const call = open(request, context);
	const { errors, apply } = check(call);
	return accepted(call.store.submit(call.sellerId, kind, request.body, call.now, errors, apply).transactionId);
}

const submitAcknowledgement: RouteHandler = (request, context) =>
	submit(request, context, 'acknowledgement', ({ store, sellerId, now }) => {
		const errors: VendorError[] = [];
		const effects: Array<{ po: VendorPurchaseOrder; lines: VendorLineAcknowledgement[] }> = [];
		for (const ack of asList(asObject(request.body).acknowledgements)) {
			const number = String(ack.purchaseOrderNumber);
			const po = store.purchaseOrder(sellerId, number, now);
			if (!po) {
				errors.push(error('InvalidPurchaseOrder', `Purchase order ${number} was not found.`));
				continue;
			}
			const party = String(asObject(ack.sellingParty).partyId);
			if (party !== po.vendorCode) errors.push(error('InvalidSellingParty', `sellingParty ${party} is not the selling party of purchase order ${number} (${po.vendorCode}).`));
			const lines: VendorLineAcknowledgement[] = [];
			for (const item of asList(ack.items)) {
				const line = po.lines.find((candidate) => candidate.itemSequenceNumber === item.itemSequenceNumber || (item.itemSequenceNumber === undefined && candidate.asin === item.amazonProductIdentifier));
				if (!line) {
					errors.push(error('InvalidItem', `Purchase order ${number} has no item ${String(item.itemSequenceNumber ?? item.amazonProductIdentifier)}.`));
					continue;
				}
				const units = { Accepted: 0, Rejected: 0, Backordered: 0 } as Record<string, number>;
				let reason: string | undefined;
				for (const entry of asList(item.itemAcknowledgements)) {
					units[String(entry.acknowledgementCode)] += eachesOf(entry.acknowledgedQuantity) / line.unitSize;
					if (entry.rejectionReason) reason = String(entry.rejectionReason);
				}
				const total = units.Accepted + units.Rejected + units.Backordered;
				if (total > line.orderedUnits) errors.push(error('InvalidQuantity', `Item ${line.itemSequenceNumber} of purchase order ${number}: ${total} acknowledged but ${line.orderedUnits} ordered.`));
				lines.push({ itemSequenceNumber: line.itemSequenceNumber, acceptedUnits: units.Accepted, rejectedUnits: units.Rejected, backorderedUnits: units.Backordered, ...(reason ? { rejectionReason: reason } : {}) });
			}
			effects.push({ po, lines });
		}
		return {
			errors,
			apply: (completesAt, transactionId) => {
				for (const { po, lines } of effects) po.acknowledgements.push({ at: completesAt, lines, transactionId });
			},
		};
	});

/** The PO line an ASN or invoice item refers to: by ASIN, else vendor SKU, else item sequence number (as Amazon matches them). */
function lineFor(po: VendorPurchaseOrder | undefined, item: Json) {
	if (!po) return undefined;
	if (typeof item.amazonProductIdentifier === 'string') return po.lines.find((line) => line.asin === item.amazonProductIdentifier);
	if (typeof item.vendorProductIdentifier === 'string') return po.lines.find((line) => line.vendorSku === item.vendorProductIdentifier);
	return po.lines.find((line) => line.itemSequenceNumber === String(item.itemSequenceNumber));
}

function shipmentItems(store: VendorStore, sellerId: string, now: number, shipmentId: string, items: Json[], errors: VendorError[]): VendorShipmentItem[] {
	const out: VendorShipmentItem[] = [];
	for (const item of items) {
		const number = asObject(item.itemDetails).purchaseOrderNumber;
		if (typeof number !== 'string') {
			errors.push(error('InvalidItem', `Shipment ${shipmentId}: item ${String(item.itemSequenceNumber)} names no purchase order (itemDetails.purchaseOrderNumber).`));
			continue;
		}
		const po = store.purchaseOrder(sellerId, number, now);
		const line = lineFor(po, item);
		if (!po || !line) {
			errors.push(error('InvalidItem', `Shipment ${shipmentId}: purchase order ${number} has no item ${String(item.amazonProductIdentifier ?? item.vendorProductIdentifier ?? item.itemSequenceNumber)}.`));
			continue;
		}
		const quantity = asObject(item.shippedQuantity);
		out.push({
			purchaseOrderNumber: number,
			itemSequenceNumber: line.itemSequenceNumber,
			asin: line.asin,
			vendorSku: line.vendorSku,
			unit: quantity.unitOfMeasure as VendorUnit,
			unitSize: typeof quantity.unitSize === 'number' ? quantity.unitSize : 1,
			shippedUnits: Number(quantity.amount),
		});
	}
	return out;
}

function activeShipment(store: VendorStore, sellerId: string, id: string, now: number): VendorShipment | undefined {
	return store.dataOf(sellerId).shipments.find((s) => s.vendorShipmentIdentifier === id && (s.cancelledAt === undefined || s.cancelledAt > now));
}

const SubmitShipmentConfirmations: RouteHandler = (request, context) =>
	submit(request, context, 'shipmentConfirmation', ({ store, sellerId, now }) => {
		const errors: VendorError[] = [];
		const data = store.dataOf(sellerId);
		const effects: Array<{ confirmation: Json; items: VendorShipmentItem[]; replaces?: VendorShipment }> = [];
		for (const confirmation of asList(asObject(request.body).shipmentConfirmations)) {
			const id = String(confirmation.shipmentIdentifier);
			const existing = activeShipment(store, sellerId, id, now);
			if (confirmation.shipmentConfirmationType === 'Original' && existing) errors.push(error('DuplicateShipment', `Shipment ${id} was already confirmed; send it as Replace to change it.`));
			if (confirmation.shipmentConfirmationType === 'Replace' && !existing) errors.push(error('InvalidShipment', `Shipment ${id} does not exist, so it cannot be replaced.`));
			const party = String(asObject(confirmation.sellingParty).partyId);
			if (party !== data.vendorCode) errors.push(error('InvalidSellingParty', `sellingParty ${party} is not this vendor (${data.vendorCode}).`));
			effects.push({ confirmation, items: shipmentItems(store, sellerId, now, id, asList(confirmation.shippedItems), errors), replaces: existing });
		}
		return {
			errors,
			apply: (completesAt) => {
				for (const { confirmation, items, replaces } of effects) {
					if (replaces) replaces.cancelledAt = completesAt;
					const shippedAt = typeof confirmation.shippedDate === 'string' ? Date.parse(confirmation.shippedDate) : completesAt;
					data.shipments.push({
						vendorShipmentIdentifier: String(confirmation.shipmentIdentifier),
						buyerReferenceNumber: String(confirmation.amazonReferenceNumber ?? confirmation.shipmentIdentifier),
						createdAt: completesAt,
						confirmedAt: completesAt,
						shippedAt: Math.min(shippedAt, completesAt),
						estimatedDeliveryAt: typeof confirmation.estimatedDeliveryDate === 'string' ? Date.parse(confirmation.estimatedDeliveryDate) : completesAt + 5 * 86_400_000,
						sellingParty: data.vendorCode,
						shipFrom: String(asObject(confirmation.shipFromParty).partyId),
						shipTo: String(asObject(confirmation.shipToParty).partyId),
						freightTerm: 'Prepaid',
						shipMode: confirmation.shipmentType === 'SmallParcel' ? 'SmallParcel' : confirmation.shipmentType === 'TruckLoad' ? 'TruckLoad' : 'LessThanTruckLoad',
						items,
						trackingIds: [],
						submitted: true,
					});
				}
			},
		};
	});

const SubmitShipments: RouteHandler = (request, context) =>
	submit(request, context, 'shipments', ({ store, sellerId, now }) => {
		const errors: VendorError[] = [];
		const cancels: VendorShipment[] = [];
		for (const shipment of asList(asObject(request.body).shipments)) {
			const id = String(shipment.vendorShipmentIdentifier);
			const existing = activeShipment(store, sellerId, id, now);
			if (shipment.transactionType === 'Cancel') {
				if (existing) cancels.push(existing);
				else errors.push(error('InvalidShipment', `Shipment ${id} does not exist or is already cancelled.`));
			} else if (existing) errors.push(error('DuplicateShipment', `Shipment ${id} already exists.`));
		}
		return { errors, apply: (completesAt) => cancels.forEach((shipment) => (shipment.cancelledAt = completesAt)) };
	});

/** "12.37" → 1237 (minor units); undefined for more decimals than the currency has. */
function minorOf(amount: unknown, currency: string): number | undefined {
	const match = typeof amount === 'string' ? /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount) : null;
	const digits = currencyDigits(currency);
	if (!match || (match[3] ?? '').length > digits) return undefined;
	const minor = Number(match[2]) * 10 ** digits + Number((match[3] ?? '').padEnd(digits, '0') || '0');
	return match[1] ? -minor : minor;
}

function moneyMinor(value: unknown, currency: string, what: string, errors: VendorError[]): number {
	const money = asObject(value);
	if (money.currencyCode !== currency) {
		errors.push(error('InvalidCurrency', `${what} is in ${String(money.currencyCode)}, the invoice total in ${currency}.`));
		return 0;
	}
	const minor = minorOf(money.amount, currency);
	if (minor === undefined) errors.push(error('InvalidAmount', `${what}: "${String(money.amount)}" is not an amount in ${currency}.`));
	return minor ?? 0;
}

const submitInvoices: RouteHandler = (request, context) =>
	submit(request, context, 'invoice', ({ store, sellerId, now }) => {
		const errors: VendorError[] = [];
		const accepted: Array<Omit<Parameters<VendorStore['addInvoice']>[1], 'transactionId' | 'acceptedAt'>> = [];
		const known = new Set(store.invoicesOf(sellerId).map((invoice) => invoice.id));
		for (const invoice of asList(asObject(request.body).invoices)) {
			const id = String(invoice.id);
			if (known.has(id)) errors.push(error('DuplicateInvoice', `Invoice ${id} was already submitted.`));
			known.add(id);
			const total = asObject(invoice.invoiceTotal);
			const currency = String(total.currencyCode);
			const totalMinor = moneyMinor(total, currency, `Invoice ${id} total`, errors);
			let sum = 0;
			const purchaseOrders = new Set<string>();
			for (const item of asList(invoice.items)) {
				const net = moneyMinor(item.netCost, currency, `Invoice ${id} item ${String(item.itemSequenceNumber)} netCost`, errors);
				sum += net * eachesOf(item.invoicedQuantity);
				const number = item.purchaseOrderNumber;
				if (typeof number !== 'string') continue;
				purchaseOrders.add(number);
				const po = store.purchaseOrder(sellerId, number, now);
				if (!po) {
					errors.push(error('InvalidPurchaseOrder', `Invoice ${id}: purchase order ${number} was not found.`));
					continue;
				}
				const line = lineFor(po, item);
				if (line && line.netCostMinor !== net) errors.push(error('CostMismatch', `Invoice ${id}: the net cost of item ${line.itemSequenceNumber} differs from purchase order ${number}.`));
			}
			for (const tax of asList(invoice.taxDetails)) sum += moneyMinor(tax.taxAmount, currency, `Invoice ${id} tax`, errors);
			for (const charge of asList(invoice.chargeDetails)) sum += moneyMinor(charge.chargeAmount, currency, `Invoice ${id} charge`, errors);
			for (const allowance of asList(invoice.allowanceDetails)) sum -= moneyMinor(allowance.allowanceAmount, currency, `Invoice ${id} allowance`, errors);
			if (asList(invoice.items).length > 0 && sum !== totalMinor) errors.push(error('InvalidInvoiceTotal', `Invoice ${id}: the items, taxes and charges add up to a different total.`));
			accepted.push({ id, invoiceType: String(invoice.invoiceType), totalMinor, currency, purchaseOrderNumbers: [...purchaseOrders] });
		}
		return { errors, apply: (completesAt, transactionId) => accepted.forEach((invoice) => store.addInvoice(sellerId, { ...invoice, transactionId, acceptedAt: completesAt })) };
	});

// ---------------------------------------------------------------- shipments

/** A text filter of the shipment listings: absent, or equal to the value. */
function filterMatches(query: URLSearchParams, name: string, value: string): boolean {
	const wanted = query.get(name);
	return wanted === null || wanted === value;
}

const GetShipmentDetails: RouteHandler = (request, context) => {
	const { store, sellerId } = open(request, context);
	const q = request.query;
	const created = rangeOf(q, 'created');
	const shipped = rangeOf(q, 'shipped');
	const equals = (name: string, value: string) => filterMatches(q, name, value);
	return paged(
		request,
		context,
		(atMs) =>
			sorted(
				store.shipmentsAt(sellerId, atMs).filter(
					(shipment) =>
						inWindow(created, shipment.createdAt) &&
						(!shipped || (shipment.shippedAt <= atMs && inWindow(shipped, shipment.shippedAt))) &&
						equals('vendorShipmentIdentifier', shipment.vendorShipmentIdentifier) &&
						equals('buyerReferenceNumber', shipment.buyerReferenceNumber) &&
						equals('buyerWarehouseCode', shipment.shipTo) &&
						equals('sellerWarehouseCode', shipment.shipFrom) &&
						equals('currentShipmentStatus', String(formatShipment(shipment, atMs).currentShipmentStatus)),
				),
				(shipment) => shipment.createdAt,
				q,
			),
		(shipment, atMs) => formatShipment(shipment, atMs),
		'shipments',
		50,
	);
};

const GetShipmentLabels: RouteHandler = (request, context) => {
	const { store, sellerId } = open(request, context);
	const q = request.query;
	const created = rangeOf(q, 'labelCreated');
	const equals = (name: string, value: string) => filterMatches(q, name, value);
	return paged(
		request,
		context,
		(atMs) =>
			sorted(
				store.shipmentsAt(sellerId, atMs).filter(
					(shipment) =>
						shipment.labelCreatedAt !== undefined &&
						shipment.labelCreatedAt <= atMs &&
						inWindow(created, shipment.labelCreatedAt) &&
						equals('vendorShipmentIdentifier', shipment.vendorShipmentIdentifier) &&
						equals('buyerReferenceNumber', shipment.buyerReferenceNumber) &&
						equals('sellerWarehouseCode', shipment.shipFrom),
				),
				(shipment) => shipment.labelCreatedAt!,
				q,
			),
		(shipment) => formatLabel(shipment),
		'transportLabels',
		50,
	);
};

// ---------------------------------------------------------------- transaction status

const getTransaction: RouteHandler = (request, context) => {
	const { store, sellerId, now } = open(request, context);
	const transaction = store.transaction(sellerId, request.pathParams.transactionId);
	if (!transaction) throw new ApiError(404, 'NotFound', 'The requested resource was not found.', `Transaction ${request.pathParams.transactionId} does not exist for this vendor.`);
	const status = store.transactionStatusAt(transaction, now);
	return {
		status: 200,
		body: { payload: { transactionStatus: { transactionId: transaction.transactionId, status, ...(status === 'Failure' ? { errors: transaction.errors } : {}) } } },
	};
};

export const vendorRoutes: RouteTable = {
	getPurchaseOrders,
	getPurchaseOrder,
	submitAcknowledgement,
	getPurchaseOrdersStatus,
	SubmitShipmentConfirmations,
	SubmitShipments,
	GetShipmentDetails,
	GetShipmentLabels,
	submitInvoices,
	'vendorTransactionStatus.getTransaction': getTransaction,
};
