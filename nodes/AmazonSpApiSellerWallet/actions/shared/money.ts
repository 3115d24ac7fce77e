/** Amounts and currencies typed by a person, checked before anything is sent to Amazon. */
import type { IDataObject } from 'n8n-workflow';
import { currencyDecimals, formatDecimal, isActiveIsoCurrency, money, parseDecimal, type Decimal, type Money } from '../../../sp-api/money';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { tr, translateText } from '../../../sp-api/i18n/translate';

/** Amounts travel to Amazon as JSON numbers; beyond this they would no longer be exact. */
const MAX_UNITS = 10n ** 14n;

export function readCurrency(value: unknown, label: string): string {
	const code = String(value ?? '').trim().toUpperCase();
	if (!code) throw new InputError(tr`"${translateText(label)}" is empty: give a currency code such as EUR, USD, GBP or CNY.`);
	if (!isActiveIsoCurrency(code)) {
		throw new InputError(tr`"${translateText(label)}" must be a currency code in use (ISO 4217) such as EUR, USD, GBP, JPY or CNY; "${code}" is not one.`);
	}
	return code;
}

export interface CheckedAmount {
	/** Exact decimal text with the currency's decimals, e.g. "1234.50". */
	text: string;
	/** The JSON number sent to Amazon; exact because the text has at most 15 significant digits. */
	value: number;
	currency: string;
}

/** The decimal in `text`, or undefined when it is not a plain number. */
export function decimalOrUndefined(text: string): Decimal | undefined {
	try {
		return parseDecimal(text);
	} catch {
		return undefined;
	}
}

/** A positive amount with no more decimals than the currency has (JPY none, EUR two, KWD three). */
export function readAmount(value: unknown, currency: string, label: string): CheckedAmount {
	const raw = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	if (!raw) throw new InputError(tr`"${translateText(label)}" is empty: give an amount such as 1234.56.`);
	const parsed = decimalOrUndefined(raw);
	if (!parsed) throw new InputError(tr`"${translateText(label)}" must be a plain amount such as 1234.56; "${raw}" is not.`);
	if (parsed.units <= 0n) throw new InputError(tr`"${translateText(label)}" must be more than zero; "${raw}" is not.`);
	const minimal = formatDecimal(parsed);
	const decimals = minimal.includes('.') ? minimal.split('.')[1].length : 0;
	const allowed = currencyDecimals(currency);
	if (decimals > allowed) {
		const field = translateText(label);
		throw new InputError(
			allowed > 0
				? tr`"${field}" has ${decimals} decimals, but ${currency} amounts have at most ${allowed}: "${raw}" cannot be sent.`
				: decimals === 1
					? tr`"${field}" has 1 decimal, but ${currency} amounts have none: "${raw}" cannot be sent.`
					: tr`"${field}" has ${decimals} decimals, but ${currency} amounts have none: "${raw}" cannot be sent.`,
		);
	}
	const exact = money(parsed, currency);
	if (parseDecimal(exact.amount).units >= MAX_UNITS * 10n ** BigInt(allowed)) throw new InputError(tr`"${translateText(label)}" is larger than any transfer Amazon accepts.`);
	return { text: exact.amount, value: Number(exact.amount), currency };
}

/** Amazon's `{currencyCode, currencyAmount}` as exact `{amount, currency}` text (never a float sum). */
export function moneyOf(value: unknown): Money | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const v = value as { currencyCode?: unknown; currencyAmount?: unknown };
	if (typeof v.currencyCode !== 'string' || (typeof v.currencyAmount !== 'number' && typeof v.currencyAmount !== 'string')) return undefined;
	return money(v.currencyAmount, v.currencyCode);
}

export function moneyJson(value: unknown): IDataObject | undefined {
	const found = moneyOf(value);
	return found ? { ...found } : undefined;
}

/** A rate or percentage Amazon sends as a JSON number, as decimal text ("7.6915"). */
export function decimalText(value: unknown): string | undefined {
	if (typeof value !== 'number' && typeof value !== 'string') return undefined;
	const parsed = decimalOrUndefined(String(value));
	return parsed ? formatDecimal(parsed) : undefined;
}
