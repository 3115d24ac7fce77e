/**
 * New Refund trigger, "Flag Refunds Above (per Currency)": every emitted refund carries aboveThreshold,
 * decided exactly (decimal text, never floating point) against the amount of its currency, so an If
 * node can send large refunds to a manager and let small ones through.
 */
import type { IDataObject } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator/types';
import { runPoll, spApiCredentialRef } from '../harness/n8nHarness';
import { readAmountThresholds, ThresholdError, thresholdFields } from '../../nodes/sp-api/finances/amountThresholds';
import { credentialsOf, NEW_REFUND_TRIGGER, useFixedNow } from './support';

const NOW = '2025-03-15T12:00:00Z';

describe('exact amount thresholds per currency', () => {
	const thresholds = readAmountThresholds([{ currency: 'usd', amount: '100.00' }, { currency: 'JPY', amount: '15000' }], 'flag');

	it('compares the refunded total without its sign, to the cent, and flags currencies without an amount unless told not to', () => {
		expect(thresholdFields('-100.00', 'USD', thresholds)).toEqual({ refundedAmount: '100.00', threshold: '100', aboveThreshold: false });
		expect(thresholdFields('-100.01', 'USD', thresholds)).toEqual({ refundedAmount: '100.01', threshold: '100', aboveThreshold: true });
		// 0.1 + 0.2 style amounts stay exact
		expect(thresholdFields('-100.000000000000001', 'USD', thresholds).aboveThreshold).toBe(true);
		expect(thresholdFields('-15001', 'JPY', thresholds)).toMatchObject({ refundedAmount: '15001', aboveThreshold: true });
		expect(thresholdFields('-5.00', 'EUR', thresholds)).toEqual({ refundedAmount: '5.00', threshold: null, aboveThreshold: true });
		expect(thresholdFields('-5.00', 'EUR', readAmountThresholds([{ currency: 'USD', amount: '1' }], 'pass')).aboveThreshold).toBe(false);
	});

	it.each([
		[[{ currency: 'US', amount: '1' }], /not a currency code/],
		[[{ currency: 'USD', amount: '1,00 EUR' }], /must be an amount such as 100\.00/],
		[[{ currency: 'USD', amount: '-1' }], /must not be negative/],
		[[{ currency: 'USD', amount: '1' }, { currency: 'usd', amount: '2' }], /USD has two thresholds/],
	])('refuses %j', (entries, message) => {
		expect(() => readAmountThresholds(entries, 'flag')).toThrow(ThresholdError);
		expect(() => readAmountThresholds(entries, 'flag')).toThrow(message);
	});
});

describe('New Refund trigger with "Flag Refunds Above (per Currency)"', () => {
	useFixedNow(NOW);
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 200 });
	});
	afterAll(async () => emulator.close());

	it('adds refundedAmount, threshold and aboveThreshold to every refund; without thresholds the items stay as they were', async () => {
		const spec = (parameters: IDataObject) => ({
			nodes: [{ name: 'New Refund', type: NEW_REFUND_TRIGGER, parameters: { lookbackDays: 2, ...parameters }, credentials: spApiCredentialRef() }],
			connections: {},
			credentials: { amazonSpApi: credentialsOf(emulator, 'na') },
			triggerNode: 'New Refund',
			staticData: {},
		});
		const flagged = (await runPoll(spec({ amountThresholds: { threshold: [{ currency: 'USD', amount: '40.00' }, { currency: 'CAD', amount: '55.00' }] }, options: { unlistedCurrencies: 'pass' } }))).emitted?.[0] ?? [];
		expect(flagged.length).toBeGreaterThan(3);
		for (const { json } of flagged) {
			const refunded = String(json.total).replace('-', '');
			expect(json.refundedAmount).toBe(refunded);
			const limit = json.currency === 'USD' ? 4000n : json.currency === 'CAD' ? 5500n : undefined;
			expect(json.threshold).toBe(limit === undefined ? null : json.currency === 'USD' ? '40' : '55');
			expect(json.aboveThreshold).toBe(limit === undefined ? false : BigInt(refunded.replace('.', '')) > limit);
		}
		expect(flagged.some(({ json }) => json.aboveThreshold === true)).toBe(true);
		expect(flagged.some(({ json }) => json.aboveThreshold === false)).toBe(true);

		const plain = (await runPoll(spec({}))).emitted?.[0] ?? [];
		expect(plain.map(({ json }) => json.refundKey)).toEqual(flagged.map(({ json }) => json.refundKey));
		expect(plain.every(({ json }) => !('aboveThreshold' in json) && !('refundedAmount' in json))).toBe(true);
	});
});
