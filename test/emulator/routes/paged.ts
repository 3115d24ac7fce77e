/** Glue between handlers and paging.ts: one call sets up the cursor and the page cutter for a request. */
import { argumentsFingerprint, openCursor, takePage, type Page, type PageCursor } from '../paging';
import type { RouteContext, RouteRequest } from './types';

export interface Paging {
	cursor: PageCursor;
	page<T>(items: readonly T[], pageSize: number): Page<T>;
}

/** Call after validating the other parameters, so a bad argument is reported as such, not as a bad token. */
export function startPaging(request: RouteRequest, context: RouteContext, tokenParam: string): Paging {
	const fields = {
		operation: request.operation,
		// Grantless operations page per application.
		sellerId: request.seller?.sellerId ?? request.app.clientId,
		args: argumentsFingerprint(request.query, tokenParam, request.pathParams),
	};
	const cursor = openCursor(request.query.get(tokenParam), tokenParam, fields, context.clock.nowMs());
	return {
		cursor,
		page: (items, pageSize) =>
			takePage(items, cursor, pageSize, context.emptyPages.nextIsEmpty(`${fields.sellerId}|${fields.operation}`), fields),
	};
}
