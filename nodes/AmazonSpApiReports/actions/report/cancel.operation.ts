import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { cancelReport } from '../../../sp-api/reports';
import { readReportId, reportIdProperty } from '../shared/fields';

const displayOptions = { show: { resource: ['report'], operation: ['cancel'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Amazon can only cancel a report that is still waiting in its queue (IN_QUEUE). ACORN checks first and explains when it is too late.',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	reportIdProperty(displayOptions),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [includeResponseMetadataOption] },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const reportId = readReportId(this, itemIndex);
	const { report, response } = await cancelReport(client, reportId);
	return [
		withResponseMetadata(
			{ reportId, reportType: report.reportType, cancelled: true, previousStatus: report.processingStatus },
			response.metadata,
			options.includeResponseMetadata === true,
		),
	];
}
