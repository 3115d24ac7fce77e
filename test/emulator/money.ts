/**
 * The emulator's own money handling: amounts live as integer minor units (cents, yen) so sums are exact,
 * and become JSON numbers only when an answer is written. Independent of ACORN's nodes/sp-api/money.ts.
 */

const ZERO_DECIMAL_CURRENCIES = new Set(['JPY']);

export function currencyDigits(currency: string): number {
	return ZERO_DECIMAL_CURRENCIES.has(currency) ? 0 : 2;
}

/** Integer minor units → the JSON number Amazon sends (12.99, -3.22, 2980). */
export function minorToAmount(minor: number, currency: string): number {
	if (!Number.isInteger(minor)) throw new RangeError(`minor units must be integers, got ${minor}`);
	const digits = currencyDigits(currency);
	// Dividing an integer by 10^digits yields the double closest to the decimal, which prints exactly.
	const amount = digits === 0 ? minor : minor / 10 ** digits;
	return amount === 0 ? 0 : amount;
}

/** Rounds a fractional minor-unit value to an integer (half away from zero, like a cash register). */
export function roundMinor(value: number): number {
	return Math.sign(value) * Math.round(Math.abs(value));
}

/** Share `part/whole` of an integer amount, rounded; used to prorate tax and fees on partial refunds. */
export function prorate(minor: number, part: number, whole: number): number {
	if (whole === 0) return 0;
	return roundMinor((minor * part) / whole);
}

export interface V0Currency {
	CurrencyCode: string;
	CurrencyAmount: number;
}

export interface CamelCurrency {
	currencyCode: string;
	currencyAmount: number;
}

export function v0Money(minor: number, currency: string): V0Currency {
	return { CurrencyCode: currency, CurrencyAmount: minorToAmount(minor, currency) };
}

export function camelMoney(minor: number, currency: string): CamelCurrency {
	return { currencyCode: currency, currencyAmount: minorToAmount(minor, currency) };
}
