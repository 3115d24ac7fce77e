/**
 * "Download Report" of the Notifications trigger: when Amazon says a report is finished, the trigger
 * downloads and reads it with the same code as the Reports node (rows as items, the file, or both) and
 * starts one workflow run per report. CANCELLED becomes one "no data" item, FATAL one item with
 * Amazon's explanation (its error document); neither is an error of the trigger.
 */
import type { IDataObject, INodeExecutionData, INodeProperties, ITriggerFunctions } from 'n8n-workflow';
import type { SpApiClient } from '../sp-api/client';
import { downloadItems, downloadOptions, downloadSettingsFrom, outputProperties, type BinaryHelpers, type DownloadFieldValues } from '../sp-api/n8n/reportOutput';
import { decideAfterFailure, finishedReportOf, DEFAULT_DOWNLOAD_RETRY, type DownloadFailure } from '../sp-api/notifications/reportDownload';
import { InputError } from '../sp-api/n8n/nodeErrors';
import { KNOWN_REPORT_TYPES, readReportDocumentText, REPORT_TYPE_PATTERN, resolveCharset } from '../sp-api/reports';
import { plainWords } from '../sp-api/errors';
import { tr } from '../sp-api/i18n/translate';

export const REPORT_TYPE = 'REPORT_PROCESSING_FINISHED';

const onReports = { show: { notificationTypes: [REPORT_TYPE] } };
const onDownload = { show: { notificationTypes: [REPORT_TYPE], downloadReport: [true] } };

export const reportDownloadProperties: INodeProperties[] = [
	{
		displayName: 'Only These Report Types',
		name: 'reportTypes',
		type: 'multiOptions',
		options: [...KNOWN_REPORT_TYPES]
			.sort((a, b) => a.name.localeCompare(b.name, 'en'))
			.map((known) => ({ name: known.name, value: known.type, description: `${known.description} (${known.type})` })),
		default: [],
		displayOptions: onReports,
		description:
			'Pass on only notifications about these reports, e.g. the settlement reports; the others are removed from the queue and counted. Empty: every report. Amazon notifies about every report of your store, also those other workflows request.',
	},
	{
		displayName: 'Download Report',
		name: 'downloadReport',
		type: 'boolean',
		default: false,
		displayOptions: onReports,
		description:
			'Whether to download the report when Amazon says it is ready and pass on its lines (or the file) instead of the bare notification. Each report starts its own workflow run. A report with no data gives one item saying so; a failed report gives one item with Amazon\'s explanation.',
	},
	...outputProperties(onDownload),
	{
		displayName: 'Download Options',
		name: 'downloadOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: onDownload,
		options: downloadOptions.map((option) =>
			option.name === 'includeResponseMetadata'
				? {
						...option,
						description:
							"Whether to add Amazon's request ID, HTTP status, timestamps and rate limit of the download address call (getReportDocument) to the file item, under <code>responseMetadata</code>",
					}
				: option,
		),
	},
];

/** The download settings as set in the node, checked at activation; undefined when the option is off. */
export function readReportDownload(ctx: ITriggerFunctions, selected: ReadonlySet<string>): DownloadFieldValues | undefined {
	if (!selected.has(REPORT_TYPE) || ctx.getNodeParameter('downloadReport', false) !== true) return undefined;
	const values: DownloadFieldValues = {
		output: ctx.getNodeParameter('output', 'items'),
		returnAll: ctx.getNodeParameter('returnAll', true),
		limit: ctx.getNodeParameter('limit', 100),
		binaryPropertyName: ctx.getNodeParameter('binaryPropertyName', 'data'),
		options: ctx.getNodeParameter('downloadOptions', {}) as IDataObject,
	};
	// bad input is reported when the workflow is activated, not with the first report
	const settings = downloadSettingsFrom(values, undefined, undefined);
	if (settings.rowOptions.charset) resolveCharset(settings.rowOptions.charset);
	return values;
}

/** The report types to pass on (from "Only These Report Types"); undefined means all. */
export function readReportTypeFilter(ctx: ITriggerFunctions, selected: ReadonlySet<string>): Set<string> | undefined {
	if (!selected.has(REPORT_TYPE)) return undefined;
	const raw = ctx.getNodeParameter('reportTypes', []) as unknown;
	const list = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : []).map((value) => String(value).trim()).filter(Boolean);
	for (const type of list) {
		if (!REPORT_TYPE_PATTERN.test(type)) throw new InputError(tr`"${type}" in "Only These Report Types" is not a report type name (they look like GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2).`);
	}
	return list.length > 0 ? new Set(list) : undefined;
}

export type ReportRun =
	/** Items for one workflow run; `failure` when they carry a download error instead of the report. */
	| { kind: 'items'; items: INodeExecutionData[]; failure?: DownloadFailure; attempt?: number }
	/** Try again later: keep the message hidden `seconds`. */
	| { kind: 'retry'; seconds: number; attempt: number; failure: DownloadFailure }
	/** The trigger is stopping: leave the message for the next start. */
	| { kind: 'stopped' };

function label(report: ReturnType<typeof finishedReportOf>): string {
	return tr`report ${report.reportId ?? tr`(no id)`}${report.reportType ? ` (${report.reportType})` : ''}`;
}

/** The items of one REPORT_PROCESSING_FINISHED notification, or what to do with its message instead. */
export async function reportRun(
	ctx: BinaryHelpers,
	client: SpApiClient,
	item: IDataObject,
	values: DownloadFieldValues,
	attempt: number | undefined,
	signal: AbortSignal,
): Promise<ReportRun> {
	const report = finishedReportOf(item);
	const name = label(report);
	try {
		switch (report.processingStatus) {
			case 'DONE': {
				if (!report.reportDocumentId) {
					return {
						kind: 'items',
						items: [{ json: { ...item, message: tr`Amazon says ${name} is done but names no document to download.` } }],
					};
				}
				const settings = downloadSettingsFrom(values, report.reportType, undefined);
				const rowFields: IDataObject = {};
				if (report.reportId) rowFields._reportId = report.reportId;
				if (report.reportType) rowFields._reportType = report.reportType;
				const items = await downloadItems(
					ctx,
					client,
					{ reportDocumentId: report.reportDocumentId, reportId: report.reportId, reportType: report.reportType, summary: item, rowFields },
					settings,
				);
				if (items.length > 0) return { kind: 'items', items };
				return { kind: 'items', items: [{ json: { ...item, noData: true, rows: 0, message: tr`${capitalise(name)} is ready but has no lines.` } }] };
			}
			case 'CANCELLED':
				return { kind: 'items', items: [{ json: { ...item, noData: true, message: tr`Amazon found no data for ${name} and cancelled it.` } }] };
			case 'FATAL': {
				const errorDocument = report.reportDocumentId ? (await readReportDocumentText(client, report.reportDocumentId, 4000)).trim() : undefined;
				return {
					kind: 'items',
					items: [
						{
							json: {
								...item,
								errorDocument: errorDocument ?? null,
								// the raw error document stays in errorDocument; the message says it in plain words
								message: errorDocument
									? tr`Amazon could not create ${name}: it ended with FATAL. Amazon said: ${plainWords(errorDocument)}`
									: tr`Amazon could not create ${name}: it ended with FATAL and gave no explanation.`,
							},
						},
					],
				};
			}
			default:
				return { kind: 'items', items: [{ json: item }] };
		}
	} catch (error) {
		if (signal.aborted) return { kind: 'stopped' };
		const decision = decideAfterFailure(error, attempt);
		if (decision.action === 'retry') return { kind: 'retry', seconds: decision.seconds, attempt: decision.attempt, failure: decision.failure };
		return {
			kind: 'items',
			failure: decision.failure,
			attempt: decision.attempt,
			items: [
				{
					json: {
						...item,
						downloadError: { ...decision.failure.summary, attempts: decision.attempt } as IDataObject,
						message: tr`ACORN could not download ${name}${decision.failure.transient ? tr` after ${decision.attempt} attempts` : ''}: ${decision.failure.reason} Download it later with the Reports node (Report → Download, report ID ${report.reportId ?? tr`as above`}).`,
					},
				},
			],
		};
	}
}

export const MAX_DOWNLOAD_ATTEMPTS = DEFAULT_DOWNLOAD_RETRY.maxAttempts;

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
