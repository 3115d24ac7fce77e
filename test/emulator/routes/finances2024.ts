/**
 * Finances 2024-06-19: transactions (deferred ones included, unlike v0), balances and settlement
 * summaries, all derived from the same events as finances v0.
 */
import { DateTime } from 'luxon';
import { findMarketplace } from '../../../nodes/sp-api/marketplaces';
import type { FinanceEvent, FinancialEventGroupRecord, SellerData } from '../data/model';
import { breakdownsJson, mergeBreakdowns, type BreakdownNode } from '../format/breakdowns';
import { ACCOUNT_TYPE, eventBreakdowns, formatTransaction, isoDate, transactionStatusAt } from '../format/transactions';
import { invalidInput } from '../http/errors';
import { camelMoney } from '../money';
import { assertOrder, assertSettledTime, listParam, MAX_RANGE_MS, oneOf, optionalDate, optionalDateTime, TWO_MINUTES } from '../params';
import { startPaging } from './paged';
import { sellerOf, type RouteHandler, type RouteTable } from './types';

/** Amazon documents no page size for listTransactions; 100 keeps pages realistic and paging exercised. */
const TRANSACTIONS_PER_PAGE = 100;
const DAY = 24 * 3600 * 1000;

const TRANSACTION_STATUSES = ['DEFERRED', 'RELEASED', 'DEFERRED_RELEASED'] as const;
const FILTERABLE_IDENTIFIERS = ['ORDER_ID', 'FINANCIAL_EVENT_GROUP_ID'] as const;

function candidateEvents(data: SellerData, identifier: (typeof FILTERABLE_IDENTIFIERS)[number] | undefined, value: string | null): readonly FinanceEvent[] {
	if (identifier === 'ORDER_ID') return data.eventsByOrderId.get(value ?? '') ?? [];
	if (identifier === 'FINANCIAL_EVENT_GROUP_ID') {
		return [...(data.groupsById.get(value ?? '')?.events ?? [])].sort((a, b) => a.postedAt - b.postedAt || (a.eventId < b.eventId ? -1 : 1));
	}
	return data.events;
}

const listTransactions: RouteHandler = (request, context) => {
	const { query } = request;
	const now = context.clock.nowMs();
	const identifier = oneOf(query, 'relatedIdentifierName', FILTERABLE_IDENTIFIERS);
	const identifierValue = query.get('relatedIdentifierValue');
	if ((identifier === undefined) !== (identifierValue === null)) {
		throw invalidInput('Invalid relatedIdentifierName/relatedIdentifierValue: give both or neither.');
	}
	const after = optionalDateTime(query, 'postedAfter');
	if (after === undefined && identifier === undefined) {
		throw invalidInput('Missing postedAfter: it is required unless relatedIdentifierName is ORDER_ID or FINANCIAL_EVENT_GROUP_ID.');
	}
	const explicitBefore = optionalDateTime(query, 'postedBefore');
	if (after !== undefined) assertSettledTime('postedAfter', after, now);
	if (explicitBefore !== undefined) assertSettledTime('postedBefore', explicitBefore, now);
	const before = explicitBefore ?? now - TWO_MINUTES;
	if (after !== undefined) assertOrder('postedAfter', after, 'postedBefore', before);
	const status = oneOf(query, 'transactionStatus', TRANSACTION_STATUSES);
	const marketplaceId = query.get('marketplaceId');
	const paging = startPaging(request, context, 'nextToken');
	if (after !== undefined && before - after > MAX_RANGE_MS) return { status: 200, body: { payload: { transactions: [] } } };

	const snapshot = paging.cursor.snapshotMs;
	const data = context.state.dataFor(sellerOf(request).sellerId);
	const events = candidateEvents(data, identifier, identifierValue).filter(
		(event) =>
			event.visibleAt <= snapshot &&
			(after === undefined || event.postedAt >= after) &&
			event.postedAt < before &&
			(marketplaceId === null || event.marketplaceId === marketplaceId) &&
			(status === undefined || transactionStatusAt(event, snapshot) === status),
	);
	const page = paging.page(events, TRANSACTIONS_PER_PAGE);
	const payload: Record<string, unknown> = { transactions: page.items.map((event) => formatTransaction(event, context.seed, snapshot)) };
	if (page.nextToken) payload.nextToken = page.nextToken;
	return { status: 200, body: { payload } };
};

function sellerMarketplaces(data: SellerData, requested: string[] | undefined): string[] {
	return data.seller.marketplaceIds.filter((id) => requested === undefined || requested.includes(id));
}

/** The marketplace's local time with offset, as Amazon writes lastUpdatedTime. */
function localTime(ms: number, marketplaceId: string): string {
	const zone = findMarketplace(marketplaceId)?.timeZone ?? 'UTC';
	return DateTime.fromMillis(Math.floor(ms / 1000) * 1000, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

interface BalanceFigures {
	available: number;
	deferred: number;
	accountLevelReserve: number;
}

/** Balances of one marketplace at `atMs`: what the open group holds, plus deferred payments. */
function balanceFigures(data: SellerData, marketplaceId: string, atMs: number): BalanceFigures {
	const currency = findMarketplace(marketplaceId)?.currency;
	const openGroup = data.groups.find((group) => group.currency === currency && group.startAt <= atMs && atMs < group.endAt);
	let available = 0;
	for (const event of openGroup?.events ?? []) if (event.marketplaceId === marketplaceId && event.settledAt <= atMs) available += event.totalMinor;
	let deferred = 0;
	for (const event of data.events) {
		if (event.marketplaceId === marketplaceId && event.releaseAt !== undefined && event.visibleAt <= atMs && atMs < event.releaseAt) {
			deferred += event.totalMinor;
		}
	}
	return { available, deferred, accountLevelReserve: 0 };
}

const BALANCE_TYPES = ['AVAILABLE', 'RESERVED', 'TOTAL', 'DEFERRED', 'ACCOUNT_LEVEL_RESERVE'] as const;

const listBalances: RouteHandler = (request, context) => {
	const { query } = request;
	const now = context.clock.nowMs();
	const balanceType = oneOf(query, 'balanceType', BALANCE_TYPES);
	const asOfDate = optionalDate(query, 'asOfDate');
	if (asOfDate !== undefined && asOfDate > now) throw invalidInput('Invalid asOfDate: it must not be in the future.');
	const requested = listParam(query, 'marketplaceIds');
	const accountType = query.get('accountType');
	const paging = startPaging(request, context, 'nextToken');
	const data = context.state.dataFor(sellerOf(request).sellerId);
	const atMs = asOfDate !== undefined ? Math.min(asOfDate + DAY - 1000, now) : paging.cursor.snapshotMs;
	const marketplaceIds = accountType !== null && accountType !== ACCOUNT_TYPE ? [] : sellerMarketplaces(data, requested);

	const balances = marketplaceIds.map((marketplaceId) => {
		const currency = findMarketplace(marketplaceId)?.currency ?? 'USD';
		const figures = balanceFigures(data, marketplaceId, atMs);
		const money = (minor: number) => camelMoney(minor, currency);
		const reserved = figures.deferred + figures.accountLevelReserve;
		const parts = {
			AVAILABLE: { balanceType: 'AVAILABLE', amount: money(figures.available) },
			DEFERRED: { balanceType: 'DEFERRED', amount: money(figures.deferred) },
			ACCOUNT_LEVEL_RESERVE: { balanceType: 'ACCOUNT_LEVEL_RESERVE', amount: money(figures.accountLevelReserve) },
		};
		const reservedBalance = { balanceType: 'RESERVED', amount: money(reserved), balances: [parts.DEFERRED, parts.ACCOUNT_LEVEL_RESERVE] };
		const total = { balanceType: 'TOTAL', amount: money(figures.available + reserved), balances: [parts.AVAILABLE, reservedBalance] };
		const chosen = balanceType === undefined || balanceType === 'TOTAL' ? total : balanceType === 'RESERVED' ? reservedBalance : parts[balanceType];
		const when = asOfDate !== undefined ? { asOfDate: isoDate(atMs) } : { lastUpdatedTime: localTime(atMs, marketplaceId) };
		return { partnerMetadata: { partnerId: data.seller.sellerId, accountType: ACCOUNT_TYPE, marketplaceId }, ...chosen, ...when };
	});
	const page = paging.page(balances, 500);
	const body: Record<string, unknown> = { balances: page.items };
	if (page.nextToken) body.nextToken = page.nextToken;
	return { status: 200, body };
};

/** Refund-like events are summed under "Refunds"; the others keep their own top level (Sales, Expenses, ...). */
const REFUND_KINDS = new Set<FinanceEvent['kind']>(['Refund', 'GuaranteeClaim', 'Chargeback']);

/** Net proceeds of a settlement period broken down; every level sums exactly to its parent. */
function summaryBreakdowns(events: readonly FinanceEvent[]): BreakdownNode[] {
	const refunds = events.filter((event) => REFUND_KINDS.has(event.kind));
	const tree = mergeBreakdowns(events.filter((event) => !REFUND_KINDS.has(event.kind)).map(eventBreakdowns));
	if (refunds.length > 0) {
		tree.push({
			type: 'Refunds',
			minor: refunds.reduce((sum, event) => sum + event.totalMinor, 0),
			children: mergeBreakdowns(refunds.map(eventBreakdowns)),
		});
	}
	return tree;
}

function formatSummary(group: FinancialEventGroupRecord, atMs: number): Record<string, unknown> {
	const events = group.events.filter((event) => event.settledAt <= atMs);
	return {
		partnerMetadata: { partnerId: group.sellerId, accountType: ACCOUNT_TYPE, marketplaceId: group.marketplaceIds[0] },
		netProceeds: camelMoney(events.reduce((sum, event) => sum + event.totalMinor, 0), group.currency),
		relatedIdentifiers: [
			{ relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: group.settlementId },
			{ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: group.groupId },
		],
		breakdowns: breakdownsJson(summaryBreakdowns(events), group.currency),
		periodStart: isoDate(group.startAt),
		periodEnd: isoDate(group.endAt),
	};
}

const listSummary: RouteHandler = (request, context) => {
	const { query } = request;
	const requested = listParam(query, 'marketplaceIds');
	const accountType = query.get('accountType');
	const identifier = oneOf(query, 'relatedIdentifierName', ['SETTLEMENT_ID'] as const);
	const identifierValue = query.get('relatedIdentifierValue');
	if ((identifier === undefined) !== (identifierValue === null)) {
		throw invalidInput('Invalid relatedIdentifierName/relatedIdentifierValue: give both or neither.');
	}
	const periodStart = optionalDate(query, 'periodStart');
	const periodEnd = optionalDate(query, 'periodEnd');
	if (periodStart !== undefined && periodEnd !== undefined && periodStart > periodEnd) {
		throw invalidInput('Invalid period: periodStart must not be after periodEnd.');
	}
	const paging = startPaging(request, context, 'nextToken');
	const snapshot = paging.cursor.snapshotMs;
	const data = context.state.dataFor(sellerOf(request).sellerId);
	const groups =
		accountType !== null && accountType !== ACCOUNT_TYPE
			? []
			: data.groups.filter(
					(group) =>
						group.startAt <= snapshot &&
						(requested === undefined || group.marketplaceIds.some((id) => requested.includes(id))) &&
						(identifierValue === null || group.settlementId === identifierValue) &&
						(periodStart === undefined || group.endAt > periodStart) &&
						(periodEnd === undefined || group.startAt < periodEnd + DAY),
				);
	const page = paging.page(groups, 100);
	const body: Record<string, unknown> = { summaries: page.items.map((group) => formatSummary(group, snapshot)) };
	if (page.nextToken) body.nextToken = page.nextToken;
	return { status: 200, body };
};

export const finances2024Routes: RouteTable = { listTransactions, listBalances, listSummary };
