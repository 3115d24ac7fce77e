/**
 * SP-API emulator: a real HTTP server on 127.0.0.1 that answers like Amazon (LWA, SP-API, usage plans,
 * faults), for ACORN's tests, demo and benchmarks.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorClock, parseStartTime } from './clock';
import { EmulatorState } from './data/state';
import { EmulatorEvents } from './events';
import { FaultRegistry } from './faults';
import { createFixtures, isSellerFixtureKey } from './fixtures';
import { createNotificationsControl, createSqsControl } from './notifications/control';
import { NotificationsService } from './notifications/service';
import { EmptyPages } from './paging';
import { RateLimiter } from './rateLimiter';
import { ReportStore } from './reports/store';
import { ROUTES } from './routes';
import type { EmulatorRuntime } from './runtime';
import { createRequestListener } from './server';
import { EmulatedSqs } from './sqs/service';
import { TokenStore } from './tokenStore';
import type { AcornCredentialData, CredentialOptions, Emulator, EmulatorControl, EmulatorOptions, RequestLogEntry, SellerFixtureKey, SpApiRegion } from './types';

export type * from './types';
export type { EmulatorState } from './data/state';
export type * from './data/model';
export type { AccessTokenRecord } from './tokenStore';

function positiveInteger(name: string, value: number): number {
	if (!Number.isInteger(value) || value < 1) throw new RangeError(`EmulatorOptions.${name} must be a positive integer, got ${value}`);
	return value;
}

function resolveOptions(options: EmulatorOptions) {
	const emptyPageEvery = options.emptyPageEvery ?? 0;
	if (!Number.isInteger(emptyPageEvery) || emptyPageEvery < 0 || emptyPageEvery === 1) {
		// Every page empty would never end.
		throw new RangeError(`EmulatorOptions.emptyPageEvery must be 0 (off) or an integer ≥ 2, got ${emptyPageEvery}`);
	}
	const ordersPerDay = options.ordersPerDay ?? 12;
	if (!Number.isFinite(ordersPerDay) || ordersPerDay < 0) throw new RangeError(`EmulatorOptions.ordersPerDay must be ≥ 0, got ${ordersPerDay}`);
	const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
	if (!(tokenLifetimeSeconds > 0)) throw new RangeError(`EmulatorOptions.tokenLifetimeSeconds must be > 0, got ${tokenLifetimeSeconds}`);
	const seed = options.seed ?? 42;
	if (!Number.isInteger(seed)) throw new RangeError(`EmulatorOptions.seed must be an integer, got ${seed}`);
	const reportProcessingMs = options.reportProcessingMs ?? 1500;
	if (!Number.isFinite(reportProcessingMs) || reportProcessingMs < 0) throw new RangeError(`EmulatorOptions.reportProcessingMs must be ≥ 0, got ${reportProcessingMs}`);
	return {
		reportProcessingMs,
		port: options.port ?? 0,
		timeScale: options.timeScale ?? 1,
		enforceRateLimits: options.enforceRateLimits ?? true,
		seed,
		startMs: parseStartTime(options.now),
		tokenLifetimeSeconds,
		historyDays: positiveInteger('historyDays', options.historyDays ?? 120),
		ordersPerDay,
		emptyPageEvery,
		queueTimeScale: options.queueTimeScale ?? 1,
		refundSpikes: options.refundSpikes ?? [],
	};
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const settings = resolveOptions(options);
	const clock = new EmulatorClock(settings.startMs);
	const fixtures = createFixtures();
	const tokens = new TokenStore(clock, settings.tokenLifetimeSeconds);
	const state = new EmulatorState(
		fixtures,
		{ seed: settings.seed, nowMs: settings.startMs, historyDays: settings.historyDays, ordersPerDay: settings.ordersPerDay, refundSpikes: settings.refundSpikes },
		tokens,
	);
	const limiter = new RateLimiter(settings.timeScale, settings.enforceRateLimits);
	const faults = new FaultRegistry();
	const events = new EmulatorEvents();
	const sqs = new EmulatedSqs({ timeScale: settings.queueTimeScale });
	await sqs.start();
	const notifications = new NotificationsService({ fixtures, clock, state, events, sqs, seed: settings.seed });
	sqs.beforeReceive = () => notifications.scanTransactions();
	const requestLog: RequestLogEntry[] = [];
	const pendingTimers = new Set<NodeJS.Timeout>();
	const reports = new ReportStore({ state, clock, events, seed: settings.seed, processingMs: settings.reportProcessingMs, baseUrl: () => url, timers: pendingTimers });
	const responseListeners = new Set<(entry: RequestLogEntry) => void>();
	let url = '';

	const control: EmulatorControl = {
		injectFault: (fault) => faults.add(fault),
		clearFaults: () => faults.clear(),
		requests: () => requestLog.map((entry) => ({ ...entry, query: { ...entry.query }, headers: { ...entry.headers } })),
		clearRequests: () => void requestLog.splice(0),
		expireAccessTokens: () => tokens.expireAll(),
		revokeRefreshToken: (target) => tokens.revokeRefreshToken(isSellerFixtureKey(target) ? fixtures.sellers[target].refreshToken : target),
		setTimeScale: (n) => limiter.setTimeScale(n),
		setRateLimitsEnforced: (on) => limiter.setEnforced(on),
		refillRateLimits: () => limiter.refillAll(),
		now: () => clock.now(),
		advanceClock: (ms) => {
			clock.advance(ms);
			// reports that are due by the new time finish (and are announced) now
			reports.sync();
		},
		events,
		onResponse: (listener) => {
			responseListeners.add(listener);
			return () => void responseListeners.delete(listener);
		},
		state,
		sqs: createSqsControl(sqs),
		notifications: createNotificationsControl(notifications, state),
		reports: reports.control,
	};
	const urls = () => ({ url, lwaTokenUrl: `${url}/auth/o2/token`, endpointTemplate: `${url}/{region}` });
	const credentialsFor = (key: SellerFixtureKey, options: CredentialOptions = {}): AcornCredentialData => {
		const seller = fixtures.sellers[key];
		if (!seller) throw new RangeError(`no seller fixture "${String(key)}"`);
		const app = fixtures.apps[seller.app];
		const environment = options.environment ?? 'production';
		return {
			clientId: app.clientId,
			clientSecret: app.clientSecret,
			refreshToken: seller.refreshToken,
			region: seller.region,
			environment,
			useCustomEndpoints: true,
			lwaTokenUrl: urls().lwaTokenUrl,
			// a client uses the override whatever the environment, so the sandbox needs its own prefix
			spApiEndpoint: environment === 'sandbox' ? `${url}/sandbox/{region}` : urls().endpointTemplate,
		};
	};
	const runtime: EmulatorRuntime = {
		clock,
		fixtures,
		tokens,
		state,
		limiter,
		faults,
		requestLog,
		routes: ROUTES,
		seed: settings.seed,
		emptyPages: new EmptyPages(settings.emptyPageEvery),
		events,
		sqs,
		notifications,
		reports,
		control,
		pendingTimers,
		answered: (entry) => {
			for (const listener of responseListeners) listener({ ...entry, query: { ...entry.query }, headers: { ...entry.headers } });
		},
		urls,
		credentialsFor,
	};

	const server = createServer(createRequestListener(runtime));
	// Clients keep connections alive; the emulator must not keep a test process alive after close().
	server.keepAliveTimeout = 5000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(settings.port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	let closing: Promise<void> | undefined;
	return {
		url,
		lwaTokenUrl: urls().lwaTokenUrl,
		endpointTemplate: urls().endpointTemplate,
		spApiUrl: (region: SpApiRegion) => `${url}/${region.toLowerCase()}`,
		fixtures,
		credentialsFor,
		control,
		close: () => {
			closing ??= new Promise<void>((resolve) => {
				for (const timer of runtime.pendingTimers) clearTimeout(timer);
				runtime.pendingTimers.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			}).then(() => sqs.close());
			return closing;
		},
	};
}
