/** Waiting for a report inside a node: options, and what DONE / CANCELLED / FATAL become as output. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import type { AmazonReport, ReportOutcome } from '../../../sp-api/reports';
import { responseMetadataJson } from '../../../sp-api/n8n/responseMetadata';
import { downloadItems, marketplaceOf, readDownloadSettings } from './output';

// the wait fields are shared with every node that requests reports
export { readWaitOptions, waitOptions } from '../../../sp-api/n8n/reportWaitOptions';

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
