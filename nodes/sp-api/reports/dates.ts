/**
 * Dates in Amazon's report files, whatever the marketplace: the one place that reads them.
 *
 * Amazon writes the same instant differently per report and marketplace: ISO 8601 with or without an
 * offset (2025-03-14T10:00:00+00:00), "2025-03-14 10:00:00 UTC", "14.03.2025 10:00:00 UTC",
 * "2025/03/14 10:00:00 UTC", slashed dates day first (UK, EU, MX, BR, AU, IN) or month first (US, CA),
 * days without a time, month names (10-Jul-2025, Jul 10, 2025) and zone names (PST, PDT, JST, BST,
 * CET, CEST, …). All become UTC ISO-8601 (2025-03-14T10:00:00Z), or the calendar day when no time is
 * written (2025-03-14; a day has no instant, so it is not moved to UTC).
 *
 * Day/month order of slashed dates is decided once per file (FileDateOrder), never per value: a value
 * whose first part is above 12 settles the file as day-first, one whose second part is above 12 as
 * month-first; without such a value the marketplace's custom decides; without a marketplace the
 * ambiguous values stay unread. A value that cannot be read is never guessed: it stays as written.
 */
import { DateTime } from 'luxon';
import type { Marketplace } from '../marketplaces';
import { tr } from '../i18n/translate';

export type DayOrder = 'dayFirst' | 'monthFirst';

/** How a file's day/month order was decided. */
export type DayOrderBasis =
	/** a value in the file can only be read one way */
	| 'file'
	/** no value settles it: the marketplace's custom */
	| 'marketplace'
	/** values in the file contradict each other: ambiguous values stay unread */
	| 'conflict'
	/** no value settles it and no marketplace is known: ambiguous values stay unread */
	| 'unknown';

export interface DayOrderDecision {
	order?: DayOrder;
	basis: DayOrderBasis;
}

export type DateReading =
	/** `iso`: UTC ISO-8601 when a time is written, else the day (yyyy-mm-dd). */
	| { ok: true; iso: string; hasTime: boolean }
	/** `why`: what keeps the text from being a date, in words. */
	| { ok: false; ambiguous: boolean; why: string };

/** Offsets of the zone names Amazon's files use (minutes east of UTC). "CST" is US Central: Amazon's, not China's. */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
	UTC: 0, GMT: 0, UT: 0, Z: 0, WET: 0,
	PST: -480, PDT: -420, MST: -420, MDT: -360, CST: -360, CDT: -300, EST: -300, EDT: -240, AKST: -540, AKDT: -480, HST: -600,
	BST: 60, WEST: 60, CET: 60, CEST: 120, MEZ: 60, MESZ: 120, EET: 120, EEST: 180, MSK: 180, TRT: 180, SAST: 120, EAT: 180, GST: 240,
	IST: 330, SGT: 480, AWST: 480, JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
	BRT: -180, BRST: -120, ART: -180,
};

/** Month names and abbreviations (English, German, French, Spanish, Italian, Portuguese), lower case, no dot. */
const MONTH_NAMES: Readonly<Record<string, number>> = (() => {
	const names: [number, string[]][] = [
		[1, ['jan', 'january', 'januar', 'janv', 'janvier', 'ene', 'enero', 'gen', 'gennaio', 'janeiro']],
		[2, ['feb', 'february', 'februar', 'févr', 'fevr', 'février', 'febrero', 'febbraio', 'fev', 'fevereiro']],
		[3, ['mar', 'march', 'mär', 'märz', 'mrz', 'mars', 'marzo', 'março', 'marco']],
		[4, ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile']],
		[5, ['may', 'mai', 'mayo', 'mag', 'maggio', 'maio']],
		[6, ['jun', 'june', 'juni', 'juin', 'junio', 'giu', 'giugno', 'junho']],
		[7, ['jul', 'july', 'juli', 'juil', 'juillet', 'julio', 'lug', 'luglio', 'julho']],
		[8, ['aug', 'august', 'août', 'aout', 'ago', 'agosto']],
		[9, ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre', 'setembro']],
		[10, ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre', 'out', 'outubro']],
		[11, ['nov', 'november', 'novembre', 'noviembre', 'novembro']],
		[12, ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'dic', 'diciembre', 'dicembre', 'dezembro']],
	];
	return Object.fromEntries(names.flatMap(([month, list]) => list.map((name) => [name, month])));
})();

/** The day/month order a marketplace's own flat files use for slashed dates; undefined where neither is the custom (Japan writes year first). */
export function marketplaceDayOrder(marketplace: Marketplace | undefined): DayOrder | undefined {
	if (!marketplace) return undefined;
	if (marketplace.countryCode === 'US' || marketplace.countryCode === 'CA') return 'monthFirst';
	if (marketplace.countryCode === 'JP') return undefined;
	return 'dayFirst';
}

interface DateParts {
	year: number;
	/** For slashed dates: the first and second number as written; month and day once the order is known. */
	first: number;
	second: number;
	/** 'ymd' / 'named' / 'dotted' need no order; 'slashed' does. */
	layout: 'ymd' | 'dmy' | 'named' | 'slashed';
	rest: string;
}

const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])/;
const SLASHED = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?![\d])/;
const DAY_NAMED = /^(\d{1,2})[-\s.]+([A-Za-zÀ-ÿ]{3,10})\.?[-\s.,]+(\d{4})(?![\d])/;
const NAMED_DAY = /^([A-Za-zÀ-ÿ]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4})(?![\d])/;

function fullYear(text: string): number {
	return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function monthNumber(name: string): number | undefined {
	return MONTH_NAMES[name.toLowerCase().replace(/\.$/, '')];
}

function dateParts(text: string): DateParts | undefined {
	let match = YEAR_FIRST.exec(text);
	if (match) return { year: Number(match[1]), first: Number(match[2]), second: Number(match[3]), layout: 'ymd', rest: text.slice(match[0].length) };
	match = DOTTED.exec(text);
	// dots: Europe's day.month.year (Amazon never writes month.day.year)
	if (match) return { year: fullYear(match[3]), first: Number(match[2]), second: Number(match[1]), layout: 'dmy', rest: text.slice(match[0].length) };
	match = SLASHED.exec(text);
	if (match) return { year: fullYear(match[3]), first: Number(match[1]), second: Number(match[2]), layout: 'slashed', rest: text.slice(match[0].length) };
	match = DAY_NAMED.exec(text);
	if (match && monthNumber(match[2])) return { year: Number(match[3]), first: monthNumber(match[2])!, second: Number(match[1]), layout: 'named', rest: text.slice(match[0].length) };
	match = NAMED_DAY.exec(text);
	if (match && monthNumber(match[1])) return { year: Number(match[3]), first: monthNumber(match[1])!, second: Number(match[2]), layout: 'named', rest: text.slice(match[0].length) };
	return undefined;
}

const TIME = /^(?:T|\s+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:\s*([AaPp])\.?[Mm]\.?)?/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;
const NAMED_OFFSET = /^(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Minutes east of UTC of a zone text; null when there is none; undefined when it is not a zone. */
function zoneOffset(text: string): number | null | undefined {
	const zone = text.trim();
	if (zone === '') return null;
	if (zone === 'Z' || zone === 'z') return 0;
	let match = OFFSET.exec(zone);
	if (match) return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
	match = NAMED_OFFSET.exec(zone);
	if (match) return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
	const named = ZONE_OFFSETS[zone.toUpperCase()];
	return named === undefined ? undefined : named;
}

function notADate(why: string): DateReading {
	return { ok: false, ambiguous: false, why };
}

function validDay(year: number, month: number, day: number): boolean {
	return month >= 1 && month <= 12 && day >= 1 && day <= DateTime.utc(year, month).daysInMonth!;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export interface ReadDateOptions {
	/** The order of slashed dates, decided for the whole file (FileDateOrder). */
	order?: DayOrder;
	/** IANA zone for a time written without a zone (the marketplace's); default UTC. */
	timeZone?: string;
}

/** One date text of a report file; a slashed date needs `order` unless one part is above 12. */
export function readReportDate(text: string, options: ReadDateOptions = {}): DateReading {
	const value = text.trim().replace(/\s+/g, ' ');
	if (value === '') return notADate(tr`it is empty`);
	const parts = dateParts(value);
	if (!parts) return notADate(tr`it is not a date Amazon writes`);
	let month: number;
	let day: number;
	if (parts.layout === 'slashed') {
		const order = options.order ?? (parts.first > 12 ? 'dayFirst' : parts.second > 12 ? 'monthFirst' : undefined);
		if (!order) return { ok: false, ambiguous: true, why: tr`its day and month could be either way round and nothing in the file says which` };
		[month, day] = order === 'dayFirst' ? [parts.second, parts.first] : [parts.first, parts.second];
		if (!validDay(parts.year, month, day)) {
			return notADate(options.order ? tr`it does not fit the ${order === 'dayFirst' ? tr`day/month` : tr`month/day`} order of the other dates in the file` : tr`it is not a calendar day`);
		}
	} else {
		[month, day] = [parts.first, parts.second];
		if (!validDay(parts.year, month, day)) return notADate(tr`it is not a calendar day`);
	}
	const dayIso = `${pad(parts.year, 4)}-${pad(month)}-${pad(day)}`;
	const timeMatch = TIME.exec(parts.rest);
	if (!timeMatch) {
		// a day alone; a zone after a day changes nothing a person could check
		return parts.rest.trim() === '' || zoneOffset(parts.rest) !== undefined ? { ok: true, iso: dayIso, hasTime: false } : notADate(tr`it has text after the date`);
	}
	let hour = Number(timeMatch[1]);
	const minute = Number(timeMatch[2]);
	const second = Number(timeMatch[3] ?? 0);
	const millis = timeMatch[4] ? Math.round(Number(`0${timeMatch[4]}`) * 1000) : 0;
	const meridiem = timeMatch[5]?.toUpperCase();
	if (meridiem) {
		if (hour < 1 || hour > 12) return notADate(tr`its hour does not fit AM/PM`);
		hour = (hour % 12) + (meridiem === 'P' ? 12 : 0);
	}
	if (hour > 23 || minute > 59 || second > 60) return notADate(tr`its time is not a time of day`);
	const offset = zoneOffset(parts.rest.slice(timeMatch[0].length));
	if (offset === undefined) return notADate(tr`its time zone is not one ACORN knows`);
	const local = { year: parts.year, month, day, hour, minute, second: Math.min(second, 59), millisecond: millis };
	const instant =
		offset === null
			? DateTime.fromObject(local, { zone: options.timeZone ?? 'UTC' })
			: DateTime.fromObject(local, { zone: 'UTC' }).minus({ minutes: offset });
	if (!instant.isValid) return notADate(tr`it is not a valid time`);
	return { ok: true, iso: instant.toUTC().toISO({ suppressMilliseconds: true })!, hasTime: true };
}

/** Which way round a slashed date is, when its own numbers tell; undefined for other texts and ambiguous ones. */
function evidenceOf(text: string): DayOrder | 'ambiguous' | undefined {
	const match = SLASHED.exec(text.trim());
	if (!match) return undefined;
	const first = Number(match[1]);
	const second = Number(match[2]);
	if (first > 12 && second <= 12) return 'dayFirst';
	if (second > 12 && first <= 12) return 'monthFirst';
	return first <= 12 && second <= 12 ? 'ambiguous' : undefined;
}

/**
 * The day/month order of one report file. Every date text of the file is shown to `observe`; the
 * order is fixed by `freeze` (at the latest when reading ends), after which it never changes. Before
 * that, only dates that read the same either way may be read.
 */
export class FileDateOrder {
	private dayFirst = 0;
	private monthFirst = 0;
	private ambiguous = 0;
	private frozen?: DayOrderDecision;

	constructor(private readonly marketplace?: Marketplace) {}

	observe(text: string): void {
		if (this.frozen || !text) return;
		const evidence = evidenceOf(text);
		if (evidence === 'dayFirst') this.dayFirst += 1;
		else if (evidence === 'monthFirst') this.monthFirst += 1;
		else if (evidence === 'ambiguous') this.ambiguous += 1;
	}

	/** The file itself has settled the order (or contradicted itself): no need to wait for more. */
	get settledByFile(): boolean {
		return this.dayFirst > 0 || this.monthFirst > 0;
	}

	/** A date was seen that cannot be read before the order is fixed. */
	get waiting(): boolean {
		return !this.frozen && this.ambiguous > 0;
	}

	get isFrozen(): boolean {
		return this.frozen !== undefined;
	}

	/** What decides the order now: the file's own dates, else the marketplace. */
	decision(): DayOrderDecision {
		if (this.frozen) return this.frozen;
		if (this.dayFirst > 0 && this.monthFirst > 0) return { basis: 'conflict' };
		if (this.dayFirst > 0) return { order: 'dayFirst', basis: 'file' };
		if (this.monthFirst > 0) return { order: 'monthFirst', basis: 'file' };
		const order = marketplaceDayOrder(this.marketplace);
		return order ? { order, basis: 'marketplace' } : { basis: 'unknown' };
	}

	/** Fixes the order for the rest of the file. */
	freeze(): DayOrderDecision {
		this.frozen ??= this.decision();
		return this.frozen;
	}

	/** Whether any slashed date needed the decision (for summaries: say how it was decided only then). */
	get neededDecision(): boolean {
		return this.ambiguous > 0 || this.dayFirst > 0 || this.monthFirst > 0;
	}

	read(text: string): DateReading {
		return readReportDate(text, { order: this.frozen?.order, timeZone: this.marketplace?.timeZone });
	}
}

/** The instant in the marketplace's time, as a person there reads it (2025-03-14T19:00:00+09:00); a day stays the day. */
export function localDate(reading: Extract<DateReading, { ok: true }>, timeZone: string | undefined): string {
	if (!reading.hasTime || !timeZone) return reading.iso;
	return DateTime.fromISO(reading.iso, { zone: 'utc' }).setZone(timeZone).toISO({ suppressMilliseconds: true }) ?? reading.iso;
}

/** Items held back while the file's day/month order is open; more than this and the order is fixed without them. */
export const DATE_ORDER_LOOKAHEAD = 10_000;

/**
 * Passes batches on, holding them back only while a date that needs the file's day/month order has
 * been seen and the file has not settled it yet; then (or after DATE_ORDER_LOOKAHEAD items, or at the
 * end) the order is fixed and the held items follow. `datesOf` gives the date texts of an item.
 */
export async function* withFileDateOrder<T>(
	batches: AsyncIterable<T[]>,
	order: FileDateOrder,
	datesOf: (item: T) => Iterable<string>,
	lookahead = DATE_ORDER_LOOKAHEAD,
): AsyncGenerator<T[]> {
	let held: T[] = [];
	for await (const batch of batches) {
		if (order.isFrozen) {
			yield batch;
			continue;
		}
		for (const item of batch) for (const text of datesOf(item)) order.observe(text);
		if (order.settledByFile) order.freeze();
		if (!order.waiting && !order.isFrozen) {
			yield batch;
			continue;
		}
		for (const item of batch) held.push(item);
		if (order.isFrozen || held.length >= lookahead) {
			order.freeze();
			const out = held;
			held = [];
			yield out;
		}
	}
	if (order.waiting) order.freeze();
	if (held.length > 0) yield held;
}
