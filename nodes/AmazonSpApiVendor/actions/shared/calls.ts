/**
 * Calls through the SP-API core with the Vendor node's error wording, and the listings: Amazon answers
 * the PO listings for at most 7 days per call, so a longer period becomes one listing per 7-day window
 * (oldest first), each paged with `payload.pagination.nextToken`.
 */
import type { CallInput, ParamValue, SpApiClient, SpApiResponse } from '../../../sp-api/client';
import { splitRange, toUtcIso, type DateRange } from '../../../sp-api/dates';
import type { OperationKey } from '../../../sp-api/operations';
import { paginateItems } from '../../../sp-api/pagination';
import { vendorError, type WriteDescription } from './errors';

export async function vendorCall<T>(client: SpApiClient, key: OperationKey, input: CallInput, write?: WriteDescription): Promise<SpApiResponse<T>> {
	try {
		return await client.call<T>(key, input);
	} catch (error) {
		throw vendorError(error, write);
	}
}

/** Amazon's longest date range of getPurchaseOrders and getPurchaseOrdersStatus. */
export const MAX_WINDOW_DAYS = 7;

export interface Listing<P> {
	key: OperationKey;
	params: Record<string, ParamValue>;
	/** The date filter the windows go into, e.g. "created" → createdAfter/createdBefore. */
	window?: { prefix: string; range: DateRange; maxDays?: number };
	/** Largest page Amazon serves (100 for POs, 50 for shipments). */
	pageSize: number;
	select: (page: P) => readonly unknown[];
	/** Newest window first (the caller asks Amazon for sortOrder DESC within each). */
	newestFirst?: boolean;
	/** Items with a key already seen (one on the boundary of two windows) are given once. */
	keyOf?: (item: unknown) => string | undefined;
}

/** Items of a listing across its windows and pages, stopping at `limit` (no further page is fetched). */
export async function* listItems<P>(client: SpApiClient, listing: Listing<P>, limit?: number): AsyncGenerator<{ item: unknown; page: SpApiResponse<P> }> {
	const windows: Array<DateRange | undefined> = listing.window ? splitRange(listing.window.range, listing.window.maxDays ?? MAX_WINDOW_DAYS) : [undefined];
	if (listing.newestFirst) windows.reverse();
	let count = 0;
	const seen = new Set<string>();
	try {
		for (const window of windows) {
			const params: Record<string, ParamValue> = { ...listing.params, limit: Math.min(listing.pageSize, limit ?? listing.pageSize) };
			if (window && listing.window) {
				params[`${listing.window.prefix}After`] = toUtcIso(window.start);
				params[`${listing.window.prefix}Before`] = toUtcIso(window.end);
			}
			const left = limit === undefined ? undefined : limit - count;
			for await (const entry of paginateItems<unknown, P>(client, listing.key, { params }, listing.select, { limit: left })) {
				const key = listing.keyOf?.(entry.item);
				if (key !== undefined) {
					if (seen.has(key)) continue;
					seen.add(key);
				}
				yield entry;
				count += 1;
			}
			if (limit !== undefined && count >= limit) return;
		}
	} catch (error) {
		throw vendorError(error);
	}
}
