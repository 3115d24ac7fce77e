import type { SpApiClient } from '../client';
import { AMAZON_FRESHNESS_MS, toUtcIso } from '../dates';
import { SpApiError } from '../errors';
import { compareDecimals, parseDecimal, readAmazonMoney, type Money } from '../money';
import { paginateItems } from '../pagination';
import { tr } from '../i18n/translate';

/**
 * TRANSACTION_UPDATE says what kind of transaction posted, when and how much, but not the breakdown.
 * This looks the transaction up with finances 2024-06-19 listTransactions: by the order id the
 * notification names (relatedIdentifierName=ORDER_ID), else by the posting time and marketplace, and
 * picks the one with the same type, posting instant and amount. Amazon lists a transaction only after
 * it settled in its systems (up to 48 h), so "not found yet" is an expected answer, not an error.
 */
export interface TransactionFacts {
	orderId?: string;
	transactionType?: string;
	postedDate?: string;
	amount?: string;
	currency?: string;
	marketplaceId?: string;
}

export type DetailsStatus = 'found' | 'notFoundYet' | 'ambiguous' | 'notEnoughFacts' | 'error';

export interface TransactionDetails {
	status: DetailsStatus;
	transaction?: Record<string, unknown>;
	/** Transactions that fit only partly (same order, other type or amount), for a person to choose. */
	candidates?: number;
	message?: string;
}

interface Transaction {
	transactionId?: string;
	transactionType?: string;
	transactionStatus?: string;
	description?: string;
	postedDate?: string;
	totalAmount?: unknown;
	marketplaceDetails?: { marketplaceId?: string; marketplaceName?: string };
	relatedIdentifiers?: unknown;
	items?: unknown;
	breakdowns?: unknown;
	contexts?: unknown;
	sellingPartnerMetadata?: unknown;
}

/** Orders have a handful of transactions; a time window of two seconds a few dozen at most. */
const MAX_CANDIDATES = 500;

function sameInstant(a: string | undefined, b: string | undefined): boolean {
	if (!a || !b) return false;
	const x = Date.parse(a);
	const y = Date.parse(b);
	return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) < 1000;
}

function sameMoney(m: Money | undefined, amount: string | undefined, currency: string | undefined): boolean {
	if (!m || amount === undefined || !currency) return false;
	return m.currency === currency.toUpperCase() && compareDecimals(parseDecimal(m.amount), parseDecimal(amount)) === 0;
}

/** The transaction, flat where a person reads it, Amazon's object under `raw`. */
export function flattenTransaction(t: Transaction): Record<string, unknown> {
	const total = readAmazonMoney(t.totalAmount);
	return {
		transactionId: t.transactionId,
		transactionType: t.transactionType,
		transactionStatus: t.transactionStatus,
		description: t.description,
		postedDate: t.postedDate,
		totalAmount: total ? { ...total } : undefined,
		marketplaceId: t.marketplaceDetails?.marketplaceId,
		relatedIdentifiers: t.relatedIdentifiers,
		items: t.items,
		breakdowns: t.breakdowns,
		raw: t as Record<string, unknown>,
	};
}

export async function fetchTransactionDetails(client: SpApiClient, facts: TransactionFacts, now: number = Date.now()): Promise<TransactionDetails> {
	let params: Record<string, string>;
	if (facts.orderId) {
		params = { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: facts.orderId };
	} else if (facts.postedDate && Number.isFinite(Date.parse(facts.postedDate))) {
		const posted = Date.parse(facts.postedDate);
		// Amazon refuses windows that end less than two minutes ago
		if (posted + 1000 > now - AMAZON_FRESHNESS_MS) {
			return { status: 'notFoundYet', message: tr`The transaction posted less than two minutes ago; Amazon does not list it yet.` };
		}
		params = { postedAfter: toUtcIso(new Date(posted - 1000)), postedBefore: toUtcIso(new Date(posted + 1000)) };
		if (facts.marketplaceId) params.marketplaceId = facts.marketplaceId;
	} else {
		return { status: 'notEnoughFacts', message: tr`The notification names neither an order nor a posting time to look the transaction up by.` };
	}
	const candidates: Transaction[] = [];
	try {
		for await (const { item } of paginateItems<Transaction, { payload?: { transactions?: Transaction[] } }>(
			client,
			'listTransactions',
			{ params },
			(page) => page.payload?.transactions ?? [],
			{ limit: MAX_CANDIDATES },
		)) {
			candidates.push(item);
		}
	} catch (error) {
		return { status: 'error', message: error instanceof SpApiError ? error.hint : error instanceof Error ? error.message : String(error) };
	}
	const type = facts.transactionType?.toLowerCase();
	const exact = candidates.filter(
		(t) => (t.transactionType ?? '').toLowerCase() === type && sameInstant(t.postedDate, facts.postedDate) && sameMoney(readAmazonMoney(t.totalAmount), facts.amount, facts.currency),
	);
	if (exact.length === 1) return { status: 'found', transaction: flattenTransaction(exact[0]), candidates: candidates.length };
	if (exact.length > 1) return { status: 'ambiguous', candidates: exact.length, message: tr`${exact.length} transactions have the same type, time and amount.` };
	return {
		status: 'notFoundYet',
		candidates: candidates.length,
		message: tr`Amazon does not list this transaction yet (finances can take up to 48 hours to show a new transaction). Look it up later with the Finances node.`,
	};
}
