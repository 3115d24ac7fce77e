/**
 * "Every store of the credential": the Amazon marketplaces the seller account sells in
 * (getMarketplaceParticipations, participating ones only), limited to the Amazon stores ACORN knows in
 * the credential's region. Participations in non-Amazon marketplaces and in other regions are left out:
 * one credential reaches one region's stores.
 */
import type { SpApiClient } from '../client';
import { findMarketplace, type Marketplace } from '../marketplaces';

export interface Store {
	marketplace: Marketplace;
	/** The store name Amazon keeps for this marketplace, when it has one. */
	storeName?: string;
}

interface Participation {
	marketplace?: { id?: string };
	participation?: { isParticipating?: boolean };
	storeName?: string;
}

export async function storesOfCredential(client: SpApiClient): Promise<Store[]> {
	const response = await client.call<{ payload?: Participation[] }>('getMarketplaceParticipations');
	const stores: Store[] = [];
	for (const participation of response.data?.payload ?? []) {
		if (participation.participation?.isParticipating === false) continue;
		const marketplace = findMarketplace(participation.marketplace?.id ?? '');
		if (!marketplace || marketplace.id !== participation.marketplace?.id || marketplace.region !== client.credentials.region) continue;
		if (stores.some((store) => store.marketplace.id === marketplace.id)) continue;
		stores.push({ marketplace, storeName: participation.storeName || undefined });
	}
	return stores;
}
