import { AccessTokenCache } from '../../nodes/sp-api/auth/tokenCache';
import { SpApiClient } from '../../nodes/sp-api/client';
import { normalizeCredentials } from '../../nodes/sp-api/credentials';
import { DedupeWindow, type DedupeState } from '../../nodes/sp-api/notifications/dedupe';
import { emptyLedger, ensureSubscriptions, readLedger, releaseSubscriptions } from '../../nodes/sp-api/notifications/subscriptions';
import { fetchTransactionDetails } from '../../nodes/sp-api/notifications/transactionDetails';
import { findNotificationType } from '../../nodes/sp-api/notifications/types';
import { RateLimiter } from '../../nodes/sp-api/rateLimit/limiter';
import { startEmulator } from '../emulator';
import { isOrderEvent } from '../emulator/data/model';
import type { Emulator, SellerFixtureKey } from '../emulator/types';

const type = (name: string) => findNotificationType(name)!;

describe('subscription manager against the emulator', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100 });
	});
	afterAll(async () => emulator.close());

	const client = (seller: SellerFixtureKey) =>
		new SpApiClient({ credentials: normalizeCredentials({ ...emulator.credentialsFor(seller) }), tokenCache: new AccessTokenCache(), rateLimiter: new RateLimiter(), random: () => 0.5 });

	it('creates what is missing, reuses what exists, unsubscribes types no longer chosen, and deletes only its own', async () => {
		const queue = emulator.control.sqs.createQueue({ name: 'ledger' });
		const destination = { kind: 'sqs' as const, arn: queue.arn, name: 'ledger' };
		const ledger = emptyLedger();
		const first = await ensureSubscriptions(client('na'), destination, [type('ORDER_CHANGE'), type('FEE_PROMOTION')], ledger);
		expect(first.createdDestination).toBe(true);
		expect(first.subscriptions.map((s) => [s.notificationType, s.status])).toEqual([
			['ORDER_CHANGE', 'created'],
			['FEE_PROMOTION', 'created'],
		]);
		// same trigger again (e.g. after a restart): nothing new, and it still owns both
		const again = await ensureSubscriptions(client('na'), destination, [type('ORDER_CHANGE'), type('FEE_PROMOTION')], readLedger(JSON.parse(JSON.stringify(ledger))));
		expect(again.subscriptions.map((s) => s.status)).toEqual(['owned', 'owned']);
		// FEE_PROMOTION no longer chosen: its subscription goes; a foreign one for another seller stays
		const foreign = emulator.control.notifications.subscribe({ seller: 'na2', notificationType: 'FEE_PROMOTION', payloadVersion: '1.0', destinationId: first.destinationId });
		const narrowed = await ensureSubscriptions(client('na'), destination, [type('ORDER_CHANGE')], ledger);
		expect(narrowed.released.map((s) => s.notificationType)).toEqual(['FEE_PROMOTION']);
		expect(ledger.subscriptions.map((s) => s.notificationType)).toEqual(['ORDER_CHANGE']);
		// releasing: our ORDER_CHANGE goes; the destination we created stays because na2 still uses it
		const released = await releaseSubscriptions(client('na'), ledger);
		expect(released).toMatchObject({ deleted: [expect.objectContaining({ notificationType: 'ORDER_CHANGE' })], destination: 'kept' });
		expect(emulator.control.notifications.subscriptions().map((s) => s.subscriptionId)).toEqual([foreign.subscriptionId]);
		expect(emulator.control.notifications.destinations().some((d) => d.destinationId === first.destinationId)).toBe(true);
		expect(ledger).toMatchObject({ subscriptions: [], createdDestination: true });
	});

	it('finds a transaction a notification announces, and says when Amazon does not list it yet', async () => {
		const data = emulator.control.state.dataFor('eu');
		const now = emulator.control.now().getTime();
		const refund = data.events.find((e) => e.kind === 'Refund' && e.visibleAt < now - 3600_000 && isOrderEvent(e));
		if (!refund || !isOrderEvent(refund)) throw new Error('no visible refund in the fixture data');
		const currency = refund.currency;
		const amount = (refund.totalMinor / 100).toFixed(2);
		const found = await fetchTransactionDetails(client('eu'), { orderId: refund.amazonOrderId, transactionType: 'Refund', postedDate: new Date(refund.postedAt).toISOString(), amount, currency });
		expect(found).toMatchObject({ status: 'found', transaction: { transactionType: 'Refund', totalAmount: { amount, currency } } });
		const wrongAmount = await fetchTransactionDetails(client('eu'), { orderId: refund.amazonOrderId, transactionType: 'Refund', postedDate: new Date(refund.postedAt).toISOString(), amount: '0.01', currency });
		expect(wrongAmount.status).toBe('notFoundYet');
		const tooFresh = await fetchTransactionDetails(client('eu'), { transactionType: 'ServiceFee', postedDate: new Date(Date.now() - 30_000).toISOString(), amount: '-1.00', currency: 'EUR' }, Date.now());
		expect(tooFresh).toMatchObject({ status: 'notFoundYet', message: expect.stringMatching(/less than two minutes/) });
		expect((await fetchTransactionDetails(client('eu'), { transactionType: 'Refund' })).status).toBe('notEnoughFacts');
	});
});

describe('dedupe window', () => {
	it('is bounded in size and age, survives a JSON round trip, and can forget', () => {
		const state: DedupeState = { seen: [] };
		const window = new DedupeWindow(state, { maxEntries: 3, maxAgeMs: 10_000 });
		const t0 = 1_800_000_000_000;
		for (const id of ['a', 'b', 'c', 'd']) window.remember(id, t0);
		expect(['a', 'b', 'c', 'd'].map((id) => window.has(id, t0))).toEqual([false, true, true, true]);
		const restored = new DedupeWindow(JSON.parse(JSON.stringify(state)) as DedupeState, { maxEntries: 3, maxAgeMs: 10_000 });
		expect(restored.has('d', t0)).toBe(true);
		expect(restored.has('d', t0 + 11_000)).toBe(false);
		window.forget('c');
		expect(window.has('c', t0)).toBe(false);
		expect(JSON.stringify(state)).not.toMatch(/"[abcd]"/); // ids are stored as hashes only
		const repaired = DedupeWindow.inStaticData({ dedupe: 'garbage' });
		expect(repaired.size).toBe(0);
	});
});
