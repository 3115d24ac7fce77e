/** Seller Wallet 2024-03-01 answer shapes (sellerWallet_2024-03-01.json) from the wallet records. */
import type { WalletAccountRecord, WalletCounterparty, WalletScheduleRecord, WalletTransactionRecord } from '../data/wallet';
import { rateNumber, type TransferQuote } from '../data/walletFx';
import { transactionStatusAt, type WalletBalances } from '../data/walletStore';
import { camelMoney } from '../money';
import { isoDate } from './transactions';

export const SELLER_WALLET_BANK = 'Amazon Seller Wallet';

/** BankAccount of a wallet account: Amazon shows zeros for its own routing number and tail. */
export function formatWalletAccount(account: WalletAccountRecord): Record<string, unknown> {
	return {
		accountId: account.accountId,
		accountHolderName: account.holderName,
		bankAccountNumberFormat: 'BBAN',
		bankName: SELLER_WALLET_BANK,
		bankAccountOwnershipType: 'SELF',
		routingNumber: '000000000',
		bankNumberFormat: 'BASIC',
		accountCountryCode: account.countryCode,
		accountCurrency: account.currency,
		bankAccountNumberTail: '000',
		bankAccountHolderStatus: 'ACTIVE',
	};
}

export function formatBalances(account: WalletAccountRecord, balances: WalletBalances, atMs: number): Record<string, unknown>[] {
	const lastUpdateDate = isoDate(balances.lastUpdateMs > 0 ? balances.lastUpdateMs : atMs);
	const entry = (balanceType: string, minor: number) => ({
		accountId: account.accountId,
		balanceType,
		balanceAmount: camelMoney(minor, account.currency).currencyAmount,
		balanceCurrency: account.currency,
		lastUpdateDate,
	});
	return [
		entry('AVAILABLE', balances.available),
		entry('LOCKED_IN', balances.lockedIn),
		entry('LOCKED_OUT', balances.lockedOut),
		entry('TOTAL', balances.total),
	];
}

export function formatQuote(quote: TransferQuote, fxRateId: string): Record<string, unknown> {
	return {
		baseAmount: camelMoney(quote.baseMinor, quote.sourceCurrency),
		fxRateDetails: {
			fxRateId,
			baseRate: rateNumber(quote.baseRate),
			effectiveFxRate: rateNumber(quote.effectiveRate),
			rateDirection: 'BUY',
		},
		transferAmount: camelMoney(quote.transferMinor, quote.destinationCurrency),
		fees: quote.fees.map((fee, index) => ({
			feeId: `${fxRateId}-FEE${index + 1}`,
			feeType: fee.type,
			feeRateValue: fee.rateValue,
			feeAmount: camelMoney(fee.minor, quote.sourceCurrency),
		})),
	};
}

function counterpartyJson(party: WalletCounterparty): Record<string, unknown> {
	const json: Record<string, unknown> = {};
	if (party.accountId) json.accountId = party.accountId;
	if (party.holderName) json.bankAccountHolderName = party.holderName;
	json.bankName = party.bankName;
	json.bankAccountNumberFormat = party.numberFormat;
	json.bankAccountNumberTail = party.numberTail;
	json.bankAccountCountryCode = party.countryCode;
	json.bankAccountCurrency = party.currency;
	return json;
}

function walletSide(account: WalletAccountRecord): Record<string, unknown> {
	return {
		accountId: account.accountId,
		bankAccountHolderName: account.holderName,
		bankName: SELLER_WALLET_BANK,
		bankAccountNumberFormat: 'BBAN',
		bankAccountNumberTail: '000',
		bankAccountCountryCode: account.countryCode,
		bankAccountCurrency: account.currency,
	};
}

/** Transaction as of `atMs`: its status, dates and final amount follow the clock. */
export function formatWalletTransaction(record: WalletTransactionRecord, account: WalletAccountRecord, atMs: number): Record<string, unknown> {
	const status = transactionStatusAt(record, atMs);
	const json: Record<string, unknown> = {
		accountId: record.accountId,
		transactionId: record.transactionId,
		transactionType: record.type,
		transactionStatus: status,
		transactionRequestDate: isoDate(record.requestedAt),
	};
	if (record.completesAt !== undefined && record.failedAt === undefined) json.expectedCompletionDate = isoDate(record.completesAt);
	if (status === 'SUCCESSFUL' && record.completesAt !== undefined) json.transactionActualCompletionDate = isoDate(record.completesAt);
	const changes = [record.requestedAt, record.approvedAt, record.completesAt, record.failedAt, record.expiresAt].filter(
		(instant): instant is number => instant !== undefined && instant <= atMs,
	);
	json.lastUpdateDate = isoDate(Math.max(...changes));
	json.requesterName = record.requesterName;
	json.transactionRequesterSource = record.requesterSource;
	json.transactionDescription = record.description;
	// A credit comes from Amazon into the wallet; a debit leaves the wallet for the counterparty.
	json.transactionSourceAccount = record.type === 'CREDIT' ? counterpartyJson(record.counterparty) : walletSide(account);
	json.transactionDestinationAccount = record.type === 'CREDIT' ? walletSide(account) : counterpartyJson(record.counterparty);
	json.transactionRequestAmount = camelMoney(record.amountMinor, record.currency);
	json.transferRateDetails = formatQuote(record.quote, record.fxRateId);
	if (status === 'SUCCESSFUL' && record.quote.destinationCurrency !== record.quote.sourceCurrency) {
		json.transactionFinalAmount = camelMoney(record.quote.transferMinor, record.quote.destinationCurrency);
	}
	if (status === 'FAILED' && record.failureReason) json.transactionFailureReason = record.failureReason;
	return json;
}

export function formatSchedule(schedule: WalletScheduleRecord, source: WalletAccountRecord | undefined): Record<string, unknown> {
	const json: Record<string, unknown> = {
		transferScheduleId: schedule.transferScheduleId,
		transactionType: schedule.transactionType,
	};
	if (source) json.transactionSourceAccount = walletSide(source);
	json.transactionDestinationAccount = counterpartyJson({ ...schedule.destination, accountId: schedule.destinationAccountId });
	json.transferScheduleStatus = schedule.status;
	json.transferScheduleInformation = { ...schedule.information };
	json.paymentPreference = { ...schedule.paymentPreference };
	json.transferScheduleFailures = schedule.failures.map((failure) => ({ ...failure }));
	return json;
}
