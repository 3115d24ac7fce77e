import { findMarketplace, MARKETPLACES, type Marketplace } from '../marketplaces';

export interface EventMarketplace {
	id?: string;
	name?: string;
	timeZone?: string;
	currency?: string;
}

/** "Amazon.co.uk" → the UK marketplace; "Non-Amazon" and unknown names → undefined. */
export function marketplaceByName(name: string | undefined): Marketplace | undefined {
	if (!name) return undefined;
	const domain = name.trim().toLowerCase().replace(/^www\./, '');
	return MARKETPLACES.find((m) => m.domain === domain);
}

/**
 * The marketplace of a financial event or transaction: by id when given, else by the "Amazon.de"-style
 * name Amazon puts in v0 events. The name is kept as Amazon wrote it.
 */
export function marketplaceOfEvent(id: string | undefined, name: string | undefined): EventMarketplace {
	const marketplace = (id ? findMarketplace(id) : undefined) ?? marketplaceByName(name);
	if (!marketplace) return { id, name };
	return {
		id: marketplace.id,
		name: name ?? `Amazon.${marketplace.domain.replace(/^amazon\./, '')}`,
		timeZone: marketplace.timeZone,
		currency: marketplace.currency,
	};
}
