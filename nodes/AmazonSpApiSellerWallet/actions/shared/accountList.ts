/**
 * "Get Many" of things that belong to one Seller Wallet account (transactions, transfer schedules): the
 * same fields, paging and metadata; only Amazon's operation, its page field and the flattening differ.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { limitProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import type { OperationKey } from '../../../sp-api/operations';
import type { Marketplace } from '../../../sp-api/marketplaces';
import { collectPages } from './calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText, walletAccountField } from './fields';
import { tr } from '../../../sp-api/i18n/translate';

export interface AccountList {
	resource: string;
	operation: OperationKey;
	/** The list in one of Amazon's pages. */
	select: (page: IDataObject) => unknown[] | undefined;
	flatten: (entry: unknown, marketplace: Marketplace) => IDataObject;
}

export function accountListOperation(list: AccountList): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number, client: SpApiClient) => Promise<IDataObject[]>;
} {
	const show = { resource: [list.resource], operation: ['getMany'] };
	const displayOptions = { show };
	return {
		description: [marketplaceField(show), walletAccountField(show), returnAllProperty(displayOptions), limitProperty(displayOptions), optionsField(show)],
		async execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
			const marketplace = readMarketplace(this, itemIndex, client);
			const accountId = readText(this, 'accountId', itemIndex, tr`Seller Wallet Account`);
			const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
			const options = readOptions(this, itemIndex);
			const entries = await collectPages<unknown, IDataObject>(
				client,
				list.operation,
				{ params: { accountId, marketplaceId: marketplace.id } },
				(page) => list.select(page) ?? [],
				limit,
			);
			return entries.map(({ item, page }) =>
				withResponseMetadata(list.flatten(item, marketplace), page.metadata, options.includeResponseMetadata === true),
			);
		},
	};
}
