/**
 * The Reports node's Tax Report → Get Month and Account Health → Get Metrics in n8n's engine against
 * the emulator: every store of the credential when no marketplace is chosen, the report each store has
 * (VAT transactions for Europe with a Restricted Data Token, the US sales tax report found in the Tax
 * Document Library), exact amounts, and account health metrics judged against Amazon's targets or the
 * seller's thresholds.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import { BREACHES } from '../emulator/reports/content/accountHealth';
import { salesTaxComponents, taxLines } from '../emulator/reports/content/tax';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow, spApiCredentialRef, type WorkflowResult } from '../harness/n8nHarness';
import { latestClosedTaxMonth } from '../../nodes/sp-api/reports/taxReports';

const START = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} };
const NODE = 'Reports';
const NOW = new Date('2025-03-15T12:00:00Z');
const FAST = { firstCheckSeconds: 0.05, timeoutMinutes: 1 };
const FEB_2025 = { start: Date.UTC(2025, 1, 1), end: Date.UTC(2025, 2, 1) - 1000 };

async function run(emulator: Emulator, seller: SellerFixtureKey, parameters: Record<string, unknown>): Promise<WorkflowResult> {
	return await runWorkflow({
		nodes: [START, { name: NODE, type: 'n8n-nodes-acorn.amazonSpApiReports', parameters: parameters as INodeParameters, credentials: spApiCredentialRef() }],
		connections: { Start: [NODE] },
		credentials: { amazonSpApi: { ...emulator.credentialsFor(seller) } as unknown as ICredentialDataDecryptedObject },
	});
}

function hintsOf(result: WorkflowResult): string[] {
	const task = result.run.data.resultData.runData[NODE]?.[0] as { hints?: Array<{ message: string }> } | undefined;
	return (task?.hints ?? []).map((hint) => hint.message);
}

const minor = (text: unknown) => BigInt(String(text).replace('.', ''));

/** "0.0132" → "1.32", "0.95" → "95", "0" → "0": the decimal point moved two places, by hand. */
function percentOf(fraction: string): string {
	const [whole, part = ''] = fraction.split('.');
	const digits = `${whole}${part.padEnd(2, '0')}`;
	const integer = digits.slice(0, whole.length + 2).replace(/^0+(?=\d)/, '');
	const rest = digits.slice(whole.length + 2).replace(/0+$/, '');
	return rest ? `${integer}.${rest}` : integer;
}

describe('Reports node: tax reports and account health', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, timeScale: 100, ordersPerDay: 8, reportProcessingMs: 300, tokenLifetimeSeconds: 30 * 86_400 });
	});
	afterAll(() => emulator.close());

	it('picks the latest month Amazon has finished: last month from the 3rd on, else the month before', () => {
		expect(latestClosedTaxMonth(Date.parse('2025-03-03T00:00:00Z')).month).toBe('2025-02');
		expect(latestClosedTaxMonth(Date.parse('2025-03-02T23:59:59Z')).month).toBe('2025-01');
		expect(latestClosedTaxMonth(Date.parse('2025-01-05T00:00:00Z'))).toMatchObject({ month: '2024-12', start: new Date('2024-12-01T00:00:00Z'), end: new Date('2024-12-31T23:59:59Z') });
	});

	it('Europe: one VAT transactions report for every store of the credential, downloaded with a Restricted Data Token, amounts exact', async () => {
		const before = emulator.control.requests().length;
		// (the node's "latest finished month" follows the real clock; the emulator's data is of March 2025)
		const result = await run(emulator, 'eu', { resource: 'taxReport', operation: 'getMonth', month: 'specific', specificMonth: '2025-02', options: FAST });
		expect(result.error(NODE)).toBeUndefined();
		const rows = result.output(NODE).map((item) => item.json);
		const seller = emulator.fixtures.sellers.eu;
		const created = emulator.control.reports.reports('eu').find((report) => report.reportType === 'GET_VAT_TRANSACTION_DATA')!;
		expect(created.marketplaceIds.sort()).toEqual([...seller.marketplaceIds].sort());
		expect([created.dataStartTime, created.dataEndTime]).toEqual([FEB_2025.start, FEB_2025.end]);
		const truth = taxLines(emulator.control.state.dataFor('eu'), seller.marketplaceIds, FEB_2025.start, FEB_2025.end, created.createdAt);
		expect(rows).toHaveLength(truth.length);
		for (const currency of ['EUR', 'GBP']) {
			const mine = rows.filter((row) => row.TRANSACTION_CURRENCY_CODE === currency);
			expect(mine.reduce((sum, row) => sum + minor(row.TOTAL_ACTIVITY_VALUE_VAT_AMT), 0n)).toBe(BigInt(truth.filter((l) => l.currency === currency).reduce((sum, l) => sum + l.totalTaxMinor, 0)));
		}
		expect(rows[0]).toMatchObject({ _taxMonth: '2025-02', _reportType: 'GET_VAT_TRANSACTION_DATA', QTY: expect.any(Number), TAX_CALCULATION_DATE: expect.stringMatching(/^2025-02-\d{2}$/) });
		expect(typeof rows[0].TOTAL_ACTIVITY_VALUE_AMT_VAT_INCL).toBe('string');
		const calls = emulator.control.requests().slice(before).map((entry) => entry.operation);
		expect(calls).toEqual(expect.arrayContaining(['getMarketplaceParticipations', 'createReport', 'createRestrictedDataToken', 'getReportDocument']));
		// the document address was asked for with the RDT, not the seller's access token
		const documentCall = emulator.control.requests().slice(before).find((entry) => entry.operation === 'getReportDocument')!;
		expect(documentCall.status).toBe(200);
		expect(documentCall.headers['x-amz-access-token']).toMatch(/^emulator-rdt-/);
	});

	it('North America: the US sales tax report the seller generated is found (never requested); Canada and Mexico are named as having none', async () => {
		const before = emulator.control.requests().length;
		const result = await run(emulator, 'na', { resource: 'taxReport', operation: 'getMonth', month: 'specific', specificMonth: '2025-02', options: FAST });
		expect(result.error(NODE)).toBeUndefined();
		const rows = result.output(NODE).map((item) => item.json);
		const report = emulator.control.reports.reports('na').find((r) => r.reportType === 'GET_FLAT_FILE_SALES_TAX_DATA' && r.dataStartTime === FEB_2025.start)!;
		const components = salesTaxComponents(taxLines(emulator.control.state.dataFor('na'), ['ATVPDKIKX0DER'], FEB_2025.start, FEB_2025.end, report.createdAt));
		expect(rows).toHaveLength(components.length);
		expect(rows.reduce((sum, row) => sum + minor(row.Tax_Amount), 0n)).toBe(BigInt(components.reduce((sum, c) => sum + c.taxMinor, 0)));
		expect(rows[0]).toMatchObject({ _taxMonth: '2025-02', _reportType: 'GET_FLAT_FILE_SALES_TAX_DATA', _reportId: report.reportId, Quantity: expect.any(Number) });
		expect(emulator.control.requests().slice(before).some((entry) => entry.operation === 'createReport')).toBe(false);
		expect(hintsOf(result)).toEqual(['Amazon offers no tax report through the API for CA, MX: those stores are left out.']);
	});

	it('says what to do when the seller has not generated the month’s sales tax report yet', async () => {
		const result = await run(emulator, 'na', { resource: 'taxReport', operation: 'getMonth', month: 'specific', specificMonth: '2024-10', marketplaceIds: ['US'], options: FAST });
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)).toEqual([]);
		expect(hintsOf(result)).toEqual(['No Sales Tax Report for 2024-10 yet (US): generate it in Seller Central → Reports → Tax Document Library, then run this again.']);
	});

	it('Account health: every store, one item per metric, alerts where the report is past Amazon’s target, Chinese messages', async () => {
		const result = await run(emulator, 'eu', { resource: 'accountHealth', operation: 'getMetrics', messageLanguage: 'zh', options: FAST });
		expect(result.error(NODE)).toBeUndefined();
		const items = result.output(NODE).map((item) => item.json);
		const seller = emulator.fixtures.sellers.eu;
		// 4 metrics, the order defect rate twice (FBA and seller-fulfilled)
		expect(items).toHaveLength(seller.marketplaceIds.length * 5);
		const alerts = items.filter((item) => item.status === 'alert');
		const breaches = Object.entries(BREACHES[seller.sellerId]).flatMap(([marketplaceId, metrics]) => Object.keys(metrics).map((metric) => `${marketplaceId}|${metric}`));
		expect(alerts.map((item) => `${String(item.marketplaceId)}|${String(item.metric)}`).sort()).toEqual(breaches.sort());
		const de = alerts.find((item) => item.countryCode === 'DE')!;
		expect(de).toMatchObject({ metric: 'orderDefectRate', fulfillmentType: 'mfn', target: '1', threshold: '1', thresholdSource: 'amazon', targetCondition: 'LESS_THAN', accountStatus: 'AT_RISK', marketplaceName: 'Amazon.de' });
		expect(String(de.message)).toBe(`账户健康警告（Amazon.de）：订单缺陷率（卖家自配送） ${String(de.value)}%，未达到亚马逊目标（亚马逊目标：低于 1%）。统计期 ${String(de.reportingDateFrom).slice(0, 10)} 至 ${String(de.reportingDateTo).slice(0, 10)}。`);
		const uk = alerts.find((item) => item.countryCode === 'UK')!;
		expect(uk).toMatchObject({ metric: 'validTrackingRate', target: '95', targetCondition: 'GREATER_THAN' });
		// exact: the percentage is the report's fraction with the point moved (0.0132 → "1.32"), no floating-point noise
		for (const item of items) expect(String(item.valueExact)).toBe(percentOf(String(item.rate)));
	});

	it('Account health: the seller’s thresholds replace Amazon’s targets, and "only past the threshold" leaves the rest out', async () => {
		const base = { resource: 'accountHealth', operation: 'getMetrics', marketplaceIds: ['US', 'CA'], outputMetrics: 'alerts', options: FAST };
		const amazon = (await run(emulator, 'na', base)).output(NODE).map((item) => item.json as IDataObject);
		expect(amazon.map((item) => `${String(item.countryCode)} ${String(item.metric)}`)).toEqual(['US lateShipmentRate']);
		expect(String(amazon[0].message)).toMatch(/^Account health alert \(Amazon\.com\): Late shipment rate is \d+\.\d+%, misses Amazon’s target \(Amazon’s target: under 4%\)\. Period \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\.$/);

		// a looser late shipment threshold clears the US; a 0 % order defect threshold flags every store's seller-fulfilled ODR with orders
		const yours = (await run(emulator, 'na', { ...base, thresholds: { lateShipmentRate: 5, orderDefectRate: 0 } })).output(NODE).map((item) => item.json as IDataObject);
		expect(yours.every((item) => item.metric === 'orderDefectRate' && item.thresholdSource === 'yours' && item.threshold === '0')).toBe(true);
		expect(yours.length).toBeGreaterThanOrEqual(2);
		expect(String(yours[0].message)).toContain('above your threshold of 0%');
	});
});
