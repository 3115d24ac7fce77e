/**
 * Shortage Watch, kept simple enough to check by hand. Per PO line, in eaches:
 *
 *   ordered, accepted, rejected, received   as Amazon reports them (getPurchaseOrdersStatus)
 *   shipped   = Σ of the ASN items for that line (GetShipmentDetails; cancelled ASNs do not count;
 *               an item belongs to a line by PO number, then ASIN, vendor SKU or item number)
 *   missing   = shipped − received, when Amazon has started receiving the line (a receipt, or the PO is
 *               closed) — before that the goods may still be on their way ("awaiting receipt")
 *   over      = received − shipped, when Amazon received more than the ASNs said
 *   value     = missing × the line's net cost, exact, in the line's currency
 *
 * The dispute window is the vendor's own: `windowDays` from the last receipt of the line (or, when
 * Amazon closed the PO without receiving the line, from the PO's last update), or from the ASN's ship
 * date. ACORN knows no Amazon default for it and assumes none. A shortage is at risk while its window is
 * open; the most urgent (fewest hours left) comes first.
 */
import type { IDataObject } from 'n8n-workflow';
import { compareDecimals, parseDecimal, type Money } from '../../sp-api/money';
import { lineValue, totals } from './format';
import { compact } from '../../sp-api/json';
import { matchesLine, type AsnItem, type StatusLine } from './records';
import { asnSentence, lineSentence, summarySentence, type MessageLanguage } from './shortageMessages';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type CountFrom = 'lastReceipt' | 'shipDate';
export type WatchOutput = 'atRisk' | 'differences' | 'all';
export type LineFinding = 'shortage' | 'overReceived' | 'awaitingReceipt' | 'notShipped' | 'matched';

export interface WatchSettings {
	nowMs: number;
	windowDays: number;
	countFrom: CountFrom;
	output: WatchOutput;
	language: MessageLanguage;
	/** The workflow's time zone, for dates a person reads. */
	zone: string;
	period: { start: Date; end: Date };
}

export interface LineResult {
	finding: LineFinding;
	atRisk: boolean;
	line: StatusLine;
	shippedUnits: number;
	receivedUnits: number;
	missingUnits: number;
	overReceivedUnits: number;
	missingValue?: Money;
	asns: string[];
	lastShippedDate?: string;
	windowStartsAt?: string;
	windowStartsFrom?: 'lastReceipt' | 'poClosed' | 'shipDate';
	deadlineMs?: number;
	hoursLeft?: number;
	daysSinceLastReceipt?: number;
}

const ms = (iso: string | undefined): number | undefined => {
	const value = iso ? Date.parse(iso) : NaN;
	return Number.isFinite(value) ? value : undefined;
};

const latest = (dates: Array<string | undefined>): string | undefined =>
	dates.filter((date): date is string => ms(date) !== undefined).sort((a, b) => ms(a)! - ms(b)!).at(-1);

/** ASN items that count: those of ASNs not cancelled. */
export function activeAsnItems(items: readonly AsnItem[]): AsnItem[] {
	return items.filter((item) => item.transactionType !== 'Cancel');
}

/** Where the dispute window of a shortage starts, and from what. */
function windowStart(line: StatusLine, lastShipped: string | undefined, countFrom: CountFrom): Pick<LineResult, 'windowStartsAt' | 'windowStartsFrom'> {
	if (countFrom === 'shipDate') return lastShipped ? { windowStartsAt: lastShipped, windowStartsFrom: 'shipDate' } : {};
	if (line.lastReceiveDate) return { windowStartsAt: line.lastReceiveDate, windowStartsFrom: 'lastReceipt' };
	const closedAt = line.lastUpdatedDate ?? line.purchaseOrderDate;
	return closedAt ? { windowStartsAt: closedAt, windowStartsFrom: 'poClosed' } : {};
}

export function evaluateLine(line: StatusLine, asnItems: readonly AsnItem[], settings: WatchSettings): LineResult {
	const items = asnItems.filter((item) => matchesLine(item, line));
	const shippedUnits = items.reduce((sum, item) => sum + (item.shipped?.eaches ?? 0), 0);
	const receivedUnits = line.received?.eaches ?? 0;
	const lastShippedDate = latest(items.map((item) => item.shippedDate ?? item.createdDate));
	const receivingStarted = receivedUnits > 0 || !!line.lastReceiveDate || line.purchaseOrderStatus === 'CLOSED';
	const lastReceiveMs = ms(line.lastReceiveDate);
	const base: LineResult = {
		finding: 'matched',
		atRisk: false,
		line,
		shippedUnits,
		receivedUnits,
		missingUnits: 0,
		overReceivedUnits: 0,
		asns: [...new Set(items.map((item) => item.vendorShipmentIdentifier))],
		lastShippedDate,
		daysSinceLastReceipt: lastReceiveMs !== undefined ? Math.floor((settings.nowMs - lastReceiveMs) / DAY_MS) : undefined,
	};
	if (receivedUnits > shippedUnits) return { ...base, finding: 'overReceived', overReceivedUnits: receivedUnits - shippedUnits };
	if (shippedUnits === 0) return { ...base, finding: 'notShipped' };
	if (receivedUnits === shippedUnits) return base;
	const missingUnits = shippedUnits - receivedUnits;
	if (!receivingStarted) return { ...base, finding: 'awaitingReceipt', missingUnits };
	const start = windowStart(line, lastShippedDate, settings.countFrom);
	const startMs = ms(start.windowStartsAt);
	const deadlineMs = startMs !== undefined ? startMs + settings.windowDays * DAY_MS : undefined;
	return {
		...base,
		...start,
		finding: 'shortage',
		missingUnits,
		missingValue: lineValue(missingUnits, line.netCost),
		deadlineMs,
		hoursLeft: deadlineMs !== undefined ? Math.floor((deadlineMs - settings.nowMs) / HOUR_MS) : undefined,
		// without a date to count from the window cannot have closed yet: keep the line in view
		atRisk: deadlineMs === undefined || deadlineMs > settings.nowMs,
	};
}

/** Most urgent first: open windows by hours left, then the biggest shortage. */
function urgency(a: LineResult, b: LineResult): number {
	if (a.atRisk !== b.atRisk) return a.atRisk ? -1 : 1;
	const left = (a.deadlineMs ?? Number.POSITIVE_INFINITY) - (b.deadlineMs ?? Number.POSITIVE_INFINITY);
	if (left !== 0 && Number.isFinite(left)) return a.atRisk ? left : -left;
	if (a.missingValue && b.missingValue && a.missingValue.currency === b.missingValue.currency) {
		const value = compareDecimals(parseDecimal(b.missingValue.amount), parseDecimal(a.missingValue.amount));
		if (value !== 0) return value;
	}
	return b.missingUnits - a.missingUnits || a.line.purchaseOrderNumber.localeCompare(b.line.purchaseOrderNumber) || a.line.itemSequenceNumber.localeCompare(b.line.itemSequenceNumber);
}

const ORDER: Record<LineFinding, number> = { shortage: 0, overReceived: 1, awaitingReceipt: 2, notShipped: 3, matched: 4 };

export function lineItem(result: LineResult, settings: WatchSettings): IDataObject {
	const { line } = result;
	const deadline = result.deadlineMs !== undefined ? new Date(result.deadlineMs).toISOString() : undefined;
	return compact({
		finding: result.finding,
		atRisk: result.atRisk,
		purchaseOrderNumber: line.purchaseOrderNumber,
		purchaseOrderStatus: line.purchaseOrderStatus,
		purchaseOrderDate: line.purchaseOrderDate,
		vendorCode: line.vendorCode,
		shipTo: line.shipTo,
		itemSequenceNumber: line.itemSequenceNumber,
		asin: line.asin,
		vendorSku: line.vendorSku,
		orderedUnits: line.ordered?.eaches,
		acceptedUnits: line.accepted?.eaches,
		rejectedUnits: line.rejected?.eaches,
		shippedUnits: result.shippedUnits,
		receivedUnits: result.receivedUnits,
		missingUnits: result.missingUnits,
		overReceivedUnits: result.overReceivedUnits,
		netCost: line.netCost ? { ...line.netCost } : undefined,
		missingValue: result.missingValue ? { ...result.missingValue } : undefined,
		asns: result.asns,
		lastShippedDate: result.lastShippedDate,
		lastReceiveDate: line.lastReceiveDate,
		daysSinceLastReceipt: result.daysSinceLastReceipt,
		disputeWindowDays: result.finding === 'shortage' ? settings.windowDays : undefined,
		windowStartsFrom: result.windowStartsFrom,
		windowStartsAt: result.windowStartsAt,
		disputeDeadline: deadline,
		hoursLeft: result.hoursLeft,
		windowClosed: result.finding === 'shortage' ? !result.atRisk : undefined,
		message: lineSentence(result, settings),
	});
}

/** An ASN that ships goods for a PO Amazon shows as not acknowledged (or does not know at all). */
export interface AsnFinding {
	vendorShipmentIdentifier: string;
	purchaseOrderNumber: string;
	reason: 'unconfirmed' | 'unknownPurchaseOrder';
	shippedUnits: number;
	shippedDate?: string;
}

/**
 * ASN × PO pairs whose PO has no acknowledged line at Amazon. `linesOf` gives a PO's status lines, or
 * undefined when Amazon does not know the PO.
 */
export function unacknowledgedAsns(items: readonly AsnItem[], linesOf: (purchaseOrderNumber: string) => readonly StatusLine[] | undefined): AsnFinding[] {
	const pairs = new Map<string, AsnFinding>();
	for (const item of activeAsnItems(items)) {
		const lines = linesOf(item.purchaseOrderNumber);
		const unacknowledged = !lines || lines.length === 0 || lines.every((line) => !line.confirmationStatus || line.confirmationStatus === 'UNCONFIRMED');
		if (!unacknowledged) continue;
		const key = `${item.vendorShipmentIdentifier}|${item.purchaseOrderNumber}`;
		const found = pairs.get(key) ?? { vendorShipmentIdentifier: item.vendorShipmentIdentifier, purchaseOrderNumber: item.purchaseOrderNumber, reason: lines && lines.length ? 'unconfirmed' : 'unknownPurchaseOrder', shippedUnits: 0, shippedDate: item.shippedDate ?? item.createdDate };
		found.shippedUnits += item.shipped?.eaches ?? 0;
		pairs.set(key, found);
	}
	return [...pairs.values()].sort((a, b) => a.vendorShipmentIdentifier.localeCompare(b.vendorShipmentIdentifier) || a.purchaseOrderNumber.localeCompare(b.purchaseOrderNumber));
}

export function asnItem(finding: AsnFinding, settings: WatchSettings): IDataObject {
	return compact({ finding: 'asnForUnacknowledgedPo', atRisk: true, ...finding, message: asnSentence(finding, settings) });
}

export interface WatchResult {
	summary: IDataObject;
	items: IDataObject[];
}

/** The items of a watch: the summary first, then the lines (and ASN findings) the output setting asks for. */
export function shortageWatch(lines: readonly StatusLine[], asnItems: readonly AsnItem[], asnFindings: readonly AsnFinding[], settings: WatchSettings): WatchResult {
	const active = activeAsnItems(asnItems);
	const results = lines.map((line) => evaluateLine(line, active, settings));
	const shortages = results.filter((result) => result.finding === 'shortage').sort(urgency);
	const atRisk = shortages.filter((result) => result.atRisk);
	const closed = shortages.filter((result) => !result.atRisk);
	const over = results.filter((result) => result.finding === 'overReceived');
	const shown =
		settings.output === 'atRisk'
			? [...atRisk, ...over]
			: settings.output === 'differences'
				? [...shortages, ...results.filter((result) => result.finding !== 'shortage' && result.finding !== 'matched').sort((a, b) => ORDER[a.finding] - ORDER[b.finding] || urgency(a, b))]
				: [...shortages, ...results.filter((result) => result.finding !== 'shortage').sort((a, b) => ORDER[a.finding] - ORDER[b.finding] || urgency(a, b))];
	const first = atRisk[0];
	const summary = compact({
		finding: 'summary',
		periodStart: settings.period.start.toISOString(),
		periodEnd: settings.period.end.toISOString(),
		purchaseOrders: new Set(lines.map((line) => line.purchaseOrderNumber)).size,
		lines: lines.length,
		disputeWindowDays: settings.windowDays,
		windowCountsFrom: settings.countFrom,
		atRiskLines: atRisk.length,
		missingUnitsAtRisk: atRisk.reduce((sum, result) => sum + result.missingUnits, 0),
		valueAtRisk: totals(atRisk.map((result) => result.missingValue)),
		nearestDeadline: first?.deadlineMs !== undefined ? new Date(first.deadlineMs).toISOString() : undefined,
		nearestHoursLeft: first?.hoursLeft,
		nearestPurchaseOrder: first?.line.purchaseOrderNumber,
		closedWindowLines: closed.length,
		missingUnitsWindowClosed: closed.reduce((sum, result) => sum + result.missingUnits, 0),
		valueWindowClosed: totals(closed.map((result) => result.missingValue)),
		overReceivedLines: over.length,
		overReceivedUnits: over.reduce((sum, result) => sum + result.overReceivedUnits, 0),
		awaitingReceiptLines: results.filter((result) => result.finding === 'awaitingReceipt').length,
		asnsForUnacknowledgedPos: asnFindings.length,
		message: summarySentence({ atRisk, over: over.length, asnFindings: asnFindings.length, purchaseOrders: new Set(lines.map((line) => line.purchaseOrderNumber)).size, lines: lines.length }, settings),
	});
	return { summary, items: [...shown.map((result) => lineItem(result, settings)), ...asnFindings.map((finding) => asnItem(finding, settings))] };
}
