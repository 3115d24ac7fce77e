import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText, walletAccountField } from '../shared/fields';
import { flattenBalances } from '../shared/format';
import { tr } from '../../../sp-api/i18n/translate';

const show = { resource: ['account'], operation: ['getBalances'] };

export const description: INodeProperties[] = [marketplaceField(show), walletAccountField(show), optionsField(show)];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const accountId = readText(this, 'accountId', itemIndex, tr`Seller Wallet Account`);
	const options = readOptions(this, itemIndex);
	const response = await callWallet<{ balances?: unknown[] }>(client, 'listAccountBalances', { params: { accountId, marketplaceId: marketplace.id } });
	return [withResponseMetadata(flattenBalances(accountId, response.data.balances), response.metadata, options.includeResponseMetadata === true)];
}
