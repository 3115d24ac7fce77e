import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText } from '../shared/fields';
import { flattenTransaction } from '../shared/format';

const show = { resource: ['transaction'], operation: ['get'] };

export const description: INodeProperties[] = [
	marketplaceField(show),
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'amzn.transaction.…',
		description: 'The ID Amazon gave the transfer (from Create or Get Many)',
		displayOptions: { show },
	},
	optionsField(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const transactionId = readText(this, 'transactionId', itemIndex, 'Transaction ID');
	const options = readOptions(this, itemIndex);
	const response = await callWallet(client, 'sellerWallet.getTransaction', { params: { transactionId, marketplaceId: marketplace.id } });
	return [withResponseMetadata(flattenTransaction(response.data, marketplace.timeZone), response.metadata, options.includeResponseMetadata === true)];
}
