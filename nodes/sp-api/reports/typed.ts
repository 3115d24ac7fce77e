/**
 * Optional typed values for known report types: quantities become numbers, dates become ISO-8601
 * (UTC when the text has a time), Y/N and true/false become booleans. Money stays a decimal string
 * (never a floating-point number), only normalised: no thousands separators, a dot as decimal mark.
 * A value that does not parse is left as Amazon wrote it.
 */
import type { ColumnKind } from './reportTypes';

const MONTHS: Record<string, string> = {
	jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

function pad(value: string): string {
	return value.length === 1 ? `0${value}` : value;
}

/** Amazon's date spellings to ISO-8601; undefined when the text is not one of them. */
export function toIsoDate(text: string): string | undefined {
	const value = text.trim();
	if (value === '') return undefined;
	let match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(value);
	if (match) {
		const [, y, mo, d, h, mi, s = '00', , zone] = match;
		const offset = !zone || /^(Z|UTC|GMT)$/i.test(zone) ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
		const parsed = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
		return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().replace(/\.000Z$/, 'Z');
	}
	match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (match) return value;
	// 10-Jul-2025 (returns reports)
	match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(value);
	if (match && MONTHS[match[2].toLowerCase()]) return `${match[3]}-${MONTHS[match[2].toLowerCase()]}-${pad(match[1])}`;
	// 15-05-2021 (VAT transactions report: day first)
	match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
	if (match) return `${match[3]}-${match[2]}-${match[1]}`;
	// 15.05.2021 (European flat files)
	match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
	if (match) return `${match[3]}-${pad(match[2])}-${pad(match[1])}`;
	// 15.05.2021 19:33:11 UTC (European settlement flat files): day first, then the time
	match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})[ T](\d{2}:\d{2}(?::\d{2})?)(.*)$/.exec(value);
	if (match) return toIsoDate(`${match[3]}-${pad(match[2])}-${pad(match[1])}T${match[4]}${match[5]}`);
	return undefined;
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

export function convertValue(kind: ColumnKind, text: string): unknown {
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
		case 'date':
			return toIsoDate(text) ?? text;
		case 'boolean': {
			const value = text.trim().toLowerCase();
			if (value === 'y' || value === 'yes' || value === 'true') return true;
			if (value === 'n' || value === 'no' || value === 'false') return false;
			return text;
		}
	}
}

/** A copy of `values` with the listed columns converted. */
export function typedValues(values: Record<string, unknown>, columns: Readonly<Record<string, ColumnKind>>): Record<string, unknown> {
	const out: Record<string, unknown> = { ...values };
	for (const [column, kind] of Object.entries(columns)) {
		const value = out[column];
		if (typeof value === 'string') out[column] = convertValue(kind, value);
	}
	return out;
}
