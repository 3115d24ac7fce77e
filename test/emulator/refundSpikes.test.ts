/**
 * Refund spikes (EmulatorOptions.refundSpikes): extra refunds of one product in the last hours, seen
 * through Amazon's own APIs (finances v0, the FBA returns report), and no change to anybody's data
 * when none are asked for.
 */
import { startEmulator } from './index';
import type { OrderFinanceEvent } from './data/model';
import { allPages, DAY, HOUR, MINUTE, sellerToken, type Json } from './testSupport';
import { documentText, rawGet, reportsApi, tsvRows } from './testSupportReports';
import type { Emulator } from './types';

const NOW = '2025-03-15T12:00:00Z';
const NOW_MS = Date.parse(NOW);
const DE = 'A1PA6795UKMFR9';

function withoutSpikes(emulator: Emulator, seller: 'eu' | 'na'): string {
	const data = emulator.control.state.dataFor(seller);
	const spiked = new Set(data.events.filter((event) => 'returnReason' in event).map((event) => (event as OrderFinanceEvent).amazonOrderId));
	return JSON.stringify({
		catalog: data.catalog,
		orders: data.orders.filter((order) => !spiked.has(order.amazonOrderId)),
		events: data.events.filter((event) => !('amazonOrderId' in event && spiked.has(String(event.amazonOrderId)))).map((event) => ({ ...event, groupId: undefined })),
	});
}

describe('emulator refund spikes', () => {
	const started: Emulator[] = [];
	const start = async (options: Parameters<typeof startEmulator>[0]) => {
		const emulator = await startEmulator({ enforceRateLimits: false, now: NOW, ...options });
		started.push(emulator);
		return emulator;
	};
	afterAll(async () => {
		await Promise.all(started.splice(0).map((emulator) => emulator.close()));
	});

	it('adds refunds of one product in the last hours, visible in finances and in the FBA returns report with the reason', async () => {
		const emulator = await start({ refundSpikes: [{ seller: 'eu', marketplace: 'DE', product: 'LAMP', refunds: 5, withinHours: 12, reason: 'DEFECTIVE' }] });
		const data = emulator.control.state.dataFor('eu');
		const spike = data.events.filter((event): event is OrderFinanceEvent => event.kind === 'Refund' && event.returnReason === 'DEFECTIVE');
		expect(spike).toHaveLength(5);
		const sku = spike[0].items[0].sellerSku;
		expect(sku).toMatch(/^EU-LAMP-\d{3}$/);
		for (const event of spike) {
			expect(event).toMatchObject({ marketplaceId: DE, currency: 'EUR' });
			expect(event.items).toEqual([expect.objectContaining({ sellerSku: sku, quantity: 1 })]);
			expect(event.postedAt).toBeGreaterThanOrEqual(NOW_MS - 12 * HOUR);
			expect(event.postedAt).toBeLessThanOrEqual(NOW_MS - HOUR);
			expect(event.visibleAt).toBeLessThanOrEqual(NOW_MS);
			// each refund belongs to an order that was shipped earlier
			const shipment = data.eventsByOrderId.get(event.amazonOrderId)?.find((other) => other.kind === 'Shipment');
			expect(shipment?.postedAt).toBeLessThan(event.postedAt);
		}

		// Amazon's finances API lists them like any refund.
		const token = await sellerToken(emulator, 'eu');
		const pages = await allPages(
			emulator,
			'/finances/v0/financialEvents',
			{ region: 'EU', token, query: { PostedAfter: new Date(NOW_MS - 13 * HOUR).toISOString(), PostedBefore: new Date(NOW_MS - 5 * MINUTE).toISOString(), MaxResultsPerPage: 100 } },
			(body: Json) => body.payload?.NextToken,
			'NextToken',
		);
		const listed = pages.flatMap((page) => page.body.payload.FinancialEvents.RefundEventList as Json[]);
		const listedOrders = new Set(listed.map((refund) => refund.AmazonOrderId));
		for (const event of spike) expect(listedOrders.has(event.amazonOrderId)).toBe(true);

		// The FBA customer returns report has one return per spike refund, with the spike's reason.
		const reports = reportsApi(emulator, 'EU', token);
		const { reportId } = (await reports.create({ reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', marketplaceIds: [DE], dataStartTime: new Date(NOW_MS - 5 * DAY).toISOString() })).body;
		emulator.control.advanceClock(11 * MINUTE);
		const report = (await reports.get(reportId)).body;
		expect(report.processingStatus).toBe('DONE');
		const documentUrl = (await reports.document(report.reportDocumentId)).body.url as string;
		const rows = tsvRows(documentText(await rawGet(documentUrl), 'windows-1252'));
		for (const event of spike) {
			expect(rows.filter((row) => row['order-id'] === event.amazonOrderId)).toEqual([expect.objectContaining({ sku, reason: 'DEFECTIVE', quantity: '1' })]);
		}
	});

	it('leaves everything else as it was, and refuses a product the seller does not sell', async () => {
		const plain = await start({});
		const spiked = await start({ refundSpikes: [{ seller: 'eu', marketplace: DE, product: 'LAMP', refunds: 3 }] });
		expect(withoutSpikes(spiked, 'eu')).toBe(withoutSpikes(plain, 'eu'));
		expect(JSON.stringify(spiked.control.state.dataFor('na').events)).toBe(JSON.stringify(plain.control.state.dataFor('na').events));
		// default window and reason
		const events = spiked.control.state.dataFor('eu').events.filter((event): event is OrderFinanceEvent => event.kind === 'Refund' && event.returnReason !== undefined);
		expect(events.map((event) => event.returnReason)).toEqual(['DEFECTIVE', 'DEFECTIVE', 'DEFECTIVE']);
		expect(events.every((event) => event.postedAt >= NOW_MS - 20 * HOUR)).toBe(true);

		const missing = await start({ refundSpikes: [{ seller: 'eu', marketplace: 'JP', product: 'LAMP', refunds: 3 }] });
		expect(() => missing.control.state.dataFor('eu')).toThrow(/does not sell in JP/);
		// seed 42 gives seller na no lantern
		expect(plain.control.state.dataFor('na').catalog.some((item) => item.sellerSku.startsWith('NA-LAMP-'))).toBe(false);
		const wrong = await start({ refundSpikes: [{ seller: 'na', marketplace: 'US', product: 'LAMP', refunds: 3 }] });
		expect(() => wrong.control.state.dataFor('na')).toThrow(/has no product LAMP in US \(it has TENT2, BAG20/);
	});
});
