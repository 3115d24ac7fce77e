/**
 * The emulator's Seller Wallet: each seller's wallet (generated on first use from its settlement
 * periods), status and balances as of a clock instant, and the changes the API and the account holder
 * make (a transfer requested, approved, a schedule created). One store per emulator, found through its
 * state, so tests can look at it: `walletStore(emulator.control.state)`.
 */
import type { EmulatorState } from './state';
import {
	APPROVAL_WINDOW_MS,
	generateWalletData,
	SETTLEMENT_TIME_MS,
	type WalletAccountRecord,
	type WalletData,
	type WalletTransactionRecord,
	type WalletTransactionStatus,
} from './wallet';
import type { TransferQuote } from './walletFx';

export interface WalletBalances {
	available: number;
	lockedIn: number;
	lockedOut: number;
	total: number;
	/** The last instant a transaction changed this account's money, at or before `atMs`. */
	lastUpdateMs: number;
}

/** A rate Amazon quoted in a transfer preview, which a transaction may then honour. */
export interface IssuedQuote {
	fxRateId: string;
	sellerId: string;
	quote: TransferQuote;
	issuedAt: number;
	expiresAt: number;
}

/** How long a previewed rate can be used (emulator rule). */
export const QUOTE_VALIDITY_MS = 30 * 60 * 1000;

export function transactionStatusAt(record: WalletTransactionRecord, atMs: number): WalletTransactionStatus {
	if (record.failedAt !== undefined && atMs >= record.failedAt) return 'FAILED';
	if (record.approvedAt === undefined || atMs < record.approvedAt) {
		return record.expiresAt !== undefined && atMs >= record.expiresAt ? 'EXPIRED' : 'PENDING_USER_APPROVAL';
	}
	return record.completesAt !== undefined && atMs >= record.completesAt ? 'SUCCESSFUL' : 'IN_PROGRESS';
}

/** The last instant before or at `atMs` when the record changed state. */
export function lastChangeAt(record: WalletTransactionRecord, atMs: number): number {
	const instants = [record.requestedAt, record.approvedAt, record.completesAt, record.failedAt, record.expiresAt].filter(
		(instant): instant is number => instant !== undefined && instant <= atMs,
	);
	return Math.max(record.requestedAt, ...instants);
}

export class WalletStore {
	private readonly wallets = new Map<string, WalletData>();
	private readonly quotes = new Map<string, IssuedQuote>();
	private sequence = 0;

	constructor(private readonly state: EmulatorState) {}

	/** A seller's wallet, by fixture key or seller id (generated on first use). */
	walletOf(keyOrSellerId: string): WalletData {
		const seller = this.state.seller(keyOrSellerId);
		if (!seller) throw new Error(`no seller fixture ${keyOrSellerId}`);
		let wallet = this.wallets.get(seller.sellerId);
		if (!wallet) {
			const { seed, nowMs, historyDays } = this.state.settings;
			wallet = generateWalletData({ seed, nowMs, historyDays, seller, groups: this.state.dataFor(seller.sellerId).groups });
			this.wallets.set(seller.sellerId, wallet);
		}
		return wallet;
	}

	account(sellerId: string, accountId: string): WalletAccountRecord | undefined {
		return this.walletOf(sellerId).accounts.find((account) => account.accountId === accountId);
	}

	transaction(sellerId: string, transactionId: string): WalletTransactionRecord | undefined {
		return this.walletOf(sellerId).transactions.find((record) => record.transactionId === transactionId);
	}

	/** Every transaction of the whole emulator with that id (tests look them up without knowing the seller). */
	findTransaction(transactionId: string): { sellerId: string; record: WalletTransactionRecord } | undefined {
		for (const [sellerId, wallet] of this.wallets) {
			const record = wallet.transactions.find((candidate) => candidate.transactionId === transactionId);
			if (record) return { sellerId, record };
		}
		return undefined;
	}

	/** Transactions of an account requested at or before `atMs`, newest first. */
	transactionsOf(sellerId: string, accountId: string, atMs: number): WalletTransactionRecord[] {
		return this.walletOf(sellerId)
			.transactions.filter((record) => record.accountId === accountId && record.requestedAt <= atMs)
			.sort((a, b) => b.requestedAt - a.requestedAt || (a.transactionId < b.transactionId ? 1 : -1));
	}

	/**
	 * Balances at `atMs`: money waiting for approval does not count; once approved a debit is locked out
	 * until it completes, then gone; a credit is locked in while in transit, then available.
	 */
	balancesAt(sellerId: string, accountId: string, atMs: number, except?: WalletTransactionRecord): WalletBalances {
		let available = 0;
		let lockedIn = 0;
		let lockedOut = 0;
		let lastUpdateMs = 0;
		for (const record of this.walletOf(sellerId).transactions) {
			if (record.accountId !== accountId || record === except || record.requestedAt > atMs) continue;
			const status = transactionStatusAt(record, atMs);
			if (status === 'IN_PROGRESS' || status === 'SUCCESSFUL') lastUpdateMs = Math.max(lastUpdateMs, lastChangeAt(record, atMs));
			if (record.type === 'CREDIT') {
				if (status === 'SUCCESSFUL') available += record.amountMinor;
				else if (status === 'IN_PROGRESS') lockedIn += record.amountMinor;
			} else if (status === 'SUCCESSFUL') {
				available -= record.amountMinor;
			} else if (status === 'IN_PROGRESS') {
				available -= record.amountMinor;
				lockedOut += record.amountMinor;
			}
		}
		return { available, lockedIn, lockedOut, total: available + lockedIn + lockedOut, lastUpdateMs };
	}

	/** A preview's rate, remembered so a transaction can quote its fxRateId. */
	issueQuote(sellerId: string, quote: TransferQuote, atMs: number): IssuedQuote {
		this.sequence += 1;
		const issued: IssuedQuote = {
			fxRateId: `FXRATE-${String(this.sequence).padStart(6, '0')}-${quote.sourceCurrency}${quote.destinationCurrency}`,
			sellerId,
			quote,
			issuedAt: atMs,
			expiresAt: atMs + QUOTE_VALIDITY_MS,
		};
		this.quotes.set(issued.fxRateId, issued);
		return issued;
	}

	quote(fxRateId: string): IssuedQuote | undefined {
		return this.quotes.get(fxRateId);
	}

	nextTransactionId(sellerId: string): string {
		this.sequence += 1;
		return `amzn.transaction.API${sellerId.slice(-4)}${String(this.sequence).padStart(7, '0')}`;
	}

	nextScheduleId(): string {
		this.sequence += 1;
		return `amzn1.transferschedule.API${String(this.sequence).padStart(10, '0')}`;
	}

	/** Records a transfer request that now waits for the account holder's approval. */
	addTransaction(sellerId: string, record: WalletTransactionRecord): void {
		this.walletOf(sellerId).transactions.push(record);
	}

	/**
	 * The account holder approved on the callBackURL page. The money must still be there: if it is not,
	 * the transaction fails with Amazon's "Insufficient Balance".
	 */
	approve(transactionId: string, atMs: number): { sellerId: string; record: WalletTransactionRecord; status: WalletTransactionStatus } {
		const found = this.findTransaction(transactionId);
		if (!found) throw new RangeError(`no Seller Wallet transaction ${transactionId}`);
		const { sellerId, record } = found;
		const status = transactionStatusAt(record, atMs);
		if (status !== 'PENDING_USER_APPROVAL') throw new RangeError(`transaction ${transactionId} is ${status}, not waiting for approval`);
		record.approvedAt = atMs;
		const balances = this.balancesAt(sellerId, record.accountId, atMs, record);
		if (balances.available < record.amountMinor) {
			record.failedAt = atMs;
			record.failureReason = 'Insufficient Balance';
		} else {
			record.completesAt = atMs + SETTLEMENT_TIME_MS;
		}
		return { sellerId, record, status: transactionStatusAt(record, atMs) };
	}
}

export function newPendingTransaction(fields: Omit<WalletTransactionRecord, 'expiresAt'>): WalletTransactionRecord {
	return { ...fields, expiresAt: fields.requestedAt + APPROVAL_WINDOW_MS };
}

const stores = new WeakMap<EmulatorState, WalletStore>();

/** The Seller Wallet of an emulator (one per emulator state). */
export function walletStore(state: EmulatorState): WalletStore {
	let store = stores.get(state);
	if (!store) {
		store = new WalletStore(state);
		stores.set(state, store);
	}
	return store;
}
