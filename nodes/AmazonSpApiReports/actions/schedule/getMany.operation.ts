import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import type { AmazonReportSchedule } from '../../../sp-api/reports';
import { readTypes } from '../report/getMany.operation';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['schedule'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Report Type Names or IDs',
		name: 'scheduleReportTypes',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getReportTypes' },
		default: [],
		required: true,
		description: 'Schedules of which report types to list (1 to 10; Amazon requires the types). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions,
	},
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [includeResponseMetadataOption] },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const types = readTypes(this, 'scheduleReportTypes', itemIndex);
	if (types.length > 10) throw new InputError(tr`Amazon lists the schedules of at most 10 report types at a time.`);
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const response = await client.call<{ reportSchedules?: AmazonReportSchedule[] }>('getReportSchedules', { params: { reportTypes: types } });
	return (response.data.reportSchedules ?? []).map((schedule) => withResponseMetadata({ ...schedule } as IDataObject, response.metadata, options.includeResponseMetadata === true));
}
