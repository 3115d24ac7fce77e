import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { limitProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { collectPages } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText, walletAccountField } from '../shared/fields';
import { flattenTransaction } from '../shared/format';

const show = { resource: ['transaction'], operation: ['getMany'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	marketplaceField(show),
	walletAccountField(show),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsField(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const accountId = readText(this, 'accountId', itemIndex, 'Seller Wallet Account');
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const options = readOptions(this, itemIndex);
	// newest first, 100 a page; Amazon may send empty pages that still carry a nextPageToken
	const entries = await collectPages<unknown, { transactions?: unknown[] }>(
		client,
		'listAccountTransactions',
		{ params: { accountId, marketplaceId: marketplace.id } },
		(page) => page.transactions ?? [],
		limit,
	);
	return entries.map(({ item, page }) => withResponseMetadata(flattenTransaction(item, marketplace.timeZone), page.metadata, options.includeResponseMetadata === true));
}
