/**
 * The Vendor node inside n8n-core against the emulator, every operation: purchase orders (week by week,
 * paged), line statuses, acknowledgement, ASNs and labels, shipment confirmation, invoices with exact
 * amounts, and the transaction status that tells whether Amazon applied a write.
 */
import { vendorStore, VENDOR_PROCESSING_MS } from '../emulator/data/vendorStore';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator/types';
import { DAY, useFixedNow } from './support';
import { vendorSalesByAsin } from '../emulator/reports/content/vendorSales';
import { runWorkflow, spApiCredentialRef } from '../harness/n8nHarness';
import { jsonOf, runVendor, valueText, VENDOR_NODE, vendorData } from './vendorSupport';

const NOW = '2026-03-02T06:00:00Z';
const NOW_MS = Date.parse(NOW);

describe('Vendor node: every operation', () => {
	useFixedNow(NOW);
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100, emptyPageEvery: 3 });
	});
	afterAll(async () => emulator.close());
	beforeEach(() => {
		emulator.control.clearFaults();
		emulator.control.clearRequests();
	});

	const run = (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean } = {}) => runVendor(emulator, { parameters, ...extra });
	const store = () => vendorStore(emulator.control.state);
	/** The emulator's clock (tests move it forward past Amazon's processing time). */
	const at = () => emulator.control.now().getTime();
	const requests = (operation: string) => emulator.control.requests().filter((entry) => entry.operation === operation);
	const transactionStatus = async (transactionId: unknown) => jsonOf(await run({ resource: 'transactionStatus', operation: 'get', transactionId }))[0];

	it('Purchase Order → Get Many: every PO of a 30-day period, fetched week by week, with exact values', async () => {
		const result = await run({ resource: 'purchaseOrder', operation: 'getMany', periodStart: new Date(NOW_MS - 30 * DAY).toISOString(), returnAll: true });
		const orders = jsonOf(result);
		const expected = vendorData(emulator).purchaseOrders.filter((po) => po.createdAt >= NOW_MS - 30 * DAY);
		expect(orders.map((order) => order.purchaseOrderNumber)).toEqual(expected.map((po) => po.purchaseOrderNumber));
		const calls = requests('getPurchaseOrders');
		expect(calls.filter((call) => !call.query.nextToken)).toHaveLength(5);
		for (const call of calls) expect(Date.parse(call.query.createdBefore) - Date.parse(call.query.createdAfter)).toBeLessThanOrEqual(7 * DAY);
		const po = expected.find((candidate) => candidate.lines.some((line) => line.unit === 'Cases'))!;
		const order = orders.find((candidate) => candidate.purchaseOrderNumber === po.purchaseOrderNumber)!;
		const eaches = po.lines.map((line) => line.orderedUnits * line.unitSize);
		expect(order).toMatchObject({
			vendorCode: po.vendorCode,
			shipTo: po.shipTo,
			lineCount: po.lines.length,
			orderedUnits: eaches.reduce((a, b) => a + b, 0),
			orderValue: [{ amount: valueText(po.lines.reduce((sum, line, index) => sum + line.netCostMinor * eaches[index], 0), 1, po.currency), currency: po.currency }],
			purchaseOrderDate: new Date(po.createdAt).toISOString(),
		});
		const caseLine = (order.lines as Array<Record<string, unknown>>).find((line) => (line.orderedQuantity as { unitOfMeasure: string }).unitOfMeasure === 'Cases')!;
		const source = po.lines.find((line) => line.itemSequenceNumber === caseLine.itemSequenceNumber)!;
		expect(caseLine).toMatchObject({ orderedUnits: source.orderedUnits * source.unitSize, orderedQuantity: { amount: source.orderedUnits, unitOfMeasure: 'Cases', unitSize: source.unitSize } });

		const lines = jsonOf(await run({ resource: 'purchaseOrder', operation: 'getMany', periodStart: new Date(NOW_MS - 30 * DAY).toISOString(), returnAll: false, limit: 3, options: { output: 'lines' } }));
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatchObject({ purchaseOrderNumber: expected[0].purchaseOrderNumber, itemSequenceNumber: '1' });
	});

	it('Purchase Order → Get: one PO; an unknown number says so', async () => {
		const po = vendorData(emulator).purchaseOrders.at(-5)!;
		const [order] = jsonOf(await run({ resource: 'purchaseOrder', operation: 'get', purchaseOrderNumber: po.purchaseOrderNumber }));
		expect(order).toMatchObject({ purchaseOrderNumber: po.purchaseOrderNumber, purchaseOrderState: store().poStateAt(po, at()), lineCount: po.lines.length });
		const missing = jsonOf(await run({ resource: 'purchaseOrder', operation: 'get', purchaseOrderNumber: 'ZZZZ9999' }, { continueOnFail: true }))[0];
		expect(String(missing.error)).toMatch(/Amazon has no purchase order with that number for this vendor account/);
	});

	it('Purchase Order → Get Many Statuses: one item per line with ordered, accepted, rejected and received quantities', async () => {
		const items = jsonOf(await run({ resource: 'purchaseOrder', operation: 'getStatuses', periodStart: new Date(NOW_MS - 40 * DAY).toISOString(), returnAll: true }));
		const pos = vendorData(emulator).purchaseOrders.filter((po) => po.createdAt >= NOW_MS - 40 * DAY);
		expect(items).toHaveLength(pos.reduce((sum, po) => sum + po.lines.length, 0));
		for (const po of pos) {
			for (const status of store().lineStatusesAt(po, at())) {
				const item = items.find((candidate) => candidate.purchaseOrderNumber === po.purchaseOrderNumber && candidate.itemSequenceNumber === status.line.itemSequenceNumber)!;
				expect(item).toMatchObject({
					orderedUnits: status.line.orderedUnits * status.line.unitSize,
					receivedUnits: status.receivedEaches,
					confirmationStatus: status.confirmationStatus,
					receiveStatus: status.receiveStatus,
					netCost: { amount: valueText(status.line.netCostMinor, 1, po.currency), currency: po.currency },
				});
				if (status.acknowledgement) {
					expect(item).toMatchObject({ acceptedUnits: status.acknowledgement.acceptedUnits * status.line.unitSize, rejectedUnits: status.acknowledgement.rejectedUnits * status.line.unitSize });
				}
				expect(item.lastReceiveDate).toBe(status.lastReceiveAt !== undefined ? new Date(status.lastReceiveAt).toISOString() : undefined);
			}
		}
		const one = jsonOf(await run({ resource: 'purchaseOrder', operation: 'getStatuses', filterBy: 'number', purchaseOrderNumber: pos[0].purchaseOrderNumber }));
		expect(one.map((item) => item.itemSequenceNumber)).toEqual(pos[0].lines.map((line) => line.itemSequenceNumber));
	});

	it('Purchase Order → Acknowledge: accepted as ordered or line by line; Transaction Status says when Amazon applied it', async () => {
		const fresh = vendorData(emulator).purchaseOrders.filter((po) => store().poStateAt(po, at()) === 'New' && po.story !== 'unacked');
		expect(fresh.length).toBeGreaterThanOrEqual(1);
		const po = fresh[0];
		const [answer] = jsonOf(await run({ resource: 'purchaseOrder', operation: 'acknowledge', purchaseOrderNumber: po.purchaseOrderNumber }));
		expect(answer).toMatchObject({ status: 'submitted', transactionId: expect.any(String), purchaseOrderNumber: po.purchaseOrderNumber, acceptedUnits: po.lines.reduce((sum, line) => sum + line.orderedUnits * line.unitSize, 0), rejectedUnits: 0 });
		expect(String(answer.nextStep)).toContain('Transaction Status → Get');
		expect(await transactionStatus(answer.transactionId)).toMatchObject({ status: 'Processing', accepted: null, finished: false });
		emulator.control.advanceClock(VENDOR_PROCESSING_MS);
		expect(await transactionStatus(answer.transactionId)).toMatchObject({ status: 'Success', accepted: true, finished: true });
		expect(jsonOf(await run({ resource: 'purchaseOrder', operation: 'get', purchaseOrderNumber: po.purchaseOrderNumber }))[0].purchaseOrderState).toBe('Acknowledged');

		// line by line: reject part of the first line
		const other = vendorData(emulator).purchaseOrders.find((candidate) => store().poStateAt(candidate, at()) === 'Acknowledged' && candidate.lines[0].orderedUnits >= 2)!;
		const first = other.lines[0];
		const [partial] = jsonOf(
			await run({
				resource: 'purchaseOrder',
				operation: 'acknowledge',
				purchaseOrderNumber: other.purchaseOrderNumber,
				answer: 'lines',
				lines: { line: [{ itemSequenceNumber: first.itemSequenceNumber, accepted: first.orderedUnits - 1, rejected: 1, backordered: 0, rejectionReason: 'ObsoleteProduct' }] },
			}),
		);
		emulator.control.advanceClock(VENDOR_PROCESSING_MS);
		expect((await transactionStatus(partial.transactionId)).status).toBe('Success');
		const sent = store().transactionsOf('vendor', 'acknowledgement').at(-1)!.body as { acknowledgements: Array<{ items: Array<{ itemAcknowledgements: Array<Record<string, unknown>> }> }> };
		expect(sent.acknowledgements[0].items[0].itemAcknowledgements).toEqual([
			{ acknowledgementCode: 'Accepted', acknowledgedQuantity: { amount: first.orderedUnits - 1, unitOfMeasure: first.unit, unitSize: first.unitSize } },
			{ acknowledgementCode: 'Rejected', acknowledgedQuantity: { amount: 1, unitOfMeasure: first.unit, unitSize: first.unitSize }, rejectionReason: 'ObsoleteProduct' },
		]);
		expect(store().lineStatusesAt(other, at())[0]).toMatchObject({ confirmationStatus: 'PARTIALLY_ACCEPTED' });
	});

	it('Shipment → Get Many: ASNs with their items and quantities; cancelled ones marked', async () => {
		const shipments = jsonOf(await run({ resource: 'shipment', operation: 'getMany', periodStart: new Date(NOW_MS - 80 * DAY).toISOString(), returnAll: true }));
		const expected = store().shipmentsAt('vendor', at()).filter((shipment) => shipment.createdAt >= NOW_MS - 80 * DAY);
		expect(shipments.map((shipment) => shipment.vendorShipmentIdentifier)).toEqual(expected.map((shipment) => shipment.vendorShipmentIdentifier));
		const cancelled = expected.find((shipment) => shipment.cancelledAt !== undefined)!;
		expect(shipments.find((shipment) => shipment.vendorShipmentIdentifier === cancelled.vendorShipmentIdentifier)).toMatchObject({ cancelled: true, transactionType: 'Cancel' });
		const withCases = expected.find((shipment) => shipment.items.some((item) => item.unit === 'Cases'))!;
		expect(shipments.find((shipment) => shipment.vendorShipmentIdentifier === withCases.vendorShipmentIdentifier)?.shippedUnits).toBe(withCases.items.reduce((sum, item) => sum + item.shippedUnits * item.unitSize, 0));
		const perItem = jsonOf(await run({ resource: 'shipment', operation: 'getMany', periodStart: new Date(NOW_MS - 80 * DAY).toISOString(), returnAll: true, options: { output: 'items' } }));
		expect(perItem).toHaveLength(expected.reduce((sum, shipment) => sum + shipment.items.length, 0));
	});

	it('Shipment → Get Labels: one item per label with the PDF as binary data', async () => {
		const result = await run({ resource: 'shipment', operation: 'getLabels', periodStart: new Date(NOW_MS - 80 * DAY).toISOString(), returnAll: true });
		const items = result.output(VENDOR_NODE);
		const expected = store().shipmentsAt('vendor', at()).filter((shipment) => shipment.labelCreatedAt !== undefined && shipment.labelCreatedAt >= NOW_MS - 80 * DAY);
		expect(items).toHaveLength(expected.reduce((sum, shipment) => sum + shipment.trackingIds.length, 0));
		expect(items[0].binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: expect.stringMatching(/^label-ASN-.+\.pdf$/) });
		expect(items[0].json.trackingId).toBe(expected[0].trackingIds[0]);
	});

	it('Shipment → Submit Confirmation: sent once; Amazon lists the ASN once it has processed it', async () => {
		const po = vendorData(emulator).purchaseOrders.filter((candidate) => store().poStateAt(candidate, at()) === 'Acknowledged').at(-1)!;
		const line = po.lines[0];
		const [answer] = jsonOf(
			await run({
				resource: 'shipment',
				operation: 'submitConfirmation',
				shipmentIdentifier: 'ASN-TEST-0001',
				vendorCode: po.vendorCode,
				shipFromPartyId: 'ACORN-SZX1',
				shipToPartyId: po.shipTo,
				itemsFrom: 'json',
				itemsJson: JSON.stringify([{ purchaseOrderNumber: po.purchaseOrderNumber, asin: line.asin, quantity: line.orderedUnits, unitOfMeasure: line.unit, unitSize: line.unitSize }]),
			}),
		);
		expect(answer).toMatchObject({ status: 'submitted', shipmentIdentifier: 'ASN-TEST-0001', shippedUnits: line.orderedUnits * line.unitSize, purchaseOrderNumbers: [po.purchaseOrderNumber] });
		emulator.control.advanceClock(VENDOR_PROCESSING_MS);
		expect((await transactionStatus(answer.transactionId)).accepted).toBe(true);
		const listed = jsonOf(await run({ resource: 'shipment', operation: 'getMany', options: { vendorShipmentIdentifier: 'ASN-TEST-0001' } }));
		expect(listed).toHaveLength(1);
		expect(listed[0]).toMatchObject({ shippedUnits: line.orderedUnits * line.unitSize, purchaseOrderNumbers: [po.purchaseOrderNumber] });
	});

	it('Invoice → Submit: amounts exact; a total that does not add up is refused before any call; Amazon\'s refusal shows in Transaction Status', async () => {
		const po = vendorData(emulator).purchaseOrders.find((candidate) => candidate.currency === 'USD' && candidate.lines.length >= 2)!;
		const lines = po.lines.map((line) => ({ purchaseOrderNumber: po.purchaseOrderNumber, asin: line.asin, quantity: line.orderedUnits, unitOfMeasure: line.unit, unitSize: line.unitSize, netCost: valueText(line.netCostMinor, 1, 'USD') }));
		const netMinor = po.lines.reduce((sum, line) => sum + line.netCostMinor * line.orderedUnits * line.unitSize, 0);
		const invoice = (total: string, extra: Record<string, unknown> = {}) =>
			run(
				{ resource: 'invoice', operation: 'submit', invoiceNumber: 'INV-TEST-1', remitToPartyId: po.vendorCode, currency: 'USD', invoiceTotal: total, linesFrom: 'json', invoiceLinesJson: JSON.stringify(lines), taxes: { tax: [{ taxType: 'ST', amount: '7.01' }] }, ...extra },
				{ continueOnFail: true },
			);
		const wrong = jsonOf(await invoice(valueText(netMinor, 1, 'USD')))[0];
		expect(String(wrong.error)).toContain(`the lines (quantity × net cost) and taxes add up to ${valueText(netMinor + 701, 1, 'USD')} USD`);
		expect(requests('submitInvoices')).toEqual([]);

		const [answer] = jsonOf(await invoice(valueText(netMinor + 701, 1, 'USD')));
		expect(answer).toMatchObject({ status: 'submitted', invoiceNumber: 'INV-TEST-1', invoiceTotal: { amount: valueText(netMinor + 701, 1, 'USD'), currency: 'USD' } });
		const body = store().transactionsOf('vendor', 'invoice').at(-1)!.body as { invoices: Array<{ invoiceTotal: unknown; items: Array<{ netCost: unknown }> }> };
		// amounts travel as exact decimal text
		expect(body.invoices[0].invoiceTotal).toEqual({ currencyCode: 'USD', amount: valueText(netMinor + 701, 1, 'USD') });
		expect(body.invoices[0].items.map((item) => item.netCost)).toEqual(po.lines.map((line) => ({ currencyCode: 'USD', amount: valueText(line.netCostMinor, 1, 'USD') })));
		emulator.control.advanceClock(VENDOR_PROCESSING_MS);
		expect(await transactionStatus(answer.transactionId)).toMatchObject({ status: 'Success', accepted: true });
		expect(store().invoicesOf('vendor').map((entry) => entry.id)).toContain('INV-TEST-1');

		// the same invoice number again: Amazon refuses it when it processes the transaction
		const again = jsonOf(await invoice(valueText(netMinor + 701, 1, 'USD')))[0];
		emulator.control.advanceClock(VENDOR_PROCESSING_MS);
		const refused = await transactionStatus(again.transactionId);
		expect(refused).toMatchObject({ status: 'Failure', accepted: false, errors: [{ code: 'DuplicateInvoice' }] });
		expect(String(refused.meaning)).toMatch(/nothing of it was applied/);
	});

	it('Transaction Status → Get: an unknown transaction ID says where IDs come from', async () => {
		const [item] = jsonOf(await run({ resource: 'transactionStatus', operation: 'get', transactionId: 'no-such-transaction' }, { continueOnFail: true }));
		expect(String(item.error)).toMatch(/knows no transaction with that ID.*Acknowledge, Submit Confirmation and Submit Invoice/);
	});

	it('Reports node: the vendor sales report as flat rows, money exact with its currency', async () => {
		const start = new Date(NOW_MS - 28 * DAY).toISOString();
		const end = new Date(NOW_MS - DAY).toISOString();
		const result = await runWorkflow({
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
				{
					name: 'Reports',
					type: 'n8n-nodes-acorn.amazonSpApiReports',
					parameters: {
						resource: 'report',
						operation: 'createAndDownload',
						reportType: { __rl: true, mode: 'list', value: 'GET_VENDOR_SALES_REPORT' },
						marketplaceIds: ['US'],
						dataStartTime: start,
						dataEndTime: end,
						reportOptions: { option: [{ key: 'reportPeriod', value: 'WEEK' }, { key: 'distributorView', value: 'MANUFACTURING' }, { key: 'sellingProgram', value: 'RETAIL' }] },
						options: { firstCheckSeconds: 0.05, timeoutMinutes: 1 },
					},
					credentials: spApiCredentialRef(),
				},
			],
			connections: { Start: ['Reports'] },
			credentials: { amazonSpApi: { ...emulator.credentialsFor('vendor') } as never },
		});
		expect(result.error('Reports')).toBeUndefined();
		const rows = result.output('Reports').map((item) => item.json);
		// the report this run created (the emulator also keeps reports Amazon made on its own, e.g. monthly tax reports)
		const report = emulator.control.reports.reports('vendor').filter((r) => r.reportType === 'GET_VENDOR_SALES_REPORT').at(-1)!;
		const byAsin = vendorSalesByAsin(vendorData(emulator), { start: report.dataStartTime!, end: report.dataEndTime!, marketplaceIds: ['ATVPDKIKX0DER'], reportOptions: {}, createdAt: report.createdAt });
		expect(byAsin.size).toBeGreaterThan(0);
		expect(rows[0]).toMatchObject({ _section: 'reportSpecification', reportType: 'GET_VENDOR_SALES_REPORT', reportPeriod: 'WEEK', marketplaceIds: 'ATVPDKIKX0DER' });
		const asinRows = rows.filter((row) => row._section === 'salesByAsin');
		expect(asinRows.map((row) => row.asin)).toEqual([...byAsin.keys()].sort());
		for (const row of asinRows) {
			const truth = byAsin.get(String(row.asin))!;
			expect(row).toMatchObject({ shippedUnits: truth.units, shippedRevenue: valueText(truth.revenueMinor, 1, 'USD'), shippedRevenueCurrency: 'USD', shippedCogs: valueText(truth.cogsMinor, 1, 'USD'), shippedCogsCurrency: 'USD' });
			expect(row._problem).toBeUndefined();
		}
	});

	it('names the role Amazon wants when the app lacks it', async () => {
		const result = await runVendor(emulator, { seller: 'noRoles', continueOnFail: true, parameters: { resource: 'purchaseOrder', operation: 'getMany' } });
		expect(String(jsonOf(result)[0].error)).toMatch(/"Amazon Fulfillment" or "Inventory and Order Tracking" role/);
	});
});
