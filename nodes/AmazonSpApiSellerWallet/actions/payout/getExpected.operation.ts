import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { findMarketplace } from '../../../sp-api/marketplaces';
import { limitProperty, marketplacesProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { collectPages } from '../shared/calls';
import { optionsField, readOptions } from '../shared/fields';
import { flattenExpectedPayout } from '../shared/format';

const show = { resource: ['payout'], operation: ['getExpected'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	marketplacesProperty({ displayOptions, hint: 'Empty: payouts of every store', description: 'Amazon stores whose coming payouts to list. Empty means all of them.' }),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsField(show, [
		{ displayName: 'Account Type', name: 'accountType', type: 'string', default: '', placeholder: 'STANDARD_ORDERS', description: 'Only this account type', hint: 'Empty: every account type' },
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplaces = readMarketplaces(this, 'marketplaceIds', itemIndex, client.credentials.region);
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const options = readOptions(this, itemIndex);
	const entries = await collectPages<unknown, { expectedPayouts?: unknown[] }>(
		client,
		'listExpectedPayouts',
		{
			params: {
				marketplaceIds: marketplaces.map((m) => m.id),
				accountType: typeof options.accountType === 'string' && options.accountType.trim() ? options.accountType.trim() : undefined,
			},
		},
		(page) => page.expectedPayouts ?? [],
		limit,
	);
	return entries.map(({ item, page }) => {
		const marketplaceId = (item as { partnerMetadata?: { marketplaceId?: string } }).partnerMetadata?.marketplaceId ?? '';
		return withResponseMetadata(flattenExpectedPayout(item, findMarketplace(marketplaceId)?.timeZone ?? 'UTC'), page.metadata, options.includeResponseMetadata === true);
	});
}
