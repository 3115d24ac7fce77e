/**
 * Filters applied while a report is read ("Only Rows Where", "Only These Columns"): what is kept,
 * what is never dropped, and how the node's option values become a filter.
 */
import { parseReportRowBatches, ReportError, type ReportRow, type RowOptions } from '../../../nodes/sp-api/reports';
import { downloadSettingsFrom, rowFilterFrom } from '../../../nodes/sp-api/n8n/reportOutput';
import { InputError } from '../../../nodes/sp-api/n8n/nodeErrors';

const SETTLEMENT = [
	'settlement-id\ttransaction-type\torder-id\tamount-type\tamount-description\tamount\tposted-date',
	'111\t\t\t\t\t\t',
	'111\tOrder\t302-1\tItemPrice\tPrincipal\t19.99\t14.03.2025',
	'111\tRefund\t302-2\tItemPrice\tPrincipal\t-9.99\t15.03.2025',
	'111\trefund \t302-2\tItemFees\tCommission\t1.50\t15.03.2025',
	'111\tRefund\t302-3\tPromotion\tPrincipal\t2.00\t16.03.2025\textra\tfields',
	'111\tChargeback Refund\t302-4\tItemPrice\tPrincipal\t-5.00\t17.03.2025',
	'',
].join('\n');

async function rows(text: string, options: RowOptions): Promise<ReportRow[]> {
	const out: ReportRow[] = [];
	async function* chunks(): AsyncGenerator<string> {
		// small chunks: rows cross chunk boundaries
		for (let at = 0; at < text.length; at += 37) yield text.slice(at, at + 37);
	}
	for await (const batch of parseReportRowBatches({ text: chunks() }, { format: 'tsv', ...options })) out.push(...batch);
	return out;
}

describe('stream filters', () => {
	it('keeps the rows whose column is one of the values (case and spaces ignored, column name loosely), and malformed rows always', async () => {
		const kept = await rows(SETTLEMENT, { filter: { where: [{ column: 'Transaction Type', values: ['REFUND'] }] } });
		expect(kept.map((row) => row.line)).toEqual([4, 5, 6]);
		expect(kept[2].problem).toMatch(/fields/);
	});

	it('"is none of", several conditions (all must hold) and only some columns, in the order asked', async () => {
		const kept = await rows(SETTLEMENT, {
			filter: {
				where: [
					{ column: 'transaction_type', values: ['Refund', 'Chargeback Refund'] },
					{ column: 'amount-type', values: ['ItemFees'], exclude: true },
				],
				columns: ['amount', 'order-id'],
			},
		});
		expect(kept.filter((row) => !row.problem).map((row) => row.values)).toEqual([
			{ amount: '-9.99', 'order-id': '302-2' },
			{ amount: '-5.00', 'order-id': '302-4' },
		]);
		expect(Object.keys(kept[0].values)).toEqual(['amount', 'order-id']);
	});

	it('typed values apply to the kept rows only, after the filter', async () => {
		const kept = await rows(SETTLEMENT, { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', typed: true, filter: { where: [{ column: 'order-id', values: ['302-1'] }] } });
		expect(kept.filter((row) => !row.problem)).toEqual([{ line: 3, values: expect.objectContaining({ 'posted-date': '2025-03-14', amount: '19.99' }) }]);
		// the malformed line is kept as Amazon wrote it (never typed, never filtered away)
		expect(kept.filter((row) => row.problem).map((row) => [row.line, row.values['posted-date']])).toEqual([[6, '16.03.2025']]);
	});

	it('a column the report does not have stops reading with the columns it has', async () => {
		const error = await rows(SETTLEMENT, { filter: { columns: ['order-id', 'amout'] } }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ReportError);
		expect((error as ReportError).message).toBe(
			'The report has no column "amout". Its columns are: settlement-id, transaction-type, order-id, amount-type, amount-description, amount, posted-date.',
		);
		expect((error as ReportError).kind).toBe('input');
	});

	it('in strict mode a malformed row still stops reading, filter or not', async () => {
		const error = await rows(SETTLEMENT, { onMalformed: 'error', filter: { where: [{ column: 'order-id', values: ['302-4'] }] } }).catch((e: unknown) => e);
		expect(error).toMatchObject({ kind: 'parse', line: 6 });
	});
});

describe('the node options become a filter', () => {
	it('conditions and columns from the fixed collection and the text field', () => {
		expect(
			rowFilterFrom({
				onlyRowsWhere: { condition: [{ column: ' transaction-type ', operator: 'isOneOf', values: 'Refund, Chargeback Refund,\n' }, { column: 'amount-type', operator: 'isNoneOf', values: 'Promotion' }] },
				onlyColumns: 'order-id, amount ,',
			}),
		).toEqual({
			where: [
				{ column: 'transaction-type', values: ['Refund', 'Chargeback Refund'], exclude: false },
				{ column: 'amount-type', values: ['Promotion'], exclude: true },
			],
			columns: ['order-id', 'amount'],
		});
		expect(rowFilterFrom({})).toBeUndefined();
		expect(downloadSettingsFrom({ options: { onlyColumns: 'sku' } }, undefined, undefined).rowOptions.filter).toEqual({ where: [], columns: ['sku'] });
	});

	it('an incomplete condition is refused before any call', () => {
		expect(() => rowFilterFrom({ onlyRowsWhere: { condition: [{ column: '', values: 'Refund' }] } })).toThrow(InputError);
		expect(() => rowFilterFrom({ onlyRowsWhere: { condition: [{ column: 'sku', values: ' , ' }] } })).toThrow(/condition on column "sku" in "Only Rows Where" has no values/);
	});
});
