/**
 * What the playbook examples must have done in the real n8n, checked against what the stand-ins
 * received and the emulator's own data (never ACORN's code). Each check takes the seller whose
 * credential the example ran with, so the same example is checked for a North American and a
 * European seller (playbooks.e2e.ts runs the second one).
 */
import type { IRun } from 'n8n-workflow';
import { AMAZON_TARGETS, accountHealthOf, type HealthMetricKey, type MetricTruth } from '../emulator/reports/content/accountHealth';
import { salesTaxComponents, taxLines, taxTransactionId } from '../emulator/reports/content/tax';
import { SALES_TAX_REPORT_TYPE, VAT_MARKETPLACE_COUNTRIES } from '../emulator/reports/store';
import type { SellerFixtureKey } from '../emulator/types';
import { findMarketplace } from '../../nodes/sp-api/marketplaces';
import type { ExampleCheck } from './exampleChecks';
import { hintsOf, minorToDecimalText, ranNodes, type RunCheckOptions } from './runAssertions';
import type { E2eWorld } from './world';

export const PLAYBOOK_EXAMPLES = {
	tax: 'tax-reports-to-sheets-and-erp.json',
	health: 'account-health-alert.json',
	approval: 'refund-approval.json',
	reminders: 'return-reminders-wecom-feishu.json',
} as const;

const HOUR_MS = 3_600_000;

/**
 * ACORN_E2E_SUMMARY=<file>: appends one line per checked run saying what each stand-in received (for
 * reports and debugging; the assertions do not depend on it).
 */
export function noteReceived(what: string, received: Record<string, unknown>): void {
	const file = process.env.ACORN_E2E_SUMMARY;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	if (file) (require('node:fs') as typeof import('node:fs')).appendFileSync(file, `${JSON.stringify({ what, ...received })}\n`);
}
const MINUTE_MS = 60_000;

function multiset(keys: readonly string[]): string[] {
	return [...keys].sort();
}

/** Amazon's rule as announced (VAT report of a month from the 3rd of the next): the month the example asks for. */
export function expectedTaxMonth(runStartMs: number): { month: string; start: number; end: number } {
	const now = new Date(runStartMs);
	const back = now.getUTCDate() >= 3 ? 1 : 2;
	const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1);
	const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1) - 1000;
	return { month: new Date(start).toISOString().slice(0, 7), start, end };
}

const sum = (values: readonly string[]) => values.reduce((total, value) => total + BigInt(value.replace('.', '')), 0n);

const TAX_NODE = 'Amazon tax reports';

/** How a row of each tax report is told apart (order, transaction or component, exact amount) and which column is its amount. */
const TAX_ROWS: Record<string, { amountColumn: string; key(row: Record<string, unknown>): string }> = {
	GET_VAT_TRANSACTION_DATA: {
		amountColumn: 'TOTAL_ACTIVITY_VALUE_AMT_VAT_INCL',
		key: (row) => `${String(row.TRANSACTION_EVENT_ID)}|${String(row.ACTIVITY_TRANSACTION_ID)}|${String(row.TOTAL_ACTIVITY_VALUE_AMT_VAT_INCL)}`,
	},
	[SALES_TAX_REPORT_TYPE]: {
		amountColumn: 'Tax_Amount',
		key: (row) => `${String(row.Order_ID)}|${String(row.Financial_Component)}|${String(row.Tax_Amount)}`,
	},
};
const taxRowKey = (row: Record<string, unknown>) => TAX_ROWS[String(row._reportType)]?.key(row) ?? `unexpected report type ${String(row._reportType)}`;
const taxRowAmount = (row: Record<string, unknown>) => String(row[TAX_ROWS[String(row._reportType)]?.amountColumn ?? '']);

/** The lines of one tax report as the emulator holds them: each row's key and exact amount. */
interface TaxReportTruth {
	type: string;
	keys: string[];
	amounts: string[];
}

/** Europe: one VAT transactions report requested in this run for every VAT store together, the whole month. */
function vatReportTruth(world: E2eWorld, seller: SellerFixtureKey, stores: readonly string[], month: { start: number; end: number }, startedAt: number): TaxReportTruth {
	const report = world.emulator.control.reports.reports(seller).find((r) => r.reportType === 'GET_VAT_TRANSACTION_DATA' && r.createdAt >= startedAt - 1000);
	expect(report).toBeDefined();
	expect([...report!.marketplaceIds].sort()).toEqual([...stores].sort());
	expect([report!.dataStartTime, report!.dataEndTime]).toEqual([month.start, month.end]);
	const lines = taxLines(world.emulator.control.state.dataFor(seller), stores, month.start, month.end, report!.createdAt);
	return {
		type: 'GET_VAT_TRANSACTION_DATA',
		keys: lines.map((line) => `${line.event.amazonOrderId}|${taxTransactionId(line)}|${minorToDecimalText(line.totalGrossMinor, 2)}`),
		amounts: lines.map((line) => minorToDecimalText(line.totalGrossMinor, 2)),
	};
}

/** United States: the Sales Tax Report the seller generated in the Tax Document Library, found (Amazon refuses to create it). */
function salesTaxReportTruth(world: E2eWorld, seller: SellerFixtureKey, us: string, month: { start: number; end: number }): TaxReportTruth {
	const report = world.emulator.control.reports.reports(seller).find((r) => r.reportType === SALES_TAX_REPORT_TYPE && r.dataStartTime === month.start);
	expect(report).toBeDefined();
	const components = salesTaxComponents(taxLines(world.emulator.control.state.dataFor(seller), [us], month.start, month.end, report!.createdAt));
	return {
		type: SALES_TAX_REPORT_TYPE,
		keys: components.map((c) => `${c.line.event.amazonOrderId}|${c.component}|${minorToDecimalText(c.taxMinor, 2)}`),
		amounts: components.map((c) => minorToDecimalText(c.taxMinor, 2)),
	};
}

/**
 * Tax reports → one sheet per month + one ERP post, every line and amount as Amazon's report has it, for
 * the stores of the seller that have a tax report in the emulator (its VAT stores: one VAT transactions
 * report; its US store: the Sales Tax Report of the Tax Document Library). Its other stores are named
 * in the node's hint; a seller with none of them (Far East: Japan, Australia) gets no tab and no ERP post.
 */
export function checkTaxRun(run: IRun, world: E2eWorld, seller: SellerFixtureKey, options: RunCheckOptions = {}): void {
	const startedAt = new Date(run.startedAt).getTime();
	const month = expectedTaxMonth(startedAt);
	const fixture = world.emulator.fixtures.sellers[seller];
	const countryOf = (id: string) => findMarketplace(id)?.countryCode ?? '';
	const vatStores = fixture.marketplaceIds.filter((id) => VAT_MARKETPLACE_COUNTRIES.includes(countryOf(id)));
	const us = fixture.marketplaceIds.find((id) => countryOf(id) === 'US');
	const leftOut = fixture.marketplaceIds.filter((id) => !vatStores.includes(id) && id !== us).map(countryOf);
	const truths = [...(vatStores.length ? [vatReportTruth(world, seller, vatStores, month, startedAt)] : []), ...(us ? [salesTaxReportTruth(world, seller, us, month)] : [])];
	// requested from Amazon in this run: the VAT report only (the US one is found, the other stores have none)
	const created = world.emulator.control.requests().filter((entry) => entry.operation === 'createReport' && entry.sellerId === fixture.sellerId && Date.parse(entry.at) >= startedAt - 1000);
	expect(created).toHaveLength(vatStores.length ? 1 : 0);
	if (options.printedRun !== false && leftOut.length) {
		// the stores without a tax report are named in the output pane, not skipped silently
		const hints = hintsOf(run, TAX_NODE);
		expect(leftOut.filter((country) => !hints.some((hint) => hint.includes(country)))).toEqual([]);
	}
	const title = `Tax ${month.month}`;
	if (truths.length === 0) {
		// nothing to write down: no tab, no ERP document, the run ended after the Amazon node
		expect(world.sheets.titles()).not.toContain(title);
		expect(world.playbooks.erpTax.received).toEqual([]);
		if (options.printedRun !== false) expect(ranNodes(run).slice(1)).toEqual([TAX_NODE]);
		noteReceived(`tax (${seller})`, { sheetTab: null, erpPosts: 0, storesWithoutTaxReport: leftOut });
		return;
	}
	const keys = truths.flatMap((truth) => truth.keys);
	const amounts = truths.flatMap((truth) => truth.amounts);
	const types = truths.map((truth) => truth.type);
	expect(keys.length).toBeGreaterThan(0);

	// Google Sheets: a new tab for the month, a header row made of the columns, one row per line
	expect(world.sheets.titles()).toContain(title);
	const [header, ...rows] = world.sheets.rows(title);
	expect(header).toEqual(expect.arrayContaining(['_taxMonth', '_reportType', '_reportId', ...types.map((type) => TAX_ROWS[type].amountColumn)]));
	const sheetRows = rows.map((row) => Object.fromEntries((header as string[]).map((name, i) => [name, row[i]])));
	expect(multiset(sheetRows.map(taxRowKey))).toEqual(multiset(keys));
	expect(sheetRows.every((row) => row._taxMonth === month.month && types.includes(String(row._reportType)))).toBe(true);

	// ERP: one JSON document, exact decimal text that adds up to the report's total
	expect(world.playbooks.erpTax.received).toHaveLength(1);
	const [{ body, request }] = world.playbooks.erpTax.received as Array<{ body: { source: string; month: string; reportTypes: string[]; rowCount: number; rows: Array<Record<string, unknown>> }; request: { host: string } }>;
	expect(request.host).toBe('erp.example.com');
	expect(body).toMatchObject({ source: 'amazon-sp-api', month: month.month, rowCount: keys.length });
	expect([...body.reportTypes].sort()).toEqual([...types].sort());
	expect(multiset(body.rows.map(taxRowKey))).toEqual(multiset(keys));
	expect(body.rows.every((row) => typeof row[TAX_ROWS[String(row._reportType)].amountColumn] === 'string')).toBe(true);
	expect(sum(body.rows.map(taxRowAmount))).toBe(sum(amounts));
	if (options.printedRun !== false) expect(ranNodes(run)).toContain('Append to month sheet');
	noteReceived(`tax (${seller})`, { sheetTab: title, sheetRows: sheetRows.length, erpPosts: 1, erpRows: body.rows.length, reportTypes: types, total: `${sum(amounts)}`, storesWithoutTaxReport: leftOut });
}

const METRIC_ZH: Record<HealthMetricKey, string> = {
	orderDefectRate: '订单缺陷率（卖家自配送）',
	lateShipmentRate: '迟发率',
	preFulfillmentCancellationRate: '配送前取消率',
	validTrackingRate: '有效追踪率',
	onTimeDeliveryRate: '准时交货率',
};

/** Percent with two decimals, half up, from whole counts (no floating-point rounding). */
function percentText(count: number, total: number): string {
	const hundredths = Math.floor((count * 20000) / total + 1) >> 1;
	const text = String(hundredths).padStart(3, '0');
	return `${text.slice(0, -2)}.${text.slice(-2)}`.replace(/\.?0+$/, '');
}

/**
 * The metrics of the seller's stores outside Amazon's targets, as the emulator's seller performance
 * reports of this run have them (the example keeps Amazon's targets as thresholds).
 */
function breachesOfRun(world: E2eWorld, seller: SellerFixtureKey, startedAt: number): Array<{ marketplaceId: string; metric: HealthMetricKey; value: MetricTruth }> {
	const fixture = world.emulator.fixtures.sellers[seller];
	// one report per store (Amazon's report is per marketplace), for every store of the credential
	const reports = world.emulator.control.reports.reports(seller).filter((r) => r.reportType === 'GET_V2_SELLER_PERFORMANCE_REPORT' && r.createdAt >= startedAt - 1000);
	expect(reports.flatMap((report) => report.marketplaceIds).sort()).toEqual([...fixture.marketplaceIds].sort());
	return reports.flatMap((report) => {
		const [marketplaceId] = report.marketplaceIds;
		const truth = accountHealthOf(fixture.sellerId, marketplaceId, report.createdAt);
		return (Object.keys(METRIC_ZH) as HealthMetricKey[])
			.map((metric) => ({ marketplaceId, metric, value: metric === 'orderDefectRate' ? truth.metrics.orderDefectRate.mfn : truth.metrics[metric] }))
			.filter((breach) => breach.value.status === 'BAD');
	});
}

/**
 * Account health → one WeCom Markdown message naming each breached store, metric, value and Amazon's
 * target; a seller whose stores are all within the targets gets no message.
 */
export function checkHealthRun(run: IRun, world: E2eWorld, seller: SellerFixtureKey, options: RunCheckOptions = {}): void {
	const startedAt = new Date(run.startedAt).getTime();
	const breaches = breachesOfRun(world, seller, startedAt);
	expect(world.playbooks.weCom.rejected).toEqual([]);
	if (breaches.length === 0) {
		// "When all is well nothing is sent" (the example's sticky note): the run ends after the Amazon node
		expect(world.playbooks.weCom.messages).toEqual([]);
		if (options.printedRun !== false) expect(ranNodes(run).slice(1)).toEqual(['Amazon account health']);
		noteReceived(`account health (${seller})`, { weComMessages: 0 });
		return;
	}
	expect(world.playbooks.weCom.messages).toHaveLength(1);
	const [message] = world.playbooks.weCom.messages;
	expect(message.msgtype).toBe('markdown');
	expect(message.request.host).toBe('qyapi.weixin.qq.com');
	const [title, ...lines] = message.content.split('\n');
	expect(title).toBe(`### <font color="warning">亚马逊账户健康预警</font>（${breaches.length} 项）`);
	expect(lines).toHaveLength(breaches.length);
	for (const { marketplaceId, metric, value } of breaches) {
		const marketplace = findMarketplace(marketplaceId)!;
		const target = AMAZON_TARGETS[metric];
		const store = `Amazon.${marketplace.domain.replace(/^amazon\./, '')}`;
		const line = lines.find((text) => text.includes(`（${store}）：${METRIC_ZH[metric]}`));
		expect(line).toBeDefined();
		expect(line).toContain(`> 账户健康警告（${store}）：${METRIC_ZH[metric]} ${percentText(value.count, value.orderCount)}%`);
		expect(line).toContain(`亚马逊目标：${target.targetCondition === 'LESS_THAN' ? '低于' : '高于'} ${target.targetValue * 100}%`);
	}
	if (options.printedRun !== false) expect(ranNodes(run)).toContain('Sent');
	noteReceived(`account health (${seller})`, { weComMessages: 1, content: message.content });
}

/** Return reminders → one WeCom and one signed Feishu message with the urgent requests, most urgent first. */
export function checkRemindersRun(run: IRun, world: E2eWorld, seller: SellerFixtureKey, options: RunCheckOptions & { requireRequests?: boolean } = {}): void {
	const startedAt = new Date(run.startedAt).getTime();
	const fixture = world.emulator.fixtures.sellers[seller];
	const waiting = world.emulator.control.reports
		.returns(seller)
		.filter((r) => r.channel === 'MFN' && r.status === 'Pending' && fixture.marketplaceIds.includes(r.marketplaceId) && r.returnedAt >= startedAt - 14 * 24 * HOUR_MS)
		.sort((a, b) => a.returnedAt - b.returnedAt);
	const left = (r: { returnedAt: number }) => r.returnedAt + 48 * HOUR_MS - startedAt;
	// the filter runs a moment after the start: requests right at 24 hours may go either way
	const surely = waiting.filter((r) => left(r) < 24 * HOUR_MS - MINUTE_MS).map((r) => r.amazonOrderId);
	const possibly = waiting.filter((r) => left(r) < 24 * HOUR_MS + MINUTE_MS).map((r) => r.amazonOrderId);
	// with the default data (12 orders a day) a seller always has requests close to the limit: the run had work to do
	if (options.requireRequests !== false) expect(surely.length).toBeGreaterThan(0);
	if (possibly.length === 0) {
		expect(world.playbooks.weCom.messages).toEqual([]);
		expect(world.playbooks.feishu.messages).toEqual([]);
		noteReceived(`return reminders (${seller})`, { requests: 0, weComMessages: 0, feishuMessages: 0 });
		return;
	}
	expect(world.playbooks.weCom.rejected).toEqual([]);
	expect(world.playbooks.feishu.rejected).toEqual([]);
	expect(world.playbooks.weCom.messages).toHaveLength(1);
	expect(world.playbooks.feishu.messages).toHaveLength(1);

	// Feishu: every urgent request, most urgent first, in Chinese; the stand-in checked the signature
	const feishu = world.playbooks.feishu.messages[0];
	expect(feishu.request.host).toBe('open.feishu.cn');
	expect(feishu.msgType).toBe('post');
	const feishuLines = feishu.text.split('\n');
	expect(feishu.title).toBe(`亚马逊退货请求待处理（${feishuLines.length} 条，最紧急在前）`);
	const orderOf = (line: string) => /订单 (\d{3}-\d{7}-\d{7})/.exec(line)?.[1];
	const listed = feishuLines.map(orderOf);
	expect(listed.filter((id) => !possibly.includes(id!))).toEqual([]);
	expect(surely.filter((id) => !listed.includes(id))).toEqual([]);
	expect(listed).toEqual(possibly.filter((id) => listed.includes(id)));
	feishuLines.forEach((line, index) => expect(line).toMatch(new RegExp(`^${index + 1}\\. 退货请求(待处理|已超时)（Amazon\\.[a-z.]+）：订单 `)));

	// WeCom: the same requests as Markdown, at most ten lines (4096 bytes), the rest counted
	const wecom = world.playbooks.weCom.messages[0];
	expect(wecom.msgtype).toBe('markdown');
	const [title, ...lines] = wecom.content.split('\n');
	expect(title).toBe(`### <font color="warning">亚马逊退货请求待处理</font>（${listed.length} 条，最紧急在前）`);
	expect(lines.slice(0, 10)).toEqual(feishuLines.slice(0, 10));
	if (listed.length > 10) expect(lines[10]).toBe(`另有 ${listed.length - 10} 条，请到卖家平台查看。`);
	expect(Buffer.byteLength(wecom.content, 'utf8')).toBeLessThanOrEqual(4096);
	if (options.printedRun !== false) expect(ranNodes(run)).toEqual(expect.arrayContaining(['WeCom sent', 'Feishu sent']));
	noteReceived(`return reminders (${seller})`, { requests: listed.length, weCom: wecom.content, feishuTitle: feishu.title, feishuLines: feishuLines.length, feishuTimestamp: feishu.timestamp });
}

export const PLAYBOOK_CHECKS: Record<string, ExampleCheck> = {
	[PLAYBOOK_EXAMPLES.tax]: {
		does: 'last month’s tax reports of every store of the credential that has one → a new Google Sheets tab for the month and one exact JSON document to the ERP; the other stores named in a hint, nothing written when none has one',
		prepare: (world) => world.playbooks.clear(world.sheets),
		holdsWithoutPrintedRun: true,
		// the seller of the world it runs in: North America's US sales tax, Europe's VAT, none for the Far East stores
		check: (run, world, options) => checkTaxRun(run, world, world.seller, options),
	},
	[PLAYBOOK_EXAMPLES.health]: {
		does: 'account health of every store → one WeCom Markdown message naming each store, metric, value and Amazon’s target past the threshold (none when all is well)',
		prepare: (world) => world.playbooks.clear(),
		check: (run, world, options) => checkHealthRun(run, world, world.seller, options),
	},
	[PLAYBOOK_EXAMPLES.reminders]: {
		does: 'return requests with less than 24 of 48 hours left → one WeCom Markdown and one signed Feishu message, most urgent first, in Chinese',
		prepare: (world) => world.playbooks.clear(),
		// the seller of the world it runs in (North America in examples.e2e.ts, Europe and Far East in oneRegion.e2e.ts)
		check: (run, world) => checkRemindersRun(run, world, world.seller),
	},
	[PLAYBOOK_EXAMPLES.approval]: {
		does: 'active under n8n start: refunds above the threshold wait for a manager’s Slack approval (test in playbooks.e2e.ts)',
		check() {
			throw new Error('runs as its own test in playbooks.e2e.ts: the trigger and the manager start this workflow, not n8n execute');
		},
	},
};
