/**
 * What each example must have done when it ran in the real n8n: one entry per examples/*.json.
 * Adding an example = its JSON file + one entry here (the e2e run fails for an example without one).
 * Expected values come from the emulator's own data and fixtures, never from ACORN's code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, IRun } from 'n8n-workflow';
import { REFUND_CSV_COLUMNS } from '../../scripts/demo/csv';
import { currencyDigits } from '../emulator/money';
import type { FinancialEventGroupRecord } from '../emulator';
import { walletStore } from '../emulator/data/walletStore';
import { reimbursementEvents, reimbursementId } from '../emulator/reports/content/reimbursements';
import { settlementLines } from '../emulator/reports/content/settlement';
import type { SellerFixtureKey } from '../emulator/types';
import { E2E_REFUND_SPIKES } from '../../scripts/demo/scenario';
import { financesCall, periodOf, refundLinesOf, skuSpikes, type RefundLineTruth } from './emulatorTruth';
import { linesOfPeriod, shortagesOf, totalsPerCurrency } from '../helpers/vendorTruth';
import { REFUNDS_SHEET_HEADER, SHORTAGES_SHEET, SHORTAGES_SHEET_HEADER, type E2eWorld } from './world';
import { minorToDecimalText, outputOf, outputOfEveryRun, ranNodes, type RunCheckOptions } from './runAssertions';
import { parseCsv } from '../helpers/csv';
import { PLAYBOOK_CHECKS } from './playbookChecks';

/** The examples Amazon starts (Notifications Trigger): tested active under `n8n start` in examples.e2e.ts. */
export const NOTIFICATION_EXAMPLE = 'refund-notifications-to-slack.json';
export const SETTLEMENT_NOTIFICATION_EXAMPLE = 'settlement-report-to-erp.json';

export interface ExampleCheck {
	/** What the example is expected to do, in one line (used as the test name). */
	does: string;
	/** Runs before the example (e.g. a difference put into Amazon's data for the example to find). */
	prepare?(world: E2eWorld): void;
	/**
	 * Set when the check holds on what the stand-ins received alone: a run `n8n execute` printed cut short
	 * (a month of VAT lines, node by node: tens of MB) then counts as successful, `printedRun: false`.
	 */
	holdsWithoutPrintedRun?: boolean;
	check(run: IRun, world: E2eWorld, options: RunCheckOptions): void;
	/** Undoes `prepare`, also when the check failed. */
	cleanup?(world: E2eWorld): void;
}

const MINUTE_MS = 60_000;

/** Refund lines of the seller's first finances call of this run, as the emulator holds them. */
function refundLinesOfRun(world: E2eWorld, run: IRun, seller: SellerFixtureKey): RefundLineTruth[] {
	return refundLinesOf(world.emulator, seller, financesCall(world.emulator, seller, new Date(new Date(run.startedAt).getTime() - 1000).toISOString()));
}

const lineTotal = (line: RefundLineTruth) => minorToDecimalText(line.totalMinor, currencyDigits(line.event.currency));
/**
 * An amount compared by value: a sheet or CSV cell holds "-29.9" when the workflow wrote ACORN's number
 * (`total`) and "-29.90" when it wrote the exact text (`totalExact`); both are the same money.
 */
const byValue = (amount: unknown) => String(Number(amount));
const lineKey = (line: RefundLineTruth) => `${line.event.amazonOrderId}|${line.sku}|${byValue(lineTotal(line))}`;

/**
 * The examples' Refunds nodes are at version 1.1 (what a new node gets): every amount a number a sheet can
 * sum, its exact decimal text in the `…Exact` field next to it, both the same money.
 */
function expectAmountsAsNumbers(items: readonly IDataObject[], field: string): void {
	for (const item of items) {
		const exact = item[`${field}Exact`];
		expect([field, typeof item[field], exact]).toEqual([field, 'number', expect.stringMatching(/^-?\d+(\.\d+)?$/)]);
		expect(item[field]).toBe(Number(exact));
	}
}

function multiset(keys: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
	return counts;
}

/** Keys of `part` that `whole` lacks (counting repeats). */
function missingFrom(whole: readonly string[], part: readonly string[]): string[] {
	const left = multiset(whole);
	const missing: string[] = [];
	for (const key of part) {
		const n = left.get(key) ?? 0;
		if (n === 0) missing.push(key);
		else left.set(key, n - 1);
	}
	return missing;
}

/** The SKU prefixes of the product problems put into a seller's data (E2E_REFUND_SPIKES), e.g. NA-STOVE-. */
function spikePrefixes(seller: SellerFixtureKey): string[] {
	return E2E_REFUND_SPIKES.filter((spike) => spike.seller === seller).map((spike) => `${spike.seller.toUpperCase()}-${spike.product}-`);
}

/**
 * Detect Refund Anomalies (Group By SKU, factor 3, minimum 3) found exactly the groups the emulator's
 * refund lines call for, including the product problems put into the seller's data, and DingTalk
 * accepted one signed message listing every finding — or, when the data calls for none, nothing was sent.
 */
function expectAnomaliesAndDingTalk(run: IRun, world: E2eWorld, lines: readonly RefundLineTruth[]): IDataObject[] {
	const anomalies = outputOf(run, 'Detect Refund Anomalies');
	const mustInclude = spikePrefixes(world.seller);
	if (anomalies.length === 0) {
		// Detect looked at the day before it ran, some time between the run's start and end: nothing trips either way
		for (const end of [Date.parse(String(run.startedAt)), Date.parse(String(run.stoppedAt))]) {
			expect(skuSpikes(lines, { end, start: end - DAY_MS, baselineStart: end - 29 * DAY_MS }).tripped).toEqual([]);
		}
		expect(mustInclude).toEqual([]);
		expect(world.dingTalk.messages).toEqual([]);
		return anomalies;
	}
	const period = periodOf(anomalies[0]);
	expect(period.end - period.start).toBe(DAY_MS);
	const { tripped, groups } = skuSpikes(lines, period);
	expect(anomalies.map((anomaly) => `${anomaly.group}|${anomaly.currency}`).sort()).toEqual(tripped);
	for (const prefix of mustInclude) expect(tripped.some((key) => key.startsWith(prefix))).toBe(true);
	for (const anomaly of anomalies) {
		const truth = groups.get(`${String(anomaly.group)}|${String(anomaly.currency)}`)!;
		const exact = minorToDecimalText(truth.amount, currencyDigits(String(anomaly.currency)));
		expect(anomaly).toMatchObject({ refundCount: truth.n, baselineCount: truth.b, refundedAmountExact: exact });
	}
	expectAmountsAsNumbers(anomalies, 'refundedAmount');
	expect(world.dingTalk.rejected).toEqual([]);
	expect(world.dingTalk.messages).toHaveLength(1);
	const [message] = world.dingTalk.messages;
	expect(message.msgtype).toBe('markdown');
	expect(message.request.host).toBe('oapi.dingtalk.com');
	expect(message.title).toBe(`亚马逊退款异常 ${anomalies.length} 条`);
	const alertLines = message.text.split('\n').filter((line) => line.startsWith('- '));
	expect(alertLines).toEqual(anomalies.map((anomaly) => `- ${String(anomaly.message)}`));
	return anomalies;
}

const DAY_MS = 86_400_000;

function groupsOf(world: E2eWorld, nowMs: number): FinancialEventGroupRecord[] {
	return world.emulator.control.state.dataFor(world.seller).groups.filter((group) => group.startAt <= nowMs);
}

/** The closed settlement period of a currency whose report Amazon has published (30 minutes after the end), newest. */
function latestPublishedGroup(world: E2eWorld, currency: string, nowMs: number): FinancialEventGroupRecord {
	const group = world.emulator.control.state
		.dataFor(world.seller)
		.groups.filter((candidate) => candidate.currency === currency && candidate.endAt + 30 * MINUTE_MS <= nowMs)
		.sort((a, b) => a.endAt - b.endAt)
		.at(-1);
	if (!group) throw new Error(`no published ${currency} settlement`);
	return group;
}

/** The currencies of the seller's stores, in the order of its stores (one settlement account each). */
function currenciesOf(world: E2eWorld): string[] {
	const groups = world.emulator.control.state.dataFor(world.seller).groups;
	const currencyOf = (marketplaceId: string) => groups.find((group) => group.marketplaceIds.includes(marketplaceId))?.currency;
	return [...new Set(world.emulator.fixtures.sellers[world.seller].marketplaceIds.map(currencyOf).filter((currency): currency is string => !!currency))];
}

/** The seller's stores as the Seller Account node lists them (country codes, in Amazon's order). */
function storeCountries(run: IRun, node: string): string[] {
	return outputOf(run, node).map((store) => String(store.countryCode));
}

let alteredRefund: { orderId: string; settlementId: string; currency: string } | undefined;

function totalText(group: FinancialEventGroupRecord): string {
	return minorToDecimalText(group.totalMinor, currencyDigits(group.currency));
}

export const EXAMPLE_CHECKS: Record<string, ExampleCheck> = {
	'marketplaces-to-slack.json': {
		does: 'posts the list of marketplaces of the seller account to Slack',
		check(run, world) {
			const seller = world.emulator.fixtures.sellers[world.seller];
			const marketplaces = outputOf(run, 'Amazon Seller Account');
			expect(marketplaces.map((m) => m.marketplaceId).sort()).toEqual([...seller.marketplaceIds].sort());
			expect(world.slack.messages).toHaveLength(1);
			const [message] = world.slack.messages;
			expect(message.channel).toBe('#amazon-alerts');
			expect(message.request.host).toBe('slack.com');
			const lines = message.text.split('\n');
			expect(lines[0]).toBe(`*Amazon marketplaces of this seller account* (${seller.marketplaceIds.length})`);
			expect(lines).toHaveLength(1 + seller.marketplaceIds.length);
			for (const item of marketplaces) {
				expect(lines).toContain(`• ${item.countryCode} ${item.marketplaceName} (${item.currency}, ${item.domain})`);
			}
			expect(marketplaces.every((m) => typeof m.countryCode === 'string' && m.countryCode.length === 2)).toBe(true);
		},
	},

	'settlements-to-erp.json': {
		does: 'sends every closed settlement period of the last 35 days to the ERP webhook, amounts exact',
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const expected = groupsOf(world, startedAt).filter(
				(group) => group.startAt >= startedAt - 35 * DAY_MS && group.endAt <= startedAt,
			);
			expect(expected.length).toBeGreaterThan(0);
			const open = groupsOf(world, startedAt).filter((group) => group.startAt >= startedAt - 35 * DAY_MS && group.endAt > startedAt);
			// The Finances node returned open and closed periods; the Filter kept the closed ones.
			expect(outputOf(run, 'Amazon Finances')).toHaveLength(expected.length + open.length);
			expect(outputOf(run, 'Closed periods only')).toHaveLength(expected.length);
			expect(world.erp.received).toHaveLength(expected.length);
			const byId = new Map(world.erp.received.map(({ body }) => [(body as { settlementPeriodId: string }).settlementPeriodId, body as Record<string, unknown>]));
			for (const group of expected) {
				const body = byId.get(group.groupId);
				expect(body).toBeDefined();
				expect(body).toMatchObject({
					source: 'amazon-sp-api',
					status: 'Closed',
					amount: totalText(group),
					currency: group.currency,
					bankAccountTail: group.accountTail,
				});
				expect(Date.parse(String(body?.periodStart))).toBe(group.startAt);
				expect(Date.parse(String(body?.periodEnd))).toBe(group.endAt);
				// Amounts travel as exact decimal text, never as floating point numbers.
				expect(typeof body?.amount).toBe('string');
			}
			for (const { request } of world.erp.received) {
				expect(request.host).toBe('erp.example.com');
				expect(request.headers['content-type']).toContain('application/json');
			}
		},
	},

	'settlements-to-dingtalk.json': {
		does: 'posts the 5 latest settlement periods to a DingTalk robot with a valid signature',
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const newestFirst = groupsOf(world, startedAt).sort((a, b) => b.startAt - a.startAt || (a.currency < b.currency ? -1 : 1));
			const latest = newestFirst.slice(0, 5);
			expect(outputOf(run, 'Amazon Finances').map((item) => item.financialEventGroupId)).toEqual(latest.map((group) => group.groupId));
			expect(world.dingTalk.rejected).toEqual([]);
			expect(world.dingTalk.messages).toHaveLength(1);
			const [message] = world.dingTalk.messages;
			expect(message.msgtype).toBe('markdown');
			expect(message.title).toBe('Amazon 结算周期');
			const lines = message.text.split('\n').filter((line) => line.startsWith('- '));
			expect(lines).toHaveLength(5);
			latest.forEach((group, index) => {
				const closed = group.endAt <= startedAt;
				expect(lines[index]).toContain(new Date(group.startAt).toISOString().slice(0, 10));
				// Open periods show their running balance, which this check does not recompute.
				if (closed) expect(lines[index]).toContain(`**${totalText(group)} ${group.currency}**`);
				else expect(lines[index]).toContain('(Open)');
			});
			expect(ranNodes(run)).toContain('Sent');
			expect(ranNodes(run)).not.toContain('DingTalk refused the message');
		},
	},
	'daily-refunds-flagship.json': {
		does: 'flagship: refunds of every store of the one credential with return reasons → the anomalies the data calls for → signed DingTalk alert, and the last 24 hours as a CSV with BOM',
		check(run, world) {
			const lines = refundLinesOfRun(world, run, world.seller);
			const refunds = outputOf(run, 'Refunds with return reasons');
			expect(refunds).toHaveLength(lines.length);
			expectAmountsAsNumbers(refunds, 'total');
			// no store named in the file: every store of the credential is read
			const stores = world.emulator.fixtures.sellers[world.seller].marketplaceIds;
			expect(new Set(refunds.map((refund) => refund.marketplaceId))).toEqual(new Set(lines.map((line) => line.event.marketplaceId)));
			expect(new Set(lines.map((line) => line.event.marketplaceId)).size).toBeGreaterThan(1);
			expect(refunds.every((refund) => stores.includes(String(refund.marketplaceId)))).toBe(true);
			// the node fetched the FBA returns report itself: FBA refunds carry Amazon's reason
			expect(refunds.some((refund) => refund.returnMatched === true && typeof refund.returnReasonDescription === 'string')).toBe(true);
			const anomalies = expectAnomaliesAndDingTalk(run, world, lines);
			for (const prefix of spikePrefixes(world.seller)) expect(String(anomalies.find((a) => String(a.group).startsWith(prefix))?.message)).toMatch(new RegExp(`^退款异常：SKU ${prefix}\\d{3}（Amazon\\.`));
			expect(ranNodes(run).includes('Alert sent')).toBe(anomalies.length > 0);

			const startedAt = new Date(run.startedAt).getTime();
			// "Last 24 hours" compares with n8n's clock when the Filter ran, a moment after the start
			const surely = lines.filter((line) => line.event.postedAt > startedAt - DAY_MS + MINUTE_MS).map(lineKey);
			const possibly = lines.filter((line) => line.event.postedAt > startedAt - DAY_MS - MINUTE_MS).map(lineKey);
			const folder = world.filesFolder;
			const files = fs.readdirSync(folder).filter((file) => /^amazon-refunds-\d{4}-\d{2}-\d{2}\.csv$/.test(file));
			if (possibly.length === 0) {
				// a day without refunds in these stores: nothing reaches Build CSV, no file is written
				expect(files).toEqual([]);
				return;
			}
			expect(files).toHaveLength(1);
			const bytes = fs.readFileSync(path.join(folder, files[0]));
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1)).filter((row) => row.length > 1);
			expect(header).toEqual(REFUND_CSV_COLUMNS.map(([name]) => name));
			const column = (field: string) => header.indexOf(REFUND_CSV_COLUMNS.find(([, f]) => f === field)![0]);
			const csvKeys = rows.map((row) => `${row[column('amazonOrderId')]}|${row[column('sellerSku')]}|${byValue(row[column('totalExact')])}`);
			// the CSV holds the exact text, with the currency's decimals
			for (const row of rows) expect(row[column('totalExact')]).toMatch(currencyDigits(row[column('currency')]) === 0 ? /^-?\d+$/ : /^-?\d+\.\d{2}$/);
			expect(missingFrom(csvKeys, surely)).toEqual([]);
			expect(missingFrom(possibly, csvKeys)).toEqual([]);
			// the product problem of the last hours came back as defective: Amazon's reason in Chinese
			if (spikePrefixes(world.seller).length) expect(bytes.toString('utf8')).toContain('有缺陷/无法正常使用');
		},
	},

	'refund-spike-alerts.json': {
		does: 'finds the refund spikes in the stores of the credential the data calls for, posts them signed to DingTalk and to Slack',
		check(run, world) {
			const lines = refundLinesOfRun(world, run, world.seller);
			const anomalies = expectAnomaliesAndDingTalk(run, world, lines);
			if (anomalies.length === 0) {
				expect(world.slack.messages).toEqual([]);
				return;
			}
			expect(world.slack.messages).toHaveLength(1);
			const [message] = world.slack.messages;
			expect(message.channel).toBe('#amazon-alerts');
			const [title, ...bullets] = message.text.split('\n');
			expect(title).toBe(`*Amazon refund alerts* (${anomalies.length})`);
			expect(bullets).toHaveLength(anomalies.length);
			anomalies.forEach((anomaly, index) => {
				expect(bullets[index]).toContain(`${String(anomaly.refundCount)} refunds`);
				expect(bullets[index]).toContain(`${String(anomaly.refundedAmountExact)} ${String(anomaly.currency)}`);
			});
			expect(ranNodes(run)).toContain('Sent');
		},
	},

	'daily-refunds-to-google-sheets.json': {
		does: 'appends yesterday’s refunds of every store of the credential to the Google Sheet (token renewed through Google OAuth), one exact row each',
		check(run, world) {
			const lines = refundLinesOfRun(world, run, world.seller);
			if (lines.length === 0) {
				// no refund yesterday in these stores: nothing to append
				expect(world.sheets.rows('Refunds')).toEqual([REFUNDS_SHEET_HEADER]);
				return;
			}
			// n8n's stored access token had expired: Google refused it once, n8n renewed it with the refresh token
			expect(world.sheets.unauthorized.length).toBeGreaterThan(0);
			expect(world.googleOAuth.grants.filter((grant) => grant.accepted).length).toBeGreaterThan(0);
			expect(world.googleOAuth.grants.every((grant) => grant.request.host === 'oauth2.googleapis.com')).toBe(true);
			const [header, ...rows] = world.sheets.rows('Refunds');
			expect(header).toEqual(REFUNDS_SHEET_HEADER);
			expect(rows).toHaveLength(lines.length);
			const at = (name: string) => REFUNDS_SHEET_HEADER.indexOf(name);
			expectAmountsAsNumbers(outputOf(run, 'Yesterday’s refunds'), 'total');
			// amounts reach the sheet as numbers (it sums them in any locale), not as text
			for (const name of ['Principal', 'Tax', 'Shipping', 'Fees', 'Total']) expect([name, rows.every((row) => typeof row[at(name)] === 'number')]).toEqual([name, true]);
			const sheetKeys = rows.map((row) => `${String(row[at('Order ID')])}|${String(row[at('SKU')])}|${byValue(row[at('Total')])}`);
			expect(missingFrom(sheetKeys, lines.map(lineKey))).toEqual([]);
			const stores = new Set(lines.map((line) => line.event.marketplaceId));
			expect(new Set(rows.map((row) => row[at('Marketplace')])).size).toBe(stores.size);
			for (const row of rows) {
				expect(String(row[at('Marketplace')])).toMatch(/^Amazon\./);
				expect(String(row[at('Refund key')])).toMatch(/^refund:/);
			}
			expect(world.sheets.writes.filter((write) => write.method === 'append' || write.method === 'update').length).toBeGreaterThan(0);
		},
	},

	'reimbursements-report-to-erp.json': {
		does: 'requests the FBA reimbursements report of the last 30 days for every store of the credential and posts all of their rows to the ERP in one request',
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const seller = world.emulator.fixtures.sellers[world.seller];
			const reports = world.emulator.control.reports.reports(world.seller).filter((r) => r.reportType === 'GET_FBA_REIMBURSEMENTS_DATA' && r.createdAt >= startedAt - 1000);
			// one report per store, each for that store only
			expect(reports.map((report) => report.marketplaceIds.join(',')).sort()).toEqual([...seller.marketplaceIds].sort());
			const expectedRows = reports.flatMap((report) => {
				expect((report.createdAt - (report.dataStartTime ?? 0)) / DAY_MS).toBeCloseTo(30, 1);
				return reimbursementEvents(world.emulator.control.state.dataFor(world.seller))
					.filter((event) => report.marketplaceIds.includes(event.marketplaceId) && event.postedAt >= report.dataStartTime! && event.postedAt <= (report.dataEndTime ?? report.createdAt) && event.postedAt <= report.createdAt && event.visibleAt <= report.createdAt)
					.flatMap((event) => event.items.map((item) => `${reimbursementId(event)}|${item.sellerSku}|${minorToDecimalText(item.totalMinor, currencyDigits(event.currency))}`));
			});
			expect(expectedRows.length).toBeGreaterThan(0);
			expect(world.erpReports.received).toHaveLength(1);
			const [{ body, request }] = world.erpReports.received as Array<{ body: { source: string; reportType: string; marketplaces: string[]; rowCount: number; rows: IDataObject[] }; request: { host: string } }>;
			expect(request.host).toBe('erp.example.com');
			expect(body).toMatchObject({ source: 'amazon-sp-api', reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaces: storeCountries(run, 'Your stores'), rowCount: expectedRows.length });
			expect(body.marketplaces).toHaveLength(seller.marketplaceIds.length);
			expect(body.rows.map((row) => `${String(row['reimbursement-id'])}|${String(row.sku)}|${String(row['amount-total'])}`).sort()).toEqual(expectedRows.sort());
			// typed values: quantities as numbers, money as exact text
			expect(body.rows.every((row) => typeof row['quantity-reimbursed-total'] === 'number' && typeof row['amount-total'] === 'string')).toBe(true);
		},
	},

	'seller-wallet-balance-check.json': {
		does: 'posts every Seller Wallet account’s balances to Slack (asked for the credential’s first store), exact, with a ⚠ where available is below the limit',
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const store = walletStore(world.emulator.control.state);
			const seller = world.emulator.fixtures.sellers[world.seller];
			const accounts = store.walletOf(world.seller).accounts;
			expect(accounts.length).toBeGreaterThan(0);
			expect(world.slack.messages).toHaveLength(1);
			const [title, ...lines] = world.slack.messages[0].text.split('\n');
			expect(title).toMatch(new RegExp(`^\\*Amazon Seller Wallet\\* \\(${accounts.length} accounts`));
			expect(lines).toHaveLength(accounts.length);
			const LOW_MINOR: Record<string, number> = { EUR: 100_000, GBP: 100_000, USD: 100_000, CNY: 500_000 };
			for (const account of accounts) {
				const balances = store.balancesAt(seller.sellerId, account.accountId, startedAt);
				const digits = currencyDigits(account.currency);
				const line = lines.find((text) => text.includes(`${account.currency} account …${account.accountId.slice(-4)}:`));
				expect(line).toBeDefined();
				expect(line).toContain(`available ${minorToDecimalText(balances.available, digits)} ${account.currency}`);
				expect(line).toContain(`total ${minorToDecimalText(balances.total, digits)}`);
				const low = LOW_MINOR[account.currency] !== undefined && balances.available < LOW_MINOR[account.currency];
				expect([account.currency, line!.startsWith('⚠ ')]).toEqual([account.currency, low]);
			}
		},
	},

	'weekly-settlement-reconciliation.json': {
		does: 'reconciles the latest settlement of each currency of the credential’s stores with the financial events and e-mails the difference put into one settlement report',
		prepare(world) {
			// a one-cent difference in the latest settlement of the first currency that has a refund line
			const now = world.emulator.control.now().getTime();
			const isRefundPrice = (line: { transactionType: string; amountType: string }) => line.transactionType === 'Refund' && line.amountType === 'ItemPrice';
			const currency = currenciesOf(world).find((candidate) => settlementLines(latestPublishedGroup(world, candidate, now)).some(isRefundPrice));
			// no refund in any latest settlement (a small seller): nothing to alter, everything must match
			if (!currency) return;
			const group = latestPublishedGroup(world, currency, now);
			world.emulator.control.reports.editSettlementLines(world.seller, group.groupId, (lines) => {
				const index = lines.findIndex(isRefundPrice);
				alteredRefund = { orderId: lines[index].orderId, settlementId: group.settlementId, currency };
				return lines.map((line, i) => (i === index ? { ...line, minor: line.minor - 1 } : line));
			});
		},
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const altered = alteredRefund;
			// in the order of the stores Amazon listed, one per currency (what "One store per currency" kept)
			const currencies = [...new Set(outputOf(run, 'Your stores').map((store) => String(store.currency)))];
			expect([...currencies].sort()).toEqual([...currenciesOf(world)].sort());
			const settlementIds = currencies.map((currency) => latestPublishedGroup(world, currency, startedAt).settlementId);
			// once per currency of the credential's stores (Loop Over Items)
			const rows = outputOfEveryRun(run, 'Latest settlement');
			const summaries = rows.filter((row) => row.recordType === 'summary');
			expect(summaries.map((summary) => summary.settlementId)).toEqual(settlementIds);
			expect(summaries.map((summary) => summary.allMatched)).toEqual(currencies.map((currency) => currency !== altered?.currency));
			const differences = rows.filter((row) => row.recordType === 'refund');
			const oneCent = altered && currencyDigits(altered.currency) === 0 ? '-1' : '-0.01';
			expect(differences).toEqual(altered ? [expect.objectContaining({ status: 'amountDiffers', amazonOrderId: altered.orderId, differenceExact: oneCent, currency: altered.currency })] : []);
			if (altered) expectAmountsAsNumbers(differences, 'difference');
			expectAmountsAsNumbers(summaries, 'difference');

			expect(world.smtp.refusedLogins).toEqual([]);
			expect(world.smtp.messages).toHaveLength(1);
			const [mail] = world.smtp.messages;
			expect(mail.to).toEqual(['finance@your-company.example']);
			expect(mail.from).toBe('amazon-bot@your-company.example');
			const settlements = settlementIds.map((id, i) => `${id} (${currencies[i]})`).join(', ');
			for (const summary of summaries) expect(mail.html).toContain(String(summary.message));
			if (!altered) {
				expect(mail.subject).toBe(`Amazon 结算核对 / settlement reconciliation: ${settlements} — 全部一致 / all matched`);
				expect(mail.html).toContain('全部一致 / everything matched.');
				return;
			}
			expect(mail.subject).toBe(`⚠ Amazon 结算核对 / settlement reconciliation: ${settlements} — 1 笔差异 / differences`);
			expect(mail.html).toContain(altered.orderId);
			expect(mail.html).toContain('金额不同 / amount differs');
			// the exact text, as the reconciliation compared it
			expect(mail.html).toContain(`<td style="padding:4px 8px;border:1px solid #ccc">${String(differences[0].differenceExact)}</td>`);
		},
		cleanup(world) {
			if (alteredRefund) world.emulator.control.reports.editSettlementLines(world.seller, alteredRefund.settlementId, undefined);
			alteredRefund = undefined;
		},
	},

	'vendor-shortage-watch.json': {
		does: 'vendor Shortage Watch: the PO lines at risk the emulator data calls for → one signed DingTalk message and one Google Sheet row per line, values exact',
		check(run, world) {
			const [summary, ...items] = outputOf(run, 'Shortage Watch');
			expect(summary.finding).toBe('summary');
			const endedAt = Date.parse(String(summary.periodEnd));
			const lines = linesOfPeriod(world.emulator, endedAt - 60 * DAY_MS, endedAt, endedAt);
			const atRisk = shortagesOf(world.emulator, lines, 30, endedAt).filter((shortage) => shortage.atRisk);
			expect(atRisk.length).toBeGreaterThan(0);
			expect(summary).toMatchObject({ atRiskLines: atRisk.length, valueAtRisk: totalsPerCurrency(atRisk.map((shortage) => shortage.missingValue)), disputeWindowDays: 30 });
			const shortages = items.filter((item) => item.finding === 'shortage');
			expect(shortages.map((item) => `${String(item.purchaseOrderNumber)}|${String(item.itemSequenceNumber)}`).sort()).toEqual(atRisk.map((shortage) => shortage.key).sort());

			expect(world.dingTalk.rejected).toEqual([]);
			expect(world.dingTalk.messages).toHaveLength(1);
			const [message] = world.dingTalk.messages;
			expect(message.msgtype).toBe('markdown');
			expect(message.title).toBe(`亚马逊缺货预警：${atRisk.length} 行有风险`);
			expect(message.text).toContain(String(summary.message));
			expect(message.text.split('\n').filter((line) => line.startsWith('- '))).toEqual(items.map((item) => `- ${String(item.message)}`));
			expect(ranNodes(run)).toContain('Sent');

			const [header, ...rows] = world.sheets.rows(SHORTAGES_SHEET);
			expect(header).toEqual(SHORTAGES_SHEET_HEADER);
			expect(rows).toHaveLength(atRisk.length);
			const at = (name: string) => SHORTAGES_SHEET_HEADER.indexOf(name);
			for (const shortage of atRisk) {
				const row = rows.find((candidate) => `${String(candidate[at('PO')])}|${String(candidate[at('Line')])}` === shortage.key);
				expect(row).toBeDefined();
				expect([String(row![at('Missing')]), String(row![at('Value')]), String(row![at('Currency')]), String(row![at('Dispute by')])]).toEqual([
					String(shortage.missingUnits),
					shortage.missingValue.amount,
					shortage.missingValue.currency,
					new Date(shortage.deadlineMs).toISOString(),
				]);
			}
		},
	},

	[NOTIFICATION_EXAMPLE]: {
		does: 'active under n8n start: one Slack message per refund Amazon announces through SQS (test in examples.e2e.ts)',
		check() {
			throw new Error('runs as its own test in examples.e2e.ts: Amazon starts this workflow, not n8n execute');
		},
	},

	[SETTLEMENT_NOTIFICATION_EXAMPLE]: {
		does: 'active under n8n start: each settlement report Amazon announces reaches the ERP as one exact JSON document (test in examples.e2e.ts)',
		check() {
			throw new Error('runs as its own test in examples.e2e.ts: Amazon starts this workflow, not n8n execute');
		},
	},

	// the playbooks (tax reports, account health, refund approval, return reminders): playbookChecks.ts
	...PLAYBOOK_CHECKS,
};
