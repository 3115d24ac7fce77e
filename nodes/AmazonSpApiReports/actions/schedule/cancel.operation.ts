import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { readScheduleId, scheduleIdProperty } from './fields';

const displayOptions = { show: { resource: ['schedule'], operation: ['cancel'] } };

export const description: INodeProperties[] = [
	scheduleIdProperty(displayOptions),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [includeResponseMetadataOption] },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const reportScheduleId = readScheduleId(this, itemIndex);
	const response = await client.call('cancelReportSchedule', { params: { reportScheduleId } });
	return [withResponseMetadata({ reportScheduleId, cancelled: true }, response.metadata, options.includeResponseMetadata === true)];
}
