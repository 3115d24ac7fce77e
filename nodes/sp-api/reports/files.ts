/** File names and MIME types for a downloaded report (decompressed, re-encoded as UTF-8). */
import { findReportType } from './reportTypes';
import type { ReportFormat } from './types';

const EXTENSIONS: Record<ReportFormat, string> = { tsv: 'tsv', csv: 'csv', xml: 'xml', json: 'json', jsonl: 'jsonl' };
const MIME_TYPES: Record<ReportFormat, string> = {
	tsv: 'text/tab-separated-values',
	csv: 'text/csv',
	xml: 'application/xml',
	json: 'application/json',
	jsonl: 'application/x-ndjson',
};

export function fileExtensionFor(format: ReportFormat): string {
	return EXTENSIONS[format];
}

export function reportMimeType(format: ReportFormat, charset = 'utf-8'): string {
	return `${MIME_TYPES[format]}; charset=${charset}`;
}

/** e.g. GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2-12345678901.tsv */
export function reportFileName(options: { reportType?: string; reportId?: string; reportDocumentId: string; format?: ReportFormat }): string {
	const format = options.format ?? findReportType(options.reportType)?.format ?? 'tsv';
	const id = (options.reportId ?? options.reportDocumentId).replace(/[^A-Za-z0-9._-]+/g, '_').slice(-60);
	return `${options.reportType ?? 'report'}-${id}.${EXTENSIONS[format]}`;
}
