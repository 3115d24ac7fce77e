/** Amounts and currencies typed by a person for an invoice, checked exactly before anything is sent. */
import { tr, translateText } from '../../../sp-api/i18n/translate';
import { currencyDecimals, formatDecimal, isActiveIsoCurrency, parseDecimal, type Decimal } from '../../../sp-api/money';
import { InputError } from '../../../sp-api/n8n/nodeErrors';

export function readCurrencyCode(value: unknown, label: string): string {
	const code = String(value ?? '').trim().toUpperCase();
	if (!isActiveIsoCurrency(code)) throw new InputError(tr`"${translateText(label)}" must be a currency code in use (ISO 4217) such as USD, EUR, GBP or JPY; "${code}" is not one.`);
	return code;
}

export interface ExactAmount {
	decimal: Decimal;
	/** With the currency's decimals, e.g. "1234.50" (JPY "1500"). */
	text: string;
}

/**
 * A plain decimal amount (no thousands separators, no sign unless allowed) with at most the currency's
 * decimals; zero only when `allowZero`.
 */
export function readExactAmount(value: unknown, currency: string, label: string, options: { allowZero?: boolean } = {}): ExactAmount {
	const raw = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	if (!/^\d+(\.\d+)?$/.test(raw)) throw new InputError(tr`"${translateText(label)}" must be a plain amount such as 1234.56 (a dot for decimals, no thousands separator); "${raw}" is not.`);
	const decimal = parseDecimal(raw);
	if (decimal.units === 0n && !options.allowZero) throw new InputError(tr`"${translateText(label)}" must be more than zero.`);
	const allowed = currencyDecimals(currency);
	const minimal = formatDecimal(decimal);
	const decimals = minimal.includes('.') ? minimal.split('.')[1].length : 0;
	if (decimals > allowed) throw new InputError(tr`"${translateText(label)}" (${raw}) has ${decimals} decimals, but ${currency} amounts have at most ${allowed}.`);
	return { decimal, text: formatDecimal(decimal, allowed) };
}
