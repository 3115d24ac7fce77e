/**
 * How the emulator writes dates in report files. `standard` is what it always wrote (and what most
 * tests expect); `marketplace` spells them the way each marketplace's files do, so the reading code
 * meets every layout through the real pipeline: "2025-03-14 10:00:00 UTC" (US), month-first slashes
 * (CA), day-first slashes (UK, MX, BR, AU, IN), "14.03.2025 10:00:00 UTC" (DE, FR, IT, ES),
 * "2025/03/14 10:00:00 UTC" (JP), and zone names or local offsets in the FBA files (PST/PDT, BST/GMT,
 * CET/CEST, JST, +10:00, +05:30). `unreadableSettlementPeriod` writes the settlement line's period in a
 * form nobody can read, to check what stands in for it.
 *
 * Written by the emulator from these rules, not copied from Amazon's files.
 */
import { DateTime } from 'luxon';
import { findMarketplace } from '../../../../nodes/sp-api/marketplaces';
import { dayMonthYear, isoDay, isoOffset, utcSpaced } from './format';

export type DateSpellingStyle = 'standard' | 'marketplace' | 'unreadableSettlementPeriod';

export interface DateSpelling {
	/** Settlement dates and posting times (UTC with a time). */
	settlementTime(ms: number): string;
	/** Settlement posted-date (a day). */
	settlementDay(ms: number): string;
	/** The older settlement flat file's dates. */
	settlementV1Time(ms: number): string;
	/** The settlement line's start and end (what `unreadableSettlementPeriod` garbles). */
	settlementPeriod(ms: number): string;
	/** FBA reports' instants (returns, reimbursements). */
	fbaTime(ms: number): string;
	/** The seller-fulfilled returns report's days. */
	mfnDay(ms: number): string;
}

export const STANDARD_DATES: DateSpelling = {
	settlementTime: utcSpaced,
	settlementDay: isoDay,
	settlementV1Time: isoOffset,
	settlementPeriod: utcSpaced,
	fbaTime: isoOffset,
	mfnDay: dayMonthYear,
};

function utc(ms: number): DateTime {
	return DateTime.fromMillis(ms, { zone: 'utc' });
}

/** A layout of day and time in UTC, e.g. 'dd.MM.yyyy'. */
function utcWith(dayFormat: string): Pick<DateSpelling, 'settlementTime' | 'settlementDay'> {
	return { settlementTime: (ms) => `${utc(ms).toFormat(`${dayFormat} HH:mm:ss`)} UTC`, settlementDay: (ms) => utc(ms).toFormat(dayFormat) };
}

/** Local time with the zone's short name: 2025-03-14 03:00:00 PDT. */
function named(zone: string, summer: string, winter: string, dayFormat = 'yyyy-MM-dd'): (ms: number) => string {
	return (ms) => {
		const local = DateTime.fromMillis(ms, { zone });
		return `${local.toFormat(`${dayFormat} HH:mm:ss`)} ${local.isInDST ? summer : winter}`;
	};
}

/** Local time with its offset: 2025-03-14T21:00:00+11:00. */
function offset(zone: string): (ms: number) => string {
	return (ms) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

function spelling(countryCode: string): DateSpelling {
	const { timeZone } = findMarketplace(countryCode)!;
	const base = { ...STANDARD_DATES, settlementV1Time: isoOffset };
	switch (countryCode) {
		case 'US':
			return { ...base, fbaTime: named(timeZone, 'PDT', 'PST'), mfnDay: (ms) => utc(ms).toFormat('MM/dd/yyyy') };
		case 'CA': {
			const dates = utcWith('MM/dd/yyyy');
			return { ...base, ...dates, settlementPeriod: dates.settlementTime, settlementV1Time: dates.settlementTime, fbaTime: named('America/Los_Angeles', 'PDT', 'PST'), mfnDay: dates.settlementDay };
		}
		case 'UK': {
			const dates = utcWith('dd/MM/yyyy');
			return { ...base, ...dates, settlementPeriod: dates.settlementTime, settlementV1Time: dates.settlementTime, fbaTime: named(timeZone, 'BST', 'GMT', 'dd/MM/yyyy'), mfnDay: dates.settlementDay };
		}
		case 'DE':
		case 'FR':
		case 'IT':
		case 'ES': {
			const dates = utcWith('dd.MM.yyyy');
			return { ...base, ...dates, settlementPeriod: dates.settlementTime, settlementV1Time: dates.settlementTime, fbaTime: named(timeZone, 'CEST', 'CET', 'dd.MM.yyyy'), mfnDay: dates.settlementDay };
		}
		case 'JP': {
			const dates = utcWith('yyyy/MM/dd');
			return { ...base, ...dates, settlementPeriod: dates.settlementTime, settlementV1Time: dates.settlementTime, fbaTime: named(timeZone, 'JST', 'JST', 'yyyy/MM/dd'), mfnDay: dates.settlementDay };
		}
		case 'MX':
		case 'BR':
		case 'AU':
		case 'IN': {
			const dates = utcWith('dd/MM/yyyy');
			return { ...base, ...dates, settlementPeriod: dates.settlementTime, settlementV1Time: dates.settlementTime, fbaTime: offset(timeZone), mfnDay: dates.settlementDay };
		}
		default:
			return base;
	}
}

/** The spelling of a style for a marketplace (id or country code). */
export function dateSpelling(style: DateSpellingStyle | undefined, marketplace: string | undefined): DateSpelling {
	if (!style || style === 'standard') return STANDARD_DATES;
	const countryCode = findMarketplace(marketplace ?? '')?.countryCode ?? 'US';
	const dates = spelling(countryCode);
	if (style === 'marketplace') return dates;
	return { ...dates, settlementPeriod: (ms) => `week ${utc(ms).weekNumber} of ${utc(ms).year}` };
}
