import { tr } from './i18n/translate';
import type { SpApiRegion } from './regions';

/** Charsets Amazon uses for flat-file reports when the download does not say (sp-api-facts.md, "Charsets"). */
export type ReportCharset = 'windows-1252' | 'windows-31j' | 'utf-8';

export interface Marketplace {
	readonly id: string;
	/** ISO 3166 country code; Amazon itself says "UK" for the United Kingdom (GB). */
	readonly countryCode: string;
	readonly country: string;
	readonly domain: string;
	readonly region: SpApiRegion;
	readonly currency: string;
	/** IANA zone used for "local" times a person reads (the marketplace's business day). */
	readonly timeZone: string;
	readonly reportCharset: ReportCharset;
	/** Locale for human-readable texts such as return reasons. */
	readonly locale: string;
}

const marketplace = (
	id: string,
	countryCode: string,
	country: string,
	domain: string,
	region: SpApiRegion,
	currency: string,
	timeZone: string,
	reportCharset: ReportCharset,
	locale: string,
): Marketplace => ({ id, countryCode, country, domain, region, currency, timeZone, reportCharset, locale });

/** Marketplace ids and regions: sp-api-facts.md "Hosts and auth" (Amazon's marketplace id table). */
export const MARKETPLACES: readonly Marketplace[] = [
	marketplace('A2EUQ1WTGCTBG2', 'CA', 'Canada', 'amazon.ca', 'NA', 'CAD', 'America/Toronto', 'windows-1252', 'en_CA'),
	marketplace('ATVPDKIKX0DER', 'US', 'United States', 'amazon.com', 'NA', 'USD', 'America/Los_Angeles', 'windows-1252', 'en_US'),
	marketplace('A1AM78C64UM0Y8', 'MX', 'Mexico', 'amazon.com.mx', 'NA', 'MXN', 'America/Mexico_City', 'windows-1252', 'es_MX'),
	marketplace('A2Q3Y263D00KWC', 'BR', 'Brazil', 'amazon.com.br', 'NA', 'BRL', 'America/Sao_Paulo', 'windows-1252', 'pt_BR'),
	marketplace('A28R8C7NBKEWEA', 'IE', 'Ireland', 'amazon.ie', 'EU', 'EUR', 'Europe/Dublin', 'windows-1252', 'en_IE'),
	marketplace('A1RKKUPIHCS9HS', 'ES', 'Spain', 'amazon.es', 'EU', 'EUR', 'Europe/Madrid', 'windows-1252', 'es_ES'),
	marketplace('A1F83G8C2ARO7P', 'UK', 'United Kingdom', 'amazon.co.uk', 'EU', 'GBP', 'Europe/London', 'windows-1252', 'en_GB'),
	marketplace('A13V1IB3VIYZZH', 'FR', 'France', 'amazon.fr', 'EU', 'EUR', 'Europe/Paris', 'windows-1252', 'fr_FR'),
	marketplace('AMEN7PMS3EDWL', 'BE', 'Belgium', 'amazon.com.be', 'EU', 'EUR', 'Europe/Brussels', 'windows-1252', 'fr_BE'),
	marketplace('A1805IZSGTT6HS', 'NL', 'Netherlands', 'amazon.nl', 'EU', 'EUR', 'Europe/Amsterdam', 'windows-1252', 'nl_NL'),
	marketplace('A1PA6795UKMFR9', 'DE', 'Germany', 'amazon.de', 'EU', 'EUR', 'Europe/Berlin', 'windows-1252', 'de_DE'),
	marketplace('APJ6JRA9NG5V4', 'IT', 'Italy', 'amazon.it', 'EU', 'EUR', 'Europe/Rome', 'windows-1252', 'it_IT'),
	marketplace('A2NODRKZP88ZB9', 'SE', 'Sweden', 'amazon.se', 'EU', 'SEK', 'Europe/Stockholm', 'windows-1252', 'sv_SE'),
	marketplace('AE08WJ6YKNBMC', 'ZA', 'South Africa', 'amazon.co.za', 'EU', 'ZAR', 'Africa/Johannesburg', 'utf-8', 'en_ZA'),
	marketplace('A1C3SOZRARQ6R3', 'PL', 'Poland', 'amazon.pl', 'EU', 'PLN', 'Europe/Warsaw', 'utf-8', 'pl_PL'),
	marketplace('ARBP9OOSHTCHU', 'EG', 'Egypt', 'amazon.eg', 'EU', 'EGP', 'Africa/Cairo', 'utf-8', 'ar_EG'),
	marketplace('A33AVAJ2PDY3EV', 'TR', 'Turkey', 'amazon.com.tr', 'EU', 'TRY', 'Europe/Istanbul', 'utf-8', 'tr_TR'),
	marketplace('A17E79C6D8DWNP', 'SA', 'Saudi Arabia', 'amazon.sa', 'EU', 'SAR', 'Asia/Riyadh', 'utf-8', 'ar_SA'),
	marketplace('A2VIGQ35RCS4UG', 'AE', 'United Arab Emirates', 'amazon.ae', 'EU', 'AED', 'Asia/Dubai', 'utf-8', 'en_AE'),
	marketplace('A21TJRUUN4KGV', 'IN', 'India', 'amazon.in', 'EU', 'INR', 'Asia/Kolkata', 'utf-8', 'en_IN'),
	marketplace('A19VAU5U5O7RUS', 'SG', 'Singapore', 'amazon.sg', 'FE', 'SGD', 'Asia/Singapore', 'utf-8', 'en_SG'),
	marketplace('A39IBJ37TRP1C6', 'AU', 'Australia', 'amazon.com.au', 'FE', 'AUD', 'Australia/Sydney', 'utf-8', 'en_AU'),
	marketplace('A1VC38T7YXB528', 'JP', 'Japan', 'amazon.co.jp', 'FE', 'JPY', 'Asia/Tokyo', 'windows-31j', 'ja_JP'),
];

const BY_ID = new Map(MARKETPLACES.map((m) => [m.id, m]));
const BY_COUNTRY = new Map(MARKETPLACES.map((m) => [m.countryCode, m]));

export function findMarketplace(idOrCountry: string): Marketplace | undefined {
	const key = idOrCountry.trim();
	return BY_ID.get(key) ?? BY_COUNTRY.get(key.toUpperCase() === 'GB' ? 'UK' : key.toUpperCase());
}

export function marketplacesInRegion(region: SpApiRegion): Marketplace[] {
	return MARKETPLACES.filter((m) => m.region === region);
}

/** "Germany (amazon.de, EUR)"; the picker passes the country's name in the editor's language. */
export function marketplaceLabel(m: Marketplace, country = m.country): string {
	return `${country} (${m.domain}, ${m.currency})`;
}

/** Thrown for a marketplace the credential's region cannot reach or an id nobody knows. */
export class MarketplaceSelectionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MarketplaceSelectionError';
	}
}

/**
 * Resolves ids or country codes (`"US"`, `"ATVPDKIKX0DER"`) and refuses marketplaces of another region:
 * Amazon would answer such calls with an unhelpful 400 or 403.
 */
export function resolveMarketplaces(values: readonly string[], region: SpApiRegion): Marketplace[] {
	const resolved: Marketplace[] = [];
	for (const value of values) {
		const found = findMarketplace(value);
		if (!found) {
			throw new MarketplaceSelectionError(
				tr`"${value}" is not an Amazon marketplace ACORN knows. Pick one from the list or use a marketplace ID such as ATVPDKIKX0DER (US).`,
			);
		}
		if (found.region !== region) {
			throw new MarketplaceSelectionError(
				tr`${marketplaceLabel(found)} belongs to the ${found.region} region, but this credential is set to ${region}. Create a separate Amazon SP-API credential for region ${found.region} (Amazon authorises each region separately).`,
			);
		}
		if (!resolved.includes(found)) resolved.push(found);
	}
	return resolved;
}
