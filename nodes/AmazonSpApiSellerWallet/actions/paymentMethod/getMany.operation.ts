import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions } from '../shared/fields';
import { flattenPaymentMethod } from '../shared/format';

const show = { resource: ['paymentMethod'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	marketplaceField(show, 'The Amazon store whose payment methods to list.'),
	{
		displayName: 'Types',
		name: 'paymentMethodTypes',
		type: 'multiOptions',
		options: [
			{ name: 'Bank Account', value: 'BANK_ACCOUNT' },
			{ name: 'Card', value: 'CARD' },
			{ name: 'Seller Wallet', value: 'SELLER_WALLET' },
		],
		default: [],
		description: 'Which kinds to list. Empty means all. A Seller Wallet payment method ID is the Seller Wallet account ID.',
		hint: 'Empty: every kind',
		displayOptions: { show },
	},
	optionsField(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const types = this.getNodeParameter('paymentMethodTypes', itemIndex, []) as string[];
	const options = readOptions(this, itemIndex);
	const response = await callWallet<{ paymentMethods?: unknown[] }>(client, 'getPaymentMethods', {
		params: { marketplaceId: marketplace.id, paymentMethodTypes: types },
	});
	return (response.data.paymentMethods ?? []).map((method) => withResponseMetadata(flattenPaymentMethod(method), response.metadata, options.includeResponseMetadata === true));
}
