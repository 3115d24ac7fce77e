/** What an operation handler gets and returns. One file per API registers its handlers in routes/index.ts. */
import type { IncomingHttpHeaders } from 'node:http';
import type { OperationKey } from '../../../nodes/sp-api/generated/operations.generated';
import type { EmulatorClock } from '../clock';
import type { EmulatorState } from '../data/state';
import type { EmulatorEvents } from '../events';
import type { ApiResponse } from '../http/errors';
import type { NotificationsService } from '../notifications/service';
import type { EmptyPages } from '../paging';
import type { ReportStore } from '../reports/store';
import type { TokenStore } from '../tokenStore';
import type { AppFixture, SellerFixture, SpApiRegion } from '../types';

export interface RouteRequest {
	operation: OperationKey;
	pathParams: Record<string, string>;
	query: URLSearchParams;
	/** Parsed JSON body, or the raw text when it is not JSON; undefined when empty. */
	body: unknown;
	headers: IncomingHttpHeaders;
	app: AppFixture;
	/** Set for seller-authorised operations. */
	seller?: SellerFixture;
	region?: SpApiRegion;
	/** The call came with a Restricted Data Token made for it (restricted operations need one). */
	restrictedDataToken?: boolean;
}

export interface RouteContext {
	state: EmulatorState;
	clock: EmulatorClock;
	seed: number;
	emptyPages: EmptyPages;
	/** Announce what Amazon would notify about (see events.ts). */
	events: EmulatorEvents;
	/** Destinations, subscriptions and delivery of notifications (routes/notifications.ts). */
	notifications?: NotificationsService;
	/** Reports, schedules and report documents (reports/store.ts). */
	reports: ReportStore;
	/** Access tokens (the Tokens API issues Restricted Data Tokens). */
	tokens?: TokenStore;
}

export type RouteHandler = (request: RouteRequest, context: RouteContext) => ApiResponse | Promise<ApiResponse>;

export type RouteTable = Partial<Record<OperationKey, RouteHandler>>;

/** The seller of a seller-authorised call; auth guarantees it, this keeps handlers honest. */
export function sellerOf(request: RouteRequest): SellerFixture {
	if (!request.seller) throw new Error(`${request.operation} needs a seller token`);
	return request.seller;
}
