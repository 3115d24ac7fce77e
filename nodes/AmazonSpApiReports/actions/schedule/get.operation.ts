import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import type { AmazonReportSchedule } from '../../../sp-api/reports';
import { readScheduleId, scheduleIdProperty } from './fields';

const displayOptions = { show: { resource: ['schedule'], operation: ['get'] } };

export const description: INodeProperties[] = [
	scheduleIdProperty(displayOptions),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [includeResponseMetadataOption] },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const response = await client.call<AmazonReportSchedule>('getReportSchedule', { params: { reportScheduleId: readScheduleId(this, itemIndex) } });
	return [withResponseMetadata({ ...response.data } as IDataObject, response.metadata, options.includeResponseMetadata === true)];
}
