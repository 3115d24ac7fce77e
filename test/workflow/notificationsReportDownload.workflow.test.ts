/**
 * The Notifications trigger's "Download Report": Amazon (the emulator) finishes a report, publishes
 * REPORT_PROCESSING_FINISHED to the subscribed SQS queue, and the trigger downloads and reads the report
 * through the reports pipeline, one workflow run per report. Contents are checked against the
 * emulator's own data and against an independent decode of the raw document (Node's TextDecoder).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeCredentials, INodeExecutionData } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import { isoOffset } from '../emulator/reports/content/format';
import { DAY, sellerToken } from '../emulator/testSupport';
import { documentText, rawGet, reportsApi, tsvRows, type ReportsApi } from '../emulator/testSupportReports';
import type { Emulator, SellerFixtureKey, SpApiRegion } from '../emulator/types';
import { runWorkflow, type WorkflowSpec } from '../harness/n8nHarness';
import { activateWorkflow, type ActivateOptions, type ActiveWorkflow } from '../harness/triggerHarness';
import { until } from '../helpers/waiting';

const TRIGGER = 'Amazon Notifications';
const NOW = new Date('2025-03-15T12:00:00Z');
const DE = 'A1PA6795UKMFR9';
const US = 'ATVPDKIKX0DER';
const FBA_RETURNS = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
const REGION: Record<'na' | 'eu' | 'fe', SpApiRegion> = { na: 'NA', eu: 'EU', fe: 'FE' };
const iso = (ms: number) => new Date(ms).toISOString();
const returnsRange = { dataStartTime: iso(NOW.getTime() - 59 * DAY), dataEndTime: iso(NOW.getTime() - DAY) };

const credentialRefs: INodeCredentials = { amazonSpApi: { id: 'amazonSpApi', name: 'Amazon' }, amazonSqsApi: { id: 'amazonSqsApi', name: 'Queue' } };

function decodeBinary(item: INodeExecutionData, field = 'data'): string {
	const binary = item.binary?.[field];
	if (!binary) throw new Error('no binary data');
	return Buffer.from(binary.data, 'base64').toString('utf8');
}

/** Row items without ACORN's own fields, as a plain column → text record. */
function columnsOf(row: IDataObject): Record<string, unknown> {
	return Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('_')));
}

describe('Notifications trigger: Download Report for REPORT_PROCESSING_FINISHED', () => {
	let emulator: Emulator;
	let queueNo = 0;
	const active: ActiveWorkflow[] = [];
	const apis = new Map<string, ReportsApi>();

	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, timeScale: 100, queueTimeScale: 100, ordersPerDay: 8, reportProcessingMs: 300, tokenLifetimeSeconds: 30 * 86_400 });
		for (const seller of ['na', 'eu'] as const) {
			emulator.control.state.dataFor(seller);
			apis.set(seller, reportsApi(emulator, REGION[seller], await sellerToken(emulator, seller)));
		}
	});
	afterEach(async () => {
		for (const workflow of active.splice(0)) await workflow.deactivate().catch(() => undefined);
		// unsubscribing runs just after deactivation; the next test subscribes the same store again
		await until(() => !emulator.control.notifications.subscriptions().some((s) => s.notificationType === 'REPORT_PROCESSING_FINISHED'), 5000, 'unsubscribed');
		emulator.control.clearFaults();
		emulator.control.sqs.clearFaults();
		emulator.control.sqs.setTimeScale(100);
		emulator.control.reports.setDocumentStyle({ charsetInHeader: true, compression: 'gzip', charset: undefined });
	});
	afterAll(async () => emulator.close());

	const api = (seller: 'na' | 'eu') => apis.get(seller)!;
	const newQueue = () => emulator.control.sqs.createQueue({ name: `reports-${++queueNo}` }).name;

	function spec(queue: string, parameters: Record<string, unknown>, seller: SellerFixtureKey = 'eu'): WorkflowSpec {
		return {
			nodes: [
				{
					name: TRIGGER,
					type: 'n8n-nodes-acorn.amazonSpApiNotificationsTrigger',
					parameters: {
						notificationTypes: ['REPORT_PROCESSING_FINISHED'],
						manageSubscriptions: true,
						downloadReport: true,
						...parameters,
						options: { unsubscribeDelay: 0, ...(parameters.options as object) },
					},
					credentials: credentialRefs,
				},
			],
			connections: {},
			credentials: {
				amazonSpApi: { ...emulator.credentialsFor(seller) } as unknown as ICredentialDataDecryptedObject,
				amazonSqsApi: { ...emulator.control.sqs.credentialsFor(queue) } as unknown as ICredentialDataDecryptedObject,
			},
		};
	}

	async function activate(workflowSpec: WorkflowSpec, options: ActivateOptions = {}): Promise<ActiveWorkflow> {
		const workflow = await activateWorkflow(workflowSpec, options);
		active.push(workflow);
		return workflow;
	}

	async function createReport(seller: 'na' | 'eu', body: Record<string, unknown>): Promise<string> {
		const created = await api(seller).create(body);
		expect(created.status).toBe(202);
		return String(created.body.reportId);
	}

	const drained = (queue: string) => {
		const depth = emulator.control.sqs.depth(queue);
		return depth.visible + depth.inFlight + depth.delayed === 0;
	};
	const statsOf = (workflow: ActiveWorkflow) => (workflow.staticData[`node:${TRIGGER}`] as IDataObject).stats as IDataObject;

	/** The FBA returns the emulator put into a German report over `returnsRange`. */
	function expectedGermanReturns() {
		const start = Date.parse(returnsRange.dataStartTime);
		const end = Date.parse(returnsRange.dataEndTime);
		return emulator.control.reports.returns('eu').filter((r) => r.channel === 'AFN' && r.marketplaceId === DE && r.returnedAt >= start && r.returnedAt <= end);
	}

	it('a report created through the Reports API is DONE: the trigger passes on its rows, German windows-1252 text intact, then removes the message', async () => {
		const queue = newQueue();
		const workflow = await activate(spec(queue, {}));
		const reportId = await createReport('eu', { reportType: FBA_RETURNS, marketplaceIds: [DE], ...returnsRange });
		const [emit] = await workflow.waitForEmits(1, 15_000);
		const rows = emit.data[0].map((item) => item.json);
		expect(emit.data[1]).toEqual([]);

		// exactly the emulator's returns, in order, every column as Amazon's file has it
		const expected = expectedGermanReturns();
		expect(expected.length).toBeGreaterThan(2);
		expect(rows).toEqual(
			expected.map((r, index) => ({
				'return-date': isoOffset(r.returnedAt),
				'order-id': r.amazonOrderId,
				sku: r.sellerSku,
				asin: r.asin,
				fnsku: r.fnSku,
				'product-name': r.title,
				quantity: String(r.quantity),
				'fulfillment-center-id': r.fulfillmentCenterId,
				'detailed-disposition': r.disposition,
				reason: r.reason,
				status: r.status,
				'license-plate-number': r.licensePlate,
				'customer-comments': r.customerComment,
				_line: index + 2,
				_reportId: reportId,
				_reportType: FBA_RETURNS,
			})),
		);
		// the bytes Node's windows-1252 decoder gets wrong without care (0x84 „, 0x93 “, 0x96 –) came through
		expect(rows.some((row) => /[„“–]/.test(`${String(row['product-name'])}${String(row['customer-comments'])}`))).toBe(true);
		expect(rows.some((row) => /[äöüß]/.test(`${String(row['product-name'])}${String(row['customer-comments'])}`))).toBe(true);

		// and the same as an independent decode of the raw document
		const report = (await api('eu').get(reportId)).body;
		const document = await api('eu').document(report.reportDocumentId);
		const raw = await rawGet(document.body.url);
		expect(String(raw.headers['content-type'])).toMatch(/charset=Cp1252/);
		expect(rows.map(columnsOf)).toEqual(tsvRows(documentText(raw, 'windows-1252')));

		await until(() => drained(queue), 5000, 'message deleted after the emit');
		expect(statsOf(workflow)).toMatchObject({ emitted: 1, reportDownloads: 1, downloadRetries: 0 });
	});

	it('a download address that is already expired is renewed once and the download goes on; the rows are filtered in the stream', async () => {
		const queue = newQueue();
		const expected = expectedGermanReturns();
		const reasons = [...new Set(expected.map((r) => r.reason))].slice(0, 2);
		const workflow = await activate(
			spec(queue, {
				downloadOptions: {
					onlyRowsWhere: { condition: [{ column: 'Reason', operator: 'isOneOf', values: reasons.map((reason) => reason.toLowerCase()).join(', ') }] },
					onlyColumns: 'order-id, sku, reason',
				},
			}),
		);
		emulator.control.reports.expireNextDocumentUrls(1);
		const s3Before = emulator.control.requests().filter((r) => r.path.startsWith('/s3/')).length;
		const reportId = await createReport('eu', { reportType: FBA_RETURNS, marketplaceIds: [DE], ...returnsRange });
		const [emit] = await workflow.waitForEmits(1, 15_000);
		const kept = expected.filter((r) => reasons.includes(r.reason));
		expect(kept.length).toBeGreaterThan(0);
		expect(kept.length).toBeLessThan(expected.length);
		expect(emit.data[0].map((item) => item.json)).toEqual(
			expected
				.map((r, index) => ({ r, line: index + 2 }))
				.filter(({ r }) => reasons.includes(r.reason))
				.map(({ r, line }) => ({ 'order-id': r.amazonOrderId, sku: r.sellerSku, reason: r.reason, _line: line, _reportId: reportId, _reportType: FBA_RETURNS })),
		);
		expect(emulator.control.requests().filter((r) => r.path.startsWith('/s3/')).slice(s3Before).map((r) => r.status)).toEqual([403, 200]);
		await until(() => drained(queue), 5000, 'message deleted after the emit');
		expect(statsOf(workflow)).toMatchObject({ emitted: 1, downloadRetries: 0 });
	});

	it('as a file (binary, UTF-8) with the notification on the item; "both" with a row limit, charset override and typed values', async () => {
		const queue = newQueue();
		const binaryRun = await activate(spec(queue, { output: 'binary', binaryPropertyName: 'report', downloadOptions: { includeResponseMetadata: true } }));
		const reportId = await createReport('eu', { reportType: FBA_RETURNS, marketplaceIds: [DE], ...returnsRange });
		const [fileEmit] = await binaryRun.waitForEmits(1, 15_000);
		expect(fileEmit.data[0]).toHaveLength(1);
		const file = fileEmit.data[0][0];
		expect(file.json).toMatchObject({
			notificationType: 'REPORT_PROCESSING_FINISHED',
			notificationId: expect.any(String),
			reportId,
			reportType: FBA_RETURNS,
			processingStatus: 'DONE',
			reportDocumentId: expect.stringMatching(/^amzn1\.spdoc\.1\.4\.eu\./),
			fileName: expect.stringMatching(new RegExp(`^${FBA_RETURNS}-${reportId}\\.tsv$`)),
			mimeType: 'text/tab-separated-values; charset=utf-8',
			charset: 'windows-1252',
			charsetSource: 'header',
			compressed: true,
			responseMetadata: expect.objectContaining({ operation: 'getReportDocument', httpStatus: 200, requestId: expect.any(String) }),
		});
		const text = decodeBinary(file, 'report');
		const raw = await rawGet((await api('eu').document(String(file.json.reportDocumentId))).body.url);
		expect(text).toBe(documentText(raw, 'windows-1252'));
		expect(text).toMatch(/[„“–]/);
		await binaryRun.deactivate();

		// Amazon sends no charset this time: the override decides; 2 rows only, quantities as numbers
		emulator.control.reports.setDocumentStyle({ charsetInHeader: false });
		const bothQueue = newQueue();
		const bothRun = await activate(spec(bothQueue, { output: 'both', returnAll: false, limit: 2, downloadOptions: { charset: 'windows-1252', typedValues: true } }));
		const secondId = await createReport('eu', { reportType: FBA_RETURNS, marketplaceIds: [DE], ...returnsRange });
		const [bothEmit] = await bothRun.waitForEmits(1, 15_000);
		const [fileItem, ...rowItems] = bothEmit.data[0];
		const expected = expectedGermanReturns();
		expect(fileItem.json).toMatchObject({ reportId: secondId, rows: expected.length, charset: 'windows-1252', charsetSource: 'override' });
		expect(decodeBinary(fileItem)).toBe(text);
		expect(rowItems.map((item) => item.json)).toEqual(
			expected.slice(0, 2).map((r, index) => expect.objectContaining({ 'order-id': r.amazonOrderId, 'product-name': r.title, quantity: r.quantity, _line: index + 2, _reportId: secondId })),
		);
	});

	it('CANCELLED (no data) becomes one item saying so, without a download', async () => {
		const queue = newQueue();
		const workflow = await activate(spec(queue, {}, 'na'));
		emulator.control.clearRequests();
		// no dates: Amazon's default range covers no time, so there is nothing to report
		const reportId = await createReport('na', { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US] });
		const [emit] = await workflow.waitForEmits(1, 15_000);
		expect(emit.data[0]).toEqual([
			{
				json: expect.objectContaining({
					notificationType: 'REPORT_PROCESSING_FINISHED',
					reportId,
					processingStatus: 'CANCELLED',
					noData: true,
					message: `Amazon found no data for report ${reportId} (GET_FBA_REIMBURSEMENTS_DATA) and cancelled it.`,
				}),
			},
		]);
		expect(emulator.control.requests().filter((r) => r.operation === 'getReportDocument')).toHaveLength(0);
		await until(() => drained(queue), 5000, 'message deleted');
	});

	it("FATAL puts Amazon's error document in the item, and the trigger carries on with the next report", async () => {
		const queue = newQueue();
		const workflow = await activate(spec(queue, {}, 'na'));
		const fatalId = await createReport('na', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] });
		const [emit] = await workflow.waitForEmits(1, 15_000);
		expect(emit.data[0]).toHaveLength(1);
		const item = emit.data[0][0].json;
		expect(item).toMatchObject({ reportId: fatalId, processingStatus: 'FATAL', reportDocumentId: expect.any(String) });
		const errorDocument = JSON.parse(String(item.errorDocument)) as { errorDetails: string };
		expect(errorDocument).toEqual({ errorDetails: expect.stringContaining('does not generate GET_MERCHANT_LISTINGS_ALL_DATA') });
		// Amazon's words exactly as its error document has them, after ACORN's own sentence
		expect(item.message).toBe(`Amazon could not create report ${fatalId} (GET_MERCHANT_LISTINGS_ALL_DATA): it ended with FATAL. Amazon said: ${errorDocument.errorDetails}`);
		expect(workflow.errors).toEqual([]);
		const nextId = await createReport('na', { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US] });
		const emits = await workflow.waitForEmits(2, 15_000);
		expect(emits[1].data[0][0].json).toMatchObject({ reportId: nextId, noData: true });
	});

	it('a download that breaks off is not lost: the message waits in the queue (backoff), comes back, and is passed on exactly once', async () => {
		const queue = newQueue();
		const workflow = await activate(spec(queue, {}));
		// the first download drops the connection mid-file (a truncated report must never pass as complete)
		emulator.control.reports.cutNextDownload({ afterBytes: 120, mode: 'connectionReset' });
		const reportId = await createReport('eu', { reportType: FBA_RETURNS, marketplaceIds: [DE], ...returnsRange });
		await until(() => emulator.control.sqs.messages(queue).length === 1, 10_000, 'notification queued');
		const body = emulator.control.sqs.messages(queue)[0].body;
		const [emit] = await workflow.waitForEmits(1, 15_000);
		await until(() => drained(queue), 5000, 'message deleted after the second delivery');
		// received twice: not deleted after the failure, and hidden for the 30 s backoff (0.3 s at this queue scale) before coming back
		const receives = emulator.control.sqs.requests().filter((r) => r.action === 'ReceiveMessage' && r.queueUrl?.endsWith(`/${queue}`) && (r.count ?? 0) > 0);
		expect(receives).toHaveLength(2);
		// measured between hand-outs, not request arrivals: the second long poll may arrive early and wait
		expect(Date.parse(receives[1].answeredAt!) - Date.parse(receives[0].answeredAt!)).toBeGreaterThanOrEqual(280);
		expect(emulator.control.sqs.requests().filter((r) => r.action === 'DeleteMessageBatch' && r.queueUrl?.endsWith(`/${queue}`))).toHaveLength(1);
		// the notification was remembered only when it was handed over: a later copy is a duplicate
		emulator.control.sqs.send(queue, body);
		await until(() => drained(queue) && statsOf(workflow).duplicates === 1, 5000, 'copy recognised');
		expect(workflow.emits).toHaveLength(1);
		const rows = emit.data[0].map((item) => item.json);
		expect(rows).toHaveLength(expectedGermanReturns().length);
		expect(rows.every((row) => row._reportId === reportId)).toBe(true);

		const logs = workflow.logs();
		const retryLog = logs.find((l) => l.level === 'warn' && /the download failed/.test(l.message));
		expect(retryLog?.message).toMatch(new RegExp(`^Report ${reportId} \\(${FBA_RETURNS}\\): the download failed \\(.+\\)\\. The notification stays in the queue and is tried again in 30 s \\(attempt 1 of 8\\)\\.$`));
		expect(statsOf(workflow)).toMatchObject({ emitted: 1, reportDownloads: 1, downloadRetries: 1, downloadFailures: 0 });

		// nothing secret in the logs: no presigned address, no token
		const logText = JSON.stringify(logs);
		expect(logText).not.toMatch(/X-Amz-Signature|X-Amz-Credential|Atza\|/);
		for (const token of emulator.control.state.tokens.issued().map((t) => t.token)) expect(logText).not.toContain(token);
	});

	it('a failure that trying again cannot fix (the app lacks the role) passes the notification on with the reason at once', async () => {
		const queue = newQueue();
		const workflow = await activate(spec(queue, {}));
		emulator.control.injectFault({ operation: 'getReportDocument', status: 403, body: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] } });
		const reportId = await createReport('eu', { reportType: FBA_RETURNS, marketplaceIds: [DE], ...returnsRange });
		const [emit] = await workflow.waitForEmits(1, 15_000);
		expect(emit.data[0]).toHaveLength(1);
		const item = emit.data[0][0].json;
		expect(item).toMatchObject({ reportId, processingStatus: 'DONE', downloadError: expect.objectContaining({ kind: 'http', httpStatus: 403, operation: 'getReportDocument', attempts: 1 }) });
		expect(String(item.message)).toMatch(new RegExp(`^ACORN could not download report ${reportId} \\(${FBA_RETURNS}\\): .+ Download it later with the Reports node \\(Report → Download, report ID ${reportId}\\)\\.$`));
		await until(() => drained(queue), 5000, 'message deleted');
		expect(statsOf(workflow)).toMatchObject({ downloadRetries: 0, downloadFailures: 1 });
	});

	it('keeps the message hidden (heartbeat) while a slow download outlasts the visibility timeout, so it is not received twice', async () => {
		// 10 s of queue time = 4 s here; the download address takes 6 s: without extensions SQS would hand the message out again
		emulator.control.sqs.setTimeScale(2.5);
		const queue = newQueue();
		const workflow = await activate(spec(queue, { options: { visibilityTimeout: 10 } }));
		emulator.control.injectFault({ operation: 'getReportDocument', delayMs: 6000 });
		const reportId = await createReport('eu', { reportType: FBA_RETURNS, marketplaceIds: [DE], ...returnsRange });
		await until(() => emulator.control.requests().some((r) => r.operation === 'getReportDocument' && r.sellerId === 'A1ACORNSELLEREU') || emulator.control.sqs.depth(queue).inFlight === 1, 10_000, 'download started');
		const receivedAt = Date.now();
		// past the original visibility timeout, still hidden and received once
		await new Promise((resolve) => setTimeout(resolve, 4800 - (Date.now() - receivedAt)));
		expect(workflow.emits).toHaveLength(0);
		expect(emulator.control.sqs.messages(queue)).toEqual([expect.objectContaining({ receiveCount: 1, visible: false })]);
		const [emit] = await workflow.waitForEmits(1, 15_000);
		expect(emit.data[0][0].json).toMatchObject({ _reportId: reportId });
		await until(() => drained(queue), 8000, 'message deleted');
		expect(workflow.emits).toHaveLength(1);
		const heartbeats = emulator.control.sqs.requests().filter((r) => r.action === 'ChangeMessageVisibilityBatch' && r.queueUrl?.endsWith(`/${queue}`) && r.status === 200);
		expect(heartbeats.length).toBeGreaterThanOrEqual(1);
		const receives = emulator.control.sqs.requests().filter((r) => r.action === 'ReceiveMessage' && r.queueUrl?.endsWith(`/${queue}`) && (r.count ?? 0) > 0);
		expect(receives).toHaveLength(1);
	}, 30_000);

	it('deactivating during a download stops it at once; the message goes back to the queue and the next start passes it on', async () => {
		const queue = newQueue();
		const spec0 = spec(queue, { options: { visibilityTimeout: 60 } });
		const first = await activate(spec0);
		emulator.control.injectFault({ operation: 'getReportDocument', delayMs: 5000 });
		const reportId = await createReport('eu', { reportType: FBA_RETURNS, marketplaceIds: [DE], ...returnsRange });
		await until(() => emulator.control.sqs.depth(queue).inFlight === 1, 10_000, 'notification received');
		await new Promise((resolve) => setTimeout(resolve, 300));
		const started = Date.now();
		// "saving" the workflow: n8n closes the trigger and starts it again (the subscription stays)
		await first.deactivate();
		active.splice(active.indexOf(first), 1);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(first.emits).toHaveLength(0);
		// released at once, not after the 60 s visibility timeout (0.6 s here)
		expect(emulator.control.sqs.messages(queue)).toEqual([expect.objectContaining({ visible: true, receiveCount: 1 })]);
		// the same workflow started again, as when n8n saves it
		const second = await activate({ ...spec0, staticData: JSON.parse(JSON.stringify(first.staticData)) as IDataObject }, { workflowId: first.workflow.id });
		const [emit] = await second.waitForEmits(1, 15_000);
		expect(emit.data[0][0].json).toMatchObject({ _reportId: reportId });
		expect(second.logs().some((l) => /cancel|aborted/i.test(l.message) && l.level === 'warn')).toBe(false);
	});

	it('in the editor, a failed download is shown as the error and the notification stays in the queue', async () => {
		const queue = newQueue();
		emulator.control.reports.cutNextDownload({ afterBytes: 120, mode: 'connectionReset' });
		const requested = (async () => {
			await until(() => emulator.control.notifications.subscriptions().some((s) => s.sellerId === 'A1ACORNSELLEREU' && s.notificationType === 'REPORT_PROCESSING_FINISHED'), 10_000, 'test subscription');
			return await createReport('eu', { reportType: FBA_RETURNS, marketplaceIds: [DE], ...returnsRange });
		})();
		const result = await runWorkflow({ ...spec(queue, { manageSubscriptions: true }), mode: 'manual' });
		const reportId = await requested;
		expect(result.error(TRIGGER)?.message).toMatch(new RegExp(`^Report ${reportId} \\(${FBA_RETURNS}\\) could not be downloaded: The download of report document .* stopped after \\d+ bytes .*the report is incomplete`));
		expect(emulator.control.sqs.messages(queue)).toEqual([expect.objectContaining({ visible: true, receiveCount: 1 })]);
	});

	it('passes on only the chosen report types; the others are removed and counted', async () => {
		const queue = newQueue();
		const workflow = await activate(spec(queue, { reportTypes: ['GET_FBA_REIMBURSEMENTS_DATA'] }, 'na'));
		await createReport('na', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] });
		await until(() => ((statsOf(workflow).otherReportTypes as IDataObject | undefined)?.GET_MERCHANT_LISTINGS_ALL_DATA as number) === 1, 10_000, 'skipped report counted');
		const wanted = await createReport('na', { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US] });
		const emits = await workflow.waitForEmits(1, 15_000);
		expect(emits.map((e) => e.data[0][0].json.reportId)).toEqual([wanted]);
		await until(() => drained(queue), 5000, 'queue drained');
	});

	it('refuses bad download settings when the workflow is activated', async () => {
		const queue = newQueue();
		await expect(activate(spec(queue, { returnAll: false, limit: 0 }))).rejects.toThrow(/"Limit" must be a number above zero/);
		await expect(activate(spec(queue, { downloadOptions: { charset: 'klingon-8' } }))).rejects.toThrow(/character set "klingon-8"/);
		await expect(activate(spec(queue, { reportTypes: ['settlement please'] }))).rejects.toThrow(/not a report type name/);
		await expect(activate(spec(queue, { downloadOptions: { onlyRowsWhere: { condition: [{ column: 'reason', values: ' , ' }] } } }))).rejects.toThrow(/condition on column "reason" in "Only Rows Where" has no values/);
		expect(emulator.control.notifications.subscriptions().filter((s) => s.destinationId && emulator.control.notifications.destinations().find((d) => d.destinationId === s.destinationId)?.sqsArn?.endsWith(`:${queue}`))).toEqual([]);
	});

	it('in the editor, "Listen for test event" shows the first report as the workflow would get it', async () => {
		const queue = newQueue();
		// the report is requested once the test run has subscribed the store
		const requested = (async () => {
			await until(() => emulator.control.notifications.subscriptions().some((s) => s.sellerId === 'A1ACORNSELLERNA' && s.notificationType === 'REPORT_PROCESSING_FINISHED'), 10_000, 'test subscription');
			return await createReport('na', { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US], dataStartTime: iso(NOW.getTime() - 60 * DAY), dataEndTime: iso(NOW.getTime() - DAY) });
		})();
		const result = await runWorkflow({ ...spec(queue, {}, 'na'), mode: 'manual' });
		expect(result.error(TRIGGER)).toBeUndefined();
		const rows = result.output(TRIGGER).map((item) => item.json);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows[0]).toMatchObject({ 'reimbursement-id': expect.any(String), _reportId: await requested, _reportType: 'GET_FBA_REIMBURSEMENTS_DATA', _line: 2 });
		await until(() => drained(queue), 5000, 'message removed after the test run');
	});
});

describe('Notifications trigger: "when the settlement report is ready, send its rows to the ERP"', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, timeScale: 100, queueTimeScale: 100, ordersPerDay: 6, tokenLifetimeSeconds: 60 * 86_400 });
		emulator.control.state.dataFor('fe');
	});
	afterAll(async () => emulator.close());

	/** Exact decimal text → integer minor units ("-1234.50" → -123450n, JPY "98000" → 98000n). */
	const minor = (text: unknown): bigint => BigInt(String(text).replace('.', ''));

	it('Amazon closes a settlement period: each account\'s V2 settlement report arrives as rows that add up to its total, to the yen and the cent', async () => {
		const queue = emulator.control.sqs.createQueue({ name: 'settlements' }).name;
		const workflow = await activateWorkflow({
			nodes: [
				{
					name: TRIGGER,
					type: 'n8n-nodes-acorn.amazonSpApiNotificationsTrigger',
					parameters: {
						notificationTypes: ['REPORT_PROCESSING_FINISHED'],
						reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'],
						downloadReport: true,
						downloadOptions: { typedValues: true },
						options: { unsubscribeDelay: 0 },
					},
					credentials: credentialRefs,
				},
			],
			connections: {},
			credentials: {
				amazonSpApi: { ...emulator.credentialsFor('fe') } as unknown as ICredentialDataDecryptedObject,
				amazonSqsApi: { ...emulator.control.sqs.credentialsFor(queue) } as unknown as ICredentialDataDecryptedObject,
			},
		});
		try {
			const groupsBefore = new Set(emulator.control.state.dataFor('fe').groups.filter((g) => g.endAt <= emulator.control.now().getTime()).map((g) => g.groupId));
			// two weeks pass: the open settlement period of each account (JPY, AUD) closes and Amazon publishes its reports
			emulator.control.advanceClock(15 * DAY);
			const closed = emulator.control.state.dataFor('fe').groups.filter((g) => !groupsBefore.has(g.groupId) && g.endAt <= emulator.control.now().getTime());
			expect(closed.map((g) => g.currency).sort()).toEqual(['AUD', 'JPY']);
			const emits = await workflow.waitForEmits(2, 20_000);
			await until(() => {
				const depth = emulator.control.sqs.depth(queue);
				return depth.visible + depth.inFlight === 0;
			}, 8000, 'queue drained');
			expect(emits).toHaveLength(2);
			// the two other settlement layouts were announced as well, and skipped as asked
			expect(((workflow.staticData[`node:${TRIGGER}`] as IDataObject).stats as IDataObject).otherReportTypes).toEqual({ GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE: 2, GET_V2_SETTLEMENT_REPORT_DATA_XML: 2 });
			for (const group of closed) {
				const emit = emits.find((e) => e.data[0][0].json['settlement-id'] === group.settlementId);
				expect(emit).toBeDefined();
				const [summary, ...lines] = emit!.data[0].map((item) => item.json);
				expect(summary).toMatchObject({ currency: group.currency, 'total-amount': expect.any(String), _reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', _line: 2 });
				expect(minor(summary['total-amount'])).toBe(BigInt(group.totalMinor));
				expect(lines.length).toBeGreaterThan(0);
				expect(lines.reduce((sum, line) => sum + minor(line.amount), 0n)).toBe(BigInt(group.totalMinor));
				if (group.currency === 'JPY') expect(lines.every((line) => !String(line.amount).includes('.'))).toBe(true);
				else expect(lines.every((line) => /^-?\d+\.\d{2}$/.test(String(line.amount)))).toBe(true);
			}
		} finally {
			await workflow.deactivate();
		}
	});
});
