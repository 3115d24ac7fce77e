/** Sellers v1: marketplace participations and the account. */
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import { marketplaceName } from '../format/v0';
import type { SellerFixture } from '../types';
import { sellerOf, type RouteHandler, type RouteTable } from './types';

function participation(seller: SellerFixture, marketplaceId: string, isParticipating: boolean) {
	const marketplace = findMarketplace(marketplaceId);
	if (!marketplace) throw new Error(`unknown marketplace ${marketplaceId}`);
	return {
		marketplace: {
			id: marketplace.id,
			name: marketplaceName(marketplace.id),
			// The sellers API uses ISO 3166 here: GB, not Amazon's usual "UK".
			countryCode: marketplace.countryCode === 'UK' ? 'GB' : marketplace.countryCode,
			defaultCurrencyCode: marketplace.currency,
			defaultLanguageCode: marketplace.locale,
			domainName: `www.${marketplace.domain}`,
		},
		participation: { isParticipating, hasSuspendedListings: false },
		storeName: seller.storeName,
	};
}

/** One entry per marketplace of the seller. */
function participations(seller: SellerFixture) {
	return seller.marketplaceIds.map((id) => participation(seller, id, true));
}

const ADDRESSES = {
	NA: { addressLine1: '100 Acorn Way', city: 'Seattle', stateOrProvinceCode: 'WA', postalCode: '98109', countryCode: 'US' },
	EU: { addressLine1: 'Eichelstraße 12', city: 'München', postalCode: '80331', countryCode: 'DE' },
	FE: { addressLine1: '1-2-3 Donguri-chō', city: 'Tokyo', postalCode: '100-0001', countryCode: 'JP' },
};

const getMarketplaceParticipations: RouteHandler = (request) => ({
	status: 200,
	body: { payload: participations(sellerOf(request)) },
});

const getAccount: RouteHandler = (request) => {
	const seller = sellerOf(request);
	const address = ADDRESSES[seller.region];
	const business: Record<string, unknown> = {
		name: `${seller.storeName} Ltd.`,
		registeredBusinessAddress: address,
		companyRegistrationNumber: `EMU-${seller.sellerId.slice(-6)}`,
	};
	if (seller.region === 'FE') business.nonLatinName = 'どんぐり商店株式会社';
	return {
		status: 200,
		body: {
			payload: {
				marketplaceParticipationList: participations(seller),
				businessType: 'PRIVATE_LIMITED',
				sellingPlan: 'PROFESSIONAL',
				business,
				primaryContact: { name: 'Alex Acorn', address },
			},
		},
	};
};

export const sellersRoutes: RouteTable = {
	getMarketplaceParticipations,
	'sellers.getAccount': getAccount,
};
