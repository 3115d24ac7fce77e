/**
 * The emulator's Seller Wallet exchange rates and fees. Amazon publishes neither, so these are the
 * emulator's own fixed figures, shaped like the model's example (500 EUR → CNY at 7.6915 with a 0.9 %
 * transaction fee and 20 % tax on that fee, deducted from the amount before conversion). All money maths
 * is in integer minor units with BigInt, so every figure is exact and reproducible.
 */
import { currencyDigits } from '../money';

/** Value of one unit in US dollars, × 10^6. Mid rates, frozen so tests are deterministic. */
const USD_VALUE_MICROS: Readonly<Record<string, number>> = {
	USD: 1_000_000,
	EUR: 1_085_000,
	GBP: 1_271_000,
	CAD: 735_000,
	MXN: 58_500,
	JPY: 6_670,
	AUD: 659_000,
	CNY: 141_065,
	HKD: 128_200,
	SGD: 745_000,
	PLN: 252_000,
	SEK: 96_000,
};

export const WALLET_CURRENCIES: readonly string[] = Object.keys(USD_VALUE_MICROS);

export function isWalletCurrency(code: string): boolean {
	return Object.prototype.hasOwnProperty.call(USD_VALUE_MICROS, code);
}

/** 0.9 % of the amount, in per-ten-thousand. */
const TRANSACTION_FEE_BASIS_POINTS = 90n;
/** 20 % tax on the transaction fee. */
const FEE_TAX_PERCENT = 20n;
const RATE_SCALE = 10_000n;

function roundDivide(numerator: bigint, denominator: bigint): bigint {
	const negative = numerator < 0n !== denominator < 0n;
	const n = numerator < 0n ? -numerator : numerator;
	const d = denominator < 0n ? -denominator : denominator;
	const quotient = (n + d / 2n) / d;
	return negative ? -quotient : quotient;
}

/** Market rate source → destination with four decimals, × 10^4 (the model's example shows four). */
export function baseRateScaled(source: string, destination: string): bigint {
	if (source === destination) return RATE_SCALE;
	return roundDivide(BigInt(USD_VALUE_MICROS[source]) * RATE_SCALE, BigInt(USD_VALUE_MICROS[destination]));
}

export interface FeeFigure {
	type: 'TRANSACTION_FEE' | 'TAX';
	/** The fee in percent as Amazon writes it: "0.9", "20.0". */
	rateValue: string;
	minor: number;
}

export interface TransferQuote {
	sourceCurrency: string;
	destinationCurrency: string;
	baseMinor: number;
	/** × 10^4 */
	baseRate: bigint;
	fees: FeeFigure[];
	transferMinor: number;
	/** transferAmount / baseAmount with four decimals, × 10^4 */
	effectiveRate: bigint;
}

/**
 * What a transfer of `baseMinor` costs and delivers. Same-currency transfers are free and 1:1; other
 * currencies pay the transaction fee and its tax in the source currency, then convert what is left.
 */
export function quoteTransfer(sourceCurrency: string, destinationCurrency: string, baseMinor: number): TransferQuote {
	const base = BigInt(baseMinor);
	const rate = baseRateScaled(sourceCurrency, destinationCurrency);
	const fees: FeeFigure[] = [];
	if (sourceCurrency !== destinationCurrency) {
		const fee = roundDivide(base * TRANSACTION_FEE_BASIS_POINTS, 10_000n);
		const tax = roundDivide(fee * FEE_TAX_PERCENT, 100n);
		fees.push({ type: 'TRANSACTION_FEE', rateValue: '0.9', minor: Number(fee) });
		fees.push({ type: 'TAX', rateValue: '20.0', minor: Number(tax) });
	}
	const net = base - fees.reduce((sum, fee) => sum + BigInt(fee.minor), 0n);
	const sourceScale = 10n ** BigInt(currencyDigits(sourceCurrency));
	const destinationScale = 10n ** BigInt(currencyDigits(destinationCurrency));
	const transfer = roundDivide(net * rate * destinationScale, RATE_SCALE * sourceScale);
	const effective = base === 0n ? 0n : roundDivide(transfer * sourceScale * RATE_SCALE, base * destinationScale);
	return {
		sourceCurrency,
		destinationCurrency,
		baseMinor,
		baseRate: rate,
		fees,
		transferMinor: Number(transfer),
		effectiveRate: effective,
	};
}

/** A rate × 10^4 as the JSON number Amazon sends (7.6915). */
export function rateNumber(scaled: bigint): number {
	return Number(scaled) / 10_000;
}

/**
 * Minor units of a JSON amount, or undefined when it is not a positive amount with at most the
 * currency's decimals. Read from the number's shortest decimal text, never by float maths.
 */
export function positiveMinorOf(amount: unknown, currency: string): number | undefined {
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) return undefined;
	const digits = currencyDigits(currency);
	const match = /^(\d+)(?:\.(\d+))?$/.exec(String(amount));
	if (!match) return undefined;
	const fraction = match[2] ?? '';
	if (fraction.length > digits) return undefined;
	const minor = Number(match[1] + fraction.padEnd(digits, '0'));
	return Number.isSafeInteger(minor) && minor > 0 ? minor : undefined;
}
