/**
 * What the emulator's own records say about a vendor's PO lines (shipped from its ASNs, received from its
 * receipts) and their shortages, computed from the records, never from the node's code. Used by the
 * workflow tests and the real-n8n example check.
 */
import type { VendorPurchaseOrder } from '../emulator/data/vendor';
import { vendorStore } from '../emulator/data/vendorStore';
import { currencyDigits } from '../emulator/money';
import { amountText } from '../emulator/reports/content/format';
import type { Emulator } from '../emulator/types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const vendorData = (emulator: Emulator) => vendorStore(emulator.control.state).dataOf('vendor');

/** Net cost × eaches as Amazon's decimal text. */
export function valueText(minor: number, eaches: number, currency: string): string {
	return amountText(minor * eaches, currency);
}

export interface LineTruth {
	po: VendorPurchaseOrder;
	itemSequenceNumber: string;
	asin: string;
	orderedEaches: number;
	shippedEaches: number;
	receivedEaches: number;
	lastReceiveAt?: number;
	closed: boolean;
	currency: string;
	netCostMinor: number;
}

/** Every line of the POs created in [startMs, endMs], as the emulator holds them at `atMs`. */
export function linesOfPeriod(emulator: Emulator, startMs: number, endMs: number, atMs: number): LineTruth[] {
	const data = vendorData(emulator);
	const activeShipments = data.shipments.filter((shipment) => shipment.createdAt <= atMs && !(shipment.cancelledAt !== undefined && shipment.cancelledAt <= atMs));
	return data.purchaseOrders
		.filter((po) => po.createdAt >= startMs && po.createdAt <= endMs)
		.flatMap((po) =>
			po.lines.map((line) => {
				const receipts = po.receipts.filter((receipt) => receipt.itemSequenceNumber === line.itemSequenceNumber && receipt.at <= atMs);
				return {
					po,
					itemSequenceNumber: line.itemSequenceNumber,
					asin: line.asin,
					orderedEaches: line.orderedUnits * line.unitSize,
					shippedEaches: activeShipments
						.flatMap((shipment) => shipment.items)
						.filter((item) => item.purchaseOrderNumber === po.purchaseOrderNumber && item.asin === line.asin)
						.reduce((sum, item) => sum + item.shippedUnits * item.unitSize, 0),
					receivedEaches: receipts.reduce((sum, receipt) => sum + receipt.eaches, 0),
					lastReceiveAt: receipts.length ? Math.max(...receipts.map((receipt) => receipt.at)) : undefined,
					closed: po.closesAt !== undefined && po.closesAt <= atMs,
					currency: po.currency,
					netCostMinor: line.netCostMinor,
				};
			}),
		);
}

export interface ShortageTruth {
	key: string;
	missingUnits: number;
	missingValue: { amount: string; currency: string };
	deadlineMs: number;
	hoursLeft: number;
	atRisk: boolean;
}

/**
 * The shortages the data holds: shipped more than received, with receiving started (a receipt or a
 * closed PO), the window `windowDays` from the last receipt (else the PO's last update).
 */
export function shortagesOf(emulator: Emulator, lines: readonly LineTruth[], windowDays: number, nowMs: number): ShortageTruth[] {
	const store = vendorStore(emulator.control.state);
	return lines
		.filter((line) => line.shippedEaches > line.receivedEaches && (line.receivedEaches > 0 || line.closed))
		.map((line) => {
			const startMs = line.lastReceiveAt ?? store.lastUpdatedAt(line.po, nowMs);
			const deadlineMs = startMs + windowDays * DAY_MS;
			const missingUnits = line.shippedEaches - line.receivedEaches;
			return {
				key: `${line.po.purchaseOrderNumber}|${line.itemSequenceNumber}`,
				missingUnits,
				missingValue: { amount: valueText(line.netCostMinor, missingUnits, line.currency), currency: line.currency },
				deadlineMs,
				hoursLeft: Math.floor((deadlineMs - nowMs) / HOUR_MS),
				atRisk: deadlineMs > nowMs,
			};
		});
}

/** Σ of decimal texts per currency, exact (minor units). */
export function totalsPerCurrency(values: ReadonlyArray<{ amount: string; currency: string }>): Array<{ amount: string; currency: string }> {
	const minor = new Map<string, number>();
	for (const { amount, currency } of values) {
		const [whole, fraction = ''] = amount.split('.');
		const digits = currencyDigits(currency);
		minor.set(currency, (minor.get(currency) ?? 0) + Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0'));
	}
	return [...minor.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, value]) => ({ amount: amountText(value, currency), currency }));
}
