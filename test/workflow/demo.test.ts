/**
 * `npm run demo`'s core (scripts/demo/flagship.ts) run for real: the flagship workflow file in n8n-core
 * against the emulator. Every number of the summary, the CSV and the alert is checked against the
 * emulator's own data (its refund events, its returns, its fulfilment channels), never against ACORN's
 * code; the anomaly rule is recomputed here from those records.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { refundsCsv, REFUND_CSV_COLUMNS, UTF8_BOM } from '../../scripts/demo/csv';
import { dingTalkAlertMessage } from '../../scripts/demo/dingTalkMessage';
import { DEMO_SELLERS, FLAGSHIP_FILE, inProcessPart, NODES, runFlagshipDemo, type DemoRun } from '../../scripts/demo/flagship';
import { DEMO_REFUND_SPIKES } from '../../scripts/demo/scenario';
import { parseDemoArguments } from '../../scripts/demo/main';
import { formatSummary } from '../../scripts/demo/summary';
import type { OrderFinanceEvent } from '../emulator/data/model';
import { currencyDigits } from '../emulator/money';
import { channelOf } from '../emulator/reports/content/channel';
import type { SellerFixtureKey } from '../emulator/types';
import { financesCall as firstFinancesCall, periodOf, refundLinesOf, skuSpikes, type RefundLineTruth } from '../e2e/emulatorTruth';
import type { WorkflowFileJson } from '../harness/n8nHarness';
import { minorToDecimalText } from '../e2e/runAssertions';
import { parseCsv } from '../helpers/csv';

const DAY = 86_400_000;
const flagship = JSON.parse(fs.readFileSync(FLAGSHIP_FILE, 'utf8')) as WorkflowFileJson;

type Line = RefundLineTruth;

function toMinor(amount: string, currency: string): number {
	const digits = currencyDigits(currency);
	const [whole, fraction = ''] = amount.replace('-', '').split('.');
	const value = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
	return amount.startsWith('-') ? -value : value;
}

describe('npm run demo: the flagship workflow against the emulator', () => {
	let demo: DemoRun;
	let outputDir: string;

	beforeAll(async () => {
		outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-demo-test-'));
		demo = await runFlagshipDemo({ outputDir });
	}, 180_000);

	afterAll(async () => {
		await demo?.close();
		fs.rmSync(outputDir, { recursive: true, force: true });
	});

	const financesCall = (seller: SellerFixtureKey) => firstFinancesCall(demo.emulator, seller);
	const refundLines = (seller: SellerFixtureKey): Line[] => refundLinesOf(demo.emulator, seller, financesCall(seller));

	const sellers = DEMO_SELLERS.map((entry) => entry.seller);
	const regionOf = (seller: SellerFixtureKey) => DEMO_SELLERS.find((entry) => entry.seller === seller)!.region;
	const runOf = (seller: SellerFixtureKey) => demo.runs.find((run) => run.seller === seller)!;
	const startOf = (seller: SellerFixtureKey) => Date.parse(demo.summary.regions.find((line) => line.region === regionOf(seller))!.startedAt);
	const allLines = (): Line[] => sellers.flatMap(refundLines);
	// each run keeps what the file's "Last 24 hours" Filter keeps: posted after its own start minus one day
	const lastDay = (): Line[] => sellers.flatMap((seller) => refundLines(seller).filter((line) => line.event.postedAt > startOf(seller) - DAY));

	it("runs the unedited file once per region with that seller's one credential, asking Amazon for the last 29 days of every store", () => {
		expect(demo.runs.map((run) => run.region)).toEqual(['NA', 'EU', 'FE']);
		for (const seller of sellers) {
			const call = financesCall(seller);
			expect(call.region).toBe(demo.emulator.fixtures.sellers[seller].region);
			const days = (Date.parse(call.query.PostedBefore) - Date.parse(call.query.PostedAfter)) / DAY;
			expect(days).toBeGreaterThan(28.99);
			expect(days).toBeLessThan(29.01);
			expect([regionOf(seller), demo.summary.regions.find((line) => line.region === regionOf(seller))?.refundsFetched]).toEqual([regionOf(seller), refundLines(seller).length]);
			// every store of the credential: the file names no marketplace
			const stores = new Set(demo.emulator.fixtures.sellers[seller].marketplaceIds);
			expect(runOf(seller).refunds.every((refund) => stores.has(String(refund.marketplaceId)))).toBe(true);
			expect(new Set(runOf(seller).refunds.map((refund) => refund.marketplaceId)).size).toBeGreaterThan(1);
			// the file's Refunds node is at 1.1 (what a new node gets): amounts as numbers, the exact text next to them
			const shapes = new Set(runOf(seller).refunds.map((refund) => `${typeof refund.total} ${typeof refund.totalExact}`));
			expect([seller, [...shapes]]).toEqual([seller, ['number string']]);
			for (const refund of runOf(seller).refunds) expect([refund.totalExact, refund.total]).toEqual([refund.totalExact, Number(refund.totalExact)]);
		}
		expect(demo.refunds).toHaveLength(allLines().length);
	});

	it('per marketplace and currency: refund count, units and total of the last 24 hours, exact', () => {
		const expected = new Map<string, { refunds: number; units: number; minor: number; currency: string }>();
		for (const line of lastDay()) {
			const key = `${line.event.marketplaceId}|${line.event.currency}`;
			const entry = expected.get(key) ?? { refunds: 0, units: 0, minor: 0, currency: line.event.currency };
			entry.refunds += 1;
			entry.units += line.quantity;
			entry.minor += line.totalMinor;
			expected.set(key, entry);
		}
		expect(demo.summary.marketplaces.length).toBeGreaterThanOrEqual(5);
		expect(new Map(demo.summary.marketplaces.map((line) => [`${line.marketplaceId}|${line.currency}`, { refunds: line.refunds, units: line.units, total: line.total }]))).toEqual(
			new Map([...expected].map(([key, entry]) => [key, { refunds: entry.refunds, units: entry.units, total: minorToDecimalText(entry.minor, currencyDigits(entry.currency)) }])),
		);
		for (const total of demo.summary.totals) {
			const minor = lastDay().filter((line) => line.event.currency === total.currency).reduce((sum, line) => sum + line.totalMinor, 0);
			expect([total.currency, total.total]).toEqual([total.currency, minorToDecimalText(minor, currencyDigits(total.currency))]);
		}
	});

	it('fetches the FBA returns report itself (one per store of the refunds): every FBA refund finds its return, seller-shipped ones do not', () => {
		for (const { seller, region } of DEMO_SELLERS) {
			const fba = refundLines(seller).filter((line) => channelOf(line.event.amazonOrderId) === 'AFN').length;
			expect([region, demo.summary.regions.find((line) => line.region === region)?.matched]).toEqual([region, fba]);
			const started = Date.parse(demo.summary.startedAt);
			const requested = demo.emulator.control.reports.reports(seller).filter((report) => report.createdAt >= started - 1000 && !report.reportScheduleId);
			const stores = new Set(refundLines(seller).map((line) => line.event.marketplaceId));
			expect(new Set(requested.map((report) => report.reportType))).toEqual(new Set(['GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA']));
			expect(requested.map((report) => report.marketplaceIds.join(',')).sort()).toEqual([...stores].sort());
			expect([region, demo.summary.regions.find((line) => line.region === region)?.returnsReports]).toEqual([region, stores.size]);
		}
		const spikeRows = demo.refunds.filter((refund) => String(refund.sellerSku).startsWith('EU-LAMP-') && refund.marketplaceId === 'A1PA6795UKMFR9' && refund.returnReason === 'DEFECTIVE');
		expect(spikeRows.length).toBeGreaterThanOrEqual(DEMO_REFUND_SPIKES[0].refunds);
		expect(spikeRows[0]).toMatchObject({ returnMatched: true, returnReasonDescription: 'Defective/Does not work properly', returnReasonTranslated: '有缺陷/无法正常使用' });
	});

	it("raises exactly the alerts the emulator data calls for (the rule recomputed here, per seller), and DingTalk gets each run's alert signed", () => {
		expect(demo.anomalies.length).toBeGreaterThan(0);
		const posting = demo.runs.filter((run) => run.anomalies.length > 0);
		for (const { seller, anomalies } of demo.runs) {
			// Detect looks at the day before it ran; a run that found nothing states no period, so the run's start stands in
			const period = anomalies.length ? periodOf(anomalies[0]) : { end: startOf(seller), start: startOf(seller) - DAY, baselineStart: startOf(seller) - 29 * DAY };
			expect(period.end - period.start).toBe(DAY);
			expect(period.start - period.baselineStart).toBe(28 * DAY);
			const { tripped } = skuSpikes(refundLines(seller), period);
			expect([seller, anomalies.map((anomaly) => `${anomaly.group}|${anomaly.currency}`).sort()]).toEqual([seller, tripped]);
		}
		const eu = runOf('eu');
		const period = periodOf(eu.anomalies[0]);
		const { groups } = skuSpikes(refundLines('eu'), period);
		const spikeSku = demo.emulator.control.state.dataFor('eu').events.find((event): event is OrderFinanceEvent => event.kind === 'Refund' && event.returnReason === 'DEFECTIVE')!.items[0].sellerSku;
		const lamp = eu.anomalies.find((anomaly) => anomaly.group === spikeSku && anomaly.currency === 'EUR');
		const truth = groups.get(`${spikeSku}|EUR`)!;
		expect(lamp).toMatchObject({ refundCount: truth.n, baselineCount: truth.b, refundedAmountExact: minorToDecimalText(truth.amount, 2) });
		// the example's nodes are at version 1.1: a number for sheets next to the exact text
		expect(lamp?.refundedAmount).toBe(Number(minorToDecimalText(truth.amount, 2)));
		expect(String(lamp?.message)).toMatch(/^退款异常：SKU EU-LAMP-\d{3}（Amazon\.de）在过去 1 天有 \d+ 笔退款/);

		expect(demo.summary.dingTalk.rejected).toEqual([]);
		expect(demo.summary.dingTalk.accepted).toHaveLength(posting.length);
		posting.forEach((run, index) => {
			const message = demo.summary.dingTalk.accepted[index];
			expect({ msgtype: message.msgtype, title: message.title, text: message.text }).toEqual({ msgtype: 'markdown', ...dingTalkAlertMessage(run.anomalies) });
			for (const anomaly of run.anomalies) expect(message.text).toContain(String(anomaly.message));
			expect(message.request.query.sign).toBeTruthy();
		});
	});

	it('writes the CSV: UTF-8 with BOM, one line per refund of the last 24 hours, totals exact', () => {
		const bytes = fs.readFileSync(demo.summary.files.csv);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8');
		expect(text.startsWith(UTF8_BOM)).toBe(true);
		const [header, ...rows] = parseCsv(text.slice(1));
		expect(header).toEqual(REFUND_CSV_COLUMNS.map(([name]) => name));
		expect(rows).toHaveLength(lastDay().length);
		expect(demo.summary.files.csvLines).toBe(rows.length + 1);
		const column = (name: string) => header.indexOf(REFUND_CSV_COLUMNS.find(([, field]) => field === name)![0]);
		const byCurrency = new Map<string, number>();
		// exact text with the currency's decimals ("-29.90", yen "-3278"): the …Exact fields, not the numbers
		for (const row of rows) expect([row[column('currency')], row[column('totalExact')]]).toEqual([row[column('currency')], expect.stringMatching(currencyDigits(row[column('currency')]) === 0 ? /^-?\d+$/ : /^-?\d+\.\d{2}$/)]);
		for (const row of rows) byCurrency.set(row[column('currency')], (byCurrency.get(row[column('currency')]) ?? 0) + toMinor(row[column('totalExact')], row[column('currency')]));
		for (const [currency, minor] of byCurrency) {
			expect([currency, minor]).toEqual([currency, lastDay().filter((line) => line.event.currency === currency).reduce((sum, line) => sum + line.totalMinor, 0)]);
		}
		expect(new Set(rows.map((row) => row[column('refundKey')])).size).toBe(rows.length);
		// Chinese reason texts survive the round trip
		expect(text).toContain('有缺陷/无法正常使用');
		expect(JSON.parse(fs.readFileSync(demo.summary.files.alerts, 'utf8'))).toEqual(demo.anomalies);
	});

	it('prints the summary in English and in Chinese with the same numbers', () => {
		const en = formatSummary(demo.summary, 'en');
		const zh = formatSummary(demo.summary, 'zh');
		for (const line of demo.summary.marketplaces) {
			for (const text of [en, zh]) expect(text).toContain(`${line.total} ${line.currency}`);
		}
		expect(en).toContain(`Refund alerts raised: ${demo.summary.alerts.length}`);
		expect(zh).toContain(`退款异常提醒：${demo.summary.alerts.length} 条`);
		expect(zh).toContain('钉钉机器人');
		expect(en).toContain(path.basename(demo.summary.files.csv));
	});
});

describe('the flagship file and the demo runner agree', () => {
	const codeOf = (name: string) => String(flagship.nodes.find((node) => node.name === name)?.parameters.jsCode);

	it('the in-process part is the trigger and the ACORN nodes: one Refunds node for every store of the one credential', () => {
		const part = inProcessPart(flagship);
		expect(new Set(part.nodes.map((node) => node.type))).toEqual(new Set(['n8n-nodes-base.manualTrigger', 'n8n-nodes-acorn.amazonSpApiRefunds']));
		// one node fetches refunds and returns of every store of the credential: no marketplace in the file
		const refunds = part.nodes.find((node) => node.name === NODES.refunds);
		expect(refunds?.parameters).toMatchObject({ operation: 'enrichWithReturnReasons', refundsFrom: 'fetch', returnsFrom: 'fetch' });
		expect(refunds?.parameters.marketplaceIds ?? []).toEqual([]);
		expect(part.connections[NODES.refunds].main[0]?.map((target) => target.node)).toEqual([NODES.detect]);
		expect(flagship.connections[NODES.refunds].main[0]?.map((target) => target.node)).toEqual([NODES.detect, 'Last 24 hours']);
		const credentialIds = new Set(part.nodes.flatMap((node) => Object.values(node.credentials ?? {}).map((ref) => ref.id)));
		expect(credentialIds).toEqual(new Set(['acornAmazonSpApi']));
	});

	// The Code nodes run in the real-n8n end-to-end test; here their JavaScript is run on the same items
	// as the runner's TypeScript, to show both give the same file and the same message.
	const refunds: IDataObject[] = [
		{ marketplaceName: 'Amazon.co.jp', postedDateLocal: '2025-03-15T09:00:00+09:00', postedDate: '2025-03-15T00:00:00Z', amazonOrderId: '249-1234567-1234567', sellerSku: 'FE-LAMP-1', quantity: 1, currency: 'JPY', principal: -2980, total: -3278, customerComments: 'サイズが合わない, "大きい"', returnReason: 'DEFECTIVE', returnReasonTranslated: '有缺陷/无法正常使用', principalExact: '-2980', totalExact: '-3278' },
		{ marketplaceName: 'Amazon.de', postedDate: '2025-03-15T01:00:00Z', currency: 'EUR', total: -29.9, customerComments: '=HYPERLINK("x")', refundKey: 'refund:1', totalExact: '-29.90' },
	];
	const inputOf = (items: IDataObject[]) => ({ all: () => items.map((json) => ({ json })) });

	it('"Build CSV" writes what the runner writes', () => {
		const code = codeOf('Build CSV');
		const run = new Function('$input', '$now', code) as (input: unknown, now: unknown) => Array<{ json: { csv: string; refunds: number; fileName: string } }>;
		const [out] = run(inputOf(refunds), { toFormat: () => '2025-03-15' });
		expect(out.json.csv).toBe(refundsCsv(refunds));
		expect(out.json).toMatchObject({ refunds: 2, fileName: 'amazon-refunds-2025-03-15.csv' });
		expect(out.json.csv).toContain(`"サイズが合わない, ""大きい"""`);
		expect(out.json.csv).toContain(`"'=HYPERLINK(""x"")"`);
		expect(out.json.csv).toContain(',-3278,');
		// the exact text with the currency's decimals, not the number a sheet would get
		expect(out.json.csv).toContain(',-29.90,');
		const toFile = flagship.nodes.find((node) => node.name === 'CSV file (UTF-8 with BOM)');
		// n8n keeps "Add Byte Order Mark" only next to an explicit UTF encoding (its display rule); without
		// "encoding" a real n8n drops the option and writes no BOM (seen in the e2e run)
		expect(toFile?.parameters).toMatchObject({ operation: 'toText', sourceProperty: 'csv', options: { encoding: 'utf8', addBOM: true } });
	});

	it('"Build DingTalk message" builds what the runner posts', () => {
		const run = new Function('$input', codeOf('Build DingTalk message')) as (input: unknown) => Array<{ json: IDataObject }>;
		const anomalies = [{ message: '退款异常：SKU A 在过去 1 天有 3 笔退款' }, { message: 'Refund alert: SKU B had 4 refunds' }];
		const [out] = run(inputOf(anomalies));
		expect({ title: out.json.title, text: out.json.text }).toEqual(dingTalkAlertMessage(anomalies));
		expect(out.json.alerts).toBe(2);
	});

	it('reads its options: Chinese summary, another output folder', () => {
		expect(parseDemoArguments([], '/repo')).toEqual({ language: 'en', outputDir: '/repo/demo-output', quiet: false });
		expect(parseDemoArguments(['--lang', 'zh', '--out=out'], '/repo')).toMatchObject({ language: 'zh', outputDir: '/repo/out' });
		expect(parseDemoArguments(['--lang=zh-CN'], '/repo').language).toBe('zh');
		expect(() => parseDemoArguments(['--lang', 'fr'])).toThrow(/en or zh/);
		expect(() => parseDemoArguments(['--bogus'])).toThrow(/unknown option/);
	});
});
