import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { createReport } from '../../../sp-api/reports';
import { createReportProperties, readCreateRequest } from '../shared/fields';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['report'], operation: ['create'] } };

export const description: INodeProperties[] = [
	...createReportProperties(displayOptions),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions,
		options: [includeResponseMetadataOption],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const request = await readCreateRequest(this, itemIndex, client);
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const { reportId, response } = await createReport(client, request);
	const json: IDataObject = {
		reportId,
		reportType: request.reportType,
		marketplaceIds: request.marketplaceIds,
		dataStartTime: request.dataStartTime?.toISOString(),
		dataEndTime: request.dataEndTime?.toISOString(),
		message: tr`Amazon is building report ${reportId}. Download it with "Report → Download" and this report ID.`,
	};
	return [withResponseMetadata(json, response.metadata, options.includeResponseMetadata === true)];
}
