import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { getReport } from '../../../sp-api/reports';
import { readReportId, reportIdProperty } from '../shared/fields';

const displayOptions = { show: { resource: ['report'], operation: ['get'] } };

export const description: INodeProperties[] = [
	reportIdProperty(displayOptions),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [includeResponseMetadataOption] },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const response = await getReport(client, readReportId(this, itemIndex));
	return [withResponseMetadata({ ...response.data } as IDataObject, response.metadata, options.includeResponseMetadata === true)];
}
