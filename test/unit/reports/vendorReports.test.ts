/**
 * The vendor JSON reports (sales, traffic, inventory, net pure product margin, forecasting, real-time
 * sales/inventory/traffic) read with their schemas from schemas/reports: Amazon's own example document of
 * each schema becomes one flat row per element, money exact with its currency, nothing dropped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSON_REPORT_SHAPES } from '../../../nodes/sp-api/generated/jsonReportShapes.generated';
import { parseReportRows, type ReportRow } from '../../../nodes/sp-api/reports';
import { findReportType } from '../../../nodes/sp-api/reports/reportTypes';
import { requireModelsDir } from '../../helpers/models';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../../scripts/generate-json-report-shapes.js') as { generate(dir: string): string; OUTPUT: string; SCHEMA_FILES: string[] };

const modelsDir = requireModelsDir('the vendor report schemas');

async function rowsOf(document: unknown, reportType: string, chunkSize = 97, onMalformed: 'flag' | 'error' = 'flag'): Promise<ReportRow[]> {
	const text = JSON.stringify(document, null, 1);
	async function* chunks() {
		for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
	}
	const rows: ReportRow[] = [];
	for await (const row of parseReportRows({ text: chunks() }, { reportType, onMalformed })) rows.push(row);
	return rows;
}

type Json = Record<string, unknown>;

describe('vendor JSON reports', () => {
	it('are known report types (JSON, role named) with a shape for each', () => {
		for (const type of Object.keys(JSON_REPORT_SHAPES)) {
			expect(findReportType(type)).toMatchObject({ category: 'Vendor (1P)', format: 'json', roles: 'Brand Analytics', requestable: true });
		}
		expect(Object.keys(JSON_REPORT_SHAPES).sort()).toEqual(
			[
				'GET_VENDOR_FORECASTING_REPORT',
				'GET_VENDOR_INVENTORY_REPORT',
				'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT',
				'GET_VENDOR_REAL_TIME_INVENTORY_REPORT',
				'GET_VENDOR_REAL_TIME_SALES_REPORT',
				'GET_VENDOR_REAL_TIME_TRAFFIC_REPORT',
				'GET_VENDOR_SALES_REPORT',
				'GET_VENDOR_TRAFFIC_REPORT',
			].sort(),
		);
	});

	(modelsDir ? describe : describe.skip)('with the schemas', () => {
		it('the generated shapes are what the schemas say', () => {
			expect(fs.readFileSync(generator.OUTPUT, 'utf8')).toBe(generator.generate(modelsDir!));
		});

		const examples = generator.SCHEMA_FILES.flatMap((file) => {
			const schema = JSON.parse(fs.readFileSync(path.join(modelsDir ?? '', 'schemas', 'reports', file), 'utf8')) as { examples?: Json[]; properties: { reportSpecification: { properties: { reportType: { enum: string[] } } } } };
			return (schema.examples ?? []).map((example, index) => [`${file} example ${index + 1}`, schema.properties.reportSpecification.properties.reportType.enum[0], example] as const);
		});

		it('has Amazon examples for most reports', () => {
			expect(examples.length).toBeGreaterThanOrEqual(6);
		});

		it.each(examples)('%s: one flat row per element, money as exact text with its currency', async (_name, reportType, example) => {
			const rows = await rowsOf(example, reportType);
			const shape = JSON_REPORT_SHAPES[reportType];
			expect(rows.filter((row) => row.problem)).toEqual([]);
			const spec = rows.find((row) => row.section === 'reportSpecification')!;
			const options = ((example.reportSpecification as Json).reportOptions ?? {}) as Json;
			expect(spec.values).toMatchObject({ reportType, marketplaceIds: ((example.reportSpecification as Json).marketplaceIds as string[]).join(','), ...options });
			expect(spec.values.reportOptions).toBeUndefined();
			for (const [section, { fields }] of Object.entries(shape.sections)) {
				const elements = (example[section] ?? []) as Json[];
				const sectionRows = rows.filter((row) => row.section === section);
				expect(sectionRows).toHaveLength(elements.length);
				elements.forEach((element, index) => {
					const row = sectionRows[index].values;
					for (const [name, value] of Object.entries(element)) {
						if (fields[name] === 'money') {
							const money = value as { amount: number; currencyCode: string };
							expect([name, row[name], row[`${name}Currency`]]).toEqual([name, money.amount.toFixed(money.currencyCode === 'JPY' ? 0 : 2), money.currencyCode]);
						} else if (fields[name] === 'specMoney') {
							expect([name, row[name], row[`${name}Currency`]]).toEqual([name, (value as number).toFixed(2), options.currencyCode]);
						} else {
							expect([name, row[name]]).toEqual([name, value]);
						}
					}
				});
			}
		});
	});

	it('keeps a row that lacks a field the schema says is always there, and flags it (or stops, when asked)', async () => {
		const document = {
			reportSpecification: { reportType: 'GET_VENDOR_SALES_REPORT', reportOptions: { reportPeriod: 'DAY' }, marketplaceIds: ['ATVPDKIKX0DER'] },
			salesAggregate: [],
			salesByAsin: [{ startDate: '2026-02-01', endDate: '2026-02-01', asin: 'B0TEST0001', shippedUnits: 3, shippedRevenue: { amount: 59.7, currencyCode: 'USD' } }],
		};
		const [, row] = await rowsOf(document, 'GET_VENDOR_SALES_REPORT');
		expect(row).toMatchObject({ section: 'salesByAsin', values: { asin: 'B0TEST0001', shippedRevenue: '59.70', shippedRevenueCurrency: 'USD' }, problem: expect.stringContaining('shippedCogs missing') });
		await expect(rowsOf(document, 'GET_VENDOR_SALES_REPORT', 50, 'error')).rejects.toThrow(/shippedCogs missing/);
	});

	it('gives the real-time sales revenue the currency the report names once', async () => {
		const document = {
			reportSpecification: { reportType: 'GET_VENDOR_REAL_TIME_SALES_REPORT', reportOptions: { currencyCode: 'JPY' }, dataStartTime: '2026-02-01T00:00:00Z', dataEndTime: '2026-02-01T02:00:00Z', marketplaceIds: ['A1VC38T7YXB528'] },
			reportData: [{ startTime: '2026-02-01T00:00:00Z', endTime: '2026-02-01T01:00:00Z', asin: 'B0TEST0002', orderedUnits: 2, orderedRevenue: 5960 }],
		};
		const rows = await rowsOf(document, 'GET_VENDOR_REAL_TIME_SALES_REPORT', 13);
		expect(rows[1].values).toEqual({ startTime: '2026-02-01T00:00:00Z', endTime: '2026-02-01T01:00:00Z', asin: 'B0TEST0002', orderedUnits: 2, orderedRevenue: '5960', orderedRevenueCurrency: 'JPY' });
	});
});
