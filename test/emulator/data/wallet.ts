/**
 * Seller Wallet records: accounts (one per currency the seller earns in), transactions and transfer
 * schedules. A transaction stores the instants it changes state (approved, completes, fails, expires), so
 * its status and every balance follow from the emulator clock, like the finance data does.
 *
 * The seeded history is derived from the seller's settlement periods: each payout of a period with a
 * positive total lands in the wallet account of its currency (a CREDIT), and the seller pays suppliers
 * and moves money to its own bank accounts most days (DEBITs, some converted to CNY). Enough of them
 * that listAccountTransactions needs more than one page of 100.
 */
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import { Random } from '../random';
import type { SellerFixture } from '../types';
import type { FinancialEventGroupRecord } from './model';
import { DAY, HOUR, wholeSecond } from './timing';
import { quoteTransfer, type TransferQuote } from './walletFx';

export interface WalletAccountRecord {
	accountId: string;
	currency: string;
	/** ISO 3166 country of the account (GB for the UK). */
	countryCode: string;
	holderName: string;
}

/** A bank account outside the wallet, as the seller gave it; only the tail of its number is kept. */
export interface WalletCounterparty {
	accountId?: string;
	holderName?: string;
	bankName: string;
	numberFormat: 'IBAN' | 'BBAN';
	numberTail: string;
	currency: string;
	countryCode: string;
}

export type WalletTransactionStatus = 'EXPIRED' | 'FAILED' | 'FAILED_CREDITS_APPLIED' | 'IN_PROGRESS' | 'PENDING_USER_APPROVAL' | 'SUCCESSFUL';

export interface WalletTransactionRecord {
	transactionId: string;
	accountId: string;
	type: 'CREDIT' | 'DEBIT';
	requestedAt: number;
	requesterName: string;
	/** "Amazon" for the seller's own actions in Seller Central, the PISP's name for API requests. */
	requesterSource: string;
	description: string;
	/** Kept for the emulator's own bookkeeping: the model's Transaction does not return it. */
	customerPaymentReference?: string;
	/** In the source account's currency. */
	amountMinor: number;
	currency: string;
	counterparty: WalletCounterparty;
	quote: TransferQuote;
	fxRateId: string;
	/** Waiting for the account holder until approved, or until `expiresAt`. */
	approvedAt?: number;
	expiresAt?: number;
	/** Set together with approvedAt: money is locked from approval until then. */
	completesAt?: number;
	failedAt?: number;
	failureReason?: string;
	/** The approval link of an API-created transaction. */
	callBackUrl?: string;
}

export type ScheduleStatus = 'ENABLED' | 'DISABLED' | 'EXPIRED' | 'DELETED';

export interface WalletScheduleRecord {
	transferScheduleId: string;
	sourceAccountId: string;
	destinationAccountId: string;
	destination: WalletCounterparty;
	transactionType: 'CREDIT' | 'DEBIT';
	status: ScheduleStatus;
	information: {
		scheduleStartDate?: string;
		scheduleEndDate?: string;
		scheduleExpression?: { scheduleExpressionType: string; recurringFrequency?: string };
		scheduleType?: string;
	};
	paymentPreference: { paymentPreferencePaymentType: string; value: number };
	failures: Array<{ transferScheduleFailureDate: string; transferScheduleFailureReason: string }>;
	createdAt: number;
}

export interface WalletData {
	seller: SellerFixture;
	accounts: WalletAccountRecord[];
	/** Oldest first; API-created transactions are appended. */
	transactions: WalletTransactionRecord[];
	schedules: WalletScheduleRecord[];
}

/** How long a transaction waits for the account holder's approval before it expires (emulator rule). */
export const APPROVAL_WINDOW_MS = 24 * HOUR;
/** From approval to the money arriving (emulator rule). */
export const SETTLEMENT_TIME_MS = DAY;
/** A settlement payout is in transit (LOCKED_IN) this long before it is available. */
export const CREDIT_TRANSIT_MS = 2 * HOUR;

export function countryOfCurrency(seller: SellerFixture, currency: string): string {
	for (const id of seller.marketplaceIds) {
		const marketplace = findMarketplace(id);
		if (marketplace?.currency === currency) return marketplace.countryCode === 'UK' ? 'GB' : marketplace.countryCode;
	}
	return 'US';
}

function walletAccounts(seller: SellerFixture, random: Random): WalletAccountRecord[] {
	const currencies = [...new Set(seller.marketplaceIds.map((id) => findMarketplace(id)?.currency).filter((c): c is string => !!c))];
	return currencies.map((currency) => ({
		accountId: `amzn1.account.${random.upperAlnum(28)}`,
		currency,
		countryCode: countryOfCurrency(seller, currency),
		holderName: `${seller.storeName} Ltd.`,
	}));
}

const AMAZON_SOURCE: Omit<WalletCounterparty, 'currency' | 'countryCode'> = {
	holderName: 'Amazon Payments',
	bankName: 'Amazon Seller Payments',
	numberFormat: 'BBAN',
	numberTail: '000',
};

/** Where the seeded debits go: the seller's own bank at home and a supplier in China (paid in CNY). */
function seededPayees(seller: SellerFixture, account: WalletAccountRecord, random: Random): WalletCounterparty[] {
	return [
		{
			holderName: `${seller.storeName} Ltd.`,
			bankName: account.countryCode === 'GB' ? 'Barclays Bank' : account.countryCode === 'JP' ? 'MUFG Bank' : 'Deutsche Bank',
			numberFormat: account.countryCode === 'US' || account.countryCode === 'JP' ? 'BBAN' : 'IBAN',
			numberTail: random.digits(3),
			currency: account.currency,
			countryCode: account.countryCode,
		},
		{
			holderName: 'Shenzhen Acorn Manufacturing Co., Ltd.',
			bankName: 'Bank of China',
			numberFormat: 'BBAN',
			numberTail: random.digits(3),
			currency: 'CNY',
			countryCode: 'CN',
		},
	];
}

export interface WalletGeneratorInput {
	seed: number;
	nowMs: number;
	historyDays: number;
	seller: SellerFixture;
	/** The seller's settlement periods (finance data), whose payouts fund the wallet. */
	groups: readonly FinancialEventGroupRecord[];
}

/** Balance effect of a seeded record at the end of the generated history (all settled by then). */
function seededDelta(record: WalletTransactionRecord): number {
	return record.type === 'CREDIT' ? record.amountMinor : -record.amountMinor;
}

function isoSeconds(ms: number): string {
	return new Date(wholeSecond(ms)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function generateWalletData(input: WalletGeneratorInput): WalletData {
	const { seed, nowMs, historyDays, seller, groups } = input;
	const random = new Random(seed, seller.sellerId, 'wallet');
	const accounts = walletAccounts(seller, random);
	const transactions: WalletTransactionRecord[] = [];
	const historyStart = nowMs - historyDays * DAY;
	let sequence = 0;
	const nextId = (): string => `amzn.transaction.${seller.sellerId.slice(-4)}${String(++sequence).padStart(6, '0')}${random.upperAlnum(6)}`;

	for (const account of accounts) {
		const payees = seededPayees(seller, account, random);
		const credits = groups
			.filter((group) => group.currency === account.currency && group.totalMinor > 0 && group.fundTransferAt >= historyStart && group.fundTransferAt < nowMs)
			.map((group) => ({ at: wholeSecond(group.fundTransferAt), minor: group.totalMinor, settlementId: group.settlementId }));
		let balance = 0;
		let creditIndex = 0;
		const accountRecords: WalletTransactionRecord[] = [];
		const addCredit = (credit: (typeof credits)[number]): void => {
			const quote = quoteTransfer(account.currency, account.currency, credit.minor);
			accountRecords.push({
				transactionId: nextId(),
				accountId: account.accountId,
				type: 'CREDIT',
				requestedAt: credit.at,
				requesterName: 'Amazon',
				requesterSource: 'Amazon',
				description: `Amazon settlement ${credit.settlementId}`,
				amountMinor: credit.minor,
				currency: account.currency,
				counterparty: { ...AMAZON_SOURCE, currency: account.currency, countryCode: account.countryCode },
				quote,
				fxRateId: `FX-SETTLEMENT-${credit.settlementId}`,
				approvedAt: credit.at,
				completesAt: credit.at + CREDIT_TRANSIT_MS,
			});
			balance += credit.minor;
		};
		// Most days the seller pays someone, while there is money and the day has ended.
		for (let day = historyStart + DAY; day + DAY < nowMs; day += DAY) {
			while (creditIndex < credits.length && credits[creditIndex].at < day) addCredit(credits[creditIndex++]);
			if (balance <= 0 || !random.chance(0.93)) continue;
			const payee = random.pick(payees);
			// between 2 % and 12 % of the balance, in whole currency units
			const unit = account.currency === 'JPY' ? 1 : 100;
			const minor = Math.floor((balance * random.int(2, 12)) / 100 / unit) * unit;
			if (minor <= 0) continue;
			const requestedAt = wholeSecond(day + random.int(8 * 3600, 18 * 3600) * 1000);
			const approvedAt = requestedAt + random.int(1, 20) * 60_000;
			accountRecords.push({
				transactionId: nextId(),
				accountId: account.accountId,
				type: 'DEBIT',
				requestedAt,
				requesterName: seller.storeName,
				requesterSource: 'Amazon',
				description: payee.currency === 'CNY' ? `Supplier invoice ${random.digits(6)}` : 'Transfer to own bank account',
				amountMinor: minor,
				currency: account.currency,
				counterparty: payee,
				quote: quoteTransfer(account.currency, payee.currency, minor),
				fxRateId: `FX-${random.upperAlnum(12)}`,
				approvedAt,
				completesAt: approvedAt + SETTLEMENT_TIME_MS,
			});
			balance -= minor;
		}
		while (creditIndex < credits.length) addCredit(credits[creditIndex++]);
		if (accountRecords.reduce((sum, record) => sum + seededDelta(record), 0) < 0) {
			throw new Error(`wallet generator overdrew ${account.accountId}`);
		}
		transactions.push(...accountRecords);
	}
	transactions.sort((a, b) => a.requestedAt - b.requestedAt || (a.transactionId < b.transactionId ? -1 : 1));

	// Each account sends a quarter of its balance home every month.
	const schedules: WalletScheduleRecord[] = accounts.map((account) => ({
		transferScheduleId: `amzn1.transferschedule.${random.upperAlnum(28)}`,
		sourceAccountId: account.accountId,
		destinationAccountId: `amzn1.account.${random.upperAlnum(24)}`,
		destination: seededPayees(seller, account, new Random(seed, seller.sellerId, 'wallet-schedule', account.currency))[0],
		transactionType: 'DEBIT',
		status: 'ENABLED',
		information: {
			scheduleStartDate: isoSeconds(historyStart),
			scheduleEndDate: isoSeconds(nowMs + 365 * DAY),
			scheduleExpression: { scheduleExpressionType: 'RECURRING', recurringFrequency: 'MONTHLY' },
			scheduleType: 'TIME_BASED',
		},
		paymentPreference: { paymentPreferencePaymentType: 'PERCENTAGE', value: 25 },
		failures: [],
		createdAt: historyStart,
	}));
	return { seller, accounts, transactions, schedules };
}
