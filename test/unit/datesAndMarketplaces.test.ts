import { latestAllowedBefore, parseDateInput, splitRange, toLocalIso, toUtcIso, AMAZON_FRESHNESS_MS } from '../../nodes/sp-api/dates';
import { findMarketplace, MarketplaceSelectionError, marketplacesInRegion, MARKETPLACES, resolveMarketplaces } from '../../nodes/sp-api/marketplaces';
import { REGIONS } from '../../nodes/sp-api/regions';

describe('dates', () => {
	it('reads n8n date fields in the workflow time zone when they carry no offset', () => {
		expect(toUtcIso(parseDateInput('2026-03-01T09:00:00', 'x', 'Asia/Tokyo')!)).toBe('2026-03-01T00:00:00Z');
		expect(toUtcIso(parseDateInput('2026-03-01T09:00:00Z', 'x', 'Asia/Tokyo')!)).toBe('2026-03-01T09:00:00Z');
		expect(parseDateInput('', 'x')).toBeUndefined();
		expect(() => parseDateInput('yesterday-ish', 'Start')).toThrow(/Start/);
	});

	it('shows marketplace-local time with its offset', () => {
		expect(toLocalIso('2026-07-01T12:00:00Z', 'America/Los_Angeles')).toBe('2026-07-01T05:00:00-07:00');
		expect(toLocalIso('2026-07-01T12:00:00Z', 'Asia/Tokyo')).toBe('2026-07-01T21:00:00+09:00');
	});

	it('splits long ranges into windows Amazon accepts', () => {
		const windows = splitRange({ start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-12-31T00:00:00Z') }, 180);
		expect(windows).toHaveLength(3);
		expect(windows[0].end).toEqual(windows[1].start);
		expect(windows.at(-1)!.end).toEqual(new Date('2026-12-31T00:00:00Z'));
		expect(windows.every((w) => w.end.getTime() - w.start.getTime() <= 180 * 86_400_000)).toBe(true);
	});

	it('keeps "before" dates more than two minutes in the past', () => {
		expect(latestAllowedBefore(1_000_000_000).getTime()).toBe(1_000_000_000 - AMAZON_FRESHNESS_MS);
		expect(AMAZON_FRESHNESS_MS).toBeGreaterThan(120_000);
	});
});

describe('marketplaces', () => {
	it('lists every marketplace of the facts table once, each with currency, zone and charset', () => {
		expect(MARKETPLACES).toHaveLength(23);
		expect(new Set(MARKETPLACES.map((m) => m.id)).size).toBe(23);
		expect(marketplacesInRegion('FE').map((m) => m.countryCode).sort()).toEqual(['AU', 'JP', 'SG']);
		expect(findMarketplace('JP')).toMatchObject({ id: 'A1VC38T7YXB528', currency: 'JPY', timeZone: 'Asia/Tokyo', reportCharset: 'windows-31j' });
		expect(findMarketplace('GB')?.countryCode).toBe('UK');
		expect(findMarketplace('A1PA6795UKMFR9')?.reportCharset).toBe('windows-1252');
		for (const m of MARKETPLACES) expect(REGIONS[m.region]).toBeDefined();
	});

	it('refuses a marketplace from another region with a plain explanation', () => {
		expect(resolveMarketplaces(['US', 'ATVPDKIKX0DER', 'CA'], 'NA').map((m) => m.countryCode)).toEqual(['US', 'CA']);
		expect(() => resolveMarketplaces(['DE'], 'NA')).toThrow(MarketplaceSelectionError);
		expect(() => resolveMarketplaces(['DE'], 'NA')).toThrow(/EU region.*credential is set to NA/);
		expect(() => resolveMarketplaces(['XX'], 'NA')).toThrow(/not an Amazon marketplace/);
	});
});
