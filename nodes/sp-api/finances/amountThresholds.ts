/**
 * "Flag refunds above an amount per currency": the refunded total of a refund line (its `total` without
 * the sign) compared exactly with the seller's amount for that currency, as decimals, never as
 * floating-point numbers. The result is a plain true/false an n8n If node can branch on safely.
 */
import { compareDecimals, formatDecimal, isIsoCurrencyCode, negateDecimal, parseDecimal, type Decimal } from '../money';
import { tr } from '../i18n/translate';

export interface AmountThresholds {
	byCurrency: Map<string, Decimal>;
	/** A refund in a currency without an amount: flagged (safe default) or not. */
	unlisted: 'flag' | 'pass';
}

export class ThresholdError extends Error {}

/** The fixedCollection entries `{ currency, amount }` as thresholds; bad entries are named. */
export function readAmountThresholds(entries: ReadonlyArray<{ currency?: unknown; amount?: unknown }>, unlisted: unknown): AmountThresholds {
	const byCurrency = new Map<string, Decimal>();
	for (const entry of entries) {
		const currency = String(entry.currency ?? '').trim().toUpperCase();
		const amountText = String(entry.amount ?? '').trim();
		if (currency === '' && amountText === '') continue;
		if (!isIsoCurrencyCode(currency)) throw new ThresholdError(tr`"${currency}" is not a currency code: use three capital letters such as USD, EUR or JPY.`);
		let amount: Decimal;
		try {
			amount = parseDecimal(amountText);
		} catch {
			throw new ThresholdError(tr`The threshold for ${currency} must be an amount such as 100.00, not "${amountText}".`);
		}
		if (amount.units < 0n) throw new ThresholdError(tr`The threshold for ${currency} must not be negative.`);
		if (byCurrency.has(currency)) throw new ThresholdError(tr`${currency} has two thresholds: keep one.`);
		byCurrency.set(currency, amount);
	}
	return { byCurrency, unlisted: unlisted === 'pass' ? 'pass' : 'flag' };
}

function absolute(d: Decimal): Decimal {
	return d.units < 0n ? negateDecimal(d) : d;
}

/** The fields added to a refund item: refundedAmount (unsigned), threshold (or null) and aboveThreshold. */
export function thresholdFields(total: string, currency: string, thresholds: AmountThresholds): { refundedAmount: string; threshold: string | null; aboveThreshold: boolean } {
	const refunded = absolute(parseDecimal(total));
	const threshold = thresholds.byCurrency.get(currency.toUpperCase());
	const refundedAmount = formatDecimal(refunded, Math.max(0, parseDecimal(total).scale));
	if (!threshold) return { refundedAmount, threshold: null, aboveThreshold: thresholds.unlisted === 'flag' };
	return { refundedAmount, threshold: formatDecimal(threshold), aboveThreshold: compareDecimals(refunded, threshold) > 0 };
}
