/**
 * Reading finances through the core: every page of financial events (v0) or transactions (2024-06-19)
 * for a date range (cut into 180-day windows), a settlement period or an order. Lazy: the consumer
 * stops iterating at its limit and no further page is requested.
 */
import type { ResponseMetadata, SpApiClient } from '../client';
import { toUtcIso, type DateRange } from '../dates';
import { paginate } from '../pagination';
import type { PostedRange } from './postedRange';

export type EventSelection =
	| { by: 'range'; range: PostedRange }
	| { by: 'group'; financialEventGroupId: string; range?: PostedRange }
	| { by: 'order'; amazonOrderId: string };

export interface FinancialEventsPage {
	/** `payload.FinancialEvents` of the answer. */
	financialEvents: unknown;
	/** The whole answer as Amazon sent it (for the "raw pages" output). */
	body: unknown;
	metadata: ResponseMetadata;
	/** Set when the selection was one settlement period. */
	financialEventGroupId?: string;
}

interface V0EventsAnswer {
	payload?: { FinancialEvents?: unknown };
}

const MAX_RESULTS_PER_PAGE = 100;

function windowParams(window: DateRange | undefined): Record<string, string> {
	return window ? { PostedAfter: toUtcIso(window.start), PostedBefore: toUtcIso(window.end) } : {};
}

export async function* financialEventPages(client: SpApiClient, selection: EventSelection): AsyncGenerator<FinancialEventsPage> {
	if (selection.by === 'order') {
		const pages = paginate<V0EventsAnswer>(client, 'listFinancialEventsByOrderId', {
			params: { orderId: selection.amazonOrderId, MaxResultsPerPage: MAX_RESULTS_PER_PAGE },
		});
		for await (const page of pages) yield { financialEvents: page.data.payload?.FinancialEvents, body: page.data, metadata: page.metadata };
		return;
	}
	const windows: (DateRange | undefined)[] = selection.range ? selection.range.windows : [undefined];
	for (const window of windows) {
		const pages =
			selection.by === 'range'
				? paginate<V0EventsAnswer>(client, 'listFinancialEvents', { params: { ...windowParams(window), MaxResultsPerPage: MAX_RESULTS_PER_PAGE } })
				: paginate<V0EventsAnswer>(client, 'listFinancialEventsByGroupId', {
						params: { eventGroupId: selection.financialEventGroupId, ...windowParams(window), MaxResultsPerPage: MAX_RESULTS_PER_PAGE },
					});
		for await (const page of pages) {
			yield {
				financialEvents: page.data.payload?.FinancialEvents,
				body: page.data,
				metadata: page.metadata,
				financialEventGroupId: selection.by === 'group' ? selection.financialEventGroupId : undefined,
			};
		}
	}
}

export type TransactionIdentifier = { name: 'ORDER_ID' | 'FINANCIAL_EVENT_GROUP_ID'; value: string };

export interface TransactionSelection {
	/** Required unless `identifier` is given (Amazon's rule). */
	range?: PostedRange;
	identifier?: TransactionIdentifier;
	/** One pass per marketplace; empty = all marketplaces of the credential's region in one pass. */
	marketplaceIds?: readonly string[];
	transactionStatus?: string;
}

export interface TransactionsPage {
	transactions: unknown[];
	body: unknown;
	metadata: ResponseMetadata;
	marketplaceId?: string;
}

interface TransactionsAnswer {
	payload?: { transactions?: unknown[] };
}

export async function* transactionPages(client: SpApiClient, selection: TransactionSelection): AsyncGenerator<TransactionsPage> {
	const marketplaces: (string | undefined)[] = selection.marketplaceIds?.length ? [...selection.marketplaceIds] : [undefined];
	const windows: (DateRange | undefined)[] = selection.range ? selection.range.windows : [undefined];
	for (const marketplaceId of marketplaces) {
		for (const window of windows) {
			const params = {
				postedAfter: window ? toUtcIso(window.start) : undefined,
				postedBefore: window ? toUtcIso(window.end) : undefined,
				marketplaceId,
				transactionStatus: selection.transactionStatus,
				relatedIdentifierName: selection.identifier?.name,
				relatedIdentifierValue: selection.identifier?.value,
			};
			for await (const page of paginate<TransactionsAnswer>(client, 'listTransactions', { params })) {
				yield { transactions: page.data.payload?.transactions ?? [], body: page.data, metadata: page.metadata, marketplaceId };
			}
		}
	}
}
