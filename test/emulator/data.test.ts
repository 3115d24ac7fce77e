import type { FinanceEvent, OrderFinanceEvent, OtherFinanceEvent } from './data/model';
import { RARE_EVENT_LISTS } from './data/rareEvents';
import { startEmulator } from './index';
import { allPages, call, DAY, HOUR, isoShift, sellerToken, toMinor, type Json } from './testSupport';
import { v0EventNet, v0Events } from './testSupportV0';
import type { Emulator } from './types';

const NOW = '2025-03-15T12:00:00Z';
const NOW_MS = Date.parse(NOW);

function fingerprint(emulator: Emulator, seller: 'fe'): string {
	const data = emulator.control.state.dataFor(seller);
	return JSON.stringify({
		catalog: data.catalog,
		orders: data.orders,
		events: data.events,
		groups: data.groups.map((group) => ({ ...group, events: group.events.map((event) => event.eventId) })),
	});
}

/** Every {CurrencyCode, CurrencyAmount} object inside an answer. */
function moneyIn(value: Json, found: Json[] = []): Json[] {
	if (Array.isArray(value)) value.forEach((item) => moneyIn(item, found));
	else if (value && typeof value === 'object') {
		if ('CurrencyCode' in value) found.push(value);
		Object.values(value).forEach((item) => moneyIn(item, found));
	}
	return found;
}

describe('emulator data generator', () => {
	const started: Emulator[] = [];
	const start = async (options: Parameters<typeof startEmulator>[0]) => {
		const emulator = await startEmulator({ enforceRateLimits: false, ...options });
		started.push(emulator);
		return emulator;
	};
	afterEach(async () => {
		await Promise.all(started.splice(0).map((emulator) => emulator.close()));
	});

	test('same seed and clock start give identical data and answers; another seed does not', async () => {
		const [a, b, c] = [await start({ now: NOW, seed: 7 }), await start({ now: NOW, seed: 7 }), await start({ now: NOW, seed: 8 })];
		expect(fingerprint(a, 'fe')).toBe(fingerprint(b, 'fe'));
		expect(fingerprint(c, 'fe')).not.toBe(fingerprint(a, 'fe'));
		// Far enough in the past that everything in range has settled, whatever real time passes.
		const query = { PostedAfter: isoShift(new Date(NOW), -20 * DAY), PostedBefore: isoShift(new Date(NOW), -15 * DAY), MaxResultsPerPage: 100 };
		const answer = async (emulator: Emulator) =>
			(await call(emulator, '/finances/v0/financialEvents', { region: 'EU', token: await sellerToken(emulator, 'eu'), query })).body.payload.FinancialEvents;
		const [fromA, fromB, fromC] = [await answer(a), await answer(b), await answer(c)];
		expect(v0Events(fromA).length).toBeGreaterThan(50);
		expect(fromB).toEqual(fromA);
		expect(fromC).not.toEqual(fromA);
	});

	test('a different clock start moves the data', async () => {
		const [a, b] = [await start({ now: NOW }), await start({ now: '2025-03-16T12:00:00Z' })];
		expect(a.control.state.dataFor('fe').orders[0].purchasedAt).not.toBe(b.control.state.dataFor('fe').orders[0].purchasedAt);
	});

	test('money: JPY without decimals, other currencies with at most two; non-ASCII titles in EU and JP', async () => {
		const emulator = await start({ now: NOW, ordersPerDay: 4 });
		const query = { PostedAfter: isoShift(new Date(NOW), -30 * DAY), PostedBefore: isoShift(new Date(NOW), -1 * DAY) };
		const pages = await allPages(emulator, '/finances/v0/financialEvents', { region: 'FE', token: await sellerToken(emulator, 'fe'), query }, (body) => body.payload.NextToken, 'NextToken');
		const money = pages.flatMap((page) => moneyIn(page.body.payload.FinancialEvents));
		const currencies = new Set(money.map((value) => value.CurrencyCode));
		expect([...currencies].sort()).toEqual(['AUD', 'JPY']);
		for (const value of money) {
			expect(typeof value.CurrencyAmount).toBe('number');
			if (value.CurrencyCode === 'JPY') expect(Number.isInteger(value.CurrencyAmount)).toBe(true);
			expect(() => toMinor(value.CurrencyAmount, value.CurrencyCode)).not.toThrow();
		}
		const titles = (key: 'eu' | 'fe' | 'na', country: string) =>
			emulator.control.state.dataFor(key).catalog.filter((item) => item.marketplaceId === country).map((item) => item.title);
		expect(titles('eu', 'A1PA6795UKMFR9').some((title) => /[^\x00-\x7f]/.test(title))).toBe(true);
		expect(titles('fe', 'A1VC38T7YXB528').every((title) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(title))).toBe(true);
		expect(emulator.control.state.dataFor('fe').catalog.filter((item) => item.currency === 'JPY').every((item) => item.unitPriceMinor % 10 === 0)).toBe(true);
	});

	test('every event belongs to exactly one group of its currency and period', async () => {
		const emulator = await start({ now: NOW });
		for (const key of ['na', 'eu', 'fe'] as const) {
			const data = emulator.control.state.dataFor(key);
			const misplaced: string[] = [];
			let held = 0;
			for (const group of data.groups) {
				held += group.events.length;
				let total = 0n;
				for (const event of group.events) {
					const inPeriod = event.settledAt >= group.startAt && event.settledAt < group.endAt;
					if (event.groupId !== group.groupId || event.currency !== group.currency || !inPeriod) misplaced.push(event.eventId);
					total += BigInt(event.totalMinor);
				}
				expect(total).toBe(BigInt(group.totalMinor));
			}
			expect(misplaced).toEqual([]);
			expect(held).toBe(data.events.length);
			expect(new Set(data.events.map((event) => event.eventId)).size).toBe(data.events.length);
		}
	});

	test('group totals equal the exact sum of the events listFinancialEventsByGroupId returns', async () => {
		const emulator = await start({ now: NOW, ordersPerDay: 6 });
		const token = await sellerToken(emulator, 'na');
		const groupPages = await allPages(emulator, '/finances/v0/financialEventGroups', { token, query: { MaxResultsPerPage: 100 } }, (body) => body.payload.NextToken, 'NextToken');
		const groups: Json[] = groupPages.flatMap((page) => page.body.payload.FinancialEventGroupList);
		expect(groups.filter((group) => group.ProcessingStatus === 'Open')).toHaveLength(3); // USD, CAD, MXN
		expect(groups.length).toBeGreaterThan(20);
		for (const group of groups) {
			const pages = await allPages(emulator, `/finances/v0/financialEventGroups/${group.FinancialEventGroupId}/financialEvents`, { token }, (body) => body.payload.NextToken, 'NextToken');
			let sum = 0n;
			for (const page of pages) for (const { list, event } of v0Events(page.body.payload.FinancialEvents)) sum += v0EventNet(list, event);
			expect([group.FinancialEventGroupId, sum]).toEqual([group.FinancialEventGroupId, toMinor(group.OriginalTotal.CurrencyAmount, group.OriginalTotal.CurrencyCode)]);
		}
	});

	test('refunds reverse at most what was shipped, with all their parts', async () => {
		const emulator = await start({ now: NOW });
		const data = emulator.control.state.dataFor('na');
		const settled = (event: FinanceEvent) => event.settledAt < NOW_MS;
		const refunded = [...data.eventsByOrderId.values()].filter((events) => events.some((event) => event.kind === 'Refund') && events.every(settled));
		expect(refunded.length).toBeGreaterThan(100);
		// Partial refunds and orders refunded twice exist.
		const refunds = data.events.filter((event): event is OrderFinanceEvent => event.kind === 'Refund');
		expect(refunds.some((refund) => refund.items.some((item) => {
			const shipment = data.eventsByOrderId.get(refund.amazonOrderId)?.find((event): event is OrderFinanceEvent => event.kind === 'Shipment');
			return item.quantity < (shipment?.items.find((shipped) => shipped.sellerSku === item.sellerSku)?.quantity ?? 0);
		}))).toBe(true);
		expect([...data.eventsByOrderId.values()].some((events) => events.filter((event) => event.kind === 'Refund').length === 2)).toBe(true);

		const token = await sellerToken(emulator, 'na');
		for (const events of refunded.slice(0, 40)) {
			const orderId = events[0].amazonOrderId;
			const answer = await call(emulator, `/finances/v0/orders/${orderId}/financialEvents`, { token });
			const { ShipmentEventList: shipments, RefundEventList: refundList } = answer.body.payload.FinancialEvents;
			expect(shipments).toHaveLength(1);
			const shipped = new Map<string, Json>(shipments[0].ShipmentItemList.map((item: Json) => [item.SellerSKU, item]));
			const refundedQuantity = new Map<string, number>();
			for (const refund of refundList) {
				expect(refund.AmazonOrderId).toBe(orderId);
				expect(Date.parse(refund.PostedDate)).toBeGreaterThan(Date.parse(shipments[0].PostedDate));
				for (const item of refund.ShipmentItemAdjustmentList) {
					const original = shipped.get(item.SellerSKU);
					expect(original).toBeDefined();
					expect(item.OrderAdjustmentItemId).toMatch(/^\d{14}$/);
					expect(item.QuantityShipped).toBeGreaterThanOrEqual(1);
					refundedQuantity.set(item.SellerSKU, (refundedQuantity.get(item.SellerSKU) ?? 0) + item.QuantityShipped);
					const charge = (list: Json[], type: string) => list.find((part) => part.ChargeType === type)?.ChargeAmount.CurrencyAmount;
					const fee = (list: Json[], type: string) => list.find((part) => part.FeeType === type)?.FeeAmount.CurrencyAmount;
					expect(item.ItemChargeAdjustmentList.map((part: Json) => part.ChargeType)).toEqual(['Principal', 'Tax', 'GiftWrap', 'GiftWrapTax', 'ShippingCharge', 'ShippingTax']);
					const principal = charge(item.ItemChargeAdjustmentList, 'Principal');
					expect(principal).toBeLessThan(0);
					expect(-principal).toBeLessThanOrEqual(charge(original.ItemChargeList, 'Principal'));
					expect(charge(item.ItemChargeAdjustmentList, 'Tax')).toBeLessThanOrEqual(0);
					expect(fee(item.ItemFeeAdjustmentList, 'Commission')).toBeGreaterThan(0);
					expect(fee(item.ItemFeeAdjustmentList, 'RefundCommission')).toBeLessThan(0);
					if (original.PromotionList) {
						expect(item.PromotionAdjustmentList.every((promotion: Json) => promotion.PromotionAmount.CurrencyAmount >= 0)).toBe(true);
					}
					if (shipments[0].MarketplaceName === 'Amazon.com') {
						const withheld = item.ItemTaxWithheldList[0];
						expect(withheld.TaxCollectionModel).toBe('MarketplaceFacilitator');
						expect(charge(withheld.TaxesWithheld, 'MarketplaceFacilitatorTax-Principal')).toBe(-charge(item.ItemChargeAdjustmentList, 'Tax'));
					}
				}
			}
			for (const [sku, quantity] of refundedQuantity) expect(quantity).toBeLessThanOrEqual(shipped.get(sku).QuantityShipped);
		}
	});

	test('the rarer event lists: each seller has some, US-only lists only in the US, each adds up', async () => {
		const emulator = await start({ now: NOW });
		const listsOf = (key: 'na' | 'eu' | 'fe') =>
			emulator.control.state.dataFor(key).events.filter((event): event is OtherFinanceEvent => event.kind === 'Other');
		const us = listsOf('na');
		expect(new Set(us.map((event) => event.list))).toEqual(new Set(RARE_EVENT_LISTS));
		for (const event of us.filter((e) => e.list === 'FBALiquidationEventList' || e.list === 'EBTRefundReimbursementOnlyEventList')) expect(event.marketplaceId).toBe('ATVPDKIKX0DER');
		for (const key of ['eu', 'fe'] as const) {
			const lists = new Set(listsOf(key).map((event) => event.list));
			expect(lists.has('FBALiquidationEventList') || lists.has('EBTRefundReimbursementOnlyEventList')).toBe(false);
			expect(lists.size).toBe(RARE_EVENT_LISTS.length - 2);
		}
		for (const event of [...us, ...listsOf('fe')]) {
			expect([event.eventId, v0EventNet(event.list, event.v0)]).toEqual([event.eventId, BigInt(event.totalMinor)]);
		}
	});

	test('late arrival: most events within hours, about one in ten after a day, none after 48 h', async () => {
		const emulator = await start({ now: NOW });
		const events = emulator.control.state.dataFor('eu').events;
		const lags = events.map((event) => event.visibleAt - event.postedAt);
		expect(Math.min(...lags)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...lags)).toBeLessThanOrEqual(48 * HOUR);
		const late = lags.filter((lag) => lag > 24 * HOUR).length / lags.length;
		expect(late).toBeGreaterThan(0.05);
		expect(late).toBeLessThan(0.15);
		const median = [...lags].sort((x, y) => x - y)[Math.floor(lags.length / 2)];
		expect(median).toBeLessThan(6 * HOUR);
	});

	test('a posted event appears only once visible on the emulator clock', async () => {
		// Tokens outlive the clock jumps of this test.
		const emulator = await start({ now: NOW, tokenLifetimeSeconds: 10 * 24 * 3600 });
		const token = await sellerToken(emulator, 'na');
		const pending = emulator.control.state
			.dataFor('na')
			.events.find((event): event is OrderFinanceEvent => event.kind === 'Shipment' && !event.releaseAt && event.postedAt < NOW_MS - HOUR && event.visibleAt > NOW_MS + 5 * 60_000);
		if (!pending) throw new Error('the generator produced no shipment that is posted but not yet visible');
		const query = { PostedAfter: new Date(pending.postedAt - 1000).toISOString(), PostedBefore: new Date(pending.postedAt + 1000).toISOString() };
		const find = async () => {
			const answer = await call(emulator, '/finances/v0/financialEvents', { token, query });
			expect(answer.status).toBe(200);
			return answer.body.payload.FinancialEvents.ShipmentEventList.find((event: Json) => event.AmazonOrderId === pending.amazonOrderId);
		};
		expect(await find()).toBeUndefined();
		const transactions = async () =>
			(await call(emulator, '/finances/2024-06-19/transactions', { token, query: { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: pending.amazonOrderId } })).body.payload.transactions;
		expect(await transactions()).toEqual([]);
		emulator.control.advanceClock(pending.visibleAt - emulator.control.now().getTime() + 1000);
		const shown = await find();
		// PostedDate stays what Amazon reported, not the arrival time.
		expect(shown?.PostedDate).toBe(new Date(pending.postedAt).toISOString().replace('.000Z', 'Z'));
		expect((await transactions()).map((transaction: Json) => transaction.transactionType)).toEqual(['Shipment']);
	});
});
