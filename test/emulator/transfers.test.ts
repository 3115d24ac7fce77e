/** The emulator's Transfers API 2024-06-01: payouts from the settlement periods, payment methods, on-demand payouts. */
import { walletStore } from './data/walletStore';
import { startEmulator } from './index';
import { call, HOUR, sellerToken, toMinor, type CallOptions, type HttpAnswer, type Json } from './testSupport';
import type { Emulator } from './types';

const BASE = '/finances/transfers/2024-06-01';
const DE = 'A1PA6795UKMFR9';
const UK = 'A1F83G8C2ARO7P';

describe('emulator Transfers API', () => {
	let emulator: Emulator;
	let token: string;
	beforeEach(async () => {
		emulator = await startEmulator({ now: '2025-03-15T12:00:00Z', enforceRateLimits: false, historyDays: 200 });
		token = await sellerToken(emulator, 'eu');
	});
	afterEach(() => emulator.close());

	const transfers = (path: string, options: CallOptions = {}): Promise<HttpAnswer> => call(emulator, `${BASE}${path}`, { region: 'EU', token, ...options });

	async function allPayouts(query: CallOptions['query'] = {}): Promise<{ pages: number; payouts: Json[] }> {
		const payouts: Json[] = [];
		let pages = 0;
		let nextToken: string | undefined;
		do {
			const answer = await transfers('/payouts', { query: { ...query, nextToken } });
			expect(answer.status).toBe(200);
			pages += 1;
			payouts.push(...answer.body.payouts);
			nextToken = answer.body.nextToken;
		} while (nextToken);
		return { pages, payouts };
	}

	test('one payout per settlement period whose transfer has started, paged, with the period total as amount', async () => {
		const { pages, payouts } = await allPayouts();
		const now = emulator.control.now().getTime();
		const groups = emulator.control.state.dataFor('eu').groups.filter((group) => group.fundTransferAt <= now);
		expect(pages).toBeGreaterThan(1);
		expect(payouts).toHaveLength(groups.length);
		for (const group of groups) {
			const payout = payouts.find((candidate) => candidate.id === group.settlementId);
			expect(payout.relatedIdentifiers).toEqual([{ relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: group.settlementId }]);
			if (group.totalMinor > 0) expect(toMinor(payout.amount.currencyAmount, group.currency)).toBe(BigInt(group.totalMinor));
			else expect(payout.currentStatus).toBe('NO_PAYOUT');
		}
		const recent = payouts.find((payout) => payout.currentStatus !== 'PAID' && payout.currentStatus !== 'NO_PAYOUT');
		if (recent) expect(['STARTED', 'IN_TRANSIT']).toContain(recent.currentStatus);
		const uk = await allPayouts({ marketplaceIds: UK });
		expect(uk.payouts.length).toBeGreaterThan(0);
		expect(uk.payouts.every((payout) => payout.amount === undefined || payout.amount.currencyCode === 'GBP')).toBe(true);
		const single = await allPayouts({ payoutId: payouts[0].id });
		expect(single.payouts.map((payout) => payout.id)).toEqual([payouts[0].id]);
		expect((await transfers('/payouts', { query: { marketplaceIds: 'INVALID_MARKETPLACE' } })).body).toEqual({
			errors: [{ code: 'InvalidInput', message: 'Invalid input', details: 'Invalid input' }],
		});
	});

	test('expected payouts are the open periods with their running totals', async () => {
		const answer = await transfers('/payouts/expected');
		expect(answer.status).toBe(200);
		expect(answer.body.expectedPayouts.map((payout: Json) => payout.amount?.currencyCode).sort()).toEqual(['EUR', 'GBP']);
		const de = await transfers('/payouts/expected', { query: { marketplaceIds: DE } });
		expect(de.body.expectedPayouts).toHaveLength(1);
		expect(de.body.expectedPayouts[0]).toMatchObject({ status: 'SCHEDULED', partnerMetadata: { accountType: 'STANDARD_ORDERS', marketplaceId: DE } });
	});

	test("payment methods: the deposit account, a card and the Seller Wallet accounts (their ids are the wallet's account ids)", async () => {
		const answer = await transfers('/paymentMethods', { query: { marketplaceId: DE } });
		expect(answer.body.paymentMethods.map((method: Json) => method.paymentMethodType)).toEqual(['BANK_ACCOUNT', 'CARD', 'SELLER_WALLET', 'SELLER_WALLET']);
		const walletIds = walletStore(emulator.control.state).walletOf('eu').accounts.map((account) => account.accountId);
		const onlyWallet = await transfers('/paymentMethods', { query: { marketplaceId: DE, paymentMethodTypes: 'SELLER_WALLET' } });
		expect(onlyWallet.body.paymentMethods.map((method: Json) => method.paymentMethodId)).toEqual(walletIds);
		expect((await transfers('/paymentMethods', { query: { marketplaceId: 'ABCMARKET' } })).body).toEqual({
			errors: [{ code: 'InvalidInput', message: 'Validation failed for: ABCMARKET' }],
		});
	});

	test('an on-demand payout once per marketplace within 24 hours, in the EU stores only', async () => {
		const first = await transfers('/payouts', { method: 'POST', body: { marketplaceId: DE, accountType: 'Standard Orders' } });
		expect(first.status).toBe(200);
		expect(first.body.payoutReferenceId).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const again = await transfers('/payouts', { method: 'POST', body: { marketplaceId: DE, accountType: 'Standard Orders' } });
		expect([again.status, again.body.errors[0].message]).toEqual([400, expect.stringMatching(/24-hour/)]);
		expect((await transfers('/payouts', { method: 'POST', body: { marketplaceId: UK, accountType: 'Standard Orders' } })).status).toBe(400);
		expect((await transfers('/payouts', { method: 'POST', body: { marketplaceId: DE, accountType: 'STANDARD_ORDERS' } })).status).toBe(400);
		const onDemand = (await allPayouts({ marketplaceIds: DE })).payouts.filter((payout) => payout.type === 'ON_DEMAND');
		expect(onDemand).toHaveLength(1);
		emulator.control.advanceClock(25 * HOUR);
		token = await sellerToken(emulator, 'eu');
		expect((await transfers('/payouts', { method: 'POST', body: { marketplaceId: DE, accountType: 'Standard Orders' } })).status).toBe(200);
	});
});
