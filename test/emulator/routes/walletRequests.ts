/**
 * Checks of Seller Wallet requests with the answers Amazon gives (wording from the model's sandbox cases
 * where it has one): 400 InvalidInput naming the field, 404 for unknown accounts and schedules, 400 for a
 * missing signature header on writes.
 */
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import type { WalletAccountRecord, WalletCounterparty } from '../data/wallet';
import { isWalletCurrency, positiveMinorOf } from '../data/walletFx';
import { ApiError, type ApiResponse } from '../http/errors';
import type { RouteRequest } from './types';

export type Json = Record<string, unknown>;

export function invalid(details: string): ApiError {
	return new ApiError(400, 'InvalidInput', 'Invalid or Missing Input Parameter.', details);
}

export function accountNotFound(what: string): ApiError {
	return new ApiError(404, 'NotFound', 'BankAccount not found.', `BankAccount doesn't exists for ${what}`);
}

export function scheduleNotFound(id: string): ApiError {
	return new ApiError(404, 'NotFound', 'Transfer Schedule not found.', `Transfer schedule id doesn't exists for ${id}`);
}

export function transactionNotFound(id: string): ApiError {
	return new ApiError(404, 'NotFound', 'Transaction not found.', `Transaction doesn't exists for ${id}`);
}

export function insufficientBalance(): ApiError {
	return new ApiError(422, 'InsufficientBalance', 'Insufficient Balance', 'Insufficient Balance');
}

/** `marketplaceId` is required on every call; the wallet is reachable from the seller's own marketplaces only. */
export function requireMarketplace(request: RouteRequest, sellerMarketplaces: readonly string[]): string {
	const marketplaceId = request.query.get('marketplaceId');
	if (!marketplaceId) throw invalid('Missing marketplaceId');
	const marketplace = findMarketplace(marketplaceId);
	if (!marketplace || marketplace.id !== marketplaceId) throw invalid(`Invalid marketplaceId ${marketplaceId}`);
	if (!sellerMarketplaces.includes(marketplaceId)) throw accountNotFound(`${marketplace.countryCode}Marketplace`);
	return marketplaceId;
}

const SIGNATURE_HEADERS = ['destAccountDigitalSignature', 'amountDigitalSignature'] as const;

/** Writes carry both signature headers; Amazon names each one that is missing. */
export function missingSignatures(request: RouteRequest): ApiResponse | undefined {
	const missing = SIGNATURE_HEADERS.filter((name) => {
		const value = request.headers[name.toLowerCase()];
		return typeof value !== 'string' || value.trim() === '';
	});
	if (missing.length === 0) return undefined;
	return {
		status: 400,
		body: { errors: missing.map((name) => ({ code: 'InvalidInput', message: 'Invalid or Missing signature.', details: `Missing ${name}` })) },
	};
}

export function objectAt(value: unknown, path: string): Json {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(`Invalid or missing ${path}`);
	return value as Json;
}

/** How Amazon names a field in its answers: query parameters by name, body fields by their path. */
function fieldName(path: string, name: string): string {
	return path === 'query' ? name : `${path}.${name}`;
}

export function textAt(record: Json, name: string, path: string, options: { optional?: boolean; max?: number } = {}): string | undefined {
	const value = record[name];
	const field = fieldName(path, name);
	if (value === undefined || value === null || value === '') {
		if (options.optional) return undefined;
		throw invalid(`Missing ${field}`);
	}
	if (typeof value !== 'string' || !value.trim()) throw invalid(`Invalid ${field}`);
	if (options.max !== undefined && value.length > options.max) throw invalid(`Invalid ${field}: longer than ${options.max} characters`);
	return value;
}

export function enumAt<T extends string>(record: Json, name: string, path: string, allowed: readonly T[], optional = false): T | undefined {
	const value = textAt(record, name, path, { optional });
	if (value === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(value)) throw invalid(`Invalid ${fieldName(path, name)}: ${value}`);
	return value as T;
}

export function dateTimeAt(record: Json, name: string, path: string, optional = false): number | undefined {
	const value = textAt(record, name, path, { optional });
	if (value === undefined) return undefined;
	const ms = Date.parse(value);
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) || !Number.isFinite(ms)) {
		throw invalid(`Invalid ${path}.${name}: not an ISO 8601 date-time`);
	}
	return ms;
}

export function currencyAt(record: Json, name: string, path: string): string {
	const value = textAt(record, name, path) as string;
	if (!isWalletCurrency(value)) throw invalid(`Invalid ${fieldName(path, name)}: ${value}`);
	return value;
}

export function countryAt(record: Json, name: string, path: string): string {
	const value = textAt(record, name, path) as string;
	if (!/^[A-Z]{2}$/.test(value)) throw invalid(`Invalid ${fieldName(path, name)}: ${value}`);
	return value;
}

/** `{currencyCode, currencyAmount}` with a positive amount in the currency's decimals. */
export function amountAt(record: Json, name: string, path: string): { currency: string; minor: number } {
	const money = objectAt(record[name], `${path}.${name}`);
	const currency = currencyAt(money, 'currencyCode', `${path}.${name}`);
	const minor = positiveMinorOf(money.currencyAmount, currency);
	if (minor === undefined) throw invalid(`Invalid ${path}.${name}.currencyAmount`);
	return { currency, minor };
}

const PAYEE_FIELDS = ['payeeFirstName', 'payeeLastName', 'addressLine1', 'city', 'state', 'postalCode', 'countryCode', 'phoneNumber', 'emailAddress'] as const;
const PAYEE_ENTITY_TYPES = ['INDIVIDUAL', 'BUSINESS', 'TAX_AUTHORITY'] as const;

/**
 * The destination bank account of a transfer or schedule. The full number travels to Amazon (it is
 * encrypted on the way) but only its last three characters are kept, as Amazon shows them.
 */
export function destinationOf(body: Json, options: { payeeRequired: boolean }, path = 'body'): { counterparty: WalletCounterparty; ownership: 'SELF' | 'THIRD_PARTY' } {
	const instrument = objectAt(body.destinationTransactionInstrument, `${path}.destinationTransactionInstrument`);
	const where = `${path}.destinationTransactionInstrument`;
	const bankAccount = objectAt(instrument.bankAccount, `${where}.bankAccount`);
	const number = (textAt(instrument, 'bankAccountNumber', where) as string).replace(/\s+/g, '');
	const holderName = textAt(instrument, 'accountHolderName', where, { max: 50 }) as string;
	const ownership = enumAt(bankAccount, 'bankAccountOwnershipType', `${where}.bankAccount`, ['SELF', 'THIRD_PARTY'] as const) as 'SELF' | 'THIRD_PARTY';
	const countryCode = countryAt(bankAccount, 'accountCountryCode', `${where}.bankAccount`);
	const currency = currencyAt(bankAccount, 'accountCurrency', `${where}.bankAccount`);
	const tail = textAt(bankAccount, 'bankAccountNumberTail', `${where}.bankAccount`) as string;
	if (!number.toUpperCase().endsWith(tail.toUpperCase())) throw invalid(`Invalid ${where}.bankAccount.bankAccountNumberTail: it does not match bankAccountNumber`);
	const numberFormat = enumAt(bankAccount, 'bankAccountNumberFormat', `${where}.bankAccount`, ['IBAN', 'BBAN'] as const, true) ?? 'BBAN';
	enumAt(bankAccount, 'bankNumberFormat', `${where}.bankAccount`, ['BIC', 'BASIC'] as const, true);
	// transactions to someone else name the payee; a schedule request has no such field in the model
	if (ownership === 'THIRD_PARTY' && options.payeeRequired) {
		const payee = objectAt(body.payeeContactInformation, `${path}.payeeContactInformation`);
		for (const field of PAYEE_FIELDS) textAt(payee, field, `${path}.payeeContactInformation`);
		enumAt(payee, 'payeeEntityType', `${path}.payeeContactInformation`, PAYEE_ENTITY_TYPES);
	}
	return {
		ownership,
		counterparty: {
			holderName,
			bankName: textAt(bankAccount, 'bankName', `${where}.bankAccount`, { optional: true }) ?? 'Bank',
			numberFormat,
			numberTail: tail,
			currency,
			countryCode,
		},
	};
}

export function accountOrThrow(accounts: readonly WalletAccountRecord[], accountId: string | null | undefined, what = 'accountId'): WalletAccountRecord {
	if (!accountId) throw invalid(`Missing ${what}`);
	const account = accounts.find((candidate) => candidate.accountId === accountId);
	if (!account) throw accountNotFound(accountId);
	return account;
}
