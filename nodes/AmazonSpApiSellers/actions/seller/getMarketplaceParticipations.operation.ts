import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { findMarketplace } from '../../../sp-api/marketplaces';
import { optionsProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';

const displayOptions = { show: { resource: ['seller'], operation: ['getMarketplaceParticipations'] } };

export const description: INodeProperties[] = [
	optionsProperty(displayOptions, [
		{
			displayName: 'Only Active Marketplaces',
			name: 'onlyParticipating',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out marketplaces where the account does not participate',
		},
	]),
];

interface Participation {
	marketplace: { id: string; name?: string; countryCode?: string; defaultCurrencyCode?: string; defaultLanguageCode?: string; domainName?: string };
	participation: { isParticipating?: boolean; hasSuspendedListings?: boolean };
	storeName?: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { onlyParticipating?: boolean; includeResponseMetadata?: boolean };
	const response = await client.call<{ payload?: Participation[] }>('getMarketplaceParticipations');
	return (response.data.payload ?? [])
		.filter((p) => !options.onlyParticipating || p.participation?.isParticipating)
		.map((p) => {
			const known = findMarketplace(p.marketplace?.id ?? '');
			return withResponseMetadata(
				{
					marketplaceId: p.marketplace?.id,
					marketplaceName: p.marketplace?.name,
					countryCode: p.marketplace?.countryCode,
					currency: p.marketplace?.defaultCurrencyCode,
					language: p.marketplace?.defaultLanguageCode,
					domain: p.marketplace?.domainName,
					region: known?.region,
					timeZone: known?.timeZone,
					isParticipating: p.participation?.isParticipating,
					hasSuspendedListings: p.participation?.hasSuspendedListings,
					storeName: p.storeName,
				},
				response.metadata,
				options.includeResponseMetadata === true,
			);
		});
}
