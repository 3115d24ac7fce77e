import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator } from './index';
import { requireModelsDir } from '../helpers/models';
import type { EmulatorEvent } from './events';
import type { OrderFinanceEvent } from './data/model';
import { PENDING_STATUS } from './reports/content/returns';
import { allPages, call, DAY, HOUR, MINUTE, sellerToken, toMinor, type HttpAnswer, type Json } from './testSupport';
import { documentText, rawGet, reportsApi, tsvRows, type ReportsApi } from './testSupportReports';
import type { Emulator, SellerFixtureKey, SpApiRegion } from './types';

const NOW = new Date('2025-03-15T12:00:00Z');
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const REGION: Record<'na' | 'eu' | 'fe', SpApiRegion> = { na: 'NA', eu: 'EU', fe: 'FE' };
const iso = (ms: number) => new Date(ms).toISOString();

function minorOf(text: string, currency: string): bigint {
	return toMinor(Number(text), currency);
}

describe('emulator Reports API', () => {
	let emulator: Emulator;
	const apis = new Map<string, ReportsApi>();
	const api = (seller: 'na' | 'eu' | 'fe') => apis.get(seller)!;
	const events: EmulatorEvent[] = [];

	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, enforceRateLimits: false, ordersPerDay: 8, reportProcessingMs: 10 * MINUTE, tokenLifetimeSeconds: 30 * 24 * 3600 });
		emulator.control.events.on((event) => events.push(event));
		for (const seller of ['na', 'eu', 'fe'] as const) apis.set(seller, reportsApi(emulator, REGION[seller], await sellerToken(emulator, seller)));
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.control.reports.setDocumentStyle({ charsetInHeader: true, compression: 'gzip', charset: undefined }));

	async function download(seller: 'na' | 'eu' | 'fe', documentId: string, query?: Record<string, string>) {
		const answer = await api(seller).document(documentId, query);
		expect(answer.status).toBe(200);
		return { answer, file: await rawGet(answer.body.url) };
	}

	const reimbursementBody = { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US], dataStartTime: iso(NOW.getTime() - 60 * DAY), dataEndTime: iso(NOW.getTime() - DAY) };

	test('lifecycle: IN_QUEUE → IN_PROGRESS → DONE on the emulator clock, announced once with Amazon\'s payload', async () => {
		const created = await api('na').create(reimbursementBody);
		expect(created.status).toBe(202);
		const { reportId } = created.body;
		expect(reportId).toMatch(/^\d{11}$/);
		const first = await api('na').get(reportId);
		expect(first.body).toMatchObject({ reportId, reportType: 'GET_FBA_REIMBURSEMENTS_DATA', processingStatus: 'IN_QUEUE', marketplaceIds: [US] });
		expect(first.body.reportDocumentId).toBeUndefined();
		emulator.control.advanceClock(4 * MINUTE);
		expect((await api('na').get(reportId)).body).toMatchObject({ processingStatus: 'IN_PROGRESS', processingStartTime: expect.any(String) });
		expect(events.filter((event) => (event.payload as Json).reportProcessingFinishedNotification.reportId === reportId)).toEqual([]);
		emulator.control.advanceClock(7 * MINUTE);
		const done = (await api('na').get(reportId)).body;
		expect(done).toMatchObject({ processingStatus: 'DONE', reportDocumentId: expect.stringMatching(/^amzn1\.spdoc\.1\.4\.na\./), processingEndTime: expect.any(String) });
		const announced = events.filter((event) => (event.payload as Json).reportProcessingFinishedNotification.reportId === reportId);
		expect(announced).toEqual([
			{
				notificationType: 'REPORT_PROCESSING_FINISHED',
				sellerId: 'A1ACORNSELLERNA',
				eventTime: expect.any(String),
				payload: {
					reportProcessingFinishedNotification: {
						sellerId: 'A1ACORNSELLERNA',
						accountId: 'amzn1.merchant.o.A1ACORNSELLERNA',
						reportId,
						reportType: 'GET_FBA_REIMBURSEMENTS_DATA',
						processingStatus: 'DONE',
						reportDocumentId: done.reportDocumentId,
					},
				},
			},
		]);
		// the payload follows Amazon's notification schema (required fields, enum, no unknown fields)
		const modelsDir = requireModelsDir('the REPORT_PROCESSING_FINISHED payload against its schema');
		if (modelsDir) {
			const schemaFile = path.join(modelsDir, 'schemas/notifications/ReportProcessingFinishedNotification.json');
			const schema = JSON.parse(readFileSync(schemaFile, 'utf8')).properties.payload;
			const inner = schema.properties.reportProcessingFinishedNotification;
			const payload = announced[0].payload as Json;
			expect(Object.keys(payload)).toEqual(expect.arrayContaining(schema.required));
			const notification = payload.reportProcessingFinishedNotification;
			expect(Object.keys(notification)).toEqual(expect.arrayContaining(inner.required));
			for (const key of Object.keys(notification)) expect(Object.keys(inner.properties)).toContain(key);
			expect(inner.properties.processingStatus.enum).toContain(notification.processingStatus);
		}
		// a later look does not announce it again
		await api('na').get(reportId);
		emulator.control.advanceClock(MINUTE);
		expect(events.filter((event) => (event.payload as Json).reportProcessingFinishedNotification.reportId === reportId)).toHaveLength(1);
	});

	test('reimbursements agree with the Finances API adjustments (SKU, quantity, amounts)', async () => {
		const { reportId } = (await api('na').create(reimbursementBody)).body;
		emulator.control.advanceClock(11 * MINUTE);
		const report = (await api('na').get(reportId)).body;
		const { file } = await download('na', report.reportDocumentId);
		expect(file.headers['content-type']).toBe('text/plain;charset=UTF-8');
		const rows = tsvRows(documentText(file, 'utf-8'));
		const adjustments = emulator.control.state
			.dataFor('na')
			.events.filter((event) => event.kind === 'Adjustment' && event.marketplaceId === US && event.postedAt >= NOW.getTime() - 60 * DAY && event.postedAt <= NOW.getTime() - DAY);
		expect(rows.length).toBe(adjustments.length);
		expect(rows.length).toBeGreaterThan(0);
		for (const [index, event] of adjustments.entries()) {
			if (event.kind !== 'Adjustment') throw new Error('not an adjustment');
			const row = rows[index];
			expect([row.sku, Number(row['quantity-reimbursed-total']), minorOf(row['amount-total'], 'USD')]).toEqual([event.items[0].sellerSku, event.items[0].quantity, BigInt(event.totalMinor)]);
		}
		expect(Object.keys(rows[0])).toEqual([
			'approval-date', 'reimbursement-id', 'case-id', 'amazon-order-id', 'reason', 'sku', 'fnsku', 'asin', 'product-name', 'condition', 'currency-unit',
			'amount-per-unit', 'amount-total', 'quantity-reimbursed-cash', 'quantity-reimbursed-inventory', 'quantity-reimbursed-total', 'original-reimbursement-id', 'original-reimbursement-type',
		]);
	});

	test('CANCELLED when there is no data (no document); FATAL with an error document', async () => {
		const empty = await api('na').create({ reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US] });
		const tooLong = await api('na').create({ reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', marketplaceIds: [US], dataStartTime: iso(NOW.getTime() - 90 * DAY), dataEndTime: iso(NOW.getTime() - DAY) });
		emulator.control.advanceClock(11 * MINUTE);
		const cancelled = (await api('na').get(empty.body.reportId)).body;
		expect(cancelled).toMatchObject({ processingStatus: 'CANCELLED' });
		expect(cancelled.reportDocumentId).toBeUndefined();
		const fatal = (await api('na').get(tooLong.body.reportId)).body;
		expect(fatal.processingStatus).toBe('FATAL');
		const { file } = await download('na', fatal.reportDocumentId);
		expect(JSON.parse(documentText(file, 'utf-8'))).toEqual({ errorDetails: expect.stringContaining('exceeds the maximum of 60 days') });
		const statuses = events.map((event) => (event.payload as Json).reportProcessingFinishedNotification).filter((n: Json) => [empty.body.reportId, tooLong.body.reportId].includes(n.reportId));
		expect(statuses.map((n: Json) => [n.processingStatus, n.reportDocumentId !== undefined])).toEqual([
			['CANCELLED', false],
			['FATAL', true],
		]);
	});

	test('cancelReport works only IN_QUEUE; requests are validated like Amazon', async () => {
		const { reportId } = (await api('na').create(reimbursementBody)).body;
		const token = await sellerToken(emulator, 'na');
		expect((await call(emulator, `/reports/2021-06-30/reports/${reportId}`, { token, method: 'DELETE' })).status).toBe(200);
		expect((await api('na').get(reportId)).body.processingStatus).toBe('CANCELLED');
		const running = (await api('na').create(reimbursementBody)).body.reportId;
		emulator.control.advanceClock(4 * MINUTE);
		const refused = await call(emulator, `/reports/2021-06-30/reports/${running}`, { token, method: 'DELETE' });
		expect(refused.status).toBe(400);
		expect(refused.body.errors[0].message).toMatch(/IN_PROGRESS/);
		expect((await api('na').create({ reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', marketplaceIds: [US] })).body.errors[0].message).toMatch(/cannot be requested/);
		expect((await api('na').create({ reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [DE] })).status).toBe(400);
		expect((await api('na').create({ reportType: 'not a type', marketplaceIds: [US] })).status).toBe(400);
		expect((await api('na').get('12345678901')).status).toBe(404);
		emulator.control.advanceClock(7 * MINUTE);
	});

	test('an unknown (valid-looking) report type ends FATAL and says the emulator does not build it', async () => {
		const { reportId } = (await api('na').create({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] })).body;
		emulator.control.advanceClock(11 * MINUTE);
		const report = (await api('na').get(reportId)).body;
		expect(report.processingStatus).toBe('FATAL');
		const { file } = await download('na', report.reportDocumentId);
		expect(documentText(file, 'utf-8')).toMatch(/does not generate GET_MERCHANT_LISTINGS_ALL_DATA/);
	});

	test('getReports: filters, newest first, and the next page only with the token alone', async () => {
		const list = await api('na').list({ reportTypes: 'GET_FBA_REIMBURSEMENTS_DATA,GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', pageSize: 2 });
		expect(list.status).toBe(200);
		expect(list.body.reports).toHaveLength(2);
		expect(list.body.nextToken).toEqual(expect.any(String));
		const pages: HttpAnswer[] = [list];
		for (let token = list.body.nextToken; token; token = pages[pages.length - 1].body.nextToken) {
			pages.push(await api('na').list({ nextToken: token }));
		}
		const reports = pages.flatMap((page) => page.body.reports);
		expect(reports.length).toBeGreaterThanOrEqual(6);
		const created = reports.map((report: Json) => Date.parse(report.createdTime));
		expect(created).toEqual([...created].sort((a, b) => b - a));
		expect(new Set(reports.map((report: Json) => report.reportId)).size).toBe(reports.length);
		// the token with anything else fails, as Amazon documents
		const mixed = await api('na').list({ nextToken: list.body.nextToken, pageSize: 2 });
		expect([mixed.status, mixed.body.errors[0].message]).toEqual([400, expect.stringMatching(/only parameter/)]);
		expect((await api('na').list({})).status).toBe(400);
		const fatal = await api('na').list({ reportTypes: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', processingStatuses: 'FATAL' });
		expect(fatal.body.reports.every((report: Json) => report.processingStatus === 'FATAL')).toBe(true);
		expect((await api('na').list({ reportTypes: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: 'A2EUQ1WTGCTBG2' })).body.reports).toEqual([]);
	});

	test('document URLs: gzip, Content-Encoding on request, 403 "Request has expired" after five minutes of emulator time', async () => {
		const report = (await api('na').list({ reportTypes: 'GET_FBA_REIMBURSEMENTS_DATA', processingStatuses: 'DONE' })).body.reports[0];
		const { answer, file } = await download('na', report.reportDocumentId);
		expect(answer.body).toEqual({ reportDocumentId: report.reportDocumentId, url: expect.stringMatching(/\/s3\/tortuga-prod-na\/.*X-Amz-Expires=300/), compressionAlgorithm: 'GZIP' });
		expect(file.headers['content-encoding']).toBeUndefined();
		expect([file.body[0], file.body[1]]).toEqual([0x1f, 0x8b]);
		expect(Number(file.headers['content-length'])).toBe(file.body.length);
		const withEncoding = await download('na', report.reportDocumentId, { enableContentEncodingUrlHeader: 'true' });
		expect(withEncoding.file.headers['content-encoding']).toBe('gzip');

		emulator.control.advanceClock(4 * MINUTE);
		expect((await rawGet(answer.body.url)).status).toBe(200);
		emulator.control.advanceClock(MINUTE + 5_000);
		const expired = await rawGet(answer.body.url);
		expect(expired.status).toBe(403);
		expect(expired.body.toString()).toMatch(/<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
		const tampered = await rawGet(answer.body.url.replace(/X-Amz-Date=\d/, 'X-Amz-Date=1'));
		expect([tampered.status, tampered.body.toString()]).toEqual([403, expect.stringContaining('SignatureDoesNotMatch')]);
		expect((await api('na').document('amzn1.spdoc.1.4.na.nothing')).status).toBe(404);
	});

	test('settlement reports: one per closed settlement period, per layout; the lines sum exactly to the Finances API total', async () => {
		const token = await sellerToken(emulator, 'eu');
		const groups = (await allPages(emulator, '/finances/v0/financialEventGroups', { region: 'EU', token, query: { MaxResultsPerPage: 100 } }, (body) => body.payload.NextToken, 'NextToken'))
			.flatMap((page) => page.body.payload.FinancialEventGroupList)
			.filter((group: Json) => group.ProcessingStatus === 'Closed');
		const v2 = (await api('eu').list({ reportTypes: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', pageSize: 100 })).body.reports;
		// published 20 minutes after the period ends, finished 10 minutes later, kept 90 days
		const now = emulator.control.now().getTime();
		const recentGroups = groups.filter((group: Json) => {
			const end = Date.parse(group.FinancialEventGroupEnd);
			return end + 30 * MINUTE <= now && end + 20 * MINUTE > now - 90 * DAY;
		});
		expect(v2.length).toBe(recentGroups.length);
		const report = v2.find((candidate: Json) => candidate.dataStartTime.startsWith(recentGroups[0].FinancialEventGroupStart.slice(0, 19)));
		const group = recentGroups[0];
		expect(report).toMatchObject({ processingStatus: 'DONE', reportDocumentId: expect.any(String), dataEndTime: `${group.FinancialEventGroupEnd.slice(0, 19)}+00:00` });
		const currency = group.OriginalTotal.CurrencyCode;
		const { file } = await download('eu', report.reportDocumentId);
		const charset = currency === 'EUR' ? 'windows-1252' : 'utf-8';
		expect(file.headers['content-type']).toBe(currency === 'EUR' || currency === 'GBP' ? 'text/plain;charset=Cp1252' : 'text/plain;charset=UTF-8');
		const rows = tsvRows(documentText(file, charset));
		const [summary, ...lines] = rows;
		expect(summary['total-amount']).not.toBe('');
		expect(minorOf(summary['total-amount'], currency)).toBe(toMinor(group.OriginalTotal.CurrencyAmount, currency));
		expect(lines.reduce((sum, line) => sum + minorOf(line.amount, currency), 0n)).toBe(toMinor(group.OriginalTotal.CurrencyAmount, currency));
		const settlementId = emulator.control.state.dataFor('eu').groupsById.get(group.FinancialEventGroupId)!.settlementId;
		expect(new Set(rows.map((row) => row['settlement-id']))).toEqual(new Set([settlementId]));
		// refund lines carry the refunded orders and SKUs of the Finances API
		const refundLine = lines.find((line) => line['transaction-type'] === 'Refund');
		if (refundLine) {
			const byOrder = await call(emulator, `/finances/v0/orders/${refundLine['order-id']}/financialEvents`, { region: 'EU', token });
			const refundSkus = byOrder.body.payload.FinancialEvents.RefundEventList.flatMap((event: Json) => event.ShipmentItemAdjustmentList.map((item: Json) => item.SellerSKU));
			expect(refundSkus).toContain(refundLine.sku);
		}

		for (const reportType of ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', 'GET_V2_SETTLEMENT_REPORT_DATA_XML']) {
			const other = (await api('eu').list({ reportTypes: reportType, pageSize: 100 })).body.reports.find((candidate: Json) => candidate.dataStartTime === report.dataStartTime);
			const otherFile = (await download('eu', other.reportDocumentId)).file;
			if (reportType.endsWith('XML')) {
				const xml = documentText(otherFile, 'utf-8');
				expect(xml).toContain(`<AmazonSettlementID>${settlementId}</AmazonSettlementID>`);
				// item details of other transactions repeat their amount; the transaction amount counts
				const amounts = [...xml.replace(/<OtherTransactionItem>.*?<\/OtherTransactionItem>/g, '').matchAll(/<(?:Amount|TransactionAmount) currency="[A-Z]+">(-?[\d.]+)</g)].map((match) => minorOf(match[1], currency));
				expect(amounts.reduce((sum, value) => sum + value, 0n)).toBe(toMinor(group.OriginalTotal.CurrencyAmount, currency));
			} else {
				const [, ...v1] = tsvRows(documentText(otherFile, charset));
				const columns = ['price-amount', 'item-related-fee-amount', 'promotion-amount', 'other-amount', 'misc-fee-amount', 'other-fee-amount', 'shipment-fee-amount', 'order-fee-amount', 'direct-payment-amount'];
				const total = v1.reduce((sum, line) => sum + columns.reduce((s, column) => s + (line[column] ? minorOf(line[column], currency) : 0n), 0n), 0n);
				expect(total).toBe(toMinor(group.OriginalTotal.CurrencyAmount, currency));
			}
		}
	});

	test('a settlement period that closes while the emulator runs publishes its reports and announces them', async () => {
		const data = emulator.control.state.dataFor('fe');
		const open = data.groups.find((group) => group.endAt > emulator.control.now().getTime())!;
		const before = events.length;
		emulator.control.advanceClock(open.endAt - emulator.control.now().getTime() + HOUR);
		const announced = events.slice(before).filter((event) => event.sellerId === 'A1ACORNSELLERFE').map((event) => (event.payload as Json).reportProcessingFinishedNotification);
		const types = announced.filter((n: Json) => n.reportType.startsWith('GET_V2_SETTLEMENT')).map((n: Json) => n.reportType).sort();
		expect(types).toEqual(expect.arrayContaining(['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_V2_SETTLEMENT_REPORT_DATA_XML']));
		const listed = (await api('fe').list({ reportTypes: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', pageSize: 100 })).body.reports;
		expect(listed.map((report: Json) => report.reportId)).toEqual(expect.arrayContaining(announced.filter((n: Json) => n.reportType === 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2').map((n: Json) => n.reportId)));
	});

	test('returns: FBA and seller-fulfilled returns match the refunds (order + SKU), with pending requests awaiting the seller', async () => {
		const range = { dataStartTime: iso(NOW.getTime() - 59 * DAY), dataEndTime: iso(NOW.getTime()) };
		const ids = await Promise.all(
			['GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', 'GET_XML_RETURNS_DATA_BY_RETURN_DATE'].map(
				async (reportType) => (await api('eu').create({ reportType, marketplaceIds: [DE], ...range })).body.reportId,
			),
		);
		emulator.control.advanceClock(11 * MINUTE);
		const [fba, mfn, xml] = await Promise.all(ids.map(async (id) => (await api('eu').get(id)).body));
		expect([fba.processingStatus, mfn.processingStatus, xml.processingStatus]).toEqual(['DONE', 'DONE', 'DONE']);
		const fbaFile = (await download('eu', fba.reportDocumentId)).file;
		expect(fbaFile.headers['content-type']).toBe('text/plain;charset=Cp1252');
		const fbaRows = tsvRows(documentText(fbaFile, 'windows-1252'));
		const mfnRows = tsvRows(documentText((await download('eu', mfn.reportDocumentId)).file, 'windows-1252'));
		const xmlText = documentText((await download('eu', xml.reportDocumentId)).file, 'utf-8');

		const refunds = emulator.control.state.dataFor('eu').events.filter((event): event is OrderFinanceEvent => event.kind === 'Refund' && event.marketplaceId === DE);
		const refunded = new Set(refunds.flatMap((event) => event.items.map((item) => `${event.amazonOrderId}|${item.sellerSku}`)));
		expect(fbaRows.length).toBeGreaterThan(0);
		for (const row of fbaRows) expect(refunded.has(`${row['order-id']}|${row.sku}`)).toBe(true);
		const decided = mfnRows.filter((row) => row['Return request status'] !== PENDING_STATUS);
		const pending = mfnRows.filter((row) => row['Return request status'] === PENDING_STATUS);
		for (const row of decided) expect(refunded.has(`${row['Order ID']}|${row['Merchant SKU']}`)).toBe(true);
		expect(pending.length).toBeGreaterThan(0);
		for (const row of pending) {
			expect(refunded.has(`${row['Order ID']}|${row['Merchant SKU']}`)).toBe(false);
			expect(row['Return request date']).toMatch(/^\d{2}-[A-Z][a-z]{2}-\d{4}$/);
			expect(row['Refunded Amount']).toBe('');
		}
		// no order appears in both channels, and the XML holds the same returns as the flat file
		const fbaOrders = new Set(fbaRows.map((row) => row['order-id']));
		expect(mfnRows.some((row) => fbaOrders.has(row['Order ID']))).toBe(false);
		expect([...xmlText.matchAll(/<order_id>([^<]+)<\/order_id>/g)].map((match) => match[1])).toEqual(mfnRows.map((row) => row['Order ID']));
		expect(Object.keys(mfnRows[0])).toHaveLength(32);
		// German titles survive windows-1252 (umlauts, „“ and –)
		expect(fbaRows.some((row) => /[äöüß„“–]/.test(row['product-name']))).toBe(true);
		expect(emulator.control.reports.returns('eu').length).toBeGreaterThan(fbaRows.length);
	});

	test('charsets: windows-31j for Japan, UTF-8 or no charset in the header on request', async () => {
		const { reportId } = (await api('fe').create({ reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', marketplaceIds: [JP], dataStartTime: iso(NOW.getTime() - 100 * DAY), dataEndTime: iso(NOW.getTime()) })).body;
		emulator.control.advanceClock(11 * MINUTE);
		const report = (await api('fe').get(reportId)).body;
		const jp = (await download('fe', report.reportDocumentId)).file;
		expect(jp.headers['content-type']).toBe('text/plain;charset=windows-31j');
		const text = documentText(jp, 'shift_jis');
		expect(text).toMatch(/[ぁ-んァ-ン一-龥]/);
		// the bytes are not UTF-8
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(require('node:zlib').gunzipSync(jp.body))).toThrow();

		emulator.control.reports.setDocumentStyle({ charsetInHeader: false });
		const bare = (await download('fe', report.reportDocumentId)).file;
		expect(bare.headers['content-type']).toBe('text/plain');
		expect(documentText(bare, 'shift_jis')).toBe(text);
		emulator.control.reports.setDocumentStyle({ charsetInHeader: true, charset: 'UTF-8', compression: 'none' });
		const answer = await api('fe').document(report.reportDocumentId);
		expect(answer.body.compressionAlgorithm).toBeUndefined();
		const utf8 = await rawGet(answer.body.url);
		expect(utf8.headers['content-type']).toBe('text/plain;charset=UTF-8');
		expect(utf8.body.toString('utf8')).toBe(text);
	});

	test('cut downloads: a connection that drops mid-body, and a complete answer with a truncated gzip file', async () => {
		const report = (await api('na').list({ reportTypes: 'GET_FBA_REIMBURSEMENTS_DATA', processingStatuses: 'DONE' })).body.reports[0];
		emulator.control.reports.cutNextDownload({ afterBytes: 100, mode: 'connectionReset' });
		const dropped = await rawGet((await api('na').document(report.reportDocumentId)).body.url);
		expect(dropped.error).toBeDefined();
		emulator.control.reports.cutNextDownload({ afterBytes: 100, mode: 'truncatedFile' });
		const truncated = await rawGet((await api('na').document(report.reportDocumentId)).body.url);
		expect([truncated.status, truncated.error, truncated.body.length]).toEqual([200, undefined, 100]);
		expect(() => require('node:zlib').gunzipSync(truncated.body)).toThrow(/unexpected end of file/);
		const whole = await rawGet((await api('na').document(report.reportDocumentId)).body.url);
		expect(whole.body.length).toBeGreaterThan(100);
	});

	test('schedules: create, replace for the same type and marketplaces, list, get, cancel; due reports are created', async () => {
		const token = await sellerToken(emulator, 'na');
		const post = (body: Json) => call(emulator, '/reports/2021-06-30/schedules', { token, method: 'POST', body });
		const next = iso(emulator.control.now().getTime() + HOUR);
		const first = await post({ reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US], period: 'P1D', nextReportCreationTime: next });
		expect(first.status).toBe(201);
		const second = await post({ reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US], period: 'PT12H', nextReportCreationTime: next });
		const other = await post({ reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US, 'A2EUQ1WTGCTBG2'], period: 'P7D' });
		const list = await call(emulator, '/reports/2021-06-30/schedules', { token, query: { reportTypes: 'GET_FBA_REIMBURSEMENTS_DATA' } });
		expect(list.body.reportSchedules.map((schedule: Json) => schedule.reportScheduleId).sort()).toEqual([second.body.reportScheduleId, other.body.reportScheduleId].sort());
		const one = await call(emulator, `/reports/2021-06-30/schedules/${second.body.reportScheduleId}`, { token });
		expect(one.body).toMatchObject({ reportType: 'GET_FBA_REIMBURSEMENTS_DATA', period: 'PT12H', marketplaceIds: [US] });
		expect((await post({ reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US], period: 'P2W' })).status).toBe(400);
		expect((await call(emulator, '/reports/2021-06-30/schedules', { token })).status).toBe(400);

		emulator.control.advanceClock(13 * HOUR + 11 * MINUTE);
		const scheduled = (await api('na').list({ reportTypes: 'GET_FBA_REIMBURSEMENTS_DATA', pageSize: 100 })).body.reports.filter((report: Json) => report.reportScheduleId === second.body.reportScheduleId);
		expect(scheduled.length).toBe(2);
		expect(scheduled.every((report: Json) => report.processingStatus === 'DONE' || report.processingStatus === 'CANCELLED')).toBe(true);

		expect((await call(emulator, `/reports/2021-06-30/schedules/${second.body.reportScheduleId}`, { token, method: 'DELETE' })).status).toBe(200);
		expect((await call(emulator, `/reports/2021-06-30/schedules/${second.body.reportScheduleId}`, { token })).status).toBe(404);
		await call(emulator, `/reports/2021-06-30/schedules/${other.body.reportScheduleId}`, { token, method: 'DELETE' });
	});

	test('a generated document of any size is streamed (not stored) and is exactly what was announced', async () => {
		const generated = emulator.control.reports.addGeneratedSettlementReport({ seller: 'eu', targetBytes: 3_000_000, marketplaceId: DE });
		expect(generated.bytes).toBeGreaterThanOrEqual(3_000_000);
		const report = (await api('eu').get(generated.reportId)).body;
		expect(report).toMatchObject({ processingStatus: 'DONE', reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', reportDocumentId: generated.reportDocumentId });
		const { file } = await download('eu', generated.reportDocumentId);
		expect(file.headers['content-length']).toBeUndefined();
		expect(file.headers['transfer-encoding']).toBe('chunked');
		const text = documentText(file, 'windows-1252');
		expect(text.length).toBe(generated.bytes);
		const [summary, ...lines] = tsvRows(text);
		expect(lines.length + 1).toBe(generated.rows);
		expect(summary['total-amount']).toBe(generated.total);
		expect(lines.reduce((sum, line) => sum + minorOf(line.amount, 'EUR'), 0n)).toBe(minorOf(generated.total, 'EUR'));
	});
});

export type { SellerFixtureKey };
