/**
 * The control hook that makes a settlement report disagree with the Finances API on purpose
 * (`reports.editSettlementLines`): both flat-file layouts follow the edit, the report still adds up
 * (its total is the sum of its lines), the Finances API is untouched, and the edit can be undone.
 */
import { startEmulator } from './index';
import { MINUTE, sellerToken, toMinor, type Json } from './testSupport';
import { documentText, rawGet, reportsApi, tsvRows, type ReportsApi } from './testSupportReports';
import type { Emulator } from './types';

const NOW = new Date('2025-03-15T12:00:00Z');
const DAY = 86_400_000;
const V1_AMOUNTS = ['price-amount', 'item-related-fee-amount', 'promotion-amount', 'other-amount', 'misc-fee-amount', 'other-fee-amount', 'shipment-fee-amount', 'order-fee-amount', 'direct-payment-amount'];

describe('emulator: editing settlement lines', () => {
	let emulator: Emulator;
	let api: ReportsApi;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, enforceRateLimits: false, ordersPerDay: 6, tokenLifetimeSeconds: 30 * 86_400 });
		api = reportsApi(emulator, 'NA', await sellerToken(emulator, 'na'));
	});
	afterAll(() => emulator.close());

	async function layout(reportType: string, dataStartTime: string): Promise<Record<string, string>[]> {
		const report = (await api.list({ reportTypes: reportType, pageSize: 100 })).body.reports.find((candidate: Json) => candidate.dataStartTime === dataStartTime);
		const document = await api.document(report.reportDocumentId);
		return tsvRows(documentText(await rawGet(document.body.url), 'windows-1252'));
	}

	test('V2 and the older flat file follow the edit and still add up; undo restores Amazon’s lines', async () => {
		const group = emulator.control.state
			.dataFor('na')
			.groups.filter((candidate) => candidate.currency === 'USD' && candidate.endAt + 30 * MINUTE <= NOW.getTime() && candidate.endAt > NOW.getTime() - 80 * DAY)
			.at(-1)!;
		const start = `${new Date(group.startAt).toISOString().slice(0, 19)}+00:00`;
		const [, ...before] = await layout('GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', start);
		const refund = before.find((line) => line['transaction-type'] === 'Refund')!;
		expect(refund).toBeDefined();

		emulator.control.reports.editSettlementLines('na', group.groupId, (lines) =>
			lines.filter((line) => line.orderId !== refund['order-id']).map((line, index) => (index === 0 ? { ...line, minor: line.minor + 1 } : line)),
		);
		const [summary, ...after] = await layout('GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', start);
		const removed = before.filter((line) => line['order-id'] === refund['order-id']);
		expect(after).toHaveLength(before.length - removed.length);
		expect(after.some((line) => line['order-id'] === refund['order-id'])).toBe(false);
		const sum = (rows: Record<string, string>[], columns: string[]) => rows.reduce((total, line) => total + columns.reduce((s, column) => s + (line[column] ? toMinor(Number(line[column]), 'USD') : 0n), 0n), 0n);
		const expectedTotal = BigInt(group.totalMinor) + 1n - sum(removed, ['amount']);
		expect(toMinor(Number(summary['total-amount']), 'USD')).toBe(expectedTotal);
		expect(sum(after, ['amount'])).toBe(expectedTotal);
		const [v1Summary, ...v1] = await layout('GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', start);
		expect(toMinor(Number(v1Summary['total-amount']), 'USD')).toBe(expectedTotal);
		expect(sum(v1, V1_AMOUNTS)).toBe(expectedTotal);
		// the Finances API still has the refund
		expect(emulator.control.state.dataFor('na').groupsById.get(group.groupId)!.events.some((event) => 'amazonOrderId' in event && event.amazonOrderId === refund['order-id'])).toBe(true);

		emulator.control.reports.editSettlementLines('na', group.settlementId, undefined);
		const [restored, ...lines] = await layout('GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', start);
		expect(lines).toHaveLength(before.length);
		expect(toMinor(Number(restored['total-amount']), 'USD')).toBe(BigInt(group.totalMinor));
		expect(() => emulator.control.reports.editSettlementLines('na', 'no-such-period', undefined)).toThrow(/no settlement period/);
	});
});
