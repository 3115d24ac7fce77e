/**
 * The emulator's tax and account health reports, checked with plain HTTP:
 * - GET_V2_SELLER_PERFORMANCE_REPORT: a JSON document in the shape of Amazon's schema
 *   (accountHealthReport-2020-11-18.json), with the stores the fixtures put outside a target.
 * - GET_VAT_TRANSACTION_DATA: a restricted report (getReportDocument only with a Restricted Data Token
 *   made for that document), FATAL before the 3rd of the month, lines that add up to the Finances data.
 * - GET_FLAT_FILE_SALES_TAX_DATA: cannot be requested; one per finished month found with getReports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCsv } from '../helpers/csv';
import { requireModelsDir } from '../helpers/models';
import { SchemaWalker, type JsonSchema } from '../helpers/notificationSchemas';
import { startEmulator } from './index';
import { currencyDigits } from './money';
import { AMAZON_TARGETS, BREACHES, accountHealthOf } from './reports/content/accountHealth';
import { salesTaxComponents, taxLines } from './reports/content/tax';
import { call, sellerToken } from './testSupport';
import { documentText, rawGet, reportsApi, tsvRows } from './testSupportReports';
import type { Emulator } from './types';

const NOW = '2026-03-10T12:00:00Z';
const FEB = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) - 1000 };

function minorOf(text: string): bigint {
	return BigInt(text.replace('.', ''));
}

/**
 * Every property of `value` is one the schema defines and every required one is there (recursively).
 * The schema names some properties only in `required` (ahrStatus, fulfillmentType): those count as defined.
 */
function schemaProblems(walker: SchemaWalker, schema: JsonSchema | undefined, value: unknown, at: string): string[] {
	const resolved = walker.resolve(schema);
	if (!resolved || value === null || typeof value !== 'object') return [];
	if (Array.isArray(value)) {
		const items = walker.resolve(Array.isArray(resolved.items) ? resolved.items[0] : resolved.items);
		return value.flatMap((entry, index) => schemaProblems(walker, items, entry, `${at}[${index}]`));
	}
	const properties = resolved.properties ?? {};
	const problems = (resolved.required ?? []).filter((name) => !(name in value)).map((name) => `${at}.${name} is required`);
	for (const [name, entry] of Object.entries(value)) {
		if (!(name in properties) && !(resolved.required ?? []).includes(name)) problems.push(`${at}.${name} is not in the schema`);
		else problems.push(...schemaProblems(walker, properties[name], entry, `${at}.${name}`));
	}
	return problems;
}

describe('account health, VAT and sales tax reports of the emulator', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, reportProcessingMs: 0, enforceRateLimits: false });
	});
	afterAll(async () => {
		await emulator.close();
	});

	async function finished(api: ReturnType<typeof reportsApi>, body: Record<string, unknown>) {
		const created = await api.create(body);
		expect(created.status).toBe(202);
		const report = await api.get(created.body.reportId as string);
		return report.body as { processingStatus: string; reportDocumentId?: string };
	}

	it('serves the seller performance report in the schema’s shape, with Amazon’s targets and the breached stores', async () => {
		const token = await sellerToken(emulator, 'eu');
		const api = reportsApi(emulator, 'EU', token);
		const seller = emulator.fixtures.sellers.eu;
		const report = await finished(api, { reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', marketplaceIds: seller.marketplaceIds });
		expect(report.processingStatus).toBe('DONE');
		const link = await api.document(report.reportDocumentId!);
		const download = await rawGet(link.body.url as string);
		const document = JSON.parse(documentText(download, 'utf-8')) as { accountStatuses: Array<{ marketplaceId: string; status: string }>; performanceMetrics: Array<Record<string, any>> };

		const models = requireModelsDir('the seller performance report against its schema');
		if (models) {
			const schema = JSON.parse(fs.readFileSync(path.join(models, 'schemas', 'reports', 'accountHealthReport-2020-11-18.json'), 'utf8')) as JsonSchema;
			expect(schemaProblems(new SchemaWalker(schema), schema, document, '$')).toEqual([]);
		}

		expect(document.performanceMetrics.map((entry) => entry.marketplaceId)).toEqual(seller.marketplaceIds);
		const de = document.performanceMetrics.find((entry) => entry.marketplaceId === 'A1PA6795UKMFR9')!;
		expect(de.orderDefectRate.mfn).toMatchObject({ status: 'BAD', targetValue: 0.01, targetCondition: 'LESS_THAN' });
		expect(de.orderDefectRate.mfn.rate).toBeGreaterThan(0.01);
		const uk = document.performanceMetrics.find((entry) => entry.marketplaceId === 'A1F83G8C2ARO7P')!;
		expect(uk.validTrackingRate).toMatchObject({ status: 'BAD', targetValue: 0.95, targetCondition: 'GREATER_THAN' });
		expect(uk.validTrackingRate.rate).toBeLessThan(0.95);
		// every other metric of every store is inside Amazon's target
		for (const entry of document.performanceMetrics) {
			const truth = accountHealthOf(seller.sellerId, entry.marketplaceId, Date.parse(NOW));
			expect(entry.lateShipmentRate.rate).toBe(truth.metrics.lateShipmentRate.rate);
			expect(entry.preFulfillmentCancellationRate.rate).toBe(truth.metrics.preFulfillmentCancellationRate.rate);
			const breached = Object.keys(BREACHES[seller.sellerId]?.[entry.marketplaceId] ?? {});
			expect(document.accountStatuses.find((status) => status.marketplaceId === entry.marketplaceId)?.status).toBe(breached.length ? 'AT_RISK' : 'NORMAL');
			expect(entry.lateShipmentRate.targetValue).toBe(AMAZON_TARGETS.lateShipmentRate.targetValue);
		}
	});

	it('refuses the VAT transactions document without a Restricted Data Token and serves it with one; the lines match the Finances data', async () => {
		const token = await sellerToken(emulator, 'eu');
		const api = reportsApi(emulator, 'EU', token);
		const seller = emulator.fixtures.sellers.eu;
		const report = await finished(api, { reportType: 'GET_VAT_TRANSACTION_DATA', marketplaceIds: seller.marketplaceIds, dataStartTime: new Date(FEB.start).toISOString(), dataEndTime: new Date(FEB.end).toISOString() });
		expect(report.processingStatus).toBe('DONE');
		const documentPath = `/reports/2021-06-30/documents/${report.reportDocumentId!}`;

		const plain = await api.document(report.reportDocumentId!);
		expect(plain.status).toBe(403);
		expect(plain.body.errors[0].code).toBe('Unauthorized');

		const generic = await call(emulator, '/tokens/2021-03-01/restrictedDataToken', { region: 'EU', token, method: 'POST', body: { restrictedResources: [{ method: 'GET', path: '/reports/2021-06-30/documents/{reportDocumentId}' }] } });
		expect(generic.status).toBe(400);

		const rdtAnswer = await call(emulator, '/tokens/2021-03-01/restrictedDataToken', { region: 'EU', token, method: 'POST', body: { restrictedResources: [{ method: 'GET', path: documentPath }] } });
		expect(rdtAnswer.status).toBe(200);
		expect(rdtAnswer.body.expiresIn).toBe(3600);
		const rdt = rdtAnswer.body.restrictedDataToken as string;
		// the RDT opens this document only
		expect((await reportsApi(emulator, 'EU', rdt).list({ reportTypes: 'GET_VAT_TRANSACTION_DATA' })).status).toBe(403);
		const link = await reportsApi(emulator, 'EU', rdt).document(report.reportDocumentId!);
		expect(link.status).toBe(200);

		const text = documentText(await rawGet(link.body.url as string), 'windows-1252');
		const [header, ...rows] = parseCsv(text).filter((row) => row.length > 1);
		const at = (name: string) => header.indexOf(name);
		const truth = taxLines(emulator.control.state.dataFor('eu'), seller.marketplaceIds, FEB.start, FEB.end, Date.parse(NOW));
		expect(rows).toHaveLength(truth.length);
		expect(truth.some((line) => line.transactionType === 'REFUND')).toBe(true);
		// a title with a comma or quotes stays one field
		expect(rows.every((row) => row.length === header.length)).toBe(true);
		for (const currency of ['EUR', 'GBP']) {
			const mine = rows.filter((row) => row[at('TRANSACTION_CURRENCY_CODE')] === currency);
			const lines = truth.filter((line) => line.currency === currency);
			expect(mine.reduce((total, row) => total + minorOf(row[at('TOTAL_ACTIVITY_VALUE_VAT_AMT')]), 0n)).toBe(BigInt(lines.reduce((total, line) => total + line.totalTaxMinor, 0)));
			expect(mine.reduce((total, row) => total + minorOf(row[at('TOTAL_ACTIVITY_VALUE_AMT_VAT_INCL')]), 0n)).toBe(BigInt(lines.reduce((total, line) => total + line.totalGrossMinor, 0)));
			expect(currencyDigits(currency)).toBe(2);
		}
		expect(new Set(rows.map((row) => row[at('ACTIVITY_PERIOD')]))).toEqual(new Set(['2026-FEB']));
	});

	it('ends a VAT transactions request made before the 3rd of the month with FATAL, as Amazon announced', async () => {
		const early = await startEmulator({ now: '2026-03-02T12:00:00Z', reportProcessingMs: 0, enforceRateLimits: false });
		try {
			const api = reportsApi(early, 'EU', await sellerToken(early, 'eu'));
			const report = await finished(api, { reportType: 'GET_VAT_TRANSACTION_DATA', marketplaceIds: ['A1PA6795UKMFR9'], dataStartTime: new Date(FEB.start).toISOString(), dataEndTime: new Date(FEB.end).toISOString() });
			expect(report.processingStatus).toBe('FATAL');
			const notInEurope = await finished(reportsApi(early, 'NA', await sellerToken(early, 'na')), { reportType: 'GET_VAT_TRANSACTION_DATA', marketplaceIds: ['ATVPDKIKX0DER'] });
			expect(notInEurope.processingStatus).toBe('FATAL');
		} finally {
			await early.close();
		}
	});

	it('refuses to create a Sales Tax Report and lists one per finished month (Tax Document Library), matching the US data', async () => {
		const token = await sellerToken(emulator, 'na');
		const api = reportsApi(emulator, 'NA', token);
		const refused = await api.create({ reportType: 'GET_FLAT_FILE_SALES_TAX_DATA', marketplaceIds: ['ATVPDKIKX0DER'] });
		expect(refused.status).toBe(400);
		expect(refused.body.errors[0].message).toMatch(/Tax Document Library/);

		const listed = await api.list({ reportTypes: 'GET_FLAT_FILE_SALES_TAX_DATA' });
		expect(listed.status).toBe(200);
		const reports = listed.body.reports as Array<{ createdTime: string; dataStartTime: string; dataEndTime: string; reportDocumentId: string; processingStatus: string; marketplaceIds: string[] }>;
		expect(reports.length).toBeGreaterThanOrEqual(2);
		const february = reports.find((report) => Date.parse(report.dataStartTime) === FEB.start)!;
		expect(february).toMatchObject({ processingStatus: 'DONE', marketplaceIds: ['ATVPDKIKX0DER'] });
		expect(Date.parse(february.dataEndTime)).toBe(FEB.end);

		const link = await api.document(february.reportDocumentId);
		expect(link.status).toBe(200);
		const rows = tsvRows(documentText(await rawGet(link.body.url as string), 'utf-8'));
		// the seller generated it on March 2nd: what Amazon had posted by then
		const lines = taxLines(emulator.control.state.dataFor('na'), ['ATVPDKIKX0DER'], FEB.start, FEB.end, Date.parse(february.createdTime));
		const components = salesTaxComponents(lines);
		expect(rows).toHaveLength(components.length);
		expect(rows.reduce((total, row) => total + minorOf(row.Tax_Amount), 0n)).toBe(BigInt(components.reduce((total, c) => total + c.taxMinor, 0)));
		expect(rows.every((row) => row.Tax_Collection_Model === 'MarketplaceFacilitator' && row.Currency === 'USD')).toBe(true);
	});
});
