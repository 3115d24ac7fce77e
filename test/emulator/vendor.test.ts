/**
 * The emulator's Vendor APIs: answers that conform to Amazon's models, the 7-day rule and paging of the PO
 * listings, requests checked against the models, seeded data with shortages, late receipts and
 * over-receipts, and writes that become transactions whose status getTransaction reports.
 */
import * as fs from 'node:fs';
import { OPERATIONS, type OperationKey } from '../../nodes/sp-api/generated/operations.generated';
import { requireModelsDir } from '../helpers/models';
import { generateVendorData } from './data/vendor';
import { vendorStore, VENDOR_PROCESSING_MS } from './data/vendorStore';
import { startEmulator } from './index';
import { loadModel, SchemaChecker } from './schemaCheck';
import { allPages, call, DAY, isoShift, sellerToken, type CallOptions, type HttpAnswer } from './testSupport';
import type { Emulator } from './types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-request-schemas.js') as { generate(dir: string): string; OUTPUT: string };

const NOW = new Date('2026-03-02T06:00:00Z');
const modelsDir = requireModelsDir('the vendor answers against their models');

describe('emulator: Vendor APIs', () => {
	let emulator: Emulator;
	let token: string;
	const problems: string[] = [];
	const checkers = new Map<string, SchemaChecker>();

	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, enforceRateLimits: false });
		token = await sellerToken(emulator, 'vendor');
	});
	afterAll(() => emulator.close());

	function conform(operation: OperationKey, answer: HttpAnswer): void {
		if (!modelsDir) return;
		const spec = OPERATIONS[operation];
		let checker = checkers.get(spec.model);
		if (!checker) checkers.set(spec.model, (checker = new SchemaChecker(loadModel(modelsDir, spec.model))));
		for (const problem of checker.checkResponse(spec.path, spec.method, answer.status, answer.body)) problems.push(`${operation} ${answer.status} ${problem}`);
	}

	async function vendorCall(operation: OperationKey, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
		const answer = await call(emulator, path, { token, ...options });
		conform(operation, answer);
		return answer;
	}

	const store = () => vendorStore(emulator.control.state);
	const data = () => store().dataOf('vendor');

	it('has the request schemas the models give (generated file up to date)', () => {
		if (modelsDir) expect(fs.readFileSync(generator.OUTPUT, 'utf8')).toBe(generator.generate(modelsDir));
	});

	it('seeds POs whose stories include shortages, late receipts, over-receipts, split and cancelled ASNs and an unacknowledged PO', () => {
		const stories = new Set(data().purchaseOrders.map((po) => po.story));
		for (const story of ['shortage', 'late', 'over', 'split', 'cancelled', 'unacked', 'lost'] as const) expect(stories).toContain(story);
		expect(new Set(data().purchaseOrders.map((po) => po.currency))).toEqual(new Set(['USD', 'CAD']));
		expect(data().purchaseOrders.some((po) => po.lines.some((line) => line.unit === 'Cases'))).toBe(true);
		// the same seed gives the same data, another seed other data
		const seller = emulator.fixtures.sellers.vendor;
		expect(generateVendorData(42, NOW.getTime(), seller)).toEqual(generateVendorData(42, NOW.getTime(), seller));
		expect(generateVendorData(7, NOW.getTime(), seller).purchaseOrders[0].purchaseOrderNumber).not.toBe(generateVendorData(42, NOW.getTime(), seller).purchaseOrders[0].purchaseOrderNumber);
	});

	it('lists POs of at most 7 days per call, in pages of `limit`, with payload.pagination.nextToken', async () => {
		const query = { createdAfter: isoShift(NOW, -7 * DAY), createdBefore: NOW.toISOString(), limit: 1 };
		const answers = await allPages(emulator, '/vendor/orders/v1/purchaseOrders', { token, query }, (body) => body.payload.pagination?.nextToken, 'nextToken');
		answers.forEach((answer) => conform('getPurchaseOrders', answer));
		const numbers = answers.flatMap((answer) => answer.body.payload.orders.map((order: { purchaseOrderNumber: string }) => order.purchaseOrderNumber));
		const expected = data().purchaseOrders.filter((po) => po.createdAt >= NOW.getTime() - 7 * DAY && po.createdAt <= NOW.getTime()).map((po) => po.purchaseOrderNumber);
		expect(expected.length).toBeGreaterThan(1);
		expect(numbers).toEqual(expected);
		const tooLong = await vendorCall('getPurchaseOrders', '/vendor/orders/v1/purchaseOrders', { query: { createdAfter: isoShift(NOW, -8 * DAY) } });
		expect(tooLong.status).toBe(400);
		expect(tooLong.body.errors[0].message).toMatch(/not be more than 7 days apart/);
	});

	it('checks requests against the model before anything else', async () => {
		const limit = await vendorCall('getPurchaseOrdersStatus', '/vendor/orders/v1/purchaseOrdersStatus', { query: { limit: 500 } });
		expect(limit.status).toBe(400);
		expect(limit.body.errors[0]).toMatchObject({ code: 'InvalidInput', message: expect.stringContaining('Invalid limit: 500 is above 100') });
		const state = await vendorCall('getPurchaseOrders', '/vendor/orders/v1/purchaseOrders', { query: { purchaseOrderState: 'Open' } });
		expect(state.body.errors[0].message).toMatch(/purchaseOrderState: "Open" is not one of/);
		const body = await vendorCall('submitAcknowledgement', '/vendor/orders/v1/acknowledgements', { method: 'POST', body: { acknowledgements: [{ purchaseOrderNumber: 'X' }] } });
		expect(body.status).toBe(400);
		expect(body.body.errors[0].message).toMatch(/required property (sellingParty|acknowledgementDate|items) is missing/);
		expect(store().transactionsOf('vendor')).toEqual([]);
	});

	it('reports per line ordered, accepted, rejected and received quantities and the last receive date', async () => {
		const shortage = data().purchaseOrders.find((po) => po.story === 'shortage' && po.closesAt! < NOW.getTime())!;
		const answer = await vendorCall('getPurchaseOrdersStatus', '/vendor/orders/v1/purchaseOrdersStatus', { query: { purchaseOrderNumber: shortage.purchaseOrderNumber } });
		expect(answer.status).toBe(200);
		const [status] = answer.body.payload.ordersStatus;
		expect(status.purchaseOrderStatus).toBe('CLOSED');
		const received = status.itemStatus.map((item: { receivingStatus: { receivedQuantity: { amount: number } } }) => item.receivingStatus.receivedQuantity.amount);
		const expected = shortage.lines.map((line) => shortage.receipts.filter((r) => r.itemSequenceNumber === line.itemSequenceNumber).reduce((sum, r) => sum + r.eaches, 0));
		expect(received).toEqual(expected);
		const shipped = data().shipments.filter((s) => s.cancelledAt === undefined).flatMap((s) => s.items).filter((i) => i.purchaseOrderNumber === shortage.purchaseOrderNumber);
		const shippedEaches = shipped.reduce((sum, item) => sum + item.shippedUnits * item.unitSize, 0);
		expect(expected.reduce((a, b) => a + b, 0)).toBeLessThan(shippedEaches);
	});

	it('lists ASNs with their items (cancelled ones as Cancel) and small-parcel labels as PDF', async () => {
		const answers = await allPages(emulator, '/vendor/shipping/v1/shipments', { token, query: { limit: 50, createdAfter: isoShift(NOW, -80 * DAY) } }, (body) => body.payload.pagination?.nextToken, 'nextToken');
		answers.forEach((answer) => conform('GetShipmentDetails', answer));
		const shipments = answers.flatMap((answer) => answer.body.payload.shipments);
		expect(shipments).toHaveLength(store().shipmentsAt('vendor', NOW.getTime()).length);
		expect(shipments.some((s: { transactionType: string }) => s.transactionType === 'Cancel')).toBe(true);
		const labels = await vendorCall('GetShipmentLabels', '/vendor/shipping/v1/transportLabels', { query: { limit: 50 } });
		expect(labels.body.payload.transportLabels.length).toBeGreaterThan(0);
		const pdf = Buffer.from(labels.body.payload.transportLabels[0].labelData[0].label, 'base64').toString('latin1');
		expect(pdf.startsWith('%PDF-')).toBe(true);
	});

	it('turns an acknowledgement into a transaction: Processing, then Success, and the PO is Acknowledged', async () => {
		const po = data().purchaseOrders.filter((candidate) => candidate.acknowledgements.every((ack) => ack.at > NOW.getTime())).at(-1)!;
		const body = {
			acknowledgements: [
				{
					purchaseOrderNumber: po.purchaseOrderNumber,
					sellingParty: { partyId: po.vendorCode },
					acknowledgementDate: NOW.toISOString(),
					items: po.lines.map((line) => ({
						itemSequenceNumber: line.itemSequenceNumber,
						orderedQuantity: { amount: line.orderedUnits, unitOfMeasure: line.unit, unitSize: line.unitSize },
						itemAcknowledgements: [{ acknowledgementCode: 'Accepted', acknowledgedQuantity: { amount: line.orderedUnits, unitOfMeasure: line.unit, unitSize: line.unitSize } }],
					})),
				},
			],
		};
		const answer = await vendorCall('submitAcknowledgement', '/vendor/orders/v1/acknowledgements', { method: 'POST', body });
		expect(answer.status).toBe(202);
		const id = answer.body.payload.transactionId;
		const status = () => vendorCall('vendorTransactionStatus.getTransaction', `/vendor/transactions/v1/transactions/${id}`);
		expect((await status()).body.payload.transactionStatus).toEqual({ transactionId: id, status: 'Processing' });
		emulator.control.advanceClock(VENDOR_PROCESSING_MS);
		expect((await status()).body.payload.transactionStatus.status).toBe('Success');
		const order = await vendorCall('getPurchaseOrder', `/vendor/orders/v1/purchaseOrders/${po.purchaseOrderNumber}`);
		expect(order.body.payload.purchaseOrderState).toBe('Acknowledged');

		const wrong = await vendorCall('submitAcknowledgement', '/vendor/orders/v1/acknowledgements', { method: 'POST', body: { acknowledgements: [{ ...body.acknowledgements[0], purchaseOrderNumber: 'ZZZZZZZZ' }] } });
		emulator.control.advanceClock(VENDOR_PROCESSING_MS);
		const failed = await vendorCall('vendorTransactionStatus.getTransaction', `/vendor/transactions/v1/transactions/${wrong.body.payload.transactionId}`);
		expect(failed.body.payload.transactionStatus).toMatchObject({ status: 'Failure', errors: [{ code: 'InvalidPurchaseOrder' }] });
	});

	it('refuses a vendor call without the role Amazon requires', async () => {
		const other = await sellerToken(emulator, 'noRoles');
		const answer = await call(emulator, '/vendor/orders/v1/purchaseOrders', { token: other });
		expect(answer.status).toBe(403);
	});

	it('answers as the models define', () => {
		if (!modelsDir) return;
		expect(problems).toEqual([]);
	});
});
