/**
 * The pure parts of the Refunds node's returns and settlement operations: dates of the returns reports,
 * which requests are waiting and for how long, reading settlement lines (both flat-file layouts, European
 * number and date spellings), the two-pass reconciliation, XML return records with several items, and
 * the 60-day windows of the seller-fulfilled report.
 */
import { findMarketplace } from '../../nodes/sp-api/marketplaces';
import { money, sumMoney } from '../../nodes/sp-api/money';
import { toIsoDate, type ReportRow } from '../../nodes/sp-api/reports';
import { REFUND_PARTS, type RefundRecord } from '../../nodes/sp-api/finances/refunds';
import { awaitingRequests, isAwaitingStatus } from '../../nodes/AmazonSpApiRefunds/logic/awaiting';
import { planReturnReports } from '../../nodes/AmazonSpApiRefunds/logic/fetchReturns';
import { reconcileRefunds, totalsJson, totalsOf } from '../../nodes/AmazonSpApiRefunds/logic/reconcile';
import { readReturnDate, returnLinesOfRow, type ReturnLine } from '../../nodes/AmazonSpApiRefunds/logic/returnLines';
import { eventRefundEntries, SettlementReader, settlementKind, type ComparableKind } from '../../nodes/AmazonSpApiRefunds/logic/settlement';

const US = findMarketplace('US')!;
const JP = findMarketplace('JP')!;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ALL_KINDS = new Set<ComparableKind>(['refund', 'guaranteeClaim', 'chargeback']);

describe('report dates', () => {
	it('reads Amazon’s spellings, including European settlement dates with a time', () => {
		expect(toIsoDate('15.05.2021 19:33:11 UTC')).toBe('2021-05-15T19:33:11Z');
		expect(toIsoDate('5.1.2025 07:03:00 UTC')).toBe('2025-01-05T07:03:00Z');
		expect(toIsoDate('2025-02-03 05:23:19 UTC')).toBe('2025-02-03T05:23:19Z');
		expect(toIsoDate('10-Jul-2025')).toBe('2025-07-10');
		expect(toIsoDate('15.05.2021')).toBe('2021-05-15');
	});

	it('a day without a time counts from its earliest moment: UTC midnight in America, local midnight in Japan', () => {
		expect(readReturnDate('14-Mar-2025', US.timeZone)).toEqual({ iso: '2025-03-14', local: '2025-03-14', hasTime: false, earliestMs: Date.parse('2025-03-14T00:00:00Z') });
		expect(readReturnDate('14-Mar-2025', JP.timeZone)?.earliestMs).toBe(Date.parse('2025-03-13T15:00:00Z'));
		expect(readReturnDate('2025-03-14T10:00:00+00:00', JP.timeZone)).toEqual({
			iso: '2025-03-14T10:00:00Z',
			local: '2025-03-14T19:00:00+09:00',
			hasTime: true,
			earliestMs: Date.parse('2025-03-14T10:00:00Z'),
		});
		expect(readReturnDate('soon', US.timeZone)).toBeUndefined();
	});
});

function mfnLine(orderId: string, status: string, requestDate: string, marketplace = US): ReturnLine {
	const row: ReportRow = {
		line: 2,
		values: { 'Order ID': orderId, 'Return request date': requestDate, 'Return request status': status, 'Merchant SKU': 'SKU-1', 'Return quantity': '1', 'Return Reason': 'CR-DEFECTIVE' },
	};
	return returnLinesOfRow(row, { channel: 'MFN', reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', reportId: '1', marketplace })[0];
}

describe('returns awaiting action', () => {
	it('"waiting" is a status starting with Pending, or one the user adds', () => {
		for (const status of ['Pending', 'Pending Authorization', 'PENDING_AUTHORIZATION', 'pending-action']) expect(isAwaitingStatus(status)).toBe(true);
		for (const status of ['Approved', 'Closed', 'Authorized', '', undefined]) expect(isAwaitingStatus(status)).toBe(false);
		expect(isAwaitingStatus('Authorization required', ['authorization_required'])).toBe(true);
	});

	it('hours left from the request date, most urgent first; overdue ones first or left out', () => {
		const now = Date.parse('2025-03-15T12:00:00Z');
		const lines = [
			mfnLine('111-0000000-0000001', 'Pending', '2025-03-14T20:00:00Z'),
			mfnLine('111-0000000-0000002', 'Approved', '2025-03-14T01:00:00Z'),
			mfnLine('111-0000000-0000003', 'Pending', '2025-03-13T06:00:00Z'),
			mfnLine('111-0000000-0000004', 'Pending', '14-Mar-2025'),
		];
		const waiting = awaitingRequests(lines, { nowMs: now, windowHours: 48, includeOverdue: true, language: 'en' });
		expect(waiting.map((request) => [request.line.row!.amazonOrderId, request.msLeft / HOUR])).toEqual([
			['111-0000000-0000003', -6],
			['111-0000000-0000004', 12],
			['111-0000000-0000001', 32],
		]);
		expect(awaitingRequests(lines, { nowMs: now, windowHours: 48, includeOverdue: false, language: 'en' })).toHaveLength(2);
	});
});

describe('settlement lines', () => {
	it('knows the refund kinds by their transaction type', () => {
		expect(['Refund', 'Chargeback Refund', 'A-to-z Guarantee Claim', 'Order', 'other-transaction', 'Refund Retrocharge'].map(settlementKind)).toEqual([
			'refund',
			'chargeback',
			'guaranteeClaim',
			undefined,
			undefined,
			undefined,
		]);
	});

	const v2 = (fields: Record<string, string>, line: number): ReportRow => ({ line, values: { 'settlement-id': '123', currency: 'EUR', amount: '', 'total-amount': '', 'transaction-type': '', ...fields } });

	it('V2: the summary row, then refund amounts summed per refund and split into parts; European spellings', () => {
		const reader = new SettlementReader(ALL_KINDS);
		reader.add(v2({ 'settlement-start-date': '01.03.2025 10:00:00 UTC', 'settlement-end-date': '15.03.2025 10:00:00 UTC', 'total-amount': '1.234,56' }, 2));
		const refund = { 'transaction-type': 'Refund', 'order-id': '302-1234567-1234567', sku: 'TENT', 'posted-date-time': '05.03.2025 08:00:01 UTC', 'marketplace-name': 'Amazon.de', 'adjustment-id': '9' };
		reader.add(v2({ ...refund, 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '-89,99' }, 3));
		reader.add(v2({ ...refund, 'amount-type': 'ItemPrice', 'amount-description': 'Tax', amount: '-17,10' }, 4));
		reader.add(v2({ ...refund, 'amount-type': 'ItemFees', 'amount-description': 'Commission', amount: '13,50' }, 5));
		reader.add(v2({ ...refund, 'amount-type': 'ItemFees', 'amount-description': 'RefundCommission', amount: '-2,70' }, 6));
		reader.add(v2({ 'transaction-type': 'Order', 'order-id': '302-1234567-7654321', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '50,00' }, 7));
		expect(reader.summary).toEqual({
			settlementId: '123',
			currency: 'EUR',
			start: '2025-03-01T10:00:00Z',
			end: '2025-03-15T10:00:00Z',
			depositDate: undefined,
			total: money('1234.56', 'EUR'),
		});
		const [entry] = reader.refunds();
		expect(reader.refunds()).toHaveLength(1);
		expect(entry).toMatchObject({ kind: 'refund', amazonOrderId: '302-1234567-1234567', sellerSku: 'TENT', postedDate: '2025-03-05T08:00:01Z', postedHasTime: true, lines: 4, ids: ['9'] });
		expect(money(entry.total, 'EUR').amount).toBe('-96.29');
		expect(Object.fromEntries([...entry.parts].map(([part, value]) => [part, money(value, 'EUR').amount]))).toEqual({ principal: '-89.99', tax: '-17.10', fees: '10.80' });
		expect(() => reader.add(v2({ ...refund, 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: 'n/a' }, 8))).toThrow(/line 8/);
	});

	it('the older flat file: every amount column of a line counts, posting day only', () => {
		const reader = new SettlementReader(new Set<ComparableKind>(['refund']));
		const base = { 'settlement-id': '7', currency: 'USD', 'transaction-type': 'Refund', 'order-id': '111-1111111-1111111', sku: 'MUG', 'posted-date': '2025-03-05' };
		reader.add({ line: 2, values: { 'settlement-id': '7', currency: 'USD', 'total-amount': '10.00', 'transaction-type': '' } });
		reader.add({ line: 3, values: { ...base, 'price-type': 'Principal', 'price-amount': '-14.99', 'item-related-fee-type': 'Commission', 'item-related-fee-amount': '2.25' } });
		reader.add({ line: 4, values: { ...base, 'price-type': 'MarketplaceFacilitatorTax-Principal', 'price-amount': '1.20' } });
		reader.add({ line: 5, values: { ...base, 'transaction-type': 'Chargeback Refund', 'price-type': 'Principal', 'price-amount': '-5.00' } });
		const [entry] = reader.refunds();
		expect(reader.refunds()).toHaveLength(1);
		expect(entry).toMatchObject({ postedDate: '2025-03-05', postedHasTime: false, lines: 2 });
		expect(Object.fromEntries([...entry.parts].map(([part, value]) => [part, money(value, 'USD').amount]))).toEqual({ principal: '-14.99', fees: '2.25', taxWithheld: '1.20' });
	});
});

function record(orderId: string, sku: string, postedDate: string, parts: Partial<Record<(typeof REFUND_PARTS)[number], string>>, key: string): RefundRecord {
	const values = Object.fromEntries(REFUND_PARTS.map((part) => [part, money(parts[part] ?? '0', 'USD')]));
	return {
		...(values as Record<(typeof REFUND_PARTS)[number], ReturnType<typeof money>>),
		kind: 'refund',
		kindLabel: 'Refund',
		refundKey: key,
		amazonOrderId: orderId,
		sellerSku: sku,
		currency: 'USD',
		total: sumMoney(Object.values(values), 'USD'),
		feeBreakdown: {},
		otherChargeBreakdown: {},
		taxWithheldBreakdown: {},
		postedDate: postedDate,
		source: 'financialEvents',
		breakdownComplete: true,
	};
}

describe('reconciliation', () => {
	const settlementOf = (lines: [order: string, sku: string, posted: string, description: string, amount: string][]) => {
		const reader = new SettlementReader(ALL_KINDS);
		lines.forEach(([order, sku, posted, description, amount], index) =>
			reader.add({
				line: index + 3,
				values: { 'settlement-id': '1', currency: 'USD', 'transaction-type': 'Refund', 'order-id': order, sku, 'posted-date-time': posted, 'amount-type': description === 'Commission' ? 'ItemFees' : 'ItemPrice', 'amount-description': description, amount },
			}),
		);
		return reader.refunds();
	};

	it('matches on posting time, then on order and SKU; says which part differs; two refunds of one order stay apart', () => {
		const events = eventRefundEntries(
			[
				record('111-0000000-0000001', 'A', '2025-03-01T10:00:00Z', { principal: '-10.00', fees: '1.50' }, 'k1'),
				// refunded twice: two refunds, two settlement entries
				record('111-0000000-0000002', 'B', '2025-03-02T10:00:00Z', { principal: '-5.00' }, 'k2'),
				record('111-0000000-0000002', 'B', '2025-03-04T10:00:00Z', { principal: '-6.00' }, 'k3'),
				// posted a minute later in the settlement
				record('111-0000000-0000003', 'C', '2025-03-03T10:00:00Z', { principal: '-7.00' }, 'k4'),
				record('111-0000000-0000004', 'D', '2025-03-03T11:00:00Z', { principal: '-8.00' }, 'k5'),
			],
			ALL_KINDS,
		);
		const settlement = settlementOf([
			['111-0000000-0000001', 'A', '2025-03-01 10:00:00 UTC', 'Principal', '-10.00'],
			['111-0000000-0000001', 'A', '2025-03-01 10:00:00 UTC', 'Commission', '1.40'],
			['111-0000000-0000002', 'B', '2025-03-04 10:00:00 UTC', 'Principal', '-6.00'],
			['111-0000000-0000002', 'B', '2025-03-02 10:00:00 UTC', 'Principal', '-5.00'],
			['111-0000000-0000003', 'C', '2025-03-03 10:01:00 UTC', 'Principal', '-7.00'],
			['111-0000000-0000009', 'Z', '2025-03-05 10:00:00 UTC', 'Principal', '-1.00'],
		]);
		const rows = reconcileRefunds(events, settlement);
		expect(rows.map((row) => `${row.status}:${(row.events ?? row.settlement)!.amazonOrderId.slice(-1)}:${row.matchedOn ?? ''}`)).toEqual([
			'amountDiffers:1:postingTime',
			'missingInSettlement:4:',
			'missingInEvents:9:',
			'matched:2:postingTime',
			'matched:3:orderAndSku',
			'matched:2:postingTime',
		]);
		expect(totalsJson(totalsOf(rows))).toEqual([{ currency: 'USD', eventsRefundTotal: '-34.50', settlementRefundTotal: '-27.60', difference: '6.90', matchedRefundTotal: '-18.00' }]);
	});
});

describe('returns report rows', () => {
	it('an XML return request with two items gives two lines with the request’s date and status', () => {
		const row: ReportRow = {
			line: 5,
			element: 'return_details',
			values: {
				order_id: '111-2222222-3333333',
				return_request_date: '2025-03-14T10:00:00Z',
				return_request_status: 'Pending',
				label_details: { currency_code: 'USD', label_cost: '4.14' },
				item_details: [
					{ merchant_sku: 'A', asin: 'B0A', return_reason_code: 'CR-DEFECTIVE', return_quantity: '1', item_name: 'Lamp' },
					{ merchant_sku: 'B', asin: 'B0B', return_reason_code: 'CR-SWITCHEROO', return_quantity: '2', item_name: 'Mug' },
				],
			},
		};
		const lines = returnLinesOfRow(row, { channel: 'MFN', reportType: 'GET_XML_RETURNS_DATA_BY_RETURN_DATE', reportId: '9', marketplace: US });
		expect(lines.map((line) => [line.row!.sellerSku, line.row!.quantity, line.row!.reason, line.row!.status, line.date!.iso, line.productName])).toEqual([
			['A', 1, 'CR-DEFECTIVE', 'Pending', '2025-03-14T10:00:00Z', 'Lamp'],
			['B', 2, 'CR-SWITCHEROO', 'Pending', '2025-03-14T10:00:00Z', 'Mug'],
		]);
		expect(lines[1].raw).toMatchObject({ order_id: '111-2222222-3333333', item_details: [{ merchant_sku: 'B' }] });
		expect(lines.every((line) => line.row!.marketplaceId === US.id)).toBe(true);
	});

	it('a malformed row is kept with its problem, never dropped', () => {
		const [line] = returnLinesOfRow({ line: 7, values: { 'order-id': 'x' }, problem: 'line 7 has 14 fields but the header has 13', raw: 'a\tb' }, { channel: 'FBA', reportType: 'R', reportId: '1', marketplace: US });
		expect(line).toMatchObject({ problem: 'line 7 has 14 fields but the header has 13', raw: { _raw: 'a\tb' } });
		expect(line.row).toBeUndefined();
	});

	it('the seller-fulfilled report is requested in windows of at most 60 days that cover the period exactly', () => {
		const start = new Date('2025-01-01T00:00:00Z');
		const end = new Date(start.getTime() + 150 * DAY);
		const planned = planReturnReports({ reports: ['fba', 'mfn'], mfnLayout: 'flatFile', marketplaces: [US, JP], range: { start, end }, wait: { timeoutMs: 1 } });
		const mfn = planned.filter((plan) => plan.channel === 'MFN' && plan.marketplace === US);
		expect(mfn.map((plan) => (plan.range.end.getTime() - plan.range.start.getTime()) / DAY)).toEqual([60, 60, 30]);
		expect(mfn[0].range.start).toEqual(start);
		expect(mfn[2].range.end).toEqual(end);
		for (let i = 1; i < mfn.length; i++) expect(mfn[i].range.start).toEqual(mfn[i - 1].range.end);
		expect(planned.filter((plan) => plan.channel === 'FBA').map((plan) => plan.marketplace.countryCode)).toEqual(['US', 'JP']);
	});
});
