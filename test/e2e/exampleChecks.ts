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
import type { SellerFixtureKey } from '../emulator/types';
import { financesCall, periodOf, refundLinesOf, skuSpikes, type RefundLineTruth } from './emulatorTruth';
import { REFUNDS_SHEET_HEADER, type E2eWorld } from './world';
import { minorToDecimalText, outputOf, ranNodes } from './runAssertions';
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
	check(run: IRun, world: E2eWorld): void;
	/** Undoes `prepare`, also when the check failed. */
	cleanup?(world: E2eWorld): void;
}

const MINUTE_MS = 60_000;

/** Refund lines of the seller's first finances call of this run, as the emulator holds them. */
function refundLinesOfRun(world: E2eWorld, run: IRun, seller: SellerFixtureKey): RefundLineTruth[] {
	return refundLinesOf(world.emulator, seller, financesCall(world.emulator, seller, new Date(new Date(run.startedAt).getTime() - 1000).toISOString()));
}

const lineTotal = (line: RefundLineTruth) => minorToDecimalText(line.totalMinor, currencyDigits(line.event.currency));
const lineKey = (line: RefundLineTruth) => `${line.event.amazonOrderId}|${line.sku}|${lineTotal(line)}`;

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

/**
 * Detect Refund Anomalies (Group By SKU, factor 3, minimum 3) found exactly the groups the emulator's
 * refund lines call for, including the product problems put into the data, and DingTalk accepted one
 * signed message listing every finding.
 */
function expectAnomaliesAndDingTalk(run: IRun, world: E2eWorld, lines: readonly RefundLineTruth[], mustInclude: string[]): IDataObject[] {
	const anomalies = outputOf(run, 'Detect Refund Anomalies');
	expect(anomalies.length).toBeGreaterThan(0);
	const period = periodOf(anomalies[0]);
	expect(period.end - period.start).toBe(DAY_MS);
	const { tripped, groups } = skuSpikes(lines, period);
	expect(anomalies.map((anomaly) => `${anomaly.group}|${anomaly.currency}`).sort()).toEqual(tripped);
	for (const prefix of mustInclude) expect(tripped.some((key) => key.startsWith(prefix))).toBe(true);
	for (const anomaly of anomalies) {
		const truth = groups.get(`${String(anomaly.group)}|${String(anomaly.currency)}`)!;
		expect(anomaly).toMatchObject({ refundCount: truth.n, baselineCount: truth.b, refundedAmount: minorToDecimalText(truth.amount, currencyDigits(String(anomaly.currency))) });
	}
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

function groupsOf(world: E2eWorld, sellerKey: 'na', nowMs: number): FinancialEventGroupRecord[] {
	return world.emulator.control.state.dataFor(sellerKey).groups.filter((group) => group.startAt <= nowMs);
}

/** The closed settlement period of a currency whose report Amazon has published (30 minutes after the end), newest. */
function latestPublishedGroup(world: E2eWorld, currency: string, nowMs: number): FinancialEventGroupRecord {
	const group = world.emulator.control.state
		.dataFor('na')
		.groups.filter((candidate) => candidate.currency === currency && candidate.endAt + 30 * MINUTE_MS <= nowMs)
		.sort((a, b) => a.endAt - b.endAt)
		.at(-1);
	if (!group) throw new Error(`no published ${currency} settlement`);
	return group;
}

let alteredRefund: { orderId: string; settlementId: string } | undefined;

function totalText(group: FinancialEventGroupRecord): string {
	return minorToDecimalText(group.totalMinor, currencyDigits(group.currency));
}

export const EXAMPLE_CHECKS: Record<string, ExampleCheck> = {
	'marketplaces-to-slack.json': {
		does: 'posts the list of marketplaces of the seller account to Slack',
		check(run, world) {
			const seller = world.emulator.fixtures.sellers.na;
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
			expect(new Set(marketplaces.map((m) => m.countryCode))).toEqual(new Set(['US', 'CA', 'MX']));
		},
	},

	'settlements-to-erp.json': {
		does: 'sends every closed settlement period of the last 35 days to the ERP webhook, amounts exact',
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const expected = groupsOf(world, 'na', startedAt).filter(
				(group) => group.startAt >= startedAt - 35 * DAY_MS && group.endAt <= startedAt,
			);
			expect(expected.length).toBeGreaterThan(0);
			const open = groupsOf(world, 'na', startedAt).filter((group) => group.startAt >= startedAt - 35 * DAY_MS && group.endAt > startedAt);
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
			const newestFirst = groupsOf(world, 'na', startedAt).sort((a, b) => b.startAt - a.startAt || (a.currency < b.currency ? -1 : 1));
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
		does: 'flagship: refunds of NA, EU and FE with return reasons → the anomalies the data calls for → signed DingTalk alert, and the last 24 hours as a CSV with BOM',
		check(run, world) {
			const lines = (['na', 'eu', 'fe'] as const).flatMap((seller) => refundLinesOfRun(world, run, seller));
			expect(outputOf(run, 'All marketplaces')).toHaveLength(lines.length);
			for (const region of ['NA', 'EU', 'FE']) {
				const refunds = outputOf(run, `Refunds ${region}`);
				expect(refunds.length).toBeGreaterThan(0);
				// the node fetched the FBA returns report itself: FBA refunds carry Amazon's reason
				expect(refunds.some((refund) => refund.returnMatched === true && typeof refund.returnReasonDescription === 'string')).toBe(true);
			}
			const anomalies = expectAnomaliesAndDingTalk(run, world, lines, ['EU-LAMP-', 'NA-STOVE-']);
			expect(String(anomalies.find((a) => String(a.group).startsWith('EU-LAMP-'))?.message)).toMatch(/^退款异常：SKU EU-LAMP-\d{3}（Amazon\.de）/);
			expect(ranNodes(run)).toContain('Alert sent');

			const startedAt = new Date(run.startedAt).getTime();
			const folder = world.filesFolder;
			const files = fs.readdirSync(folder).filter((file) => /^amazon-refunds-\d{4}-\d{2}-\d{2}\.csv$/.test(file));
			expect(files).toHaveLength(1);
			const bytes = fs.readFileSync(path.join(folder, files[0]));
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1)).filter((row) => row.length > 1);
			expect(header).toEqual(REFUND_CSV_COLUMNS.map(([name]) => name));
			const column = (field: string) => header.indexOf(REFUND_CSV_COLUMNS.find(([, f]) => f === field)![0]);
			const csvKeys = rows.map((row) => `${row[column('amazonOrderId')]}|${row[column('sellerSku')]}|${row[column('total')]}`);
			// "Last 24 hours" compares with n8n's clock when the Filter ran, a moment after the start
			const surely = lines.filter((line) => line.event.postedAt > startedAt - DAY_MS + MINUTE_MS).map(lineKey);
			const possibly = lines.filter((line) => line.event.postedAt > startedAt - DAY_MS - MINUTE_MS).map(lineKey);
			expect(surely.length).toBeGreaterThan(0);
			expect(missingFrom(csvKeys, surely)).toEqual([]);
			expect(missingFrom(possibly, csvKeys)).toEqual([]);
			expect(bytes.toString('utf8')).toContain('有缺陷/无法正常使用');
		},
	},

	'refund-spike-alerts.json': {
		does: 'finds the refund spike in the US stores the data calls for, posts it signed to DingTalk and to Slack',
		check(run, world) {
			const lines = refundLinesOfRun(world, run, 'na');
			const anomalies = expectAnomaliesAndDingTalk(run, world, lines, ['NA-STOVE-']);
			expect(world.slack.messages).toHaveLength(1);
			const [message] = world.slack.messages;
			expect(message.channel).toBe('#amazon-alerts');
			const [title, ...bullets] = message.text.split('\n');
			expect(title).toBe(`*Amazon refund alerts* (${anomalies.length})`);
			expect(bullets).toHaveLength(anomalies.length);
			anomalies.forEach((anomaly, index) => {
				expect(bullets[index]).toContain(`${String(anomaly.refundCount)} refunds`);
				expect(bullets[index]).toContain(`${String(anomaly.refundedAmount)} ${String(anomaly.currency)}`);
			});
			expect(ranNodes(run)).toContain('Sent');
		},
	},

	'daily-refunds-to-google-sheets.json': {
		does: 'appends yesterday’s refunds of US, CA and MX to the Google Sheet (token renewed through Google OAuth), one exact row each',
		check(run, world) {
			const lines = refundLinesOfRun(world, run, 'na');
			expect(lines.length).toBeGreaterThan(0);
			// n8n's stored access token had expired: Google refused it once, n8n renewed it with the refresh token
			expect(world.sheets.unauthorized.length).toBeGreaterThan(0);
			expect(world.googleOAuth.grants.filter((grant) => grant.accepted).length).toBeGreaterThan(0);
			expect(world.googleOAuth.grants.every((grant) => grant.request.host === 'oauth2.googleapis.com')).toBe(true);
			const [header, ...rows] = world.sheets.rows('Refunds');
			expect(header).toEqual(REFUNDS_SHEET_HEADER);
			expect(rows).toHaveLength(lines.length);
			const at = (name: string) => REFUNDS_SHEET_HEADER.indexOf(name);
			const sheetKeys = rows.map((row) => `${String(row[at('Order ID')])}|${String(row[at('SKU')])}|${String(row[at('Total')])}`);
			expect(missingFrom(sheetKeys, lines.map(lineKey))).toEqual([]);
			for (const row of rows) {
				expect(['Amazon.com', 'Amazon.ca', 'Amazon.com.mx']).toContain(row[at('Marketplace')]);
				expect(String(row[at('Refund key')])).toMatch(/^refund:/);
			}
			expect(world.sheets.writes.filter((write) => write.method === 'append' || write.method === 'update').length).toBeGreaterThan(0);
		},
	},

	'reimbursements-report-to-erp.json': {
		does: 'requests the FBA reimbursements report of the last 30 days and posts all of its rows to the ERP in one request',
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const [report, ...more] = world.emulator.control.reports.reports('na').filter((r) => r.reportType === 'GET_FBA_REIMBURSEMENTS_DATA' && r.createdAt >= startedAt - 1000);
			expect(more).toEqual([]);
			expect(report.marketplaceIds).toEqual(['ATVPDKIKX0DER']);
			expect((report.createdAt - (report.dataStartTime ?? 0)) / DAY_MS).toBeCloseTo(30, 1);
			const expected = reimbursementEvents(world.emulator.control.state.dataFor('na')).filter(
				(event) => report.marketplaceIds.includes(event.marketplaceId) && event.postedAt >= report.dataStartTime! && event.postedAt <= (report.dataEndTime ?? report.createdAt) && event.postedAt <= report.createdAt && event.visibleAt <= report.createdAt,
			);
			const expectedRows = expected.flatMap((event) => event.items.map((item) => `${reimbursementId(event)}|${item.sellerSku}|${minorToDecimalText(item.totalMinor, currencyDigits(event.currency))}`));
			expect(expectedRows.length).toBeGreaterThan(0);
			expect(world.erpReports.received).toHaveLength(1);
			const [{ body, request }] = world.erpReports.received as Array<{ body: { source: string; reportType: string; rowCount: number; rows: IDataObject[] }; request: { host: string } }>;
			expect(request.host).toBe('erp.example.com');
			expect(body).toMatchObject({ source: 'amazon-sp-api', reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplace: 'US', rowCount: expectedRows.length });
			expect(body.rows.map((row) => `${String(row['reimbursement-id'])}|${String(row.sku)}|${String(row['amount-total'])}`).sort()).toEqual(expectedRows.sort());
			// typed values: quantities as numbers, money as exact text
			expect(body.rows.every((row) => typeof row['quantity-reimbursed-total'] === 'number' && typeof row['amount-total'] === 'string')).toBe(true);
		},
	},

	'seller-wallet-balance-check.json': {
		does: 'posts every Seller Wallet account’s balances to Slack, exact, with a ⚠ where available is below the limit',
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const store = walletStore(world.emulator.control.state);
			const seller = world.emulator.fixtures.sellers.eu;
			const accounts = store.walletOf('eu').accounts;
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
		does: 'reconciles the latest US, CA and MX settlements with the financial events and e-mails the difference put into the US settlement report',
		prepare(world) {
			const now = world.emulator.control.now().getTime();
			const group = latestPublishedGroup(world, 'USD', now);
			world.emulator.control.reports.editSettlementLines('na', group.groupId, (lines) => {
				const index = lines.findIndex((line) => line.transactionType === 'Refund' && line.amountType === 'ItemPrice');
				if (index < 0) throw new Error(`settlement ${group.settlementId} has no refund line to alter`);
				alteredRefund = { orderId: lines[index].orderId, settlementId: group.settlementId };
				return lines.map((line, i) => (i === index ? { ...line, minor: line.minor - 1 } : line));
			});
		},
		check(run, world) {
			const startedAt = new Date(run.startedAt).getTime();
			const altered = alteredRefund!;
			const settlementIds = ['USD', 'CAD', 'MXN'].map((currency) => latestPublishedGroup(world, currency, startedAt).settlementId);
			const summaries = ['US', 'CA', 'MX'].map((store) => outputOf(run, `Latest settlement ${store}`).at(-1)!);
			expect(summaries.map((summary) => summary.recordType)).toEqual(['summary', 'summary', 'summary']);
			expect(summaries.map((summary) => summary.settlementId)).toEqual(settlementIds);
			expect(summaries.map((summary) => summary.allMatched)).toEqual([false, true, true]);
			const differences = outputOf(run, 'Latest settlement US').filter((row) => row.recordType === 'refund');
			expect(differences).toEqual([expect.objectContaining({ status: 'amountDiffers', amazonOrderId: altered.orderId, difference: '-0.01', currency: 'USD' })]);

			expect(world.smtp.refusedLogins).toEqual([]);
			expect(world.smtp.messages).toHaveLength(1);
			const [mail] = world.smtp.messages;
			expect(mail.to).toEqual(['finance@your-company.example']);
			expect(mail.from).toBe('amazon-bot@your-company.example');
			expect(mail.subject).toBe(`⚠ Amazon 结算核对 / settlement reconciliation: ${settlementIds[0]} (USD), ${settlementIds[1]} (CAD), ${settlementIds[2]} (MXN) — 1 笔差异 / differences`);
			for (const summary of summaries) expect(mail.html).toContain(String(summary.message));
			expect(mail.html).toContain(altered.orderId);
			expect(mail.html).toContain('金额不同 / amount differs');
			expect(mail.html).toContain('<td style="padding:4px 8px;border:1px solid #ccc">-0.01</td>');
		},
		cleanup(world) {
			if (alteredRefund) world.emulator.control.reports.editSettlementLines('na', alteredRefund.settlementId, undefined);
			alteredRefund = undefined;
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
