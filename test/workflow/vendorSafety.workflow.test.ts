/**
 * The Vendor node's writes (acknowledgement, shipment confirmation, invoice) are checked before any call,
 * sent once, never repeated after a fault that may have taken effect (the emulator commits the write and
 * then fails), never sent twice in one run, and their errors say how to look them up.
 */
import { vendorStore, type VendorTransactionKind } from '../emulator/data/vendorStore';
import { startEmulator } from '../emulator';
import type { Emulator, FaultSpec } from '../emulator/types';
import { useFixedNow } from './support';
import { jsonOf, runVendor, valueText, VENDOR_NODE, vendorData } from './vendorSupport';

const NOW = '2026-03-02T06:00:00Z';

describe('Vendor node: writes checked first, sent once, never repeated', () => {
	useFixedNow(NOW);
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100 });
	});
	afterAll(async () => emulator.close());
	beforeEach(() => {
		emulator.control.clearFaults();
		emulator.control.clearRequests();
	});

	const store = () => vendorStore(emulator.control.state);
	const openPo = () => vendorData(emulator).purchaseOrders.filter((po) => po.closesAt === undefined || po.closesAt > emulator.control.now().getTime()).at(-2)!;

	/** The parameters of each write, valid; `extra` overrides. */
	const writes: Record<string, { kind: VendorTransactionKind; operation: string; parameters: (extra?: Record<string, unknown>) => Record<string, unknown>; lookUp: RegExp }> = {
		acknowledge: {
			kind: 'acknowledgement',
			operation: 'submitAcknowledgement',
			parameters: (extra = {}) => ({ resource: 'purchaseOrder', operation: 'acknowledge', purchaseOrderNumber: openPo().purchaseOrderNumber, ...extra }),
			lookUp: /Purchase Order → Get for [A-Z0-9]{8} shows the state "Acknowledged".*Transaction Status → Get/,
		},
		submitConfirmation: {
			kind: 'shipmentConfirmation',
			operation: 'SubmitShipmentConfirmations',
			parameters: (extra = {}) => {
				const po = openPo();
				return {
					resource: 'shipment',
					operation: 'submitConfirmation',
					shipmentIdentifier: `ASN-SAFE-${Math.random().toString(36).slice(2, 8)}`,
					vendorCode: po.vendorCode,
					shipFromPartyId: 'ACORN-SZX1',
					shipToPartyId: po.shipTo,
					items: { line: [{ purchaseOrderNumber: po.purchaseOrderNumber, asin: po.lines[0].asin, quantity: 5, unitOfMeasure: 'Eaches', unitSize: 1 }] },
					...extra,
				};
			},
			lookUp: /Shipment → Get Many with the option "Vendor Shipment ID" ASN-SAFE-.*Transaction Status → Get/,
		},
		invoice: {
			kind: 'invoice',
			operation: 'submitInvoices',
			parameters: (extra = {}) => {
				const po = openPo();
				const line = po.lines[0];
				return {
					resource: 'invoice',
					operation: 'submit',
					invoiceNumber: `INV-SAFE-${Math.random().toString(36).slice(2, 8)}`,
					remitToPartyId: po.vendorCode,
					currency: po.currency,
					invoiceTotal: valueText(line.netCostMinor, 3, po.currency),
					invoiceLines: { line: [{ purchaseOrderNumber: po.purchaseOrderNumber, asin: line.asin, quantity: 3, unitOfMeasure: 'Eaches', unitSize: 1, netCost: valueText(line.netCostMinor, 1, po.currency) }] },
					...extra,
				};
			},
			lookUp: /Transaction Status → Get, and Vendor Central \(Payments → Invoices\)/,
		},
	};

	const FAULTS: Array<[string, (operation: FaultSpec['operation']) => FaultSpec]> = [
		['HTTP 500 after Amazon committed', (operation) => ({ operation, status: 500, afterEffect: true })],
		['a connection reset after Amazon committed', (operation) => ({ operation, connectionReset: true, afterEffect: true })],
		['HTTP 503 after Amazon committed', (operation) => ({ operation, status: 503, afterEffect: true })],
	];

	describe.each(Object.entries(writes))('%s', (_name, write) => {
		const sent = () => emulator.control.requests().filter((entry) => entry.operation === write.operation);

		it.each(FAULTS)('%s: sent once, not repeated, and the error says how to look it up without claiming success', async (_fault, fault) => {
			const before = store().transactionsOf('vendor', write.kind).length;
			emulator.control.injectFault(fault(write.operation as FaultSpec['operation']));
			const result = await runVendor(emulator, { parameters: write.parameters() });
			const error = result.error(VENDOR_NODE);
			expect(result.output(VENDOR_NODE)).toEqual([]);
			expect(error?.message).toMatch(/^Unclear whether Amazon carried out .*: .*may or may not have happened\. ACORN did not send it again\. Before running this item again, look it up: /);
			expect(error?.message).toMatch(write.lookUp);
			expect(error?.message).not.toMatch(/success|succeeded|was applied|has been sent/i);
			expect(sent()).toHaveLength(1);
			// fail after commit: Amazon has the write although the node saw a failure
			expect(store().transactionsOf('vendor', write.kind).length - before).toBe(1);
		});

		it('with Continue On Fail the unclear outcome is an error item with the facts to look it up', async () => {
			emulator.control.injectFault({ operation: write.operation as FaultSpec['operation'], status: 500, afterEffect: true });
			const [item] = jsonOf(await runVendor(emulator, { continueOnFail: true, parameters: write.parameters() }));
			expect(item).toMatchObject({ outcome: 'unknown', mayHaveTakenEffect: true, httpStatus: 500, checkBeforeRetrying: { operation: write.operation, lookUpWith: expect.stringContaining('Transaction Status → Get') } });
			expect(item.transactionId).toBeUndefined();
		});

		it('a 429 is waited out and sent again (Amazon did nothing): still one transaction', async () => {
			const before = store().transactionsOf('vendor', write.kind).length;
			emulator.control.injectFault({ operation: write.operation as FaultSpec['operation'], status: 429 });
			const [item] = jsonOf(await runVendor(emulator, { parameters: write.parameters() }));
			expect(item.status).toBe('submitted');
			expect(sent().map((entry) => entry.status)).toEqual([429, 202]);
			expect(store().transactionsOf('vendor', write.kind).length - before).toBe(1);
		});

		it('the same write twice in one run: the second is refused before any call', async () => {
			const parameters = write.parameters();
			const result = await runVendor(emulator, { items: [{}, {}], continueOnFail: true, parameters });
			const [first, second] = jsonOf(result);
			expect(first.status).toBe('submitted');
			expect(String(second.error)).toMatch(/already sent .* in this run, so (this one|it) was not sent/);
			expect(sent().filter((entry) => entry.status === 202)).toHaveLength(1);
		});

		it('Amazon\'s refusal says nothing was submitted and how to look up an earlier attempt', async () => {
			emulator.control.injectFault({ operation: write.operation as FaultSpec['operation'], status: 400, body: { errors: [{ code: 'InvalidInput', message: 'Invalid shipToParty', details: '' }] } });
			const [item] = jsonOf(await runVendor(emulator, { continueOnFail: true, parameters: write.parameters() }));
			expect(String(item.error)).toMatch(/^Amazon refused .* as invalid \(Amazon said: Invalid shipToParty\)\. Nothing was submitted\. Check the fields of the node and run it again\. If an earlier run of this item got a transaction ID, look it up with Transaction Status → Get before trying again\.$/);
			expect(item.mayHaveTakenEffect).toBe(false);
		});
	});

	const BAD_INPUT: Array<[string, () => Record<string, unknown>, RegExp]> = [
		['a PO number that is not one', () => writes.acknowledge.parameters({ purchaseOrderNumber: 'PO-1' }), /"PO-1" in "Purchase Order Number" is not a purchase order number/],
		['an acknowledgement without lines', () => writes.acknowledge.parameters({ answer: 'lines', lines: {} }), /"Lines" is empty/],
		['an acknowledgement line listed twice', () => writes.acknowledge.parameters({ answer: 'lines', lines: { line: [{ itemSequenceNumber: '1', accepted: 1 }, { itemSequenceNumber: '1', accepted: 2 }] } }), /Line 1 is listed twice/],
		['a fractional quantity', () => writes.acknowledge.parameters({ answer: 'lines', lines: { line: [{ itemSequenceNumber: '1', accepted: 1.5 }] } }), /must be a whole number of at least 0; "1.5" is not/],
		['a shipment without an ID', () => writes.submitConfirmation.parameters({ shipmentIdentifier: '   ' }), /"Shipment ID" is empty/],
		['a shipped line without ASIN or SKU', () => writes.submitConfirmation.parameters({ items: { line: [{ purchaseOrderNumber: 'ABCD1234', quantity: 2 }] } }), /has neither ASIN nor vendor SKU/],
		['shipped lines as broken JSON', () => writes.submitConfirmation.parameters({ itemsFrom: 'json', itemsJson: '[{"purchaseOrderNumber": ' }), /"Items \(JSON\)" is not JSON/],
		['a shipped quantity of 0', () => writes.submitConfirmation.parameters({ items: { line: [{ purchaseOrderNumber: 'ABCD1234', asin: 'B000000001', quantity: 0 }] } }), /must be a whole number of at least 1/],
		['a delivery before shipping', () => writes.submitConfirmation.parameters({ shippedDate: '2026-03-01T00:00:00Z', estimatedDeliveryDate: '2026-02-20T00:00:00Z' }), /"Estimated Delivery Date" is before "Shipped Date"/],
		['an invoice total with a thousands separator', () => writes.invoice.parameters({ invoiceTotal: '1,234.50' }), /"Invoice Total" must be a plain amount/],
		['an invoice total with too many decimals', () => writes.invoice.parameters({ invoiceTotal: '12.345' }), /has 3 decimals, but (USD|CAD) amounts have at most 2/],
		['an invoice in no currency', () => writes.invoice.parameters({ currency: 'RMB' }), /"Currency" must be a currency code in use/],
		['an invoice line without net cost', () => writes.invoice.parameters({ invoiceLines: { line: [{ purchaseOrderNumber: 'ABCD1234', asin: 'B000000001', quantity: 1, netCost: '' }] } }), /Net Cost per Each .* must be a plain amount/],
		['a status lookup without an ID', () => ({ resource: 'transactionStatus', operation: 'get', transactionId: ' ' }), /"Transaction ID" is empty/],
		['a PO listing further back than Amazon keeps', () => ({ resource: 'purchaseOrder', operation: 'getMany', periodStart: '2025-01-01T00:00:00Z' }), /more than 180 days ago/],
		['a PO period that ends before it starts', () => ({ resource: 'purchaseOrder', operation: 'getStatuses', periodStart: '2026-02-20T00:00:00Z', periodEnd: '2026-02-10T00:00:00Z' }), /must be before "Period End"/],
	];

	it.each(BAD_INPUT)('refuses %s before any call to Amazon', async (_name, parameters, message) => {
		const [item] = jsonOf(await runVendor(emulator, { continueOnFail: true, parameters: parameters() }));
		expect(String(item.error)).toMatch(message);
		// not even a token: nothing reached Amazon
		expect(emulator.control.requests()).toEqual([]);
	});

	it('checks an acknowledgement against the PO (a read) and sends nothing when it does not add up', async () => {
		const po = openPo();
		const line = po.lines[0];
		const [item] = jsonOf(
			await runVendor(emulator, {
				continueOnFail: true,
				parameters: writes.acknowledge.parameters({ answer: 'lines', lines: { line: [{ itemSequenceNumber: line.itemSequenceNumber, accepted: line.orderedUnits + 1 }] } }),
			}),
		);
		expect(String(item.error)).toMatch(new RegExp(`Line ${line.itemSequenceNumber}: accepted \\+ rejected \\+ backordered is ${line.orderedUnits + 1}, but Amazon ordered ${line.orderedUnits}`));
		expect(emulator.control.requests().map((entry) => entry.operation).filter(Boolean)).toEqual(['getPurchaseOrder']);
	});
});
