import { tr } from './i18n/translate';
/**
 * Exact money. Amounts travel as decimal strings with their currency and are added as scaled
 * bigints, so a refund total equals the sum of its parts to the cent (and to the yen).
 */

/** ISO 4217 minor units for the currencies Amazon settles in; others default to 2. */
const CURRENCY_DECIMALS: Readonly<Record<string, number>> = {
	JPY: 0,
	KRW: 0,
	CLP: 0,
	ISK: 0,
	HUF: 2,
	BHD: 3,
	KWD: 3,
	OMR: 3,
	JOD: 3,
	TND: 3,
};

export function currencyDecimals(currency: string): number {
	return CURRENCY_DECIMALS[currency.toUpperCase()] ?? 2;
}

export function isIsoCurrencyCode(value: unknown): value is string {
	return typeof value === 'string' && /^[A-Z]{3}$/.test(value);
}

let activeCurrencies: ReadonlySet<string> | undefined;

/**
 * A currency in use today by ISO 4217 (Node's ICU data, the list `Intl.supportedValuesOf('currency')`
 * gives), not just three capital letters: "CNY" yes, "RMB" or "EU" no. Where the runtime has no such
 * list, any three capital letters pass.
 */
export function isActiveIsoCurrency(value: unknown): value is string {
	if (!isIsoCurrencyCode(value)) return false;
	if (!activeCurrencies) {
		const supportedValuesOf = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
		activeCurrencies = new Set(typeof supportedValuesOf === 'function' ? supportedValuesOf('currency') : []);
	}
	return activeCurrencies.size === 0 || activeCurrencies.has(value);
}

/** A decimal as `units / 10^scale`. */
export interface Decimal {
	readonly units: bigint;
	readonly scale: number;
}

const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function parseDecimal(value: number | string | bigint): Decimal {
	if (typeof value === 'bigint') return { units: value, scale: 0 };
	if (typeof value === 'number' && !Number.isFinite(value)) {
		throw new RangeError(`Not a finite amount: ${value}`);
	}
	// String(number) is the shortest text that round-trips, so 12.34 stays "12.34", not 12.3399999.
	const text = String(value).trim().replace(/,/g, '');
	const match = DECIMAL_PATTERN.exec(text);
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
		throw new RangeError(`Not a decimal amount: "${String(value)}"`);
	}
	const [, sign, whole, fraction = '', exponentText] = match;
	const exponent = exponentText ? Number(exponentText) : 0;
	let digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '') || '0';
	let scale = fraction.length - exponent;
	if (scale < 0) {
		digits += '0'.repeat(-scale);
		scale = 0;
	}
	const units = BigInt(digits) * (sign === '-' ? -1n : 1n);
	return { units, scale };
}

function rescale(d: Decimal, scale: number): bigint {
	if (scale < d.scale) throw new RangeError('rescale would lose digits');
	return d.units * 10n ** BigInt(scale - d.scale);
}

export function addDecimals(...values: Decimal[]): Decimal {
	const scale = Math.max(0, ...values.map((v) => v.scale));
	return { units: values.reduce((sum, v) => sum + rescale(v, scale), 0n), scale };
}

/** `d × factor` exactly, for a whole number of units times a unit price. */
export function multiplyDecimal(d: Decimal, factor: number | bigint): Decimal {
	if (typeof factor === 'number' && !Number.isSafeInteger(factor)) throw new RangeError(`Not a whole number: ${factor}`);
	return { units: d.units * BigInt(factor), scale: d.scale };
}

export function negateDecimal(d: Decimal): Decimal {
	return { units: -d.units, scale: d.scale };
}

export function compareDecimals(a: Decimal, b: Decimal): number {
	const scale = Math.max(a.scale, b.scale);
	const diff = rescale(a, scale) - rescale(b, scale);
	return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

/** Text with at least `minScale` decimals and no trailing zeros beyond it: "-12.30", "1500", "0.125". */
export function formatDecimal(d: Decimal, minScale = 0): string {
	let { units, scale } = d;
	while (scale > minScale && units % 10n === 0n) {
		units /= 10n;
		scale -= 1;
	}
	if (scale < minScale) {
		units *= 10n ** BigInt(minScale - scale);
		scale = minScale;
	}
	const negative = units < 0n;
	const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
	const whole = digits.slice(0, digits.length - scale);
	const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
	return `${negative ? '-' : ''}${whole}${fraction}`;
}

export interface Money {
	/** Decimal string with the currency's decimals, e.g. "-12.30" or "-1500" (JPY). */
	readonly amount: string;
	readonly currency: string;
}

export function money(amount: number | string | Decimal, currency: string): Money {
	const d = typeof amount === 'object' ? amount : parseDecimal(amount);
	return { amount: formatDecimal(d, currencyDecimals(currency)), currency: currency.toUpperCase() };
}

/**
 * An exact amount as a JavaScript number, for spreadsheets: Google Sheets and Excel sum numbers, not
 * text. Only a conversion at the edge of an item; ACORN never adds these numbers (money arithmetic stays
 * on decimals). The number prints as the shortest text that reads back to it ("-12.3" for "-12.30"), and
 * for any amount of at most 15 digits that text is exactly the same decimal.
 */
export function amountAsNumber(amount: string | Money): number {
	return Number(typeof amount === 'string' ? amount : amount.amount);
}

/**
 * How an item gives an amount in its main field (`total`, `refundedAmount`, …): as a number a sheet can
 * sum, or as the exact decimal text nodes saved before gave there. The `…Exact` field is exact text either way.
 */
export type AmountStyle = 'number' | 'text';

export function amountValue(amount: string | Money, style: AmountStyle): number | string {
	const text = typeof amount === 'string' ? amount : amount.amount;
	return style === 'number' ? amountAsNumber(text) : text;
}

/** Minor units (cents, yen) as a safe integer; throws when the amount has sub-minor digits. */
export function toMinorUnits(m: Money): number {
	const d = parseDecimal(m.amount);
	const decimals = currencyDecimals(m.currency);
	if (d.scale > decimals && d.units % 10n ** BigInt(d.scale - decimals) !== 0n) {
		throw new RangeError(`${m.amount} ${m.currency} has more decimals than ${m.currency} allows`);
	}
	const minor = d.scale > decimals ? d.units / 10n ** BigInt(d.scale - decimals) : rescale(d, decimals);
	return Number(minor);
}

export class CurrencyMismatchError extends Error {
	constructor(currencies: readonly string[]) {
		super(tr`Cannot add amounts in different currencies: ${currencies.join(', ')}`);
		this.name = 'CurrencyMismatchError';
	}
}

/** Sums amounts of one currency exactly; `currency` is used when the list is empty. */
export function sumMoney(parts: readonly Money[], currency: string): Money {
	const currencies = [...new Set(parts.map((p) => p.currency.toUpperCase()))];
	if (currencies.some((c) => c !== currency.toUpperCase())) {
		throw new CurrencyMismatchError([currency.toUpperCase(), ...currencies]);
	}
	return money(addDecimals(...parts.map((p) => parseDecimal(p.amount))), currency);
}

/** Totals per currency, for summaries across marketplaces. */
export function totalsByCurrency(parts: readonly Money[]): Money[] {
	const byCurrency = new Map<string, Decimal[]>();
	for (const part of parts) {
		const key = part.currency.toUpperCase();
		const list = byCurrency.get(key) ?? [];
		list.push(parseDecimal(part.amount));
		byCurrency.set(key, list);
	}
	return [...byCurrency.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([currency, values]) => money(addDecimals(...values), currency));
}

/**
 * Reads Amazon's money shapes: v0 `{CurrencyCode, CurrencyAmount}`, 2024-06-19 `{currencyCode,
 * currencyAmount}`, Seller Wallet's `{amount, currency}` example variant, and the notifications'
 * `{Amount, CurrencyCode}` (ANY_OFFER_CHANGED, FEE_PROMOTION) and `{amount, currencyCode}` (PRICING_HEALTH).
 */
export function readAmazonMoney(value: unknown): Money | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const v = value as Record<string, unknown>;
	const currency = v.CurrencyCode ?? v.currencyCode ?? v.currency;
	const amount = v.CurrencyAmount ?? v.currencyAmount ?? v.amount ?? v.Amount;
	if (typeof currency !== 'string' || (typeof amount !== 'number' && typeof amount !== 'string')) {
		return undefined;
	}
	return money(amount, currency);
}
