/**
 * Shortage Watch's rules on hand-made lines: quantities in eaches (cases × case size), which ASN item
 * belongs to which line, when a difference is a shortage, where the window starts, exact values.
 */
import { asnItemsOf, matchesLine, quantityOf, statusLinesOf, type AsnItem, type StatusLine } from '../../nodes/AmazonSpApiVendor/logic/records';
import { evaluateLine, shortageWatch, unacknowledgedAsns, type WatchSettings } from '../../nodes/AmazonSpApiVendor/logic/shortageWatch';

const NOW = Date.parse('2026-03-02T06:00:00Z');
const DAY = 86_400_000;
const settings: WatchSettings = { nowMs: NOW, windowDays: 30, countFrom: 'lastReceipt', output: 'atRisk', language: 'en', zone: 'UTC', period: { start: new Date(NOW - 60 * DAY), end: new Date(NOW) } };

function line(overrides: Partial<StatusLine> = {}): StatusLine {
	return {
		purchaseOrderNumber: '2JK3S9VB',
		purchaseOrderStatus: 'OPEN',
		itemSequenceNumber: '1',
		asin: 'B000000001',
		vendorSku: 'SKU-1',
		netCost: { amount: '12.37', currency: 'USD' },
		ordered: quantityOf({ amount: 10, unitOfMeasure: 'Cases', unitSize: 12 }),
		accepted: quantityOf({ amount: 10, unitOfMeasure: 'Cases', unitSize: 12 }),
		confirmationStatus: 'ACCEPTED',
		...overrides,
	};
}

function asn(shipped: number, overrides: Partial<AsnItem> = {}): AsnItem {
	return { vendorShipmentIdentifier: 'ASN-1', transactionType: 'New', purchaseOrderNumber: '2JK3S9VB', asin: 'B000000001', itemSequenceNumber: '1', shippedDate: new Date(NOW - 20 * DAY).toISOString(), shipped: quantityOf({ amount: shipped, unitOfMeasure: 'Cases', unitSize: 12 }), ...overrides };
}

describe('Shortage Watch rules', () => {
	it('counts cases as case size × amount, and Cases without a size as one each', () => {
		expect(quantityOf({ amount: 3, unitOfMeasure: 'Cases', unitSize: 24 })?.eaches).toBe(72);
		expect(quantityOf({ amount: 3, unitOfMeasure: 'Cases' })?.eaches).toBe(3);
		expect(quantityOf({ amount: 5, unitOfMeasure: 'Eaches' })?.eaches).toBe(5);
		expect(quantityOf({ unitOfMeasure: 'Eaches' })).toBeUndefined();
	});

	it('ties an ASN item to its line by PO and ASIN first, then vendor SKU, then item number', () => {
		expect(matchesLine(asn(1, { itemSequenceNumber: '7' }), line())).toBe(true);
		expect(matchesLine(asn(1, { asin: 'B000000002' }), line())).toBe(false);
		expect(matchesLine(asn(1, { asin: undefined, vendorSku: 'SKU-1', itemSequenceNumber: '9' }), line())).toBe(true);
		expect(matchesLine(asn(1, { asin: undefined, vendorSku: undefined }), line())).toBe(true);
		expect(matchesLine(asn(1, { purchaseOrderNumber: 'OTHER123' }), line())).toBe(false);
	});

	it('a missing carton after receiving started is a shortage with an exact value and a window from the last receipt', () => {
		const lastReceipt = new Date(NOW - 10 * DAY).toISOString();
		const result = evaluateLine(line({ received: quantityOf({ amount: 108, unitOfMeasure: 'Eaches' }), lastReceiveDate: lastReceipt }), [asn(10)], settings);
		expect(result).toMatchObject({ finding: 'shortage', atRisk: true, shippedUnits: 120, receivedUnits: 108, missingUnits: 12, missingValue: { amount: '148.44', currency: 'USD' }, windowStartsFrom: 'lastReceipt', hoursLeft: 20 * 24, daysSinceLastReceipt: 10 });
		expect(result.deadlineMs).toBe(Date.parse(lastReceipt) + 30 * DAY);
	});

	it('nothing received yet is "awaiting receipt", unless Amazon closed the PO: then the whole shipment is missing, counted from the PO\'s last update', () => {
		expect(evaluateLine(line(), [asn(2)], settings).finding).toBe('awaitingReceipt');
		const closed = evaluateLine(line({ purchaseOrderStatus: 'CLOSED', lastUpdatedDate: new Date(NOW - 40 * DAY).toISOString() }), [asn(2)], settings);
		expect(closed).toMatchObject({ finding: 'shortage', missingUnits: 24, windowStartsFrom: 'poClosed', atRisk: false, hoursLeft: -10 * 24 });
	});

	it('cancelled ASNs do not count; more received than shipped is an over-receipt', () => {
		const [summary, ...items] = (() => {
			const result = shortageWatch([line({ received: quantityOf({ amount: 130, unitOfMeasure: 'Eaches' }), lastReceiveDate: new Date(NOW - DAY).toISOString() })], [asn(10), asn(5, { vendorShipmentIdentifier: 'ASN-0', transactionType: 'Cancel' })], [], settings);
			return [result.summary, ...result.items];
		})();
		expect(items).toEqual([expect.objectContaining({ finding: 'overReceived', shippedUnits: 120, overReceivedUnits: 10 })]);
		expect(summary).toMatchObject({ atRiskLines: 0, overReceivedLines: 1, valueAtRisk: [] });
		expect(String(summary.message)).toMatch(/^Amazon Shortage Watch: no PO line at risk in 1 purchase order \(1 line\) since .*\. Also: 1 line over-received\.$/);
	});

	it('keeps currencies apart in the summary and puts the most urgent line first', () => {
		const usd = line({ received: quantityOf({ amount: 100, unitOfMeasure: 'Eaches' }), lastReceiveDate: new Date(NOW - 25 * DAY).toISOString() });
		const cad = line({ purchaseOrderNumber: 'CAD00001', netCost: { amount: '16.95', currency: 'CAD' }, received: quantityOf({ amount: 119, unitOfMeasure: 'Eaches' }), lastReceiveDate: new Date(NOW - 5 * DAY).toISOString() });
		const { summary, items } = shortageWatch([cad, usd], [asn(10), asn(10, { purchaseOrderNumber: 'CAD00001' })], [], settings);
		expect(items.map((item) => item.purchaseOrderNumber)).toEqual(['2JK3S9VB', 'CAD00001']);
		expect(summary.valueAtRisk).toEqual([
			{ amount: '16.95', currency: 'CAD' },
			{ amount: '247.40', currency: 'USD' },
		]);
		expect(summary).toMatchObject({ atRiskLines: 2, missingUnitsAtRisk: 21, nearestPurchaseOrder: '2JK3S9VB', nearestHoursLeft: 5 * 24 });
	});

	it('finds ASNs for POs without an acknowledged line, or unknown to Amazon', () => {
		const unconfirmed = [line({ confirmationStatus: 'UNCONFIRMED', accepted: undefined })];
		const findings = unacknowledgedAsns([asn(2), asn(1, { vendorShipmentIdentifier: 'ASN-2', purchaseOrderNumber: 'NOSUCHPO' })], (number) => (number === '2JK3S9VB' ? unconfirmed : undefined));
		expect(findings).toEqual([
			expect.objectContaining({ vendorShipmentIdentifier: 'ASN-1', purchaseOrderNumber: '2JK3S9VB', reason: 'unconfirmed', shippedUnits: 24 }),
			expect.objectContaining({ vendorShipmentIdentifier: 'ASN-2', purchaseOrderNumber: 'NOSUCHPO', reason: 'unknownPurchaseOrder', shippedUnits: 12 }),
		]);
	});

	it('reads Amazon\'s own status and shipment examples', () => {
		const [first] = statusLinesOf({
			purchaseOrderNumber: '2JK3S9VB',
			purchaseOrderStatus: 'OPEN',
			itemStatus: [{ itemSequenceNumber: '1', buyerProductIdentifier: 'B07DFVDRAB', netCost: { amount: '346.27', currencyCode: 'USD' }, receivingStatus: { receiveStatus: 'RECEIVED', receivedQuantity: { amount: 1, unitOfMeasure: 'Cases', unitSize: 1 }, lastReceiveDate: '2020-08-28T21:06:23.193Z' } }],
		});
		expect(first).toMatchObject({ asin: 'B07DFVDRAB', netCost: { amount: '346.27', currency: 'USD' }, received: { eaches: 1 }, lastReceiveDate: '2020-08-28T21:06:23.193Z' });
		const [item] = asnItemsOf({ vendorShipmentIdentifier: 'S1', transactionType: 'New', transportationDetails: { shippedDate: '2026-01-01T00:00:00Z' }, purchaseOrders: [{ purchaseOrderNumber: 'PO000001', items: [{ itemSequenceNumber: '1', shippedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 6 } }] }] });
		expect(item).toMatchObject({ purchaseOrderNumber: 'PO000001', shippedDate: '2026-01-01T00:00:00Z', shipped: { eaches: 12 } });
	});
});
