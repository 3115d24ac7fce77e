/**
 * The report pipeline of the SP-API core, shared by every node that works with reports (Reports,
 * Refunds, the Notifications trigger): create and wait, find, download as a stream, decode, parse.
 */
export * from './types';
export { ReportError, type ReportErrorKind } from './errors';
export {
	createReport,
	createAndWaitForReport,
	waitForReport,
	getReport,
	cancelReport,
	validateCreateRequest,
	DEFAULT_FIRST_POLL_MS,
	DEFAULT_MAX_POLL_MS,
	type WaitOptions,
} from './lifecycle';
export { findReports, findSettlementReports, settlementPeriodOf, validateReportFilter, type ReportFilter, type SettlementFilter } from './find';
export {
	getReportDocument,
	openReportDocument,
	readReportDocumentText,
	DOCUMENT_URL_LIFETIME_MS,
	DOCUMENT_URL_MAX_AGE_MS,
	type ReportDocumentRef,
	type OpenedReportDocument,
	type OpenDocumentOptions,
	type DocumentStats,
} from './document';
export { streamReportRows, parseReportRows, parseReportRowBatches, rowsOf, rowBatchesOf, documentOptions, type RowOptions, type RowSource } from './rows';
export { ReportTextDecoder, resolveCharset, charsetFromContentType, defaultCharsetFor } from './charset';
export { createParser, formatFromContentType, sniffFormat } from './parsers';
export {
	KNOWN_REPORT_TYPES,
	SETTLEMENT_REPORT_TYPES,
	findReportType,
	isRestrictedReportType,
	isSettlementReportType,
	searchReportTypes,
	REPORT_TYPE_PATTERN,
	type KnownReportType,
	type SettlementReportType,
	type ColumnKind,
} from './reportTypes';
export { defaultDataPeriodDays, effectiveDataStart, type DataPeriodDays } from './dataPeriod';
export { typedValues, typedRow, localColumnName, toIsoDate, normaliseDecimal } from './typed';
export {
	readReportDate,
	FileDateOrder,
	withFileDateOrder,
	localDate,
	marketplaceDayOrder,
	DATE_ORDER_LOOKAHEAD,
	type DateReading,
	type DayOrder,
	type DayOrderDecision,
	type DayOrderBasis,
} from './dates';
export { RowFilter, filteredBatches, splitList, type RowFilterSpec, type RowCondition } from './rowFilter';
export { reportFileName, reportMimeType, fileExtensionFor } from './files';
