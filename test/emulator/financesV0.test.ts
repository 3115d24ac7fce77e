import { startEmulator } from './index';
import { allPages, call, DAY, isoShift, MINUTE, sellerToken, type Json } from './testSupport';
import { v0Events } from './testSupportV0';
import type { Emulator, EmulatorOptions } from './types';

const NOW = new Date('2025-03-15T12:00:00Z');
const EVENTS = '/finances/v0/financialEvents';
const GROUPS = '/finances/v0/financialEventGroups';
const RANGE = { PostedAfter: isoShift(NOW, -6 * DAY), PostedBefore: isoShift(NOW, -3 * DAY) };

const eventKeys = (financialEvents: Json) =>
	v0Events(financialEvents).map(({ list, event }) => `${list}|${event.AmazonOrderId ?? ''}|${event.PostedDate ?? event.postedDate ?? JSON.stringify(event)}`);

describe('emulator finances v0', () => {
	let emulator: Emulator;
	let token: string;
	const begin = async (options: EmulatorOptions = {}) => {
		emulator = await startEmulator({ now: NOW, enforceRateLimits: false, ...options });
		token = await sellerToken(emulator, 'na');
	};
	afterEach(() => emulator.close());

	test('pages hold at most MaxResultsPerPage events over all lists and together hold every event once', async () => {
		await begin();
		const small = await allPages(emulator, EVENTS, { token, query: { ...RANGE, MaxResultsPerPage: 7 } }, (body) => body.payload.NextToken, 'NextToken');
		expect(small.length).toBeGreaterThan(5);
		for (const page of small) expect(v0Events(page.body.payload.FinancialEvents).length).toBeLessThanOrEqual(7);
		expect(small[small.length - 1].body.payload.NextToken).toBeUndefined();
		const big = await allPages(emulator, EVENTS, { token, query: RANGE }, (body) => body.payload.NextToken, 'NextToken');
		const smallKeys = small.flatMap((page) => eventKeys(page.body.payload.FinancialEvents));
		const bigKeys = big.flatMap((page) => eventKeys(page.body.payload.FinancialEvents));
		expect(smallKeys.sort()).toEqual(bigKeys.sort());
		expect(new Set(smallKeys).size).toBe(smallKeys.length);
		// Every list of the model is present, most of them empty, as Amazon sends them.
		expect(Object.keys(small[0].body.payload.FinancialEvents)).toHaveLength(34);
	});

	test('a next-page call must repeat the same arguments', async () => {
		await begin();
		const first = await call(emulator, EVENTS, { token, query: { ...RANGE, MaxResultsPerPage: 5 } });
		const NextToken = first.body.payload.NextToken;
		expect(NextToken).toEqual(expect.any(String));
		const same = await call(emulator, EVENTS, { token, query: { ...RANGE, MaxResultsPerPage: 5, NextToken } });
		expect(same.status).toBe(200);
		for (const changed of [
			{ ...RANGE, MaxResultsPerPage: 6, NextToken },
			{ ...RANGE, PostedBefore: isoShift(NOW, -2 * DAY), MaxResultsPerPage: 5, NextToken },
			{ PostedAfter: RANGE.PostedAfter, MaxResultsPerPage: 5, NextToken },
		]) {
			const answer = await call(emulator, EVENTS, { token, query: changed });
			expect(answer.status).toBe(400);
			expect(answer.body.errors[0]).toEqual({ code: 'InvalidInput', message: expect.stringContaining('NextToken'), details: '' });
		}
		const garbled = await call(emulator, EVENTS, { token, query: { ...RANGE, MaxResultsPerPage: 5, NextToken: `${NextToken}x` } });
		expect(garbled.status).toBe(400);
		// Another operation's token is refused too.
		const otherOperation = await call(emulator, GROUPS, { token, query: { NextToken } });
		expect(otherOperation.status).toBe(400);
		// And another seller's.
		const otherSeller = await call(emulator, EVENTS, { token: await sellerToken(emulator, 'na2'), query: { ...RANGE, MaxResultsPerPage: 5, NextToken } });
		expect(otherSeller.status).toBe(400);
	});

	test('emptyPageEvery makes every Nth page empty but tokened, without losing events', async () => {
		await begin({ emptyPageEvery: 3 });
		const pages = await allPages(emulator, EVENTS, { token, query: { ...RANGE, MaxResultsPerPage: 20 } }, (body) => body.payload.NextToken, 'NextToken');
		expect(pages.length).toBeGreaterThanOrEqual(6);
		pages.forEach((page, index) => {
			const count = v0Events(page.body.payload.FinancialEvents).length;
			if ((index + 1) % 3 === 0) {
				expect(count).toBe(0);
				expect(page.body.payload.NextToken).toEqual(expect.any(String));
			} else expect(count).toBeGreaterThan(0);
		});
		const all = pages.flatMap((page) => eventKeys(page.body.payload.FinancialEvents));
		emulator.control.clearRequests();
		const plain = await startEmulator({ now: NOW, enforceRateLimits: false });
		try {
			const plainPages = await allPages(plain, EVENTS, { token: await sellerToken(plain, 'na'), query: { ...RANGE, MaxResultsPerPage: 20 } }, (body) => body.payload.NextToken, 'NextToken');
			expect(all.sort()).toEqual(plainPages.flatMap((page) => eventKeys(page.body.payload.FinancialEvents)).sort());
		} finally {
			await plain.close();
		}
	});

	test('empty pages are counted across calls, so a first page can be empty too', async () => {
		await begin({ emptyPageEvery: 2 });
		const first = await call(emulator, EVENTS, { token, query: { ...RANGE, MaxResultsPerPage: 100 } });
		expect(v0Events(first.body.payload.FinancialEvents).length).toBeGreaterThan(0);
		// A new listing: its first page is the second page served for this seller and operation.
		const query = { PostedAfter: RANGE.PostedAfter, PostedBefore: isoShift(NOW, -5 * DAY) };
		const next = await call(emulator, EVENTS, { token, query });
		expect(v0Events(next.body.payload.FinancialEvents)).toEqual([]);
		const after = await call(emulator, EVENTS, { token, query: { ...query, NextToken: next.body.payload.NextToken } });
		expect(v0Events(after.body.payload.FinancialEvents).length).toBeGreaterThan(0);
		// Another operation counts on its own.
		const groups = await call(emulator, GROUPS, { token });
		expect(groups.body.payload.FinancialEventGroupList.length).toBeGreaterThan(0);
	});

	test('date and size validation answers 400 InvalidInput naming the parameter', async () => {
		await begin();
		const now = emulator.control.now();
		const cases: [Record<string, string | number>, string][] = [
			[{ PostedAfter: isoShift(now, -DAY), PostedBefore: isoShift(now, -MINUTE) }, 'PostedBefore'],
			[{ PostedAfter: isoShift(now, DAY) }, 'PostedAfter'],
			[{ PostedAfter: isoShift(now, -DAY), PostedBefore: isoShift(now, -2 * DAY) }, 'PostedAfter'],
			[{ PostedAfter: 'yesterday' }, 'PostedAfter'],
			[{ PostedAfter: isoShift(now, -DAY), PostedBefore: '2025-13-45T00:00:00Z' }, 'PostedBefore'],
			[{ PostedAfter: isoShift(now, -DAY), MaxResultsPerPage: 0 }, 'MaxResultsPerPage'],
			[{ PostedAfter: isoShift(now, -DAY), MaxResultsPerPage: 101 }, 'MaxResultsPerPage'],
			[{ PostedAfter: isoShift(now, -DAY), MaxResultsPerPage: 'ten' }, 'MaxResultsPerPage'],
			[{ PostedBefore: isoShift(now, -DAY) }, 'PostedAfter'],
			[{}, 'PostedAfter'],
		];
		for (const [query, parameter] of cases) {
			const answer = await call(emulator, EVENTS, { token, query });
			expect([query, answer.status]).toEqual([query, 400]);
			expect(answer.body).toEqual({ errors: [{ code: 'InvalidInput', message: expect.stringContaining(parameter), details: '' }] });
		}
		const groups = await call(emulator, GROUPS, { token, query: { FinancialEventGroupStartedAfter: isoShift(now, -MINUTE) } });
		expect(groups.status).toBe(400);
		expect(groups.body.errors[0].message).toContain('FinancialEventGroupStartedAfter');
	});

	test('a range wider than 180 days returns nothing, without an error', async () => {
		await begin();
		const answer = await call(emulator, EVENTS, { token, query: { PostedAfter: isoShift(NOW, -182 * DAY), PostedBefore: isoShift(NOW, -DAY) } });
		expect(answer.status).toBe(200);
		expect(v0Events(answer.body.payload.FinancialEvents)).toEqual([]);
		expect(answer.body.payload.NextToken).toBeUndefined();
		const groups = await call(emulator, GROUPS, { token, query: { FinancialEventGroupStartedAfter: isoShift(NOW, -200 * DAY) } });
		expect(groups.body.payload.FinancialEventGroupList).toEqual([]);
	});

	test('events by order id: 3-7-7 form required; unknown orders give empty lists', async () => {
		await begin();
		const bad = await call(emulator, '/finances/v0/orders/123-4567/financialEvents', { token });
		expect(bad.status).toBe(400);
		expect(bad.body.errors[0].code).toBe('InvalidInput');
		const unknown = await call(emulator, '/finances/v0/orders/999-0000000-0000000/financialEvents', { token });
		expect(unknown.status).toBe(200);
		expect(v0Events(unknown.body.payload.FinancialEvents)).toEqual([]);
		const order = emulator.control.state.dataFor('na').orders.find((candidate) => candidate.purchasedAt < NOW.getTime() - 10 * DAY);
		const known = await call(emulator, `/finances/v0/orders/${order?.amazonOrderId}/financialEvents`, { token });
		expect(known.body.payload.FinancialEvents.ShipmentEventList).toHaveLength(1);
		expect(known.body.payload.FinancialEvents.ShipmentEventList[0].AmazonOrderId).toBe(order?.amazonOrderId);
	});

	test('event groups: default page of 10, newest first, Open ones without transfer data', async () => {
		await begin();
		const first = await call(emulator, GROUPS, { token });
		const list: Json[] = first.body.payload.FinancialEventGroupList;
		expect(list).toHaveLength(10);
		expect(first.body.payload.NextToken).toEqual(expect.any(String));
		const starts = list.map((group) => Date.parse(group.FinancialEventGroupStart));
		expect([...starts].sort((a, b) => b - a)).toEqual(starts);
		for (const group of list) {
			if (group.ProcessingStatus === 'Open') {
				expect(group.FundTransferDate).toBeUndefined();
				expect(group.FinancialEventGroupEnd).toBeUndefined();
			} else {
				expect(group.ProcessingStatus).toBe('Closed');
				expect(group).toEqual(expect.objectContaining({ FundTransferStatus: 'Succeeded', TraceId: expect.any(String), AccountTail: expect.stringMatching(/^\d{3}$/) }));
				expect(Date.parse(group.FinancialEventGroupEnd) - Date.parse(group.FinancialEventGroupStart)).toBe(14 * DAY);
			}
		}
		const after = isoShift(NOW, -30 * DAY);
		const filtered = await call(emulator, GROUPS, { token, query: { FinancialEventGroupStartedAfter: after, MaxResultsPerPage: 100 } });
		const filteredStarts = filtered.body.payload.FinancialEventGroupList.map((group: Json) => group.FinancialEventGroupStart);
		expect(filteredStarts.length).toBeGreaterThan(0);
		expect(filteredStarts.every((start: string) => start >= after.replace('.000Z', 'Z'))).toBe(true);
		const unknown = await call(emulator, `${GROUPS}/not-a-group/financialEvents`, { token });
		expect(unknown.status).toBe(200);
		expect(v0Events(unknown.body.payload.FinancialEvents)).toEqual([]);
	});

	test('an Open group closes when its period ends on the emulator clock', async () => {
		await begin({ tokenLifetimeSeconds: 30 * 24 * 3600 });
		const open = (await call(emulator, GROUPS, { token })).body.payload.FinancialEventGroupList.find((group: Json) => group.ProcessingStatus === 'Open');
		const data = emulator.control.state.dataFor('na').groupsById.get(open.FinancialEventGroupId);
		if (!data) throw new Error('open group not in state');
		emulator.control.advanceClock(data.fundTransferAt - emulator.control.now().getTime() + 1000);
		const later = await allPages(emulator, GROUPS, { token, query: { MaxResultsPerPage: 100 } }, (body) => body.payload.NextToken, 'NextToken');
		const closed = later.flatMap((page) => page.body.payload.FinancialEventGroupList).find((group: Json) => group.FinancialEventGroupId === open.FinancialEventGroupId);
		expect(closed).toEqual(expect.objectContaining({ ProcessingStatus: 'Closed', FundTransferStatus: 'Succeeded', FinancialEventGroupEnd: expect.any(String) }));
	});
});
