/**
 * The Finances node inside n8n-core against the emulator: every operation, money exact across
 * currencies, the 34 event lists, range splitting and clamping, and bad input refused before any call.
 */
import type { IDataObject } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import { V0_EVENT_LISTS } from '../emulator/format/v0';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow } from '../harness/n8nHarness';
import { DAY, decimalsOf, FINANCES, jsonOf, minorSum, singleNode, useFixedNow } from './support';

const NOW = '2025-03-15T12:00:00Z';
const NOW_MS = Date.parse(NOW);
const iso = (ms: number) => new Date(ms).toISOString();

interface Money {
	amount: string;
	currency: string;
}

describe('Finances node', () => {
	useFixedNow(NOW);
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 200, emptyPageEvery: 4 });
	});
	afterAll(async () => emulator.close());
	beforeEach(() => {
		emulator.control.clearFaults();
		emulator.control.clearRequests();
	});

	const finances = (seller: SellerFixtureKey, parameters: Record<string, unknown>, extra: { continueOnFail?: boolean } = {}) =>
		runWorkflow(singleNode(emulator, seller, { type: FINANCES, parameters, ...extra }));
	const requests = (operation: string) => emulator.control.requests().filter((r) => r.operation === operation);

	it('one item per event for all 34 event lists, money flattened, nothing unknown', async () => {
		const result = await finances('na', { resource: 'financialEvent', operation: 'getMany', postedAfter: iso(NOW_MS - 119 * DAY), returnAll: true });
		const items = jsonOf(result.output('Node'));
		expect(result.error('Node')).toBeUndefined();
		expect(new Set(items.map((item) => item.eventList))).toEqual(new Set(V0_EVENT_LISTS));
		expect(items.filter((item) => item.note)).toEqual([]);
		const refund = items.find((item) => item.eventType === 'Refund')!;
		expect(refund).toMatchObject({
			eventList: 'RefundEventList',
			eventModel: 'ShipmentEvent',
			amazonOrderId: expect.stringMatching(/^\d{3}-\d{7}-\d{7}$/),
			marketplaceId: expect.any(String),
			postedDate: expect.any(String),
			postedDateLocal: expect.stringMatching(/[+-]\d{2}:\d{2}$/),
			charges: { Principal: { amount: expect.stringMatching(/^-\d+\.\d{2}$/), currency: expect.any(String) } },
			fees: { Commission: expect.any(Object) },
			total: { amount: expect.any(String), currency: refund.currency },
			raw: { AmazonOrderId: refund.amazonOrderId },
		});
		// every event has its net, every event of a list without date still says its type
		expect(items.every((item) => (item.total as Money | undefined)?.amount !== undefined)).toBe(true);
		expect(items.find((item) => item.eventList === 'DebtRecoveryEventList')).toMatchObject({ eventType: 'DebtRecovery', amounts: { RecoveryAmount: expect.any(Object) } });
		expect(items.find((item) => item.eventList === 'DebtRecoveryEventList')?.postedDate).toBeUndefined();
		// oldest first within the run
		expect(requests('listFinancialEvents').every((r) => r.status === 200)).toBe(true);
	}, 60_000);

	it('per-event totals of a settlement period add up exactly to its total, in yen and dollars', async () => {
		for (const seller of ['fe', 'na'] as const) {
			const groups = jsonOf((await finances(seller, { resource: 'financialEventGroup', operation: 'getMany', returnAll: true })).output('Node'));
			const closed = groups.filter((group) => group.processingStatus === 'Closed');
			expect(new Set(closed.map((group) => (group.originalTotal as Money).currency)).size).toBeGreaterThanOrEqual(2);
			// one closed group per currency
			const byCurrency = new Map<string, IDataObject>();
			for (const group of closed) byCurrency.set((group.originalTotal as Money).currency, byCurrency.get((group.originalTotal as Money).currency) ?? group);
			for (const [currency, group] of byCurrency) {
				const events = jsonOf(
					(await finances(seller, { resource: 'financialEvent', operation: 'getByGroup', financialEventGroupId: group.financialEventGroupId, returnAll: true })).output('Node'),
				);
				expect(events.length).toBeGreaterThan(10);
				expect(events.every((event) => event.financialEventGroupId === group.financialEventGroupId)).toBe(true);
				const decimals = decimalsOf(currency);
				const sum = minorSum(events.map((event) => (event.total as Money).amount), decimals);
				expect([seller, currency, sum]).toEqual([seller, currency, minorSum([(group.originalTotal as Money).amount], decimals)]);
				if (currency === 'JPY') expect(events.every((event) => !(event.total as Money).amount.includes('.'))).toBe(true);
			}
		}
	}, 60_000);

	it('splits ranges longer than 180 days and moves an end in the future back to now − 2 minutes', async () => {
		const result = await finances('na2', {
			resource: 'financialEvent',
			operation: 'getMany',
			postedAfter: iso(NOW_MS - 200 * DAY),
			postedBefore: iso(NOW_MS + 3 * DAY),
			eventTypes: ['ServiceFeeEventList'],
			returnAll: true,
		});
		expect(result.error('Node')).toBeUndefined();
		const calls = requests('listFinancialEvents');
		const windows = [...new Set(calls.map((r) => `${r.query.PostedAfter}|${r.query.PostedBefore}`))].map((w) => w.split('|').map(Date.parse));
		expect(windows).toHaveLength(2);
		for (const [after, before] of windows) expect(before - after).toBeLessThanOrEqual(180 * DAY);
		expect(windows[0][1]).toBe(windows[1][0]);
		const lastBefore = windows[1][1];
		expect(lastBefore).toBeLessThanOrEqual(Date.parse(calls[calls.length - 1].at) - 2 * 60_000);
		expect(calls.every((r) => r.status === 200)).toBe(true);
		expect(jsonOf(result.output('Node')).every((item) => item.eventType === 'ServiceFee')).toBe(true);
	});

	it('stops paging at the limit; raw pages for experts', async () => {
		const limited = await finances('eu', { resource: 'financialEvent', operation: 'getMany', postedAfter: iso(NOW_MS - 30 * DAY), limit: 5 });
		expect(limited.output('Node')).toHaveLength(5);
		const pagesUsed = requests('listFinancialEvents').length;
		expect(pagesUsed).toBeLessThanOrEqual(2);
		emulator.control.clearRequests();
		const raw = jsonOf((await finances('eu', { resource: 'financialEvent', operation: 'getMany', postedAfter: iso(NOW_MS - 30 * DAY), limit: 3, options: { output: 'rawPages', includeResponseMetadata: true } })).output('Node'));
		expect(raw).toHaveLength(3);
		expect(raw[0]).toMatchObject({ page: 1, payload: { FinancialEvents: { RefundEventList: expect.any(Array) } }, responseMetadata: { operation: 'listFinancialEvents', httpStatus: 200 } });
		expect(requests('listFinancialEvents')).toHaveLength(3);
	});

	it('filters by marketplace across several stores', async () => {
		const items = jsonOf(
			(await finances('eu', { resource: 'financialEvent', operation: 'getMany', postedAfter: iso(NOW_MS - 10 * DAY), marketplaceIds: ['DE', 'A13V1IB3VIYZZH', 'UK'], eventTypes: ['ShipmentEventList', 'RefundEventList'], returnAll: true })).output('Node'),
		);
		expect(new Set(items.map((item) => item.marketplaceId))).toEqual(new Set(['A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'A1F83G8C2ARO7P']));
		expect(new Set(items.map((item) => item.eventType))).toEqual(new Set(['Shipment', 'Refund']));
	});

	it('nothing in the period: no item, and the output pane says which stores, period and pages were checked', async () => {
		const quiet = NOW_MS - 400 * DAY;
		const events = await finances('eu', { resource: 'financialEvent', operation: 'getMany', postedAfter: iso(quiet), postedBefore: iso(quiet + DAY), marketplaceIds: ['DE'], eventTypes: ['RefundEventList'], returnAll: true });
		expect(events.output('Node')).toEqual([]);
		expect(events.hints('Node').map((hint) => hint.message)).toEqual([
			`No money events of the chosen types (Refund) to output. Checked amazon.de, posted ${iso(quiet).slice(0, 16).replace('T', ' ')} UTC to ${iso(quiet + DAY).slice(0, 16).replace('T', ' ')} UTC (${requests('listFinancialEvents').length} pages read). Amazon publishes money events minutes to 48 hours after they happen.`,
		]);
		const groups = await finances('eu', { resource: 'financialEventGroup', operation: 'getMany', startedAfter: iso(quiet), startedBefore: iso(quiet + DAY), returnAll: true });
		expect(groups.output('Node')).toEqual([]);
		expect(groups.hints('Node')[0].message).toMatch(/^No settlement periods to output\. Checked periods that opened .* UTC to .* UTC\./);
	});

	it('events of one order', async () => {
		const data = emulator.control.state.dataFor('na');
		const refund = data.events.find((event) => event.kind === 'Refund' && event.settledAt < NOW_MS - DAY)!;
		const orderId = (refund as { amazonOrderId: string }).amazonOrderId;
		const items = jsonOf((await finances('na', { resource: 'financialEvent', operation: 'getByOrder', amazonOrderId: orderId })).output('Node'));
		expect(items.map((item) => item.eventType)).toEqual(expect.arrayContaining(['Shipment', 'Refund']));
		expect(items.every((item) => item.amazonOrderId === orderId)).toBe(true);
	});

	it('transactions: marketplaces, status filter, exact breakdown, by order', async () => {
		const result = await finances('na', { resource: 'transaction', operation: 'getMany', filterBy: 'dateRange', postedAfter: iso(NOW_MS - 6 * DAY), marketplaceIds: ['US', 'MX'], returnAll: true });
		const items = jsonOf(result.output('Node'));
		expect(items.length).toBeGreaterThan(20);
		expect(new Set(items.map((item) => item.marketplaceId))).toEqual(new Set(['ATVPDKIKX0DER', 'A1AM78C64UM0Y8']));
		expect(new Set(requests('listTransactions').map((r) => r.query.marketplaceId))).toEqual(new Set(['ATVPDKIKX0DER', 'A1AM78C64UM0Y8']));
		for (const item of items) {
			const total = item.totalAmount as Money;
			const leaves = Object.values(item.breakdown as Record<string, Money>).map((m) => m.amount);
			expect([item.transactionId, minorSum(leaves, decimalsOf(total.currency))]).toEqual([item.transactionId, minorSum([total.amount], decimalsOf(total.currency))]);
		}
		const deferred = jsonOf((await finances('na', { resource: 'transaction', operation: 'getMany', postedAfter: iso(NOW_MS - 6 * DAY), transactionStatus: 'DEFERRED', returnAll: true })).output('Node'));
		expect(deferred.length).toBeGreaterThan(0);
		expect(deferred.every((item) => item.transactionStatus === 'DEFERRED' && typeof item.maturityDate === 'string')).toBe(true);
		const orderId = items.find((item) => item.amazonOrderId)!.amazonOrderId as string;
		const byOrder = jsonOf((await finances('na', { resource: 'transaction', operation: 'getMany', filterBy: 'order', amazonOrderId: orderId })).output('Node'));
		expect(byOrder.length).toBeGreaterThan(0);
		expect(byOrder.every((item) => item.amazonOrderId === orderId)).toBe(true);
	});

	it('balances per store: total = available + reserved', async () => {
		const items = jsonOf((await finances('eu', { resource: 'balance', operation: 'getMany', returnAll: true })).output('Node'));
		expect(items.map((item) => item.marketplaceId)).toEqual(emulator.fixtures.sellers.eu.marketplaceIds);
		for (const item of items) {
			const balances = item.balances as Record<string, Money>;
			const decimals = decimalsOf(balances.TOTAL.currency);
			expect(minorSum([balances.TOTAL.amount], decimals)).toBe(minorSum([balances.AVAILABLE.amount, balances.RESERVED.amount], decimals));
		}
		const past = jsonOf((await finances('eu', { resource: 'balance', operation: 'getMany', marketplaceIds: ['DE'], balanceType: 'AVAILABLE', asOfDate: '2025-03-01T10:00:00', returnAll: true })).output('Node'));
		expect(past).toEqual([expect.objectContaining({ marketplaceId: 'A1PA6795UKMFR9', balanceType: 'AVAILABLE', asOfDate: expect.stringMatching(/^2025-03-01/) })]);
	});

	it('settlement summary: net proceeds equal the settlement period total, breakdown adds up', async () => {
		const group = jsonOf((await finances('fe', { resource: 'financialEventGroup', operation: 'getMany', returnAll: true })).output('Node')).find(
			(g) => g.processingStatus === 'Closed' && (g.originalTotal as Money).currency === 'JPY',
		)!;
		const settlementId = emulator.control.state.dataFor('fe').groupsById.get(group.financialEventGroupId as string)!.settlementId;
		const [summary, ...rest] = jsonOf((await finances('fe', { resource: 'summary', operation: 'getMany', settlementId, returnAll: true })).output('Node'));
		expect(rest).toEqual([]);
		expect(summary).toMatchObject({ settlementId, financialEventGroupId: group.financialEventGroupId, netProceeds: group.originalTotal });
		expect(minorSum(Object.values(summary.breakdown as Record<string, Money>).map((m) => m.amount), 0)).toBe(minorSum([(group.originalTotal as Money).amount], 0));
	});

	describe('bad input is refused before any call', () => {
		const cases: [string, SellerFixtureKey, Record<string, unknown>, RegExp][] = [
			['end before start', 'na', { resource: 'financialEvent', operation: 'getMany', postedAfter: iso(NOW_MS - 2 * DAY), postedBefore: iso(NOW_MS - 5 * DAY) }, /not after/],
			['range in the future', 'na', { resource: 'financialEvent', operation: 'getMany', postedAfter: iso(NOW_MS + DAY) }, /future/],
			['marketplace of another region', 'na', { resource: 'financialEvent', operation: 'getMany', marketplaceIds: ['DE'] }, /EU region.*NA/],
			['unknown order id format', 'na', { resource: 'financialEvent', operation: 'getByOrder', amazonOrderId: '1234-56' }, /not an Amazon order ID/],
			['transactions: end before start', 'eu', { resource: 'transaction', operation: 'getMany', postedAfter: iso(NOW_MS - DAY), postedBefore: iso(NOW_MS - 3 * DAY) }, /not after/],
			['summary: period end before start', 'eu', { resource: 'summary', operation: 'getMany', periodStart: '2025-03-10', periodEnd: '2025-03-01' }, /before "Period Start"/],
		];
		it.each(cases)('%s', async (_name, seller, parameters, message) => {
			const failing = await finances(seller, parameters);
			expect(failing.error('Node')?.message).toMatch(message);
			const continuing = await finances(seller, parameters, { continueOnFail: true });
			expect(continuing.output('Node')).toEqual([{ json: { error: expect.stringMatching(message) }, pairedItem: { item: 0 } }]);
			expect(emulator.control.requests().filter((r) => r.tokenKind !== 'lwa')).toEqual([]);
		});
	});
});
