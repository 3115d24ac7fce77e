/**
 * What the emulator holds, for assertions of end-to-end runs and the demo: refund lines of the range a
 * run asked Amazon for (read from the emulator's request log), and the refund-spike rule of Detect
 * Refund Anomalies recomputed from those records (never from ACORN's code).
 */
import { itemLineTotal, type OrderFinanceEvent } from '../emulator/data/model';
import type { Emulator, RequestLogEntry, SellerFixtureKey } from '../emulator/types';

const DAY = 86_400_000;

export interface RefundLineTruth {
	event: OrderFinanceEvent;
	sku: string;
	quantity: number;
	/** The line's net effect on the seller's money, in minor units (negative). */
	totalMinor: number;
}

/** The first listFinancialEvents call of a seller in the request log (the range asked for and when). */
export function financesCall(emulator: Emulator, seller: SellerFixtureKey, since?: string): RequestLogEntry {
	const sellerId = emulator.fixtures.sellers[seller].sellerId;
	const call = emulator.control.requests().find((entry) => entry.operation === 'listFinancialEvents' && entry.sellerId === sellerId && (!since || entry.at >= since));
	if (!call) throw new Error(`no listFinancialEvents call for seller ${seller} in the request log`);
	return call;
}

/** Refund lines posted in the call's [PostedAfter, PostedBefore) and visible when the call came. */
export function refundLinesOf(emulator: Emulator, seller: SellerFixtureKey, call: RequestLogEntry): RefundLineTruth[] {
	const after = Date.parse(call.query.PostedAfter);
	const before = Date.parse(call.query.PostedBefore);
	const at = Date.parse(call.at);
	if (!Number.isFinite(after) || !Number.isFinite(before)) throw new Error(`listFinancialEvents without a full range: ${JSON.stringify(call.query)}`);
	return emulator.control.state
		.dataFor(seller)
		.events.filter((event): event is OrderFinanceEvent => event.kind === 'Refund' && event.postedAt >= after && event.postedAt < before && event.settledAt <= at)
		.flatMap((event) => event.items.map((item) => ({ event, sku: item.sellerSku, quantity: item.quantity, totalMinor: itemLineTotal(item) })));
}

export interface SpikeGroup {
	n: number;
	b: number;
	/** Net refunded amount (positive when money went out), minor units. */
	amount: number;
	baselineAmount: number;
}

/**
 * Detect Refund Anomalies with Group By SKU, Spike Factor 3, Minimum 3, no other rule: per SKU and
 * currency, n refunds in [start, end) and b in [baselineStart, start); trips when n ≥ 3 and
 * (n ≥ 3 × b × period/baseline, or the amount likewise).
 */
export function skuSpikes(lines: readonly RefundLineTruth[], period: { start: number; end: number; baselineStart: number }): { tripped: string[]; groups: Map<string, SpikeGroup> } {
	const groups = new Map<string, SpikeGroup>();
	for (const line of lines) {
		const at = line.event.postedAt;
		const which = at >= period.start && at < period.end ? 'n' : at >= period.baselineStart && at < period.start ? 'b' : undefined;
		if (!which) continue;
		const key = `${line.sku}|${line.event.currency}`;
		const group = groups.get(key) ?? { n: 0, b: 0, amount: 0, baselineAmount: 0 };
		group[which] += 1;
		if (which === 'n') group.amount -= line.totalMinor;
		else group.baselineAmount -= line.totalMinor;
		groups.set(key, group);
	}
	const periodMs = period.end - period.start;
	const baselineMs = period.start - period.baselineStart;
	const tripped = [...groups]
		.filter(([, g]) => g.n >= 3 && (g.n * baselineMs >= 3 * g.b * periodMs || (g.amount > 0 && g.amount * baselineMs >= 3 * g.baselineAmount * periodMs)))
		.map(([key]) => key)
		.sort();
	return { tripped, groups };
}

/** The periods an anomaly item states (Detect writes them on every finding). */
export function periodOf(anomaly: Record<string, unknown>): { start: number; end: number; baselineStart: number } {
	return {
		start: Date.parse(String(anomaly.currentPeriodStart)),
		end: Date.parse(String(anomaly.currentPeriodEnd)),
		baselineStart: Date.parse(String(anomaly.baselinePeriodStart)),
	};
}

export { DAY };
