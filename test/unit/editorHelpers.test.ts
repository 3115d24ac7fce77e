/**
 * The small helpers behind the editor experience: the empty-output hints, the newest-first slices of a
 * date range, the report periods an empty Data Start means, Poll Times that survive n8n's loader, amounts
 * as numbers next to their exact text, and reading the seller's stores.
 */
import type { INodeProperties } from 'n8n-workflow';
import { amountAsNumber, compareDecimals, money, parseDecimal, sumMoney } from '../../nodes/sp-api/money';
import { slicesFromEnd } from '../../nodes/sp-api/finances/newestRefunds';
import { resolvePostedRange } from '../../nodes/sp-api/finances/postedRange';
import { readRefund, refundToJson } from '../../nodes/sp-api/finances/refundJson';
import { REFUND_PARTS, type RefundRecord } from '../../nodes/sp-api/finances/refunds';
import { emptyOutputHints, explainEmptyResult, hintWhenNothingCameOut, readableTime, storesInWords } from '../../nodes/sp-api/n8n/emptyOutput';
import { keepOwnPollTimes, pollTimesProperty } from '../../nodes/sp-api/n8n/pollTimes';
import { defaultDataPeriodDays, effectiveDataStart, KNOWN_REPORT_TYPES } from '../../nodes/sp-api/reports';
import { findMarketplace } from '../../nodes/sp-api/marketplaces';
import { readParticipations } from '../../nodes/sp-api/sellerStores';
import { connectedMessage } from '../../nodes/sp-api/n8n/credentialTest';

const DAY = 86_400_000;

describe('empty output hints', () => {
	it('are shown only when the whole output is empty, one per distinct sentence, at most three and a count', () => {
		const added: unknown[] = [];
		const context = { addExecutionHints: (...hints: unknown[]) => added.push(...hints) } as never;
		explainEmptyResult(context, 'No refunds in A.');
		hintWhenNothingCameOut(context, [{ json: {} }]);
		expect(added).toEqual([]);
		for (const text of ['a', 'b', 'a', 'c', 'd', 'e']) explainEmptyResult(context, text);
		hintWhenNothingCameOut(context, []);
		expect(added).toEqual([
			{ message: 'a', type: 'info', location: 'outputPane' },
			{ message: 'b', type: 'info', location: 'outputPane' },
			{ message: 'c', type: 'info', location: 'outputPane' },
			{ message: '2 more input items gave nothing either.', type: 'info', location: 'outputPane' },
		]);
		// the sentences were used up: a later empty run without any says the general sentence
		added.length = 0;
		hintWhenNothingCameOut(context, []);
		expect(added).toEqual(emptyOutputHints([]));
		expect((added[0] as { message: string }).message).toMatch(/nothing to output for these settings/);
	});

	it('do nothing in a context without execution hints (an older n8n)', () => {
		expect(() => hintWhenNothingCameOut({} as never, [])).not.toThrow();
	});

	it('write times and stores as a person reads them', () => {
		expect(readableTime(new Date('2025-03-14T07:00:59Z'))).toBe('2025-03-14 07:00 UTC');
		expect(readableTime('2025-03-14T07:00:00Z', 'Asia/Tokyo')).toBe('2025-03-14 16:00 Asia/Tokyo');
		expect(storesInWords([findMarketplace('US')!, findMarketplace('CA')!], 'NA')).toBe('amazon.com, amazon.ca');
		expect(storesInWords([], 'EU')).toBe('every store of region EU');
	});
});

describe('newest refunds: slices from the end of the range', () => {
	it('cover the range exactly, newest first, doubling in length', () => {
		const now = Date.parse('2025-03-15T12:00:00Z');
		const range = resolvePostedRange({ now, after: new Date(now - 10 * DAY), defaultLookbackMs: DAY });
		const slices = slicesFromEnd(range);
		expect(slices.map((slice) => Math.round((slice.end.getTime() - slice.start.getTime()) / DAY))).toEqual([1, 2, 4, 3]);
		expect(slices[0].end).toEqual(range.end);
		expect(slices[slices.length - 1].start).toEqual(range.start);
		for (let i = 1; i < slices.length; i++) expect(slices[i].end).toEqual(slices[i - 1].start);
		// long slices are still cut into Amazon's 180-day windows
		const long = slicesFromEnd(resolvePostedRange({ now, after: new Date(now - 600 * DAY), defaultLookbackMs: DAY }));
		expect(long.every((slice) => slice.windows.every((window) => window.end.getTime() - window.start.getTime() <= 180 * DAY))).toBe(true);
	});
});

describe('report periods an empty Data Start means', () => {
	it('per kind of report: 30 days for events, 7 for orders and shipments, none for reports about now', () => {
		expect(defaultDataPeriodDays('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA')).toBe(30);
		expect(defaultDataPeriodDays('GET_FBA_REIMBURSEMENTS_DATA')).toBe(30);
		expect(defaultDataPeriodDays('GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE')).toBe(30);
		expect(defaultDataPeriodDays('GET_DATE_RANGE_FINANCIAL_TRANSACTION_DATA')).toBe(30);
		expect(defaultDataPeriodDays('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL')).toBe(7);
		expect(defaultDataPeriodDays('GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL')).toBe(7);
		expect(defaultDataPeriodDays('GET_LEDGER_DETAIL_VIEW_DATA')).toBe(30);
		expect(defaultDataPeriodDays('GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA')).toBeUndefined();
		expect(defaultDataPeriodDays('GET_MERCHANT_LISTINGS_ALL_DATA')).toBeUndefined();
		expect(defaultDataPeriodDays('GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING')).toBeUndefined();
		expect(defaultDataPeriodDays('GET_SOMETHING_AMAZON_ADDED_LATER')).toBe(30);
		// never longer than what Amazon accepts for the type
		for (const known of KNOWN_REPORT_TYPES) {
			const days = defaultDataPeriodDays(known.type);
			if (days !== undefined && known.maxRangeDays) expect([known.type, days <= known.maxRangeDays]).toEqual([known.type, true]);
		}
	});

	it('counts back from Data End, or from now; a given Data Start stays', () => {
		const now = Date.parse('2025-03-15T12:00:00Z');
		const end = new Date(now - 5 * DAY);
		expect(effectiveDataStart('GET_FBA_REIMBURSEMENTS_DATA', {}, now)).toEqual(new Date(now - 30 * DAY));
		expect(effectiveDataStart('GET_FBA_REIMBURSEMENTS_DATA', { end }, now)).toEqual(new Date(end.getTime() - 30 * DAY));
		expect(effectiveDataStart('GET_FBA_REIMBURSEMENTS_DATA', { start: new Date(0) }, now)).toEqual(new Date(0));
		expect(effectiveDataStart('GET_AFN_INVENTORY_DATA', { end }, now)).toBeUndefined();
	});
});

describe('Poll Times', () => {
	it('n8n putting its own Poll Times in front of the fields leaves the node’s own one alone', () => {
		const own = pollTimesProperty([{ mode: 'everyHour', minute: 0 }]);
		const fields = keepOwnPollTimes([own, { displayName: 'Other', name: 'other', type: 'string', default: '' }]);
		// what n8n-core's DirectoryLoader.applySpecialNodeParameters does
		fields.unshift({ ...own, default: { item: [{ mode: 'everyMinute' }] } }, { displayName: 'New', name: 'new', type: 'string', default: '' } as INodeProperties);
		expect(fields.map((field) => field.name)).toEqual(['new', 'pollTimes', 'other']);
		expect(fields[1].default).toEqual({ item: [{ mode: 'everyHour', minute: 0 }] });
		expect(JSON.parse(JSON.stringify(fields))).toHaveLength(3);
	});
});

describe('amounts a sheet can sum, exact text beside', () => {
	function record(total: string, currency = 'USD'): RefundRecord {
		const zero = money(0, currency);
		const parts = Object.fromEntries(REFUND_PARTS.map((part) => [part, zero]));
		return {
			...parts,
			principal: money(total, currency),
			total: money(total, currency),
			kind: 'refund',
			kindLabel: 'Refund',
			refundKey: 'refund:1',
			amazonOrderId: '111-1111111-1111111',
			sellerSku: 'MUG',
			quantity: 1,
			marketplaceId: 'ATVPDKIKX0DER',
			marketplaceName: 'Amazon.com',
			currency,
			feeBreakdown: { Commission: money('1.50', currency) },
			otherChargeBreakdown: {},
			taxWithheldBreakdown: {},
			postedDate: '2025-03-14T10:00:00Z',
			postedDateLocal: '2025-03-14T03:00:00-07:00',
			source: 'financialEvents',
			breakdownComplete: true,
		} as unknown as RefundRecord;
	}

	it('numbers for the amounts, exact decimal text in …Exact, people-first order; read back from the exact text', () => {
		const json = refundToJson(record('-12.30'));
		expect(Object.keys(json).slice(0, 7)).toEqual(['postedDateLocal', 'marketplaceName', 'amazonOrderId', 'sellerSku', 'quantity', 'total', 'currency']);
		expect(json).toMatchObject({ total: -12.3, totalExact: '-12.30', principal: -12.3, principalExact: '-12.30', tax: 0, taxExact: '0.00', feeBreakdown: { Commission: '1.50' } });
		const read = readRefund({ ...json, total: 999 });
		expect(typeof read === 'string' ? read : read.total).toEqual(money('-12.30', 'USD'));
		// a node saved at version 1 gives the exact text in the amount fields too
		expect(refundToJson(record('-12.30'), 'text')).toMatchObject({ total: '-12.30', totalExact: '-12.30', principal: '-12.30' });
		// items without exact text (older runs, typed by hand) are read from the number
		const { totalExact: _dropped, ...withoutExact } = json;
		const older = readRefund(withoutExact);
		expect(typeof older === 'string' ? older : older.total).toEqual(money('-12.3', 'USD'));
	});

	it('a number reads back to exactly the same decimal for any amount of up to 15 digits', () => {
		for (const text of ['-12.30', '0.10', '-1500', '9999999999999.99', '-0.01', '123456789.125']) {
			expect([text, compareDecimals(parseDecimal(String(amountAsNumber(text))), parseDecimal(text))]).toEqual([text, 0]);
		}
		// sums stay on decimals, never on the numbers
		expect(sumMoney([money('0.10', 'USD'), money('0.20', 'USD')], 'USD').amount).toBe('0.30');
	});
});

describe('the seller’s stores', () => {
	it('are the participating marketplaces; the credential test names them', () => {
		const stores = readParticipations([
			{ marketplace: { id: 'ATVPDKIKX0DER', countryCode: 'US' }, participation: { isParticipating: true }, storeName: 'Acorn' },
			{ marketplace: { id: 'A2EUQ1WTGCTBG2', countryCode: 'CA' }, participation: { isParticipating: false } },
			{ marketplace: { id: 'A2ZV50J4W1RKNI', countryCode: 'US', domainName: 'www.amazon.com/non-amazon' }, participation: { isParticipating: true } },
		]);
		expect(stores.marketplaces.map((m) => m.countryCode)).toEqual(['US']);
		expect(stores.domains).toEqual(['amazon.com', 'amazon.com/non-amazon']);
		expect(connectedMessage({ storeName: 'Acorn', domains: ['amazon.com', 'amazon.ca'] }, 'NA')).toBe('Connected to "Acorn" — amazon.com, amazon.ca.');
		expect(connectedMessage({ domains: ['amazon.de'] }, 'EU')).toBe('Connected — sells in amazon.de.');
		expect(connectedMessage({ storeName: 'Acorn', domains: [] }, 'FE')).toBe('Connected to "Acorn" in region FE, but Amazon lists no store it sells in there.');
	});
});
