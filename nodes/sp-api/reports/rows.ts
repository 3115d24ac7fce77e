/**
 * Report rows as a stream: document → text → parser → rows, one chunk at a time, so a settlement
 * file of hundreds of MB never sits in memory (and with a filter, only the rows kept reach the caller). Malformed rows keep their line number and are either
 * yielded with `problem` set (default) or stop the stream with an error, never dropped.
 */
import type { SpApiClient } from '../client';
import type { Marketplace } from '../marketplaces';
import { openReportDocument, type OpenedReportDocument, type OpenDocumentOptions, type ReportDocumentRef } from './document';
import { ReportError } from './errors';
import { createParser, formatFromContentType, sniffFormat, type RowParser } from './parsers';
import { jsonShapeOf, JsonRowShaper } from './jsonShapes';
import { findReportType, isRestrictedReportType } from './reportTypes';
import { FileDateOrder, withFileDateOrder } from './dates';
import { filteredBatches, isActive, RowFilter, type RowFilterSpec } from './rowFilter';
import { typedRow } from './typed';
import type { ReportFormat, ReportRow } from './types';
import { tr } from '../i18n/translate';

export interface RowOptions {
	/** 'auto' (default): from the report type, then the Content-Type, then the text itself. */
	format?: 'auto' | ReportFormat;
	marketplace?: Marketplace;
	/** Known report types give the format, XML records and typed columns. */
	reportType?: string;
	/** Convert numbers, dates and booleans of known report types (money stays a decimal string). */
	typed?: boolean;
	/** 'flag' (default): yield malformed rows with `problem`; 'error': stop at the first one. */
	onMalformed?: 'flag' | 'error';
	/** Forces a charset instead of the header / detection. */
	charset?: string;
	/** Flat files: lines before the header row to skip. */
	skipLines?: number;
	/** XML: the element whose occurrences become rows (overrides the report type's default). */
	xmlRecordElement?: string;
	enableContentEncodingUrlHeader?: boolean;
	/** Rows and columns to keep, applied while reading (rows left out never reach the caller). */
	filter?: RowFilterSpec;
}

export interface RowSource {
	/** Decoded text chunks of a document (e.g. OpenedReportDocument.text()). */
	text: AsyncIterable<string>;
	contentType?: string;
	reportDocumentId?: string;
}

function resolveFormat(requested: RowOptions['format'], reportType: string | undefined, contentType: string | undefined, head: string): ReportFormat {
	if (requested && requested !== 'auto') return requested;
	return findReportType(reportType)?.format ?? formatFromContentType(contentType) ?? sniffFormat(head);
}

function parserFor(format: ReportFormat, options: RowOptions): RowParser {
	const known = findReportType(options.reportType);
	return createParser(format, {
		skipLines: options.skipLines,
		recordElement: options.xmlRecordElement || undefined,
		recordPath: known?.xml?.recordPath,
		arrays: known?.xml?.arrays,
	});
}

/**
 * Rows from text chunks in batches (one batch per chunk of text): the parsing half of the pipeline.
 * Batches spare large reports a promise per row; parseReportRows gives the same rows one by one.
 * In order: parse (strict mode stops at the first malformed row), filter ("only rows where …", "only
 * these columns": rows left out are dropped here, before anything keeps them), then typed values,
 * whose dates wait for the file's day/month order when a date needs it (reports core, dates.ts).
 */
export async function* parseReportRowBatches(source: RowSource, options: RowOptions = {}): AsyncGenerator<ReportRow[]> {
	let batches = parsedBatches(source, options);
	if (isActive(options.filter)) batches = filteredBatches(batches, new RowFilter(options.filter, source.reportDocumentId));
	const columns = options.typed ? findReportType(options.reportType)?.columns : undefined;
	if (!columns) {
		yield* batches;
		return;
	}
	const dateColumns = Object.keys(columns).filter((column) => columns[column] === 'date');
	const dates = new FileDateOrder(options.marketplace);
	const timeZone = options.marketplace?.timeZone;
	const datesOf = function* (row: ReportRow): Generator<string> {
		if (row.problem) return;
		for (const column of dateColumns) {
			const value = row.values[column];
			if (typeof value === 'string') yield value;
		}
	};
	for await (const batch of withFileDateOrder(batches, dates, datesOf)) {
		yield batch.map((row) => (row.problem ? row : typedRow(row, columns, dates, timeZone)));
	}
}

/** The parser's rows, in batches; strict mode yields the rows before the first malformed one, then its error. */
async function* parsedBatches(source: RowSource, options: RowOptions): AsyncGenerator<ReportRow[]> {
	// JSON reports with a known schema (vendor analytics) become flat rows a person can read
	const shape = jsonShapeOf(options.reportType);
	const shaper = shape ? new JsonRowShaper(shape) : undefined;
	const strict = options.onMalformed === 'error';
	let parser: RowParser | undefined;
	let rowsRead = 0;
	let out: ReportRow[] = [];
	/** The rows parsed so far; in strict mode only those before the first malformed one, plus its error. */
	const take = (): { batch: ReportRow[]; error?: ReportError } => {
		const batch = out;
		out = [];
		if (shaper) for (let i = 0; i < batch.length; i++) batch[i] = shaper.apply(batch[i]);
		if (strict) {
			const bad = batch.findIndex((row) => row.problem);
			if (bad >= 0) {
				const row = batch[bad];
				const error = new ReportError({
					kind: 'parse',
					line: row.line,
					reportDocumentId: source.reportDocumentId,
					rowsRead: rowsRead + bad,
					message: tr`The report has a malformed row at line ${row.line}: ${row.problem}.`,
					hint: tr`Turn the option "On Malformed Rows" to "Output With a Problem Note" to get such rows flagged instead, or download the file to inspect it.`,
				});
				return { batch: batch.slice(0, bad), error };
			}
		}
		rowsRead += batch.length;
		return { batch };
	};
	const emit = function* (): Generator<ReportRow[]> {
		const { batch, error } = take();
		if (batch.length > 0) yield batch;
		if (error) throw error;
	};
	for await (const chunk of source.text) {
		parser ??= parserFor(resolveFormat(options.format, options.reportType, source.contentType, chunk), options);
		parser.push(chunk, out);
		if (out.length > 0) yield* emit();
	}
	parser ??= parserFor(resolveFormat(options.format, options.reportType, source.contentType, ''), options);
	try {
		parser.end(out);
	} catch (error) {
		if (error instanceof ReportError) {
			// parse errors say how far reading got
			throw new ReportError({ ...error, kind: error.kind, message: error.message, hint: error.hint, rowsRead: rowsRead + out.length, reportDocumentId: source.reportDocumentId });
		}
		throw error;
	}
	if (out.length > 0) yield* emit();
}

/** Rows from text chunks, one by one (usable on any decoded document). */
export async function* parseReportRows(source: RowSource, options: RowOptions = {}): AsyncGenerator<ReportRow> {
	for await (const batch of parseReportRowBatches(source, options)) yield* batch;
}

/**
 * Every row of a report document, streamed. Throws a ReportError when the download is cut off or the
 * gzip data is damaged (rows already yielded are then not a complete report).
 */
export async function* streamReportRows(
	client: SpApiClient,
	reportDocument: string | ReportDocumentRef,
	options: RowOptions = {},
): AsyncGenerator<ReportRow> {
	const opened = await openReportDocument(client, reportDocument, documentOptions(options));
	try {
		yield* rowsOf(opened, options);
	} finally {
		opened.close();
	}
}

/** Rows of an already opened document (when the caller also wants its stats or a copy). */
export function rowsOf(opened: OpenedReportDocument, options: RowOptions = {}): AsyncGenerator<ReportRow> {
	return parseReportRows({ text: opened.text(), contentType: opened.contentType, reportDocumentId: opened.reportDocumentId }, options);
}

/** Rows of an already opened document, in batches. */
export function rowBatchesOf(opened: OpenedReportDocument, options: RowOptions = {}): AsyncGenerator<ReportRow[]> {
	return parseReportRowBatches({ text: opened.text(), contentType: opened.contentType, reportDocumentId: opened.reportDocumentId }, options);
}

export function documentOptions(options: RowOptions): OpenDocumentOptions {
	return {
		marketplace: options.marketplace,
		charset: options.charset,
		enableContentEncodingUrlHeader: options.enableContentEncodingUrlHeader,
		restricted: isRestrictedReportType(options.reportType),
	};
}
