/**
 * Shared pieces of the Vendor workflow tests: a workflow around the node, and what the emulator's own
 * records say a PO line's numbers are (shipped from its ASNs, received from its receipts), computed here
 * from the records, never from the node's code.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import type { VendorPurchaseOrder } from '../emulator/data/vendor';
import { vendorStore } from '../emulator/data/vendorStore';
import { currencyDigits } from '../emulator/money';
import { amountText } from '../emulator/reports/content/format';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow, spApiCredentialRef, type WorkflowResult } from '../harness/n8nHarness';

export const VENDOR_NODE = 'Amazon Vendor';
export const VENDOR = 'n8n-nodes-acorn.amazonSpApiVendor';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface VendorRun {
	parameters: Record<string, unknown>;
	seller?: SellerFixtureKey;
	items?: IDataObject[];
	continueOnFail?: boolean;
	timezone?: string;
}

export async function runVendor(emulator: Emulator, run: VendorRun): Promise<WorkflowResult> {
	const credentials = { ...emulator.credentialsFor(run.seller ?? 'vendor') } as unknown as ICredentialDataDecryptedObject;
	const nodes = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
		{ name: 'Items', type: 'acorn-test.fixedItems', parameters: { items: JSON.stringify(run.items ?? [{}]) } },
		{ name: VENDOR_NODE, type: VENDOR, parameters: run.parameters as INodeParameters, credentials: spApiCredentialRef(), ...(run.continueOnFail ? { continueOnFail: true } : {}) },
	];
	return await runWorkflow({ nodes, connections: { Start: ['Items'], Items: [VENDOR_NODE] }, credentials: { amazonSpApi: credentials }, timezone: run.timezone });
}

export function jsonOf(result: WorkflowResult): IDataObject[] {
	return result.output(VENDOR_NODE).map((item) => item.json);
}

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
