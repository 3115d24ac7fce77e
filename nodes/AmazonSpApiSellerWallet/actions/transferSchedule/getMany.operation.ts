import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { limitProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { collectPages } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText, walletAccountField } from '../shared/fields';
import { flattenSchedule } from '../shared/format';

const show = { resource: ['transferSchedule'], operation: ['getMany'] };
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
	const entries = await collectPages<unknown, { transferSchedules?: unknown[] }>(
		client,
		'listTransferSchedules',
		{ params: { accountId, marketplaceId: marketplace.id } },
		(page) => page.transferSchedules ?? [],
		limit,
	);
	return entries.map(({ item, page }) => withResponseMetadata(flattenSchedule(item), page.metadata, options.includeResponseMetadata === true));
}
