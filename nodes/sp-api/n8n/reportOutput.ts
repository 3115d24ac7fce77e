/**
 * How a downloaded report becomes n8n output: rows as items, the file as binary data (decompressed,
 * UTF-8, with a file name and MIME type), or both. Shared by every node that downloads reports (the
 * Reports node's download operations, the Notifications trigger's "Download Report").
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { PassThrough } from 'node:stream';
import type { ResponseMetadata, SpApiClient } from '../client';
import { findMarketplace, type Marketplace } from '../marketplaces';
import { InputError } from './nodeErrors';
import { includeResponseMetadataOption, responseMetadataJson } from './responseMetadata';
import { teeToSink } from '../reports/tee';
import { returnAllProperty, limitProperty } from './commonProperties';
import {
	findReportType,
	isRestrictedReportType,
	formatFromContentType,
	openReportDocument,
	parseReportRowBatches,
	reportFileName,
	reportMimeType,
	ReportError,
	type OpenedReportDocument,
	type ReportFormat,
	splitList,
	type ReportRow,
	type RowFilterSpec,
	type RowOptions,
} from '../reports';
import { tr } from '../i18n/translate';

type DisplayOptions = INodeProperties['displayOptions'];

export function outputProperties(displayOptions: DisplayOptions): INodeProperties[] {
	const rowsShown = { ...displayOptions, show: { ...(displayOptions?.show ?? {}), output: ['items', 'both'] } };
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'items',
			displayOptions,
			options: [
				{ name: 'Rows as Items', value: 'items', description: 'One item per line of the report (columns become fields)' },
				{ name: 'File', value: 'binary', description: 'The report file itself (unzipped, UTF-8) as binary data, for Google Drive, e-mail or a spreadsheet node' },
				{ name: 'Both', value: 'both', description: 'The file first, then one item per line' },
			],
		},
		{ ...returnAllProperty(rowsShown), default: true, description: 'Whether to return every line of the report or only up to a given limit' },
		limitProperty(rowsShown, 100),
		{
			displayName: 'Put File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'Name of the binary field that receives the file',
			displayOptions: { ...displayOptions, show: { ...(displayOptions?.show ?? {}), output: ['binary', 'both'] } },
		},
	];
}

/** Options of the download itself, inside each download operation's "Options" collection. */
export const downloadOptions: INodeProperties[] = [
	{
		...includeResponseMetadataOption,
		description:
			"Whether to add Amazon's request ID, HTTP status, timestamps and rate limit of the last status call to the file item or the \"no data\" item, under <code>responseMetadata</code> (rows carry only the report's own columns)",
	},
	{
		displayName: 'Typed Values',
		name: 'typedValues',
		type: 'boolean',
		default: false,
		description:
			'Whether to turn quantities into numbers, dates into ISO dates and Y/N into true/false for known report types. Money stays exact text such as "-4.49".',
	},
	{
		displayName: 'On Malformed Rows',
		name: 'onMalformed',
		type: 'options',
		default: 'flag',
		options: [
			{ name: 'Output With a Problem Note', value: 'flag', description: 'Keep the row, with _problem and _raw explaining what is wrong' },
			{ name: 'Stop With an Error', value: 'error', description: 'Fail at the first malformed row, naming its line' },
		],
	},
	{
		displayName: 'File Format',
		name: 'format',
		type: 'options',
		default: 'auto',
		description: 'How to read the report. Automatic knows the common report types and otherwise looks at the file.',
		options: [
			{ name: 'Automatic', value: 'auto' },
			{ name: 'Comma-Separated (CSV)', value: 'csv' },
			{ name: 'JSON', value: 'json' },
			{ name: 'JSON Lines', value: 'jsonl' },
			{ name: 'Tab-Separated (Amazon Flat File)', value: 'tsv' },
			{ name: 'XML', value: 'xml' },
		],
	},
	{
		displayName: 'Character Set',
		name: 'charset',
		type: 'string',
		default: '',
		placeholder: 'e.g. windows-1252',
		description:
			"Leave empty: ACORN uses the one Amazon names, else UTF-8 when the file is valid UTF-8, else the marketplace's (windows-1252 in Europe and America, windows-31j in Japan)",
		hint: 'Empty: the one Amazon names, else UTF-8, else the store’s usual one',
	},
	{
		displayName: 'Lines Before the Header',
		name: 'skipLines',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Flat files: how many description lines come before the column names (some CSV reports have a few)',
	},
	{
		displayName: 'Only Rows Where',
		name: 'onlyRowsWhere',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add condition',
		default: {},
		description:
			'Keep only the lines you need, checked while the file is read: lines left out never become items, so a huge settlement costs memory only for what is kept. With several conditions a line must meet all of them.',
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Column',
						name: 'column',
						type: 'string',
						default: '',
						placeholder: 'e.g. transaction-type',
						description: 'A column name from the first line of the report (upper/lower case, spaces and dashes do not matter)',
					},
					{
						displayName: 'Keep Lines Whose Value',
						name: 'operator',
						type: 'options',
						default: 'isOneOf',
						options: [
							{ name: 'Is One Of', value: 'isOneOf' },
							{ name: 'Is None Of', value: 'isNoneOf' },
						],
					},
					{
						displayName: 'Values',
						name: 'values',
						type: 'string',
						default: '',
						placeholder: 'e.g. Refund, Chargeback Refund',
						description: 'Separated by commas; upper/lower case does not matter',
					},
				],
			},
		],
	},
	{
		displayName: 'Only These Columns',
		name: 'onlyColumns',
		type: 'string',
		default: '',
		placeholder: 'e.g. sku, amount-type, amount-description, amount, posted-date-time',
		description: 'Column names separated by commas: each line keeps only these columns (in this order). Empty: all columns.',
	},
	{
		displayName: 'XML Row Element',
		name: 'xmlRecordElement',
		type: 'string',
		default: '',
		placeholder: 'e.g. Order',
		description: 'XML reports: the element that becomes one item each. Empty: the usual one for the report type.',
		hint: 'Empty: the usual one for the report type',
	},
];

export interface DownloadSettings {
	output: 'items' | 'binary' | 'both';
	includeResponseMetadata: boolean;
	limit?: number;
	binaryPropertyName: string;
	rowOptions: RowOptions;
}

/** The output fields and the "Options" values of a download, as a node read them. */
export interface DownloadFieldValues {
	output?: unknown;
	returnAll?: unknown;
	limit?: unknown;
	binaryPropertyName?: unknown;
	/** The values of the collection holding `downloadOptions`. */
	options?: IDataObject;
}

/** Turns what the user set into download settings; bad values are an InputError (before any call). */
export function downloadSettingsFrom(values: DownloadFieldValues, reportType: string | undefined, marketplace: Marketplace | undefined): DownloadSettings {
	const output = (values.output ?? 'items') as DownloadSettings['output'];
	const options = values.options ?? {};
	const returnAll = values.returnAll ?? true;
	const limit = output === 'binary' || returnAll ? undefined : Number(values.limit ?? 100);
	if (limit !== undefined && !(limit > 0)) throw new InputError(tr`"Limit" must be a number above zero.`);
	const binaryPropertyName = String(values.binaryPropertyName || 'data').trim();
	return {
		output,
		includeResponseMetadata: options.includeResponseMetadata === true,
		limit,
		binaryPropertyName,
		rowOptions: {
			format: (options.format as RowOptions['format']) ?? 'auto',
			reportType,
			marketplace,
			typed: options.typedValues === true,
			onMalformed: options.onMalformed === 'error' ? 'error' : 'flag',
			charset: typeof options.charset === 'string' && options.charset.trim() ? options.charset.trim() : undefined,
			skipLines: typeof options.skipLines === 'number' && options.skipLines > 0 ? options.skipLines : undefined,
			xmlRecordElement: typeof options.xmlRecordElement === 'string' && options.xmlRecordElement.trim() ? options.xmlRecordElement.trim() : undefined,
			filter: rowFilterFrom(options),
		},
	};
}

/** "Only Rows Where" and "Only These Columns" as a filter for the stream; an incomplete condition is an InputError. */
export function rowFilterFrom(options: IDataObject): RowFilterSpec | undefined {
	const raw = options.onlyRowsWhere as { condition?: Array<{ column?: unknown; operator?: unknown; values?: unknown }> } | undefined;
	const where = (raw?.condition ?? []).map((condition) => {
		const column = String(condition.column ?? '').trim();
		const values = Array.isArray(condition.values) ? condition.values.map((value) => String(value).trim()).filter(Boolean) : splitList(String(condition.values ?? ''));
		if (!column) throw new InputError(tr`A condition in "Only Rows Where" has no column name.`);
		if (values.length === 0) throw new InputError(tr`The condition on column "${column}" in "Only Rows Where" has no values.`);
		return { column, values, exclude: condition.operator === 'isNoneOf' };
	});
	const columns = Array.isArray(options.onlyColumns) ? options.onlyColumns.map(String).filter(Boolean) : splitList(String(options.onlyColumns ?? ''));
	if (where.length === 0 && columns.length === 0) return undefined;
	return { where, columns: columns.length > 0 ? columns : undefined };
}

/** The item of one row: the report's columns at the top level, ACORN's notes prefixed with "_". */
export function rowItem(row: ReportRow): IDataObject {
	const json: IDataObject = { ...(row.values as IDataObject) };
	json._line = row.line;
	if (row.element !== undefined) json._element = row.element;
	if (row.section !== undefined) json._section = row.section;
	if (row.problem !== undefined) {
		json._problem = row.problem;
		if (row.raw !== undefined) json._raw = row.raw;
	}
	if (row.dateProblems !== undefined) json._unreadableDates = row.dateProblems;
	return json;
}

function fileFormat(reportType: string | undefined, contentType: string | undefined, requested: RowOptions['format']): ReportFormat | undefined {
	if (requested && requested !== 'auto') return requested;
	return findReportType(reportType)?.format ?? formatFromContentType(contentType);
}

/** What `downloadItems` needs of an n8n context: the binary data helper (execute and trigger contexts have it). */
export interface BinaryHelpers {
	helpers: Pick<IExecuteFunctions['helpers'], 'prepareBinaryData'>;
}

export interface DownloadTarget {
	reportDocumentId: string;
	/** Of the last status call (getReport), shown when "Include Response Metadata" is on. */
	metadata?: ResponseMetadata;
	reportId?: string;
	reportType?: string;
	marketplaceIds?: string[];
	/** Shown on the file item (report id, type, status...). */
	summary: IDataObject;
	/** Added to every row item after the report's own columns (e.g. which report a row came from). */
	rowFields?: IDataObject;
}

/** The file item: what was downloaded, and the binary data. */
async function fileItem(
	context: BinaryHelpers,
	opened: OpenedReportDocument,
	target: DownloadTarget,
	settings: DownloadSettings,
	stream: NodeJS.ReadableStream,
): Promise<{ json: IDataObject; binary: Record<string, IBinaryData> }> {
	const format = fileFormat(target.reportType, opened.contentType, settings.rowOptions.format);
	const fileName = format
		? reportFileName({ reportType: target.reportType, reportId: target.reportId, reportDocumentId: target.reportDocumentId, format })
		: reportFileName({ reportType: target.reportType, reportId: target.reportId, reportDocumentId: target.reportDocumentId }).replace(/\.tsv$/, '.txt');
	const mimeType = format ? reportMimeType(format) : 'text/plain; charset=utf-8';
	const binary = await context.helpers.prepareBinaryData(stream as never, fileName, mimeType);
	const json: IDataObject = { ...target.summary, fileName, mimeType };
	const metadata = target.metadata ?? opened.metadata;
	if (settings.includeResponseMetadata && metadata) json.responseMetadata = responseMetadataJson(metadata);
	return { json, binary: { [settings.binaryPropertyName]: binary } };
}

function incompleteError(opened: OpenedReportDocument): ReportError {
	return new ReportError({
		kind: 'truncated',
		reportDocumentId: opened.reportDocumentId,
		message: tr`The download of report document ${opened.reportDocumentId} ended early: the report is incomplete, so nothing is given as complete.`,
		hint: tr`Run the node again to download the report once more.`,
	});
}

function documentFacts(opened: OpenedReportDocument): IDataObject {
	return {
		charset: opened.stats.charset,
		charsetSource: opened.stats.charsetSource,
		compressed: opened.stats.compressed,
		downloadedBytes: opened.stats.downloadedBytes,
		fileBytes: opened.stats.decompressedBytes,
		undecodableCharacters: opened.stats.undecodableCharacters,
	};
}

/** Downloads one document and turns it into output items (rows, the file, or both). */
export async function downloadItems(context: BinaryHelpers, client: SpApiClient, target: DownloadTarget, settings: DownloadSettings): Promise<INodeExecutionData[]> {
	const opened = await openReportDocument(client, target.reportDocumentId, {
		marketplace: settings.rowOptions.marketplace,
		charset: settings.rowOptions.charset,
		restricted: isRestrictedReportType(target.reportType ?? settings.rowOptions.reportType),
	});
	try {
		if (settings.output === 'binary') {
			const file = await fileItem(context, opened, target, settings, opened.utf8());
			if (!opened.stats.complete) throw incompleteError(opened);
			return [{ json: { ...documentFacts(opened), ...file.json }, binary: file.binary }];
		}
		const source = opened.text();
		let copy: PassThrough | undefined;
		let filePromise: Promise<{ json: IDataObject; binary: Record<string, IBinaryData> }> | undefined;
		let text: AsyncIterable<string> = source;
		if (settings.output === 'both') {
			const sink = new PassThrough();
			copy = sink;
			filePromise = fileItem(context, opened, target, settings, sink);
			// don't let a failed file item go unhandled while rows are still being read
			filePromise.catch(() => undefined);
			text = teeToSink(source, sink);
		}
		const rows: INodeExecutionData[] = [];
		const limit = settings.output === 'both' ? undefined : settings.limit;
		reading: for await (const batch of parseReportRowBatches({ text, contentType: opened.contentType, reportDocumentId: opened.reportDocumentId }, settings.rowOptions)) {
			for (const row of batch) {
				rows.push({ json: target.rowFields ? Object.assign(rowItem(row), target.rowFields) : rowItem(row) });
				if (limit !== undefined && rows.length >= limit) break reading;
			}
		}
		if (limit !== undefined && rows.length >= limit) return rows;
		if (!opened.stats.complete) throw incompleteError(opened);
		if (!filePromise || !copy) return rows;
		const file = await filePromise;
		const limited = settings.limit !== undefined ? rows.slice(0, settings.limit) : rows;
		return [{ json: { rows: rows.length, ...documentFacts(opened), ...file.json }, binary: file.binary }, ...limited];
	} finally {
		opened.close();
	}
}

export function marketplaceOf(ids: string[] | undefined): Marketplace | undefined {
	return ids && ids.length > 0 ? findMarketplace(ids[0]) : undefined;
}
