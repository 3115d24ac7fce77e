/**
 * Optional typed values for known report types: quantities become numbers, dates become ISO-8601
 * (UTC when the text has a time; read by the reports core's date module, the day/month order decided
 * for the whole file), Y/N and true/false become booleans. Money stays a decimal string
 * (never a floating-point number), only normalised: no thousands separators, a dot as decimal mark.
 * A value that does not parse is left as Amazon wrote it.
 */
import { localDate, readReportDate, type FileDateOrder } from './dates';
import type { ColumnKind } from './reportTypes';
import type { ReportRow } from './types';
import { tr } from '../i18n/translate';

/** A date of a report file as UTC ISO-8601 (or the day), when it reads one way only; undefined otherwise. Files go through FileDateOrder. */
export function toIsoDate(text: string): string | undefined {
	const reading = readReportDate(text);
	return reading.ok ? reading.iso : undefined;
}

/** "1.234,56" / "1,234.56" / "-4,49" / "12" → "1234.56" / "1234.56" / "-4.49" / "12"; undefined if not a number. */
export function normaliseDecimal(text: string): string | undefined {
	let value = text.trim().replace(/\s/g, '');
	if (!/^[+-]?[\d.,]+$/.test(value) || !/\d/.test(value)) return undefined;
	const lastDot = value.lastIndexOf('.');
	const lastComma = value.lastIndexOf(',');
	if (lastDot >= 0 && lastComma >= 0) {
		const decimal = lastDot > lastComma ? '.' : ',';
		const thousands = decimal === '.' ? ',' : '.';
		value = value.split(thousands).join('').replace(decimal, '.');
	} else if (lastComma >= 0) {
		// a single comma followed by exactly three digits is ambiguous; Amazon's amounts have two decimals
		const parts = value.split(',');
		value = parts.length === 2 && parts[1].length !== 3 ? `${parts[0]}.${parts[1]}` : parts.join('');
	}
	if (!/^[+-]?\d*\.?\d+$/.test(value)) return undefined;
	return value.replace(/^\+/, '');
}

export function convertValue(kind: ColumnKind, text: string, dates?: FileDateOrder): unknown {
	if (text.trim() === '') return text;
	switch (kind) {
		case 'integer': {
			const value = normaliseDecimal(text);
			return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : text;
		}
		case 'number': {
			const value = normaliseDecimal(text);
			return value !== undefined ? Number(value) : text;
		}
		case 'money':
			return normaliseDecimal(text) ?? text;
		case 'date': {
			const reading = dates ? dates.read(text) : readReportDate(text);
			return reading.ok ? reading.iso : text;
		}
		case 'boolean': {
			const value = text.trim().toLowerCase();
			if (value === 'y' || value === 'yes' || value === 'true') return true;
			if (value === 'n' || value === 'no' || value === 'false') return false;
			return text;
		}
	}
}

/** A copy of `values` with the listed columns converted (dates without a file's order: only those that read one way). */
export function typedValues(values: Record<string, unknown>, columns: Readonly<Record<string, ColumnKind>>): Record<string, unknown> {
	const out: Record<string, unknown> = { ...values };
	for (const [column, kind] of Object.entries(columns)) {
		const value = out[column];
		if (typeof value === 'string') out[column] = convertValue(kind, value);
	}
	return out;
}

/** The column that carries a date's local time: posted-date-time → posted-date-time-local, "Order date" → "Order date (local)". */
export function localColumnName(column: string): string {
	return /^[a-z0-9]+(-[a-z0-9]+)+$/i.test(column) ? `${column}-local` : `${column} (local)`;
}

/**
 * A row with the listed columns converted; dates read with the file's day/month order. A date with a
 * time gets a second column with the marketplace's local time; one that cannot be read keeps its
 * text and is named in `dateProblems`.
 */
export function typedRow(row: ReportRow, columns: Readonly<Record<string, ColumnKind>>, dates: FileDateOrder, timeZone: string | undefined): ReportRow {
	const values: Record<string, unknown> = { ...row.values };
	let problems: Record<string, string> | undefined;
	for (const [column, kind] of Object.entries(columns)) {
		const value = values[column];
		if (typeof value !== 'string') continue;
		if (kind !== 'date') {
			values[column] = convertValue(kind, value);
			continue;
		}
		if (value.trim() === '') continue;
		const reading = dates.read(value);
		if (!reading.ok) {
			(problems ??= {})[column] = tr`"${value}" is not read as a date: ${reading.why}`;
			continue;
		}
		values[column] = reading.iso;
		if (reading.hasTime && timeZone) values[localColumnName(column)] = localDate(reading, timeZone);
	}
	const typed: ReportRow = { ...row, values };
	if (problems) typed.dateProblems = problems;
	return typed;
}
