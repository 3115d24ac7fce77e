/**
 * Refund lines fetched from Amazon, from either finances API, for a date range, a settlement period or an
 * order, across several marketplaces. Shared by the Refunds node and the New Refund trigger.
 */
import type { ResponseMetadata, SpApiClient } from '../client';
import type { Marketplace } from '../marketplaces';
import { financialEventPages, transactionPages, type EventSelection } from './fetch';
import type { RefundKind, RefundRecord } from './refunds';
import { refundsFromFinancialEvents } from './refundsFromEvents';
import { refundsFromTransactions } from './refundsFromTransactions';

export type RefundSource = 'financialEvents' | 'transactions';

export interface RefundQuery {
	source: RefundSource;
	selection: EventSelection;
	kinds?: ReadonlySet<RefundKind>;
	/** Empty = every marketplace of the credential's region. */
	marketplaces: readonly Marketplace[];
}

export interface FetchedRefund {
	refund: RefundRecord;
	metadata: ResponseMetadata;
}

/** What was read on the way, so an empty answer can say what was checked. */
export interface FetchStats {
	/** Pages Amazon answered. */
	pages: number;
	/** Money events (v0) or transactions on those pages, refunds or not. */
	records: number;
}

export function emptyFetchStats(): FetchStats {
	return { pages: 0, records: 0 };
}

/** Events on a v0 page: the entries of every event list (orders, refunds, fees, …). */
function eventCount(financialEvents: unknown): number {
	if (!financialEvents || typeof financialEvents !== 'object') return 0;
	return Object.values(financialEvents as Record<string, unknown>).reduce<number>((sum, list) => sum + (Array.isArray(list) ? list.length : 0), 0);
}

/**
 * v0 events name their marketplace (MarketplaceName) except fee refunds and reimbursement reversals:
 * those are kept when their currency is the currency of a chosen marketplace.
 */
export function inMarketplaces(refund: RefundRecord, marketplaces: readonly Marketplace[]): boolean {
	if (marketplaces.length === 0) return true;
	if (refund.marketplaceId) return marketplaces.some((m) => m.id === refund.marketplaceId);
	return marketplaces.some((m) => m.currency === refund.currency);
}

export async function* fetchRefunds(client: SpApiClient, query: RefundQuery, stats: FetchStats = emptyFetchStats()): AsyncGenerator<FetchedRefund> {
	if (query.source === 'financialEvents') {
		for await (const page of financialEventPages(client, query.selection)) {
			stats.pages += 1;
			stats.records += eventCount(page.financialEvents);
			const refunds = refundsFromFinancialEvents(page.financialEvents, { kinds: query.kinds, financialEventGroupId: page.financialEventGroupId });
			for (const refund of refunds) if (inMarketplaces(refund, query.marketplaces)) yield { refund, metadata: page.metadata };
		}
		return;
	}
	const { selection } = query;
	const pages = transactionPages(client, {
		range: selection.by === 'order' ? undefined : selection.range,
		identifier:
			selection.by === 'order'
				? { name: 'ORDER_ID', value: selection.amazonOrderId }
				: selection.by === 'group'
					? { name: 'FINANCIAL_EVENT_GROUP_ID', value: selection.financialEventGroupId }
					: undefined,
		marketplaceIds: query.marketplaces.map((m) => m.id),
	});
	for await (const page of pages) {
		stats.pages += 1;
		stats.records += page.transactions.length;
		for (const refund of refundsFromTransactions(page.transactions, { kinds: query.kinds })) yield { refund, metadata: page.metadata };
	}
}
