/** Shapes of the Reports API 2021-06-30 (reports_2021-06-30.json) and of the download pipeline. */
import type { ResponseMetadata } from '../client';

export type ProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

export const PROCESSING_STATUSES: readonly ProcessingStatus[] = ['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL'];

/** A report as getReport / getReports return it. */
export interface AmazonReport {
	reportId: string;
	reportType: string;
	processingStatus: ProcessingStatus;
	createdTime: string;
	marketplaceIds?: string[];
	dataStartTime?: string;
	dataEndTime?: string;
	reportScheduleId?: string;
	processingStartTime?: string;
	processingEndTime?: string;
	reportDocumentId?: string;
}

export interface AmazonReportSchedule {
	reportScheduleId: string;
	reportType: string;
	period: string;
	marketplaceIds?: string[];
	reportOptions?: Record<string, string>;
	nextReportCreationTime?: string;
}

export interface CreateReportRequest {
	reportType: string;
	marketplaceIds: string[];
	dataStartTime?: Date;
	dataEndTime?: Date;
	/** Amazon's report options (key/value, values as text), e.g. `{ "reportPeriod": "WEEK" }`. */
	reportOptions?: Record<string, string>;
}

/**
 * How a finished report ended. CANCELLED is Amazon's "no data" as well as an explicit cancel.
 * `metadata` is that of the last getReport answer (request id etc.).
 */
export type ReportOutcome =
	| { status: 'DONE'; reportId: string; reportDocumentId: string; report: AmazonReport; metadata?: ResponseMetadata }
	| { status: 'CANCELLED'; reportId: string; report: AmazonReport; metadata?: ResponseMetadata };

export type ReportFormat = 'tsv' | 'csv' | 'xml' | 'json' | 'jsonl';

/**
 * One record of a report. `line` is the 1-based line of the decoded document where the record starts.
 * Flat files give `Record<string, string>` values (column → text); XML and JSON give objects.
 * A row that could not be read cleanly keeps its line and carries `problem` (and the raw text) instead
 * of being dropped.
 */
export interface ReportRow<V = Record<string, unknown>> {
	line: number;
	values: V;
	/** XML: name of the element this row came from (e.g. `Order`, `return_details`). */
	element?: string;
	/** JSON documents that are an object of arrays: the property the row came from. */
	section?: string;
	/** Set when the row is malformed: what is wrong, in words. */
	problem?: string;
	/** The original text of a malformed row (flat files, JSON Lines). */
	raw?: string;
	/** Typed values: date columns whose text could not be read (column → why); the text stays in the row. */
	dateProblems?: Record<string, string>;
}

export type FlatReportRow = ReportRow<Record<string, string>>;

/** Where the charset used for decoding came from. */
export type CharsetSource = 'header' | 'override' | 'utf8-detected' | 'ascii-only' | 'marketplace-default';
