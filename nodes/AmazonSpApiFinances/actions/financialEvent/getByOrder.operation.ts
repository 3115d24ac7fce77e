import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { assertAmazonOrderId } from '../../../sp-api/finances/postedRange';
import { eventFilterProperties, listFinancialEvents } from './common';

const displayOptions = { show: { resource: ['financialEvent'], operation: ['getByOrder'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'amazonOrderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 111-1234567-1234567',
		description: 'The Amazon order ID',
		displayOptions,
	},
	...eventFilterProperties(displayOptions),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const amazonOrderId = assertAmazonOrderId(String(this.getNodeParameter('amazonOrderId', itemIndex, '')));
	return await listFinancialEvents(this, itemIndex, client, { by: 'order', amazonOrderId });
}
