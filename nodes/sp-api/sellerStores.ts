/**
 * The stores this seller sells in, from Amazon's getMarketplaceParticipations. Used where an empty
 * marketplace field means "every store" but Amazon needs the stores named (a report request, one returns
 * report per store): Amazon refuses a marketplace the seller does not sell in, so "every marketplace of the
 * region" would fail. Read once per client (one execution): the call's usage plan is slow (one per minute).
 */
import type { SpApiClient } from './client';
import { findMarketplace, type Marketplace } from './marketplaces';
import { InputError } from './n8n/nodeErrors';
import { tr } from './i18n/translate';

export interface Participation {
	marketplace?: { id?: string; countryCode?: string; name?: string; domainName?: string };
	participation?: { isParticipating?: boolean };
	storeName?: string;
}

export interface SellerStores {
	/** Stores the seller participates in, known to ACORN, every region. */
	marketplaces: Marketplace[];
	/** Every store the seller participates in, as a person names it ("amazon.com"), known to ACORN or not. */
	domains: string[];
	storeName?: string;
}

/** What the participations say: the stores the seller takes part in (Amazon's order) and the store name. */
export function readParticipations(payload: readonly Participation[] | undefined): SellerStores {
	const active = (payload ?? []).filter((entry) => entry.participation?.isParticipating !== false);
	const marketplaces: Marketplace[] = [];
	const domains: string[] = [];
	for (const entry of active) {
		const known = findMarketplace(entry.marketplace?.id ?? '');
		if (known && !marketplaces.includes(known)) marketplaces.push(known);
		const domain = known?.domain ?? entry.marketplace?.domainName?.replace(/^www\./, '') ?? entry.marketplace?.countryCode ?? entry.marketplace?.id;
		if (domain && !domains.includes(domain)) domains.push(domain);
	}
	return { marketplaces, domains, storeName: active.find((entry) => entry.storeName)?.storeName };
}

const cache = new WeakMap<SpApiClient, Promise<SellerStores>>();

export async function sellerStores(client: SpApiClient): Promise<SellerStores> {
	let pending = cache.get(client);
	if (!pending) {
		pending = client.call<{ payload?: Participation[] }>('getMarketplaceParticipations').then((response) => readParticipations(response.data.payload));
		// a failure is not kept: the next item (or run) may ask again
		pending.catch(() => cache.delete(client));
		cache.set(client, pending);
	}
	return await pending;
}

/** The chosen stores, or — when none was chosen — every store the seller sells in within the credential's region. */
export async function chosenOrEveryStore(client: SpApiClient, chosen: readonly Marketplace[]): Promise<Marketplace[]> {
	if (chosen.length > 0) return [...chosen];
	const { region } = client.credentials;
	const stores = (await sellerStores(client)).marketplaces.filter((marketplace) => marketplace.region === region);
	if (stores.length === 0) {
		throw new InputError(tr`Amazon lists no store this seller sells in within region ${region}, so "every store" means none. Pick the marketplaces, or check the credential's Region.`);
	}
	return stores;
}
