/**
 * Shortage Watch inside n8n-core against the emulator: the lines at risk, their missing units, value,
 * deadline and hours left are exactly what the emulator's own POs, ASNs and receipts call for (computed
 * in vendorSupport.ts from the records, not by the node's code); over-receipts and ASNs for
 * unacknowledged POs are reported; the window is the vendor's own and required.
 */
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator/types';
import { DAY, useFixedNow } from './support';
import { jsonOf, linesOfPeriod, runVendor, shortagesOf, totalsPerCurrency, vendorData } from './vendorSupport';

const NOW = '2026-03-02T06:00:00Z';
const NOW_MS = Date.parse(NOW);

describe('Vendor node: Shortage Watch', () => {
	useFixedNow(NOW);
	let emulator: Emulator;
	beforeAll(async () => {
		// every third page empty (with a token): the watch must follow them
		emulator = await startEmulator({ timeScale: 100, emptyPageEvery: 3 });
	});
	afterAll(async () => emulator.close());
	beforeEach(() => emulator.control.clearRequests());

	const watch = (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean } = {}) =>
		runVendor(emulator, { parameters: { resource: 'purchaseOrder', operation: 'shortageWatch', lookBackDays: 60, disputeWindowDays: 30, ...parameters }, ...extra });

	it('lists the lines at risk, most urgent first, with the numbers the emulator data calls for, and a summary per currency', async () => {
		const result = await watch({});
		expect(result.error('Amazon Vendor')).toBeUndefined();
		const [summary, ...items] = jsonOf(result);
		const startedAt = Date.parse(String(summary.periodEnd));
		expect(Math.abs(startedAt - NOW_MS)).toBeLessThan(60_000);
		const lines = linesOfPeriod(emulator, startedAt - 60 * DAY, startedAt, startedAt);
		const shortages = shortagesOf(emulator, lines, 30, startedAt);
		// most urgent first; on the same deadline the larger value, then more units, then PO and line
		const minor = (amount: string) => Number(amount.replace('.', ''));
		const atRisk = shortages
			.filter((s) => s.atRisk)
			.sort((a, b) => a.deadlineMs - b.deadlineMs || minor(b.missingValue.amount) - minor(a.missingValue.amount) || b.missingUnits - a.missingUnits || (a.key < b.key ? -1 : 1));
		// the seeded data holds open and closed shortages, in two currencies
		expect(atRisk.length).toBeGreaterThan(1);
		expect(shortages.some((s) => !s.atRisk)).toBe(true);

		const shortageItems = items.filter((item) => item.finding === 'shortage');
		expect(shortageItems.map((item) => `${item.purchaseOrderNumber}|${item.itemSequenceNumber}`)).toEqual(atRisk.map((s) => s.key));
		shortageItems.forEach((item, index) => {
			const truth = atRisk[index];
			expect(item).toMatchObject({
				atRisk: true,
				missingUnits: truth.missingUnits,
				missingValue: truth.missingValue,
				disputeDeadline: new Date(truth.deadlineMs).toISOString(),
				hoursLeft: truth.hoursLeft,
				windowClosed: false,
				disputeWindowDays: 30,
			});
			expect(item.shippedUnits).toBe(Number(item.receivedUnits) + truth.missingUnits);
			expect(String(item.message)).toContain(`${truth.missingUnits} of ${String(item.shippedUnits)} shipped units missing (${truth.missingValue.amount} ${truth.missingValue.currency})`);
		});
		expect(summary).toMatchObject({
			finding: 'summary',
			atRiskLines: atRisk.length,
			missingUnitsAtRisk: atRisk.reduce((sum, s) => sum + s.missingUnits, 0),
			valueAtRisk: totalsPerCurrency(atRisk.map((s) => s.missingValue)),
			nearestDeadline: new Date(atRisk[0].deadlineMs).toISOString(),
			nearestHoursLeft: atRisk[0].hoursLeft,
			closedWindowLines: shortages.length - atRisk.length,
			purchaseOrders: new Set(lines.map((line) => line.po.purchaseOrderNumber)).size,
			lines: lines.length,
		});
		expect(String(summary.message)).toMatch(new RegExp(`^Amazon Shortage Watch: ${atRisk.length} PO lines at risk — ${summary.missingUnitsAtRisk} units missing, worth `));
		for (const total of summary.valueAtRisk as Array<{ amount: string; currency: string }>) expect(String(summary.message)).toContain(`${total.amount} ${total.currency}`);

		// Amazon received more than the ASNs said
		const over = lines.filter((line) => line.receivedEaches > line.shippedEaches);
		expect(over.length).toBeGreaterThan(0);
		expect(items.filter((item) => item.finding === 'overReceived').map((item) => [`${item.purchaseOrderNumber}|${item.itemSequenceNumber}`, item.overReceivedUnits]).sort()).toEqual(
			over.map((line) => [`${line.po.purchaseOrderNumber}|${line.itemSequenceNumber}`, line.receivedEaches - line.shippedEaches]).sort(),
		);
		// the ASN shipped for the PO that was never acknowledged
		const unacked = vendorData(emulator).purchaseOrders.filter((po) => po.story === 'unacked' && po.createdAt >= startedAt - 60 * DAY);
		const asnFindings = items.filter((item) => item.finding === 'asnForUnacknowledgedPo');
		expect(asnFindings.map((item) => item.purchaseOrderNumber).sort()).toEqual(unacked.map((po) => po.purchaseOrderNumber).sort());
		expect(asnFindings.every((item) => item.reason === 'unconfirmed')).toBe(true);
		// cancelled ASNs do not count as shipped: the "cancelled" POs show no shortage of the extra unit
		for (const po of vendorData(emulator).purchaseOrders.filter((candidate) => candidate.story === 'cancelled')) {
			expect(items.filter((item) => item.purchaseOrderNumber === po.purchaseOrderNumber && item.finding === 'shortage')).toEqual([]);
		}
		// the PO lists were asked for at most 7 days each, and every empty page was followed
		const statusCalls = emulator.control.requests().filter((r) => r.operation === 'getPurchaseOrdersStatus' && r.query.createdAfter);
		for (const call of statusCalls) expect(Date.parse(call.query.createdBefore) - Date.parse(call.query.createdAfter)).toBeLessThanOrEqual(7 * DAY);
		expect(statusCalls.some((call) => call.query.nextToken)).toBe(true);
	});

	it('"Every Difference" adds closed windows and lines in transit; "All Lines" gives every line of the period', async () => {
		const differences = jsonOf(await watch({ output: 'differences' }));
		const startedAt = Date.parse(String(differences[0].periodEnd));
		const lines = linesOfPeriod(emulator, startedAt - 60 * DAY, startedAt, startedAt);
		const shortages = shortagesOf(emulator, lines, 30, startedAt);
		const shown = differences.filter((item) => item.finding === 'shortage');
		expect(shown).toHaveLength(shortages.length);
		const closed = shown.filter((item) => item.windowClosed === true);
		expect(closed.length).toBe(shortages.filter((s) => !s.atRisk).length);
		expect(closed.every((item) => Number(item.hoursLeft) < 0 && /the dispute window closed on/.test(String(item.message)))).toBe(true);
		const inTransit = lines.filter((line) => line.shippedEaches > 0 && line.receivedEaches === 0 && !line.closed);
		expect(differences.filter((item) => item.finding === 'awaitingReceipt')).toHaveLength(inTransit.length);

		const all = jsonOf(await watch({ output: 'all' }));
		expect(all.filter((item) => item.finding !== 'summary' && item.finding !== 'asnForUnacknowledgedPo')).toHaveLength(lines.length);
	});

	it('counts the window from the ASN ship date when the agreement says so', async () => {
		const [summary, ...items] = jsonOf(await watch({ countFrom: 'shipDate', output: 'differences' }));
		expect(summary.windowCountsFrom).toBe('shipDate');
		const shortage = items.find((item) => item.finding === 'shortage')!;
		expect(shortage.windowStartsFrom).toBe('shipDate');
		expect(Date.parse(String(shortage.disputeDeadline)) - Date.parse(String(shortage.lastShippedDate))).toBe(30 * DAY);
	});

	it('writes the DingTalk / WeCom sentence in Chinese', async () => {
		const [summary, ...items] = jsonOf(await watch({ messageLanguage: 'zh' }));
		expect(String(summary.message)).toMatch(/^亚马逊缺货预警：\d+ 个采购订单行有风险，缺少 \d+ 件，价值 .+；最早的争议期限还剩 \d+ 小时（采购订单 [A-Z0-9]{8} 第 \d+ 行，\d{4}-\d{2}-\d{2} \d{2}:\d{2}）。/);
		expect(String(items.find((item) => item.finding === 'shortage')?.message)).toMatch(/^采购订单 [A-Z0-9]{8} 第 \d+ 行（.+）：发货 \d+ 件，亚马逊收到 \d+ 件，缺少 \d+ 件（.+）；争议截止 .+（还剩 \d+ 小时）。$/);
	});

	it('refuses to guess the dispute window: no call is made without it', async () => {
		const result = await watch({ disputeWindowDays: 0 }, { continueOnFail: true });
		expect(String(jsonOf(result)[0].error)).toMatch(/Set "Dispute Window in Your Agreement \(Days\)".*ACORN does not guess it/);
		const tooLong = await watch({ lookBackDays: 200 }, { continueOnFail: true });
		expect(String(jsonOf(tooLong)[0].error)).toMatch(/at most 180/);
		expect(emulator.control.requests()).toEqual([]);
	});
});
