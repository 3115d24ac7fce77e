/**
 * Public types of the SP-API emulator. The emulator stands in for Amazon, so nothing here may come from
 * ACORN's client code: only the static operation table, regions and marketplaces are shared.
 */
import type { OperationKey } from '../../nodes/sp-api/generated/operations.generated';
import type { SpApiRegion } from '../../nodes/sp-api/regions';
import type { EmulatorState } from './data/state';
import type { EmulatorEvents } from './events';
import type { NotificationsControl, SqsControl } from './notifications/controlTypes';
import type { ReportsControl } from './reports/store';

export type { OperationKey, SpApiRegion };

export type SellerFixtureKey = 'na' | 'eu' | 'fe' | 'na2' | 'noRoles' | 'appB' | 'vendor';
export type AppFixtureKey = 'A' | 'B';

/** Roles as Amazon names them in the developer profile. */
export type SpApiRole =
	| 'Finance and Accounting'
	| 'Inventory and Order Tracking'
	| 'Amazon Fulfillment'
	| 'Account Information Service Provider'
	| 'Payment Initiation Service Provider'
	| 'Selling Partner Insights'
	| 'Brand Analytics'

	| 'Tax Invoicing'
	| 'Tax Remittance';

export interface AppFixture {
	key: AppFixtureKey;
	name: string;
	clientId: string;
	clientSecret: string;
}

export interface SellerFixture {
	key: SellerFixtureKey;
	sellerId: string;
	storeName: string;
	region: SpApiRegion;
	/** Marketplace ids in which the seller sells (and for which data is generated). */
	marketplaceIds: string[];
	app: AppFixtureKey;
	refreshToken: string;
	/** Roles the app holds for this seller; empty = every role-protected call answers 403. */
	roles: SpApiRole[];
}

export interface EmulatorFixtures {
	apps: Record<AppFixtureKey, AppFixture>;
	sellers: Record<SellerFixtureKey, SellerFixture>;
}

/** Data of ACORN's `amazonSpApi` n8n credential pointing at the emulator. */
export interface AcornCredentialData {
	clientId: string;
	clientSecret: string;
	refreshToken: string;
	region: SpApiRegion;
	environment: 'production' | 'sandbox';
	useCustomEndpoints: true;
	lwaTokenUrl: string;
	spApiEndpoint: string;
}

export interface CredentialOptions {
	/** Default production. Sandbox credentials use `${url}/sandbox/{region}` as their endpoint. */
	environment?: 'production' | 'sandbox';
}

export interface EmulatorOptions {
	/** Default 0: a random free port. */
	port?: number;
	/** Speed-up factor for usage plans (refill rate × timeScale). Default 1. */
	timeScale?: number;
	/** Default true. When false the emulator never answers 429 (the rate header is still sent). */
	enforceRateLimits?: boolean;
	/** Data generator seed, default 42. */
	seed?: number;
	/** Emulator clock start; data is generated relative to it. Default: real now. */
	now?: Date | string;
	/** LWA access token lifetime in seconds, default 3600. */
	tokenLifetimeSeconds?: number;
	/** Days of finance history to generate, default 120. */
	historyDays?: number;
	/** Orders per day and marketplace (varies ±30 % per day), default 12. */
	ordersPerDay?: number;
	/**
	 * Every Nth page served per seller and operation (counted across calls, so a first page can be empty)
	 * has empty lists but carries a token. 0 = off (default); must be 0 or ≥ 2.
	 */
	emptyPageEvery?: number;
	/** Speed-up factor for the emulated SQS (visibility timeouts, long-poll waits, retention). Default 1. */
	queueTimeScale?: number;
	/**
	 * How long a requested report takes from createReport to its final status (about 30 % IN_QUEUE,
	 * then IN_PROGRESS), in ms of the emulator clock. Default 1500.
	 */
	reportProcessingMs?: number;
	/** Product problems added to the seeded data (default none). */
	refundSpikes?: RefundSpike[];
}

/**
 * A product problem to put into the seeded data (see data/refundSpikes.ts): `refunds` extra FBA orders of
 * one product, returned with one reason and refunded in the last hours before the clock start.
 */
export interface RefundSpike {
	seller: SellerFixtureKey;
	/** One of the seller's marketplaces: id or country code (e.g. DE). */
	marketplace: string;
	/** Product code of the emulator's catalog: TENT2, MUG12, LAMP, BAG20, SOCK3, STOVE, KNIFE, BOTTLE, CHAIR, GLOVES, HAMMOCK, MAP. */
	product: string;
	refunds: number;
	/** The refunds are posted within this many hours before the clock start (default 20, at least 2). */
	withinHours?: number;
	/** FBA return reason of their returns (default DEFECTIVE). */
	reason?: string;
}

export interface FaultSpec {
	operation: OperationKey | 'lwaToken';
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** How many matching requests fail, default 1. */
	count?: number;
	/** Answer this late (with the fault status, a reset, or the normal answer when neither is set). */
	delayMs?: number;
	/** Destroy the socket without answering. */
	connectionReset?: boolean;
	/** Run the handler first (state changes happen), then fail with the status or the reset. */
	afterEffect?: boolean;
	/** Only requests of this seller (seller id, not fixture key). */
	sellerId?: string;
	/** Let this many matching requests through normally before the fault starts (e.g. after the client learned the rate). */
	afterRequests?: number;
	/**
	 * Serve the page empty: no items, but a token to the same position (as Amazon sometimes does in the
	 * middle of a listing). Paged operations only; with `afterRequests: 1` it is the second page.
	 */
	emptyPage?: boolean;
}

export type TokenKind = 'seller' | 'grantless' | 'none' | 'lwa';

export interface RequestLogEntry {
	/** Emulator clock time at which the request arrived. */
	at: string;
	method: string;
	/** Path without the region prefix. */
	path: string;
	region?: SpApiRegion;
	/** Sent to the sandbox prefix (`/sandbox/{region}`): answered from the models' static sandbox cases. */
	sandbox?: boolean;
	query: Record<string, string>;
	operation?: OperationKey;
	/** HTTP status sent; 0 when the connection was reset without an answer. */
	status: number;
	sellerId?: string;
	clientId?: string;
	tokenKind: TokenKind;
	requestId: string;
	/** Request headers, lower-case names. Tests may read them; never print them (they hold tokens). */
	headers: Record<string, string>;
}

export interface EmulatorControl {
	injectFault(fault: FaultSpec): void;
	clearFaults(): void;
	requests(): RequestLogEntry[];
	clearRequests(): void;
	/** Every access token issued so far is expired from now on. */
	expireAccessTokens(): void;
	/** Revokes a refresh token, given as the token itself or as a seller fixture key. */
	revokeRefreshToken(refreshTokenOrSellerKey: string): void;
	setTimeScale(n: number): void;
	setRateLimitsEnforced(on: boolean): void;
	/** Fills every usage-plan bucket again (as after a quiet hour at Amazon): runs meant to be hours apart. */
	refillRateLimits(): void;
	now(): Date;
	advanceClock(ms: number): void;
	/** What the emulator would notify about (reports finished, transactions posted, ...). */
	events: EmulatorEvents;
	/** Calls `listener` after each answered (or reset) request; returns a function that removes it. */
	onResponse(listener: (entry: RequestLogEntry) => void): () => void;
	/** The generated data and issued tokens, for assertions. */
	state: EmulatorState;
	/** The emulated Amazon SQS (own loopback port, SigV4 checked). */
	sqs: SqsControl;
	/** Destinations, subscriptions and what was published. */
	notifications: NotificationsControl;
	/** Report documents: how they are served, cut downloads, generated documents of any size. */
	reports: ReportsControl;
}

export interface Emulator {
	url: string;
	lwaTokenUrl: string;
	/** `${url}/{region}`: the client replaces `{region}` by na, eu or fe. */
	endpointTemplate: string;
	spApiUrl(region: SpApiRegion): string;
	fixtures: EmulatorFixtures;
	/** Credential data of a fixture seller; `environment: 'sandbox'` points it at the static sandbox prefix. */
	credentialsFor(seller: SellerFixtureKey, options?: CredentialOptions): AcornCredentialData;
	control: EmulatorControl;
	close(): Promise<void>;
}
