import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { createAndWaitForReport } from '../../../sp-api/reports';
import { createReportProperties, readCreateRequest } from '../shared/fields';
import { downloadOptions, noDataOption, outputProperties } from '../shared/output';
import { outcomeItems, readWaitOptions, waitOptions } from '../shared/wait';

const displayOptions = { show: { resource: ['report'], operation: ['createAndDownload'] } };

export const description: INodeProperties[] = [
	...createReportProperties(displayOptions),
	...outputProperties(displayOptions),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions,
		options: [...waitOptions, noDataOption, ...downloadOptions],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<INodeExecutionData[]> {
	const request = await readCreateRequest(this, itemIndex, client);
	const wait = readWaitOptions(this, itemIndex);
	const outcome = await createAndWaitForReport(client, request, wait);
	return await outcomeItems(this, client, itemIndex, outcome);
}
