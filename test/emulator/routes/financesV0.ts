/**
 * Finances v0: financial event groups and events. Events show only once settled (visible, and released
 * when deferred); pages hold up to MaxResultsPerPage events summed over all lists.
 */
import type { FinanceEvent, FinancialEventGroupRecord } from '../data/model';
import { invalidInput, type ApiResponse } from '../http/errors';
import { emptyFinancialEvents, formatFinancialEvents, formatV0Group } from '../format/v0';
import { assertOrder, assertSettledTime, MAX_RANGE_MS, maxResultsPerPage, optionalDateTime, TWO_MINUTES } from '../params';
import { startPaging } from './paged';
import { sellerOf, type RouteContext, type RouteHandler, type RouteRequest, type RouteTable } from './types';

interface PostedRange {
	after?: number;
	before: number;
	/** More than 180 days apart: Amazon answers with nothing. */
	tooWide: boolean;
}

/** When the "after" date must be given: always, only together with "before", or never. */
type AfterRule = 'required' | 'withBefore' | 'optional';

function postedRange(request: RouteRequest, context: RouteContext, afterName: string, beforeName: string, afterRule: AfterRule): PostedRange {
	const now = context.clock.nowMs();
	const after = optionalDateTime(request.query, afterName);
	const explicitBefore = optionalDateTime(request.query, beforeName);
	if (after === undefined && (afterRule === 'required' || (afterRule === 'withBefore' && explicitBefore !== undefined))) {
		throw invalidInput(`Missing ${afterName}: it is required${afterRule === 'required' ? '' : ` when ${beforeName} is given`}.`);
	}
	if (after !== undefined) assertSettledTime(afterName, after, now);
	if (explicitBefore !== undefined) assertSettledTime(beforeName, explicitBefore, now);
	const before = explicitBefore ?? now - TWO_MINUTES;
	if (after !== undefined) assertOrder(afterName, after, beforeName, before);
	return { after, before, tooWide: after !== undefined && before - after > MAX_RANGE_MS };
}

function inRange(ms: number, range: PostedRange): boolean {
	return (range.after === undefined || ms >= range.after) && ms < range.before;
}

function eventsAnswer(events: readonly FinanceEvent[], nextToken: string | undefined): ApiResponse {
	const payload: Record<string, unknown> = { FinancialEvents: formatFinancialEvents(events) };
	if (nextToken) payload.NextToken = nextToken;
	return { status: 200, body: { payload } };
}

const EMPTY_EVENTS: ApiResponse = { status: 200, body: { payload: { FinancialEvents: emptyFinancialEvents() } } };

/** Sum of the events a group holds at `atMs`: its running balance while Open. */
function groupTotalAt(group: FinancialEventGroupRecord, atMs: number): number {
	let total = 0;
	for (const event of group.events) if (event.settledAt <= atMs) total += event.totalMinor;
	return total;
}

const listFinancialEventGroups: RouteHandler = (request, context) => {
	const maxResults = maxResultsPerPage(request.query, 10);
	const range = postedRange(request, context, 'FinancialEventGroupStartedAfter', 'FinancialEventGroupStartedBefore', 'optional');
	const paging = startPaging(request, context, 'NextToken');
	const snapshot = paging.cursor.snapshotMs;
	if (range.tooWide) return { status: 200, body: { payload: { FinancialEventGroupList: [] } } };
	const groups = context.state
		.dataFor(sellerOf(request).sellerId)
		.groups.filter((group) => group.startAt <= snapshot && inRange(group.startAt, range))
		// Newest first, the open groups on top.
		.sort((a, b) => b.startAt - a.startAt || (a.currency < b.currency ? -1 : 1));
	const page = paging.page(groups, maxResults);
	const payload: Record<string, unknown> = {
		FinancialEventGroupList: page.items.map((group) => formatV0Group(group, snapshot, groupTotalAt(group, snapshot))),
	};
	if (page.nextToken) payload.NextToken = page.nextToken;
	return { status: 200, body: { payload } };
};

const listFinancialEvents: RouteHandler = (request, context) => {
	const maxResults = maxResultsPerPage(request.query, 100);
	const range = postedRange(request, context, 'PostedAfter', 'PostedBefore', 'required');
	const paging = startPaging(request, context, 'NextToken');
	if (range.tooWide) return EMPTY_EVENTS;
	const snapshot = paging.cursor.snapshotMs;
	const events = context.state
		.dataFor(sellerOf(request).sellerId)
		.events.filter((event) => event.settledAt <= snapshot && inRange(event.postedAt, range));
	const page = paging.page(events, maxResults);
	return eventsAnswer(page.items, page.nextToken);
};

const listFinancialEventsByGroupId: RouteHandler = (request, context) => {
	const maxResults = maxResultsPerPage(request.query, 100);
	const range = postedRange(request, context, 'PostedAfter', 'PostedBefore', 'withBefore');
	const paging = startPaging(request, context, 'NextToken');
	if (range.tooWide) return EMPTY_EVENTS;
	const snapshot = paging.cursor.snapshotMs;
	const group = context.state.dataFor(sellerOf(request).sellerId).groupsById.get(request.pathParams.eventGroupId);
	const events = (group?.events ?? [])
		.filter((event) => event.settledAt <= snapshot && inRange(event.postedAt, range))
		.sort((a, b) => a.postedAt - b.postedAt || (a.eventId < b.eventId ? -1 : 1));
	const page = paging.page(events, maxResults);
	return eventsAnswer(page.items, page.nextToken);
};

const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

const listFinancialEventsByOrderId: RouteHandler = (request, context) => {
	const orderId = request.pathParams.orderId;
	if (!ORDER_ID.test(orderId)) throw invalidInput(`Invalid orderId: "${orderId}" is not an Amazon order id in 3-7-7 format.`);
	const maxResults = maxResultsPerPage(request.query, 100);
	const paging = startPaging(request, context, 'NextToken');
	const snapshot = paging.cursor.snapshotMs;
	const events = (context.state.dataFor(sellerOf(request).sellerId).eventsByOrderId.get(orderId) ?? []).filter(
		(event) => event.settledAt <= snapshot,
	);
	const page = paging.page(events, maxResults);
	return eventsAnswer(page.items, page.nextToken);
};

export const financesV0Routes: RouteTable = {
	listFinancialEventGroups,
	listFinancialEvents,
	listFinancialEventsByGroupId,
	listFinancialEventsByOrderId,
};
