/**
 * The report pipeline of the core against the emulator: lifecycle outcomes, streaming downloads in
 * every charset, URL renewal, truncated downloads, paging with the token alone.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { AccessTokenCache } from '../../../nodes/sp-api/auth/tokenCache';
import { SpApiClient, type SpApiClientOptions } from '../../../nodes/sp-api/client';
import { normalizeCredentials } from '../../../nodes/sp-api/credentials';
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import { RateLimiter } from '../../../nodes/sp-api/rateLimit/limiter';
import {
	cancelReport,
	createAndWaitForReport,
	createReport,
	findReports,
	findSettlementReports,
	getReportDocument,
	openReportDocument,
	ReportError,
	streamReportRows,
	waitForReport,
	type ReportRow,
} from '../../../nodes/sp-api/reports';
import { startEmulator } from '../../emulator';
import type { Emulator, SellerFixtureKey } from '../../emulator/types';

const NOW = new Date('2025-03-15T12:00:00Z');
const DAY = 86_400_000;
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';

async function collect(rows: AsyncGenerator<ReportRow>): Promise<ReportRow[]> {
	const out: ReportRow[] = [];
	for await (const row of rows) out.push(row);
	return out;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

describe('report pipeline against the emulator', () => {
	let emulator: Emulator;
	const sleeps: number[] = [];
	/**
	 * Waiting moves the emulator clock instead of real time, and the client reads that clock: report
	 * processing (10 emulator minutes) and polling are deterministic whatever the machine's load.
	 */
	const client = (seller: SellerFixtureKey, options: Partial<SpApiClientOptions> = {}) =>
		new SpApiClient({
			credentials: normalizeCredentials(emulator.credentialsFor(seller)),
			tokenCache: new AccessTokenCache(),
			rateLimiter: new RateLimiter(),
			sleep: async (ms) => {
				sleeps.push(ms);
				emulator.control.advanceClock(ms);
			},
			now: () => emulator.control.now().getTime(),
			...options,
		});
	const range = { dataStartTime: new Date(NOW.getTime() - 59 * DAY), dataEndTime: new Date(NOW.getTime() - DAY) };

	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, enforceRateLimits: false, ordersPerDay: 8, reportProcessingMs: 10 * 60_000, tokenLifetimeSeconds: 30 * 86_400 });
		// generate the sellers' data now, so report processing times are not eaten by it
		for (const seller of ['na', 'eu', 'fe'] as const) emulator.control.state.dataFor(seller);
	});
	afterAll(() => emulator.close());
	afterEach(() => emulator.control.reports.setDocumentStyle({ charsetInHeader: true, compression: 'gzip', charset: undefined }));

	it('creates, waits with growing pauses, and streams the rows of a DONE report', async () => {
		sleeps.length = 0;
		const api = client('eu');
		const outcome = await createAndWaitForReport(api, { reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', marketplaceIds: [DE], ...range }, { timeoutMs: 3_600_000, initialIntervalMs: 40_000, growth: 2, maxIntervalMs: 600_000 });
		expect(outcome).toMatchObject({ status: 'DONE', reportId: expect.stringMatching(/^\d+$/), reportDocumentId: expect.any(String), report: { processingStatus: 'DONE' } });
		// IN_QUEUE, IN_PROGRESS ... DONE after 10 minutes: pauses of 40 s, 80 s, 160 s, 320 s
		expect(sleeps).toEqual([40_000, 80_000, 160_000, 320_000]);
		if (outcome.status !== 'DONE') throw new Error('not done');
		const rows = await collect(streamReportRows(api, outcome.reportDocumentId, { marketplace: findMarketplace('DE'), reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA' }));
		const expected = emulator.control.reports.returns('eu').filter((r) => r.channel === 'AFN' && r.marketplaceId === DE && r.returnedAt >= range.dataStartTime.getTime() && r.returnedAt <= range.dataEndTime.getTime());
		expect(rows.map((row) => [row.values['order-id'], row.values.sku, row.values['product-name']])).toEqual(expected.map((r) => [r.amazonOrderId, r.sellerSku, r.title]));
		expect(rows[0].line).toBe(2);
		expect(rows.some((row) => /[äöüß„“–]/.test(String(row.values['product-name'])))).toBe(true);
	});

	it('CANCELLED is an outcome without data, not an error', async () => {
		const outcome = await createAndWaitForReport(client('na'), { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US] }, { timeoutMs: 3_600_000, initialIntervalMs: 60_000 });
		expect(outcome).toMatchObject({ status: 'CANCELLED', reportId: expect.any(String), report: { processingStatus: 'CANCELLED' } });
	});

	it('FATAL is an error in plain words, with Amazon\'s error document quoted as text and kept raw', async () => {
		const run = createAndWaitForReport(client('na'), { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] }, { timeoutMs: 3_600_000, initialIntervalMs: 60_000 });
		await expect(run).rejects.toBeInstanceOf(ReportError);
		await expect(run).rejects.toMatchObject({
			kind: 'fatal',
			reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
			message: expect.stringMatching(/^Amazon could not create report \S+ \(GET_MERCHANT_LISTINGS_ALL_DATA\): it ended with FATAL\.$/),
			amazonSaid: expect.stringMatching(/^The SP-API emulator does not generate GET_MERCHANT_LISTINGS_ALL_DATA/),
			errorDocument: expect.stringContaining('{"errorDetails":'),
		});
	});

	it('a timeout names the report id; a later wait for that id picks the report up', async () => {
		const api = client('na');
		const { reportId } = await createReport(api, { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US], ...range });
		const error = await waitForReport(api, reportId, { timeoutMs: 60_000, initialIntervalMs: 20_000 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ReportError);
		expect(error).toMatchObject({ kind: 'timeout', reportId, processingStatus: expect.stringMatching(/IN_QUEUE|IN_PROGRESS/) });
		expect((error as Error).message).toContain(`Report ${reportId}`);
		expect((error as Error).message).toMatch(/Report → Download/);
		const later = await waitForReport(api, reportId, { timeoutMs: 3_600_000, initialIntervalMs: 60_000 });
		expect(later).toMatchObject({ status: 'DONE', reportId });
	});

	it('cancels only IN_QUEUE reports and explains otherwise', async () => {
		const api = client('na');
		const { reportId } = await createReport(api, { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US], ...range });
		await cancelReport(api, reportId);
		const outcome = await waitForReport(api, reportId, { timeoutMs: 3_600_000, initialIntervalMs: 60_000 });
		expect(outcome.status).toBe('CANCELLED');
		const second = await createReport(api, { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US], ...range });
		await waitForReport(api, second.reportId, { timeoutMs: 3_600_000, initialIntervalMs: 60_000 });
		await expect(cancelReport(api, second.reportId)).rejects.toMatchObject({ kind: 'input', message: expect.stringMatching(/already ended \(DONE\)/) });
		const deletes = emulator.control.requests().filter((r) => r.method === 'DELETE' && r.path.includes(second.reportId));
		expect(deletes).toEqual([]);
	});

	it('refuses bad requests before calling Amazon (settlement types, dates, ranges)', async () => {
		const api = client('na');
		const before = emulator.control.requests().length;
		await expect(createReport(api, { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', marketplaceIds: [US] })).rejects.toThrow(/creates one for every settlement period/);
		await expect(createReport(api, { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [US], dataStartTime: new Date(Date.now() + DAY) })).rejects.toThrow(/future/);
		await expect(createReport(api, { reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', marketplaceIds: [US], dataStartTime: new Date(NOW.getTime() - 90 * DAY), dataEndTime: NOW })).rejects.toThrow(/at most 60 days/);
		await expect(createReport(api, { reportType: 'get report', marketplaceIds: [US] })).rejects.toThrow(/not a report type name/);
		await expect(createReport(api, { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', marketplaceIds: [] })).rejects.toThrow(/at least one marketplace/);
		expect(emulator.control.requests().length).toBe(before);
	});

	async function settlementReport(seller: SellerFixtureKey, reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2' | 'GET_V2_SETTLEMENT_REPORT_DATA_XML' = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2') {
		for await (const { report } of findSettlementReports(client(seller), { reportType }, { limit: 1 })) return report;
		throw new Error('no settlement report');
	}

	it('settlement V2 in windows-1252, with and without charset in the header: same rows, totals exact', async () => {
		const report = await settlementReport('eu');
		const api = client('eu');
		const withHeader = await collect(streamReportRows(api, report.reportDocumentId!, { reportType: report.reportType }));
		emulator.control.reports.setDocumentStyle({ charsetInHeader: false });
		const opened = await openReportDocument(api, report.reportDocumentId!, { marketplace: findMarketplace('DE') });
		const withoutHeader = await collect((await import('../../../nodes/sp-api/reports')).rowsOf(opened, { reportType: report.reportType }));
		expect(withoutHeader).toEqual(withHeader);
		expect(opened.stats).toMatchObject({ compressed: true, complete: true, undecodableCharacters: 0 });
		expect(['windows-1252', 'utf-8']).toContain(opened.stats.charset);
		const [summary, ...lines] = withHeader;
		const toCents = (text: string) => BigInt(text.replace('.', ''));
		expect(lines.reduce((sum, row) => sum + toCents(String(row.values.amount)), 0n)).toBe(toCents(String(summary.values['total-amount'])));
	});

	it('windows-31j (Japan) with and without charset in the header; UTF-8 recognised without a header', async () => {
		const api = client('fe');
		const outcome = await createAndWaitForReport(api, { reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', marketplaceIds: [JP], dataStartTime: new Date(NOW.getTime() - 100 * DAY), dataEndTime: NOW }, { timeoutMs: 3_600_000, initialIntervalMs: 60_000 });
		if (outcome.status !== 'DONE') throw new Error('expected data');
		const declared = await collect(streamReportRows(api, outcome.reportDocumentId));
		expect(declared.some((row) => /[ぁ-んァ-ン一-龥]/.test(String(row.values['product-name'])))).toBe(true);
		emulator.control.reports.setDocumentStyle({ charsetInHeader: false });
		expect(await collect(streamReportRows(api, outcome.reportDocumentId, { marketplace: findMarketplace('JP') }))).toEqual(declared);
		emulator.control.reports.setDocumentStyle({ charsetInHeader: false, charset: 'UTF-8' });
		const opened = await openReportDocument(api, outcome.reportDocumentId, { marketplace: findMarketplace('JP') });
		const utf8Rows = await collect((await import('../../../nodes/sp-api/reports')).rowsOf(opened));
		expect(utf8Rows).toEqual(declared);
		expect([opened.stats.charset, opened.stats.charsetSource]).toEqual(['utf-8', 'utf8-detected']);
	});

	it('binary output: the decompressed document re-encoded as UTF-8, streamed', async () => {
		const report = await settlementReport('eu');
		const api = client('eu');
		const text = (await readAll((await openReportDocument(api, report.reportDocumentId!)).utf8())).toString('utf8');
		const ref = await getReportDocument(api, report.reportDocumentId!);
		const raw = await new Promise<Buffer>((resolve) => http.get(ref.url, async (response) => resolve(await readAll(response))));
		expect(text).toBe(new TextDecoder('windows-1252').decode(zlib.gunzipSync(raw), { stream: true }));
		expect(text.split('\n')[0].split('\t')[0]).toBe('settlement-id');
	});

	it('an old URL is renewed before the download; an expired one is renewed once after a 403', async () => {
		const report = await settlementReport('na');
		let clockOffset = 0;
		const api = client('na', { now: () => Date.now() + clockOffset });
		const count = () => emulator.control.requests().filter((r) => r.operation === 'getReportDocument').length;
		const ref = await getReportDocument(api, report.reportDocumentId!);
		const before = count();
		clockOffset = 6 * 60_000;
		expect((await collect(streamReportRows(api, ref))).length).toBeGreaterThan(10);
		expect(count()).toBe(before + 1);

		const fresh = await getReportDocument(api, report.reportDocumentId!);
		emulator.control.advanceClock(6 * 60_000);
		const afterExpiry = count();
		expect((await collect(streamReportRows(api, fresh))).length).toBeGreaterThan(10);
		expect(count()).toBe(afterExpiry + 1);
		const downloads = emulator.control.requests().filter((r) => r.path.startsWith('/s3/'));
		expect(downloads.slice(-2).map((r) => r.status)).toEqual([403, 200]);
	});

	it('an address that is expired on its FIRST download is renewed once, from an id or from a fresh getReportDocument answer', async () => {
		const report = await settlementReport('na');
		const api = client('na');
		const count = () => emulator.control.requests().filter((r) => r.operation === 'getReportDocument').length;
		const storage = () => emulator.control.requests().filter((r) => r.path.startsWith('/s3/'));
		const expected = (await collect(streamReportRows(api, report.reportDocumentId!))).length;

		emulator.control.reports.expireNextDocumentUrls(1);
		let before = count();
		expect(await collect(streamReportRows(api, report.reportDocumentId!))).toHaveLength(expected);
		expect(count()).toBe(before + 2);
		expect(storage().slice(-2).map((r) => r.status)).toEqual([403, 200]);

		emulator.control.reports.expireNextDocumentUrls(1);
		const ref = await getReportDocument(api, report.reportDocumentId!);
		before = count();
		expect(await collect(streamReportRows(api, ref))).toHaveLength(expected);
		expect(count()).toBe(before + 1);
		expect(storage().slice(-2).map((r) => r.status)).toEqual([403, 200]);
	});

	it('a second "expired" answer is a clear error whose hint does not blame the clock when the clocks agree', async () => {
		const report = await settlementReport('na');
		const api = client('na');
		emulator.control.reports.expireNextDocumentUrls(2);
		const error = await collect(streamReportRows(api, report.reportDocumentId!)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ReportError);
		expect(error).toMatchObject({ kind: 'download', httpStatus: 403, reportDocumentId: report.reportDocumentId });
		expect((error as ReportError).message).toMatch(/refused report document .* twice as "expired" \(HTTP 403\)/);
		expect((error as ReportError).hint).not.toMatch(/clock/i);
		expect((error as ReportError).message).not.toMatch(/X-Amz|Signature|https?:/);
		expect(emulator.control.requests().filter((r) => r.path.startsWith('/s3/')).slice(-2).map((r) => r.status)).toEqual([403, 403]);

		// a computer clock an hour ahead of Amazon's storage: then (and only then) the hint says so
		emulator.control.reports.expireNextDocumentUrls(2);
		const skewed = client('na', { now: () => emulator.control.now().getTime() + 3_600_000 });
		const skewError = (await collect(streamReportRows(skewed, report.reportDocumentId!)).catch((e: unknown) => e)) as ReportError;
		expect(skewError.hint).toMatch(/clock is 60 minutes ahead of Amazon's storage/);
	});

	it('a truncated gzip file or a dropped connection is a clear error, never a complete result', async () => {
		const report = await settlementReport('eu');
		const api = client('eu');
		for (const mode of ['truncatedFile', 'connectionReset'] as const) {
			emulator.control.reports.cutNextDownload({ afterBytes: 2000, mode });
			const rows: ReportRow[] = [];
			const opened = await openReportDocument(api, report.reportDocumentId!);
			const error = await (async () => {
				for await (const row of (await import('../../../nodes/sp-api/reports')).rowsOf(opened)) rows.push(row);
			})().catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ReportError);
			expect(error).toMatchObject({ kind: 'truncated', reportDocumentId: report.reportDocumentId });
			expect((error as Error).message).toMatch(/incomplete, so no result is given as complete/);
			expect(opened.stats.complete).toBe(false);
		}
	});

	it('gunzips exactly once: Content-Encoding gzip plus GZIP, and a "GZIP" document that is not compressed', async () => {
		const report = await settlementReport('na');
		const api = client('na');
		const plain = await collect(streamReportRows(api, report.reportDocumentId!));
		expect(await collect(streamReportRows(api, report.reportDocumentId!, { enableContentEncodingUrlHeader: true }))).toEqual(plain);
		// a proxy that already decompressed: the body does not start with the gzip signature
		const body = 'sku\tqty\nA\t1\n';
		const server = http.createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/plain;charset=UTF-8' });
			res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/doc`;
			const opened = await openReportDocument(api, { reportDocumentId: 'doc-1', url, compressionAlgorithm: 'GZIP', fetchedAt: Date.now() });
			expect(await collect((await import('../../../nodes/sp-api/reports')).rowsOf(opened))).toEqual([{ line: 2, values: { sku: 'A', qty: '1' } }]);
			expect(opened.stats.compressed).toBe(false);
		} finally {
			server.close();
		}
	});

	it('findReports pages with the token alone (the emulator refuses anything else)', async () => {
		const api = client('eu');
		const found: string[] = [];
		for await (const { report } of findReports(api, { reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_V2_SETTLEMENT_REPORT_DATA_XML'], pageSize: 4 })) found.push(report.reportId);
		expect(found.length).toBeGreaterThan(8);
		expect(new Set(found).size).toBe(found.length);
		const pages = emulator.control.requests().filter((r) => r.operation === 'getReports' && r.query.nextToken);
		expect(pages.length).toBeGreaterThan(1);
		for (const page of pages) expect(Object.keys(page.query)).toEqual(['nextToken']);
		const limited: string[] = [];
		for await (const { report } of findReports(api, { reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_XML'], pageSize: 2 }, { limit: 3 })) limited.push(report.reportId);
		expect(limited).toHaveLength(3);
		await expect(async () => {
			for await (const item of findReports(api, { reportTypes: [] })) void item;
		}).rejects.toThrow(/at least one report type/);
	});
});
