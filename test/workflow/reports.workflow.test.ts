import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { buildNodeTypes, runWorkflow, spApiCredentialRef, type WorkflowResult } from '../harness/n8nHarness';
import { useFixedNow } from './support';

const START = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} };
const NODE = 'Reports';
const NOW = new Date('2025-03-15T12:00:00Z');
const DAY = 86_400_000;
const FAST = { firstCheckSeconds: 0.05, timeoutMinutes: 1 };
const list = (value: string) => ({ __rl: true, mode: 'list', value });

function credentialsOf(emulator: Emulator, seller: SellerFixtureKey): ICredentialDataDecryptedObject {
	return { ...emulator.credentialsFor(seller) } as unknown as ICredentialDataDecryptedObject;
}

function reportsWorkflow(emulator: Emulator, seller: SellerFixtureKey, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return {
		nodes: [START, { name: NODE, type: 'n8n-nodes-acorn.amazonSpApiReports', parameters: parameters as INodeParameters, credentials: spApiCredentialRef(), ...extra }],
		connections: { Start: [NODE] },
		credentials: { amazonSpApi: credentialsOf(emulator, seller) },
	};
}

async function run(emulator: Emulator, seller: SellerFixtureKey, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<WorkflowResult> {
	return await runWorkflow(reportsWorkflow(emulator, seller, parameters, extra));
}

function decodeBinary(item: INodeExecutionData, field = 'data'): string {
	const binary = item.binary?.[field];
	if (!binary) throw new Error('no binary data');
	return Buffer.from(binary.data, 'base64').toString('utf8');
}

const iso = (ms: number) => new Date(ms).toISOString();
const returnsRange = { dataStartTime: iso(NOW.getTime() - 59 * DAY), dataEndTime: iso(NOW.getTime() - DAY) };

describe('Amazon SP-API Reports node', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, timeScale: 100, ordersPerDay: 8, reportProcessingMs: 300, tokenLifetimeSeconds: 30 * 86_400 });
		for (const seller of ['na', 'eu', 'fe'] as const) emulator.control.state.dataFor(seller);
	});
	afterAll(() => emulator.close());
	afterEach(() => emulator.control.reports.setDocumentStyle({ charsetInHeader: true, compression: 'gzip', charset: undefined }));

	it('Create and Download: FBA returns as items, columns at the top level, German text intact', async () => {
		const result = await run(emulator, 'eu', {
			resource: 'report',
			operation: 'createAndDownload',
			reportType: list('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA'),
			marketplaceIds: ['A1PA6795UKMFR9'],
			...returnsRange,
			options: { ...FAST, typedValues: true },
		});
		expect(result.error(NODE)).toBeUndefined();
		const items = result.output(NODE);
		const expected = emulator.control.reports.returns('eu').filter((r) => r.channel === 'AFN' && r.marketplaceId === 'A1PA6795UKMFR9' && r.returnedAt >= Date.parse(returnsRange.dataStartTime) && r.returnedAt <= Date.parse(returnsRange.dataEndTime));
		expect(items.length).toBe(expected.length);
		expect(items[0].json).toMatchObject({ 'order-id': expected[0].amazonOrderId, sku: expected[0].sellerSku, quantity: expected[0].quantity, _line: 2, 'return-date': expect.stringMatching(/Z$/) });
		expect(items.some((item) => /[äöüß„“–]/.test(String(item.json['product-name'])))).toBe(true);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Create and Download as a file: decompressed, UTF-8, named after the report; and both file and rows', async () => {
		const base = { resource: 'report', operation: 'createAndDownload', reportType: list('GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE'), marketplaceIds: ['DE'], ...returnsRange, options: FAST };
		const file = (await run(emulator, 'eu', { ...base, output: 'binary', options: { ...FAST, includeResponseMetadata: true } })).output(NODE);
		expect(file).toHaveLength(1);
		expect(file[0].json).toMatchObject({
			reportId: expect.any(String),
			reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE',
			fileName: expect.stringMatching(/^GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE-\d+\.tsv$/),
			mimeType: 'text/tab-separated-values; charset=utf-8',
			charset: 'windows-1252',
			compressed: true,
		});
		expect(file[0].json.responseMetadata).toMatchObject({ operation: 'getReport', httpStatus: 200, requestId: expect.any(String) });
		const text = decodeBinary(file[0]);
		expect(text.split('\n')[0]).toMatch(/^Order ID\tOrder date\tReturn request date\tReturn request status/);
		expect(file[0].binary!.data).toMatchObject({ fileName: file[0].json.fileName, mimeType: 'text/tab-separated-values; charset=utf-8' });

		const both = (await run(emulator, 'eu', { ...base, output: 'both', returnAll: false, limit: 3 })).output(NODE);
		expect(decodeBinary(both[0])).toBe(text);
		expect(both[0].json.rows).toBe(text.trim().split('\n').length - 1);
		expect(both.slice(1)).toHaveLength(3);
		expect(both[1].json).toMatchObject({ 'Order ID': expect.stringMatching(/^\d{3}-\d{7}-\d{7}$/), _line: 2 });
		expect(both.some((item) => item.json['Return request status'] === 'Pending') || text.includes('\tPending\t')).toBe(true);
	});

	it('CANCELLED means no data: nothing (the output pane says why), or one marker item when asked for', async () => {
		// a quiet year long ago: Amazon finds nothing and cancels the report
		const quiet = { dataStartTime: iso(NOW.getTime() - 400 * DAY), dataEndTime: iso(NOW.getTime() - 399 * DAY) };
		const base = { resource: 'report', operation: 'createAndDownload', reportType: list('GET_FBA_REIMBURSEMENTS_DATA'), marketplaceIds: ['US'], ...quiet };
		const silent = await run(emulator, 'na', { ...base, options: FAST });
		expect(silent.error(NODE)).toBeUndefined();
		expect(silent.output(NODE)).toEqual([]);
		const when = (text: string) => text.slice(0, 16).replace('T', ' ');
		expect(silent.hints(NODE)).toEqual([
			{
				message: expect.stringMatching(
					new RegExp(`^Amazon found no data for report \\d+ \\(GET_FBA_REIMBURSEMENTS_DATA\\) of amazon\\.com, ${when(quiet.dataStartTime)} UTC to ${when(quiet.dataEndTime)} UTC, and cancelled it: there are no rows\\.`),
				),
				type: 'info',
				location: 'outputPane',
			},
		]);
		const marked = await run(emulator, 'na', { ...base, options: { ...FAST, emitNoDataItem: true } });
		expect(marked.output(NODE)).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ noData: true, processingStatus: 'CANCELLED', reportId: expect.any(String), message: expect.stringContaining('no data') }) }),
		]);
		expect(marked.hints(NODE)).toEqual([]);
	});

	it('FATAL fails in plain words, Amazon\'s explanation quoted as text and kept raw; with Continue On Fail it is an error item with the report id', async () => {
		const parameters = { resource: 'report', operation: 'createAndDownload', reportType: { __rl: true, mode: 'id', value: 'GET_MERCHANT_LISTINGS_ALL_DATA' }, marketplaceIds: ['US'], options: FAST };
		const failing = await run(emulator, 'na', parameters);
		expect(failing.error(NODE)?.message).toMatch(/^Amazon could not create report \S+ \(GET_MERCHANT_LISTINGS_ALL_DATA\): it ended with FATAL\.$/);
		// Amazon's explanation in plain words (its error document is JSON), kept raw in the details
		expect(failing.error(NODE)?.description).toMatch(/\nAmazon said: The SP-API emulator does not generate GET_MERCHANT_LISTINGS_ALL_DATA/);
		expect(failing.error(NODE)?.description).not.toMatch(/[{}"]|errorDetails/);
		expect(failing.error(NODE)?.context?.details).toMatchObject({ errorDocument: expect.stringContaining('{"errorDetails":') });
		const continuing = await run(emulator, 'na', parameters, { continueOnFail: true });
		expect(continuing.output(NODE)[0].json).toMatchObject({ error: expect.stringContaining('FATAL'), kind: 'fatal', reportId: expect.any(String), errorDocument: expect.stringContaining('errorDetails') });
	});

	it('a timeout names the report id; "Report → Download" in a later run picks the report up', async () => {
		const slow = await startEmulator({ now: NOW, ordersPerDay: 4, reportProcessingMs: 3_000, tokenLifetimeSeconds: 30 * 86_400 });
		try {
			slow.control.state.dataFor('na');
			const timedOut = await run(
				slow,
				'na',
				{ resource: 'report', operation: 'createAndDownload', reportType: list('GET_FBA_REIMBURSEMENTS_DATA'), marketplaceIds: ['US'], dataStartTime: iso(NOW.getTime() - 60 * DAY), dataEndTime: iso(NOW.getTime() - DAY), options: { firstCheckSeconds: 0.05, timeoutMinutes: 0.005 } },
				{ continueOnFail: true },
			);
			const error = timedOut.output(NODE)[0].json;
			expect(error).toMatchObject({ kind: 'timeout', reportId: expect.stringMatching(/^\d+$/), processingStatus: expect.stringMatching(/IN_QUEUE|IN_PROGRESS/) });
			expect(String(error.error)).toContain(`Report ${String(error.reportId)}`);
			const later = await run(slow, 'na', { resource: 'report', operation: 'download', reportId: error.reportId, options: { firstCheckSeconds: 0.2, timeoutMinutes: 1 } });
			expect(later.error(NODE)).toBeUndefined();
			expect(later.output(NODE).length).toBeGreaterThan(0);
			expect(later.output(NODE)[0].json).toHaveProperty('reimbursement-id');
			const created = slow.control.requests().filter((r) => r.operation === 'createReport');
			expect(created).toHaveLength(1);
		} finally {
			await slow.close();
		}
	});

	it('Create, Get, Get Many (filters, limit) and Cancel (only while queued, explained otherwise)', async () => {
		// still queued when the second workflow cancels it, however slow the machine is
		emulator.control.reports.holdNewReportsInQueue(true);
		const created = (await run(emulator, 'na', { resource: 'report', operation: 'create', reportType: list('GET_FBA_REIMBURSEMENTS_DATA'), marketplaceIds: ['US'], ...returnsRange, options: { includeResponseMetadata: true } })).output(NODE)[0].json;
		expect(created).toMatchObject({ reportId: expect.any(String), reportType: 'GET_FBA_REIMBURSEMENTS_DATA', responseMetadata: { operation: 'createReport', httpStatus: 202 } });
		const cancelled = await run(emulator, 'na', { resource: 'report', operation: 'cancel', reportId: created.reportId }).finally(() => emulator.control.reports.holdNewReportsInQueue(false));
		expect(cancelled.output(NODE)[0].json).toMatchObject({ reportId: created.reportId, cancelled: true, previousStatus: 'IN_QUEUE' });
		const got = (await run(emulator, 'na', { resource: 'report', operation: 'get', reportId: created.reportId })).output(NODE)[0].json;
		expect(got).toMatchObject({ reportId: created.reportId, processingStatus: 'CANCELLED' });
		const refused = await run(emulator, 'na', { resource: 'report', operation: 'cancel', reportId: created.reportId });
		expect(refused.error(NODE)?.message).toMatch(/cannot be cancelled: it has already ended \(CANCELLED\)/);

		const many = await run(emulator, 'na', { resource: 'report', operation: 'getMany', reportTypes: ['GET_FBA_REIMBURSEMENTS_DATA'], returnAll: false, limit: 2, filters: { processingStatuses: ['CANCELLED'], marketplaceIds: ['US'] } });
		expect(many.output(NODE)).toHaveLength(2);
		expect(many.output(NODE).every((item) => item.json.processingStatus === 'CANCELLED')).toBe(true);
	});

	it('refuses settlement types for Create and marketplaces of another region, before calling Amazon', async () => {
		emulator.control.clearRequests();
		const settlement = await run(emulator, 'na', { resource: 'report', operation: 'create', reportType: { __rl: true, mode: 'id', value: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2' }, marketplaceIds: ['US'] });
		expect(settlement.error(NODE)?.message).toMatch(/settlement report: Amazon creates one for every settlement period by itself/);
		const region = await run(emulator, 'na', { resource: 'report', operation: 'create', reportType: list('GET_FBA_REIMBURSEMENTS_DATA'), marketplaceIds: ['DE'] });
		expect(region.error(NODE)?.message).toMatch(/belongs to the EU region/);
		expect(emulator.control.requests().filter((r) => r.operation === 'createReport')).toEqual([]);
	});

	it('Settlement Report: list, then download with typed values; the amounts add up to the total exactly', async () => {
		const listed = (await run(emulator, 'eu', { resource: 'settlement', operation: 'getMany', settlementReportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', returnAll: false, limit: 2 })).output(NODE);
		expect(listed).toHaveLength(2);
		expect(listed[0].json).toMatchObject({ reportId: expect.any(String), reportDocumentId: expect.any(String), settlementStart: expect.any(String), settlementEndLocal: expect.stringMatching(/[+-]\d{2}:\d{2}$/) });
		const rows = (await run(emulator, 'eu', { resource: 'settlement', operation: 'download', reportId: listed[0].json.reportId, options: { typedValues: true } })).output(NODE);
		const [summary, ...lines] = rows.map((row) => row.json);
		const cents = (value: unknown) => BigInt(String(value).replace('.', ''));
		expect(typeof summary['total-amount']).toBe('string');
		expect(lines.reduce((sum, line) => sum + cents(line.amount), 0n)).toBe(cents(summary['total-amount']));
		expect(lines.find((line) => line['transaction-type'] === 'Order')?.['quantity-purchased']).toEqual(expect.any(Number));
		expect(summary['settlement-start-date']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		const wrong = await run(emulator, 'eu', { resource: 'settlement', operation: 'download', reportId: (await run(emulator, 'na', { resource: 'report', operation: 'getMany', reportTypes: ['GET_FBA_REIMBURSEMENTS_DATA'], returnAll: false, limit: 1 })).output(NODE)[0].json.reportId });
		expect(wrong.error(NODE)?.message).toBeDefined();
	});

	it('Settlement Download, rows filtered in the stream: only the refund lines, only some columns; dates of each marketplace read into UTC', async () => {
		emulator.control.reports.setDocumentStyle({ dates: 'marketplace' });
		try {
			for (const seller of ['eu', 'na', 'fe'] as const) {
				const listed = (await run(emulator, seller, { resource: 'settlement', operation: 'getMany', settlementReportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', returnAll: false, limit: 1 })).output(NODE);
				const reportId = listed[0].json.reportId;
				const all = (await run(emulator, seller, { resource: 'settlement', operation: 'download', reportId, options: { typedValues: true } })).output(NODE).map((row) => row.json);
				expect(all.filter((row) => row._unreadableDates)).toEqual([]);
				// the emulator wrote each marketplace's own spelling; typed values give UTC ISO and the local time
				expect(all[1]['posted-date-time']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
				expect(all[1]['posted-date-time-local']).toMatch(/[+-]\d{2}:\d{2}$/);
				expect(all[0]['settlement-start-date']).toBe(new Date(Date.parse(String(listed[0].json.settlementStart))).toISOString().replace('.000Z', 'Z'));
				const refunds = all.filter((row) => row['transaction-type'] === 'Refund');
				expect(refunds.length).toBeGreaterThan(0);
				const filtered = (
					await run(emulator, seller, {
						resource: 'settlement',
						operation: 'download',
						reportId,
						options: {
							typedValues: true,
							onlyRowsWhere: { condition: [{ column: 'Transaction Type', operator: 'isOneOf', values: 'refund' }, { column: 'amount-type', operator: 'isNoneOf', values: 'Promotion, ItemWithheldTax' }] },
							onlyColumns: 'order-id, sku, amount-type, amount-description, amount, posted-date-time',
						},
					})
				).output(NODE).map((row) => row.json);
				const expected = refunds.filter((row) => !['Promotion', 'ItemWithheldTax'].includes(String(row['amount-type'])));
				expect(filtered).toEqual(
					expected.map((row) => ({
						'order-id': row['order-id'],
						sku: row.sku,
						'amount-type': row['amount-type'],
						'amount-description': row['amount-description'],
						amount: row.amount,
						'posted-date-time': row['posted-date-time'],
						// typed values: a date column kept brings its local time along
						'posted-date-time-local': row['posted-date-time-local'],
						_line: row._line,
					})),
				);
			}
		} finally {
			emulator.control.reports.setDocumentStyle({ dates: 'standard' });
		}
		const typo = await run(emulator, 'eu', { resource: 'settlement', operation: 'download', reportId: (await run(emulator, 'eu', { resource: 'settlement', operation: 'getMany', settlementReportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', returnAll: false, limit: 1 })).output(NODE)[0].json.reportId, options: { onlyColumns: 'order-id, amout' } });
		expect(typo.error(NODE)?.message).toMatch(/The report has no column "amout". Its columns are: settlement-id, settlement-start-date/);
	});

	it('Settlement XML download: one item per transaction element', async () => {
		const listed = (await run(emulator, 'na', { resource: 'settlement', operation: 'getMany', settlementReportType: 'GET_V2_SETTLEMENT_REPORT_DATA_XML', returnAll: false, limit: 1 })).output(NODE);
		const rows = (await run(emulator, 'na', { resource: 'settlement', operation: 'download', reportId: listed[0].json.reportId })).output(NODE);
		expect(rows[0].json).toMatchObject({ _element: 'SettlementData', AmazonSettlementID: expect.any(String), TotalAmount: { '@currency': expect.stringMatching(/^(USD|CAD|MXN)$/), '#text': expect.any(String) } });
		expect(new Set(rows.map((row) => row.json._element))).toContain('Order');
		const order = rows.find((row) => row.json._element === 'Order')!.json as IDataObject;
		expect(Array.isArray((order.Fulfillment as IDataObject).Item)).toBe(true);
	});

	it('Document: get the temporary address, download by document id (Japan, no charset in the header)', async () => {
		const created = await run(emulator, 'fe', {
			resource: 'report',
			operation: 'createAndDownload',
			reportType: list('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA'),
			marketplaceIds: ['JP'],
			dataStartTime: iso(NOW.getTime() - 100 * DAY),
			dataEndTime: iso(NOW.getTime()),
			output: 'binary',
			options: FAST,
		});
		const reportId = created.output(NODE)[0].json.reportId;
		const report = (await run(emulator, 'fe', { resource: 'report', operation: 'get', reportId })).output(NODE)[0].json;
		const document = (await run(emulator, 'fe', { resource: 'document', operation: 'get', reportDocumentId: report.reportDocumentId })).output(NODE)[0].json;
		expect(document).toMatchObject({ reportDocumentId: report.reportDocumentId, url: expect.stringContaining('X-Amz-Expires=300'), compressionAlgorithm: 'GZIP', urlExpiresAt: expect.any(String) });
		emulator.control.reports.setDocumentStyle({ charsetInHeader: false });
		const rows = (await run(emulator, 'fe', { resource: 'document', operation: 'download', reportDocumentId: report.reportDocumentId, reportType: list('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA'), marketplaceId: 'A1VC38T7YXB528' })).output(NODE);
		expect(rows.some((row) => /[ぁ-んァ-ン一-龥]/.test(String(row.json['product-name'])))).toBe(true);
		expect(decodeBinary(created.output(NODE)[0])).toContain(String(rows[0].json['product-name']));
	});

	it('Schedules: create (and say which one it replaced), list, get, cancel', async () => {
		const base = { resource: 'schedule', operation: 'create', reportType: list('GET_FBA_REIMBURSEMENTS_DATA'), marketplaceIds: ['US'] };
		const first = (await run(emulator, 'na', { ...base, period: 'P1D' })).output(NODE)[0].json;
		expect(first).toMatchObject({ reportScheduleId: expect.any(String), replacedSchedule: null, message: 'New schedule created.' });
		const second = (await run(emulator, 'na', { ...base, period: 'P7D' })).output(NODE)[0].json;
		expect(second).toMatchObject({ replacedSchedule: { reportScheduleId: first.reportScheduleId, period: 'P1D' }, message: expect.stringContaining(`replaces schedule ${String(first.reportScheduleId)}`) });
		const all = (await run(emulator, 'na', { resource: 'schedule', operation: 'getMany', scheduleReportTypes: ['GET_FBA_REIMBURSEMENTS_DATA'] })).output(NODE);
		expect(all.map((item) => item.json.reportScheduleId)).toEqual([second.reportScheduleId]);
		const one = (await run(emulator, 'na', { resource: 'schedule', operation: 'get', reportScheduleId: second.reportScheduleId })).output(NODE)[0].json;
		expect(one).toMatchObject({ period: 'P7D', marketplaceIds: ['ATVPDKIKX0DER'] });
		const cancelled = (await run(emulator, 'na', { resource: 'schedule', operation: 'cancel', reportScheduleId: second.reportScheduleId })).output(NODE)[0].json;
		expect(cancelled).toEqual({ reportScheduleId: second.reportScheduleId, cancelled: true });
		const settlement = await run(emulator, 'na', { ...base, reportType: { __rl: true, mode: 'id', value: 'GET_V2_SETTLEMENT_REPORT_DATA_XML' } });
		expect(settlement.error(NODE)?.message).toMatch(/cannot be scheduled/);
	});

	it('the report type picker searches the known types', async () => {
		const types = await buildNodeTypes();
		const node = types.getByNameAndVersion('n8n-nodes-acorn.amazonSpApiReports');
		const search = node.methods!.listSearch!.searchReportTypes;
		const found = await search.call({} as never, 'returns fba');
		expect(found.results.map((result) => result.value)).toContain('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA');
		expect(found.results.every((result) => typeof result.description === 'string' && result.description.length > 10)).toBe(true);
		const all = await node.methods!.loadOptions!.getReportTypes.call({} as never);
		expect(all.length).toBeGreaterThan(50);
	});
});

describe('Reports node: what empty fields mean', () => {
	useFixedNow(NOW.toISOString());
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, timeScale: 20, ordersPerDay: 8, reportProcessingMs: 300, tokenLifetimeSeconds: 30 * 86_400 });
		emulator.control.state.dataFor('na');
	});
	afterAll(() => emulator.close());

	const requested = (type: string) => emulator.control.reports.reports('na').filter((report) => report.reportType === type).slice(-1)[0];

	it('no dates and no marketplace: a period with data for the report type, every store the seller sells in', async () => {
		emulator.control.clearRequests();
		const result = await run(emulator, 'na', { resource: 'report', operation: 'createAndDownload', reportType: list('GET_FBA_REIMBURSEMENTS_DATA'), options: FAST });
		expect(result.error(NODE)).toBeUndefined();
		// reimbursements: the last 30 days (Amazon's own default, "now", would cover no time at all)
		const report = requested('GET_FBA_REIMBURSEMENTS_DATA');
		expect(report.dataStartTime).toBeGreaterThanOrEqual(NOW.getTime() - 30 * DAY);
		expect(report.dataStartTime).toBeLessThan(NOW.getTime() - 30 * DAY + 60_000);
		expect(report.dataEndTime).toBeUndefined();
		// every store of the seller in the credential's region, as Amazon lists them
		expect([...report.marketplaceIds].sort()).toEqual(['A1AM78C64UM0Y8', 'A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER'].sort());
		expect(emulator.control.requests().filter((r) => r.operation === 'getMarketplaceParticipations')).toHaveLength(1);
		// there is data, and each row says where it came from
		expect(result.output(NODE).length).toBeGreaterThan(0);
		expect(result.hints(NODE)).toEqual([]);
	});

	it('orders: the last 7 days; reports about now (inventory): no dates; a Data End given: the period before it', async () => {
		const create = (type: string, extra: Record<string, unknown> = {}) =>
			run(emulator, 'na', { resource: 'report', operation: 'create', reportType: { __rl: true, mode: 'id', value: type }, marketplaceIds: ['US'], ...extra });
		const orders = (await create('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL')).output(NODE)[0].json;
		expect(Date.parse(String(orders.dataStartTime))).toBeGreaterThanOrEqual(NOW.getTime() - 7 * DAY);
		expect(Date.parse(String(orders.dataStartTime))).toBeLessThan(NOW.getTime() - 7 * DAY + 60_000);
		expect(requested('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL').dataStartTime).toBe(Date.parse(String(orders.dataStartTime)));
		await create('GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA');
		const inventory = requested('GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA');
		expect([inventory.dataStartTime, inventory.dataEndTime]).toEqual([undefined, undefined]);
		const end = NOW.getTime() - 10 * DAY;
		await create('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', { dataEndTime: iso(end) });
		const returns = requested('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA');
		expect([returns.dataStartTime, returns.dataEndTime]).toEqual([end - 30 * DAY, end]);
	});

	it('the fields say what empty means, under the field; the marketplace is no longer a required field', async () => {
		const types = await buildNodeTypes();
		const node = types.getByNameAndVersion('n8n-nodes-acorn.amazonSpApiReports');
		const field = (name: string) => node.description.properties.find((property) => property.name === name && property.displayOptions?.show?.operation?.includes('createAndDownload'))!;
		expect(field('dataStartTime').hint).toMatch(/last 30 days for returns, reimbursements.*last 7 days for orders/);
		expect(field('dataStartTime').placeholder).toBe('Empty = last 30 days (orders: 7)');
		expect(field('dataEndTime').hint).toBe('Empty: now');
		expect(field('marketplaceIds').required).toBeUndefined();
		expect(field('marketplaceIds').hint).toMatch(/every store you sell in/);
	});
});
