/** Waiting for a report inside a node: options, and what DONE / CANCELLED / FATAL become as output. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { DEFAULT_FIRST_POLL_MS, type AmazonReport, type ReportOutcome, type WaitOptions } from '../../../sp-api/reports';
import { responseMetadataJson } from '../../../sp-api/n8n/responseMetadata';
import { downloadItems, marketplaceOf, readDownloadSettings } from './output';

export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Timeout (Minutes)',
		name: 'timeoutMinutes',
		type: 'number',
		typeOptions: { minValue: 0.01 },
		default: 30,
		description:
			'How long to wait for Amazon to finish the report. When it is not ready by then, the node stops with the report ID so a later run can download it with "Report → Download".',
	},
	{
		displayName: 'First Check After (Seconds)',
		name: 'firstCheckSeconds',
		type: 'number',
		typeOptions: { minValue: 0.01 },
		// a literal for n8n's linter: DEFAULT_FIRST_POLL_MS (5 s) in seconds
		default: 5,
		description: 'When ACORN first asks Amazon whether the report is ready; the pauses then grow (up to one minute)',
	},
];

export function readWaitOptions(context: IExecuteFunctions, itemIndex: number): WaitOptions {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const minutes = Number(options.timeoutMinutes ?? 30);
	const first = Number(options.firstCheckSeconds ?? DEFAULT_FIRST_POLL_MS / 1000);
	if (!(minutes > 0)) throw new InputError('"Timeout (Minutes)" must be more than zero.');
	if (!(first > 0)) throw new InputError('"First Check After (Seconds)" must be more than zero.');
	return { timeoutMs: minutes * 60_000, initialIntervalMs: first * 1000 };
}

export function reportSummary(report: AmazonReport): IDataObject {
	return {
		reportId: report.reportId,
		reportType: report.reportType,
		processingStatus: report.processingStatus,
		reportDocumentId: report.reportDocumentId,
		marketplaceIds: report.marketplaceIds,
		dataStartTime: report.dataStartTime,
		dataEndTime: report.dataEndTime,
		createdTime: report.createdTime,
	};
}

/** DONE → the download; CANCELLED → nothing, or one "no data" item when asked for. */
export async function outcomeItems(context: IExecuteFunctions, client: SpApiClient, itemIndex: number, outcome: ReportOutcome): Promise<INodeExecutionData[]> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (outcome.status === 'CANCELLED') {
		if (options.emitNoDataItem !== true) return [];
		const json: IDataObject = {
			...reportSummary(outcome.report),
			noData: true,
			message: `Amazon found no data for report ${outcome.reportId} (${outcome.report.reportType}) and cancelled it.`,
		};
		if (options.includeResponseMetadata === true && outcome.metadata) json.responseMetadata = responseMetadataJson(outcome.metadata);
		return [{ json }];
	}
	const settings = readDownloadSettings(context, itemIndex, outcome.report.reportType, marketplaceOf(outcome.report.marketplaceIds));
	return await downloadItems(
		context,
		client,
		{ reportDocumentId: outcome.reportDocumentId, reportId: outcome.reportId, reportType: outcome.report.reportType, summary: reportSummary(outcome.report), metadata: outcome.metadata },
		settings,
	);
}
