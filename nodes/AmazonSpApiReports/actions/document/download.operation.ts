import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { findMarketplace } from '../../../sp-api/marketplaces';
import { reportTypeProperty } from '../shared/fields';
import { downloadItems, downloadOptions, outputProperties, readDownloadSettings } from '../shared/output';
import { documentIdProperty, readDocumentId } from './fields';

const displayOptions = { show: { resource: ['document'], operation: ['download'] } };

export const description: INodeProperties[] = [
	documentIdProperty(displayOptions),
	{
		...reportTypeProperty(displayOptions, 'Optional: the report type, so ACORN knows the file layout, the file name and typed columns'),
		required: false,
	},
	{
		displayName: 'Marketplace Name or ID',
		name: 'marketplaceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMarketplaces' },
		default: '',
		description: 'Optional: the report\'s marketplace, for the character set when Amazon names none (windows-31j for Japan). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'Empty: the character set Amazon names, else UTF-8 or windows-1252',
		displayOptions,
	},
	...outputProperties(displayOptions),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: downloadOptions },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<INodeExecutionData[]> {
	const reportDocumentId = readDocumentId(this, itemIndex);
	const reportType = String(this.getNodeParameter('reportType', itemIndex, '', { extractValue: true }) ?? '').trim() || undefined;
	const marketplaceValue = String(this.getNodeParameter('marketplaceId', itemIndex, '') ?? '').trim();
	const marketplace = marketplaceValue ? findMarketplace(marketplaceValue) : undefined;
	const settings = readDownloadSettings(this, itemIndex, reportType, marketplace);
	return await downloadItems(this, client, { reportDocumentId, reportType, summary: { reportDocumentId, reportType } }, settings);
}
