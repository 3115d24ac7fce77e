import type { OrderFinanceEvent } from './data/model';
import { RARE_EVENT_LISTS } from './data/rareEvents';
import { startEmulator } from './index';
import { allPages, call, DAY, isoShift, sellerToken, toMinor, type Json } from './testSupport';
import { v0EventNet, v0Events } from './testSupportV0';
import type { Emulator } from './types';

const NOW = new Date('2025-03-15T12:00:00Z');
const TRANSACTIONS = '/finances/2024-06-19/transactions';

const minor = (money: Json) => toMinor(money.currencyAmount, money.currencyCode);

/** Every breakdown level sums exactly to its parent; returns the sum of the top level. */
function checkBreakdowns(breakdowns: Json[], problems: string[], at: string): bigint {
	let sum = 0n;
	for (const breakdown of breakdowns) {
		const amount = minor(breakdown.breakdownAmount);
		if (breakdown.breakdowns) {
			const children = checkBreakdowns(breakdown.breakdowns, problems, `${at}/${breakdown.breakdownType}`);
			if (children !== amount) problems.push(`${at}/${breakdown.breakdownType}: children sum ${children}, amount ${amount}`);
		}
		sum += amount;
	}
	return sum;
}

function transactionProblems(transaction: Json): string[] {
	const problems: string[] = [];
	const total = minor(transaction.totalAmount);
	const top = checkBreakdowns(transaction.breakdowns ?? [], problems, transaction.transactionId);
	if (transaction.breakdowns && top !== total) problems.push(`${transaction.transactionId}: breakdowns ${top} != total ${total}`);
	if (transaction.items) {
		const items = transaction.items.reduce((sum: bigint, item: Json) => sum + minor(item.totalAmount), 0n);
		if (items !== total) problems.push(`${transaction.transactionId}: items ${items} != total ${total}`);
		for (const item of transaction.items) {
			if (!item.breakdowns) continue;
			const itemTop = checkBreakdowns(item.breakdowns, problems, `${transaction.transactionId}/item`);
			if (itemTop !== minor(item.totalAmount)) problems.push(`${transaction.transactionId}: item breakdowns do not sum to the item`);
		}
	}
	return problems;
}

describe('emulator finances 2024-06-19', () => {
	let emulator: Emulator;
	let token: string;
	beforeEach(async () => {
		emulator = await startEmulator({ now: NOW, enforceRateLimits: false, tokenLifetimeSeconds: 30 * 24 * 3600 });
		token = await sellerToken(emulator, 'na');
	});
	afterEach(() => emulator.close());

	test('postedAfter is required unless filtering by ORDER_ID or FINANCIAL_EVENT_GROUP_ID', async () => {
		const missing = await call(emulator, TRANSACTIONS, { token });
		expect(missing.status).toBe(400);
		expect(missing.body).toEqual({ errors: [{ code: 'InvalidInput', message: expect.stringContaining('postedAfter'), details: '' }] });
		const order = emulator.control.state.dataFor('na').orders[0].amazonOrderId;
		expect((await call(emulator, TRANSACTIONS, { token, query: { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: order } })).status).toBe(200);
		const other = await call(emulator, TRANSACTIONS, { token, query: { relatedIdentifierName: 'SHIPMENT_ID', relatedIdentifierValue: 'x' } });
		expect(other.status).toBe(400);
		const halfFilter = await call(emulator, TRANSACTIONS, { token, query: { relatedIdentifierName: 'ORDER_ID' } });
		expect(halfFilter.status).toBe(400);
		const badStatus = await call(emulator, TRANSACTIONS, { token, query: { postedAfter: isoShift(NOW, -DAY), transactionStatus: 'PENDING' } });
		expect(badStatus.status).toBe(400);
	});

	test('transactions of an order are its v0 events: same count, types and totals', async () => {
		const data = emulator.control.state.dataFor('na');
		const orders = [...data.eventsByOrderId.values()]
			.filter((events) => events.length > 1 && events.every((event) => event.settledAt < NOW.getTime() && !event.releaseAt))
			.slice(0, 15);
		expect(orders.length).toBe(15);
		for (const events of orders) {
			const orderId = (events[0] as OrderFinanceEvent).amazonOrderId;
			const v0 = v0Events((await call(emulator, `/finances/v0/orders/${orderId}/financialEvents`, { token })).body.payload.FinancialEvents);
			const answer = await call(emulator, TRANSACTIONS, { token, query: { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: orderId } });
			const transactions: Json[] = answer.body.payload.transactions;
			expect(transactions).toHaveLength(v0.length);
			expect(transactions.map((t) => minor(t.totalAmount)).sort()).toEqual(v0.map(({ list, event }) => v0EventNet(list, event)).sort());
			for (const transaction of transactions) {
				expect(transaction.relatedIdentifiers).toEqual(
					expect.arrayContaining([
						{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: orderId },
						{ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: expect.any(String) },
					]),
				);
				expect(transaction.transactionStatus).toBe('RELEASED');
				expect(transactionProblems(transaction)).toEqual([]);
			}
			const types = transactions.map((t) => `${t.transactionType}: ${t.description}`);
			expect(types[0]).toBe('Shipment: Order Payment');
			if (v0.some(({ list }) => list === 'RefundEventList')) expect(types).toContain('Refund: Refund Order');
		}
	});

	test('paging with payload.nextToken; every breakdown adds up', async () => {
		const query = { postedAfter: isoShift(NOW, -8 * DAY), postedBefore: isoShift(NOW, -5 * DAY) };
		const pages = await allPages(emulator, TRANSACTIONS, { token, query }, (body) => body.payload.nextToken, 'nextToken');
		expect(pages.length).toBeGreaterThan(1);
		const transactions: Json[] = pages.flatMap((page) => page.body.payload.transactions);
		expect(new Set(transactions.map((t) => t.transactionId)).size).toBe(transactions.length);
		expect(transactions.flatMap(transactionProblems)).toEqual([]);
		const known = ['Shipment', 'Refund', 'ServiceFee', 'Adjustment', 'ProductAdsPayment', 'ChargeRefund', 'GuaranteeClaim', 'Chargeback', ...RARE_EVENT_LISTS.map((list) => list.replace(/EventList$/, ''))];
		expect(transactions.filter((t) => !known.includes(t.transactionType))).toEqual([]);
		expect(transactions.some((t) => t.transactionType === 'Refund' && t.description === 'Refund Order')).toBe(true);
		expect(transactions.every((t) => t.postedDate >= query.postedAfter.replace('.000Z', 'Z') && t.postedDate < query.postedBefore)).toBe(true);
		const changed = await call(emulator, TRANSACTIONS, { token, query: { ...query, marketplaceId: 'ATVPDKIKX0DER', nextToken: pages[0].body.payload.nextToken } });
		expect(changed.status).toBe(400);
		const us = await allPages(emulator, TRANSACTIONS, { token, query: { ...query, marketplaceId: 'ATVPDKIKX0DER' } }, (body) => body.payload.nextToken, 'nextToken');
		const usTransactions: Json[] = us.flatMap((page) => page.body.payload.transactions);
		expect(usTransactions.length).toBeGreaterThan(0);
		expect(usTransactions.every((t) => t.marketplaceDetails.marketplaceId === 'ATVPDKIKX0DER' && t.marketplaceDetails.marketplaceName === 'Amazon.com')).toBe(true);
	});

	test('deferred transactions: DEFERRED in 2024-06-19 and absent from v0 until released', async () => {
		const query = { postedAfter: isoShift(NOW, -6 * DAY), transactionStatus: 'DEFERRED' };
		const deferred: Json[] = (await allPages(emulator, TRANSACTIONS, { token, query }, (body) => body.payload.nextToken, 'nextToken')).flatMap((page) => page.body.payload.transactions);
		expect(deferred.length).toBeGreaterThan(0);
		const sample = deferred[0];
		expect(sample.transactionStatus).toBe('DEFERRED');
		expect(sample.contexts).toEqual([{ contextType: 'DeferredContext', deferralReason: 'DD7', maturityDate: expect.any(String) }]);
		expect(sample.relatedIdentifiers.map((identifier: Json) => identifier.relatedIdentifierName)).toEqual(['ORDER_ID']);
		const orderId = sample.relatedIdentifiers[0].relatedIdentifierValue;
		const v0Shipments = async () => (await call(emulator, `/finances/v0/orders/${orderId}/financialEvents`, { token })).body.payload.FinancialEvents.ShipmentEventList;
		expect(await v0Shipments()).toEqual([]);

		emulator.control.advanceClock(Date.parse(sample.contexts[0].maturityDate) - emulator.control.now().getTime() + 1000);
		expect(await v0Shipments()).toHaveLength(1);
		const released = (await call(emulator, TRANSACTIONS, { token, query: { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: orderId } })).body.payload.transactions.find(
			(t: Json) => t.transactionId === sample.transactionId,
		);
		expect(released.transactionStatus).toBe('DEFERRED_RELEASED');
		expect(released.relatedIdentifiers.map((identifier: Json) => identifier.relatedIdentifierName)).toEqual(['ORDER_ID', 'FINANCIAL_EVENT_GROUP_ID']);
	});

	test('transactions of a closed group, its summary and its v0 OriginalTotal agree exactly', async () => {
		const groups: Json[] = (await call(emulator, '/finances/v0/financialEventGroups', { token, query: { MaxResultsPerPage: 100 } })).body.payload.FinancialEventGroupList;
		const closed = groups.filter((group) => group.ProcessingStatus === 'Closed').slice(0, 3);
		expect(closed).toHaveLength(3);
		for (const group of closed) {
			const original = toMinor(group.OriginalTotal.CurrencyAmount, group.OriginalTotal.CurrencyCode);
			const pages = await allPages(emulator, TRANSACTIONS, { token, query: { relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: group.FinancialEventGroupId } }, (body) => body.payload.nextToken, 'nextToken');
			const sum = pages.flatMap((page) => page.body.payload.transactions).reduce((total: bigint, t: Json) => total + minor(t.totalAmount), 0n);
			expect(sum).toBe(original);
			const settlementId = emulator.control.state.dataFor('na').groupsById.get(group.FinancialEventGroupId)?.settlementId ?? '';
			const summary = await call(emulator, '/finances/2024-06-19/summary', { token, query: { relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: settlementId } });
			expect(summary.status).toBe(200);
			expect(summary.body.nextToken).toBeUndefined();
			const [only] = summary.body.summaries;
			expect(summary.body.summaries).toHaveLength(1);
			expect(minor(only.netProceeds)).toBe(original);
			const problems: string[] = [];
			expect(checkBreakdowns(only.breakdowns, problems, 'summary')).toBe(original);
			expect(problems).toEqual([]);
			expect(only.periodStart).toBe(group.FinancialEventGroupStart);
			expect(only.periodEnd).toBe(group.FinancialEventGroupEnd);
		}
	});

	test('summaries filter by marketplace and period', async () => {
		const uk = await call(emulator, '/finances/2024-06-19/summary', { region: 'EU', token: await sellerToken(emulator, 'eu'), query: { marketplaceIds: 'A1F83G8C2ARO7P' } });
		expect(uk.body.summaries.length).toBeGreaterThan(5);
		expect(uk.body.summaries.every((summary: Json) => summary.netProceeds.currencyCode === 'GBP')).toBe(true);
		const recent = await call(emulator, '/finances/2024-06-19/summary', { token, query: { periodStart: isoShift(NOW, -10 * DAY).slice(0, 10) } });
		expect(recent.body.summaries.every((summary: Json) => Date.parse(summary.periodEnd) > NOW.getTime() - 10 * DAY - DAY)).toBe(true);
		expect((await call(emulator, '/finances/2024-06-19/summary', { token, query: { periodStart: '2025-02-30x' } })).status).toBe(400);
	});

	test('balances: TOTAL = AVAILABLE + RESERVED, RESERVED = DEFERRED + ACCOUNT_LEVEL_RESERVE, per marketplace', async () => {
		const answer = await call(emulator, '/finances/2024-06-19/balances', { token });
		expect(answer.status).toBe(200);
		const balances: Json[] = answer.body.balances;
		expect(balances.map((balance) => balance.partnerMetadata.marketplaceId)).toEqual(emulator.fixtures.sellers.na.marketplaceIds);
		let deferredSomewhere = false;
		for (const balance of balances) {
			expect(balance.balanceType).toBe('TOTAL');
			expect(balance.lastUpdatedTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
			const [available, reserved] = balance.balances;
			expect(minor(balance.amount)).toBe(minor(available.amount) + minor(reserved.amount));
			expect(minor(reserved.amount)).toBe(reserved.balances.reduce((sum: bigint, part: Json) => sum + minor(part.amount), 0n));
			if (minor(reserved.balances[0].amount) !== 0n) deferredSomewhere = true;
		}
		expect(deferredSomewhere).toBe(true);
		const onlyAvailable = await call(emulator, '/finances/2024-06-19/balances', { token, query: { balanceType: 'AVAILABLE', marketplaceIds: 'A2EUQ1WTGCTBG2' } });
		expect(onlyAvailable.body.balances).toEqual([
			{ partnerMetadata: { partnerId: emulator.fixtures.sellers.na.sellerId, accountType: 'Standard Orders', marketplaceId: 'A2EUQ1WTGCTBG2' }, balanceType: 'AVAILABLE', amount: { currencyCode: 'CAD', currencyAmount: expect.any(Number) }, lastUpdatedTime: expect.any(String) },
		]);
		const past = await call(emulator, '/finances/2024-06-19/balances', { token, query: { asOfDate: '2025-03-01' } });
		expect(past.body.balances[0].asOfDate).toBe('2025-03-01T23:59:59Z');
		expect(past.body.balances[0].lastUpdatedTime).toBeUndefined();
		expect((await call(emulator, '/finances/2024-06-19/balances', { token, query: { asOfDate: '2030-01-01' } })).status).toBe(400);
		expect((await call(emulator, '/finances/2024-06-19/balances', { token, query: { balanceType: 'PENDING' } })).status).toBe(400);
	});
});
