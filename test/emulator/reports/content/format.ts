/** Text formats of Amazon's report files (amounts with fixed decimals, the date spellings they use). */
import { currencyDigits } from '../../money';
import { hashString } from '../../random';

/** 1490 USD → "14.90", -250 → "-2.50", 2980 JPY → "2980". */
export function amountText(minor: number, currency: string): string {
	const digits = currencyDigits(currency);
	if (digits === 0) return String(minor);
	const sign = minor < 0 ? '-' : '';
	const absolute = Math.abs(minor);
	const scale = 10 ** digits;
	return `${sign}${Math.floor(absolute / scale)}.${String(absolute % scale).padStart(digits, '0')}`;
}

/** 2025-02-03 05:23:19 UTC (settlement V2 dates and posted-date-time). */
export function utcSpaced(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** 2025-02-03T05:23:19+00:00 (ISO with offset, as in FBA reports and getReport answers). */
export function isoOffset(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

export function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 10-Jul-2025 (seller-fulfilled returns flat file). */
export function dayMonthYear(ms: number): string {
	const date = new Date(ms);
	return `${String(date.getUTCDate()).padStart(2, '0')}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()}`;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A stable pseudo-random id derived from `key`: the same record always gets the same id. */
export function stableId(key: string, length: number, alphabet: 'digits' | 'alnum' | 'mixed' = 'alnum'): string {
	const chars = alphabet === 'digits' ? '0123456789' : alphabet === 'alnum' ? ALNUM : MIXED;
	let out = '';
	for (let round = 0; out.length < length; round++) {
		let h = hashString(`${key}|${round}`);
		for (let i = 0; i < 8 && out.length < length; i++) {
			out += chars[h % chars.length];
			h = Math.floor(h / chars.length);
		}
	}
	// ids that are numbers never start with 0
	return alphabet === 'digits' && out[0] === '0' ? `1${out.slice(1)}` : out;
}

export function xmlEscape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Field text safe for a tab-separated file (Amazon files never contain tabs or line breaks in fields). */
export function tsvField(text: string): string {
	return text.replace(/[\t\r\n]+/g, ' ');
}
