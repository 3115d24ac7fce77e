/**
 * The Refunds node's report-based operations inside n8n-core against the emulator: Get Returns (FBA and
 * seller-fulfilled reports, 60-day windows, reason texts, no Amazon Fulfillment role), Get Returns
 * Awaiting Action (hours left computed on a frozen clock), Enrich with returns fetched from Amazon, and
 * Reconcile with Settlement (exact totals, yen, injected discrepancies, mapping without listSummary,
 * Continue On Fail, bad input refused before any call).
 */
import type { IDataObject } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import type { FinancialEventGroupRecord, OrderFinanceEvent } from '../emulator/data/model';
import type { ReturnRecord } from '../emulator/reports/content/returns';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow } from '../harness/n8nHarness';
import { DAY, decimalsOf, HOUR, jsonOf, minorSum, REFUNDS, singleNode, toMinorBig, useFixedNow } from './support';

const NOW = '2025-03-15T12:00:00Z';
const NOW_MS = Date.parse(NOW);
const iso = (ms: number) => new Date(ms).toISOString();
const FAST = { firstCheckSeconds: 0.05, timeoutMinutes: 2 };
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const MX = 'A1AM78C64UM0Y8';
const JP = 'A1VC38T7YXB528';
const FAKE_TIMER_EXCLUSIONS = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;

/** Texts of listReturnReasonCodes (Amazon's own example, served by the emulator). */
const REASON_TEXTS: Record<string, string> = {
	UNWANTED_ITEM: 'No longer needed/wanted',
	'AMZ-PG-BAD-DESC': 'Different from website description',
	DEFECTIVE: 'Defective/Does not work properly',
	ORDERED_WRONG_ITEM: 'Accidental order',
	FOUND_BETTER_PRICE: 'Better price available',
	DAMAGED_BY_FC: 'Damaged due to inappropriate packaging',
	MISSED_ESTIMATED_DELIVERY: 'Missed estimated delivery date',
	MISSING_PARTS: 'Missing parts or accessories',
	DAMAGED_BY_CARRIER: 'Damaged during shipping',
	SWITCHEROO: 'Different from what was ordered',
	EXTRA_ITEM: 'Arrived in addition to what was ordered',
	UNAUTHORIZED_PURCHASE: 'Unauthorized purchase',
};
const reasonText = (code: string) => REASON_TEXTS[code.replace(/^CR-/, '')];

/** A Refunds node as the editor adds it today (version 1.1), or `typeVersion: 1` for one saved before. */
function refunds(emulator: Emulator, seller: SellerFixtureKey, parameters: Record<string, unknown>, extra: { continueOnFail?: boolean; input?: IDataObject[]; typeVersion?: number } = {}) {
	return runWorkflow(singleNode(emulator, seller, { type: REFUNDS, typeVersion: extra.typeVersion ?? 1.1, parameters, continueOnFail: extra.continueOnFail }, extra.input));
}

const apiCalls = (emulator: Emulator) => emulator.control.requests().filter((r) => r.tokenKind !== 'lwa');
const lineKey = (item: { amazonOrderId?: unknown; sellerSku?: unknown; channel?: unknown }) => `${String(item.channel)}|${String(item.amazonOrderId)}|${String(item.sellerSku)}`;
const recordKey = (record: ReturnRecord) => `${record.channel === 'AFN' ? 'FBA' : 'MFN'}|${record.amazonOrderId}|${record.sellerSku}`;

describe('Refunds node: returns and settlement (reports pipeline)', () => {
	useFixedNow(NOW);
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, timeScale: 200, reportProcessingMs: 300, tokenLifetimeSeconds: 30 * 86_400 });
	});
	afterAll(() => emulator.close());
	beforeEach(() => {
		emulator.control.clearFaults();
		emulator.control.clearRequests();
	});

	describe('Get Returns', () => {
		it('FBA and seller-fulfilled returns of three stores: every return line once, reasons readable, dates UTC and local', async () => {
			const after = NOW_MS - 90 * DAY;
			const before = NOW_MS - DAY;
			const result = await refunds(emulator, 'na', {
				resource: 'return',
				operation: 'getMany',
				marketplaceIds: ['US', 'CA', 'MX'],
				returnedAfter: iso(after),
				returnedBefore: iso(before),
				returnAll: true,
				options: FAST,
			});
			expect(result.error('Node')).toBeUndefined();
			const items = jsonOf(result.output('Node'));
			const expected = emulator.control.reports
				.returns('na')
				.filter((record) => [US, CA, MX].includes(record.marketplaceId) && record.returnedAt >= after && record.returnedAt <= before);
			expect(expected.some((record) => record.channel === 'AFN') && expected.some((record) => record.channel === 'MFN')).toBe(true);
			expect(items.map(lineKey).sort()).toEqual(expected.map(recordKey).sort());

			// the seller-fulfilled report covers 60 days per request: 90 days are two reports per store
			const requested = emulator.control.reports.reports('na').filter((report) => report.reportType === 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE' && report.createdAt >= NOW_MS);
			expect(requested).toHaveLength(6);
			for (const report of requested) {
				expect(report.marketplaceIds).toHaveLength(1);
				expect(report.dataEndTime! - report.dataStartTime!).toBeLessThanOrEqual(60 * DAY);
			}
			expect(emulator.control.reports.reports('na').filter((report) => report.reportType === 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA' && report.createdAt >= NOW_MS)).toHaveLength(3);

			const byKey = new Map(expected.map((record) => [recordKey(record), record]));
			for (const item of items) {
				const record = byKey.get(lineKey(item))!;
				expect(item).toMatchObject({ reasonCode: record.reason, quantity: record.quantity, status: record.status, marketplaceId: record.marketplaceId, asin: record.asin });
				expect(item.reasonDescription).toBe(reasonText(record.reason));
				if (item.channel === 'FBA') {
					expect(item).toMatchObject({
						sourceReportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA',
						returnDate: iso(record.returnedAt).replace('.000Z', 'Z'),
						returnDateHasTime: true,
						returnDateLocal: expect.stringMatching(/[+-]\d{2}:\d{2}$/),
						disposition: record.disposition,
						fulfillmentCenterId: record.fulfillmentCenterId,
						raw: { 'order-id': record.amazonOrderId, reason: record.reason },
					});
				} else {
					expect(item).toMatchObject({ sourceReportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', returnDate: iso(record.returnedAt).slice(0, 10), returnDateHasTime: false, rmaId: record.amazonRmaId });
				}
			}
			// oldest first; reason texts asked at most once per SKU and store
			const times = items.map((item) => Date.parse(String(item.returnDate)));
			for (let i = 1; i < times.length; i++) expect(times[i] + DAY).toBeGreaterThanOrEqual(times[i - 1]);
			const lookups = emulator.control.requests().filter((r) => r.operation === 'listReturnReasonCodes');
			expect(new Set(lookups.map((r) => `${r.query.marketplaceId}|${r.query.sellerSku}`)).size).toBe(lookups.length);
		}, 60_000);

		it("reports in each marketplace's own date spelling (PST/PDT, month-first and day-first slashes, JST) give the same return dates", async () => {
			const run = async (seller: SellerFixtureKey, marketplaceIds: string[]) =>
				jsonOf((await refunds(emulator, seller, { resource: 'return', operation: 'getMany', marketplaceIds, returnedAfter: iso(NOW_MS - 55 * DAY), returnedBefore: iso(NOW_MS - DAY), returnAll: true, options: FAST })).output('Node'));
			for (const [seller, marketplaceIds] of [['na', ['US', 'CA', 'MX']], ['fe', ['JP', 'AU']]] as const) {
				const standard = await run(seller, [...marketplaceIds]);
				emulator.control.reports.setDocumentStyle({ dates: 'marketplace' });
				try {
					const local = await run(seller, [...marketplaceIds]);
					const dates = (items: IDataObject[]) => items.map((item) => [lineKey(item), item.returnDate, item.returnDateLocal, item.returnDateHasTime]);
					expect(standard.length).toBeGreaterThan(3);
					expect(dates(local)).toEqual(dates(standard));
					// the raw columns show the marketplace spelling was really used
					expect(local.some((item) => /\b(PST|PDT|JST)\b|\d{2}\/\d{2}\/\d{4}|[+-]1[01]:00$/.test(JSON.stringify(item.raw)))).toBe(true);
				} finally {
					emulator.control.reports.setDocumentStyle({ dates: 'standard' });
				}
			}
		}, 120_000);

		it('Japan: windows-31j report text decoded; the XML layout with request times; Limit', async () => {
			const flat = jsonOf(
				(await refunds(emulator, 'fe', { resource: 'return', operation: 'getMany', marketplaceIds: ['JP'], returnedAfter: iso(NOW_MS - 40 * DAY), returnAll: true, language: 'ja_JP', options: FAST })).output('Node'),
			);
			// Amazon translates some reason texts (the emulator: four of them into Japanese)
			const translated = flat.filter((item) => item.reasonTranslated);
			expect(translated.length).toBeGreaterThan(0);
			expect(translated.every((item) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(String(item.reasonTranslated)) && item.reasonDescription)).toBe(true);
			for (const channel of ['FBA', 'MFN']) {
				const lines = flat.filter((item) => item.channel === channel);
				expect(lines.length).toBeGreaterThan(0);
				expect(lines.some((item) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(String(item.productName)))).toBe(true);
			}
			expect(flat.every((item) => item.marketplaceName === 'Amazon.co.jp' && (item.returnDateHasTime === false || /\+09:00$/.test(String(item.returnDateLocal))))).toBe(true);
			const result = await refunds(emulator, 'fe', {
				resource: 'return',
				operation: 'getMany',
				returnReports: ['mfn'],
				marketplaceIds: ['JP'],
				returnedAfter: iso(NOW_MS - 40 * DAY),
				returnAll: false,
				limit: 3,
				options: { ...FAST, mfnLayout: 'xml', includeResponseMetadata: true },
			});
			const items = jsonOf(result.output('Node'));
			expect(items).toHaveLength(3);
			for (const item of items) {
				expect(item).toMatchObject({ channel: 'MFN', sourceReportType: 'GET_XML_RETURNS_DATA_BY_RETURN_DATE', returnDateHasTime: true, returnDateLocal: expect.stringMatching(/\+09:00$/) });
				expect(item.responseMetadata).toMatchObject({ operation: 'getReport', httpStatus: 200 });
			}
			const all = flat.filter((item) => item.channel === 'MFN').map((item) => `${item.amazonOrderId}|${item.sellerSku}`);
			expect(items.every((item) => all.includes(`${item.amazonOrderId}|${item.sellerSku}`))).toBe(true);
		}, 60_000);

		it('without the Amazon Fulfillment role the returns still come, each saying why its reason text is missing', async () => {
			emulator.control.injectFault({
				operation: 'listReturnReasonCodes',
				status: 403,
				body: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] },
				count: 50,
			});
			const result = await refunds(emulator, 'eu', { resource: 'return', operation: 'getMany', marketplaceIds: ['DE', 'FR'], returnedAfter: iso(NOW_MS - 20 * DAY), returnAll: true, options: FAST });
			expect(result.error('Node')).toBeUndefined();
			const items = jsonOf(result.output('Node'));
			expect(items.length).toBeGreaterThan(3);
			expect(items.every((item) => item.reasonDescription === undefined && typeof item.reasonLookupError === 'string' && item.reasonCode)).toBe(true);
			// one failed call per store, then no more asking
			expect(emulator.control.requests().filter((r) => r.operation === 'listReturnReasonCodes')).toHaveLength(2);
		}, 60_000);

		it('no marketplace chosen: every store the seller sells in (Amazon says which); a quiet period says what was checked', async () => {
			const after = NOW_MS - 20 * DAY;
			const result = await refunds(emulator, 'na', { resource: 'return', operation: 'getMany', returnReports: ['fba'], returnedAfter: iso(after), returnAll: true, options: FAST });
			expect(result.error('Node')).toBeUndefined();
			const participations = emulator.control.requests().filter((r) => r.operation === 'getMarketplaceParticipations');
			expect(participations).toHaveLength(1);
			const requested = emulator.control.reports.reports('na').filter((report) => report.reportType === 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA' && report.createdAt >= NOW_MS && report.dataStartTime === after);
			expect(requested.map((report) => report.marketplaceIds[0]).sort()).toEqual([US, CA, MX].sort());
			const items = jsonOf(result.output('Node'));
			expect(items.length).toBeGreaterThan(0);
			// what a person looks for first
			expect(Object.keys(items[0]).slice(0, 5)).toEqual(['returnDateLocal', 'marketplaceName', 'amazonOrderId', 'sellerSku', 'quantity']);

			const quiet = await refunds(emulator, 'na', { resource: 'return', operation: 'getMany', returnReports: ['fba'], marketplaceIds: ['MX'], returnedAfter: iso(NOW_MS - 400 * DAY), returnedBefore: iso(NOW_MS - 399 * DAY), options: FAST });
			expect(quiet.output('Node')).toEqual([]);
			expect(quiet.hints('Node').map((hint) => hint.message)).toEqual([
				`No returns to output. Checked FBA customer returns of amazon.com.mx, dated ${iso(NOW_MS - 400 * DAY).slice(0, 16).replace('T', ' ')} UTC to ${iso(NOW_MS - 399 * DAY).slice(0, 16).replace('T', ' ')} UTC: 1 reports requested, 1 of them without data (Amazon cancels a report that has nothing in it), 0 lines read.`,
			]);
		}, 60_000);

		it('bad input is refused before any call; with Continue On Fail it becomes an error item', async () => {
			const cases: [Record<string, unknown>, RegExp][] = [
				[{ marketplaceIds: ['JP'] }, /FE region/],
				[{ marketplaceIds: ['US'], returnedAfter: iso(NOW_MS + DAY) }, /future/],
				[{ marketplaceIds: ['US'], returnedAfter: iso(NOW_MS - DAY), returnedBefore: iso(NOW_MS - 2 * DAY) }, /not after its start/],
				[{ marketplaceIds: ['US'], returnReports: [] }, /at least one/],
			];
			for (const [parameters, message] of cases) {
				const result = await refunds(emulator, 'na', { resource: 'return', operation: 'getMany', ...parameters, options: FAST });
				expect(result.error('Node')?.message).toMatch(message);
			}
			const awaiting = await refunds(emulator, 'na', { resource: 'return', operation: 'getAwaitingAction', marketplaceIds: ['US'], responseWindowHours: 0 });
			expect(awaiting.error('Node')?.message).toMatch(/Response Window/);
			const continuing = await refunds(emulator, 'na', { resource: 'return', operation: 'getMany', marketplaceIds: ['US'], returnedAfter: iso(NOW_MS + DAY) }, { continueOnFail: true });
			expect(continuing.output('Node')).toEqual([{ json: { error: expect.stringMatching(/future/) }, pairedItem: { item: 0 } }]);
			expect(apiCalls(emulator)).toEqual([]);
		});
	});

	describe('Enrich Refunds with Return Reasons, returns fetched from Amazon', () => {
		it('requests the returns reports of the refunds’ stores and days and joins them by order and SKU', async () => {
			const after = NOW_MS - 20 * DAY;
			const before = NOW_MS - 2 * DAY;
			const result = await refunds(emulator, 'eu', {
				resource: 'refund',
				operation: 'enrichWithReturnReasons',
				refundsFrom: 'fetch',
				returnsFrom: 'fetch',
				postedAfter: iso(after),
				postedBefore: iso(before),
				returnsWindowDays: 15,
				language: 'de_DE',
				options: FAST,
			});
			expect(result.error('Node')).toBeUndefined();
			const items = jsonOf(result.output('Node'));
			const now = emulator.control.now().getTime();
			const refundEvents = emulator.control.state
				.dataFor('eu')
				.events.filter((event): event is OrderFinanceEvent => event.kind === 'Refund' && event.postedAt >= after && event.postedAt < before && event.settledAt <= now);
			expect(items).toHaveLength(refundEvents.reduce((n, event) => n + event.items.length, 0));
			// every refund of the emulator comes with its return, so every line matches the return's reason
			const returns = new Map(emulator.control.reports.returns('eu').map((record) => [`${record.amazonOrderId}|${record.sellerSku}`, record]));
			for (const item of items) {
				const record = returns.get(`${item.amazonOrderId}|${item.sellerSku}`)!;
				expect(item).toMatchObject({ returnMatched: true, returnReason: record.reason });
				if (reasonText(record.reason)) expect(item.returnReasonDescription).toBe(reasonText(record.reason));
			}
			const requested = emulator.control.reports.reports('eu').filter((report) => report.createdAt >= NOW_MS && report.reportType.includes('RETURNS'));
			const stores = new Set(refundEvents.map((event) => event.marketplaceId));
			expect(new Set(requested.map((report) => report.marketplaceIds[0]))).toEqual(stores);
			expect(Math.min(...requested.map((report) => report.dataStartTime!))).toBe(Math.min(...refundEvents.map((event) => event.postedAt)) - 15 * DAY);
			expect(emulator.control.requests().filter((r) => r.operation === 'listFinancialEvents').length).toBeGreaterThan(0);
		}, 60_000);
	});

	describe('Reconcile with Settlement', () => {
		const REFUND_LIKE = new Set(['Refund', 'GuaranteeClaim', 'Chargeback']);
		/** The refund money of a closed group as the emulator holds it. */
		function groupRefunds(group: FinancialEventGroupRecord): OrderFinanceEvent[] {
			return group.events.filter((event): event is OrderFinanceEvent => REFUND_LIKE.has(event.kind));
		}
		const sumMinor = (events: OrderFinanceEvent[]) => events.reduce((sum, event) => sum + BigInt(event.totalMinor), 0n);
		/** Closed groups whose settlement reports Amazon has published and still keeps. */
		function publishedGroups(seller: SellerFixtureKey, currency: string): FinancialEventGroupRecord[] {
			return emulator.control.state
				.dataFor(seller)
				.groups.filter((group) => group.currency === currency && group.endAt + 30 * 60_000 <= NOW_MS && group.endAt > NOW_MS - 85 * DAY)
				.sort((a, b) => b.endAt - a.endAt);
		}
		const reconcile = (seller: SellerFixtureKey, parameters: Record<string, unknown>, extra: { continueOnFail?: boolean; typeVersion?: number } = {}) =>
			refunds(emulator, seller, { resource: 'refund', operation: 'reconcileWithSettlement', ...parameters }, extra);

		it('the latest settlement of a store: every refund matched, totals exact and equal to the settlement period’s refunds', async () => {
			const result = await reconcile('eu', { settlementFrom: 'latest', marketplaceIds: ['DE'] });
			expect(result.error('Node')).toBeUndefined();
			const items = jsonOf(result.output('Node'));
			const summary = items[items.length - 1];
			const group = publishedGroups('eu', 'EUR')[0];
			const truth = groupRefunds(group);
			expect(summary).toMatchObject({
				recordType: 'summary',
				settlementId: group.settlementId,
				financialEventGroupId: group.groupId,
				mappedBy: 'listSummary',
				currency: 'EUR',
				settlementTotalMatchesGroup: true,
				allMatched: true,
				amountDiffers: 0,
				missingInSettlement: 0,
				missingInEvents: 0,
				difference: 0,
				differenceExact: '0.00',
				refundLinesInEvents: truth.reduce((n, event) => n + event.items.length, 0),
			});
			expect(toMinorBig(String(summary.eventsRefundTotal), 2)).toBe(sumMinor(truth));
			expect(toMinorBig(String(summary.settlementRefundTotal), 2)).toBe(sumMinor(truth));
			expect(toMinorBig(String(summary.settlementTotalAmount), 2)).toBe(BigInt(group.totalMinor));
			expect(toMinorBig(String(summary.settlementTotalAmountExact), 2)).toBe(BigInt(group.totalMinor));
			// the summary: the sentence and the verdict first
			expect(Object.keys(summary).slice(0, 3)).toEqual(['recordType', 'message', 'allMatched']);
			const rows = items.slice(0, -1);
			expect(rows).toHaveLength(summary.compared as number);
			expect(rows.every((row) => row.status === 'matched' && row.matchedOn === 'postingTime' && row.difference === 0 && row.differenceExact === '0.00')).toBe(true);
			// a row: the verdict, then when, store, order, SKU and the amounts (numbers), exact text at the end
			expect(Object.keys(rows[0]).slice(0, 5)).toEqual(['status', 'postedDateLocal', 'marketplaceName', 'amazonOrderId', 'sellerSku']);
			expect(rows.every((row) => typeof row.eventsAmount === 'number' && /^-?\d+\.\d{2}$/.test(String(row.eventsAmountExact)))).toBe(true);
			// the refund rows add up to the summary, to the cent
			expect(minorSum(rows.map((row) => String(row.eventsAmountExact)), 2)).toBe(sumMinor(truth));
			expect(new Set(rows.map((row) => row.amazonOrderId))).toEqual(new Set(truth.map((event) => event.amazonOrderId)));
		}, 60_000);

		it("settlement files in each marketplace's own date spelling (dd.mm.yyyy, dd/mm/yyyy, yyyy/mm/dd) reconcile exactly as before", async () => {
			emulator.control.reports.setDocumentStyle({ dates: 'marketplace' });
			try {
				for (const [seller, currency] of [['eu', 'EUR'], ['eu', 'GBP'], ['fe', 'JPY'], ['na', 'CAD']] as const) {
					const group = publishedGroups(seller, currency)[0];
					for (const layout of ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE']) {
						const result = await reconcile(seller, { settlementFrom: 'group', financialEventGroupId: group.groupId, settlementLayout: layout });
						expect(result.error('Node')).toBeUndefined();
						const items = jsonOf(result.output('Node'));
						const summary = items[items.length - 1];
						expect(summary).toMatchObject({ settlementId: group.settlementId, allMatched: true, settlementStart: new Date(group.startAt).toISOString().replace('.000Z', 'Z') });
						expect(summary.settlementPeriodFrom).toBeUndefined();
						if (layout.endsWith('_V2')) expect(items.slice(0, -1).every((row) => row.matchedOn === 'postingTime')).toBe(true);
					}
				}
			} finally {
				emulator.control.reports.setDocumentStyle({ dates: 'standard' });
			}
		}, 120_000);

		it("a settlement whose own period cannot be read: the report's dataStartTime / dataEndTime stand in, and the summary says so", async () => {
			emulator.control.reports.setDocumentStyle({ dates: 'unreadableSettlementPeriod' });
			try {
				const group = publishedGroups('eu', 'EUR')[0];
				for (const language of ['en', 'zh']) {
					const result = await reconcile('eu', { settlementFrom: 'latest', marketplaceIds: ['DE'], messageLanguage: language });
					expect(result.error('Node')).toBeUndefined();
					const items = jsonOf(result.output('Node'));
					const summary = items[items.length - 1];
					expect(summary).toMatchObject({
						settlementId: group.settlementId,
						financialEventGroupId: group.groupId,
						allMatched: true,
						settlementPeriodFrom: 'reportDataTimes',
						settlementStart: new Date(group.startAt).toISOString().replace('.000Z', 'Z'),
						unreadableDates: { 'settlement-start-date': expect.stringMatching(/^week \d+ of \d{4}$/), 'settlement-end-date': expect.stringMatching(/^week/) },
					});
					expect(String(summary.message)).toMatch(language === 'en' ? /settlement-start-date "week \d+ of \d{4}".*the settlement period is the report's own dataStartTime \/ dataEndTime/ : /结算期间取自报告本身的 dataStartTime/);
				}
			} finally {
				emulator.control.reports.setDocumentStyle({ dates: 'standard' });
			}
		}, 60_000);

		it('by financial event group, in yen; the older flat-file layout matches by order and SKU', async () => {
			const group = publishedGroups('fe', 'JPY')[0];
			const truth = groupRefunds(group);
			expect(truth.length).toBeGreaterThan(2);
			for (const layout of ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE']) {
				const result = await reconcile('fe', { settlementFrom: 'group', financialEventGroupId: group.groupId, settlementLayout: layout });
				expect(result.error('Node')).toBeUndefined();
				const items = jsonOf(result.output('Node'));
				const summary = items[items.length - 1];
				expect(summary).toMatchObject({ settlementId: group.settlementId, currency: 'JPY', allMatched: true, settlementReportType: layout, difference: 0, differenceExact: '0' });
				expect(toMinorBig(String(summary.eventsRefundTotal), decimalsOf('JPY'))).toBe(sumMinor(truth));
				for (const row of items.slice(0, -1)) {
					expect(String(row.eventsAmount)).toMatch(/^-?\d+$/);
					expect(row.matchedOn).toBe(layout.endsWith('_V2') ? 'postingTime' : 'orderAndSku');
				}
			}
		}, 60_000);

		it('injected discrepancies: an altered amount, a refund left out of the settlement, a refund only the settlement has', async () => {
			const group = publishedGroups('na', 'USD')[0];
			const truth = groupRefunds(group).filter((event) => event.kind === 'Refund');
			const [altered, dropped] = truth;
			const extraOrder = '111-0000000-0000001';
			emulator.control.reports.editSettlementLines('na', group.settlementId, (lines) => {
				const out = lines.filter((line) => !(line.transactionType === 'Refund' && line.orderId === dropped.amazonOrderId));
				const principal = out.find((line) => line.transactionType === 'Refund' && line.orderId === altered.amazonOrderId && line.amountDescription === 'Principal')!;
				principal.minor += 100;
				out.push({ ...principal, orderId: extraOrder, adjustmentId: '99999999999999', minor: -1234 });
				return out;
			});
			try {
				const result = await reconcile('na', { settlementFrom: 'group', financialEventGroupId: group.groupId, outputRows: 'differences' });
				expect(result.error('Node')).toBeUndefined();
				const items = jsonOf(result.output('Node'));
				const summary = items[items.length - 1];
				const rows = items.slice(0, -1);
				expect(rows.map((row) => `${row.status}:${row.amazonOrderId}`)).toEqual([`amountDiffers:${altered.amazonOrderId}`, `missingInSettlement:${dropped.amazonOrderId}`, `missingInEvents:${extraOrder}`]);
				expect(rows[0]).toMatchObject({ difference: 1, differenceExact: '1.00', differingParts: ['principal'], message: expect.stringContaining('difference 1.00 USD') });
				const droppedTotal = BigInt(dropped.totalMinor);
				expect(toMinorBig(String(rows[1].eventsAmount), 2)).toBe(droppedTotal);
				expect(rows[2]).toMatchObject({ settlementAmount: -12.34, settlementAmountExact: '-12.34', difference: -12.34, differenceExact: '-12.34' });
				// a node saved at version 1 keeps the exact text in the amount fields
				const saved = jsonOf((await reconcile('na', { settlementFrom: 'group', financialEventGroupId: group.groupId, outputRows: 'differences' }, { typeVersion: 1 })).output('Node'));
				expect(saved[2]).toMatchObject({ settlementAmount: '-12.34', settlementAmountExact: '-12.34', difference: '-12.34' });
				expect(saved[saved.length - 1]).toMatchObject({ recordType: 'summary', difference: expect.any(String), differenceExact: saved[saved.length - 1].difference });
				expect(rows[2].eventsAmount).toBeUndefined();
				const all = groupRefunds(group);
				expect(summary).toMatchObject({ allMatched: false, amountDiffers: 1, missingInSettlement: 1, missingInEvents: 1, matched: all.length - 2, settlementTotalMatchesGroup: false });
				// settlement − events = +1.00 − (the dropped refund) + (−12.34), exactly
				expect(toMinorBig(String(summary.difference), 2)).toBe(100n - droppedTotal - 1234n);
				expect(toMinorBig(String(summary.eventsRefundTotal), 2)).toBe(sumMinor(all));
				expect(summary.message).toMatch(/1 with a different amount, 1 missing in the settlement, 1 missing in the financial events/);
				const chinese = jsonOf((await reconcile('na', { settlementFrom: 'group', financialEventGroupId: group.groupId, outputRows: 'summary', messageLanguage: 'zh' })).output('Node'));
				expect(chinese).toHaveLength(1);
				expect(chinese[0].message).toMatch(/^结算 \d+（.*USD）：比对 \d+ 笔退款，\d+ 笔一致，1 笔金额不同，1 笔不在结算中，1 笔不在财务事件中。/);
			} finally {
				emulator.control.reports.editSettlementLines('na', group.settlementId, undefined);
			}
		}, 60_000);

		it('without listSummary the group is found by currency and settlement period', async () => {
			emulator.control.injectFault({ operation: 'listSummary', status: 403, body: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] }, count: 5 });
			const group = publishedGroups('eu', 'GBP')[0];
			const result = await reconcile('eu', { settlementFrom: 'latest', marketplaceIds: ['UK'] });
			const summary = jsonOf(result.output('Node')).pop()!;
			expect(summary).toMatchObject({ financialEventGroupId: group.groupId, settlementId: group.settlementId, mappedBy: 'settlementPeriod', mappingNote: expect.any(String), allMatched: true });
		}, 60_000);

		it('bad input before any call; a report that is not a settlement becomes an error item with Continue On Fail', async () => {
			for (const [parameters, message] of [
				[{ settlementFrom: 'reportId', settlementReportId: 'abc' }, /not a report ID/],
				[{ settlementFrom: 'group', financialEventGroupId: 'two words' }, /not a group ID/],
				[{ settlementFrom: 'latest', marketplaceIds: ['JP'] }, /FE region/],
				[{ settlementFrom: 'latest', reconcileKinds: [] }, /at least one refund type/],
			] as [Record<string, unknown>, RegExp][]) {
				expect((await reconcile('na', parameters)).error('Node')?.message).toMatch(message);
			}
			expect(apiCalls(emulator)).toEqual([]);
			const returnsReport = emulator.control.reports.reports('na').find((report) => report.reportType === 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA')!;
			const continuing = await reconcile('na', { settlementFrom: 'reportId', settlementReportId: returnsReport.reportId }, { continueOnFail: true });
			expect(continuing.output('Node')).toEqual([{ json: { error: expect.stringMatching(/not a settlement report/) }, pairedItem: [{ item: 0 }] }]);
		}, 60_000);
	});
});

describe('Get Returns Awaiting Action on a frozen clock', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		jest.useFakeTimers({ now: new Date(NOW), advanceTimers: false, doNotFake: [...FAKE_TIMER_EXCLUSIONS] });
		// reports finish at once: the emulator's clock does not move either
		emulator = await startEmulator({ now: NOW, timeScale: 200, reportProcessingMs: 0, tokenLifetimeSeconds: 30 * 86_400 });
	});
	afterAll(async () => {
		await emulator.close();
		jest.useRealTimers();
	});

	/** Hours to one decimal, rounded half away from zero (as the node rounds). */
	const hoursOf = (ms: number) => (Math.sign(ms) * Math.round(Math.abs(ms) / 360_000)) / 10 || 0;
	const pending = (seller: SellerFixtureKey, marketplaces: string[]) =>
		emulator.control.reports.returns(seller).filter((record) => record.channel === 'MFN' && record.status === 'Pending' && marketplaces.includes(record.marketplaceId));

	it('hours left to respond, exact, most urgent first; overdue requests on top or left out', async () => {
		const result = await refunds(emulator, 'na', { resource: 'return', operation: 'getAwaitingAction', marketplaceIds: ['US', 'CA', 'MX'], returnAll: true, options: FAST });
		expect(result.error('Node')).toBeUndefined();
		const items = jsonOf(result.output('Node'));
		const expected = pending('na', [US, CA, MX]);
		expect(expected.length).toBeGreaterThan(2);
		expect(items.map((item) => `${item.amazonOrderId}|${item.sellerSku}`).sort()).toEqual(expected.map((record) => `${record.amazonOrderId}|${record.sellerSku}`).sort());
		const byOrder = new Map(expected.map((record) => [record.amazonOrderId, record]));
		for (const item of items) {
			const record = byOrder.get(String(item.amazonOrderId))!;
			const msLeft = record.returnedAt + 48 * HOUR - NOW_MS;
			expect(item).toMatchObject({
				status: 'Pending',
				requestTimeKnown: true,
				requestedAt: iso(record.returnedAt),
				respondBy: iso(record.returnedAt + 48 * HOUR),
				minutesLeft: Math.round(msLeft / 60_000),
				hoursLeft: hoursOf(msLeft),
				overdue: msLeft < 0,
				checkedAt: NOW.replace('Z', '.000Z'),
				reasonCode: record.reason,
			});
			expect(item.message).toMatch(msLeft < 0 ? /hours overdue/ : /hours left to respond/);
		}
		const left = items.map((item) => Number(item.minutesLeft));
		expect(left).toEqual([...left].sort((a, b) => a - b));
		expect(items.some((item) => item.overdue === true) && items.some((item) => item.overdue === false)).toBe(true);

		const notOverdue = jsonOf(
			(await refunds(emulator, 'na', { resource: 'return', operation: 'getAwaitingAction', marketplaceIds: ['US', 'CA', 'MX'], responseWindowHours: 24, returnAll: true, options: { ...FAST, includeOverdue: false } })).output('Node'),
		);
		expect(notOverdue.map((item) => item.amazonOrderId)).toEqual(expected.filter((record) => record.returnedAt + 24 * HOUR >= NOW_MS).sort((a, b) => a.returnedAt - b.returnedAt).map((record) => record.amazonOrderId));
		// how urgent first, then which return
		expect(Object.keys(notOverdue[0]).slice(0, 6)).toEqual(['respondByLocal', 'hoursLeft', 'overdue', 'returnDateLocal', 'marketplaceName', 'amazonOrderId']);

		// nothing waiting: no item, and the output pane says what was checked
		const none = await refunds(emulator, 'na', { resource: 'return', operation: 'getAwaitingAction', marketplaceIds: ['US'], requestedWithinDays: 1, responseWindowHours: 1, returnAll: true, options: { ...FAST, includeOverdue: false } });
		expect(none.output('Node')).toEqual([]);
		expect(none.hints('Node')[0].message).toMatch(/^No return request waits for you\. Checked \d+ seller-fulfilled return lines of amazon\.com requested in the last 1 days: none has a "Pending…" status within its response window\.$/);
	}, 60_000);

	it('the flat-file layout gives only the request day: counted from its earliest moment; Chinese messages; Limit keeps the most urgent', async () => {
		const result = await refunds(emulator, 'fe', {
			resource: 'return',
			operation: 'getAwaitingAction',
			marketplaceIds: ['JP'],
			messageLanguage: 'zh',
			returnAll: false,
			limit: 2,
			options: { ...FAST, mfnLayout: 'flatFile' },
		});
		const items = jsonOf(result.output('Node'));
		// a Tokyo day starts 9 hours before the UTC day of the same date
		const earliestOf = (record: ReturnRecord) => Date.parse(`${iso(record.returnedAt).slice(0, 10)}T00:00:00Z`) - 9 * HOUR;
		const expected = pending('fe', [JP]).sort((a, b) => earliestOf(a) - earliestOf(b));
		expect(expected.length).toBeGreaterThanOrEqual(2);
		// the two most urgent requests (ties broken by order id)
		expect(items.map((item) => earliestOf(expected.find((record) => record.amazonOrderId === item.amazonOrderId)!))).toEqual(expected.slice(0, 2).map(earliestOf));
		for (const item of items) {
			const record = expected.find((candidate) => candidate.amazonOrderId === item.amazonOrderId)!;
			const day = iso(record.returnedAt).slice(0, 10);
			const earliest = earliestOf(record);
			expect(item).toMatchObject({ requestTimeKnown: false, requestedAt: day, respondBy: iso(earliest + 48 * HOUR), minutesLeft: Math.round((earliest + 48 * HOUR - NOW_MS) / 60_000) });
			expect(item.message).toMatch(/^退货请求(待处理|已超时)（Amazon\.co\.jp）：订单 \d{3}-\d{7}-\d{7}/);
		}
	}, 60_000);
});
