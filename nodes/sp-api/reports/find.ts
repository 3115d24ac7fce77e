/**
 * Finding reports: getReports with Amazon's paging rule (the next page is asked for with the token as
 * the only parameter, which the core's paginator does for this operation), and settlement reports,
 * which Amazon creates by itself for every settlement period and which can only be found, not requested.
 */
import type { SpApiClient, SpApiResponse } from '../client';
import { toUtcIso } from '../dates';
import { paginateItems } from '../pagination';
import { inputError } from './errors';
import { isSettlementReportType, SETTLEMENT_REPORT_TYPES, type SettlementReportType } from './reportTypes';
import { PROCESSING_STATUSES, type AmazonReport, type ProcessingStatus } from './types';
import { tr } from '../i18n/translate';

export interface ReportFilter {
	/** 1 to 10 report types (Amazon requires them when not paging). */
	reportTypes: string[];
	processingStatuses?: ProcessingStatus[];
	/** Up to 10; a report matches when it has at least one of them. */
	marketplaceIds?: string[];
	/** Default at Amazon: 90 days ago (reports are kept 90 days). */
	createdSince?: Date;
	/** Default at Amazon: now. */
	createdUntil?: Date;
	/** 1–100 per page; default 100 (getReports allows one call every 45 s after a burst of 10). */
	pageSize?: number;
}

interface ReportsPage {
	reports?: AmazonReport[];
	nextToken?: string;
}

export function validateReportFilter(filter: ReportFilter): void {
	const types = filter.reportTypes ?? [];
	if (types.length === 0) throw inputError(tr`Choose at least one report type to list.`);
	if (types.length > 10) throw inputError(tr`Amazon lists at most 10 report types at a time; split them over several nodes or runs.`);
	if ((filter.marketplaceIds?.length ?? 0) > 10) throw inputError(tr`Amazon filters by at most 10 marketplaces at a time.`);
	for (const status of filter.processingStatuses ?? []) {
		if (!PROCESSING_STATUSES.includes(status)) throw inputError(tr`"${status}" is not a report status (${PROCESSING_STATUSES.join(', ')}).`);
	}
	if (filter.createdSince && filter.createdUntil && filter.createdSince >= filter.createdUntil) {
		throw inputError(tr`"Created Since" must be earlier than "Created Until".`);
	}
	if (filter.pageSize !== undefined && !(Number.isInteger(filter.pageSize) && filter.pageSize >= 1 && filter.pageSize <= 100)) {
		throw inputError(tr`The page size must be a whole number from 1 to 100.`);
	}
}

/** Reports matching the filter, newest first as Amazon returns them; stops at `limit`. */
export async function* findReports(
	client: SpApiClient,
	filter: ReportFilter,
	options: { limit?: number } = {},
): AsyncGenerator<{ report: AmazonReport; page: SpApiResponse<ReportsPage> }> {
	validateReportFilter(filter);
	const params = {
		reportTypes: filter.reportTypes.map((type) => type.trim()),
		processingStatuses: filter.processingStatuses,
		marketplaceIds: filter.marketplaceIds,
		createdSince: filter.createdSince ? toUtcIso(filter.createdSince) : undefined,
		createdUntil: filter.createdUntil ? toUtcIso(filter.createdUntil) : undefined,
		pageSize: filter.pageSize ?? 100,
	};
	const items = paginateItems<AmazonReport, ReportsPage>(client, 'getReports', { params }, (page) => page.reports ?? [], options);
	for await (const { item, page } of items) yield { report: item, page };
}

export interface SettlementFilter {
	/** Default: the V2 flat file, the layout most tools read. */
	reportType?: SettlementReportType;
	createdSince?: Date;
	createdUntil?: Date;
	marketplaceIds?: string[];
}

/** Amazon's settlement reports (DONE only: Amazon publishes them finished). Never creates any. */
export async function* findSettlementReports(
	client: SpApiClient,
	filter: SettlementFilter = {},
	options: { limit?: number } = {},
): AsyncGenerator<{ report: AmazonReport; page: SpApiResponse<ReportsPage> }> {
	const reportType = filter.reportType ?? 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
	if (!isSettlementReportType(reportType)) {
		throw inputError(tr`${reportType} is not a settlement report type (${SETTLEMENT_REPORT_TYPES.join(', ')}).`);
	}
	yield* findReports(
		client,
		{
			reportTypes: [reportType],
			processingStatuses: ['DONE'],
			marketplaceIds: filter.marketplaceIds,
			createdSince: filter.createdSince,
			createdUntil: filter.createdUntil,
		},
		options,
	);
}

/** The settlement period a settlement report covers (its data start and end), for people. */
export function settlementPeriodOf(report: AmazonReport): { start?: string; end?: string } {
	return { start: report.dataStartTime, end: report.dataEndTime };
}
