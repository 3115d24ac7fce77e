/**
 * The emulator's Reports API state: reports requested with createReport (IN_QUEUE → IN_PROGRESS → DONE,
 * CANCELLED when there is no data, FATAL with an error document), settlement reports Amazon publishes
 * by itself for every closed settlement period, report schedules, and the documents behind them.
 *
 * Statuses follow the emulator clock, so `advanceClock` moves reports along. Whenever a report reaches
 * its final status, REPORT_PROCESSING_FINISHED goes on the event bus (checked on every Reports call,
 * on a timer at the moment a report is due, and after `advanceClock`).
 */
import { createHmac } from 'node:crypto';
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import type { EmulatorClock } from '../clock';
import type { FinancialEventGroupRecord, SellerData } from '../data/model';
import type { EmulatorState } from '../data/state';
import type { EmulatorEvents } from '../events';
import { ApiError, invalidInput } from '../http/errors';
import { hashString } from '../random';
import type { SellerFixture, SpApiRegion } from '../types';
import { fbaReturnsFile, mfnReturnsFile, mfnReturnsXml, returnsOf, type ReturnRecord } from './content/returns';
import { reimbursementEvents, reimbursementsFile } from './content/reimbursements';
import { settlementLines, settlementV1, settlementV2, settlementXml, type SettlementLine } from './content/settlement';
import { planSyntheticSettlement, syntheticSettlementText } from './content/synthetic';
import { vendorSalesDocument } from './content/vendorSales';
import { vendorStore } from '../data/vendorStore';
import { accountHealthDocument } from './content/accountHealth';
import { salesTaxFile, taxLines, vatTransactionsFile } from './content/tax';
import { isoOffset, stableId } from './content/format';
import { documentCharsetFor, type DocumentCharset } from './encoding';
import { dateSpelling, type DateSpellingStyle } from './content/dateSpellings';

export type ProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

export const SETTLEMENT_TYPES = ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_V2_SETTLEMENT_REPORT_DATA_XML'] as const;

/** Report types whose contents the emulator builds from its data. */
export const GENERATED_TYPES = [
	'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA',
	'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE',
	'GET_XML_RETURNS_DATA_BY_RETURN_DATE',
	'GET_FBA_REIMBURSEMENTS_DATA',
	'GET_VENDOR_SALES_REPORT',
	'GET_V2_SELLER_PERFORMANCE_REPORT',
	'GET_VAT_TRANSACTION_DATA',
] as const;

/**
 * Amazon's Sales Tax Report "cannot be requested or scheduled": the seller generates it in Seller
 * Central's Tax Document Library and finds it with getReports. The emulator acts as a seller who
 * generated it for every finished month, on the 2nd of the next month (UTC).
 */
export const SALES_TAX_REPORT_TYPE = 'GET_FLAT_FILE_SALES_TAX_DATA';
const TAX_LIBRARY_DAY_OF_MONTH = 2;

/**
 * Report types whose documents carry buyer data: getReportDocument answers only with a Restricted Data
 * Token (Tokens API use case guide, "Restricted report types").
 */
export const RESTRICTED_REPORT_TYPES = [
	'GET_AMAZON_FULFILLED_SHIPMENTS_DATA_INVOICING', 'GET_AMAZON_FULFILLED_SHIPMENTS_DATA_TAX', 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING',
	'GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING', 'GET_FLAT_FILE_ORDER_REPORT_DATA_INVOICING', 'GET_FLAT_FILE_ORDER_REPORT_DATA_TAX',
	'GET_FLAT_FILE_ORDERS_RECONCILIATION_DATA_TAX', 'GET_FLAT_FILE_ORDERS_RECONCILIATION_DATA_INVOICING', 'GET_FLAT_FILE_ORDERS_RECONCILIATION_DATA_SHIPPING',
	'GET_ORDER_REPORT_DATA_INVOICING', 'GET_ORDER_REPORT_DATA_TAX', 'GET_ORDER_REPORT_DATA_SHIPPING', 'GET_EASYSHIP_DOCUMENTS', 'GET_GST_MTR_B2B_CUSTOM',
	'GET_VAT_TRANSACTION_DATA', 'SC_VAT_TAX_REPORT',
] as const;

/** Marketplaces of the VAT Transactions report (Amazon's announcement of the 3rd-of-month rule lists these). */
export const VAT_MARKETPLACE_COUNTRIES = ['ES', 'UK', 'FR', 'BE', 'NL', 'DE', 'IT', 'SE', 'PL'];
/** GET_VAT_TRANSACTION_DATA requested before this day of the month ends FATAL (Amazon, 2025-01-21). */
const VAT_FIRST_DAY_OF_MONTH = 3;

/** Amazon keeps reports 90 days. */
const RETENTION_MS = 90 * 24 * 3600_000;
/** Seller-fulfilled returns reports cover at most 60 days. */
const MFN_RETURNS_MAX_DAYS = 60;
/** Presigned document URLs expire after 5 minutes. */
export const URL_LIFETIME_SECONDS = 300;
const SETTLEMENT_PUBLISH_DELAY_MS = 20 * 60_000;
const SETTLEMENT_PROCESSING_MS = 10 * 60_000;

export interface DocumentRecord {
	documentId: string;
	/** Object key in the emulated storage (the URL path). */
	key: string;
	sellerId: string;
	region: SpApiRegion;
	/** text/plain, text/xml or application/json (charset added when served). */
	mediaType: string;
	charset: DocumentCharset;
	/** Documents made on the fly (any size) are streamed without Content-Length. */
	generated: boolean;
	gzipLevel: number;
	/** Buyer data inside: getReportDocument needs a Restricted Data Token. */
	restricted?: boolean;
	render(): Iterable<string>;
}

export interface ReportRecord {
	reportId: string;
	sellerId: string;
	reportType: string;
	marketplaceIds: string[];
	dataStartTime?: number;
	dataEndTime?: number;
	reportOptions?: Record<string, string>;
	reportScheduleId?: string;
	createdAt: number;
	startAt: number;
	endAt: number;
	outcome: 'DONE' | 'CANCELLED' | 'FATAL';
	/** Set when cancelled while IN_QUEUE. */
	cancelledAt?: number;
	documentId?: string;
}

export interface ScheduleRecord {
	reportScheduleId: string;
	sellerId: string;
	reportType: string;
	marketplaceIds: string[];
	reportOptions?: Record<string, string>;
	period: string;
	next: number;
}

export interface DocumentStyle {
	/** Send `charset=...` in Content-Type (default true). */
	charsetInHeader: boolean;
	/** Force this charset for flat files instead of the marketplace's. */
	charset?: DocumentCharset;
	/** Default gzip, as Amazon serves nearly every report. */
	compression: 'gzip' | 'none';
	/** How flat files spell dates (default 'standard'; 'marketplace': each marketplace's own spellings). */
	dates?: DateSpellingStyle;
}

export interface DownloadFault {
	/** Bytes of the (compressed) body sent before the cut. */
	afterBytes: number;
	/** connectionReset: the connection drops mid-body; truncatedFile: a complete answer with a cut file. */
	mode: 'connectionReset' | 'truncatedFile';
	remaining: number;
}

export interface GeneratedReportOptions {
	seller: string;
	/** Size of the decompressed, decoded document. */
	targetBytes: number;
	charset?: DocumentCharset;
	marketplaceId?: string;
	gzipLevel?: number;
}

export interface ReportsControl {
	/** How documents are served from now on (charset in the header or not, forced charset, compression). */
	setDocumentStyle(style: Partial<DocumentStyle>): void;
	/**
	 * The next `count` (default 1) download addresses getReportDocument hands out are already expired
	 * (signed more than five minutes ago), so the first download with them answers 403 "Request has expired".
	 */
	expireNextDocumentUrls(count?: number): void;
	/**
	 * While on, reports created from now on stay IN_QUEUE (as on a busy day at Amazon), so a test can
	 * look at or cancel a queued report however slow the machine is; turning it off starts their
	 * processing from that moment.
	 */
	holdNewReportsInQueue(hold: boolean): void;
	/** The next `count` (default 1) document downloads are cut after `afterBytes` bytes. */
	cutNextDownload(options: { afterBytes: number; mode?: DownloadFault['mode']; count?: number }): void;
	/**
	 * Publishes a finished settlement V2 report whose document is generated while it is downloaded:
	 * any size, nothing stored. Returns its ids and what the file will contain.
	 */
	addGeneratedSettlementReport(options: GeneratedReportOptions): { reportId: string; reportDocumentId: string; rows: number; bytes: number; total: string };
	/** Reports of a seller as getReports would list them (created, scheduled and settlement reports). */
	reports(seller: string): ReportRecord[];
	/** The returns behind the returns reports (for assertions). */
	returns(seller: string): ReturnRecord[];
	/**
	 * Changes what the flat-file settlement reports (V2 and the older flat file) of one settlement period
	 * say from now on: `edit` gets the period's lines (copies) and returns the lines to write, e.g. one
	 * amount altered, a refund left out or a line Amazon's events do not have. The report's total-amount
	 * becomes the sum of the returned lines (a report always adds up); the Finances API is not changed.
	 * The period is named by its settlement id or financial event group id; `undefined` undoes the edit.
	 */
	editSettlementLines(seller: string, settlementOrGroupId: string, edit: ((lines: SettlementLine[]) => SettlementLine[]) | undefined): void;
	/** Settles statuses and announcements now (normally automatic). */
	sync(): void;
}

export interface ReportStoreDeps {
	state: EmulatorState;
	clock: EmulatorClock;
	events: EmulatorEvents;
	seed: number;
	processingMs: number;
	baseUrl: () => string;
	timers: Set<NodeJS.Timeout>;
}

const PERIODS: Record<string, number> = {
	PT5M: 5 * 60_000, PT15M: 15 * 60_000, PT30M: 30 * 60_000, PT1H: 3600_000, PT2H: 2 * 3600_000, PT4H: 4 * 3600_000,
	PT8H: 8 * 3600_000, PT12H: 12 * 3600_000, P1D: 86_400_000, P2D: 2 * 86_400_000, P3D: 3 * 86_400_000, PT84H: 84 * 3600_000,
	P7D: 7 * 86_400_000, P14D: 14 * 86_400_000, P15D: 15 * 86_400_000, P18D: 18 * 86_400_000, P30D: 30 * 86_400_000, P1M: 0,
};
export const SCHEDULE_PERIODS = Object.keys(PERIODS);

function addPeriod(ms: number, period: string): number {
	if (period === 'P1M') {
		const date = new Date(ms);
		return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
	}
	return ms + PERIODS[period];
}

function regionSlug(region: SpApiRegion): string {
	return region.toLowerCase();
}

export class ReportStore {
	private readonly created = new Map<string, ReportRecord[]>();
	private readonly schedules = new Map<string, ScheduleRecord[]>();
	private readonly documents = new Map<string, DocumentRecord>();
	private readonly documentsByKey = new Map<string, DocumentRecord>();
	private readonly settlementCache = new Map<string, { records: ReportRecord[]; groups: number }>();
	/** Report ids whose REPORT_PROCESSING_FINISHED went out. */
	private readonly announced = new Set<string>();
	/** Per seller: settlement reports published at or before this instant are history (no notification). */
	private readonly settlementWatermark = new Map<string, number>();
	private readonly generatedReports = new Map<string, ReportRecord[]>();
	/** Settlement report id → its document id (made once, on first sight). */
	private readonly settlementDocuments = new Map<string, string>();
	/** Settlement id → the test's edit of its flat-file lines. */
	private readonly settlementEdits = new Map<string, (lines: SettlementLine[]) => SettlementLine[]>();
	private style: DocumentStyle = { charsetInHeader: true, compression: 'gzip' };
	private faults: DownloadFault[] = [];
	private expiredUrlsToHandOut = 0;
	/** Reports created while holding; undefined when not holding. */
	private held: ReportRecord[] | undefined;
	private sequence = 0;
	private readonly signingKey: string;
	readonly control: ReportsControl;

	constructor(private readonly deps: ReportStoreDeps) {
		this.signingKey = `emulator-s3-signing-${deps.seed}`;
		this.control = {
			setDocumentStyle: (style) => void (this.style = { ...this.style, ...style }),
			cutNextDownload: ({ afterBytes, mode = 'connectionReset', count = 1 }) => void this.faults.push({ afterBytes, mode, remaining: count }),
			expireNextDocumentUrls: (count = 1) => void (this.expiredUrlsToHandOut += count),
			holdNewReportsInQueue: (hold) => this.holdNewReportsInQueue(hold),
			addGeneratedSettlementReport: (options) => this.addGeneratedSettlement(options),
			reports: (seller) => this.allReports(this.sellerOf(seller)),
			returns: (seller) => this.returnsFor(this.sellerOf(seller)),
			editSettlementLines: (seller, id, edit) => this.editSettlementLines(seller, id, edit),
			sync: () => this.sync(),
		};
	}

	get documentStyle(): DocumentStyle {
		return this.style;
	}

	private sellerOf(keyOrId: string): SellerFixture {
		const seller = this.deps.state.seller(keyOrId);
		if (!seller) throw new RangeError(`no seller fixture ${keyOrId}`);
		return seller;
	}

	private now(): number {
		return this.deps.clock.nowMs();
	}

	private data(seller: SellerFixture): SellerData {
		return this.deps.state.dataFor(seller.sellerId);
	}

	returnsFor(seller: SellerFixture): ReturnRecord[] {
		return returnsOf(this.data(seller), this.deps.seed, this.deps.state.settings.nowMs);
	}

	// ---------------------------------------------------------------- ids and documents

	private nextReportId(): string {
		this.sequence += 1;
		return String(50_000_000_000 + (hashString(`${this.deps.seed}|report`) % 1_000_000) * 1000 + this.sequence);
	}

	private newDocument(seller: SellerFixture, idSeed: string, document: Omit<DocumentRecord, 'documentId' | 'key' | 'sellerId' | 'region'>): DocumentRecord {
		const region = seller.region;
		const uuid = [8, 4, 4, 4, 12].map((length, i) => stableId(`${idSeed}|uuid${i}`, length, 'digits')).join('-');
		const documentId = `amzn1.spdoc.1.4.${regionSlug(region)}.${uuid}.T${stableId(`${idSeed}|t`, 13, 'alnum')}.${1 + (hashString(idSeed) % 3000)}`;
		const record: DocumentRecord = { ...document, documentId, key: `${uuid}.amzn1.tortuga.4.${regionSlug(region)}.T${stableId(`${idSeed}|k`, 13, 'alnum')}`, sellerId: seller.sellerId, region };
		this.documents.set(documentId, record);
		this.documentsByKey.set(record.key, record);
		return record;
	}

	document(sellerId: string, documentId: string): DocumentRecord | undefined {
		const found = this.documents.get(documentId);
		return found && found.sellerId === sellerId ? found : undefined;
	}

	documentByKey(key: string): DocumentRecord | undefined {
		return this.documentsByKey.get(key);
	}

	/** The charset of a flat file for these marketplaces (the first one's). */
	private charsetFor(marketplaceIds: string[]): DocumentCharset {
		return documentCharsetFor(marketplaceIds[0]);
	}

	presign(document: DocumentRecord, contentEncodingGzip: boolean): string {
		let signedAt = this.now();
		if (this.expiredUrlsToHandOut > 0) {
			this.expiredUrlsToHandOut -= 1;
			signedAt -= (URL_LIFETIME_SECONDS + 60) * 1000;
		}
		const date = new Date(signedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
		const awsRegion = { NA: 'us-east-1', EU: 'eu-west-1', FE: 'us-west-2' }[document.region];
		const encoding = contentEncodingGzip && this.style.compression === 'gzip' ? 'gzip' : 'identity';
		const query = new URLSearchParams({
			'response-content-encoding': encoding,
			'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
			'X-Amz-Date': date,
			'X-Amz-SignedHeaders': 'host',
			'X-Amz-Expires': String(URL_LIFETIME_SECONDS),
			'X-Amz-Credential': `AKIAEMULATOR0000000/${date.slice(0, 8)}/${awsRegion}/s3/aws4_request`,
		});
		query.set('X-Amz-Signature', this.signature(document.key, query));
		return `${this.deps.baseUrl()}/s3/tortuga-prod-${regionSlug(document.region)}/${document.key}?${query.toString()}`;
	}

	/** HMAC over the key and every query parameter but the signature. */
	signature(key: string, query: URLSearchParams): string {
		const signed = [...query.entries()].filter(([name]) => name !== 'X-Amz-Signature').sort(([a], [b]) => (a < b ? -1 : 1));
		return createHmac('sha256', this.signingKey).update(`${key}?${new URLSearchParams(signed).toString()}`).digest('hex');
	}

	takeDownloadFault(): DownloadFault | undefined {
		const fault = this.faults[0];
		if (!fault) return undefined;
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.shift();
		return fault;
	}

	// ---------------------------------------------------------------- reports

	/** createReport: validates like Amazon, decides what the report will contain, and queues it. */
	create(seller: SellerFixture, body: unknown, options: { createdAt?: number; reportScheduleId?: string } = {}): ReportRecord {
		const spec = parseCreateBody(body, seller);
		const createdAt = options.createdAt ?? this.now();
		const record: ReportRecord = {
			reportId: this.nextReportId(),
			sellerId: seller.sellerId,
			...spec,
			reportScheduleId: options.reportScheduleId,
			createdAt,
			startAt: createdAt + Math.round(this.deps.processingMs * 0.3),
			endAt: createdAt + this.deps.processingMs,
			outcome: 'CANCELLED',
		};
		this.decideContents(seller, record);
		const list = this.created.get(seller.sellerId) ?? [];
		list.push(record);
		this.created.set(seller.sellerId, list);
		if (this.held) {
			record.startAt = record.endAt = Number.POSITIVE_INFINITY;
			this.held.push(record);
		} else {
			this.scheduleSync(record.endAt);
		}
		return record;
	}

	private holdNewReportsInQueue(hold: boolean): void {
		if (hold) {
			this.held ??= [];
			return;
		}
		const released = this.held ?? [];
		this.held = undefined;
		const now = this.now();
		for (const record of released) {
			record.startAt = now + Math.round(this.deps.processingMs * 0.3);
			record.endAt = now + this.deps.processingMs;
			this.scheduleSync(record.endAt);
		}
	}

	private decideContents(seller: SellerFixture, record: ReportRecord): void {
		const now = record.createdAt;
		// Amazon: both dates default to "now", so a report without dates covers no time at all
		const start = record.dataStartTime ?? now;
		const end = record.dataEndTime ?? now;
		const inRange = (ms: number): boolean => ms >= start && ms <= end && ms <= now;
		const inMarketplaces = (id: string): boolean => record.marketplaceIds.includes(id);
		const charset = this.charsetFor(record.marketplaceIds);
		// the spelling in force when the document is downloaded
		const dates = () => dateSpelling(this.style.dates, record.marketplaceIds[0]);
		const flat = (render: () => Iterable<string>): void => {
			record.outcome = 'DONE';
			record.documentId = this.newDocument(seller, `${record.reportId}|doc`, { mediaType: 'text/plain', charset, generated: false, gzipLevel: 6, render }).documentId;
		};
		switch (record.reportType) {
			case 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA': {
				const rows = this.returnsFor(seller).filter((r) => r.channel === 'AFN' && inMarketplaces(r.marketplaceId) && inRange(r.returnedAt));
				if (rows.length > 0) flat(() => fbaReturnsFile(rows, dates()));
				return;
			}
			case 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE':
			case 'GET_XML_RETURNS_DATA_BY_RETURN_DATE': {
				if (end - start > MFN_RETURNS_MAX_DAYS * 86_400_000) {
					return this.fatal(seller, record, `The date range of the report exceeds the maximum of ${MFN_RETURNS_MAX_DAYS} days. Request a smaller range.`);
				}
				const rows = this.returnsFor(seller).filter((r) => r.channel === 'MFN' && inMarketplaces(r.marketplaceId) && inRange(r.returnedAt));
				if (rows.length === 0) return;
				if (record.reportType === 'GET_XML_RETURNS_DATA_BY_RETURN_DATE') {
					record.outcome = 'DONE';
					record.documentId = this.newDocument(seller, `${record.reportId}|doc`, { mediaType: 'text/xml', charset: 'UTF-8', generated: false, gzipLevel: 6, render: () => mfnReturnsXml(rows) }).documentId;
				} else flat(() => mfnReturnsFile(rows, dates()));
				return;
			}
			case 'GET_FBA_REIMBURSEMENTS_DATA': {
				const all = reimbursementEvents(this.data(seller));
				const rows = all.filter((event) => inMarketplaces(event.marketplaceId) && inRange(event.postedAt) && event.visibleAt <= now);
				if (rows.length > 0) flat(() => reimbursementsFile(rows, all, dates()));
				return;
			}
			case 'GET_VENDOR_SALES_REPORT': {
				const text = vendorSalesDocument(vendorStore(this.deps.state).dataOf(seller.sellerId), { start, end, marketplaceIds: record.marketplaceIds, reportOptions: record.reportOptions ?? {}, createdAt: now });
				record.outcome = 'DONE';
				record.documentId = this.newDocument(seller, `${record.reportId}|doc`, { mediaType: 'application/json', charset: 'UTF-8', generated: false, gzipLevel: 6, render: () => [text] }).documentId;
				return;
			}
			case 'GET_V2_SELLER_PERFORMANCE_REPORT': {
				const text = accountHealthDocument(seller.sellerId, record.marketplaceIds, now);
				record.outcome = 'DONE';
				record.documentId = this.newDocument(seller, `${record.reportId}|doc`, { mediaType: 'application/json', charset: 'UTF-8', generated: false, gzipLevel: 6, render: () => [text] }).documentId;
				return;
			}
			case 'GET_VAT_TRANSACTION_DATA': {
				const unavailable = record.marketplaceIds.filter((id) => !VAT_MARKETPLACE_COUNTRIES.includes(findMarketplace(id)?.countryCode ?? ''));
				if (unavailable.length > 0) return this.fatal(seller, record, `The VAT transactions report is not available in marketplace ${unavailable.join(', ')}.`);
				// last month's transactions are complete from the 3rd; older months can be had any day
				const today = new Date(now);
				if (today.getUTCDate() < VAT_FIRST_DAY_OF_MONTH && end >= Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)) {
					return this.fatal(seller, record, 'The VAT transactions report is available from the third day of each month. Request it on or after the third.');
				}
				const lines = taxLines(this.data(seller), record.marketplaceIds, start, end, now);
				if (lines.length === 0) return;
				record.outcome = 'DONE';
				record.documentId = this.newDocument(seller, `${record.reportId}|doc`, {
					mediaType: 'text/csv',
					charset,
					generated: false,
					gzipLevel: 6,
					restricted: true,
					render: () => vatTransactionsFile(lines, seller.sellerId),
				}).documentId;
				return;
			}
			default:
				return this.fatal(seller, record, `The SP-API emulator does not generate ${record.reportType} reports (it builds ${GENERATED_TYPES.join(', ')}).`);
		}
	}

	private fatal(seller: SellerFixture, record: ReportRecord, explanation: string): void {
		record.outcome = 'FATAL';
		const text = JSON.stringify({ errorDetails: explanation });
		record.documentId = this.newDocument(seller, `${record.reportId}|error`, { mediaType: 'text/plain', charset: 'UTF-8', generated: false, gzipLevel: 6, render: () => [text] }).documentId;
	}

	status(record: ReportRecord, now = this.now()): ProcessingStatus {
		if (record.cancelledAt !== undefined && record.cancelledAt <= now) return 'CANCELLED';
		if (now < record.startAt) return 'IN_QUEUE';
		if (now < record.endAt) return 'IN_PROGRESS';
		return record.outcome;
	}

	/** A report as getReport / getReports answer it. */
	view(record: ReportRecord): Record<string, unknown> {
		const now = this.now();
		const status = this.status(record, now);
		const out: Record<string, unknown> = { reportId: record.reportId, reportType: record.reportType };
		if (record.dataStartTime !== undefined) out.dataStartTime = isoOffset(record.dataStartTime);
		if (record.dataEndTime !== undefined) out.dataEndTime = isoOffset(record.dataEndTime);
		out.createdTime = isoOffset(record.createdAt);
		out.processingStatus = status;
		out.marketplaceIds = record.marketplaceIds;
		if (record.reportScheduleId) out.reportScheduleId = record.reportScheduleId;
		if (status !== 'IN_QUEUE' && record.cancelledAt === undefined) out.processingStartTime = isoOffset(record.startAt);
		if (status === 'DONE' || status === 'FATAL' || status === 'CANCELLED') {
			out.processingEndTime = isoOffset(record.cancelledAt ?? record.endAt);
		}
		if ((status === 'DONE' || status === 'FATAL') && record.documentId) out.reportDocumentId = record.documentId;
		return out;
	}

	find(seller: SellerFixture, reportId: string): ReportRecord | undefined {
		this.sync();
		const now = this.now();
		return this.allReports(seller).find((record) => record.reportId === reportId && record.createdAt > now - RETENTION_MS);
	}

	/** Every report of the seller that exists at the current clock, newest first. */
	allReports(seller: SellerFixture): ReportRecord[] {
		const now = this.now();
		const records = [
			...(this.created.get(seller.sellerId) ?? []),
			...(this.generatedReports.get(seller.sellerId) ?? []),
			...this.settlementReports(seller),
			...this.taxLibraryReports(seller),
		];
		return records.filter((record) => record.createdAt <= now).sort((a, b) => b.createdAt - a.createdAt || (a.reportId < b.reportId ? 1 : -1));
	}

	cancel(seller: SellerFixture, reportId: string): void {
		const record = this.find(seller, reportId);
		if (!record || !this.created.get(seller.sellerId)?.includes(record)) throw new ApiError(404, 'NotFound', `Report ${reportId} was not found.`, '');
		const status = this.status(record);
		if (status !== 'IN_QUEUE') throw invalidInput(`Report ${reportId} cannot be cancelled: its processingStatus is ${status}. Only IN_QUEUE reports can be cancelled.`);
		record.cancelledAt = this.now();
		record.outcome = 'CANCELLED';
		record.documentId = undefined;
		this.sync();
	}

	// ---------------------------------------------------------------- settlement reports

	private settlementReports(seller: SellerFixture): ReportRecord[] {
		if (!seller.roles.includes('Finance and Accounting')) return [];
		const data = this.data(seller);
		const now = this.now();
		const cached = this.settlementCache.get(seller.sellerId);
		const closed = data.groups.filter((group) => group.endAt + SETTLEMENT_PUBLISH_DELAY_MS + SETTLEMENT_PROCESSING_MS <= now);
		if (cached && cached.groups === closed.length) return cached.records;
		const records = closed.flatMap((group) => SETTLEMENT_TYPES.map((type) => this.settlementReport(seller, group, type)));
		this.settlementCache.set(seller.sellerId, { records, groups: closed.length });
		return records;
	}

	private settlementReport(seller: SellerFixture, group: FinancialEventGroupRecord, reportType: (typeof SETTLEMENT_TYPES)[number]): ReportRecord {
		const idSeed = `${this.deps.seed}|${seller.sellerId}|${group.groupId}|${reportType}`;
		const reportId = stableId(`settlement-report|${idSeed}`, 11, 'digits');
		let documentId = this.settlementDocuments.get(reportId);
		if (!documentId) {
			const xml = reportType === 'GET_V2_SETTLEMENT_REPORT_DATA_XML';
			// edits are looked up at every download, so an edit made later applies to the next download
			const render = xml
				? () => settlementXml(group, seller.sellerId)
				: reportType === 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2'
					? () => settlementV2(group, { lines: this.editedLines(group), dates: dateSpelling(this.style.dates, group.marketplaceIds[0]) })
					: () => settlementV1(group, { lines: this.editedLines(group), dates: dateSpelling(this.style.dates, group.marketplaceIds[0]) });
			const document = this.newDocument(seller, idSeed, {
				mediaType: xml ? 'text/xml' : 'text/plain',
				charset: xml ? 'UTF-8' : this.charsetFor(group.marketplaceIds),
				generated: false,
				gzipLevel: 6,
				render,
			});
			documentId = document.documentId;
			this.settlementDocuments.set(reportId, documentId);
		}
		const createdAt = group.endAt + SETTLEMENT_PUBLISH_DELAY_MS;
		return {
			reportId,
			sellerId: seller.sellerId,
			reportType,
			marketplaceIds: group.marketplaceIds,
			dataStartTime: group.startAt,
			dataEndTime: group.endAt,
			createdAt,
			startAt: createdAt,
			endAt: createdAt + SETTLEMENT_PROCESSING_MS,
			outcome: 'DONE',
			documentId,
		};
	}

	// ---------------------------------------------------------------- the Tax Document Library (US sales tax)

	/** One Sales Tax Report per finished month of the seller's US data, as if the seller had generated it. */
	private taxLibraryReports(seller: SellerFixture): ReportRecord[] {
		const us = seller.marketplaceIds.find((id) => findMarketplace(id)?.countryCode === 'US');
		if (!us) return [];
		const now = this.now();
		const firstData = this.deps.state.settings.nowMs - this.deps.state.settings.historyDays * 86_400_000;
		const records: ReportRecord[] = [];
		const first = new Date(firstData);
		for (let month = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1); ; ) {
			const next = Date.UTC(new Date(month).getUTCFullYear(), new Date(month).getUTCMonth() + 1, 1);
			const createdAt = next + (TAX_LIBRARY_DAY_OF_MONTH - 1) * 86_400_000 + 6 * 3600_000;
			if (createdAt > now) break;
			const idSeed = `${this.deps.seed}|${seller.sellerId}|sales-tax|${month}`;
			const reportId = stableId(`tax-library|${idSeed}`, 11, 'digits');
			let documentId = this.settlementDocuments.get(reportId);
			if (!documentId) {
				const monthStart = month;
				const monthEnd = next - 1000;
				documentId = this.newDocument(seller, idSeed, {
					mediaType: 'text/plain',
					charset: 'UTF-8',
					generated: false,
					gzipLevel: 6,
					render: () => salesTaxFile(taxLines(this.data(seller), [us], monthStart, monthEnd, createdAt), seller.sellerId),
				}).documentId;
				this.settlementDocuments.set(reportId, documentId);
			}
			records.push({ reportId, sellerId: seller.sellerId, reportType: SALES_TAX_REPORT_TYPE, marketplaceIds: [us], dataStartTime: month, dataEndTime: next - 1000, createdAt, startAt: createdAt, endAt: createdAt + 60_000, outcome: 'DONE', documentId });
			this.announced.add(reportId);
			month = next;
		}
		return records;
	}

	private editSettlementLines(sellerKey: string, id: string, edit: ((lines: SettlementLine[]) => SettlementLine[]) | undefined): void {
		const group = this.data(this.sellerOf(sellerKey)).groups.find((candidate) => candidate.settlementId === id || candidate.groupId === id);
		if (!group) throw new RangeError(`seller ${sellerKey} has no settlement period ${id}`);
		if (edit) this.settlementEdits.set(group.settlementId, edit);
		else this.settlementEdits.delete(group.settlementId);
	}

	private editedLines(group: FinancialEventGroupRecord): SettlementLine[] | undefined {
		const edit = this.settlementEdits.get(group.settlementId);
		return edit ? edit(settlementLines(group).map((line) => ({ ...line }))) : undefined;
	}

	private addGeneratedSettlement(options: GeneratedReportOptions): { reportId: string; reportDocumentId: string; rows: number; bytes: number; total: string } {
		const seller = this.sellerOf(options.seller);
		const marketplaceId = options.marketplaceId ?? seller.marketplaceIds[0];
		const marketplace = findMarketplace(marketplaceId);
		if (!marketplace) throw new RangeError(`unknown marketplace ${marketplaceId}`);
		const now = this.now();
		const reportId = this.nextReportId();
		const plan = planSyntheticSettlement(
			{ settlementId: stableId(`synthetic|${reportId}`, 11, 'digits'), currency: marketplace.currency, marketplaceId, startAt: now - 14 * 86_400_000, endAt: now - 3600_000, depositAt: now - 1800_000 },
			options.targetBytes,
		);
		const document = this.newDocument(seller, `${reportId}|generated`, {
			mediaType: 'text/plain',
			charset: options.charset ?? this.charsetFor([marketplaceId]),
			generated: true,
			gzipLevel: options.gzipLevel ?? 1,
			render: () => syntheticSettlementText(plan),
		});
		const record: ReportRecord = {
			reportId,
			sellerId: seller.sellerId,
			reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
			marketplaceIds: [marketplaceId],
			dataStartTime: plan.startAt,
			dataEndTime: plan.endAt,
			createdAt: now,
			startAt: now,
			endAt: now,
			outcome: 'DONE',
			documentId: document.documentId,
		};
		this.generatedReports.set(seller.sellerId, [...(this.generatedReports.get(seller.sellerId) ?? []), record]);
		this.announced.add(reportId);
		const digits = marketplace.currency === 'JPY' ? 0 : 2;
		return { reportId, reportDocumentId: document.documentId, rows: plan.rows, bytes: plan.bytes, total: (plan.totalMinor / 10 ** digits).toFixed(digits) };
	}

	// ---------------------------------------------------------------- schedules

	createSchedule(seller: SellerFixture, body: unknown): ScheduleRecord {
		const spec = parseScheduleBody(body, seller, this.now());
		const list = this.schedules.get(seller.sellerId) ?? [];
		const sameTarget = (schedule: ScheduleRecord): boolean =>
			schedule.reportType === spec.reportType && [...schedule.marketplaceIds].sort().join() === [...spec.marketplaceIds].sort().join();
		// Amazon: a schedule for the same report type and marketplaces replaces the existing one
		const kept = list.filter((schedule) => !sameTarget(schedule));
		const schedule: ScheduleRecord = { reportScheduleId: String(60_000_000_000 + (++this.sequence)), sellerId: seller.sellerId, ...spec };
		kept.push(schedule);
		this.schedules.set(seller.sellerId, kept);
		this.scheduleSync(schedule.next);
		return schedule;
	}

	listSchedules(seller: SellerFixture, reportTypes: string[]): ScheduleRecord[] {
		this.sync();
		return (this.schedules.get(seller.sellerId) ?? []).filter((schedule) => reportTypes.includes(schedule.reportType));
	}

	findSchedule(seller: SellerFixture, id: string): ScheduleRecord | undefined {
		this.sync();
		return (this.schedules.get(seller.sellerId) ?? []).find((schedule) => schedule.reportScheduleId === id);
	}

	cancelSchedule(seller: SellerFixture, id: string): boolean {
		const list = this.schedules.get(seller.sellerId) ?? [];
		const kept = list.filter((schedule) => schedule.reportScheduleId !== id);
		this.schedules.set(seller.sellerId, kept);
		return kept.length !== list.length;
	}

	scheduleView(schedule: ScheduleRecord): Record<string, unknown> {
		const out: Record<string, unknown> = {
			reportScheduleId: schedule.reportScheduleId,
			reportType: schedule.reportType,
			marketplaceIds: schedule.marketplaceIds,
			period: schedule.period,
			nextReportCreationTime: isoOffset(schedule.next),
		};
		if (schedule.reportOptions) out.reportOptions = schedule.reportOptions;
		return out;
	}

	// ---------------------------------------------------------------- time passing

	private scheduleSync(atMs: number): void {
		const delay = Math.max(0, atMs - this.now()) + 5;
		if (delay > 24 * 3600_000) return;
		const timer = setTimeout(() => {
			this.deps.timers.delete(timer);
			this.sync();
		}, delay);
		timer.unref();
		this.deps.timers.add(timer);
	}

	/**
	 * Brings everything up to the clock: schedules create their due reports, and every report that has
	 * reached its final status since the last look is announced with REPORT_PROCESSING_FINISHED.
	 */
	sync(): void {
		const now = this.now();
		for (const [sellerId, list] of this.schedules) {
			const seller = this.deps.state.seller(sellerId);
			if (!seller) continue;
			for (const schedule of list) {
				for (let created = 0; schedule.next <= now && created < 20; created++) {
					const at = schedule.next;
					const periodStart = schedule.period === 'P1M' ? Date.UTC(new Date(at).getUTCFullYear(), new Date(at).getUTCMonth() - 1, new Date(at).getUTCDate()) : at - PERIODS[schedule.period];
					this.create(
						seller,
						{ reportType: schedule.reportType, marketplaceIds: schedule.marketplaceIds, reportOptions: schedule.reportOptions, dataStartTime: new Date(periodStart).toISOString(), dataEndTime: new Date(at).toISOString() },
						{ createdAt: at, reportScheduleId: schedule.reportScheduleId },
					);
					schedule.next = addPeriod(at, schedule.period);
				}
				if (schedule.next > now) this.scheduleSync(schedule.next);
			}
		}
		const finished: { record: ReportRecord; status: ProcessingStatus; at: number }[] = [];
		for (const list of this.created.values()) {
			for (const record of list) {
				if (this.announced.has(record.reportId)) continue;
				const status = this.status(record, now);
				if (status === 'DONE' || status === 'CANCELLED' || status === 'FATAL') finished.push({ record, status, at: record.cancelledAt ?? record.endAt });
			}
		}
		for (const seller of this.deps.state.loadedSellers()) {
			const watermark = this.settlementWatermark.get(seller.sellerId) ?? this.deps.clock.startedAtMs();
			for (const record of this.settlementReports(seller)) {
				if (record.endAt > watermark && !this.announced.has(record.reportId)) finished.push({ record, status: 'DONE', at: record.endAt });
				else this.announced.add(record.reportId);
			}
			this.settlementWatermark.set(seller.sellerId, Math.max(watermark, now));
		}
		finished.sort((a, b) => a.at - b.at || (a.record.reportId < b.record.reportId ? -1 : 1));
		for (const { record, status, at } of finished) {
			this.announced.add(record.reportId);
			const notification: Record<string, unknown> = {
				sellerId: record.sellerId,
				accountId: `amzn1.merchant.o.${record.sellerId}`,
				reportId: record.reportId,
				reportType: record.reportType,
				processingStatus: status,
			};
			if (status !== 'CANCELLED' && record.documentId) notification.reportDocumentId = record.documentId;
			this.deps.events.emit({
				notificationType: 'REPORT_PROCESSING_FINISHED',
				sellerId: record.sellerId,
				eventTime: new Date(at).toISOString(),
				payload: { reportProcessingFinishedNotification: notification },
			});
		}
	}
}

// ---------------------------------------------------------------- request validation (Amazon's 400s)

function isObject(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function parseTime(value: unknown, name: string): number | undefined {
	if (value === undefined) return undefined;
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	if (!Number.isFinite(ms)) throw invalidInput(`Invalid ${name}: "${String(value)}" is not an ISO 8601 date-time.`);
	return ms;
}

function parseMarketplaces(value: unknown, seller: SellerFixture): string[] {
	if (!Array.isArray(value) || value.length === 0 || value.length > 25 || value.some((id) => typeof id !== 'string')) {
		throw invalidInput('Invalid marketplaceIds: give between 1 and 25 marketplace ids.');
	}
	for (const id of value as string[]) {
		if (!seller.marketplaceIds.includes(id)) throw invalidInput(`Invalid marketplaceIds: the seller does not sell in marketplace ${id}.`);
	}
	return value as string[];
}

function parseOptions(value: unknown): Record<string, string> | undefined {
	if (value === undefined) return undefined;
	if (!isObject(value) || Object.values(value).some((option) => typeof option !== 'string')) {
		throw invalidInput('Invalid reportOptions: it must be an object of string values.');
	}
	return value as Record<string, string>;
}

const TYPE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

function parseType(value: unknown): string {
	if (typeof value !== 'string' || !TYPE_PATTERN.test(value)) throw invalidInput(`Invalid reportType: "${String(value)}".`);
	if ((SETTLEMENT_TYPES as readonly string[]).includes(value)) {
		throw invalidInput(`Report type ${value} cannot be requested or scheduled: settlement reports are created by Amazon automatically.`);
	}
	if (value === SALES_TAX_REPORT_TYPE) {
		throw invalidInput(`Report type ${value} cannot be requested or scheduled: generate it in the Tax Document Library of Seller Central, then find it with getReports.`);
	}
	return value;
}

function parseCreateBody(body: unknown, seller: SellerFixture) {
	if (!isObject(body)) throw invalidInput('The request body must be a CreateReportSpecification object.');
	const reportType = parseType(body.reportType);
	const marketplaceIds = parseMarketplaces(body.marketplaceIds, seller);
	const dataStartTime = parseTime(body.dataStartTime, 'dataStartTime');
	const dataEndTime = parseTime(body.dataEndTime, 'dataEndTime');
	if (dataStartTime !== undefined && dataEndTime !== undefined && dataStartTime > dataEndTime) {
		throw invalidInput('Invalid date range: dataStartTime must be before dataEndTime.');
	}
	return { reportType, marketplaceIds, dataStartTime, dataEndTime, reportOptions: parseOptions(body.reportOptions) };
}

function parseScheduleBody(body: unknown, seller: SellerFixture, now: number) {
	if (!isObject(body)) throw invalidInput('The request body must be a CreateReportScheduleSpecification object.');
	const reportType = parseType(body.reportType);
	const marketplaceIds = parseMarketplaces(body.marketplaceIds, seller);
	if (typeof body.period !== 'string' || !(body.period in PERIODS)) {
		throw invalidInput(`Invalid period: "${String(body.period)}". Allowed values: ${SCHEDULE_PERIODS.join(', ')}.`);
	}
	const period = body.period;
	const next = parseTime(body.nextReportCreationTime, 'nextReportCreationTime') ?? addPeriod(now, period);
	return { reportType, marketplaceIds, reportOptions: parseOptions(body.reportOptions), period, next };
}
