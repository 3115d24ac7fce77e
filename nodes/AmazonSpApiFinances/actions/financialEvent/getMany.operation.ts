import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { marketplacesProperty } from '../../../sp-api/n8n/commonProperties';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { postedRangeProperties, readPostedRange } from '../../../sp-api/n8n/postedRangeProperties';
import { eventFilterProperties, listFinancialEvents } from './common';

const displayOptions = { show: { resource: ['financialEvent'], operation: ['getMany'] } };
const DEFAULT_LOOKBACK_DAYS = 1;

export const description: INodeProperties[] = [
	...postedRangeProperties(displayOptions, DEFAULT_LOOKBACK_DAYS),
	marketplacesProperty({
		displayOptions,
		description:
			'Only events of these Amazon stores. Empty means every store of the credential’s region. Account events without a store (service fees, reimbursements) are kept when their currency matches.',
	}),
	...eventFilterProperties(displayOptions),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplaces = readMarketplaces(this, 'marketplaceIds', itemIndex, client.credentials.region);
	const range = readPostedRange(this, itemIndex, DEFAULT_LOOKBACK_DAYS);
	return await listFinancialEvents(this, itemIndex, client, { by: 'range', range }, marketplaces);
}
