import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { getReport, isSettlementReportType } from '../../../sp-api/reports';
import { readReportId, reportIdProperty } from '../shared/fields';
import { downloadItems, downloadOptions, marketplaceOf, outputProperties, readDownloadSettings } from '../shared/output';
import { settlementItem } from './getMany.operation';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['settlement'], operation: ['download'] } };

export const description: INodeProperties[] = [
	reportIdProperty(displayOptions, 'The report ID of a settlement report (from "Settlement Report → Get Many")'),
	...outputProperties(displayOptions),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: downloadOptions },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<INodeExecutionData[]> {
	const reportId = readReportId(this, itemIndex);
	const { data: report, metadata } = await getReport(client, reportId);
	if (!isSettlementReportType(report.reportType)) {
		throw new InputError(tr`Report ${reportId} is a ${report.reportType} report, not a settlement report. Use "Report → Download" for it.`);
	}
	if (report.processingStatus !== 'DONE' || !report.reportDocumentId) {
		throw new InputError(tr`Settlement report ${reportId} is ${report.processingStatus}; only finished (DONE) settlement reports can be downloaded.`);
	}
	const settings = readDownloadSettings(this, itemIndex, report.reportType, marketplaceOf(report.marketplaceIds));
	return await downloadItems(this, client, { reportDocumentId: report.reportDocumentId, reportId, reportType: report.reportType, summary: settlementItem(report), metadata }, settings);
}
