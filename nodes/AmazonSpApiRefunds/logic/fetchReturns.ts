/**
 * Returns from Amazon through the reports pipeline: one report per marketplace and report type (the
 * returns reports have no marketplace column, so a report per marketplace is what tells each line's
 * store), the seller-fulfilled report cut into windows of at most 60 days (Amazon's limit for it). All
 * reports are requested first so Amazon builds them at the same time, then each is waited for and its
 * rows are streamed.
 */
import type { ResponseMetadata, SpApiClient } from '../../sp-api/client';
import { splitRange, toUtcIso, type DateRange } from '../../sp-api/dates';
import type { Marketplace } from '../../sp-api/marketplaces';
import { InputError } from '../../sp-api/n8n/nodeErrors';
import { createReport, FileDateOrder, findReportType, openReportDocument, rowBatchesOf, waitForReport, withFileDateOrder, type WaitOptions } from '../../sp-api/reports';
import { returnLineKey, returnLinesOfRow, returnRowDateTexts, type ReturnChannel, type ReturnLine } from './returnLines';
import { tr } from '../../sp-api/i18n/translate';

export const FBA_RETURNS_REPORT = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
export const MFN_RETURNS_FLAT_FILE = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';
export const MFN_RETURNS_XML = 'GET_XML_RETURNS_DATA_BY_RETURN_DATE';
/** Amazon's limit for the seller-fulfilled returns reports (both layouts). */
export const MFN_RETURNS_MAX_DAYS = findReportType(MFN_RETURNS_FLAT_FILE)?.maxRangeDays ?? 60;

export type ReturnReport = 'fba' | 'mfn';
export type MfnLayout = 'flatFile' | 'xml';

export interface ReturnsQuery {
	reports: readonly ReturnReport[];
	mfnLayout: MfnLayout;
	marketplaces: readonly Marketplace[];
	range: DateRange;
	wait: WaitOptions;
}

export interface PlannedReport {
	reportType: string;
	channel: ReturnChannel;
	marketplace: Marketplace;
	range: DateRange;
}

/** What was read on the way, so an empty answer can say what was checked. */
export interface ReturnsStats {
	/** Reports requested (one per store and report type; the seller-fulfilled one per 60 days). */
	reports: number;
	/** Of those, cancelled by Amazon for lack of data. */
	noData: number;
	/** Lines read from the finished reports. */
	lines: number;
}

export function emptyReturnsStats(): ReturnsStats {
	return { reports: 0, noData: 0, lines: 0 };
}

export interface FetchedReturnLine {
	line: ReturnLine;
	/** Of the report's last status call. */
	metadata?: ResponseMetadata;
}

/**
 * Checks a returns query before any call; `nowMs` clamps the end (Amazon reports only on the past). The
 * marketplaces may still be empty here ("every store", filled in from Amazon afterwards).
 */
export function checkReturnsQuery(query: ReturnsQuery, nowMs: number): ReturnsQuery {
	if (query.reports.length === 0) throw new InputError(tr`Pick at least one returns report (FBA customer returns, seller-fulfilled returns or both).`);
	const { start } = query.range;
	const end = new Date(Math.min(query.range.end.getTime(), nowMs));
	if (start.getTime() >= nowMs) throw new InputError(tr`The start of the returns period (${toUtcIso(start)}) is in the future: Amazon only reports on the past.`);
	if (start.getTime() >= end.getTime()) {
		throw new InputError(tr`The end of the returns period (${toUtcIso(query.range.end)}) is not after its start (${toUtcIso(start)}).`);
	}
	return { ...query, range: { start, end } };
}

export function planReturnReports(query: ReturnsQuery): PlannedReport[] {
	const planned: PlannedReport[] = [];
	for (const marketplace of query.marketplaces) {
		if (query.reports.includes('fba')) planned.push({ reportType: FBA_RETURNS_REPORT, channel: 'FBA', marketplace, range: query.range });
		if (query.reports.includes('mfn')) {
			const reportType = query.mfnLayout === 'xml' ? MFN_RETURNS_XML : MFN_RETURNS_FLAT_FILE;
			for (const window of splitRange(query.range, MFN_RETURNS_MAX_DAYS)) planned.push({ reportType, channel: 'MFN', marketplace, range: window });
		}
	}
	return planned;
}

/** Every return line of the query, report by report; stop iterating to stop reading. */
export async function* fetchReturnLines(client: SpApiClient, query: ReturnsQuery, stats: ReturnsStats = emptyReturnsStats()): AsyncGenerator<FetchedReturnLine> {
	if (query.marketplaces.length === 0) throw new InputError(tr`Pick at least one marketplace: Amazon makes a returns report per store.`);
	const planned = planReturnReports(query);
	stats.reports += planned.length;
	const requested: { plan: PlannedReport; reportId: string }[] = [];
	for (const plan of planned) {
		const { reportId } = await createReport(client, {
			reportType: plan.reportType,
			marketplaceIds: [plan.marketplace.id],
			dataStartTime: plan.range.start,
			dataEndTime: plan.range.end,
		});
		requested.push({ plan, reportId });
	}
	// windows of one report type and marketplace may both hold a return dated on their shared boundary
	const seen = new Map<string, Set<string>>();
	for (const { plan, reportId } of requested) {
		const outcome = await waitForReport(client, reportId, query.wait);
		// CANCELLED: Amazon's "nothing to report" for this window
		if (outcome.status !== 'DONE') {
			stats.noData += 1;
			continue;
		}
		const seenKey = `${plan.reportType}|${plan.marketplace.id}`;
		const earlier = seen.get(seenKey) ?? new Set<string>();
		const current = new Set<string>();
		const context = { channel: plan.channel, reportType: plan.reportType, reportId, marketplace: plan.marketplace, dates: new FileDateOrder(plan.marketplace) };
		const opened = await openReportDocument(client, outcome.reportDocumentId, { marketplace: plan.marketplace });
		try {
			const batches = withFileDateOrder(rowBatchesOf(opened, { reportType: plan.reportType, marketplace: plan.marketplace }), context.dates, returnRowDateTexts);
			for await (const batch of batches) {
				for (const row of batch) {
					for (const line of returnLinesOfRow(row, context)) {
						stats.lines += 1;
						const key = returnLineKey(line);
						if (earlier.has(key)) continue;
						current.add(key);
						yield { line, metadata: outcome.metadata };
					}
				}
			}
		} finally {
			opened.close();
		}
		for (const key of current) earlier.add(key);
		seen.set(seenKey, earlier);
	}
}
