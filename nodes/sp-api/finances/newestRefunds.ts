/**
 * The refunds Get Refunds shows: newest first, and with a limit the newest `limit` lines — without reading
 * the whole date range when the limit is reached sooner.
 *
 * Amazon lists a date range oldest first and its pages only go forward, so the range is read from its end
 * in slices that double in length (the last day, the two days before, then four, …) until the lines read
 * reach the limit or the range is used up. Every line of a later slice was posted after every line of an
 * earlier one, so once the slices read hold `limit` lines, the newest `limit` lines of the range are among
 * them. A settlement period or an order cannot be read by date: they are read whole (they are small).
 */
import type { SpApiClient } from '../client';
import { splitRange } from '../dates';
import { emptyFetchStats, fetchRefunds, type FetchedRefund, type FetchStats, type RefundQuery } from './fetchRefunds';
import { MAX_FINANCE_RANGE_DAYS, type PostedRange } from './postedRange';
import { byRefundPostedDate, byRefundPostedDateNewestFirst } from './refunds';

const DAY_MS = 86_400_000;

/** The slices of a range from its end backwards: `firstMs` long, then twice as long each time. */
export function slicesFromEnd(range: PostedRange, firstMs = DAY_MS): PostedRange[] {
	const slices: PostedRange[] = [];
	const startMs = range.start.getTime();
	let end = range.end.getTime();
	for (let size = firstMs; end > startMs; size *= 2) {
		const start = Math.max(startMs, end - size);
		const slice = { start: new Date(start), end: new Date(end) };
		slices.push({ ...slice, endClamped: slices.length === 0 && range.endClamped, windows: splitRange(slice, MAX_FINANCE_RANGE_DAYS) });
		end = start;
	}
	return slices;
}

/**
 * The refunds of the query, newest first; at most `limit` (the newest) when a limit is given. Without a
 * limit, `oldestFirst` keeps the order Get Refunds gave before node version 1.1.
 */
export async function newestRefunds(
	client: SpApiClient,
	query: RefundQuery,
	limit: number | undefined,
	stats: FetchStats = emptyFetchStats(),
	allInOrder: 'newestFirst' | 'oldestFirst' = 'newestFirst',
): Promise<FetchedRefund[]> {
	const found: FetchedRefund[] = [];
	const { selection } = query;
	if (limit === undefined || selection.by !== 'range') {
		for await (const entry of fetchRefunds(client, query, stats)) found.push(entry);
	} else {
		for (const slice of slicesFromEnd(selection.range)) {
			// a line posted exactly on the boundary of two slices may come in both: kept once
			const earlier = new Set(found.map((entry) => entry.refund.refundKey));
			for await (const entry of fetchRefunds(client, { ...query, selection: { by: 'range', range: slice } }, stats)) {
				if (!earlier.has(entry.refund.refundKey)) found.push(entry);
			}
			if (found.length >= limit) break;
		}
	}
	if (limit === undefined && allInOrder === 'oldestFirst') return found.sort((a, b) => byRefundPostedDate(a.refund, b.refund));
	const newestFirst = found.sort((a, b) => byRefundPostedDateNewestFirst(a.refund, b.refund));
	return limit === undefined ? newestFirst : newestFirst.slice(0, limit);
}
