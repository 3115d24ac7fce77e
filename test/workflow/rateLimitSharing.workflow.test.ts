/**
 * Amazon keeps one usage-plan bucket per application + seller + operation, whichever workflow calls.
 * Three executions of the Finances node pulling the same seller at once in one n8n process must share
 * ACORN's limiter: together they send more requests than the burst, and Amazon (the emulator, usage
 * plans time-scaled) refuses none of them. listTransactions has a small burst (10), so three separate
 * budgets would send 24 requests at once and be refused about ten times. And when the first requests
 * reach Amazon late (a busy machine, a new connection), the send margin still keeps every request in budget.
 */
import { OPERATIONS } from '../../nodes/sp-api/operations';
import { startEmulator } from '../emulator';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow } from '../harness/n8nHarness';
import { sleep } from '../helpers/waiting';
import { DAY, FINANCES, singleNode } from './support';

const PAGES_EACH = 8;
const PAGE_SIZE = 100; // transactions per page

describe('rate limit shared by executions in one process', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		// listTransactions: rate 0.5/s × 10 = 5/s, burst 10: 24 requests take (24 − 10) / 5 = 2.8 s
		emulator = await startEmulator({ timeScale: 10, historyDays: 30, ordersPerDay: 20 });
	});
	afterAll(async () => emulator.close());

	/** Three executions of the same pull of one seller at once; every one must get every transaction, with no 429. */
	async function threePulls(seller: SellerFixtureKey, arrange: () => void = () => undefined): Promise<void> {
		expect(OPERATIONS.listTransactions).toMatchObject({ rate: 0.5, burst: 10 });
		const sellerId = emulator.fixtures.sellers[seller].sellerId;
		const now = emulator.control.now().getTime();
		const after = now - 25 * DAY;
		const posted = emulator.control.state
			.dataFor(sellerId)
			.events.filter((event) => event.visibleAt <= now && event.postedAt >= after)
			.map((event) => event.postedAt)
			.sort((a, b) => a - b);
		const before = posted[PAGES_EACH * PAGE_SIZE];
		const expectedTransactions = posted.filter((ms) => ms < before).length;
		const parameters = { resource: 'transaction', operation: 'getMany', filterBy: 'dateRange', postedAfter: new Date(after).toISOString(), postedBefore: new Date(before).toISOString(), returnAll: true };

		emulator.control.clearRequests();
		arrange();
		const results = await Promise.all([1, 2, 3].map(() => runWorkflow(singleNode(emulator, seller, { type: FINANCES, parameters }))));

		for (const result of results) {
			expect(result.error('Node')).toBeUndefined();
			expect(result.output('Node')).toHaveLength(expectedTransactions);
		}
		const calls = emulator.control.requests().filter((entry) => entry.operation === 'listTransactions');
		// 24 requests against a burst of 10: separate buckets per execution would have been refused
		expect(calls.filter((entry) => entry.status === 429)).toEqual([]);
		expect(calls.length).toBe(3 * PAGES_EACH);
	}

	it('three workflows pulling one seller at once get no 429 beyond the burst', async () => {
		await threePulls('na');
	}, 30_000);

	// What a busy machine (or a new connection's handshake) does: Amazon's bucket, full until then, starts
	// refilling only when the first requests arrive, later than ACORN's that counts from sending them.
	it('still none when the first requests reach Amazon 120 ms after they left (the send margin is time, not only a share of a token)', async () => {
		// both buckets full again first (10 tokens at 5/s: 2 s)
		await sleep(2_500);
		await threePulls('na', () => emulator.control.injectFault({ operation: 'listTransactions', delayMs: 120, count: 3 }));
	}, 30_000);
});
