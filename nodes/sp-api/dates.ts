import { DateTime } from 'luxon';
import { tr, translateText } from './i18n/translate';

/** Finances v0 refuses dates less than two minutes old; stay a little further away. */
export const AMAZON_FRESHNESS_MS = 2 * 60_000 + 5_000;

export class DateInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DateInputError';
	}
}

/**
 * A date from an n8n field: ISO text (with or without offset, read in the workflow's time zone
 * when it has none), a JS Date, a luxon DateTime or epoch milliseconds.
 */
export function parseDateInput(value: unknown, field: string, timeZone = 'UTC'): Date | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: DateTime;
	if (value instanceof Date) parsed = DateTime.fromJSDate(value);
	else if (DateTime.isDateTime(value)) parsed = value;
	else if (typeof value === 'number') parsed = DateTime.fromMillis(value);
	else parsed = DateTime.fromISO(String(value).trim(), { zone: timeZone, setZone: false });
	if (!parsed.isValid) {
		throw new DateInputError(tr`"${String(value)}" in ${translateText(field)} is not a date. Use the date picker or an ISO date such as 2026-01-31T00:00:00Z.`);
	}
	return parsed.toJSDate();
}

export function toUtcIso(date: Date): string {
	return DateTime.fromJSDate(date, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) ?? date.toISOString();
}

/** The same instant as a person in `timeZone` reads it, with its offset (e.g. 2026-03-01T09:00:00+09:00). */
export function toLocalIso(value: string | Date | undefined, timeZone: string): string | undefined {
	if (!value) return undefined;
	const parsed = typeof value === 'string' ? DateTime.fromISO(value, { zone: 'utc' }) : DateTime.fromJSDate(value);
	if (!parsed.isValid) return undefined;
	return parsed.setZone(timeZone).toISO({ suppressMilliseconds: true }) ?? undefined;
}

export interface DateRange {
	start: Date;
	end: Date;
}

/** Consecutive windows of at most `maxDays` covering [start, end): Amazon returns nothing for longer ranges. */
export function splitRange(range: DateRange, maxDays: number): DateRange[] {
	const maxMs = maxDays * 86_400_000;
	const windows: DateRange[] = [];
	for (let from = range.start.getTime(); from < range.end.getTime(); from += maxMs) {
		windows.push({ start: new Date(from), end: new Date(Math.min(from + maxMs, range.end.getTime())) });
	}
	return windows;
}

/** The latest "before" date Amazon accepts right now. */
export function latestAllowedBefore(now: number = Date.now()): Date {
	return new Date(now - AMAZON_FRESHNESS_MS);
}
