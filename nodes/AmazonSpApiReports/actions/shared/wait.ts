/** Waiting for a report inside a node: options, and what DONE / CANCELLED / FATAL become as output. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import type { AmazonReport, ReportOutcome } from '../../../sp-api/reports';
import { tr } from '../../../sp-api/i18n/translate';
import { findMarketplace, type Marketplace } from '../../../sp-api/marketplaces';
import { explainEmptyResult, readableTime, storesInWords } from '../../../sp-api/n8n/emptyOutput';
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

/** "amazon.com, amazon.ca, 2025-02-13 12:00 UTC to 2025-03-15 12:00 UTC": what a report covers, in words. */
function coverage(report: AmazonReport): string {
	const stores = storesInWords((report.marketplaceIds ?? []).map((id) => findMarketplace(id)).filter((found): found is Marketplace => found !== undefined), '?');
	if (!report.dataStartTime && !report.dataEndTime) return stores;
	return tr`${stores}, ${readableTime(report.dataStartTime ?? report.createdTime)} to ${readableTime(report.dataEndTime ?? report.createdTime)}`;
}

/** DONE → the download; CANCELLED → nothing (the output pane says why), or one "no data" item when asked for. */
export async function outcomeItems(context: IExecuteFunctions, client: SpApiClient, itemIndex: number, outcome: ReportOutcome): Promise<INodeExecutionData[]> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (outcome.status === 'CANCELLED') {
		if (options.emitNoDataItem !== true) {
			explainEmptyResult(
				context,
				tr`Amazon found no data for report ${outcome.reportId} (${outcome.report.reportType}) of ${coverage(outcome.report)}, and cancelled it: there are no rows. For data, choose an earlier "Data Start" or other marketplaces.`,
			);
			return [];
		}
		const json: IDataObject = {
			...reportSummary(outcome.report),
			noData: true,
			message: tr`Amazon found no data for report ${outcome.reportId} (${outcome.report.reportType}) and cancelled it.`,
		};
		if (options.includeResponseMetadata === true && outcome.metadata) json.responseMetadata = responseMetadataJson(outcome.metadata);
		return [{ json }];
	}
	const settings = readDownloadSettings(context, itemIndex, outcome.report.reportType, marketplaceOf(outcome.report.marketplaceIds));
	const items = await downloadItems(
		context,
		client,
		{ reportDocumentId: outcome.reportDocumentId, reportId: outcome.reportId, reportType: outcome.report.reportType, summary: reportSummary(outcome.report), metadata: outcome.metadata },
		settings,
	);
	if (items.length === 0) explainEmptyResult(context, tr`Report ${outcome.reportId} (${outcome.report.reportType}) of ${coverage(outcome.report)} is finished, but its file has no lines besides the column names.`);
	return items;
}
