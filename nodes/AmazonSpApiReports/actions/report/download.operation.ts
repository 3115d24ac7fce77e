import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { waitForReport } from '../../../sp-api/reports';
import { readReportId, reportIdProperty } from '../shared/fields';
import { downloadOptions, noDataOption, outputProperties } from '../shared/output';
import { outcomeItems, readWaitOptions, waitOptions } from '../shared/wait';

const displayOptions = { show: { resource: ['report'], operation: ['download'] } };

export const description: INodeProperties[] = [
	reportIdProperty(displayOptions, 'The ID of a report requested earlier (for example one that was not ready when a previous run timed out). ACORN waits for it if needed.'),
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
	const reportId = readReportId(this, itemIndex);
	const outcome = await waitForReport(client, reportId, readWaitOptions(this, itemIndex));
	return await outcomeItems(this, client, itemIndex, outcome);
}
