import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions } from '../shared/fields';
import { flattenAccount } from '../shared/format';

const show = { resource: ['account'], operation: ['getMany'] };

export const description: INodeProperties[] = [marketplaceField(show), optionsField(show)];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const options = readOptions(this, itemIndex);
	const response = await callWallet<{ accounts?: unknown[] }>(client, 'listAccounts', { params: { marketplaceId: marketplace.id } });
	return (response.data.accounts ?? []).map((account) => withResponseMetadata(flattenAccount(account), response.metadata, options.includeResponseMetadata === true));
}
