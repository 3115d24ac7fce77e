/**
 * The emulator's vendor side: each vendor's data (generated on first use), what it looks like at a clock
 * instant (PO state, acknowledgement, receiving status), and the writes of the Vendor APIs. A write is
 * answered 202 with a transaction id at once and processed a few seconds (emulator clock) later, as
 * Amazon does: getTransaction says Processing, then Success (the change is in effect from then on) or
 * Failure with the reasons. One store per emulator: `vendorStore(emulator.control.state)`.
 */
import type { EmulatorState } from './state';
import { generateVendorData, type VendorAcknowledgement, type VendorData, type VendorPoLine, type VendorPurchaseOrder, type VendorShipment } from './vendor';

/** How long Amazon takes to process a submitted acknowledgement, ASN or invoice (emulator rule). */
export const VENDOR_PROCESSING_MS = 5_000;

export interface VendorError {
	code: string;
	message: string;
	details?: string;
}

export type VendorTransactionKind = 'acknowledgement' | 'shipmentConfirmation' | 'shipments' | 'invoice';

export interface VendorTransaction {
	transactionId: string;
	sellerId: string;
	kind: VendorTransactionKind;
	submittedAt: number;
	completesAt: number;
	/** Empty: the transaction succeeds at completesAt. */
	errors: VendorError[];
	/** The request body as Amazon received it, for tests. */
	body: unknown;
}

export interface VendorInvoice {
	id: string;
	invoiceType: string;
	transactionId: string;
	acceptedAt: number;
	totalMinor: number;
	currency: string;
	purchaseOrderNumbers: string[];
}

export type ReceiveStatus = 'NOT_RECEIVED' | 'PARTIALLY_RECEIVED' | 'RECEIVED';
export type ConfirmationStatus = 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REJECTED' | 'UNCONFIRMED';

/** A PO line as Amazon sees it at an instant. */
export interface LineStatus {
	line: VendorPoLine;
	acknowledgement?: VendorAcknowledgement['lines'][number];
	confirmationStatus: ConfirmationStatus;
	receivedEaches: number;
	lastReceiveAt?: number;
	receiveStatus: ReceiveStatus;
}

export class VendorStore {
	private readonly vendors = new Map<string, VendorData>();
	private readonly transactions: VendorTransaction[] = [];
	private readonly invoices = new Map<string, VendorInvoice[]>();
	private sequence = 0;

	constructor(private readonly state: EmulatorState) {}

	/** A vendor's data, by fixture key or seller id (generated on first use). */
	dataOf(keyOrSellerId: string): VendorData {
		const seller = this.state.seller(keyOrSellerId);
		if (!seller) throw new Error(`no seller fixture ${keyOrSellerId}`);
		let data = this.vendors.get(seller.sellerId);
		if (!data) {
			data = generateVendorData(this.state.settings.seed, this.state.settings.nowMs, seller);
			this.vendors.set(seller.sellerId, data);
		}
		return data;
	}

	/** POs that exist at `atMs`. */
	purchaseOrdersAt(sellerId: string, atMs: number): VendorPurchaseOrder[] {
		return this.dataOf(sellerId).purchaseOrders.filter((po) => po.createdAt <= atMs);
	}

	purchaseOrder(sellerId: string, number: string, atMs: number): VendorPurchaseOrder | undefined {
		return this.purchaseOrdersAt(sellerId, atMs).find((po) => po.purchaseOrderNumber === number);
	}

	/** The acknowledgement in effect at `atMs` (the latest one). */
	acknowledgementAt(po: VendorPurchaseOrder, atMs: number): VendorAcknowledgement | undefined {
		return po.acknowledgements.filter((ack) => ack.at <= atMs).sort((a, b) => a.at - b.at).at(-1);
	}

	poStateAt(po: VendorPurchaseOrder, atMs: number): 'New' | 'Acknowledged' | 'Closed' {
		if (po.closesAt !== undefined && po.closesAt <= atMs) return 'Closed';
		return this.acknowledgementAt(po, atMs) ? 'Acknowledged' : 'New';
	}

	lineStatusesAt(po: VendorPurchaseOrder, atMs: number): LineStatus[] {
		const ack = this.acknowledgementAt(po, atMs);
		return po.lines.map((line) => {
			const lineAck = ack?.lines.find((entry) => entry.itemSequenceNumber === line.itemSequenceNumber);
			const receipts = po.receipts.filter((receipt) => receipt.itemSequenceNumber === line.itemSequenceNumber && receipt.at <= atMs);
			const receivedEaches = receipts.reduce((sum, receipt) => sum + receipt.eaches, 0);
			const expectedEaches = (lineAck ? lineAck.acceptedUnits : line.orderedUnits) * line.unitSize;
			return {
				line,
				acknowledgement: lineAck,
				confirmationStatus: !lineAck ? 'UNCONFIRMED' : lineAck.acceptedUnits === 0 ? 'REJECTED' : lineAck.acceptedUnits < line.orderedUnits ? 'PARTIALLY_ACCEPTED' : 'ACCEPTED',
				receivedEaches,
				lastReceiveAt: receipts.length ? Math.max(...receipts.map((receipt) => receipt.at)) : undefined,
				receiveStatus: receivedEaches === 0 ? 'NOT_RECEIVED' : receivedEaches < expectedEaches ? 'PARTIALLY_RECEIVED' : 'RECEIVED',
			};
		});
	}

	/** The last instant at or before `atMs` when something about the PO changed. */
	lastUpdatedAt(po: VendorPurchaseOrder, atMs: number): number {
		const instants = [po.createdAt, ...po.acknowledgements.map((ack) => ack.at), ...po.receipts.map((receipt) => receipt.at), po.closesAt ?? po.createdAt];
		return Math.max(...instants.filter((instant) => instant <= atMs));
	}

	/** ASNs that exist at `atMs` (cancelled ones too: they answer with transactionType Cancel). */
	shipmentsAt(sellerId: string, atMs: number): VendorShipment[] {
		return this.dataOf(sellerId).shipments.filter((shipment) => shipment.createdAt <= atMs);
	}

	// ---------------------------------------------------------------- writes

	nextTransactionId(atMs: number): string {
		this.sequence += 1;
		const stamp = new Date(atMs).toISOString().replace(/[-:T]/g, '').slice(0, 14);
		const serial = this.sequence.toString(16).padStart(12, '0');
		return `${stamp}-ac0e${serial.slice(0, 4)}-4e2b-9c1d-${serial}`;
	}

	/** Records a submitted write; `errors` empty means it will succeed, and `apply` runs (effective at completesAt). */
	submit(sellerId: string, kind: VendorTransactionKind, body: unknown, atMs: number, errors: VendorError[], apply: (completesAt: number, transactionId: string) => void): VendorTransaction {
		const transaction: VendorTransaction = {
			transactionId: this.nextTransactionId(atMs),
			sellerId,
			kind,
			submittedAt: atMs,
			completesAt: atMs + VENDOR_PROCESSING_MS,
			errors,
			body,
		};
		this.transactions.push(transaction);
		if (errors.length === 0) apply(transaction.completesAt, transaction.transactionId);
		return transaction;
	}

	transaction(sellerId: string, transactionId: string): VendorTransaction | undefined {
		return this.transactions.find((entry) => entry.sellerId === sellerId && entry.transactionId === transactionId);
	}

	/** Every submitted write (tests: what reached Amazon). */
	transactionsOf(sellerId: string, kind?: VendorTransactionKind): VendorTransaction[] {
		const seller = this.state.seller(sellerId);
		return this.transactions.filter((entry) => entry.sellerId === seller?.sellerId && (kind === undefined || entry.kind === kind));
	}

	transactionStatusAt(transaction: VendorTransaction, atMs: number): 'Processing' | 'Success' | 'Failure' {
		if (atMs < transaction.completesAt) return 'Processing';
		return transaction.errors.length ? 'Failure' : 'Success';
	}

	invoicesOf(sellerId: string): VendorInvoice[] {
		const seller = this.state.seller(sellerId);
		return seller ? (this.invoices.get(seller.sellerId) ?? []) : [];
	}

	addInvoice(sellerId: string, invoice: VendorInvoice): void {
		const list = this.invoices.get(sellerId) ?? [];
		list.push(invoice);
		this.invoices.set(sellerId, list);
	}
}

const stores = new WeakMap<EmulatorState, VendorStore>();

/** The vendor side of an emulator (one per emulator state). */
export function vendorStore(state: EmulatorState): VendorStore {
	let store = stores.get(state);
	if (!store) {
		store = new VendorStore(state);
		stores.set(state, store);
	}
	return store;
}
